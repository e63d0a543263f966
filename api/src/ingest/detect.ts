/**
 * Finds the header row and the report in the first rows of each sheet (DOMAIN.md §1.0 and the
 * recommendation after the old detectors): every report declares its required headers; a row that
 * holds all of one report's required headers is that report's header row. No match, or a row
 * matching several reports, or two sheets matching, is a rejection that says what is missing.
 */
import { isEmptyCell, type RawCell } from "./cells.js";
import { headerKey, type ColumnSpec, type ReportSpec } from "./report-spec.js";
import type { SheetPreview } from "./read/source.js";

/** How many rows from the top of a sheet may hold the header. */
export const HEADER_SCAN_ROWS = 10;

export interface Detection {
  spec: ReportSpec;
  sheet: SheetPreview;
  headerRowNumber: number;
  /** For each file column: the spec column it fills, or undefined for an unknown extra column. */
  columns: (ColumnSpec | undefined)[];
  /** The header text of each file column, made unique (`UoM`, `UoM (after GR By-Product)`). */
  headers: string[];
  warnings: string[];
}

export class DetectionError extends Error {}

export function detectReport(sheets: SheetPreview[], reports: ReportSpec[]): Detection {
  const found: Detection[] = [];
  let closest: { report: ReportSpec; missing: string[]; sheet: SheetPreview; row: number } | undefined;
  for (const sheet of sheets) {
    for (const row of sheet.rows.slice(0, HEADER_SCAN_ROWS)) {
      const keys = new Set(row.cells.map((cell) => (typeof cell === "string" ? headerKey(cell) : "")));
      const matches: ReportSpec[] = [];
      for (const report of reports) {
        const missing = report.columns.filter((column) => column.required && !hasHeader(keys, column));
        if (missing.length === 0) matches.push(report);
        else if (!closest || missing.length < closest.missing.length) {
          closest = { report, missing: missing.map((column) => column.header), sheet, row: row.rowNumber };
        }
      }
      if (matches.length > 1) {
        throw new DetectionError(
          `${where(sheet, row.rowNumber)} matches several reports (${matches.map((r) => r.report).join(", ")}); ` +
            "export one report per file",
        );
      }
      if (matches.length === 1) {
        found.push(mapColumns(matches[0], sheet, row.rowNumber, row.cells));
        break;
      }
    }
  }
  if (found.length > 1) {
    throw new DetectionError(
      `several sheets hold a report (${found.map((d) => `${d.sheet.name}: ${d.spec.report}`).join(", ")}); ` +
        "keep one report per file",
    );
  }
  if (found.length === 0) {
    const hint = closest
      ? ` The closest is ${closest.report.title} (${where(closest.sheet, closest.row)}), which lacks ${closest.missing
          .map((header) => `"${header}"`)
          .join(", ")}.`
      : "";
    throw new DetectionError(
      `no header row of a known report in the first ${HEADER_SCAN_ROWS} rows of any sheet.${hint}`,
    );
  }
  const detection = found[0];
  for (const sheet of sheets) {
    if (sheet !== detection.sheet && sheet.rows.some((row) => row.cells.some((cell) => !isEmptyCell(cell)))) {
      detection.warnings.push(`sheet "${sheet.name}" ignored: the report is on sheet "${detection.sheet.name}"`);
    }
  }
  return detection;
}

function hasHeader(keys: Set<string>, column: ColumnSpec): boolean {
  return [column.header, ...(column.aliases ?? [])].some((header) => keys.has(headerKey(header)));
}

function mapColumns(spec: ReportSpec, sheet: SheetPreview, headerRowNumber: number, cells: RawCell[]): Detection {
  const warnings: string[] = [];
  const texts = cells.map((cell) => (cell === null ? "" : String(cell).trim().normalize("NFC")));
  let last = texts.length;
  while (last > 0 && texts[last - 1] === "") last -= 1;
  const used = new Set<ColumnSpec>();
  const columns: (ColumnSpec | undefined)[] = [];
  const headers: string[] = [];
  const seen = new Map<string, number>();
  for (let index = 0; index < last; index += 1) {
    const key = headerKey(texts[index]);
    const previousKey = index > 0 ? headerKey(texts[index - 1]) : "";
    const candidates = spec.columns.filter(
      (column) => !used.has(column) && [column.header, ...(column.aliases ?? [])].some((h) => headerKey(h) === key),
    );
    const column =
      candidates.find((candidate) => candidate.follows && headerKey(candidate.follows) === previousKey) ??
      candidates.find((candidate) => !candidate.follows);
    if (column) used.add(column);
    columns.push(column);
    const count = (seen.get(texts[index]) ?? 0) + 1;
    seen.set(texts[index], count);
    const label = texts[index] === "" ? `(column ${index + 1})` : texts[index];
    headers.push(count === 1 ? label : `${label} (after ${texts[index - 1] || `column ${index}`})`);
    if (!column && texts[index] !== "") {
      warnings.push(`unknown column "${texts[index]}" (column ${index + 1}) kept in the original row`);
    }
  }
  for (const column of spec.columns) {
    if (!used.has(column)) warnings.push(`optional column "${column.header}" is missing; stored as empty`);
  }
  return { spec, sheet, headerRowNumber, columns, headers, warnings };
}

function where(sheet: SheetPreview, row: number): string {
  return sheet.name === null ? `row ${row}` : `sheet "${sheet.name}" row ${row}`;
}
