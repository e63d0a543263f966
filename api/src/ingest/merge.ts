/**
 * The set-based merge of a staged file into its raw table (DOMAIN.md §6 D2, CONTRACT.md "Databases").
 *
 * Keyed reports: new keys are inserted, keys whose content changed are updated, identical rows are
 * left untouched (they keep the load id that last changed them, so a repeated load rewrites nothing).
 *
 * MB51 has no key: per plant in the file, the stored lines whose posting date lies in the file's
 * [min, max] window are replaced by the file's lines. Lines are compared as a multiset (content hash
 * + occurrence number), so identical duplicate lines stay apart and unchanged lines are not touched.
 */
import { hash } from "node:crypto";
import { sql, type RawBuilder } from "kysely";
import type { DbTransaction } from "../db/database.js";
import { withLocalSettings } from "../db/local-settings.js";
import type { ParsedCell } from "./cells.js";
import type { MergeExtras } from "./load.js";
import type { ReportSpec } from "./report-spec.js";

export interface MergeCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  replaced: number;
}

export async function mergeStaged(
  trx: DbTransaction,
  spec: ReportSpec,
  loadId: number,
  extras: MergeExtras,
): Promise<MergeCounts> {
  return spec.key === "window" ? mergeWindow(trx, spec, loadId) : mergeKeyed(trx, spec, spec.key, loadId, extras);
}

async function mergeKeyed(
  trx: DbTransaction,
  spec: ReportSpec,
  key: string[],
  loadId: number,
  extras: MergeExtras,
): Promise<MergeCounts> {
  const extraColumns: [string, RawBuilder<unknown>][] = [];
  if (extras.snapshotDate !== undefined) extraColumns.push(["snapshot_date", sql`${extras.snapshotDate}::date`]);
  if (extras.period !== undefined) extraColumns.push(["period", sql`${extras.period}::date`]);
  const columns = [...spec.columns.map((column) => column.column), ...extraColumns.map(([name]) => name)];
  const table = sql.table(spec.table);
  const extraText = JSON.stringify(extras);
  const sameKey = sql.join(
    key.map((column) => sql`coalesce(t.${sql.id(column)}::text, '') = coalesce(src.${sql.id(column)}::text, '')`),
    sql` and `,
  );
  const assignments = sql.join(
    [...columns, "raw", "row_hash"].map((column) => sql`${sql.id(column)} = src.${sql.id(column)}`),
    sql`, `,
  );
  const columnList = sql.join([...columns, "raw", "row_hash", "load_id"].map((column) => sql.id(column)));
  const sourceColumns = sql.join([...columns, "raw", "row_hash"].map((column) => sql`src.${sql.id(column)}`));
  const stagedColumns = sql.join(["row_no", ...spec.columns.map((column) => column.column), "raw"].map((column) => sql`s.${sql.id(column)}`));
  const extraSelect = extraColumns.length
    ? sql`, ${sql.join(extraColumns.map(([name, value]) => sql`${value} as ${sql.id(name)}`))}`
    : sql``;
  const { rows } = await sql<{ staged: number; updated: number; inserted: number }>`
    with src as (
      select ${stagedColumns}${extraSelect}, ${rowHash(sql`${extraText}`)} as row_hash from load_stage s
    ),
    changed as (
      update ${table} t set ${assignments}, load_id = ${loadId}
      from src where ${sameKey} and t.row_hash <> src.row_hash
      returning 1
    ),
    added as (
      insert into ${table} (${columnList})
      select ${sourceColumns}, ${loadId}::bigint from src
      where not exists (select 1 from ${table} t where ${sameKey})
      order by src.row_no
      returning 1
    )
    select (select count(*) from src) as staged,
           (select count(*) from changed) as updated,
           (select count(*) from added) as inserted`.execute(trx);
  const { staged, updated, inserted } = rows[0];
  return { inserted, updated, unchanged: staged - updated - inserted, replaced: 0 };
}

/**
 * Content hash of a staged row: the original cells plus the typed values (the same cells parsed
 * with other options, e.g. another date order, are a change) plus the facts given with the load.
 * Staging fills `row_hash` with the same value computed in JavaScript (`stagedRowHasher`); SQL
 * computes it only for the rows staging could not.
 */
function rowHash(extras: RawBuilder<unknown>): RawBuilder<string> {
  return sql<string>`coalesce(s.row_hash, md5(s.raw::text || (to_jsonb(s) - 'row_no' - 'raw' - 'row_hash')::text || ${extras}))`;
}

