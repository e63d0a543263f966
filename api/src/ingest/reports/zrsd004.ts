/**
 * ZRSD004 outbound deliveries: one row per delivery item (DOMAIN.md §1.5). Key `Delivery` +
 * `Line Item`. `Cust. Group` is the group's *name* here (a code in ZRSD002/ZRFI005); salesman `0`
 * with no name on cross-plant deliveries is a normal value.
 */
import type { ReportSpec } from "../report-spec.js";

export const zrsd004: ReportSpec = {
  report: "ZRSD004",
  title: "ZRSD004 outbound deliveries",
  table: "raw_zrsd004",
  key: ["delivery", "line_item"],
  identity: ["delivery", "line_item"],
  // `Actual GI Date` is blank until the delivery is goods-issued (never blank in the sample).
  notNull: ["delivery_date", "delivery_type", "distribution_channel", "material"],
  columns: [
    { header: "Delivery Date", column: "delivery_date", type: "date", required: true },
    { header: "Actual GI Date", column: "actual_gi_date", type: "date", required: true },
    { header: "Delivery", column: "delivery", type: "code", required: true },
    { header: "SO Reference", column: "so_reference", type: "code", required: true },
    { header: "Req. Type", column: "requirement_type", type: "code" },
    { header: "Delivery Type", column: "delivery_type", type: "code", required: true },
    { header: "Shipping Point", column: "shipping_point", type: "code" },
    { header: "Sloc", column: "storage_location", type: "code" },
    { header: "Sales Office", column: "sales_office", type: "code" },
    { header: "Dist. Channel", column: "distribution_channel", type: "code", required: true },
    { header: "Cust. Group", column: "customer_group_name", type: "text" },
    { header: "Sold-to Party", column: "sold_to", type: "code", required: true },
    { header: "Ship-to Party", column: "ship_to", type: "code" },
    { header: "Name of Ship-to", column: "ship_to_name", type: "text" },
    { header: "City of Ship-to", column: "ship_to_city", type: "text" },
    { header: "Regional Stru. Grp.", column: "regional_structure_group", type: "code" },
    { header: "Transportation Zone", column: "transportation_zone", type: "code" },
    { header: "Salesman ID", column: "salesman_id", type: "code" },
    { header: "Salesman Name", column: "salesman_name", type: "text" },
    { header: "Material", column: "material", type: "code", required: true },
    { header: "Description", column: "material_description", type: "text", required: true },
    { header: "Delivery Qty", column: "delivery_quantity", type: "number", required: true },
    { header: "Tonase", column: "tonnage", type: "number" },
    { header: "Tonase Unit", column: "tonnage_unit", type: "code" },
    { header: "Actual Delivery Qty", column: "actual_delivery_quantity", type: "number", required: true },
    { header: "Sales Unit", column: "sales_unit", type: "code", required: true },
    { header: "Net Weight", column: "net_weight", type: "number", required: true },
    { header: "Weight Unit", column: "weight_unit", type: "code" },
    { header: "Volume", column: "volume", type: "number" },
    { header: "Volume Unit", column: "volume_unit", type: "code" },
    { header: "Created By", column: "created_by", type: "code" },
    { header: "Product Hierarchy", column: "product_hierarchy", type: "code" },
    { header: "Line Item", column: "line_item", type: "code", required: true },
    { header: "Total Movement Goods Stat", column: "goods_movement_status", type: "code" },
  ],
};
