/**
 * OTIF — on time, in full (DOMAIN.md §3.9; binding §6 D11) on the view `otif_line`
 * (sql/030_sales.sql): customer delivery lines of ZRSD004, cross-plant (ZDD1, channel 99) and returns
 * (ZDE1/ZDF1) excluded. A line is on time when `Actual GI Date` ≤ `Delivery Date` (the planned date),
 * in full when the delivered quantity reaches the ordered one, and PENDING while it has no goods issue
 * on or before the as-of date. A delivery document is on time / in full / OTIF only when every one of
 * its lines is, and pending while any line is. Percentages are over shipped (non-pending) items. The
 * window filters on the planned `Delivery Date`, by default the calendar month of the as-of date.
 */
import { sql, type RawBuilder } from "kysely";
import type { Db } from "../db/database.js";
import { defaultWindow } from "./lead-time.js";
import type { Division } from "./sales.js";

export type OtifStatus = "ON_TIME" | "LATE" | "PENDING";

export type LatenessBucket = "DAYS_1_3" | "DAYS_4_7" | "OVER_7";

export interface OtifFilter {
  /** First planned delivery date, YYYY-MM-DD; default the first day of the as-of month. */
  from?: string;
  /** Last planned delivery date; default the last day of the as-of month. */
  to?: string;
  /** Distribution channel code (`11`, `13`, `15`). */
  channel?: string;
}

export interface OtifCounts {
  total: number;
  pending: number;
  /** Pending with a planned date before the as-of date: already late once shipped. */
  pendingPastDue: number;
  onTime: number;
  late: number;
  inFull: number;
  otif: number;
  /** On time ÷ (on time + late) × 100. */
  onTimePercent: number | null;
  inFullPercent: number | null;
  otifPercent: number | null;
}

export interface OtifChannel {
  channel: string;
  division: Division;
  lines: OtifCounts;
  deliveries: OtifCounts;
}

export interface OtifSummary {
  asOfDate: string;
  from: string;
  to: string;
  lines: OtifCounts;
  /** Delivery-document level (D11). */
  deliveries: OtifCounts;
  byChannel: OtifChannel[];
  /** Late lines by days after the planned date. */
  lateness: { bucket: LatenessBucket; lines: number }[];
}

export interface OtifDelivery {
  delivery: string;
  salesOrders: string[];
  customerCode: string | null;
  shipToName: string | null;
  channel: string;
  division: Division;
  salesmanName: string | null;
  deliveryDate: string;
  /** The latest goods issue of its lines; null while pending. */
  actualGiDate: string | null;
  lineCount: number;
  deliveryQuantity: number;
  actualDeliveryQuantity: number;
  /** Days the last goods issue came after the planned date (negative: early); null while pending. */
  giDelayDays: number | null;
  status: OtifStatus;
  /** Null while pending. */
  onTime: boolean | null;
  inFull: boolean | null;
  otif: boolean | null;
}

export interface OtifLine {
  delivery: string;
  lineItem: string;
  salesOrder: string | null;
  customerCode: string | null;
  shipToName: string | null;
  channel: string;
  division: Division;
  material: string;
  materialDescription: string | null;
  deliveryDate: string;
  actualGiDate: string | null;
  deliveryQuantity: number | null;
  actualDeliveryQuantity: number | null;
  salesUnit: string | null;
  giDelayDays: number | null;
  status: OtifStatus;
  onTime: boolean | null;
  inFull: boolean | null;
  otif: boolean | null;
}

export interface OtifListOptions {
  status?: OtifStatus;
  /** Default 100. */
  limit?: number;
  offset?: number;
}

/** Line-level and delivery-level OTIF in the window, per channel, with the lateness spread. */
export async function otifSummary(db: Db, asOf: string, filter: OtifFilter = {}): Promise<OtifSummary> {
  const window = otifWindow(asOf, filter);
  const { rows } = await sql<
    CountRow & { level: "LINE" | "DELIVERY"; channel: string | null; division: Division | null }
  >`
    with line as (${linesSql(asOf, window, filter)}),
    delivery as (${deliveriesSql(sql`line`)})
    select 'LINE' as level, ${countsSql(asOf)} from line group by grouping sets ((channel, division), ())
    union all
    select 'DELIVERY', ${countsSql(asOf)} from delivery group by grouping sets ((channel, division), ())
    order by 1 desc, 2 nulls first`.execute(db);
  const { rows: lateness } = await sql<{ bucket: LatenessBucket; lines: number }>`
    with line as (${linesSql(asOf, window, filter)})
    select b.bucket, count(line.delivery) as lines
    from (values ('DAYS_1_3', 1, 3), ('DAYS_4_7', 4, 7), ('OVER_7', 8, null)) as b (bucket, min_days, max_days)
    left join line
      on line.status = 'LATE' and line.gi_delay_days >= b.min_days
     and (b.max_days is null or line.gi_delay_days <= b.max_days)
    group by b.bucket, b.min_days
    order by b.min_days`.execute(db);
  const level = (name: "LINE" | "DELIVERY") => rows.filter((row) => row.level === name);
  const channels = level("LINE").filter((row) => row.channel !== null);
  const deliveriesOf = (channel: string | null) =>
    level("DELIVERY").find((row) => row.channel === channel) ?? EMPTY_COUNTS;
  return {
    asOfDate: asOf,
    from: window.from,
    to: window.to,
    lines: toCounts(level("LINE").find((row) => row.channel === null) ?? EMPTY_COUNTS),
    deliveries: toCounts(deliveriesOf(null)),
    byChannel: channels.map((row) => ({
      channel: row.channel as string,
      division: row.division as Division,
      lines: toCounts(row),
      deliveries: toCounts(deliveriesOf(row.channel)),
    })),
    lateness,
  };
}

