/**
 * ZRFI005 AR collection ("công nợ"): one row per customer × channel × salesman for one snapshot
 * (DOMAIN.md §1.6). The file has no date: the load is told the snapshot date. Key snapshot + customer
 * code + channel + salesman code; the channel may be blank (stored null, the key treats nulls as equal).
 * Note the spellings `Customer Hirarchy` and the uneven spacing around the dashes of the buckets.
 */
import type { ReportSpec } from "../report-spec.js";

export const zrfi005: ReportSpec = {
  report: "ZRFI005",
  title: "ZRFI005 AR collection",
  table: "raw_zrfi005",
  key: ["snapshot_date", "customer_code", "distribution_channel", "salesman_code"],
  needs: "snapshotDate",
  identity: ["customer_code"],
  columns: [
    { header: "Company Code", column: "company_code", type: "code" },
    { header: "Profit Center", column: "profit_center", type: "code" },
    { header: "Distribution Channel", column: "distribution_channel", type: "code", required: true },
    { header: "Customer Hirarchy", column: "customer_hierarchy", type: "code" },
    { header: "Customer Group", column: "customer_group", type: "code" },
    { header: "Salesman Code", column: "salesman_code", type: "code", required: true },
    { header: "Salesman Name", column: "salesman_name", type: "text" },
    { header: "Customer Code", column: "customer_code", type: "code", required: true },
    { header: "Customer Name", column: "customer_name", type: "text", required: true },
    { header: "Currency", column: "currency", type: "code", required: true },
    { header: "Target 1-30 Days", column: "target_1_30_days", type: "number", required: true },
    { header: "Target 31-60 Days", column: "target_31_60_days", type: "number", required: true },
    { header: "Target 61 - 90 Days", column: "target_61_90_days", type: "number", required: true },
    { header: "Target 91 - 120 Days", column: "target_91_120_days", type: "number", required: true },
    { header: "Target 121 - 180 Days", column: "target_121_180_days", type: "number", required: true },
    { header: "Target > 180 Days", column: "target_over_180_days", type: "number", required: true },
    { header: "Total Target", column: "total_target", type: "number", required: true },
    { header: "Realization Not Due", column: "realization_not_due", type: "number", required: true },
    { header: "Realization 1 - 30 Days", column: "realization_1_30_days", type: "number", required: true },
    { header: "Realization 31 - 60 Days", column: "realization_31_60_days", type: "number", required: true },
    { header: "Realization 61 - 90 Days", column: "realization_61_90_days", type: "number", required: true },
    { header: "Realization 91 - 120 Days", column: "realization_91_120_days", type: "number", required: true },
    { header: "Realization 121 - 180 Days", column: "realization_121_180_days", type: "number", required: true },
    { header: "Realization > 180 Days", column: "realization_over_180_days", type: "number", required: true },
    { header: "Total Realization", column: "total_realization", type: "number", required: true },
  ],
};
