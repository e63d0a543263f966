/**
 * Keeps the netting facts in step with MB51 (DOMAIN.md §3.1, D3): `cancelled_movement`, the forward
 * lines a reversal cancelled, decided by the netting stack of netting.ts; `netting_group`, one row per
 * (plant, material, batch, reversal pair), counted from the lines and those cancellations in one
 * statement; and from the groups `transit_open`. The surviving lines are the view `netted_movement`
 * (migration 101). Only the lines of groups that have a reversal travel to Node (~230,000 of 1.6
 * million at scale 40): without one nothing is cancelled.
 *
 * After an MB51 load only the groups its posting-date windows touch are recomputed: the groups with
 * a line in a window now, and the groups that had one before the load (their stored date span
 * overlaps a window), since window replacement may have removed their lines.
 */
import { sql, type RawBuilder } from "kysely";
import type { DbTransaction } from "../db/database.js";
import { replaceTable } from "../db/replace-table.js";
import { bigintArray, textArray } from "../db/text-array.js";
import { REVERSAL_PAIRS, netMovements, type Movement } from "./netting.js";

export interface NettingRefresh {
  groups: number;
  /** Rows of `cancelled_movement` written or deleted. */
  cancellationsChanged: number;
  /** Batches whose netting was recomputed (`undefined` = all). */
  batches: string[] | undefined;
}

// Movement types as literal lists beside the joins with pair_movement: the planner estimates a list
// from raw_mb51's statistics, and a join with the pairs' table blindly.
const PAIR_TYPES = [...REVERSAL_PAIRS.entries()].flat();
const REVERSE_TYPES = [...REVERSAL_PAIRS.values()];

/**
 * Recomputes every group. The groups are written into a fresh copy of `netting_group` that then
 * replaces it (`replaceTable`): readers of the table wait from the swap until the transaction
 * commits. A full rebuild runs on the first MB51 load, when there is nothing to read yet, or when
 * asked for.
 */
export async function rebuildNettingFacts(trx: DbTransaction): Promise<NettingRefresh> {
  await sql`delete from cancelled_movement`.execute(trx);
  await sql`delete from transit_open`.execute(trx);
  // Only a group with a reversal can have a cancelled line: those groups' (plant, material, batch)
  // come from the partial index of reversal lines (migration 102), their lines by batch.
  await sql`create temp table netting_scope on commit drop as
    select distinct plant, material, coalesce(batch, '') as batch from raw_mb51
    where movement_type in (${sql.join(REVERSE_TYPES.map((type) => sql.lit(type)))})`.execute(trx);
  await readScopeLines(trx);
  const cancellations = await writeCancellations(trx);
  let groups = 0;
  await replaceTable(trx, "netting_group", async (copy) => {
    groups = await writeGroups(trx, sql`raw_mb51`, copy);
  });
  await sql`insert into transit_open select * from transit_open_of_batches(null)`.execute(trx);
  return { groups, cancellationsChanged: cancellations, batches: undefined };
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
  await readScopeLines(trx);
  // The scope's groups and their cancellations (those of lines the load removed too) are recomputed.
  let deleted = 0;
  for (const withBatch of [true, false]) {
    await sql`delete from netting_group g using netting_scope s where ${inScope("g", withBatch)}`.execute(trx);
    const result = await sql`delete from cancelled_movement c using netting_scope s where ${inScope("c", withBatch)}`.execute(trx);
    deleted += Number(result.numAffectedRows ?? 0);
  }
  const written = await writeCancellations(trx);
  const groups = await writeGroups(trx, sql`netting_line`);
  // Transit is per batch (groups without a batch have none): only the scope's batches can change.
  const { rows: batches } = await sql<{ batch: string }>`
    select distinct batch from netting_scope where batch <> ''`.execute(trx);
  const batchList = textArray(batches.map((row) => row.batch));
  await sql`delete from transit_open where batch = any (${batchList})`.execute(trx);
  await sql`insert into transit_open select * from transit_open_of_batches(${batchList})`.execute(trx);
  return {
    groups,
    cancellationsChanged: deleted + written,
    batches: batches.map((row) => row.batch),
  };
}

/**
 * A row of the temporary table `netting_scope` (plant, material, batch; '' for lines without one)
 * matches through the batch indexes, one without a batch through the partial no-batch indexes (097,
 * 099); one condition for both would scan the tables whole.
 */
function inScope(alias: string, withBatch: boolean): RawBuilder<boolean> {
  const row = (column: string) => sql.ref(`${alias}.${column}`);
  return withBatch
    ? sql<boolean>`s.batch <> '' and ${row("batch")} = s.batch and ${row("plant")} = s.plant and ${row("material")} = s.material`
    : sql<boolean>`s.batch = '' and ${row("batch")} is null and ${row("plant")} = s.plant and ${row("material")} = s.material`;
}

/**
 * Reads the lines of the groups in `netting_scope` once, into the temporary table `netting_line`,
 * for the stack and the groups. Lines without a batch come from the columns of their partial index
 * alone (an index-only scan): ~40,000 at scale 40, scattered over the year's pages.
 */
