/**
 * Sales, semester targets and the executive dashboard in the API (DOMAIN.md §3.7, §3.11, §4.1
 * Executive and Sales endpoints, §4.2 items 1–2, §6 D9). Sales have no plant: every query here needs
 * a token without a `plants` claim (CONTRACT.md "Auth"), otherwise FORBIDDEN. No from/to = the
 * calendar month of the as-of date; numbers are unrounded.
 *
 * Old endpoint → query: executive/summary → executiveSummary; executive/revenue-by-division and
 * sales/by-division → salesByChannel; executive/top-customers and sales/top-customers → topCustomers;
 * sales/summary → salesSummary; sales/customers → salesCustomers; sales/trend → salesTrend;
 * sales/segmentation → customerSegmentation; sales/churn-risk → churnRisk; desired UI: topProducts,
 * topSalesmen, salesTargets (semester leaderboard).
 */
import "reflect-metadata";
import { sql } from "kysely";
import { Arg, Args, Ctx, Int, Query, Resolver } from "type-graphql";
import type { Db } from "../db/database.js";
import { executiveSummary } from "../domain/executive.js";
import {
  churnRisk,
  customerSegmentation,
  salesByChannel,
  salesByCustomer,
  salesBySalesman,
  salesSummary,
  salesTrend,
  topProducts,
  type CustomerSales as DomainCustomerSales,
  type SalesFilter as DomainSalesFilter,
} from "../domain/sales.js";
import { salesmanNameMatching, semesterAchievement, type SalesmanAchievement } from "../domain/targets.js";
import type { GraphQLContext } from "./context.js";
import { requireCompanyWide } from "./guards.js";
import { badUserInput, buildConnection, decodeCursor, encodeCursor, validateFirst } from "./relay.js";
import {
  ChurnRisk,
  CustomerSales,
  CustomerSalesConnection,
  CustomerSegment,
  CustomerSegmentation,
  DateRangeFilter,
  Division,
  ExecutiveSummary,
  SalesByChannel,
  SalesCustomersArgs,
  SalesFilter,
  SalesmanTarget,
  SalesSummary,
  SalesTargets,
  SalesTrend,
  TargetStatus,
  TopCustomers,
  TopProducts,
  TopSalesmen,
} from "./sales-types.js";

/** Top customers, products and salesmen by default (the dashboards' top 10), and at most. */
export const DEFAULT_TOP_LIMIT = 10;
export const MAX_TOP_LIMIT = 1000;
/** Churn-risk list length by default (DOMAIN.md §3.7: limit 5). */
export const DEFAULT_CHURN_LIMIT = 5;
/** Years a year argument may name. */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

@Resolver(() => SalesSummary)
export class SalesResolver {
  @Query(() => ExecutiveSummary, {
    description:
      "The executive dashboard (DOMAIN.md §3.11): revenue with growth, customers, orders, production completion (P01 DLV/TECO " +
      "÷ P01 released), inventory items, AR totals of the latest snapshot, revenue by channel, top 10 customers.",
  })
  async executiveSummary(
    @Arg("filter", () => DateRangeFilter, { nullable: true }) filter: DateRangeFilter | null,
    @Ctx() context: GraphQLContext,
  ): Promise<ExecutiveSummary> {
    requireCompanyWide(context.viewer);
    const window = dateRange(filter);
    const asOf = (await context.asOf()).date;
    const db = context.database.db;
    const summary = await domainCall(() => executiveSummary(db, asOf, { ...window, topCustomers: DEFAULT_TOP_LIMIT }));
    const { sales, ar } = summary;
    return {
      asOfDate: summary.asOfDate,
      from: summary.from,
      to: summary.to,
      totalRevenue: sales.revenue,
      revenueGrowthPercent: sales.revenueGrowthPercent,
      previous: sales.previous,
      totalCustomers: sales.customers,
      activeCustomers: sales.customers,
      totalOrders: sales.orders,
      averageOrderValue: sales.averageOrderValue,
      productionCompletion: summary.productionCompletion,
      inventoryItems: summary.inventoryItems,
      arSnapshotDate: ar?.snapshotDate ?? null,
      totalAr: ar?.totalAr ?? null,
      overdueAr: ar?.overdueAr ?? null,
      overdueArPercent: ar?.overdueArPercent ?? null,
      overdueFrom1Ar: ar?.overdueFrom1Ar ?? null,
      overdueFrom1ArPercent: ar?.overdueFrom1ArPercent ?? null,
      revenueByChannel: summary.byChannel.map((channel) => ({ ...channel, division: channel.division as Division })),
      topCustomers: await withChannels(db, summary, {}, summary.topCustomers),
    };
  }

