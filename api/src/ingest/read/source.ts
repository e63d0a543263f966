/**
 * A file as rows of raw cells, whatever its format. `.xlsx` is read with exceljs's streaming reader,
 * `.csv` with csv-parse as a stream: memory does not grow with the number of rows (a workbook of up
 * to 50,000 rows is kept from its preview so that it is read once; a larger one is streamed again).
 */
import { extname } from "node:path";
import type { RawCell } from "../cells.js";
import { openCsv } from "./csv.js";
import { openXlsx } from "./xlsx.js";

export interface SourceRow {
  /** Row number as a spreadsheet program shows it (1-based). */
  rowNumber: number;
  cells: RawCell[];
}

export interface SheetPreview {
  /** Sheet name; `null` for CSV, which has no sheets. */
  name: string | null;
  index: number;
  /** The first rows of the sheet, where the header must be. */
  rows: SourceRow[];
}

export interface Source {
  format: "xlsx" | "csv";
  /** The first `rowCount` rows of every sheet. */
  preview(rowCount: number): Promise<SheetPreview[]>;
  /** Every row of one sheet, in order. */
  rows(sheetIndex: number): AsyncIterable<SourceRow>;
}

/** The file cannot be read at all (corrupt, truncated, wrong format). */
export class UnreadableFileError extends Error {}

export function openSource(path: string): Source {
  const extension = extname(path).toLowerCase();
  if (extension === ".xlsx") return openXlsx(path);
  if (extension === ".csv" || extension === ".txt") return openCsv(path);
  throw new UnreadableFileError(
    `unsupported file type "${extension || "(none)"}": export the report from SAP as .XLSX or .csv`,
  );
}
