/**
 * One file row → a typed record, a skipped row (blank, total, subtotal) or the problems that make it
 * invalid. Totals: SAP list-viewer total and subtotal rows leave the identity columns empty and carry
 * sums, or carry a label such as `Total` or `S U B T O T A L` (CONTRACT.md "Totals").
 */
import { isEmptyCell, isProblem, originalValue, parseCell, type ParseOptions, type ParsedCell } from "./cells.js";
import type { Detection } from "./detect.js";
import type { SourceRow } from "./read/source.js";

export interface RowProblem {
  sheet: string | null;
  row: number | null;
  column: string | null;
  value: string | number | boolean | null;
  reason: string;
}

export type ParsedRow =
  | { kind: "skipped"; why: "blank" | "total" }
  | { kind: "invalid"; problems: RowProblem[] }
  | { kind: "data"; values: Record<string, ParsedCell>; raw: Record<string, unknown> };

const TOTAL_LABEL = /^(sub)?totals?\*?$|^\*+$|^grandtotal\*?$|^tổngcộng$/;

const NUL_REASON = "contains a NUL character (shown as \\0), which the database cannot store: the file is damaged or not a text export";

export function parseRow(row: SourceRow, detection: Detection, options: ParseOptions): ParsedRow {
  const { columns, headers, spec } = detection;
  if (row.cells.every((cell) => isEmptyCell(cell))) return { kind: "skipped", why: "blank" };
  if (isTotalRow(row, detection)) return { kind: "skipped", why: "total" };

  const values: Record<string, ParsedCell> = {};
  for (const column of spec.columns) values[column.column] = null;
  const raw: Record<string, unknown> = {};
  const problems: RowProblem[] = [];
  const sheet = detection.sheet.name;
  for (let index = 0; index < headers.length; index += 1) {
    const cell = row.cells[index] ?? null;
    raw[headers[index]] = originalValue(cell);
    if (typeof cell === "string" && cell.includes("\u0000")) {
      // No PostgreSQL text or jsonb value can hold NUL: say so here, not as a database error later.
      problems.push({ sheet, row: row.rowNumber, column: headers[index], value: cell.replaceAll("\u0000", "\\0"), reason: NUL_REASON });
      continue;
    }
    const column = columns[index];
    if (!column) continue;
    const parsed = parseCell(cell, column.type, options);
    if (isProblem(parsed)) {
      problems.push({ sheet, row: row.rowNumber, column: headers[index], value: originalValue(cell), reason: parsed.problem });
    } else {
      values[column.column] = parsed;
    }
  }
  for (let index = headers.length; index < row.cells.length; index += 1) {
    if (!isEmptyCell(row.cells[index])) {
      problems.push({
        sheet,
        row: row.rowNumber,
        column: `column ${index + 1}`,
        value: originalValue(row.cells[index]),
        reason: "value in a column without a header",
      });
    }
  }
  for (const name of [...spec.identity, ...(spec.notNull ?? [])]) {
    if (values[name] === null && !problems.some((problem) => problem.column === headerOf(detection, name))) {
      problems.push({
        sheet,
        row: row.rowNumber,
        column: headerOf(detection, name),
        value: null,
        reason: "required value is empty",
      });
    }
  }
  if (problems.length > 0) return { kind: "invalid", problems };
  return { kind: "data", values, raw };
}

function isTotalRow(row: SourceRow, detection: Detection): boolean {
  const { columns, spec } = detection;
  const labelled = row.cells.some(
    (cell, index) =>
      typeof cell === "string" &&
      (index === 0 || spec.identity.includes(columns[index]?.column ?? "")) &&
      TOTAL_LABEL.test(cell.replace(/\s+/g, "").toLowerCase()),
  );
  if (labelled) return true;
  // Unlabelled totals: no identity, and nothing but codes and sums (a row that has a description or
  // a date but lost its key is an invalid data row, reported as such).
  return row.cells.every((cell, index) => {
    if (isEmptyCell(cell)) return true;
    const column = columns[index];
    if (!column) return false;
    if (spec.identity.includes(column.column)) return false;
    return column.type === "number" || column.type === "decimalComma" || column.type === "code";
  });
}

function headerOf(detection: Detection, column: string): string {
  const index = detection.columns.findIndex((spec) => spec?.column === column);
  return index >= 0 ? detection.headers[index] : (detection.spec.columns.find((c) => c.column === column)?.header ?? column);
}
