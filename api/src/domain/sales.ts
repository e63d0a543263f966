/**
 * Sales and the executive sales KPIs (DOMAIN.md §3.7, §3.11; binding §6 D9) on the view `sales_line`
 * (sql/030_sales.sql): revenue = Net Value ex-VAT in VND, cancelled invoices excluded; customers are
 * keyed by sold-to code and shown by their latest name; orders = distinct sales orders; average order
 * value = revenue ÷ orders. Windows are billing dates `from`…`to` inclusive, by default the calendar
 * month of the as-of date (CONTRACT.md).
 */
import { sql, type RawBuilder } from "kysely";
import type { Db } from "../db/database.js";
import { defaultWindow } from "./lead-time.js";

/** 11 Industry, 12 Export, 13 Retail, 15 Project, anything else Other (DOMAIN.md §2.6). */
export type Division = "INDUSTRY" | "EXPORT" | "RETAIL" | "PROJECT" | "OTHER";

export type CustomerSegment = "VIP" | "LOYAL" | "HIGH_VALUE" | "CASUAL";

export interface SalesFilter {
  /** First billing date of the window, YYYY-MM-DD; default: first day of the as-of month. */
  from?: string;
  /** Last billing date of the window, YYYY-MM-DD; default: last day of the as-of month. */
  to?: string;
  /** Distribution channel code (`11`, `13`, `15`, …); default: every channel. */
  channel?: string;
}

export interface SalesWindow {
  asOfDate: string;
  from: string;
  to: string;
}

export interface SalesTotals {
  revenue: number;
  /** Distinct sold-to codes. */
  customers: number;
  /** Distinct sales orders (`SO No.`). */
  orders: number;
  /** Revenue ÷ orders; null without orders. */
  averageOrderValue: number | null;
  billingLines: number;
}

export interface SalesSummary extends SalesWindow, SalesTotals {
  /** The equal-length window just before `from`. */
  previous: { from: string; to: string } & SalesTotals;
  /** (revenue − previous revenue) ÷ previous revenue × 100; null when the previous window has no revenue. */
  revenueGrowthPercent: number | null;
}

export interface ChannelSales extends SalesTotals {
  channel: string;
  division: Division;
  /** Share of the window's revenue, %. */
  revenueSharePercent: number | null;
}

export interface CustomerSales {
  customerCode: string;
  customerName: string;
  /** Channels the customer was billed in within the window. */
  channels: string[];
  revenue: number;
  orders: number;
  averageOrderValue: number | null;
  billingLines: number;
}

export interface SalesmanSales {
  /** The latest billed spelling; null for lines without a salesman. */
  salesmanName: string | null;
  salesmanIds: string[];
  revenue: number;
  customers: number;
  orders: number;
  revenueSharePercent: number | null;
}

export interface ProductSales {
  material: string;
  materialDescription: string | null;
  productHierarchy: string | null;
  revenue: number;
  /** Billed quantity in the sales unit(s) listed in `salesUnits`. */
  quantity: number;
  salesUnits: string[];
  orders: number;
  customers: number;
}

export interface MonthSales {
  /** 1…12 */
  month: number;
  /** YYYY-MM-01 */
  monthStart: string;
  revenue: number;
  orders: number;
  customers: number;
}

export interface SalesTrend {
  asOfDate: string;
  year: number;
  months: MonthSales[];
}

export interface SegmentedCustomer {
  customerCode: string;
  customerName: string;
  /** Order frequency: distinct sales orders in the window. */
  orders: number;
  revenue: number;
  segment: CustomerSegment;
}

export interface CustomerSegmentation extends SalesWindow {
  /** Upper medians (element ⌊n/2⌋ of the ascending list); null without customers. */
  ordersThreshold: number | null;
  revenueThreshold: number | null;
  segmentCounts: Record<CustomerSegment, number>;
  customers: SegmentedCustomer[];
}

export interface ChurnRiskCustomer {
  customerCode: string;
  customerName: string;
  /** Revenue in the calendar month before the as-of month. */
  lastMonthRevenue: number;
  /** Revenue in the month before that, for the trend. */
  priorMonthRevenue: number;
  /** Last month vs prior month, %; null when the prior month has no revenue. */
  trendPercent: number | null;
}

