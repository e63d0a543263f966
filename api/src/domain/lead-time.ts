/**
 * Lead time of P01 orders (DOMAIN.md §3.4 as decided in §6 D5; CONTRACT.md "GraphQL details").
 * The stages are stable facts (`lead_time_order`, rebuilt after each load from the view
 * `lead_time_source`); the status depends on the as-of date and the configured targets and
 * limits, so it is computed when asked.
 */
import { sql, type RawBuilder } from "kysely";
import type { AlkanaConfig } from "../config.js";
import type { Db, DbTransaction } from "../db/database.js";
import { withLocalSettings } from "../db/local-settings.js";
import { textArray } from "../db/text-array.js";

export type LeadTimeStatus = "ON_TIME" | "DELAYED" | "STUCK" | "IN_PROGRESS";
export type OrderType = "MTO" | "MTS";

export interface LeadTimeOrder {
  orderNumber: string;
  orderType: OrderType;
  plant: string;
  material: string;
  materialDescription: string | null;
  batch: string;
  salesOrder: string | null;
  purchaseOrder: string | null;
  releaseDate: string | null;
  finishDate: string | null;
  dcReceiptDate: string | null;
  preparationDays: number | null;
  productionDays: number | null;
  transitDays: number | null;
  storageDays: number | null;
  deliveryDays: number | null;
  totalDays: number | null;
  firstIssueDate: string | null;
  lastIssueDate: string | null;
  deliveryGiDate: string | null;
  orderToReleaseDays: number | null;
  openStage: "PRODUCTION" | "TRANSIT" | "STORAGE" | null;
  openStageDays: number | null;
  status: LeadTimeStatus;
  qualityFlags: string[];
  asOfDate: string;
}

export interface LeadTimeFilter {
  /** Release-date window (YYYY-MM-DD); default: the calendar month of the as-of date. */
  from?: string;
  to?: string;
  plants?: string[];
  orderType?: OrderType;
  status?: LeadTimeStatus;
  material?: string;
}

export interface LeadTimeSummary {
  asOfDate: string;
  from: string;
  to: string;
  orderCount: number;
  mtoAverageDays: number | null;
  mtsAverageDays: number | null;
  onTimePercent: number | null;
  onTimeCount: number;
  delayedCount: number;
  stuckCount: number;
  inProgressCount: number;
}

/**
 * Rebuilds `lead_time_order` from `lead_time_source` (run after the netting facts): every order, or
 * only the orders of the given batches (after an MB51 load that touched only those), read through
 * `lead_time_of_batches` (sql/095), which filters every source by the batches.
 */
export async function rebuildLeadTimeFacts(trx: DbTransaction, batches?: readonly string[]): Promise<number> {
  if (batches === undefined) {
    await sql`delete from lead_time_order`.execute(trx);
    // The year's DC lines (netted_movement at plant 1401, a view over raw_mb51) by a sequential scan:
    // the planner prefers a bitmap over the (plant, posting_date) index, which visits nearly every
    // page of the table one by one — 3.0 s against 0.9 s for the scan at scale 40, side by side.
    const result = await withLocalSettings(trx, { enable_bitmapscan: "off" }, () =>
      sql`insert into lead_time_order select * from lead_time_source`.execute(trx),
    );
    return Number(result.numAffectedRows ?? 0);
  }
  if (batches.length === 0) return 0;
  const list = textArray(batches);
  await sql`delete from lead_time_order where batch = any (${list})`.execute(trx);
  const result = await sql`insert into lead_time_order select * from lead_time_of_batches(${list})`.execute(trx);
  return Number(result.numAffectedRows ?? 0);
}

export async function leadTimeOfOrder(
  db: Db,
  orderNumber: string,
  asOf: string,
  config: AlkanaConfig,
): Promise<LeadTimeOrder | undefined> {
  const { rows } = await sql<LeadTimeRow>`
    select l.*, ${statusSql(asOf, config)} as status, ${openDaysSql(asOf)} as open_stage_days
    from lead_time_order l where l.order_number = ${orderNumber}`.execute(db);
  return rows[0] && toLeadTimeOrder(rows[0], asOf);
}