  @Query(() => SalesSummary, { description: "Total sales, customers, orders and average order value, with growth against the previous window." })
  async salesSummary(
    @Arg("filter", () => SalesFilter, { nullable: true }) filter: SalesFilter | null,
    @Ctx() context: GraphQLContext,
  ): Promise<SalesSummary> {
    requireCompanyWide(context.viewer);
    const scoped = salesFilter(filter);
    const asOf = (await context.asOf()).date;
    return domainCall(() => salesSummary(context.database.db, asOf, scoped));
  }

  @Query(() => SalesByChannel, { description: "Per channel: revenue, share, customers, orders, AOV; largest revenue first (old revenue-by-division, by-division)." })
  async salesByChannel(
    @Arg("filter", () => SalesFilter, { nullable: true }) filter: SalesFilter | null,
    @Arg("limit", () => Int, { nullable: true, description: `At most this many channels, 1 to ${MAX_TOP_LIMIT}; null = all.` })
    limit: number | null,
    @Ctx() context: GraphQLContext,
  ): Promise<SalesByChannel> {
    requireCompanyWide(context.viewer);
    const scoped = salesFilter(filter);
    const count = limit == null ? undefined : checkLimit(limit, DEFAULT_TOP_LIMIT);
    const asOf = (await context.asOf()).date;
    const result = await domainCall(() => salesByChannel(context.database.db, asOf, scoped));
    const channels = result.channels.map((channel) => ({ ...channel, division: channel.division as Division }));
    return { ...result, channels: count === undefined ? channels : channels.slice(0, count) };
  }

  @Query(() => TopCustomers, { description: "Customers with a positive revenue, largest first (default 10): name, revenue, distinct orders." })
  async topCustomers(
    @Arg("filter", () => SalesFilter, { nullable: true }) filter: SalesFilter | null,
    @Arg("limit", () => Int, { nullable: true, defaultValue: DEFAULT_TOP_LIMIT, description: `1 to ${MAX_TOP_LIMIT}; null = ${DEFAULT_TOP_LIMIT}.` })
    limit: number | null,
    @Ctx() context: GraphQLContext,
  ): Promise<TopCustomers> {
    requireCompanyWide(context.viewer);
    const scoped = salesFilter(filter);
    const count = checkLimit(limit, DEFAULT_TOP_LIMIT);
    const asOf = (await context.asOf()).date;
    const db = context.database.db;
    const result = await domainCall(() => salesByCustomer(db, asOf, { ...scoped, limit: count }));
    const customers = result.customers.filter((customer) => customer.revenue > 0);
    return { ...result, customers: await withChannels(db, result, scoped, customers) };
  }

  @Query(() => CustomerSalesConnection, {
    description: "Customer sales details, largest revenue first: revenue, orders, AOV, and per channel (with quantity) in `byChannel`.",
  })
  async salesCustomers(@Args(() => SalesCustomersArgs) args: SalesCustomersArgs, @Ctx() context: GraphQLContext) {
    requireCompanyWide(context.viewer);
    const first = validateFirst(args.first);
    const offset = args.after == null ? 0 : decodeOffset("salescustomer", args.after);
    const scoped = salesFilter(args.filter);
    const asOf = (await context.asOf()).date;
    const db = context.database.db;
    const result = await domainCall(() => salesByCustomer(db, asOf, { ...scoped, limit: first + 1, offset }));
    const customers = await withChannels(db, result, scoped, result.customers);
    const connection = buildConnection({
      rows: customers.map((customer, index) => ({ customer, position: offset + index + 1 })),
      first,
      after: args.after,
      cursorOf: (item) => encodeCursor("salescustomer", item.position),
      nodeOf: (item) => item.customer,
      totalCount: async () => (await salesSummary(db, asOf, scoped)).customers,
    });
    // Keep the lazy totalCount getter: add the window fields to the same object.
    return Object.assign(connection, { asOfDate: result.asOfDate, from: result.from, to: result.to });
  }