export interface ChurnRisk {
  asOfDate: string;
  /** The as-of month up to the as-of date: a churn-risk customer has no billing here. */
  currentMonth: { from: string; to: string };
  lastMonth: { from: string; to: string };
  /** Top-quartile threshold of last month's revenue (element ⌊0.75 n⌋ of the ascending list). */
  revenueThreshold: number | null;
  customers: ChurnRiskCustomer[];
}

export interface ExecutiveSales {
  summary: SalesSummary;
  byChannel: ChannelSales[];
  topCustomers: CustomerSales[];
}

/** The calendar date `days` days after `date` (YYYY-MM-DD; negative goes back). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Calendar days from `from` to `to` (YYYY-MM-DD), negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Revenue, customers, orders and AOV in the window, with growth against the previous equal-length window (§3.11). */
export async function salesSummary(db: Db, asOf: string, filter: SalesFilter = {}): Promise<SalesSummary> {
  const window = salesWindow(asOf, filter);
  const previous = previousWindow(window);
  const inCurrent = sql`billing_date between ${window.from}::date and ${window.to}::date`;
  const inPrevious = sql`billing_date between ${previous.from}::date and ${previous.to}::date`;
  const { rows } = await sql<TotalsRow & { [K in keyof TotalsRow as `previous_${K}`]: TotalsRow[K] }>`
    select coalesce(sum(revenue) filter (where ${inCurrent}), 0)                 as revenue,
           count(distinct customer_code) filter (where ${inCurrent})             as customers,
           count(distinct so_number) filter (where ${inCurrent})                 as orders,
           count(*) filter (where ${inCurrent})                                  as billing_lines,
           coalesce(sum(revenue) filter (where ${inPrevious}), 0)                as previous_revenue,
           count(distinct customer_code) filter (where ${inPrevious})            as previous_customers,
           count(distinct so_number) filter (where ${inPrevious})                as previous_orders,
           count(*) filter (where ${inPrevious})                                 as previous_billing_lines
    from sales_line
    where billing_date between ${previous.from}::date and ${window.to}::date ${channelCondition(filter)}`.execute(db);
  const row = rows[0];
  const current = toTotals(row);
  const before = toTotals({
    revenue: row.previous_revenue,
    customers: row.previous_customers,
    orders: row.previous_orders,
    billing_lines: row.previous_billing_lines,
  });
  return {
    ...windowOf(window),
    ...current,
    previous: { from: previous.from, to: previous.to, ...before },
    revenueGrowthPercent: percentChange(current.revenue, before.revenue),
  };
}

/** Revenue, customers, orders and AOV per distribution channel, largest revenue first. */
export async function salesByChannel(
  db: Db,
  asOf: string,
  filter: SalesFilter = {},
): Promise<SalesWindow & { channels: ChannelSales[] }> {
  const window = salesWindow(asOf, filter);
  const { rows } = await sql<TotalsRow & { channel: string; division: Division }>`
    select channel, division,
           coalesce(sum(revenue), 0)      as revenue,
           count(distinct customer_code)  as customers,
           count(distinct so_number)      as orders,
           count(*)                       as billing_lines
    from sales_line
    where ${inWindow(window, filter)}
    group by channel, division
    order by revenue desc, channel`.execute(db);
  const total = rows.reduce((sum, row) => sum + row.revenue, 0);
  return {
    ...windowOf(window),
    channels: rows.map((row) => ({
      channel: row.channel,
      division: row.division,
      ...toTotals(row),
      revenueSharePercent: share(row.revenue, total),
    })),
  };
}

/** Customers by revenue, largest first (`limit` 10 = the top-customers table of §3.11). */
export async function salesByCustomer(
  db: Db,
  asOf: string,
  filter: SalesFilter & { limit?: number; offset?: number } = {},
): Promise<SalesWindow & { customers: CustomerSales[] }> {
  const window = salesWindow(asOf, filter);
  const { rows } = await sql<{
    customer_code: string;
    customer_name: string;
    channels: string[];
    revenue: number;
    orders: number;
    billing_lines: number;
  }>`
    select s.*, c.customer_name
    from (
      select customer_code,
             array_agg(distinct channel order by channel)    as channels,
             coalesce(sum(revenue), 0)                       as revenue,
             count(distinct so_number)                       as orders,
             count(*)                                        as billing_lines
      from sales_line
      where ${inWindow(window, filter)}
      group by customer_code
      order by revenue desc, customer_code
      ${page(filter)}
    ) s
    join sales_customer c using (customer_code)
    order by s.revenue desc, s.customer_code`.execute(db);
  return {
    ...windowOf(window),
    customers: rows.map((row) => ({
      customerCode: row.customer_code,
      customerName: row.customer_name,
      channels: row.channels,
      revenue: row.revenue,
      orders: row.orders,
      averageOrderValue: row.orders === 0 ? null : row.revenue / row.orders,
      billingLines: row.billing_lines,
    })),
  };
}