/** Lead time of many orders at once (for DataLoader batching), keyed by order number. */
export async function leadTimeOfOrders(
  db: Db,
  orderNumbers: readonly string[],
  asOf: string,
  config: AlkanaConfig,
): Promise<Map<string, LeadTimeOrder>> {
  if (orderNumbers.length === 0) return new Map();
  const { rows } = await sql<LeadTimeRow>`
    select l.*, ${statusSql(asOf, config)} as status, ${openDaysSql(asOf)} as open_stage_days
    from lead_time_order l where l.order_number in (${sql.join([...orderNumbers])})`.execute(db);
  return new Map(rows.map((row) => [row.order_number, toLeadTimeOrder(row, asOf)]));
}

/** Orders released in the window, newest release first, `limit` at a time after `offset`, and their count. */
export async function leadTimeOrders(
  db: Db,
  filter: LeadTimeFilter,
  asOf: string,
  config: AlkanaConfig,
  page: { limit: number; offset: number },
): Promise<{ orders: LeadTimeOrder[]; totalCount: number }> {
  const orders = await leadTimeOrderPage(db, filter, asOf, config, page);
  return { orders, totalCount: await countLeadTimeOrders(db, filter, asOf, config) };
}

/**
 * One page of the orders released in the window, newest release first (then order number): the
 * order of the index `lead_time_order_release`, so the page is read off it without a sort.
 */
export async function leadTimeOrderPage(
  db: Db,
  filter: LeadTimeFilter,
  asOf: string,
  config: AlkanaConfig,
  page: { limit: number; offset: number },
): Promise<LeadTimeOrder[]> {
  const { rows } = await sql<LeadTimeRow>`
    select * from (
      select l.*, ${statusSql(asOf, config)} as status, ${openDaysSql(asOf)} as open_stage_days
      from lead_time_order l
    ) l
    where ${filterSql(filter, asOf, config)}
    order by l.release_date desc nulls last, l.order_number desc
    limit ${page.limit} offset ${page.offset}`.execute(db);
  return rows.map((row) => toLeadTimeOrder(row, asOf));
}