  @Query(() => SalesTrend, { description: "Revenue, distinct orders and customers per calendar month of a year (default the as-of year)." })
  async salesTrend(
    @Arg("year", () => Int, { nullable: true, description: "Default the as-of date's year." }) year: number | null,
    @Arg("channel", () => String, { nullable: true, description: "Distribution channel code; default every channel." }) channel: string | null,
    @Ctx() context: GraphQLContext,
  ): Promise<SalesTrend> {
    requireCompanyWide(context.viewer);
    if (year != null) checkYear(year);
    const code = channel?.trim() || undefined;
    const asOf = (await context.asOf()).date;
    const trend = await salesTrend(context.database.db, asOf, { year: year ?? undefined, channel: code });
    return {
      ...trend,
      channel: code ?? null,
      months: trend.months.map((month) => ({ ...month, monthName: MONTH_NAMES[month.month - 1] })),
    };
  }

  @Query(() => CustomerSegmentation, {
    description: "Per customer: order frequency and revenue, split at the upper medians into VIP, LOYAL, HIGH_VALUE and CASUAL.",
  })
  async customerSegmentation(
    @Arg("filter", () => SalesFilter, { nullable: true }) filter: SalesFilter | null,
    @Ctx() context: GraphQLContext,
  ): Promise<CustomerSegmentation> {
    requireCompanyWide(context.viewer);
    const scoped = salesFilter(filter);
    const asOf = (await context.asOf()).date;
    const result = await domainCall(() => customerSegmentation(context.database.db, asOf, scoped));
    return {
      ...result,
      segmentCounts: Object.values(CustomerSegment).map((segment) => ({ segment, count: result.segmentCounts[segment] })),
      customers: result.customers.map((customer) => ({ ...customer, segment: customer.segment as CustomerSegment })),
    };
  }

  @Query(() => ChurnRisk, {
    description: "Top-quartile customers of last calendar month with no billing in the as-of month so far (default 5).",
  })
  async churnRisk(
    @Arg("limit", () => Int, { nullable: true, defaultValue: DEFAULT_CHURN_LIMIT, description: `1 to ${MAX_TOP_LIMIT}; null = ${DEFAULT_CHURN_LIMIT}.` })
    limit: number | null,
    @Arg("channel", () => String, { nullable: true, description: "Distribution channel code; default every channel." }) channel: string | null,
    @Ctx() context: GraphQLContext,
  ): Promise<ChurnRisk> {
    requireCompanyWide(context.viewer);
    const count = checkLimit(limit, DEFAULT_CHURN_LIMIT);
    const asOf = (await context.asOf()).date;
    return churnRisk(context.database.db, asOf, { limit: count, channel: channel?.trim() || undefined });
  }

  @Query(() => TopProducts, { description: "Materials by revenue, largest first (default 10)." })
  async topProducts(
    @Arg("filter", () => SalesFilter, { nullable: true }) filter: SalesFilter | null,
    @Arg("limit", () => Int, { nullable: true, defaultValue: DEFAULT_TOP_LIMIT, description: `1 to ${MAX_TOP_LIMIT}; null = ${DEFAULT_TOP_LIMIT}.` })
    limit: number | null,
    @Ctx() context: GraphQLContext,
  ): Promise<TopProducts> {
    requireCompanyWide(context.viewer);
    const scoped = salesFilter(filter);
    const count = checkLimit(limit, DEFAULT_TOP_LIMIT);
    const asOf = (await context.asOf()).date;
    return domainCall(() => topProducts(context.database.db, asOf, { ...scoped, limit: count }));
  }

