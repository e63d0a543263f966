/**
 * Keeps the netting facts (`netting_group`, `netted_movement`, and from the groups `transit_open`)
 * in step with MB51, using the netting stack of netting.ts (DOMAIN.md §3.1, D3): one query reads
 * the lines of the groups concerned, the stack runs in memory, the results are written back in
 * bulk — no per-row round trips.
 *
 * After an MB51 load only the groups its posting-date windows touch are recomputed: the groups with
 * a line in a window now, and the groups that had one before the load (their stored date span
 * overlaps a window), since window replacement may have removed their lines. Of their surviving
 * lines only the difference is written: MB51 lines are never updated in place (window replacement
 * deletes and inserts, and ids are never reused), so a netted movement is a copy of its raw line
 * for as long as that line survives.
 */
import { sql, type RawBuilder } from "kysely";
import type { DbTransaction } from "../db/database.js";
import { bulkInsert } from "../db/bulk-insert.js";
import { bigintArray, textArray } from "../db/text-array.js";
import { REVERSAL_PAIRS, netMovements, type Movement } from "./netting.js";

export interface NettingRefresh {
  groups: number;
  validLines: number;
  /** Batches whose netting was recomputed (`undefined` = all). */
  batches: string[] | undefined;
}

const PAIR_TYPES = [...REVERSAL_PAIRS.entries()].flat();
/** Movement type → the forward type of its pair. */
const FORWARD_OF = new Map<string, string>([...REVERSAL_PAIRS].flatMap(([forward, reverse]) => [[forward, forward], [reverse, forward]]));

/** Recomputes every group. */
export async function rebuildNettingFacts(trx: DbTransaction): Promise<NettingRefresh> {
  await sql`delete from netting_group`.execute(trx);
  await sql`delete from netted_movement`.execute(trx);
  await sql`delete from transit_open`.execute(trx);
  const { rows } = await sql<LineRow>`
    select id, plant, material, batch, movement_type, posting_date, quantity, reference, material_document
    from raw_mb51 where movement_type in (${sql.join(PAIR_TYPES)})
    order by id`.execute(trx);
  const { groupRows, validIds } = netLines(rows);
  await writeGroups(trx, groupRows);
  // Most of the year's lines: one pass of raw_mb51's primary key alongside the sorted ids (a merge join).
  if (validIds.length) await copyNettedLines(trx, sql`${idList(validIds)} join raw_mb51 m on m.id = v.id`);
  await sql`insert into transit_open select * from transit_open_of_batches(null)`.execute(trx);
  return { groups: groupRows.length, validLines: validIds.length, batches: undefined };
}

/**
 * Recomputes the groups touched by the MB51 load of this transaction (its windows are in the
 * temporary table `load_window` that the merge created).
 */
export async function refreshNettingFactsForWindows(trx: DbTransaction): Promise<NettingRefresh> {
  // Per window (one per plant), by index: the lines through (plant, posting_date), the groups through
  // (plant, any_last_date). `offset 0` keeps each lateral subquery a loop over the few windows; pulled
  // up into a join, the planner does not know how narrow a window is and scans both tables whole.
  await sql`create temp table netting_scope on commit drop as
    select m.plant, m.material, coalesce(m.batch, '') as batch
    from load_window w cross join lateral (
      select m.plant, m.material, m.batch from raw_mb51 m
      where m.plant = w.plant and m.posting_date between w.first_date and w.last_date
        and m.movement_type in (${sql.join(PAIR_TYPES)})
      offset 0) m
    union
    select g.plant, g.material, coalesce(g.batch, '')
    from load_window w cross join lateral (
      select g.plant, g.material, g.batch from netting_group g
      where g.plant = w.plant and g.any_last_date >= w.first_date and g.any_first_date <= w.last_date
      offset 0) g`.execute(trx);
  await sql`analyze netting_scope`.execute(trx);
  // A scope row with a batch matches through the batch indexes, one without (batch '') through the
  // partial no-batch indexes (097, 099); one condition for both would scan the tables whole.
  const inScope = (alias: string, withBatch: boolean): RawBuilder<boolean> => {
    const row = (column: string) => sql.ref(`${alias}.${column}`);
    return withBatch
      ? sql<boolean>`s.batch <> '' and ${row("batch")} = s.batch and ${row("plant")} = s.plant and ${row("material")} = s.material`
      : sql<boolean>`s.batch = '' and ${row("batch")} is null and ${row("plant")} = s.plant and ${row("material")} = s.material`;
  };
  for (const withBatch of [true, false]) {
    await sql`delete from netting_group g using netting_scope s where ${inScope("g", withBatch)}`.execute(trx);
  }
  // Lines without a batch come from the columns of their partial index alone (an index-only scan):
  // ~40,000 at scale 40 for a day, scattered over the year's pages.
  const lines = (withBatch: boolean) => sql`
    select m.id, m.plant, m.material, ${withBatch ? sql`m.batch` : sql`null::text`} as batch, m.movement_type, m.posting_date,
           m.quantity, m.reference, m.material_document
    from raw_mb51 m join netting_scope s on ${inScope("m", withBatch)}
    where m.movement_type in (${sql.join(PAIR_TYPES)})`;
  const { rows } = await sql<LineRow>`${lines(true)} union all ${lines(false)} order by id`.execute(trx);
  const { rows: batches } = await sql<{ batch: string }>`
    select distinct batch from netting_scope where batch <> ''`.execute(trx);
  const { groupRows, validIds } = netLines(rows);
  await writeGroups(trx, groupRows);
  // Transit is per batch (groups without a batch have none): only the scope's batches can change.
  const batchList = textArray(batches.map((row) => row.batch));
  await sql`delete from transit_open where batch = any (${batchList})`.execute(trx);
  await sql`insert into transit_open select * from transit_open_of_batches(${batchList})`.execute(trx);
  // The surviving lines the scope's groups had: those that no longer survive are deleted, the new
  // ones copied. A day's load leaves most of them as they were (the year-long no-batch groups alone
  // hold ~40,000 lines at scale 40), and rewriting them all cost ~2 s.
  const stored = (withBatch: boolean) => sql`
    select n.mb51_id from netted_movement n join netting_scope s on ${inScope("n", withBatch)}`;
  const { rows: storedRows } = await sql<{ mb51_id: number }>`${stored(true)} union all ${stored(false)}`.execute(trx);
  const storedIds = new Set(storedRows.map((row) => row.mb51_id));
  const survivingIds = new Set(validIds);
  const goneIds = [...storedIds].filter((id) => !survivingIds.has(id));
  const newIds = validIds.filter((id) => !storedIds.has(id));
  if (goneIds.length) await sql`delete from netted_movement where mb51_id = any (${bigintArray(goneIds)})`.execute(trx);
  // A few lines: looked up one by one (`offset 0` keeps the lateral subquery a loop; joined, the
  // planner may merge-join the whole primary key of raw_mb51).
  if (newIds.length) {
    await copyNettedLines(trx, sql`${idList(newIds)} cross join lateral (select * from raw_mb51 m where m.id = v.id offset 0) m`);
  }
  return {
    groups: groupRows.length,
    validLines: goneIds.length + newIds.length,
    batches: batches.map((row) => row.batch),
  };
}

