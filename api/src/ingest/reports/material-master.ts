/**
 * Material master 11/12/13/15.xlsx (the combined export is "ZRSD006"): one row per material per
 * distribution channel it is sold in (DOMAIN.md §1.9). Key `Material Code` + `Distribution Channel`.
 * Product hierarchy as code/description pairs `PH 1`/`Division` … `PH 9`/`Item` (PH8/PH9 empty).
 */
import type { ReportSpec } from "../report-spec.js";

export const materialMaster: ReportSpec = {
  report: "MATERIAL_MASTER",
  title: "Material master",
  table: "raw_material_master",
  key: ["material_code", "distribution_channel"],
  identity: ["material_code"],
  notNull: ["distribution_channel"],
  columns: [
    { header: "SOrg", column: "sales_organization", type: "code" },
    { header: "Distribution Channel", column: "distribution_channel", type: "code", required: true },
    { header: "Material Code", column: "material_code", type: "code", required: true },
    { header: "Mat. Description", column: "material_description", type: "text", required: true },
    { header: "Mat. Type", column: "material_type", type: "code" },
    { header: "UOM", column: "uom", type: "code" },
    { header: "PH 1", column: "ph1", type: "code", required: true },
    { header: "Division", column: "division", type: "text", required: true },
    { header: "PH 2", column: "ph2", type: "code", required: true },
    { header: "Business", column: "business", type: "text", required: true },
    { header: "PH 3", column: "ph3", type: "code", required: true },
    { header: "Sub Business", column: "sub_business", type: "text", required: true },
    { header: "PH 4", column: "ph4", type: "code", required: true },
    { header: "Product Group", column: "product_group", type: "text", required: true },
    { header: "PH 5", column: "ph5", type: "code", required: true },
    { header: "Product Group 1", column: "product_group_1", type: "text", required: true },
    { header: "PH 6", column: "ph6", type: "code", required: true },
    { header: "Product Group 2", column: "product_group_2", type: "text", required: true },
    { header: "PH 7", column: "ph7", type: "code", required: true },
    { header: "Series", column: "series", type: "text", required: true },
    { header: "PH 8", column: "ph8", type: "code" },
    { header: "Color", column: "color", type: "text" },
    { header: "PH 9", column: "ph9", type: "code" },
    { header: "Item", column: "item", type: "text" },
    { header: "Material Group 1", column: "material_group_1", type: "code" },
  ],
};