  @Query(() => TopSalesmen, { description: "Salesmen by revenue, largest first (default 10), with their share of the revenue." })
  async topSalesmen(
    @Arg("filter", () => SalesFilter, { nullable: true }) filter: SalesFilter | null,
    @Arg("limit", () => Int, { nullable: true, defaultValue: DEFAULT_TOP_LIMIT, description: `1 to ${MAX_TOP_LIMIT}; null = ${DEFAULT_TOP_LIMIT}.` })
    limit: number | null,
    @Ctx() context: GraphQLContext,
  ): Promise<TopSalesmen> {
    requireCompanyWide(context.viewer);
    const scoped = salesFilter(filter);
    const count = checkLimit(limit, DEFAULT_TOP_LIMIT);
    const asOf = (await context.asOf()).date;
    return domainCall(() => salesBySalesman(context.database.db, asOf, { ...scoped, limit: count }));
  }

  @Query(() => SalesTargets, {
    description:
      "The semester leaderboard per salesman (DOMAIN.md D9): target, actual up to the as-of date, achievement and variance " +
      "against the full and the pro-rated target, status, totals, and the names that did not match on either side.",
  })
  async salesTargets(
    @Arg("year", () => Int) year: number,
    @Arg("semester", () => Int, { description: "1 (January–June) or 2 (July–December)." }) semester: number,
    @Arg("search", () => String, { nullable: true, description: "Only salesmen whose name contains this (case-insensitive)." })
    search: string | null,
    @Ctx() context: GraphQLContext,
  ): Promise<SalesTargets> {
    requireCompanyWide(context.viewer);
    checkYear(year);
    if (semester !== 1 && semester !== 2) throw badUserInput(`"semester" must be 1 or 2, got ${semester}.`, { argumentName: "semester" });
    const asOf = (await context.asOf()).date;
    const db = context.database.db;
    const result = await semesterAchievement(db, asOf, context.config, { year, semester });
    const unmatchedOverall = await salesmanNameMatching(db);
    const needle = search?.trim() ? fold(search) : null;
    const { totals } = result;
    return {
      asOfDate: result.asOfDate,
      year: result.year,
      semester: result.semester,
      semesterStart: result.semesterStart,
      semesterEnd: result.semesterEnd,
      semesterDays: result.semesterDays,
      elapsedDays: result.elapsedDays,
      salesmen: result.salesmen.filter((salesman) => needle === null || fold(salesman.salesmanName).includes(needle)).map(toSalesmanTarget),
      totals: {
        target: totals.target,
        proRatedTarget: totals.proratedTarget,
        actual: totals.actual,
        achievementPercent: totals.achievementPercent,
        proRatedAchievementPercent: totals.proratedAchievementPercent,
        variance: totals.actual - totals.target,
        proRatedVariance: totals.actual - totals.proratedTarget,
        status: totals.status as TargetStatus,
      },
      revenueWithoutTarget: result.revenueWithoutTarget,
      revenueWithoutSalesman: result.revenueWithoutSalesman,
      unmatched: result.unmatched,
      unmatchedOverall,
    };
  }
}

function toSalesmanTarget(salesman: SalesmanAchievement): SalesmanTarget {
  return {
    salesmanName: salesman.salesmanName,
    salesmanIds: salesman.salesmanIds,
    target: salesman.target,
    proRatedTarget: salesman.proratedTarget,
    actual: salesman.actual,
    achievementPercent: salesman.achievementPercent,
    proRatedAchievementPercent: salesman.proratedAchievementPercent,
    variance: salesman.variance,
    proRatedVariance: salesman.proratedVariance,
    status: salesman.status as TargetStatus,
    hasTarget: salesman.hasTarget,
    hasBilling: salesman.hasBilling,
  };
}

/** Names compared as the targets match them: NFC, trimmed, case-folded. */
function fold(name: string): string {
  return name.normalize("NFC").trim().toLocaleUpperCase("vi");
}