/** Salesmen by revenue, largest first (names grouped as targets match them: D9). */
export async function salesBySalesman(
  db: Db,
  asOf: string,
  filter: SalesFilter & { limit?: number; offset?: number } = {},
): Promise<SalesWindow & { salesmen: SalesmanSales[] }> {
  const window = salesWindow(asOf, filter);
  const { rows } = await sql<{
    salesman_name: string | null;
    salesman_ids: string[];
    revenue: number;
    customers: number;
    orders: number;
    total_revenue: number;
  }>`
    select (array_agg(salesman_name order by billing_date desc, billing_document desc))[1]           as salesman_name,
           coalesce(array_agg(distinct salesman_id) filter (where salesman_id is not null and salesman_id <> '0'),
                    '{}')                                                                          as salesman_ids,
           coalesce(sum(revenue), 0)                                                               as revenue,
           count(distinct customer_code)                                                           as customers,
           count(distinct so_number)                                                               as orders,
           sum(coalesce(sum(revenue), 0)) over ()                                                  as total_revenue
    from sales_line
    where ${inWindow(window, filter)}
    group by salesman_key
    order by revenue desc, salesman_key
    ${page(filter)}`.execute(db);
  return {
    ...windowOf(window),
    salesmen: rows.map((row) => ({
      salesmanName: row.salesman_name,
      salesmanIds: row.salesman_ids,
      revenue: row.revenue,
      customers: row.customers,
      orders: row.orders,
      revenueSharePercent: share(row.revenue, row.total_revenue),
    })),
  };
}

/** Materials by revenue, largest first (the desired UI's top 10 products). */
export async function topProducts(
  db: Db,
  asOf: string,
  filter: SalesFilter & { limit?: number; offset?: number } = {},
): Promise<SalesWindow & { products: ProductSales[] }> {
  const window = salesWindow(asOf, filter);
  const { rows } = await sql<{
    material: string;
    material_description: string | null;
    product_hierarchy: string | null;
    revenue: number;
    quantity: number;
    sales_units: string[];
    orders: number;
    customers: number;
  }>`
    select material,
           (array_agg(material_description order by billing_date desc, billing_document desc))[1] as material_description,
           (array_agg(product_hierarchy order by billing_date desc, billing_document desc))[1]    as product_hierarchy,
           coalesce(sum(revenue), 0)                                                             as revenue,
           coalesce(sum(billing_quantity), 0)                                                    as quantity,
           coalesce(array_agg(distinct sales_unit) filter (where sales_unit is not null), '{}')  as sales_units,
           count(distinct so_number)                                                             as orders,
           count(distinct customer_code)                                                         as customers
    from sales_line
    where ${inWindow(window, filter)} and material is not null
    group by material
    order by revenue desc, material
    ${page({ limit: 10, ...filter })}`.execute(db);
  return {
    ...windowOf(window),
    products: rows.map((row) => ({
      material: row.material,
      materialDescription: row.material_description,
      productHierarchy: row.product_hierarchy,
      revenue: row.revenue,
      quantity: row.quantity,
      salesUnits: row.sales_units,
      orders: row.orders,
      customers: row.customers,
    })),
  };
}

/** Revenue, orders and customers per calendar month of one year (default: the as-of year), all 12 months. */
export async function salesTrend(
  db: Db,
  asOf: string,
  options: { year?: number; channel?: string } = {},
): Promise<SalesTrend> {
  const year = options.year ?? Number(asOf.slice(0, 4));
  const { rows } = await sql<{ month: number; month_start: string; revenue: number; orders: number; customers: number }>`
    select m.month,
           make_date(${year}::int, m.month, 1)  as month_start,
           coalesce(sum(l.revenue), 0)          as revenue,
           count(distinct l.so_number)          as orders,
           count(distinct l.customer_code)      as customers
    from generate_series(1, 12) as m (month)
    left join sales_line l
      on l.billing_date >= make_date(${year}::int, m.month, 1)
     and l.billing_date < (make_date(${year}::int, m.month, 1) + interval '1 month')::date
     ${options.channel === undefined ? sql`` : sql`and l.channel = ${options.channel}`}
    group by m.month
    order by m.month`.execute(db);
  return {
    asOfDate: asOf,
    year,
    months: rows.map((row) => ({
      month: row.month,
      monthStart: row.month_start,
      revenue: row.revenue,
      orders: row.orders,
      customers: row.customers,
    })),
  };
}