/** The number of orders released in the window that pass the filter. */
export async function countLeadTimeOrders(db: Db, filter: LeadTimeFilter, asOf: string, config: AlkanaConfig): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*) as n from (
      select l.*, ${statusSql(asOf, config)} as status from lead_time_order l
    ) l where ${filterSql(filter, asOf, config)}`.execute(db);
  return rows[0].n;
}

/**
 * Averages over orders with every stage closed (ON_TIME or DELAYED), on-time share of those,
 * and counts per status, for P01 orders released in the window.
 *
 * The status of each order is computed once, in a grouping by (order type, status), and the figures
 * are summed from those few groups: aggregates filtered on a status computed in a subquery would
 * repeat the whole status expression for every aggregate and every order (PostgreSQL pulls the
 * subquery up). The averages are Σ ÷ count over the same groups, as `avg(total_days)` would be.
 */
export async function leadTimeSummary(
  db: Db,
  filter: LeadTimeFilter,
  asOf: string,
  config: AlkanaConfig,
): Promise<LeadTimeSummary> {
  const window = defaultWindow(filter, asOf);
  const { rows } = await sql<{
    order_count: number;
    mto_average: number | null;
    mts_average: number | null;
    on_time: number;
    delayed: number;
    stuck: number;
    in_progress: number;
  }>`
    select coalesce(sum(orders), 0)::int8 as order_count,
           (sum(total_days) filter (where order_type = 'MTO' and status in ('ON_TIME', 'DELAYED'))::numeric
             / nullif(sum(with_total) filter (where order_type = 'MTO' and status in ('ON_TIME', 'DELAYED')), 0))::float8 as mto_average,
           (sum(total_days) filter (where order_type = 'MTS' and status in ('ON_TIME', 'DELAYED'))::numeric
             / nullif(sum(with_total) filter (where order_type = 'MTS' and status in ('ON_TIME', 'DELAYED')), 0))::float8 as mts_average,
           coalesce(sum(orders) filter (where status = 'ON_TIME'), 0)::int8 as on_time,
           coalesce(sum(orders) filter (where status = 'DELAYED'), 0)::int8 as delayed,
           coalesce(sum(orders) filter (where status = 'STUCK'), 0)::int8 as stuck,
           coalesce(sum(orders) filter (where status = 'IN_PROGRESS'), 0)::int8 as in_progress
    from (
      select l.order_type, ${statusSql(asOf, config)} as status,
             count(*) as orders, sum(l.total_days) as total_days, count(l.total_days) as with_total
      from lead_time_order l
      where ${filterSql({ ...filter, status: undefined }, asOf, config)}
      group by 1, 2
    ) g`.execute(db);
  const row = rows[0];
  const closed = row.on_time + row.delayed;
  return {
    asOfDate: asOf,
    from: window.from,
    to: window.to,
    orderCount: row.order_count,
    mtoAverageDays: row.mto_average,
    mtsAverageDays: row.mts_average,
    onTimePercent: closed > 0 ? (row.on_time / closed) * 100 : null,
    onTimeCount: row.on_time,
    delayedCount: row.delayed,
    stuckCount: row.stuck,
    inProgressCount: row.in_progress,
  };
}

export interface LeadTimeStageAverages
  extends Pick<LeadTimeOrder, "preparationDays" | "productionDays" | "transitDays" | "storageDays" | "deliveryDays" | "totalDays"> {
  orderType: OrderType;
  /** Orders with every stage closed (ON_TIME or DELAYED) that pass the filter. */
  orderCount: number;
}

/**
 * Average days per stage for MTO and MTS over the orders with every stage closed (ON_TIME or
 * DELAYED) that pass the whole filter, its status included: the set `mtoAverageDays` and
 * `mtsAverageDays` are taken over. A stage an order lacks (null, DOMAIN.md D5: MTS has no
 * preparation or delivery) is left out of that stage's average. Both types are always returned.
 */
export async function leadTimeStageAverages(
  db: Db,
  filter: LeadTimeFilter,
  asOf: string,
  config: AlkanaConfig,
): Promise<LeadTimeStageAverages[]> {
  const { rows } = await sql<{
    order_type: OrderType;
    orders: number;
    preparation: number | null;
    production: number | null;
    transit: number | null;
    storage: number | null;
    delivery: number | null;
    total: number | null;
  }>`
    select l.order_type, count(*)::int8 as orders,
           avg(l.preparation_days)::float8 as preparation, avg(l.production_days)::float8 as production,
           avg(l.transit_days)::float8 as transit, avg(l.storage_days)::float8 as storage,
           avg(l.delivery_days)::float8 as delivery, avg(l.total_days)::float8 as total
    from (
      select l.*, ${statusSql(asOf, config)} as status from lead_time_order l
    ) l
    where ${filterSql(filter, asOf, config)} and l.status in ('ON_TIME', 'DELAYED')
    group by l.order_type`.execute(db);
  return (["MTO", "MTS"] as const).map((orderType) => {
    const row = rows.find((candidate) => candidate.order_type === orderType);
    return {
      orderType,
      orderCount: row?.orders ?? 0,
      preparationDays: row?.preparation ?? null,
      productionDays: row?.production ?? null,
      transitDays: row?.transit ?? null,
      storageDays: row?.storage ?? null,
      deliveryDays: row?.delivery ?? null,
      totalDays: row?.total ?? null,
    };
  });
}

/** The calendar month of the as-of date when the filter gives no window (CONTRACT.md). */
export function defaultWindow(filter: { from?: string; to?: string }, asOf: string): { from: string; to: string } {
  const month = asOf.slice(0, 7);
  const [year, monthNumber] = month.split("-").map(Number);
  const lastDay = new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
  return { from: filter.from ?? `${month}-01`, to: filter.to ?? `${month}-${String(lastDay).padStart(2, "0")}` };
}

interface LeadTimeRow {
  order_number: string;
  order_type: OrderType;
  plant: string;
  material: string;
  material_description: string | null;
  batch: string;
  sales_order: string | null;
  purchase_order: string | null;
  release_date: string | null;
  finish_date: string | null;
  dc_receipt_date: string | null;
  preparation_days: number | null;
  production_days: number | null;
  transit_days: number | null;
  storage_days: number | null;
  delivery_days: number | null;
  total_days: number | null;
  first_issue_date: string | null;
  last_issue_date: string | null;
  delivery_gi_date: string | null;
  order_to_release_days: number | null;
  open_stage: LeadTimeOrder["openStage"];
  open_stage_days: number | null;
  status: LeadTimeStatus;
  quality_flags: string[];
}

function toLeadTimeOrder(row: LeadTimeRow, asOf: string): LeadTimeOrder {
  return {
    orderNumber: row.order_number,
    orderType: row.order_type,
    plant: row.plant,
    material: row.material,
    materialDescription: row.material_description,
    batch: row.batch,
    salesOrder: row.sales_order,
    purchaseOrder: row.purchase_order,
    releaseDate: row.release_date,
    finishDate: row.finish_date,
    dcReceiptDate: row.dc_receipt_date,
    preparationDays: row.preparation_days,
    productionDays: row.production_days,
    transitDays: row.transit_days,
    storageDays: row.storage_days,
    deliveryDays: row.delivery_days,
    totalDays: row.total_days,
    firstIssueDate: row.first_issue_date,
    lastIssueDate: row.last_issue_date,
    deliveryGiDate: row.delivery_gi_date,
    orderToReleaseDays: row.order_to_release_days,
    openStage: row.open_stage,
    openStageDays: row.open_stage_days,
    status: row.status,
    qualityFlags: row.quality_flags,
    asOfDate: asOf,
  };
}

/**
 * D5 status: all stages closed → ON_TIME when total ≤ the type's target, else DELAYED; an open stage
 * → STUCK when it has run longer than its limit at the as-of date, else IN_PROGRESS. Production's
 * limit is factor × planned duration (Basic finish − Basic start), at least the minimum (CONTRACT.md).
 */
function statusSql(asOf: string, config: AlkanaConfig): RawBuilder<LeadTimeStatus> {
  const { mtsTargetDays, mtoTargetDays, transitLimitDays, storageLimitDays, productionMinLimitDays, productionPlannedFactor } =
    config.leadTime;
  return sql<LeadTimeStatus>`case
    when l.open_stage is null then
      case when coalesce(l.total_days, 0) <= case l.order_type when 'MTO' then ${mtoTargetDays}::int else ${mtsTargetDays}::int end
           then 'ON_TIME' else 'DELAYED' end
    when ${asOf}::date - l.open_stage_start > case l.open_stage
           when 'PRODUCTION' then greatest(${productionMinLimitDays}::numeric,
                ${productionPlannedFactor}::numeric * coalesce(l.basic_finish_date - l.basic_start_date, 0))
           when 'TRANSIT' then ${transitLimitDays}::numeric
           else ${storageLimitDays}::numeric end
      then 'STUCK'
    else 'IN_PROGRESS' end`;
}

function openDaysSql(asOf: string): RawBuilder<number | null> {
  return sql<number | null>`case when l.open_stage is not null then ${asOf}::date - l.open_stage_start end`;
}

function filterSql(filter: LeadTimeFilter, asOf: string, _config: AlkanaConfig): RawBuilder<boolean> {
  const window = defaultWindow(filter, asOf);
  const conditions: RawBuilder<unknown>[] = [sql`l.release_date between ${window.from}::date and ${window.to}::date`];
  if (filter.plants?.length) conditions.push(sql`l.plant in (${sql.join(filter.plants)})`);
  if (filter.orderType) conditions.push(sql`l.order_type = ${filter.orderType}`);
  if (filter.status) conditions.push(sql`l.status = ${filter.status}`);
  if (filter.material) conditions.push(sql`l.material = ${filter.material}`);
  return sql<boolean>`${sql.join(conditions, sql` and `)}`;
}
