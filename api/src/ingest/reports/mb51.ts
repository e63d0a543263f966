/** MB51 material documents: one line per stock posting (DOMAIN.md §1.1). No natural key: window replacement (D2). */
import type { ReportSpec } from "../report-spec.js";

export const mb51: ReportSpec = {
  report: "MB51",
  title: "MB51 material documents",
  table: "raw_mb51",
  key: "window",
  identity: ["material_document"],
  notNull: ["posting_date", "movement_type", "plant", "material"],
  columns: [
    { header: "Posting Date", column: "posting_date", type: "date", required: true },
    { header: "Movement Type", column: "movement_type", type: "code", required: true },
    { header: "Plant", column: "plant", type: "code", required: true },
    { header: "Storage Location", column: "storage_location", type: "code", required: true },
    { header: "Material", column: "material", type: "code", required: true },
    { header: "Material Description", column: "material_description", type: "text", required: true },
    { header: "Batch", column: "batch", type: "code", required: true },
    { header: "Qty in Un. of Entry", column: "quantity", type: "number", required: true, aliases: ["Quantity in Unit of Entry"] },
    { header: "Unit of Entry", column: "unit_of_entry", type: "code", required: true },
    { header: "Cost Center", column: "cost_center", type: "code" },
    { header: "G/L Account", column: "gl_account", type: "code" },
    { header: "Material Document", column: "material_document", type: "code", required: true },
    { header: "Text", column: "text", type: "text" },
    { header: "Reference", column: "reference", type: "code", required: true },
    { header: "Reason for Movement", column: "reason_for_movement", type: "code" },
    { header: "Purchase Order", column: "purchase_order", type: "code", required: true },
  ],
};