/** A staged row's `raw` (jsonb as text, or the object when it cannot be written exactly) and `row_hash`. */
export interface StagedRowText {
  raw: string | Record<string, unknown>;
  rowHash: string | null;
}

/**
 * `rowHash()` in JavaScript, run while the rows are staged: over a million MB51 lines `to_jsonb`
 * and `::text` keep the server busy for many seconds after the last row arrives, whereas here the
 * work overlaps the server storing the previous chunk. The value is the same, bit for bit, as the
 * SQL one (so rows stored before keep their hash): the original cells and the typed values are
 * written exactly as PostgreSQL writes jsonb as text — keys shorter first, then bytewise; `", "`
 * and `": "` between items; strings escaped as JSON.stringify escapes them; numbers in numeric's
 * plain notation; dates as `"YYYY-MM-DD"` — followed by the load's facts, and hashed with md5.
 * A column type or a value this does not know leaves `rowHash` null and the hash to SQL, as does a
 * load whose facts are not settled until after staging (a ZRPP062 period derived from the batches).
 * Call it once `load_stage` exists.
 */
export async function stagedRowHasher(
  trx: DbTransaction,
  spec: ReportSpec,
  extras: MergeExtras,
): Promise<(values: Record<string, ParsedCell>, raw: Record<string, unknown>) => StagedRowText> {
  const suffix = spec.key === "window" ? "" : spec.needs === "period" && extras.period === undefined ? null : JSON.stringify(extras);
  const { rows } = await sql<{ name: string; type: string }>`
    select attname as name, format_type(atttypid, atttypmod) as type from pg_attribute
    where attrelid = 'load_stage'::regclass and attnum > 0 and not attisdropped`.execute(trx);
  const typed = jsonbKeyOrder(rows.map((row) => row.name).filter((name) => !["row_no", "raw", "row_hash"].includes(name)));
  const writers = typed.map(({ key }) => JSONB_BY_TYPE[rows.find((row) => row.name === key)!.type]);
  const hashable = suffix !== null && writers.every((writer) => writer !== undefined);
  let rawKeys: string[] = [];
  let rawOrder: { key: string; prefix: string }[] = [];
  return (values, raw) => {
    const keys = Object.keys(raw);
    if (keys.length !== rawKeys.length || keys.some((key, index) => key !== rawKeys[index])) {
      rawKeys = keys;
      rawOrder = jsonbKeyOrder(keys);
    }
    let rawText = "";
    for (const { key, prefix } of rawOrder) {
      const value = jsonbValue(raw[key]);
      if (value === undefined) return { raw, rowHash: null };
      rawText += prefix + value;
    }
    rawText = rawOrder.length === 0 ? "{}" : `${rawText}}`;
    if (!hashable) return { raw: rawText, rowHash: null };
    let typedText = "";
    for (let index = 0; index < typed.length; index += 1) {
      const value = writers[index]!(values[typed[index].key]);
      if (value === undefined) return { raw: rawText, rowHash: null };
      typedText += typed[index].prefix + value;
    }
    typedText = typed.length === 0 ? "{}" : `${typedText}}`;
    return { raw: rawText, rowHash: hash("md5", rawText + typedText + suffix) };
  };
}

/** jsonb orders an object's keys by length in bytes, then bytewise; each gets its written prefix. */
function jsonbKeyOrder(keys: string[]): { key: string; prefix: string }[] {
  return keys
    .map((key) => ({ key, bytes: Buffer.from(key, "utf8") }))
    .sort((a, b) => a.bytes.length - b.bytes.length || Buffer.compare(a.bytes, b.bytes))
    .map(({ key }, index) => ({ key, prefix: `${index === 0 ? "{" : ", "}${JSON.stringify(key)}: ` }));
}

/** A value of the stored original row as jsonb writes it; undefined when that is not certain. */
function jsonbValue(value: unknown): string | undefined {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "number":
      return Number.isFinite(value) ? plainNumber(value) : undefined;
    case "boolean":
      return String(value);
    default:
      return value === null ? "null" : undefined;
  }
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const jsonbNumber = (value: ParsedCell) =>
  value === null || value === undefined ? "null" : typeof value === "number" && Number.isFinite(value) ? plainNumber(value) : undefined;