/**
 * The segmentation scatter (§3.7): per customer the order frequency (distinct SOs) and revenue in the
 * window, split at the upper medians into VIP, LOYAL, HIGH_VALUE and CASUAL.
 */
export async function customerSegmentation(
  db: Db,
  asOf: string,
  filter: SalesFilter = {},
): Promise<CustomerSegmentation> {
  const window = salesWindow(asOf, filter);
  const { rows } = await sql<{
    customer_code: string;
    customer_name: string;
    orders: number;
    revenue: number;
    orders_threshold: number;
    revenue_threshold: number;
    segment: CustomerSegment;
  }>`
    with customer as (
      select customer_code, count(distinct so_number) as orders, coalesce(sum(revenue), 0) as revenue
      from sales_line
      where ${inWindow(window, filter)}
      group by customer_code
    ), ranked as (
      select orders, revenue,
             row_number() over (order by orders) - 1  as orders_index,
             row_number() over (order by revenue) - 1 as revenue_index,
             count(*) over ()                         as n
      from customer
    ), threshold as (
      select max(orders) filter (where orders_index = n / 2)   as orders_threshold,
             max(revenue) filter (where revenue_index = n / 2) as revenue_threshold
      from ranked
    )
    select c.customer_code, n.customer_name, c.orders, c.revenue, t.orders_threshold, t.revenue_threshold,
           case when c.orders >= t.orders_threshold and c.revenue >= t.revenue_threshold then 'VIP'
                when c.orders >= t.orders_threshold then 'LOYAL'
                when c.revenue >= t.revenue_threshold then 'HIGH_VALUE'
                else 'CASUAL' end as segment
    from customer c
    cross join threshold t
    join sales_customer n using (customer_code)
    order by c.revenue desc, c.customer_code`.execute(db);
  const segmentCounts: Record<CustomerSegment, number> = { VIP: 0, LOYAL: 0, HIGH_VALUE: 0, CASUAL: 0 };
  for (const row of rows) segmentCounts[row.segment] += 1;
  return {
    ...windowOf(window),
    ordersThreshold: rows[0]?.orders_threshold ?? null,
    revenueThreshold: rows[0]?.revenue_threshold ?? null,
    segmentCounts,
    customers: rows.map((row) => ({
      customerCode: row.customer_code,
      customerName: row.customer_name,
      orders: row.orders,
      revenue: row.revenue,
      segment: row.segment,
    })),
  };
}

/**
 * Churn risk (§3.7): customers in the top quartile of last calendar month's revenue with no billing
 * in the as-of month so far, largest last-month revenue first (default limit 5).
 */
