/**
 * Loads one SAP export into its raw table (DOMAIN.md §6 D2, CONTRACT.md `alkana ingest --json`):
 * read → detect → parse every row → stage in a temporary table → one set-based merge, all in one
 * transaction under an advisory lock, so a file is stored whole or not at all and concurrent loads
 * queue up. Strict by default: one invalid row rejects the file; `allowRejects` stores the valid rows.
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { basename } from "node:path";
import { sql } from "kysely";
import type { Database, DbTransaction } from "../db/database.js";
import { DEFAULT_PARSE_OPTIONS, type ParseOptions, type ParsedCell } from "./cells.js";
import { DetectionError, HEADER_SCAN_ROWS, detectReport, type Detection } from "./detect.js";
import { mergeStaged, stagedRowHasher, type MergeCounts } from "./merge.js";
import { parseRow, type RowProblem } from "./parse-row.js";
import { openSource, UnreadableFileError } from "./read/source.js";
import type { ReportName, ReportSpec } from "./report-spec.js";
import { REPORTS } from "./reports/index.js";

export interface LoadOptions extends ParseOptions {
  /** Name recorded and reported for the file (an upload's original name); default: the path's base name. */
  fileName?: string;
  /** ZRFI005 snapshot date, YYYY-MM-DD (required for that report). */
  snapshotDate?: string;
  /** ZRPP062 period, YYYY-MM (derived from the batch numbers when absent). */
  period?: string;
  allowRejects: boolean;
  /** Who loads (recorded in the load log). */
  loadedBy: string;
  onProgress?: (rowsRead: number) => void;
  /** Runs inside the load's transaction after the merge (the model refresh hooks in here). */
  afterMerge?: (trx: DbTransaction, loaded: { loadId: number; report: ReportName; changedRows: number }) => Promise<void>;
}

export type IngestStatus = "LOADED" | "REJECTED";

export interface IngestProblem {
  sheet: string | null;
  row: number | null;
  column: string | null;
  value: string | number | boolean | null;
  reason: string;
}

/** The per-file report; its JSON form is the line `alkana ingest --json` prints. */
export interface IngestReport {
  file: string;
  report: ReportName | null;
  status: IngestStatus;
  rowsRead: number;
  inserted: number;
  updated: number;
  unchanged: number;
  replaced: number;
  skipped: number;
  rejected: number;
  errors: IngestProblem[];
  warnings: IngestProblem[];
  ms: number;
  loadId: number;
}

export const DEFAULT_LOAD_OPTIONS: LoadOptions = { ...DEFAULT_PARSE_OPTIONS, allowRejects: false, loadedBy: "cli" };

/** At most this many problems are listed per file; the count in `rejected` stays exact. */
export const MAX_LISTED_PROBLEMS = 1000;
const STAGE_CHUNK_ROWS = 10_000;