/** Delivery documents in the window, latest planned date first (the OTIF deliveries table and export). */
export async function otifDeliveries(
  db: Db,
  asOf: string,
  filter: OtifFilter & OtifListOptions = {},
): Promise<{ asOfDate: string; from: string; to: string; deliveries: OtifDelivery[] }> {
  const window = otifWindow(asOf, filter);
  const { rows } = await sql<{
    delivery: string;
    sales_orders: string[];
    customer_code: string | null;
    ship_to_name: string | null;
    channel: string;
    division: Division;
    salesman_name: string | null;
    delivery_date: string;
    actual_gi_date: string | null;
    line_count: number;
    delivery_quantity: number;
    actual_delivery_quantity: number;
    gi_delay_days: number | null;
    status: OtifStatus;
    in_full: boolean;
  }>`
    with line as (${linesSql(asOf, window, filter)})
    select * from (${deliveriesSql(sql`line`)}) d
    ${filter.status === undefined ? sql`` : sql`where status = ${filter.status}`}
    order by delivery_date desc, delivery desc
    limit ${filter.limit ?? 100}
    ${filter.offset === undefined ? sql`` : sql`offset ${filter.offset}`}`.execute(db);
  return {
    asOfDate: asOf,
    from: window.from,
    to: window.to,
    deliveries: rows.map((row) => ({
      delivery: row.delivery,
      salesOrders: row.sales_orders,
      customerCode: row.customer_code,
      shipToName: row.ship_to_name,
      channel: row.channel,
      division: row.division,
      salesmanName: row.salesman_name,
      deliveryDate: row.delivery_date,
      actualGiDate: row.status === "PENDING" ? null : row.actual_gi_date,
      lineCount: row.line_count,
      deliveryQuantity: row.delivery_quantity,
      actualDeliveryQuantity: row.actual_delivery_quantity,
      giDelayDays: row.status === "PENDING" ? null : row.gi_delay_days,
      ...verdict(row.status, row.in_full),
    })),
  };
}

/**
 * Delivery lines in the window (or of the given deliveries, whatever their dates), latest planned
 * date first: the line-level table and the drill-down of a delivery.
 */
export async function otifLines(
  db: Db,
  asOf: string,
  filter: OtifFilter & OtifListOptions & { deliveries?: string[] } = {},
): Promise<{ asOfDate: string; from: string; to: string; lines: OtifLine[] }> {
  const window = otifWindow(asOf, filter);
  const byDelivery = filter.deliveries !== undefined;
  if (byDelivery && filter.deliveries!.length === 0) return { asOfDate: asOf, ...window, lines: [] };
  const { rows } = await sql<{
    delivery: string;
    line_item: string;
    so_reference: string | null;
    customer_code: string | null;
    ship_to_name: string | null;
    channel: string;
    division: Division;
    material: string;
    material_description: string | null;
    delivery_date: string;
    actual_gi_date: string | null;
    delivery_quantity: number | null;
    actual_delivery_quantity: number | null;
    sales_unit: string | null;
    gi_delay_days: number | null;
    status: OtifStatus;
    in_full: boolean;
  }>`
    select * from (${linesSql(asOf, byDelivery ? null : window, filter)}) line
    where true
      ${byDelivery ? sql`and delivery in (${sql.join(filter.deliveries!)})` : sql``}
      ${filter.status === undefined ? sql`` : sql`and status = ${filter.status}`}
    order by delivery_date desc, delivery desc, line_item
    ${byDelivery && filter.limit === undefined ? sql`` : sql`limit ${filter.limit ?? 100}`}
    ${filter.offset === undefined ? sql`` : sql`offset ${filter.offset}`}`.execute(db);
  return {
    asOfDate: asOf,
    ...window,
    lines: rows.map((row) => ({
      delivery: row.delivery,
      lineItem: row.line_item,
      salesOrder: row.so_reference,
      customerCode: row.customer_code,
      shipToName: row.ship_to_name,
      channel: row.channel,
      division: row.division,
      material: row.material,
      materialDescription: row.material_description,
      deliveryDate: row.delivery_date,
      actualGiDate: row.status === "PENDING" ? null : row.actual_gi_date,
      deliveryQuantity: row.delivery_quantity,
      actualDeliveryQuantity: row.actual_delivery_quantity,
      salesUnit: row.sales_unit,
      giDelayDays: row.status === "PENDING" ? null : row.gi_delay_days,
      ...verdict(row.status, row.in_full),
    })),
  };
}