interface LineRow {
  id: number;
  plant: string;
  material: string;
  batch: string | null;
  movement_type: string;
  posting_date: string;
  quantity: number;
  reference: string | null;
  material_document: string;
}

/** Nets the lines (sorted by id) into the rows of their groups and the ids of their surviving lines. */
function netLines(rows: LineRow[]): { groupRows: Record<string, unknown>[]; validIds: number[] } {
  const movements: Movement[] = rows.map((row) => {
    return {
      id: row.id,
      plant: row.plant,
      material: row.material,
      batch: row.batch,
      movementType: row.movement_type,
      postingDate: row.posting_date,
      quantity: row.quantity,
      reference: row.reference,
      materialDocument: row.material_document,
    };
  });
  const groups = netMovements(movements);
  const spans = new Map<string, { first: string; last: string }>();
  for (const row of rows) {
    const forward = FORWARD_OF.get(row.movement_type)!;
    const key = `${row.plant}\u0000${row.material}\u0000${row.batch ?? ""}\u0000${forward}`;
    const span = spans.get(key);
    if (!span) spans.set(key, { first: row.posting_date, last: row.posting_date });
    else {
      if (row.posting_date < span.first) span.first = row.posting_date;
      if (row.posting_date > span.last) span.last = row.posting_date;
    }
  }
  const groupRows = groups.map((group) => {
    const span = spans.get(`${group.plant}\u0000${group.material}\u0000${group.batch ?? ""}\u0000${group.forwardType}`)!;
    return {
      plant: group.plant,
      material: group.material,
      batch: group.batch,
      forward_type: group.forwardType,
      reverse_type: group.reverseType,
      forward_count: group.remainingCount + group.nettedCount,
      reverse_count: group.nettedCount + group.orphanReversals.length,
      netted_count: group.nettedCount,
      remaining_count: group.remainingCount,
      orphan_count: group.orphanReversals.length,
      net_quantity: group.netQuantity,
      first_valid_date: group.firstValidDate,
      last_valid_date: group.lastValidDate,
      any_first_date: span.first,
      any_last_date: span.last,
      status: group.status,
    };
  });
  const validIds = groups.flatMap((group) => group.validMovements.map((movement) => movement.id as number));
  return { groupRows, validIds };
}

async function writeGroups(trx: DbTransaction, groupRows: Record<string, unknown>[]): Promise<void> {
  if (groupRows.length) await bulkInsert(trx, "netting_group", groupRows);
}

/** The ids as the rows of `v (id)`. */
function idList(ids: number[]): RawBuilder<unknown> {
  return sql`unnest(${bigintArray(ids)}) v (id)`;
}

/**
 * Copies surviving lines from raw_mb51 (`lines`: a from-list yielding them as `m`) into
 * netted_movement: the ids are all that has to travel, where the whole rows went out and came back
 * as JSON.
 */
async function copyNettedLines(trx: DbTransaction, lines: RawBuilder<unknown>): Promise<void> {
  await sql`insert into netted_movement (mb51_id, plant, material, batch, movement_type, posting_date, quantity, reference,
                                         purchase_order, material_description)
    select m.id, m.plant, m.material, m.batch, m.movement_type, m.posting_date, m.quantity, m.reference,
           m.purchase_order, m.material_description
    from ${lines}`.execute(trx);
}