/**
 * The customers with their per-channel figures in the same window (one statement for the page):
 * the old customer × channel table, with billed quantity and sales units.
 */
async function withChannels(
  db: Db,
  window: { from: string; to: string },
  filter: DomainSalesFilter,
  customers: DomainCustomerSales[],
): Promise<CustomerSales[]> {
  if (customers.length === 0) return [];
  const { rows } = await sql<{
    customer_code: string;
    channel: string;
    division: Division;
    revenue: number;
    quantity: number;
    sales_units: string[];
    orders: number;
    billing_lines: number;
  }>`
    select customer_code, channel, division,
           coalesce(sum(revenue), 0)                                                           as revenue,
           coalesce(sum(billing_quantity), 0)                                                  as quantity,
           coalesce(array_agg(distinct sales_unit) filter (where sales_unit is not null), '{}') as sales_units,
           count(distinct so_number)                                                           as orders,
           count(*)                                                                            as billing_lines
    from sales_line
    where billing_date between ${window.from}::date and ${window.to}::date
      ${filter.channel === undefined ? sql`` : sql`and channel = ${filter.channel}`}
      and customer_code in (${sql.join(customers.map((customer) => customer.customerCode))})
    group by customer_code, channel, division
    order by customer_code, revenue desc, channel`.execute(db);
  return customers.map((customer) => ({
    ...customer,
    byChannel: rows
      .filter((row) => row.customer_code === customer.customerCode)
      .map((row) => ({
        channel: row.channel,
        division: row.division,
        revenue: row.revenue,
        quantity: row.quantity,
        salesUnits: row.sales_units,
        orders: row.orders,
        averageOrderValue: row.orders === 0 ? null : row.revenue / row.orders,
        billingLines: row.billing_lines,
      })),
  }));
}

/** The Date scalar parses to a JavaScript Date at UTC midnight; the domain takes `YYYY-MM-DD`. */
export function isoDay(value: Date | string | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  return value instanceof Date ? value.toISOString().slice(0, 10) : value;
}

/** `from`/`to` as `YYYY-MM-DD`; BAD_USER_INPUT when from > to. */
export function dateRange(filter: { from?: Date | string | null; to?: Date | string | null } | null | undefined): {
  from?: string;
  to?: string;
} {
  const from = isoDay(filter?.from);
  const to = isoDay(filter?.to);
  if (from !== undefined && to !== undefined && from > to) {
    throw badUserInput(`"from" (${from}) is after "to" (${to}).`, { argumentName: "filter" });
  }
  return { ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }) };
}

function salesFilter(filter: SalesFilter | null | undefined): DomainSalesFilter {
  const channel = filter?.channel?.trim() || undefined;
  return { ...dateRange(filter), ...(channel === undefined ? {} : { channel }) };
}

/** A limit argument: null gives the default, anything outside 1..max is BAD_USER_INPUT. */
export function checkLimit(requested: number | null | undefined, fallback: number, max = MAX_TOP_LIMIT): number {
  const limit = requested ?? fallback;
  if (!Number.isInteger(limit) || limit < 1 || limit > max) {
    throw badUserInput(`"limit" must be between 1 and ${max}, got ${limit}.`, { argumentName: "limit" });
  }
  return limit;
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw badUserInput(`"year" must be between ${MIN_YEAR} and ${MAX_YEAR}, got ${year}.`, { argumentName: "year" });
  }
}

/** Runs a domain call; a RangeError (a window that ends before it starts) becomes BAD_USER_INPUT. */
export async function domainCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof RangeError) throw badUserInput(error.message);
    throw error;
  }
}

/** The position inside an offset cursor of kind `kind`; BAD_USER_INPUT when it is not one. */
export function decodeOffset(kind: string, cursor: string): number {
  const offset = Number(decodeCursor(kind, cursor));
  if (!Number.isSafeInteger(offset) || offset < 0) throw badUserInput(`"after" is not a valid cursor for this list.`, { argumentName: "after" });
  return offset;
}