async function readScopeLines(trx: DbTransaction): Promise<void> {
  await sql`analyze netting_scope`.execute(trx);
  const lines = (withBatch: boolean) => sql`
    select m.id, m.plant, m.material, ${withBatch ? sql`m.batch` : sql`null::text`} as batch, m.movement_type, m.posting_date,
           m.quantity, m.reference, m.material_document
    from raw_mb51 m join netting_scope s on ${inScope("m", withBatch)}
    where m.movement_type in (${sql.join(PAIR_TYPES)})`;
  await sql`create temp table netting_line on commit drop as ${lines(true)} union all ${lines(false)}`.execute(trx);
}

/** An MB51 line as netting reads it from raw_mb51. */
export interface LineRow {
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

/**
 * Runs the netting stack over the groups of `netting_line` that have a reversal, and stores the
 * forward lines it cancelled; returns how many.
 */
async function writeCancellations(trx: DbTransaction): Promise<number> {
  // The pairs with a reversal (~8,000 groups at scale 40), analysed: as a subquery over raw_mb51 the
  // planner guessed a third of MB51 for them and probed the lines plant by plant.
  await sql`create temp table reversed_group on commit drop as
    select distinct r.plant, r.material, coalesce(r.batch, '') as batch, q.forward_type
    from netting_line r join pair_movement q on q.movement_type = r.movement_type
    where r.movement_type in (${sql.join(REVERSE_TYPES)}) and q.is_reversal`.execute(trx);
  await sql`analyze reversed_group`.execute(trx);
  const { rows } = await sql<LineRow>`
    select m.id, m.plant, m.material, m.batch, m.movement_type, m.posting_date, m.quantity, m.reference, m.material_document
    from netting_line m
    join pair_movement p on p.movement_type = m.movement_type
    join reversed_group g
      on g.plant = m.plant and g.material = m.material and g.batch = coalesce(m.batch, '') and g.forward_type = p.forward_type
    where m.movement_type in (${sql.join(PAIR_TYPES)})
    order by m.id`.execute(trx);
  const cancellations = netMovements(rows.map(movementOf)).flatMap((group) => group.cancellations);
  if (cancellations.length === 0) return 0;
  await sql`insert into cancelled_movement (mb51_id, reversal_mb51_id, plant, material, batch)
    select l.id, v.reversal_id, l.plant, l.material, l.batch
    from unnest(${bigintArray(cancellations.map((pair) => pair.forward.id as number))},
                ${bigintArray(cancellations.map((pair) => pair.reversal.id as number))}) v (id, reversal_id)
    join netting_line l on l.id = v.id`.execute(trx);
  return cancellations.length;
}

/** A line as the netting stack takes it. */
export function movementOf(row: LineRow): Movement {
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
}

/**
 * Writes the netting groups of `lines` (a relation with raw_mb51's columns) into `target`, counted
 * from the lines and their stored cancellations; returns how many. A forward line survives unless cancelled, and the
 * survivors of a group stay in posting order, so its first and last valid dates are their min and max.
 */
async function writeGroups(trx: DbTransaction, lines: RawBuilder<unknown>, target = "netting_group"): Promise<number> {
  const result = await sql`
    insert into ${sql.id(target)} (plant, material, batch, forward_type, reverse_type, forward_count, reverse_count, netted_count,
                               remaining_count, orphan_count, net_quantity, first_valid_date, last_valid_date,
                               any_first_date, any_last_date, status)
    select plant, material, batch, forward_type, reverse_type, forward_count, reverse_count, netted_count,
           forward_count - netted_count, reverse_count - netted_count, net_quantity, first_valid_date, last_valid_date,
           any_first_date, any_last_date,
           case when forward_count = netted_count then 'FULLY_REVERSED'
                when netted_count > 0 then 'PARTIALLY_REVERSED' else 'DELIVERED' end
    from (
      select m.plant, m.material, m.batch, p.forward_type, p.reverse_type,
             (count(*) filter (where not p.is_reversal))::int as forward_count,
             (count(*) filter (where p.is_reversal))::int as reverse_count,
             count(c.mb51_id)::int as netted_count,
             coalesce(sum(abs(m.quantity)) filter (where not p.is_reversal and c.mb51_id is null), 0) as net_quantity,
             min(m.posting_date) filter (where not p.is_reversal and c.mb51_id is null) as first_valid_date,
             max(m.posting_date) filter (where not p.is_reversal and c.mb51_id is null) as last_valid_date,
             min(m.posting_date) as any_first_date,
             max(m.posting_date) as any_last_date
      from ${lines} m
      join pair_movement p on p.movement_type = m.movement_type
      left join cancelled_movement c on c.mb51_id = m.id
      where m.movement_type in (${sql.join(PAIR_TYPES)})
      group by m.plant, m.material, m.batch, p.forward_type, p.reverse_type
    ) g`.execute(trx);
  return Number(result.numAffectedRows ?? 0);
}
