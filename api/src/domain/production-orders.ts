/**
 * Production orders with their state (DOMAIN.md §3.5 as decided in D6), MTO/MTS by the client rule
 * (§2.8: Sales Order filled and MRP controller P01), the MTO completion figures and the production
 * funnel with exclusive stages from the status-token set (§2.5, §3.5).
 */
import { sql, type RawBuilder } from "kysely";
import type { Db } from "../db/database.js";
import { defaultWindow } from "./lead-time.js";

export type OrderState = "CANCELLED" | "WIP" | "IN_TRANSIT" | "IN_STOCK" | "PARTIALLY_SHIPPED" | "SHIPPED";

export interface ProductionOrderRecord {
  orderNumber: string;
  plant: string;
  mrpController: string;
  sapOrderType: string;
  orderType: "MTO" | "MTS";
  material: string;
  materialDescription: string | null;
  batch: string;
  salesOrder: string | null;
  releaseDate: string | null;
  finishDate: string | null;
  orderQuantity: number | null;
  deliveredQuantity: number | null;
  unit: string | null;
  systemStatus: string[];
  state: OrderState;
}

export interface ProductionOrderFilter {
  /** Release-date window; default the calendar month of the as-of date. */
  from?: string;
  to?: string;
  plants?: string[];
  orderType?: "MTO" | "MTS";
  state?: OrderState;
  material?: string;
  /** MRP controllers (P01 filling, P02 liquid, P03 base); default every one. */
  mrpControllers?: string[];
}

export async function productionOrdersByNumber(db: Db, orderNumbers: readonly string[]): Promise<Map<string, ProductionOrderRecord>> {
  if (orderNumbers.length === 0) return new Map();
  const { rows } = await sql<OrderRow>`
    select * from production_order_state s where s.order_number in (${sql.join(orderNumbers.map((n) => n.replace(/^0+/, "")))})`.execute(db);
  return new Map(rows.map((row) => [row.order_number, toRecord(row)]));
}

/** A page of orders released in the window, newest release first (keyset on release date + order). */
export async function listProductionOrders(
  db: Db,
  filter: ProductionOrderFilter,
  asOf: string,
  page: { limit: number; offset: number },
): Promise<ProductionOrderRecord[]> {
  const { rows } = await sql<OrderRow>`
    select * from production_order_state s where ${conditions(filter, asOf)}
    order by s.release_date desc nulls last, s.order_number desc
    limit ${page.limit} offset ${page.offset}`.execute(db);
  return rows.map(toRecord);
}

