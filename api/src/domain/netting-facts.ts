/**
 * Rebuilds the netting facts (`netting_group`, `netted_movement`) from MB51 with the netting stack of
 * netting.ts (DOMAIN.md §3.1, D3): one query reads the lines of the reversal pairs, the stack runs in
 * memory, and the results are written back in bulk — no per-row round trips.
 */
import { sql } from "kysely";
import type { DbTransaction } from "../db/database.js";
import { bulkInsert } from "../db/bulk-insert.js";
import { REVERSAL_PAIRS, netMovements, type Movement } from "./netting.js";

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
  purchase_order: string | null;
  material_description: string | null;
}

const PAIR_TYPES = [...REVERSAL_PAIRS.entries()].flat();

export async function rebuildNettingFacts(trx: DbTransaction): Promise<{ groups: number; validLines: number }> {
  const { rows } = await sql<LineRow>`
    select id, plant, material, batch, movement_type, posting_date, quantity, reference, material_document,
           purchase_order, material_description
    from raw_mb51
    where movement_type in (${sql.join(PAIR_TYPES)})
    order by id`.execute(trx);
  const byId = new Map<number, LineRow>();
  const movements: Movement[] = rows.map((row) => {
    byId.set(row.id, row);
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
  await sql`delete from netting_group`.execute(trx);
  await sql`delete from netted_movement`.execute(trx);
  const groupRows = groups.map((group) => ({
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
    status: group.status,
  }));
  const validRows = groups.flatMap((group) =>
    group.validMovements.map((movement) => {
      const line = byId.get(movement.id as number)!;
      return {
        mb51_id: line.id,
        plant: line.plant,
        material: line.material,
        batch: line.batch,
        movement_type: line.movement_type,
        posting_date: line.posting_date,
        quantity: line.quantity,
        reference: line.reference,
        purchase_order: line.purchase_order,
        material_description: line.material_description,
      };
    }),
  );
  if (groupRows.length) await bulkInsert(trx, "netting_group", groupRows);
  if (validRows.length) await bulkInsert(trx, "netted_movement", validRows);
  return { groups: groupRows.length, validLines: validRows.length };
}