export async function churnRisk(
  db: Db,
  asOf: string,
  options: { channel?: string; limit?: number } = {},
): Promise<ChurnRisk> {
  const currentMonth = { from: `${asOf.slice(0, 7)}-01`, to: asOf };
  const lastMonth = monthOf(addDays(currentMonth.from, -1));
  const priorMonth = monthOf(addDays(lastMonth.from, -1));
  const { rows } = await sql<{
    revenue_threshold: number;
    customer_code: string | null;
    customer_name: string | null;
    last_month_revenue: number | null;
    prior_month_revenue: number | null;
  }>`
    with last_month as (
      select customer_code, coalesce(sum(revenue), 0) as revenue
      from sales_line
      where billing_date between ${lastMonth.from}::date and ${lastMonth.to}::date ${channelCondition(options)}
      group by customer_code
    ), threshold as (
      select revenue as revenue_threshold
      from (select revenue, row_number() over (order by revenue) - 1 as position, count(*) over () as n
            from last_month) ranked
      where position = floor(0.75 * n)
    )
    select t.revenue_threshold, c.customer_code, c.customer_name, c.last_month_revenue, c.prior_month_revenue
    from threshold t
    left join lateral (
      select l.customer_code, n.customer_name, l.revenue as last_month_revenue,
             coalesce((select sum(p.revenue) from sales_line p
                       where p.customer_code = l.customer_code ${channelCondition(options, sql`p.channel`)}
                         and p.billing_date between ${priorMonth.from}::date and ${priorMonth.to}::date), 0)
               as prior_month_revenue
      from last_month l
      join sales_customer n using (customer_code)
      where l.revenue >= t.revenue_threshold
        and not exists (select 1 from sales_line c
                        where c.customer_code = l.customer_code ${channelCondition(options, sql`c.channel`)}
                          and c.billing_date between ${currentMonth.from}::date and ${currentMonth.to}::date)
      order by l.revenue desc, l.customer_code
      limit ${options.limit ?? 5}
    ) c on true
    order by c.last_month_revenue desc nulls last, c.customer_code`.execute(db);
  return {
    asOfDate: asOf,
    currentMonth,
    lastMonth,
    revenueThreshold: rows[0]?.revenue_threshold ?? null,
    customers: rows.flatMap((row) =>
      row.customer_code === null
        ? []
        : [
            {
              customerCode: row.customer_code,
              customerName: row.customer_name ?? row.customer_code,
              lastMonthRevenue: row.last_month_revenue ?? 0,
              priorMonthRevenue: row.prior_month_revenue ?? 0,
              trendPercent: percentChange(row.last_month_revenue ?? 0, row.prior_month_revenue ?? 0),
            },
          ],
    ),
  };
}

/** The executive dashboard's sales part (§3.11): KPI cards, revenue by channel, top customers. */
export async function executiveSales(
  db: Db,
  asOf: string,
  filter: SalesFilter & { topCustomers?: number } = {},
): Promise<ExecutiveSales> {
  const [summary, byChannel, customers] = await Promise.all([
    salesSummary(db, asOf, filter),
    salesByChannel(db, asOf, filter),
    salesByCustomer(db, asOf, { ...filter, limit: filter.topCustomers ?? 10 }),
  ]);
  return { summary, byChannel: byChannel.channels, topCustomers: customers.customers };
}

interface TotalsRow {
  revenue: number;
  customers: number;
  orders: number;
  billing_lines: number;
}

interface DateWindow {
  asOf: string;
  from: string;
  to: string;
}

function salesWindow(asOf: string, filter: SalesFilter): DateWindow {
  const { from, to } = defaultWindow(filter, asOf);
  if (from > to) throw new RangeError(`The sales window starts (${from}) after it ends (${to}).`);
  return { asOf, from, to };
}

function windowOf(window: DateWindow): SalesWindow {
  return { asOfDate: window.asOf, from: window.from, to: window.to };
}

function inWindow(window: DateWindow, filter: SalesFilter): RawBuilder<unknown> {
  return sql`billing_date between ${window.from}::date and ${window.to}::date ${channelCondition(filter)}`;
}

function channelCondition(filter: { channel?: string }, column: RawBuilder<unknown> = sql`channel`): RawBuilder<unknown> {
  return filter.channel === undefined ? sql`` : sql`and ${column} = ${filter.channel}`;
}

function page(options: { limit?: number; offset?: number }): RawBuilder<unknown> {
  return sql`${options.limit === undefined ? sql`` : sql`limit ${options.limit}`} ${
    options.offset === undefined ? sql`` : sql`offset ${options.offset}`
  }`;
}

function toTotals(row: TotalsRow): SalesTotals {
  return {
    revenue: row.revenue,
    customers: row.customers,
    orders: row.orders,
    averageOrderValue: row.orders === 0 ? null : row.revenue / row.orders,
    billingLines: row.billing_lines,
  };
}

/** (now − before) ÷ |before| × 100; null when there is nothing to compare with. */
function percentChange(now: number, before: number): number | null {
  return before === 0 ? null : ((now - before) / Math.abs(before)) * 100;
}

function share(part: number, total: number): number | null {
  return total === 0 ? null : (part / total) * 100;
}

/** The equal-length window that ends the day before `from`. */
function previousWindow(window: DateWindow): { from: string; to: string } {
  const days = daysBetween(window.from, window.to) + 1;
  return { from: addDays(window.from, -days), to: addDays(window.from, -1) };
}

function monthOf(date: string): { from: string; to: string } {
  return defaultWindow({}, date);
}
