/**
 * target.xlsx: revenue target per salesman per semester (DOMAIN.md §1.8). Key salesman name + year +
 * semester. A formatted-text reader sees the header as ` Target ` and the value as ` 11,000,000,000 `;
 * header matching trims, and `number` treats `,` as a thousands separator.
 */
import type { ReportSpec } from "../report-spec.js";

export const target: ReportSpec = {
  report: "TARGET",
  title: "Salesman semester targets",
  table: "raw_target",
  key: ["salesman_name", "year", "semester"],
  identity: ["salesman_name"],
  notNull: ["semester", "year"],
  columns: [
    { header: "Salesman Name", column: "salesman_name", type: "text", required: true },
    { header: "Semester", column: "semester", type: "number", required: true },
    { header: "Year", column: "year", type: "number", required: true },
    { header: "Target", column: "target", type: "number", required: true },
  ],
};
