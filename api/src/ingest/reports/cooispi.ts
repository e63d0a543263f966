/** COOISPI process orders: one row per process order, all at plant 1201 (DOMAIN.md §1.2). Key `Order`. */
import type { ReportSpec } from "../report-spec.js";

export const cooispi: ReportSpec = {
  report: "COOISPI",
  title: "COOISPI process orders",
  table: "raw_cooispi",
  key: ["order_number"],
  identity: ["order_number"],
  // `Actual finish date` is blank on unfinished orders; `Sales Order` only on MTO orders. The release
  // date is always filled in the sample but would be blank on an order that is only created (CRTD).
  notNull: ["plant", "order_type", "material", "batch", "mrp_controller", "basic_start_date", "basic_finish_date"],
  columns: [
    { header: "Plant", column: "plant", type: "code", required: true },
    { header: "Sales Order", column: "sales_order", type: "code", required: true },
    { header: "Order", column: "order_number", type: "code", required: true },
    { header: "Order Type", column: "order_type", type: "code", required: true },
    { header: "Material Number", column: "material", type: "code", required: true },
    { header: "Basic start date", column: "basic_start_date", type: "date", required: true },
    { header: "Release date (actual)", column: "release_date", type: "date", required: true },
    { header: "Actual finish date", column: "actual_finish_date", type: "date", required: true },
    { header: "Material description", column: "material_description", type: "text" },
    { header: "BOM alternative", column: "bom_alternative", type: "code" },
    { header: "Batch", column: "batch", type: "code", required: true },
    { header: "System Status", column: "system_status", type: "code", required: true },
    { header: "MRP controller", column: "mrp_controller", type: "code", required: true },
    { header: "Order quantity (GMEIN)", column: "order_quantity", type: "number", required: true },
    { header: "Delivered quantity (GMEIN)", column: "delivered_quantity", type: "number", required: true },
    {
      header: "Unit of measure (=GMEIN)",
      column: "unit_of_measure",
      type: "code",
      required: true,
      aliases: ["Unit of measure"],
    },
    { header: "Created on", column: "created_on", type: "date" },
    { header: "Basic finish date", column: "basic_finish_date", type: "date", required: true },
  ],
};
