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
import { sql, type RawBuilder } from "kysely";
import type { DbTransaction } from "../db/database.js";
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
  const extraSelect = extraColumns.length
    ? sql`, ${sql.join(extraColumns.map(([name, value]) => sql`${value} as ${sql.id(name)}`))}`
    : sql``;
  const { rows } = await sql<{ staged: number; updated: number; inserted: number }>`
    with src as (
      select s.*${extraSelect}, ${rowHash(sql`${extraText}`)} as row_hash from load_stage s
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
 */
function rowHash(extras: RawBuilder<unknown>): RawBuilder<string> {
  return sql<string>`md5(s.raw::text || (to_jsonb(s) - 'row_no' - 'raw')::text || ${extras})`;
}

async function mergeWindow(trx: DbTransaction, spec: ReportSpec, loadId: number): Promise<MergeCounts> {
  const columns = spec.columns.map((column) => column.column);
  const table = sql.table(spec.table);
  const columnList = sql.join([...columns, "raw", "row_hash", "load_id"].map((column) => sql.id(column)));
  const sourceColumns = sql.join([...columns, "raw", "row_hash"].map((column) => sql`src.${sql.id(column)}`));
  await sql`create temp table load_stage_hashed on commit drop as
    select h.*, row_number() over (partition by h.plant, h.row_hash order by h.row_no) as occurrence
    from (select s.*, ${rowHash(sql`''`)} as row_hash from load_stage s) h`.execute(trx);
  await sql`create temp table load_window on commit drop as
    select plant, min(posting_date) as first_date, max(posting_date) as last_date
    from load_stage group by plant`.execute(trx);
  await sql`create temp table load_current on commit drop as
    select t.id, t.plant, t.row_hash,
           row_number() over (partition by t.plant, t.row_hash order by t.id) as occurrence
    from ${table} t join load_window w on t.plant = w.plant and t.posting_date between w.first_date and w.last_date`.execute(trx);
  const { rows } = await sql<{ staged: number; replaced: number; inserted: number }>`
    with removed as (
      delete from ${table} t using load_current c
      where t.id = c.id and not exists (
        select 1 from load_stage_hashed src
        where src.plant = c.plant and src.row_hash = c.row_hash and src.occurrence = c.occurrence)
      returning 1
    ),
    added as (
      insert into ${table} (${columnList})
      select ${sourceColumns}, ${loadId}::bigint from load_stage_hashed src
      where not exists (
        select 1 from load_current c
        where c.plant = src.plant and c.row_hash = src.row_hash and c.occurrence = src.occurrence)
      order by src.row_no
      returning 1
    )
    select (select count(*) from load_stage_hashed) as staged,
           (select count(*) from removed) as replaced,
           (select count(*) from added) as inserted`.execute(trx);
  const { staged, replaced, inserted } = rows[0];
  return { inserted, updated: 0, unchanged: staged - inserted, replaced };
}
