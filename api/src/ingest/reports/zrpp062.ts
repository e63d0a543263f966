/**
 * ZRPP062 filling-order yield and variance: one row per P01 process order (DOMAIN.md §1.7). Key
 * `Process Order`; the file has no date, so the load is told the period (stored in `period`, an
 * attribute, not part of the key). Five headers are named `UoM`: each is the unit of the quantity
 * column right before it (`follows`). Aliases are the spellings the old loader looked up.
 */
import type { ReportSpec } from "../report-spec.js";

export const zrpp062: ReportSpec = {
  report: "ZRPP062",
  title: "ZRPP062 filling yield",
  table: "raw_zrpp062",
  key: ["process_order"],
  needs: "period",
  identity: ["process_order"],
  // `Order SFG Liquid` is blank on 13 sample rows (repacks); `SG Actual` may be `?` or blank.
  notNull: ["material", "batch"],
  columns: [
    { header: "MRP controller", column: "mrp_controller", type: "code", required: true, aliases: ["MRP Controller"] },
    { header: "Product Group 1", column: "product_group_1", type: "text" },
    { header: "Product Group 2", column: "product_group_2", type: "text" },
    { header: "Material", column: "material", type: "code", required: true },
    { header: "Material Description", column: "material_description", type: "text" },
    { header: "Batch", column: "batch", type: "code", required: true },
    { header: "Process Order", column: "process_order", type: "code", required: true },
    { header: "Order SFG Liquid", column: "order_sfg_liquid", type: "code", required: true },
    { header: "Qty Order SFG Liquid", column: "order_sfg_liquid_qty", type: "number" },
    { header: "TB", column: "tb", type: "code" },
    { header: "PV", column: "production_version", type: "code" },
    { header: "BOM Alt.", column: "bom_alternative", type: "code", aliases: ["BOM Alt"] },
    { header: "BOM Text", column: "bom_text", type: "text" },
    { header: "Group Recipe", column: "group_recipe", type: "text" },
    { header: "Process Order Qty", column: "process_order_qty", type: "number", required: true },
    { header: "UoM", column: "process_order_qty_uom", type: "code", follows: "Process Order Qty" },
    { header: "Tonase POS", column: "tonase_pos", type: "number" },
    { header: "UoM Tonase", column: "tonase_pos_uom", type: "code" },
    { header: "System Status", column: "system_status", type: "code" },
    { header: "UD Status", column: "ud_status", type: "text" },
    { header: "GI Packaging to Order Lbl", column: "gi_packaging", type: "number" },
    { header: "UoM", column: "gi_packaging_uom", type: "code", follows: "GI Packaging to Order Lbl" },
    {
      header: "GI SFG Liquid to Order Filling",
      column: "gi_sfg_liquid",
      type: "number",
      required: true,
      aliases: ["GI SFG Liquid to Order"],
    },
    { header: "UoM", column: "gi_sfg_liquid_uom", type: "code", follows: "GI SFG Liquid to Order Filling" },
    { header: "GR Qty to 0201", column: "gr_qty", type: "number", required: true },
    { header: "Tonase Alkana(0201)", column: "tonase_alkana", type: "number" },
    { header: "UoM", column: "tonase_alkana_uom", type: "code", follows: "Tonase Alkana(0201)" },
    { header: "GR By-Product", column: "gr_by_product", type: "number", required: true, aliases: ["GR by Product"] },
    { header: "UoM", column: "gr_by_product_uom", type: "code", follows: "GR By-Product" },
    { header: "BAR SFG", column: "bar_sfg", type: "number", aliases: ["Bar SFG"] },
    { header: "Qty Allowance", column: "qty_allowance", type: "number" },
    { header: "SG Theoretical", column: "sg_theoretical", type: "number" },
    { header: "SG Actual", column: "sg_actual", type: "decimalComma" },
    {
      header: "Variant Prod SFG Result(%)",
      column: "variant_prod_sfg_percent",
      type: "number",
      aliases: ["Variant Prod SFG (%)"],
    },
    { header: "Variant FG (PC)", column: "variant_fg_pc", type: "number" },
    { header: "Variant FG (%)", column: "variant_fg_percent", type: "number" },
    { header: "Lossess FG Result (Kg)", column: "loss_fg_kg", type: "number" },
    { header: "Lossess FG Result (%)", column: "loss_fg_percent", type: "number" },
    {
      header: "Pc to Kg (actual)",
      column: "pc_to_kg_actual",
      type: "number",
      required: true,
      aliases: ["PC to KG (Actual)"],
    },
    { header: "PD Manager", column: "pd_manager", type: "text" },
    { header: "PD Leader", column: "pd_leader", type: "text" },
  ],
};