export async function loadFile(database: Database, path: string, options: LoadOptions): Promise<IngestReport> {
  const started = performance.now();
  const file = options.fileName ?? basename(path);
  let sha256 = "";
  const outcome: Outcome = { report: null, rowsRead: 0, skipped: 0, rejected: 0, errors: [], warnings: [] };
  try {
    sha256 = await fileSha256(path);
    const source = openSource(path);
    const detection = detectReport(await source.preview(HEADER_SCAN_ROWS), REPORTS);
    outcome.report = detection.spec.report;
    outcome.warnings.push(...detection.warnings.map((reason) => fileNote(reason, detection)));
    const extras = requiredExtras(detection.spec, options);
    const result = await database.db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(hashtext('alkana.ingest'))`.execute(trx);
      const loadId = await insertLoadRun(trx, { file, sha256, report: detection.spec.report, status: "LOADED", options, loadedBy: options.loadedBy });
      const periods = await stageRows(database, trx, source.rows(detection.sheet.index), detection, options, extras, outcome);
      if (outcome.rejected > 0 && !options.allowRejects) throw new FileRejected();
      if (detection.spec.needs === "period" && extras.period === undefined) {
        extras.period = derivePeriod(periods, outcome, detection);
      }
      const counts = await mergeStaged(trx, detection.spec, loadId, extras);
      if (options.afterMerge) {
        const changedRows = counts.inserted + counts.updated + counts.replaced;
        await options.afterMerge(trx, { loadId, report: detection.spec.report, changedRows });
      }
      const ms = Math.round(performance.now() - started);
      await finishLoadRun(trx, loadId, outcome, counts, ms);
      return { loadId, counts, ms };
    });
    return { file, ...outcome, status: "LOADED", ...result.counts, ms: result.ms, loadId: result.loadId };
  } catch (error) {
    if (!(error instanceof FileRejected)) {
      if (!(error instanceof DetectionError || error instanceof UnreadableFileError || error instanceof MissingFact)) {
        throw error;
      }
      outcome.errors.push({ sheet: null, row: null, column: null, value: null, reason: error.message });
    }
    const ms = Math.round(performance.now() - started);
    const counts: MergeCounts = { inserted: 0, updated: 0, unchanged: 0, replaced: 0 };
    const loadId = await database.db.transaction().execute(async (trx) => {
      const id = await insertLoadRun(trx, { file, sha256, report: outcome.report, status: "REJECTED", options, loadedBy: options.loadedBy });
      await finishLoadRun(trx, id, outcome, counts, ms);
      return id;
    });
    return { file, ...outcome, status: "REJECTED", ...counts, ms, loadId };
  }
}

interface Outcome {
  report: ReportName | null;
  rowsRead: number;
  skipped: number;
  rejected: number;
  errors: IngestProblem[];
  warnings: IngestProblem[];
}

export interface MergeExtras {
  snapshotDate?: string;
  /** First day of the period month, YYYY-MM-01. */
  period?: string;
}

class FileRejected extends Error {}

/** A fact the file does not carry and the load was not given (ZRFI005 snapshot date). */
class MissingFact extends Error {}

/** The facts a report needs from the load; given to a report that has its own, they are simply not used. */
function requiredExtras(spec: ReportSpec, options: LoadOptions): MergeExtras {
  const extras: MergeExtras = {};
  if (spec.needs === "snapshotDate") {
    if (!options.snapshotDate) {
      throw new MissingFact(
        `${spec.title} has no date of its own: give the snapshot date it was taken on (--snapshot-date YYYY-MM-DD)`,
      );
    }
    if (!isIsoDate(options.snapshotDate)) {
      throw new MissingFact(`snapshot date "${options.snapshotDate}" is not a date in the form YYYY-MM-DD`);
    }
    extras.snapshotDate = options.snapshotDate;
  }
  if (spec.needs === "period") {
    if (options.period) {
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(options.period)) {
        throw new MissingFact(`period "${options.period}" is not a month in the form YYYY-MM`);
      }
      extras.period = `${options.period}-01`;
    }
  }
  return extras;
}

/**
 * Streams the rows into a temporary staging table with COPY, in chunks; returns batch-month counts
 * (ZRPP062). While the server stores one chunk, the next one is read and parsed: on PostgreSQL the
 * two run side by side.
 */
async function stageRows(
  database: Database,
  trx: DbTransaction,
  rows: AsyncIterable<{ rowNumber: number; cells: import("./cells.js").RawCell[] }>,
  detection: Detection,
  options: LoadOptions,
  extras: MergeExtras,
  outcome: Outcome,
): Promise<Map<string, number>> {
  const { spec } = detection;
  const columns = spec.columns.map((column) => column.column);
  await sql`create temp table load_stage on commit drop as
    select 0::integer as row_no, ${sql.join(columns.map((c) => sql.id(c)))}, raw, row_hash
    from ${sql.table(spec.table)} with no data`.execute(trx);
  const stageColumns = ["row_no", ...columns, "raw", "row_hash"];
  const rowText = await stagedRowHasher(trx, spec, extras);
  const keys = spec.key === "window" ? undefined : new Map<string, number>();
  const keyColumns = spec.key === "window" ? [] : spec.key.filter((column) => columns.includes(column));
  const periods = new Map<string, number>();
  let chunk: unknown[][] = [];
  let storing: Promise<void> = Promise.resolve();
  const flush = async () => {
    await storing;
    if (chunk.length === 0) return;
    const rowsRead = outcome.rowsRead;
    storing = database.copyRows(trx, "load_stage", stageColumns, chunk).then(() => options.onProgress?.(rowsRead));
    // Awaited at the next flush. If reading fails meanwhile, the transaction's rollback queues up
    // behind this COPY on the same connection, and its own failure must not count as unhandled.
    storing.catch(() => {});
    chunk = [];
  };
  let rowNo = 0;
  for await (const row of rows) {
    if (row.rowNumber <= detection.headerRowNumber) continue;
    const parsed = parseRow(row, detection, options);
    if (parsed.kind === "skipped") {
      outcome.skipped += 1;
      continue;
    }
    outcome.rowsRead += 1;
    if (parsed.kind === "invalid") {
      reject(outcome, parsed.problems);
      continue;
    }
    if (keys) {
      const key = keyColumns.map((column) => String(parsed.values[column] ?? "")).join("\u0000");
      const first = keys.get(key);
      if (first !== undefined) {
        reject(outcome, [
          {
            sheet: detection.sheet.name,
            row: row.rowNumber,
            column: keyColumns.map((column) => headerFor(spec, column)).join(" + "),
            value: keyColumns.map((column) => parsed.values[column] ?? "").join(" / "),
            reason: `duplicate key: the same ${keyColumns.map((c) => headerFor(spec, c)).join(" + ")} is on row ${first}`,
          },
        ]);
        continue;
      }
      keys.set(key, row.rowNumber);
    }
    // A strict load is rejected whole once a row is invalid: the rest is only checked, not staged.
    if (outcome.rejected > 0 && !options.allowRejects) continue;
    if (spec.needs === "period") countPeriod(periods, parsed.values.batch);
    const text = rowText(parsed.values, parsed.raw);
    chunk.push([(rowNo += 1), ...columns.map((column) => parsed.values[column]), text.raw, text.rowHash]);
    if (chunk.length >= STAGE_CHUNK_ROWS) await flush();
  }
  await flush();
  await storing;
  if (outcome.rowsRead === 0 && outcome.rejected === 0) {
    outcome.warnings.push(note("the file holds a header but no data rows"));
  }
  return periods;
}

function reject(outcome: Outcome, problems: RowProblem[]): void {
  outcome.rejected += 1;
  for (const problem of problems) {
    if (outcome.errors.length < MAX_LISTED_PROBLEMS) outcome.errors.push(problem);
  }
  if (outcome.errors.length === MAX_LISTED_PROBLEMS && !outcome.warnings.some((w) => w.reason.startsWith("only the first"))) {
    outcome.warnings.push(note(`only the first ${MAX_LISTED_PROBLEMS} problems are listed; "rejected" counts every invalid row`));
  }
}

/** ZRPP062 batches name their production month (DOMAIN.md §2.4: `26A…` = 2026-01). */
const BATCH_MONTH = /^(\d{2})([A-L])\d{5}\d{2}$/;

function countPeriod(periods: Map<string, number>, batch: ParsedCell): void {
  const match = typeof batch === "string" ? BATCH_MONTH.exec(batch) : null;
  if (!match) return;
  const month = String(match[2].charCodeAt(0) - 64).padStart(2, "0");
  const period = `20${match[1]}-${month}`;
  periods.set(period, (periods.get(period) ?? 0) + 1);
}

function derivePeriod(periods: Map<string, number>, outcome: Outcome, detection: Detection): string {
  const ranked = [...periods].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (ranked.length === 0) {
    throw new MissingFact(
      `${detection.spec.title} has no period of its own and its batch numbers do not name a month: give --period YYYY-MM`,
    );
  }
  const [period, count] = ranked[0];
  outcome.warnings.push(
    note(`period ${period} derived from the batch numbers (${count} of ${outcome.rowsRead} rows); give --period YYYY-MM to choose another`),
  );
  return `${period}-01`;
}

async function insertLoadRun(
  trx: DbTransaction,
  run: { file: string; sha256: string; report: ReportName | null; status: IngestStatus; options: LoadOptions; loadedBy: string },
): Promise<number> {
  const { snapshotDate, period, allowRejects, decimalComma, dateOrder } = run.options;
  const options = JSON.stringify({ snapshotDate, period, allowRejects, decimalComma, dateOrder });
  const { rows } = await sql<{ id: number }>`
    insert into load_run (file_name, sha256, report, status, options, loaded_by)
    values (${run.file}, ${run.sha256}, ${run.report}, ${run.status}, ${options}::jsonb, ${run.loadedBy})
    returning id`.execute(trx);
  return rows[0].id;
}

async function finishLoadRun(trx: DbTransaction, id: number, outcome: Outcome, counts: MergeCounts, ms: number) {
  await sql`
    update load_run set
      rows_read = ${outcome.rowsRead}, inserted = ${counts.inserted}, updated = ${counts.updated},
      unchanged = ${counts.unchanged}, replaced = ${counts.replaced}, skipped = ${outcome.skipped},
      rejected = ${outcome.rejected}, errors = ${JSON.stringify(outcome.errors)}::jsonb,
      warnings = ${JSON.stringify(outcome.warnings)}::jsonb, duration_ms = ${ms}
    where id = ${id}`.execute(trx);
}

function note(reason: string): IngestProblem {
  return { sheet: null, row: null, column: null, value: null, reason };
}

function fileNote(reason: string, detection: Detection): IngestProblem {
  return { sheet: detection.sheet.name, row: detection.headerRowNumber, column: null, value: null, reason };
}

function headerFor(spec: ReportSpec, column: string): string {
  return spec.columns.find((c) => c.column === column)?.header ?? column;
}

function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

async function fileSha256(path: string): Promise<string> {
  const hash = createHash("sha256");
  try {
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  } catch (error) {
    throw new UnreadableFileError(`cannot read the file: ${(error as Error).message}`);
  }
  return hash.digest("hex");
}