/** How to_jsonb writes a staged column of each type (types with a modifier are not listed: they round). */
const JSONB_BY_TYPE: Record<string, ((value: ParsedCell) => string | undefined) | undefined> = {
  text: (value) => (value === null || value === undefined ? "null" : typeof value === "string" ? JSON.stringify(value) : undefined),
  date: (value) => (value === null || value === undefined ? "null" : typeof value === "string" && ISO_DATE.test(value) ? `"${value}"` : undefined),
  numeric: jsonbNumber,
  integer: jsonbNumber,
  bigint: jsonbNumber,
  smallint: jsonbNumber,
};

/** A number as numeric writes it: JavaScript's shortest digits, without an exponent (1e+21, 1.5e-7). */
function plainNumber(value: number): string {
  const text = String(value);
  const e = text.indexOf("e");
  if (e < 0) return text;
  const sign = text.startsWith("-") ? "-" : "";
  const mantissa = text.slice(sign.length, e);
  const point = mantissa.indexOf(".");
  const digits = mantissa.replace(".", "");
  const integerDigits = (point < 0 ? mantissa.length : point) + Number(text.slice(e + 1));
  if (integerDigits <= 0) return `${sign}0.${"0".repeat(-integerDigits)}${digits}`;
  if (integerDigits >= digits.length) return `${sign}${digits}${"0".repeat(integerDigits - digits.length)}`;
  return `${sign}${digits.slice(0, integerDigits)}.${digits.slice(integerDigits)}`;
}

/**
 * Sort memory for the window merge's sorts and hashes: a million MB51 lines spill to disk with the
 * server default (4 MB). Loads run one at a time (the ingest advisory lock), so this is reserved once,
 * and only for the merge: the model refresh that follows in the same transaction gets the setting back.
 */
const MERGE_WORK_MEM = "64MB";

async function mergeWindow(trx: DbTransaction, spec: ReportSpec, loadId: number): Promise<MergeCounts> {
  const columns = spec.columns.map((column) => column.column);
  const table = sql.table(spec.table);
  const columnList = sql.join([...columns, "raw", "row_hash", "load_id"].map((column) => sql.id(column)));
  const sourceColumns = sql.join([...columns, "raw"].map((column) => sql`s.${sql.id(column)}`));
  return withLocalSettings(trx, { work_mem: MERGE_WORK_MEM }, async () => {
    // The file's lines as (row, plant, hash, occurrence): narrow, so the sorts stay small; the wide
    // staged rows are read once, in file order through the row_no index, for the lines to insert.
    await sql`create temp table load_line on commit drop as
      select h.*, row_number() over (partition by h.plant, h.row_hash order by h.row_no) as occurrence
      from (select s.row_no, s.plant, ${rowHash(sql`''`)} as row_hash from load_stage s) h`.execute(trx);
    await sql`create index on load_stage (row_no)`.execute(trx);
    await sql`create temp table load_window on commit drop as
      select plant, min(posting_date) as first_date, max(posting_date) as last_date
      from load_stage group by plant`.execute(trx);
    await sql`create temp table load_current on commit drop as
      select t.id, t.plant, t.row_hash,
             row_number() over (partition by t.plant, t.row_hash order by t.id) as occurrence
      from ${table} t join load_window w on t.plant = w.plant and t.posting_date between w.first_date and w.last_date`.execute(trx);
    // Temporary tables are never analysed automatically; without row counts the planner guesses
    // (load_stage got its counts from the index build).
    await sql`analyze load_line, load_current`.execute(trx);
    const { rows } = await sql<{ staged: number; replaced: number; inserted: number }>`
      with removed as (
        delete from ${table} t using load_current c
        where t.id = c.id and not exists (
          select 1 from load_line l
          where l.plant = c.plant and l.row_hash = c.row_hash and l.occurrence = c.occurrence)
        returning 1
      ),
      added as (
        insert into ${table} (${columnList})
        select ${sourceColumns}, l.row_hash, ${loadId}::bigint
        from load_line l join load_stage s on s.row_no = l.row_no
        where not exists (
          select 1 from load_current c
          where c.plant = l.plant and c.row_hash = l.row_hash and c.occurrence = l.occurrence)
        order by l.row_no
        returning 1
      )
      select (select count(*) from load_line) as staged,
             (select count(*) from removed) as replaced,
             (select count(*) from added) as inserted`.execute(trx);
    const { staged, replaced, inserted } = rows[0];
    return { inserted, updated: 0, unchanged: staged - inserted, replaced };
  });
}
