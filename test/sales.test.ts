/**
 * Sales on the real ZRSD002 sample (DOMAIN.md §1.4, §3.7, §3.11; D9): revenue in VND with cancelled
 * invoices excluded, by channel / customer / salesman / product / month, the executive KPIs,
 * segmentation and churn risk. As-of date 2026-01-21 (the sample's cut-off), so the default window
 * is January 2026, which holds every sample billing line.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../api/src/db/database.js";
import {
  churnRisk,
  customerSegmentation,
  executiveSales,
  salesByChannel,
  salesByCustomer,
  salesBySalesman,
  salesSummary,
  salesTrend,
  topProducts,
} from "../api/src/domain/sales.js";
import { loadFile } from "../api/src/ingest/load.js";
import { backends } from "./support/databases.js";
import { withRollback } from "./support/rollback.js";
import { SAMPLE_FACTS, sample, samplesPresent } from "./support/samples.js";

const AS_OF = "2026-01-21";
const options = { allowRejects: false, decimalComma: false, dateOrder: "MDY" as const, loadedBy: "test", ...SAMPLE_FACTS };

describe.skipIf(!samplesPresent).each(backends)("sales on $name", (backend) => {
  let database: Database;

  beforeAll(async () => {
    database = await backend.open();
    await loadFile(database, sample("zrsd002.XLSX"), options);
  }, 600_000);
  afterAll(async () => database?.close());

  it("totals the net revenue of §1.4: 18,875,865,442 VND, 422 sales orders, 92 customers by code", async () => {
    const summary = await salesSummary(database.db, AS_OF);
    expect(summary).toMatchObject({
      asOfDate: AS_OF,
      from: "2026-01-01",
      to: "2026-01-31",
      revenue: 18_875_865_442,
      orders: 422,
      customers: 92,
      billingLines: 1_594,
    });
    expect(summary.averageOrderValue).toBeCloseTo(18_875_865_442 / 422, 6);
    // The previous equal-length window is December 2025: nothing billed, so no growth figure.
    expect(summary.previous).toMatchObject({ from: "2025-12-01", to: "2025-12-31", revenue: 0, orders: 0 });
    expect(summary.revenueGrowthPercent).toBeNull();
  });

  it("compares with the previous equal-length window", async () => {
    // 2026-01-12…21 (10 days) against 2026-01-02…11.
    const summary = await salesSummary(database.db, AS_OF, { from: "2026-01-12", to: "2026-01-21" });
    expect(summary.previous).toMatchObject({ from: "2026-01-02", to: "2026-01-11" });
    const { rows } = await sql<{ now: number; before: number }>`
      select sum(net_value) filter (where billing_date >= '2026-01-12') as now,
             sum(net_value) filter (where billing_date < '2026-01-12') as before
      from raw_zrsd002`.execute(database.db);
    expect(summary.revenue).toBe(rows[0].now);
    expect(summary.previous.revenue).toBe(rows[0].before);
    expect(summary.revenueGrowthPercent).toBeCloseTo(((rows[0].now - rows[0].before) / rows[0].before) * 100, 9);
  });

  it("splits revenue by channel as §1.4: 11 → 16,304,634,705; 13 → 2,396,166,184; 15 → 175,064,553", async () => {
    const { channels } = await salesByChannel(database.db, AS_OF);
    expect(channels.map(({ channel, division, revenue }) => ({ channel, division, revenue }))).toEqual([
      { channel: "11", division: "INDUSTRY", revenue: 16_304_634_705 },
      { channel: "13", division: "RETAIL", revenue: 2_396_166_184 },
      { channel: "15", division: "PROJECT", revenue: 175_064_553 },
    ]);
    expect(channels.reduce((sum, channel) => sum + (channel.revenueSharePercent ?? 0), 0)).toBeCloseTo(100, 9);
    expect(channels.map((channel) => channel.orders)).toEqual([188, 225, 9]);
    const retail = await salesSummary(database.db, AS_OF, { channel: "13" });
    expect(retail.revenue).toBe(2_396_166_184);
  });

  it("counts 15 salesmen; NGUYỄN VĂN THÂM billed 5,939,953,640 in January (§3.7)", async () => {
    const { salesmen } = await salesBySalesman(database.db, AS_OF);
    expect(salesmen).toHaveLength(15);
    expect(salesmen[0]).toMatchObject({ salesmanName: "NGUYỄN VĂN THÂM", salesmanIds: ["10222015"], revenue: 5_939_953_640 });
    expect(salesmen.reduce((sum, salesman) => sum + salesman.revenue, 0)).toBe(18_875_865_442);
    const top = await salesBySalesman(database.db, AS_OF, { limit: 10 });
    expect(top.salesmen).toHaveLength(10);
    expect(top.salesmen[0].revenueSharePercent).toBeCloseTo((5_939_953_640 / 18_875_865_442) * 100, 9);
  });

  it("keys customers by sold-to code and ranks the top customers by revenue", async () => {
    const all = await salesByCustomer(database.db, AS_OF);
    expect(all.customers).toHaveLength(92);
    expect(new Set(all.customers.map((customer) => customer.customerCode)).size).toBe(92);
    expect(all.customers.reduce((sum, customer) => sum + customer.orders, 0)).toBeGreaterThanOrEqual(422);
    const top = await salesByCustomer(database.db, AS_OF, { limit: 10 });
    expect(top.customers).toEqual(all.customers.slice(0, 10));
    const revenues = top.customers.map((customer) => customer.revenue);
    expect(revenues).toEqual([...revenues].sort((a, b) => b - a));
    const first = top.customers[0];
    expect(first.averageOrderValue).toBeCloseTo(first.revenue / first.orders, 6);
  });

  it("shows a customer by its latest name", async () => {
    const renamed = await withRollback(database.db, async (trx) => {
      const { rows } = await sql<{ sold_to: string; billing_date: string }>`
        select sold_to, max(billing_date) as billing_date from raw_zrsd002
        group by sold_to having count(distinct billing_date) > 1 order by sold_to limit 1`.execute(trx);
      const { sold_to: code, billing_date: latest } = rows[0];
      await sql`update raw_zrsd002 set bill_to_name = 'OLD NAME' where sold_to = ${code} and billing_date < ${latest}::date`.execute(trx);
      await sql`update raw_zrsd002 set bill_to_name = 'NEW NAME' where sold_to = ${code} and billing_date = ${latest}::date`.execute(trx);
      const { customers } = await salesByCustomer(trx, AS_OF);
      return customers.filter((customer) => customer.customerCode === code);
    });
    expect(renamed).toHaveLength(1);
    expect(renamed[0].customerName).toBe("NEW NAME");
  });

  it("excludes cancelled invoices and converts foreign currency with the exchange rate (D9)", async () => {
    const result = await withRollback(database.db, async (trx) => {
      const { rows } = await sql<{ billing_document: string; net: number }>`
        select billing_document, sum(net_value) as net from raw_zrsd002
        group by billing_document order by billing_document limit 2`.execute(trx);
      const [cancelled, usd] = rows;
      await sql`update raw_zrsd002 set cancelled = 'X' where billing_document = ${cancelled.billing_document}`.execute(trx);
      await sql`update raw_zrsd002 set cancel_document = '1930000000' where billing_document = ${usd.billing_document}
                  and billing_item = (select min(billing_item) from raw_zrsd002 where billing_document = ${usd.billing_document})`.execute(trx);
      const { rows: usdRows } = await sql<{ net: number }>`
        select sum(net_value) as net from raw_zrsd002 where billing_document = ${usd.billing_document} and cancel_document is null`.execute(trx);
      // The remaining lines of the second invoice become a USD export invoice at 26,123 VND/USD (§1.4).
      await sql`update raw_zrsd002 set currency = 'USD', exchange_rate = 26123
                where billing_document = ${usd.billing_document} and cancel_document is null`.execute(trx);
      const summary = await salesSummary(trx, AS_OF);
      return { summary, cancelled: cancelled.net, usdDocument: usd.net, usdNet: usdRows[0].net };
    });
    expect(result.summary.revenue).toBe(
      18_875_865_442 - result.cancelled - result.usdDocument + result.usdNet * 26_123,
    );
  });

  it("lists the top products by revenue; all products add up to the revenue", async () => {
    const top = await topProducts(database.db, AS_OF);
    expect(top.products).toHaveLength(10);
    const all = await topProducts(database.db, AS_OF, { limit: 1_000 });
    expect(all.products).toHaveLength(451);
    expect(all.products.reduce((sum, product) => sum + product.revenue, 0)).toBe(18_875_865_442);
    expect(top.products).toEqual(all.products.slice(0, 10));
    expect(top.products[0].salesUnits.length).toBeGreaterThan(0);
  });

  it("gives the monthly trend of a year: January 2026 holds every line", async () => {
    const trend = await salesTrend(database.db, AS_OF);
    expect(trend.year).toBe(2026);
    expect(trend.months).toHaveLength(12);
    expect(trend.months[0]).toEqual({ month: 1, monthStart: "2026-01-01", revenue: 18_875_865_442, orders: 422, customers: 92 });
    expect(trend.months.slice(1).every((month) => month.revenue === 0 && month.orders === 0)).toBe(true);
    const industry = await salesTrend(database.db, AS_OF, { year: 2026, channel: "11" });
    expect(industry.months[0].revenue).toBe(16_304_634_705);
  });

  it("answers the executive dashboard's sales part (§3.11)", async () => {
    const executive = await executiveSales(database.db, AS_OF);
    expect(executive.summary.revenue).toBe(18_875_865_442);
    expect(executive.byChannel.map((channel) => channel.channel)).toEqual(["11", "13", "15"]);
    expect(executive.topCustomers).toHaveLength(10);
  });

  it("segments customers at the upper medians of order frequency and revenue (§3.7)", async () => {
    const segmentation = await customerSegmentation(database.db, AS_OF);
    const { customers } = await salesByCustomer(database.db, AS_OF);
    const upperMedian = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const ordersThreshold = upperMedian(customers.map((customer) => customer.orders));
    const revenueThreshold = upperMedian(customers.map((customer) => customer.revenue));
    expect(segmentation.ordersThreshold).toBe(ordersThreshold);
    expect(segmentation.revenueThreshold).toBe(revenueThreshold);
    expect(segmentation.customers).toHaveLength(92);
    for (const customer of segmentation.customers) {
      const frequent = customer.orders >= ordersThreshold;
      const valuable = customer.revenue >= revenueThreshold;
      expect(customer.segment).toBe(frequent ? (valuable ? "VIP" : "LOYAL") : valuable ? "HIGH_VALUE" : "CASUAL");
    }
    const counts = segmentation.segmentCounts;
    expect(counts.VIP + counts.LOYAL + counts.HIGH_VALUE + counts.CASUAL).toBe(92);
    expect(counts.VIP).toBeGreaterThan(0);
  });

  it("finds no churn risk in January: December 2025 has no billing", async () => {
    const churn = await churnRisk(database.db, AS_OF);
    expect(churn).toMatchObject({
      currentMonth: { from: "2026-01-01", to: AS_OF },
      lastMonth: { from: "2025-12-01", to: "2025-12-31" },
      revenueThreshold: null,
      customers: [],
    });
  });

  it("flags January's top-quartile customers without February billing as churn risks, top 5", async () => {
    const churn = await churnRisk(database.db, "2026-02-10");
    expect(churn.lastMonth).toEqual({ from: "2026-01-01", to: "2026-01-31" });
    const { customers } = await salesByCustomer(database.db, "2026-01-21");
    const ascending = customers.map((customer) => customer.revenue).sort((a, b) => a - b);
    expect(churn.revenueThreshold).toBe(ascending[Math.floor(0.75 * ascending.length)]);
    expect(churn.customers).toHaveLength(5);
    expect(churn.customers.map((customer) => customer.customerCode)).toEqual(
      customers.slice(0, 5).map((customer) => customer.customerCode),
    );
    expect(churn.customers[0]).toMatchObject({ lastMonthRevenue: customers[0].revenue, priorMonthRevenue: 0, trendPercent: null });
  });

  it("refuses a window that ends before it starts", async () => {
    await expect(salesSummary(database.db, AS_OF, { from: "2026-02-01", to: "2026-01-01" })).rejects.toThrow(RangeError);
  });
});
