/**
 * CSV per RFC 4180: comma-separated, CRLF line ends, fields with a comma, quote or line break quoted
 * and inner quotes doubled; UTF-8 with a byte-order mark so that Excel reads Vietnamese correctly.
 * Numbers and dates are written as the language writes them (`1.234,5` and `21/01/2026` in vi), so
 * vi numbers with a decimal comma are quoted. Text that a spreadsheet would run as a formula
 * (starting with `=`, `+`, `-`, `@`, tab or carriage return) is prefixed with `'` (OWASP CSV injection).
 */
import { formatCell } from "./localize.js";
import type { ExportDocument } from "./types.js";

const BOM = "\uFEFF";
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function writeCsv(document: ExportDocument): Buffer {
  const { table, lang, rows } = document;
  const lines = [table.columns.map((column) => field(column.header[lang], true))];
  for (const row of rows) {
    lines.push(table.columns.map((column) => field(formatCell(column.value(row), column, lang), column.type === "text")));
  }
  return Buffer.from(BOM + lines.map((line) => line.join(",")).join("\r\n") + "\r\n", "utf8");
}

function field(value: string, isText: boolean): string {
  const safe = isText && FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
