/**
 * Cell parsing, one rule per column type (DOMAIN.md §1.0, CONTRACT.md "What loading accepts").
 * A parser returns the typed value (`null` for empty or placeholder cells) or a `CellProblem`
 * whose reason tells the user what form was expected.
 */
import type { CellType } from "./report-spec.js";

/** A cell as a reader hands it over: what the spreadsheet or CSV holds, nothing interpreted yet. */
export type RawCell = string | number | boolean | Date | null;

export type DateOrder = "MDY" | "DMY";

export interface ParseOptions {
  /** CSV/text numbers use `,` as the decimal mark and `.` to group thousands. */
  decimalComma: boolean;
  /** Order of slash dates in text (`1/2/26`): month first by default, as Alkana's SAP displays them. */
  dateOrder: DateOrder;
}

export const DEFAULT_PARSE_OPTIONS: ParseOptions = { decimalComma: false, dateOrder: "MDY" };

export interface CellProblem {
  problem: string;
}

export type ParsedCell = string | number | null;

/** Placeholders SAP writes where there is no value: `Summary` (ZRMM024 aggregates), `?` (ZRPP062). */
const PLACEHOLDERS = new Set(["", "summary", "?"]);

export function parseCell(cell: RawCell, type: CellType, options: ParseOptions): ParsedCell | CellProblem {
  if (cell === null) return null;
  switch (type) {
    case "code":
      return parseCode(cell);
    case "text":
      return parseText(cell);
    case "date":
      return parseDate(cell, options.dateOrder);
    case "number":
      return parseNumber(cell, options.decimalComma);
    case "decimalComma":
      // Measured values (specific gravity) use a decimal comma in SAP's text; a plain `0.884` is accepted too.
      return parseNumber(cell, typeof cell === "string" && cell.includes(","));
  }
}

export function isProblem(value: ParsedCell | CellProblem): value is CellProblem {
  return typeof value === "object" && value !== null;
}

/** Is the cell empty once trimmed (placeholders count as empty)? */
export function isEmptyCell(cell: RawCell): boolean {
  if (cell === null) return true;
  if (typeof cell === "string") return PLACEHOLDERS.has(cell.trim().toLowerCase());
  return false;
}

/** The cell as JSON for the stored original row: dates as YYYY-MM-DD, text NFC-normalised. */
export function originalValue(cell: RawCell): string | number | boolean | null {
  if (cell === null) return null;
  if (cell instanceof Date) return isoDate(cell);
  if (typeof cell === "string") return cell.normalize("NFC");
  return cell;
}

function parseCode(cell: Exclude<RawCell, null>): ParsedCell | CellProblem {
  if (cell instanceof Date) return { problem: "expected a code, found a date" };
  if (typeof cell === "number") {
    // A code typed as a number in Excel: keep its digits exactly (no exponent, no float noise).
    return Number.isInteger(cell) ? BigInt(cell).toString() : String(cell);
  }
  const text = String(cell).trim().normalize("NFC");
  return PLACEHOLDERS.has(text.toLowerCase()) ? null : text;
}

function parseText(cell: Exclude<RawCell, null>): ParsedCell | CellProblem {
  if (cell instanceof Date) return isoDate(cell);
  const text = String(cell).trim().normalize("NFC");
  return text === "" ? null : text;
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

function parseDate(cell: Exclude<RawCell, null>, order: DateOrder): ParsedCell | CellProblem {
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return { problem: "invalid date" };
    return isoDate(cell);
  }
  if (typeof cell === "number") return excelSerialDate(cell);
  if (typeof cell === "boolean") return { problem: "expected a date, found TRUE/FALSE" };
  const text = cell.trim();
  if (PLACEHOLDERS.has(text.toLowerCase())) return null;
  if (/^\d+(\.\d+)?$/.test(text)) return excelSerialDate(Number(text));
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(text);
  if (match) return calendarDate(+match[1], +match[2], +match[3], text);
  match = /^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})$/.exec(text);
  if (match) return calendarDate(fullYear(match[3]), +match[2], +match[1], text);
  match = /^(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})$/.exec(text);
  if (match) {
    const [first, second] = [+match[1], +match[2]];
    return order === "MDY"
      ? calendarDate(fullYear(match[3]), first, second, text)
      : calendarDate(fullYear(match[3]), second, first, text);
  }
  return { problem: `expected a date (YYYY-MM-DD, DD.MM.YYYY or ${order === "MDY" ? "M/D/YY" : "D/M/YY"})` };
}

function excelSerialDate(serial: number): ParsedCell | CellProblem {
  // 1 = 1900-01-01 … 2958465 = 9999-12-31; anything else is not a date.
  if (!Number.isFinite(serial) || serial < 1 || serial > 2_958_465) {
    return { problem: "expected a date, found a number outside the Excel date range" };
  }
  return isoDate(new Date(EXCEL_EPOCH_MS + Math.floor(serial) * DAY_MS));
}

function calendarDate(year: number, month: number, day: number, text: string): ParsedCell | CellProblem {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return { problem: `"${text}" is not a calendar date` };
  }
  return isoDate(date);
}

function fullYear(text: string): number {
  return text.length === 2 ? 2000 + Number(text) : Number(text);
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function parseNumber(cell: Exclude<RawCell, null>, decimalComma: boolean): ParsedCell | CellProblem {
  if (typeof cell === "number") return Number.isFinite(cell) ? cell : { problem: "expected a number" };
  if (cell instanceof Date) return { problem: "expected a number, found a date" };
  if (typeof cell === "boolean") return { problem: "expected a number, found TRUE/FALSE" };
  let text = cell.trim().replace(/[\s\u00a0]/g, "");
  if (PLACEHOLDERS.has(text.toLowerCase()) || text === "-") return null;
  let negative = false;
  if (/^\(.*\)$/.test(text)) {
    negative = true;
    text = text.slice(1, -1);
  }
  if (text.endsWith("-")) {
    negative = !negative;
    text = text.slice(0, -1);
  } else if (text.startsWith("-")) {
    negative = !negative;
    text = text.slice(1);
  } else if (text.startsWith("+")) {
    text = text.slice(1);
  }
  const [group, decimal] = decimalComma ? [".", ","] : [",", "."];
  const grouped = new RegExp(`^\\d{1,3}(\\${group}\\d{3})+(\\${decimal}\\d+)?$`);
  const plain = new RegExp(`^\\d*(\\${decimal}\\d+)?$`);
  if (!(grouped.test(text) || (plain.test(text) && /\d/.test(text)))) {
    if (!decimalComma && /^\d*\.?\d+e[+-]?\d+$/i.test(text)) return (negative ? -1 : 1) * Number(text);
    return { problem: `expected a number${decimalComma ? " with a decimal comma (0,884)" : ""}` };
  }
  const normal = text.split(group).join("").replace(decimal, ".");
  const value = Number(normal);
  return negative ? -value : value;
}
