/**
 * The shapes every export shares (CONTRACT.md "HTTP routes", `GET /export/<table>.<csv|xlsx|pdf>`):
 * a table is its query parameters, its columns and one function that reads its rows through the
 * domain layer; a document is what the three writers (CSV, XLSX, PDF) turn into a file.
 */
import type { AlkanaConfig } from "../config.js";
import type { Db } from "../db/database.js";
import type { Viewer } from "../graphql/auth.js";

export const LANGUAGES = ["en", "vi"] as const;
export type Lang = (typeof LANGUAGES)[number];

export type Localized = Record<Lang, string>;

/**
 * How a column's values are written: `number` with `decimals` digits, `percent` from a 0–100 value,
 * `date` from `YYYY-MM-DD`, `datetime` from a `Date` (shown in the business time zone).
 */
export type ValueType = "text" | "integer" | "number" | "percent" | "date" | "datetime" | "boolean";

export type CellValue = string | number | boolean | Date | null;

export interface ExportColumn<Row> {
  header: Localized;
  type: ValueType;
  /** Digits after the decimal point of `number` (default 2) and `percent` (default 1) columns. */
  decimals?: number;
  /** Width in characters (XLSX); the PDF shares its page width in the same proportions. */
  width: number;
  /** False: left out of the PDF (a landscape page holds about 15 columns); CSV and XLSX have every column. */
  pdf?: boolean;
  value(row: Row): CellValue;
}

/**
 * How a query parameter is read: repeated or comma-separated for `codes` and `choices`; `period` is
 * a ZRPP062 month `YYYY-MM`. `exclusive`: the other tables refuse the name instead of ignoring it,
 * because ignored it would widen their export (a `plant=` or `batch=` meant to narrow it).
 */
export type ParameterSpec = (
  | { kind: "date" }
  | { kind: "period" }
  | { kind: "text" }
  | { kind: "codes" }
  | { kind: "choice"; values: readonly string[] }
  | { kind: "choices"; values: readonly string[] }
  | { kind: "integer"; min: number; max: number }
) & { exclusive?: true };

type ValueOf<S extends ParameterSpec> = S extends { kind: "integer" }
  ? number
  : S extends { kind: "codes" }
    ? string[]
    : S extends { kind: "choices"; values: readonly (infer V)[] }
      ? V[]
      : S extends { kind: "choice"; values: readonly (infer V)[] }
        ? V
        : string;

/** The parsed query of a table: a parameter is absent when it was not given (or given empty). */
export type ParameterValues<P extends Record<string, ParameterSpec>> = { [K in keyof P]?: ValueOf<P[K]> };

export interface ExportRequest<Filter> {
  db: Db;
  config: AlkanaConfig;
  viewer: Viewer;
  /** The as-of date (DOMAIN.md D1), YYYY-MM-DD. */
  asOf: string;
  filter: Filter;
  /** Read at most this many rows. */
  limit: number;
}

export interface ExportRows<Row> {
  rows: Row[];
  /** Defaults the filter resolved to (the window, the semester, the snapshot), by parameter name. */
  resolved: Record<string, string>;
}

export interface ExportTable<Row = unknown, Filter = unknown> {
  /** The path segment: `leadtime-orders`, `alerts`, … */
  name: string;
  title: Localized;
  /** At most 31 characters (an Excel sheet name). */
  sheetName: Localized;
  /** Company-wide data without a plant: forbidden to a token with a `plants` claim (CONTRACT.md "Auth"). */
  companyWide: boolean;
  /** The GraphQL filter fields of the table, by name. */
  parameters: Record<string, ParameterSpec>;
  columns: ExportColumn<Row>[];
  fetch(request: ExportRequest<Filter>): Promise<ExportRows<Row>>;
}

/** A parameter the caller has to fix: answered with 400 naming it. */
export class ExportParameterError extends Error {
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(message);
  }
}

/** Everything a writer needs to produce one file. */
export interface ExportDocument {
  table: ExportTable;
  lang: Lang;
  rows: readonly unknown[];
  asOf: string;
  generatedAt: Date;
  /** Parameter name → value, as given and as resolved (the default window, …), for the title block. */
  filters: [string, string][];
  /** The row cap; `truncated` when the filter selects more rows than it. */
  rowLimit: number;
  truncated: boolean;
}