interface CountRow {
  total: number;
  pending: number;
  pending_past_due: number;
  on_time: number;
  late: number;
  in_full: number;
  otif: number;
}

const EMPTY_COUNTS: CountRow = { total: 0, pending: 0, pending_past_due: 0, on_time: 0, late: 0, in_full: 0, otif: 0 };

function otifWindow(asOf: string, filter: OtifFilter): { from: string; to: string } {
  const window = defaultWindow(filter, asOf);
  if (window.from > window.to) throw new RangeError(`The OTIF window starts (${window.from}) after it ends (${window.to}).`);
  return window;
}

/** Lines with their status at the as-of date: a goods issue after the as-of date has not happened yet. */
function linesSql(asOf: string, window: { from: string; to: string } | null, filter: OtifFilter): RawBuilder<unknown> {
  return sql`
    select l.*,
           case when l.actual_gi_date is null or l.actual_gi_date > ${asOf}::date then 'PENDING'
                when l.on_time then 'ON_TIME'
                else 'LATE' end as status
    from otif_line l
    where true
      ${window === null ? sql`` : sql`and l.delivery_date between ${window.from}::date and ${window.to}::date`}
      ${filter.channel === undefined ? sql`` : sql`and l.channel = ${filter.channel}`}`;
}

/** One row per delivery document from the lines relation `line` (D11: every line must qualify). */
function deliveriesSql(line: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`
    select delivery,
           coalesce(array_agg(distinct so_reference) filter (where so_reference is not null), '{}') as sales_orders,
           min(customer_code)                   as customer_code,
           min(ship_to_name)                    as ship_to_name,
           channel,
           division,
           min(salesman_name)                   as salesman_name,
           min(delivery_date)                   as delivery_date,
           max(actual_gi_date)                  as actual_gi_date,
           count(*)                             as line_count,
           coalesce(sum(delivery_quantity), 0)        as delivery_quantity,
           coalesce(sum(actual_delivery_quantity), 0) as actual_delivery_quantity,
           max(gi_delay_days)                   as gi_delay_days,
           case when bool_or(status = 'PENDING') then 'PENDING'
                when bool_and(status = 'ON_TIME') then 'ON_TIME'
                else 'LATE' end                 as status,
           bool_and(in_full)                    as in_full
    from ${line}
    group by delivery, channel, division`;
}

function countsSql(asOf: string): RawBuilder<unknown> {
  return sql`
    case when grouping(channel) = 0 then channel end    as channel,
    case when grouping(division) = 0 then division end  as division,
    count(*)                                                                    as total,
    count(*) filter (where status = 'PENDING')                                  as pending,
    count(*) filter (where status = 'PENDING' and delivery_date < ${asOf}::date) as pending_past_due,
    count(*) filter (where status = 'ON_TIME')                                  as on_time,
    count(*) filter (where status = 'LATE')                                     as late,
    count(*) filter (where status <> 'PENDING' and in_full)                     as in_full,
    count(*) filter (where status = 'ON_TIME' and in_full)                      as otif`;
}

function toCounts(row: CountRow): OtifCounts {
  const shipped = row.on_time + row.late;
  const percent = (part: number) => (shipped === 0 ? null : (part / shipped) * 100);
  return {
    total: row.total,
    pending: row.pending,
    pendingPastDue: row.pending_past_due,
    onTime: row.on_time,
    late: row.late,
    inFull: row.in_full,
    otif: row.otif,
    onTimePercent: percent(row.on_time),
    inFullPercent: percent(row.in_full),
    otifPercent: percent(row.otif),
  };
}

function verdict(
  status: OtifStatus,
  inFull: boolean,
): { status: OtifStatus; onTime: boolean | null; inFull: boolean | null; otif: boolean | null } {
  if (status === "PENDING") return { status, onTime: null, inFull: null, otif: null };
  return { status, onTime: status === "ON_TIME", inFull, otif: status === "ON_TIME" && inFull };
}
