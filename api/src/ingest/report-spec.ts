/**
 * What a report reader declares, as data: the headers of the real SAP layout (in file order), the
 * typed column each maps to, which headers must be present, the identity columns that every data
 * row fills (a row with all of them empty is a list-viewer total/subtotal), and the upsert key.
 * One file per report in `reports/` (DOMAIN.md §1), collected in `reports/index.ts`.
 */

export const REPORT_NAMES = [
  "MB51",
  "COOISPI",
  "ZRMM024",
  "ZRSD002",
  "ZRSD004",
  "ZRFI005",
  "ZRPP062",
  "TARGET",
  "MATERIAL_MASTER",
] as const;
export type ReportName = (typeof REPORT_NAMES)[number];

/**
 * How a cell is parsed (DOMAIN.md §1.0):
 * - `code`: an SAP code kept as text with its leading zeros (plant, material, batch, document numbers);
 * - `text`: free text, trimmed and NFC-normalised;
 * - `date`: Excel serial or text date, stored date-only;
 * - `number`: quantity or money; in text, `,` groups thousands (unless the load says decimal comma);
 * - `decimalComma`: a measured value written with a decimal comma (`0,884`), such as specific gravity.
 */
export type CellType = "code" | "text" | "date" | "number" | "decimalComma";

export interface ColumnSpec {
  /** The header exactly as SAP writes it (typos included). */
  header: string;
  /** Column of the raw table. */
  column: string;
  type: CellType;
  /** The file is refused when this header is missing (keys and what the model computes with). */
  required?: boolean;
  /** Other spellings seen in older layouts. */
  aliases?: string[];
  /**
   * For a header that appears several times (ZRPP062's `UoM`): the header of the column right
   * before this one, which the unit belongs to.
   */
  follows?: string;
}

export interface ReportSpec {
  report: ReportName;
  /** Human name used in messages and docs. */
  title: string;
  table: string;
  columns: ColumnSpec[];
  /** Columns every data row fills; a non-blank row with all of them empty is a total row. */
  identity: string[];
  /** Upsert key (raw-table columns, including `snapshot_date` for ZRFI005); `window` = MB51 D2. */
  key: string[] | "window";
  /** Columns whose value may not be empty on a data row (beyond the identity). */
  notNull?: string[];
  /** Facts the file does not carry and the load must be told (CONTRACT.md `alkana ingest`). */
  needs?: "snapshotDate" | "period";
}

/** Normalised header for matching: trim, collapse spaces, lower-case, drop `. : / - ( ) + %` (DOMAIN.md §1.0). */
export function headerKey(header: string): string {
  return header
    .normalize("NFC")
    .toLowerCase()
    .replace(/[.:/\-()+%]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}