export async function countProductionOrders(db: Db, filter: ProductionOrderFilter, asOf: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*) as n from production_order_state s where ${conditions(filter, asOf)}`.execute(db);
  return rows[0].n;
}

export interface StateCount {
  state: OrderState;
  count: number;
}

export async function orderStateCounts(db: Db, filter: ProductionOrderFilter, asOf: string): Promise<StateCount[]> {
  const { rows } = await sql<{ state: OrderState; count: number }>`
    select s.state, count(*) as count from production_order_state s where ${conditions(filter, asOf)}
    group by s.state order by s.state`.execute(db);
  return rows;
}

export interface MtoCompletion {
  from: string;
  to: string;
  total: number;
  complete: number;
  partial: number;
  pending: number;
  completionPercent: number | null;
}

/**
 * MTO orders released in the window by order quantities (§3.5 "Old MTO view status"): COMPLETE when
 * delivered ≥ ordered, PARTIAL when 0 < delivered < ordered, PENDING when nothing was delivered.
 */
export async function mtoCompletion(db: Db, filter: ProductionOrderFilter, asOf: string): Promise<MtoCompletion> {
  const window = defaultWindow(filter, asOf);
  const { rows } = await sql<{ total: number; complete: number; partial: number; pending: number }>`
    select count(*) as total,
           count(*) filter (where coalesce(s.delivered_quantity, 0) >= s.order_quantity) as complete,
           count(*) filter (where coalesce(s.delivered_quantity, 0) > 0 and s.delivered_quantity < s.order_quantity) as partial,
           count(*) filter (where coalesce(s.delivered_quantity, 0) = 0) as pending
    from production_order_state s where ${conditions({ ...filter, orderType: "MTO" }, asOf)}`.execute(db);
  const row = rows[0];
  return { ...window, ...row, completionPercent: row.total ? (row.complete / row.total) * 100 : null };
}

export interface CompletionTrendPoint {
  periodStart: string;
  total: number;
  completedPercent: number | null;
  pendingPercent: number | null;
}

/** MTO completion per week when the window is ≤ 90 days, per month otherwise (§3.5). */
export async function mtoCompletionTrend(db: Db, filter: ProductionOrderFilter, asOf: string): Promise<CompletionTrendPoint[]> {
  const window = defaultWindow(filter, asOf);
  const days = (Date.parse(window.to) - Date.parse(window.from)) / 86_400_000;
  const unit = days <= 90 ? sql.lit("week") : sql.lit("month");
  const { rows } = await sql<{ period_start: string; total: number; complete: number; pending: number }>`
    select date_trunc(${unit}, s.release_date)::date as period_start, count(*) as total,
           count(*) filter (where coalesce(s.delivered_quantity, 0) >= s.order_quantity) as complete,
           count(*) filter (where coalesce(s.delivered_quantity, 0) = 0) as pending
    from production_order_state s where ${conditions({ ...filter, orderType: "MTO" }, asOf)}
    group by 1 order by 1`.execute(db);
  return rows.map((row) => ({
    periodStart: row.period_start,
    total: row.total,
    completedPercent: row.total ? (row.complete / row.total) * 100 : null,
    pendingPercent: row.total ? (row.pending / row.total) * 100 : null,
  }));
}

export interface FunnelStage {
  stage: "CREATED" | "RELEASED" | "IN_PROGRESS" | "COMPLETED";
  count: number;
}

/**
 * The production funnel with exclusive stages from the status tokens (trailing `*` stripped, tokens
 * matched whole, §2.5): Created = CRTD only; Released = REL without PCNF/CNF; In progress = PCNF or
 * CNF without DLV/TECO; Completed = DLV or TECO.
 */
export async function productionFunnel(db: Db, filter: ProductionOrderFilter, asOf: string): Promise<FunnelStage[]> {
  const { rows } = await sql<{ created: number; released: number; in_progress: number; completed: number }>`
    select count(*) filter (where s.system_status && array['CRTD'] and not s.system_status && array['REL','PCNF','CNF','DLV','TECO']) as created,
           count(*) filter (where s.system_status && array['REL'] and not s.system_status && array['PCNF','CNF','DLV','TECO']) as released,
           count(*) filter (where s.system_status && array['PCNF','CNF'] and not s.system_status && array['DLV','TECO']) as in_progress,
           count(*) filter (where s.system_status && array['DLV','TECO']) as completed
    from (select state, release_date, plant, order_type, material, mrp_controller,
                 array(select rtrim(token, '*') from unnest(regexp_split_to_array(trim(system_status), '\\s+')) token) as system_status
          from production_order_state) s
    where ${conditions(filter, asOf)}`.execute(db);
  const row = rows[0];
  return [
    { stage: "CREATED", count: row.created },
    { stage: "RELEASED", count: row.released },
    { stage: "IN_PROGRESS", count: row.in_progress },
    { stage: "COMPLETED", count: row.completed },
  ];
}

interface OrderRow {
  order_number: string;
  plant: string;
  mrp_controller: string;
  sap_order_type: string;
  order_type: "MTO" | "MTS";
  material: string;
  material_description: string | null;
  batch: string;
  sales_order: string | null;
  release_date: string | null;
  finish_date: string | null;
  order_quantity: number | null;
  delivered_quantity: number | null;
  unit_of_measure: string | null;
  system_status: string | null;
  state: OrderState;
}

function toRecord(row: OrderRow): ProductionOrderRecord {
  return {
    orderNumber: row.order_number,
    plant: row.plant,
    mrpController: row.mrp_controller,
    sapOrderType: row.sap_order_type,
    orderType: row.order_type,
    material: row.material,
    materialDescription: row.material_description,
    batch: row.batch,
    salesOrder: row.sales_order,
    releaseDate: row.release_date,
    finishDate: row.finish_date,
    orderQuantity: row.order_quantity,
    deliveredQuantity: row.delivered_quantity,
    unit: row.unit_of_measure,
    systemStatus: (row.system_status ?? "").split(/\s+/).filter(Boolean).map((token) => token.replace(/\*$/, "")),
    state: row.state,
  };
}

function conditions(filter: ProductionOrderFilter, asOf: string): RawBuilder<boolean> {
  const window = defaultWindow(filter, asOf);
  const parts: RawBuilder<unknown>[] = [sql`s.release_date between ${window.from}::date and ${window.to}::date`];
  if (filter.plants) parts.push(filter.plants.length ? sql`s.plant in (${sql.join(filter.plants)})` : sql`false`);
  if (filter.orderType) parts.push(sql`s.order_type = ${filter.orderType}`);
  if (filter.state) parts.push(sql`s.state = ${filter.state}`);
  if (filter.material) parts.push(sql`s.material = ${filter.material}`);
  if (filter.mrpControllers?.length) parts.push(sql`s.mrp_controller in (${sql.join(filter.mrpControllers)})`);
  return sql<boolean>`${sql.join(parts, sql` and `)}`;
}
