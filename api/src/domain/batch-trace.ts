/**
 * One batch through the chain (DOMAIN.md §0, §3.1, §3.4; §4.1 `leadtime/trace/{batch}`): its netted
 * movements per plant, the netting result of each reversal pair, and a timeline of the lead-time
 * events of the order that made it. Quantities are never summed across plants (§2.1).
 */
import { sql } from "kysely";
import type { Db } from "../db/database.js";
import type { NettingStatus } from "./netting.js";

export interface NettingGroupRecord {
  plant: string;
  material: string;
  batch: string | null;
  forwardType: string;
  reverseType: string;
  forwardCount: number;
  reverseCount: number;
  nettedCount: number;
  remainingCount: number;
  orphanCount: number;
  netQuantity: number;
  firstValidDate: string | null;
  lastValidDate: string | null;
  status: NettingStatus;
}

export interface NettedMovementRecord {
  mb51Id: number;
  plant: string;
  material: string;
  batch: string | null;
  movementType: string;
  postingDate: string;
  quantity: number;
  reference: string | null;
  purchaseOrder: string | null;
  materialDescription: string | null;
}

export interface TraceEvent {
  stage: "PREPARATION" | "PRODUCTION" | "TRANSIT" | "STORAGE" | "DELIVERY";
  event: string;
  date: string;
  plant: string | null;
  document: string | null;
}

export async function nettingGroupsOfBatches(
  db: Db,
  batches: readonly string[],
  plants?: string[],
): Promise<NettingGroupRecord[]> {
  if (batches.length === 0) return [];
  const { rows } = await sql<GroupRow>`
    select * from netting_group
    where batch in (${sql.join([...batches])}) ${plants ? sql`and plant in (${sql.join(plants.length ? plants : [""])})` : sql``}
    order by batch, plant, forward_type, material`.execute(db);
  return rows.map(toGroup);
}

export async function nettedMovementsOfBatches(
  db: Db,
  batches: readonly string[],
  plants?: string[],
): Promise<NettedMovementRecord[]> {
  if (batches.length === 0) return [];
  const { rows } = await sql<MovementRow>`
    select * from netted_movement
    where batch in (${sql.join([...batches])}) ${plants ? sql`and plant in (${sql.join(plants.length ? plants : [""])})` : sql``}
    order by batch, posting_date, mb51_id`.execute(db);
  return rows.map(toMovement);
}

/** The lead-time events of the P01 order that made the batch, in date order. */
export async function batchTimeline(db: Db, batch: string): Promise<TraceEvent[]> {
  const { rows } = await sql<{
    order_number: string;
    purchase_order: string | null;
    purchase_date: string | null;
    release_date: string | null;
    finish_date: string | null;
    dc_receipt_date: string | null;
    first_issue_date: string | null;
    last_issue_date: string | null;
    last_issue_delivery: string | null;
    delivery_gi_date: string | null;
  }>`select * from lead_time_order where batch = ${batch} order by order_number`.execute(db);
  const events: TraceEvent[] = [];
  for (const row of rows) {
    const add = (stage: TraceEvent["stage"], event: string, date: string | null, plant: string | null, document: string | null) => {
      if (date) events.push({ stage, event, date, plant, document });
    };
    add("PREPARATION", "STO purchase order", row.purchase_date, "1401", row.purchase_order);
    add("PRODUCTION", "Released", row.release_date, "1201", row.order_number);
    add("PRODUCTION", "Finished", row.finish_date, "1201", row.order_number);
    add("TRANSIT", "Received at the DC", row.dc_receipt_date, "1401", row.purchase_order);
    add("STORAGE", "First goods issue", row.first_issue_date, "1401", null);
    if (row.last_issue_date !== row.first_issue_date) add("STORAGE", "Last goods issue", row.last_issue_date, "1401", row.last_issue_delivery);
    add("DELIVERY", "Delivered (actual GI)", row.delivery_gi_date, "1401", row.last_issue_delivery);
  }
  return events.sort((a, b) => a.date.localeCompare(b.date));
}

interface GroupRow {
  plant: string;
  material: string;
  batch: string | null;
  forward_type: string;
  reverse_type: string;
  forward_count: number;
  reverse_count: number;
  netted_count: number;
  remaining_count: number;
  orphan_count: number;
  net_quantity: number;
  first_valid_date: string | null;
  last_valid_date: string | null;
  status: NettingStatus;
}

interface MovementRow {
  mb51_id: number;
  plant: string;
  material: string;
  batch: string | null;
  movement_type: string;
  posting_date: string;
  quantity: number;
  reference: string | null;
  purchase_order: string | null;
  material_description: string | null;
}

function toGroup(row: GroupRow): NettingGroupRecord {
  return {
    plant: row.plant,
    material: row.material,
    batch: row.batch,
    forwardType: row.forward_type,
    reverseType: row.reverse_type,
    forwardCount: row.forward_count,
    reverseCount: row.reverse_count,
    nettedCount: row.netted_count,
    remainingCount: row.remaining_count,
    orphanCount: row.orphan_count,
    netQuantity: row.net_quantity,
    firstValidDate: row.first_valid_date,
    lastValidDate: row.last_valid_date,
    status: row.status,
  };
}

function toMovement(row: MovementRow): NettedMovementRecord {
  return {
    mb51Id: row.mb51_id,
    plant: row.plant,
    material: row.material,
    batch: row.batch,
    movementType: row.movement_type,
    postingDate: row.posting_date,
    quantity: row.quantity,
    reference: row.reference,
    purchaseOrder: row.purchase_order,
    materialDescription: row.material_description,
  };
}
