/**
 * Row sinks for the two output formats. Rows are arrays in layout order; date columns carry
 * day numbers (see calendar.ts) and are turned into Excel date cells (UTC midnight, `m/d/yy`)
 * or ISO `YYYY-MM-DD` text. Text stays text (leading zeros kept), numbers stay numbers.
 */
import { createWriteStream, type WriteStream } from "node:fs";
import { once } from "node:events";
import ExcelJS from "exceljs";
import { dateOf, isoOf } from "./calendar.js";
import { DATE_FORMAT, type Layout } from "./layouts.js";

export type Cell = string | number | null;

export interface RowSink {
  readonly path: string;
  rows: number;
  write(row: Cell[]): void;
  /** Resolves when buffered output has been handed to the file system (back-pressure point). */
  drain(): Promise<void>;
  close(): Promise<number>;
}

const CSV_NEEDS_QUOTES = /[",\r\n]/;

function csvText(value: string): string {
  return CSV_NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const isoCache = new Map<number, string>();
function isoCached(day: number): string {
  let s = isoCache.get(day);
  if (s === undefined) {
    s = isoOf(day);
    isoCache.set(day, s);
  }
  return s;
}

/** UTF-8 (no BOM), comma-delimited, RFC 4180 quoting, LF line ends. */
const CHUNK_BYTES = 1 << 22;

export class CsvSink implements RowSink {
  rows = 0;
  private readonly stream: WriteStream;
  private chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;

  constructor(
    readonly path: string,
    private readonly layout: Layout,
  ) {
    this.stream = createWriteStream(path);
    this.append(layout.headers.map(csvText).join(",") + "\n");
  }

  write(row: Cell[]): void {
    const types = this.layout.types;
    let line = "";
    for (let i = 0; i < types.length; i++) {
      if (i > 0) line += ",";
      const v = row[i];
      if (v === null || v === undefined) continue;
      const t = types[i];
      if (t === "d") line += isoCached(v as number);
      else if (t === "n") line += String(v);
      else line += csvText(v as string);
    }
    this.append(line + "\n");
    this.rows++;
  }

  private append(text: string): void {
    if (this.used + text.length * 3 > this.chunk.length) {
      this.flush();
      if (text.length * 3 > this.chunk.length) this.chunk = Buffer.allocUnsafe(text.length * 3);
    }
    this.used += this.chunk.write(text, this.used, "utf8");
  }

  private flush(): void {
    if (this.used === 0) return;
    // the stream keeps the written slice: continue in a fresh chunk
    this.stream.write(this.chunk.subarray(0, this.used));
    this.chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    this.used = 0;
  }

  async drain(): Promise<void> {
    if (this.stream.writableNeedDrain) await once(this.stream, "drain");
  }

  async close(): Promise<number> {
    this.flush();
    await new Promise<void>((resolve, reject) => {
      this.stream.once("error", reject);
      this.stream.end(() => resolve());
    });
    return this.rows;
  }
}

/** One sheet `Sheet1`, header in row 1, shared strings, streamed to disk by ExcelJS. */
export class XlsxSink implements RowSink {
  rows = 0;
  private readonly workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly sheet: ExcelJS.Worksheet;
  private readonly dateColumns: number[] = [];
  private readonly otherFormats: [number, string][] = [];

  constructor(
    readonly path: string,
    private readonly layout: Layout,
    fixedTimestamp: Date,
  ) {
    this.workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: true });
    this.workbook.creator = "Alkana demo generator";
    this.workbook.lastModifiedBy = "Alkana demo generator";
    this.workbook.created = fixedTimestamp;
    this.workbook.modified = fixedTimestamp;
    this.sheet = this.workbook.addWorksheet("Sheet1");
    layout.types.forEach((t, i) => {
      if (t === "d") this.dateColumns.push(i);
    });
    for (const [index, fmt] of Object.entries(layout.numFmts ?? {})) this.otherFormats.push([Number(index), fmt]);
    this.sheet.addRow([...layout.headers]).commit();
  }

  write(row: Cell[]): void {
    const values: (string | number | Date | null)[] = row.slice(0, this.layout.types.length);
    for (const i of this.dateColumns) {
      const v = values[i];
      if (v !== null && v !== undefined) values[i] = dateOf(v as number);
    }
    const r = this.sheet.addRow(values);
    for (const i of this.dateColumns) {
      if (values[i] !== null && values[i] !== undefined) r.getCell(i + 1).numFmt = DATE_FORMAT;
    }
    for (const [i, fmt] of this.otherFormats) {
      if (values[i] !== null && values[i] !== undefined) r.getCell(i + 1).numFmt = fmt;
    }
    r.commit();
    this.rows++;
  }

  async drain(): Promise<void> {
    // ExcelJS buffers internally; yielding lets its zip stream make progress.
    if ((this.rows & 4095) === 0) await new Promise<void>((resolve) => setImmediate(resolve));
  }

  async close(): Promise<number> {
    this.sheet.commit();
    await this.workbook.commit();
    return this.rows;
  }
}

export function openSink(format: "xlsx" | "csv", path: string, layout: Layout, fixedTimestamp: Date): RowSink {
  return format === "csv" ? new CsvSink(path, layout) : new XlsxSink(path, layout, fixedTimestamp);
}
