/**
 * Sales, semester targets, AR aging, OTIF and the executive summary over HTTP against a running
 * server with the real samples loaded (ZRFI005 as the snapshot 2026-01-21; MB51 sets the as-of date
 * to its cut-off 2026-01-21, so the default window is January 2026): the worked figures the domain
 * tests assert (DOMAIN.md §1.4, §1.6, §3.7–§3.9), company-wide access only (CONTRACT.md "Auth"), and
 * input validation.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../api/src/graphql/auth.js";
import { startApiFixture, type ApiFixture } from "./support/api-fixture.js";
import { backends } from "./support/databases.js";
import { samplesPresent } from "./support/samples.js";

const FILES = ["mb51.XLSX", "cooispi.XLSX", "zrsd002.XLSX", "zrsd004.XLSX", "ZRFI005.XLSX", "target.xlsx"];

const AS_OF = "2026-01-21";
const REVENUE = 18_875_865_442;
const CHANNELS = [
  { channel: "11", division: "INDUSTRY", revenue: 16_304_634_705 },
  { channel: "13", division: "RETAIL", revenue: 2_396_166_184 },
  { channel: "15", division: "PROJECT", revenue: 175_064_553 },
];
const THAM = "NGUYỄN VĂN THÂM";
const TARGETS_WITHOUT_BILLING = ["ALI SUMANTO", "DIỆP HOÀI ĐỨC", "LIONG YAM CHYUAN", "VŨ ANH HAI"];
const AR_TARGET = 44_291_440_617;
const AR_REALIZATION = 15_602_639_406;
const BAD_DEBT = 680_014_467;
/** Every planned delivery date of the ZRSD004 sample (2025-10-31…2026-01-28), as the OTIF domain test. */
const WHOLE_ZRSD004 = { from: "2025-10-01", to: "2026-01-31" };

/** One query per company-wide entry point, for the access checks. */
const COMPANY_WIDE_QUERIES: Record<string, string> = {
  executiveSummary: `{ executiveSummary { totalRevenue } }`,
  salesSummary: `{ salesSummary { revenue } }`,
  salesByChannel: `{ salesByChannel { channels { channel } } }`,
  topCustomers: `{ topCustomers { customers { customerCode } } }`,
  salesCustomers: `{ salesCustomers(first: 1) { totalCount } }`,
  salesTrend: `{ salesTrend { months { revenue } } }`,
  customerSegmentation: `{ customerSegmentation { ordersThreshold } }`,
  churnRisk: `{ churnRisk { asOfDate } }`,
  topProducts: `{ topProducts { products { material } } }`,
  topSalesmen: `{ topSalesmen { salesmen { salesmanName } } }`,
  salesTargets: `{ salesTargets(year: 2025, semester: 1) { elapsedDays } }`,
  arSnapshots: `{ arSnapshots { snapshotDate } }`,
  arAging: `{ arAging { collectionTarget } }`,
  arCustomers: `{ arCustomers(first: 1) { totalCount } }`,
  otif: `{ otif { lines { total } } }`,
  otifDeliveries: `{ otifDeliveries(first: 1) { totalCount } }`,
  otifLines: `{ otifLines(first: 1) { totalCount } }`,
};

describe.skipIf(!samplesPresent).each(backends)("sales, targets, AR and OTIF API on $name", (backend) => {
  let api: ApiFixture;

  beforeAll(async () => {
    api = await startApiFixture(backend, { files: FILES });
  }, 600_000);
  afterAll(async () => {
    await api?.close();
  });

  const token = (role: Role, plants?: string[]) => api.token(role, plants);
  const graphql = (query: string, variables?: Record<string, unknown>, bearer?: string) => api.graphql(query, { token: bearer, variables });

  async function data(query: string, variables?: Record<string, unknown>) {
    const result = await graphql(query, variables);
    expect(result.errors).toBeUndefined();
    return result.data!;
  }

  it("totals January 2026 (the as-of month by default): 18,875,865,442 VND, 422 orders, 92 customers", async () => {
    const { salesSummary } = await data(`{ salesSummary {
      asOfDate from to revenue customers orders averageOrderValue billingLines
      previous { from to revenue orders } revenueGrowthPercent } }`);
    expect(salesSummary).toMatchObject({
      asOfDate: AS_OF,
      from: "2026-01-01",
      to: "2026-01-31",
      revenue: REVENUE,
      orders: 422,
      customers: 92,
      billingLines: 1_594,
      previous: { from: "2025-12-01", to: "2025-12-31", revenue: 0, orders: 0 },
      revenueGrowthPercent: null,
    });
    expect(salesSummary.averageOrderValue).toBeCloseTo(REVENUE / 422, 6);
    const retail = await data(`{ salesSummary(filter: { channel: "13" }) { revenue } }`);
    expect(retail.salesSummary.revenue).toBe(2_396_166_184);
  });

  it("splits revenue by channel: 16,304,634,705 / 2,396,166,184 / 175,064,553", async () => {
    const { salesByChannel } = await data(`{ salesByChannel(filter: { from: "2026-01-01", to: "2026-01-31" }) {
      asOfDate from to channels { channel division revenue orders customers revenueSharePercent } } }`);
    expect(salesByChannel).toMatchObject({ asOfDate: AS_OF, from: "2026-01-01", to: "2026-01-31" });
    expect(salesByChannel.channels.map(({ channel, division, revenue }: any) => ({ channel, division, revenue }))).toEqual(CHANNELS);
    expect(salesByChannel.channels.map((channel: any) => channel.orders)).toEqual([188, 225, 9]);
    const shares = salesByChannel.channels.reduce((sum: number, channel: any) => sum + channel.revenueSharePercent, 0);
    expect(shares).toBeCloseTo(100, 9);
    const limited = await data(`{ salesByChannel(limit: 1) { channels { channel } } }`);
    expect(limited.salesByChannel.channels).toEqual([{ channel: "11" }]);
  });

  it("answers the executive summary: revenue, orders, channels, top customers, production completion and AR", async () => {
    const { executiveSummary } = await data(`{ executiveSummary {
      asOfDate from to totalRevenue revenueGrowthPercent totalCustomers activeCustomers totalOrders averageOrderValue
      productionCompletion { from to releasedOrders completedOrders completionPercent }
      inventoryItems arSnapshotDate totalAr overdueAr overdueArPercent overdueFrom1Ar overdueFrom1ArPercent
      revenueByChannel { channel revenue } topCustomers { customerCode revenue orders byChannel { revenue } } } }`);
    expect(executiveSummary).toMatchObject({
      asOfDate: AS_OF,
      from: "2026-01-01",
      to: "2026-01-31",
      totalRevenue: REVENUE,
      totalCustomers: 92,
      activeCustomers: 92,
      totalOrders: 422,
      arSnapshotDate: "2026-01-21",
      totalAr: AR_TARGET,
      overdueFrom1Ar: AR_TARGET,
      overdueFrom1ArPercent: 100,
    });
    expect(executiveSummary.revenueByChannel).toEqual(CHANNELS.map(({ channel, revenue }) => ({ channel, revenue })));
    expect(executiveSummary.topCustomers).toHaveLength(10);
    for (const customer of executiveSummary.topCustomers) {
      expect(customer.byChannel.reduce((sum: number, channel: any) => sum + channel.revenue, 0)).toBeCloseTo(customer.revenue, 3);
    }
    expect(executiveSummary.overdueArPercent).toBeCloseTo((executiveSummary.overdueAr / AR_TARGET) * 100, 9);
    const completion = executiveSummary.productionCompletion;
    // P01 orders released in January 2026: 412, of which 340 carry DLV or TECO (82.5 %).
    expect(completion).toMatchObject({ from: "2026-01-01", to: "2026-01-31", releasedOrders: 412, completedOrders: 340 });
    expect(completion.completionPercent).toBeCloseTo((completion.completedOrders / completion.releasedOrders) * 100, 9);
    expect(executiveSummary.inventoryItems).toBeGreaterThan(0);
  });

  it("ranks customers, pages through the customer details and adds up to the revenue", async () => {
    const { topCustomers } = await data(`{ topCustomers(limit: 5) { asOfDate from to customers { customerCode customerName revenue orders averageOrderValue } } }`);
    expect(topCustomers).toMatchObject({ asOfDate: AS_OF, from: "2026-01-01", to: "2026-01-31" });
    expect(topCustomers.customers).toHaveLength(5);
    const revenues = topCustomers.customers.map((customer: any) => customer.revenue);
    expect(revenues).toEqual([...revenues].sort((a: number, b: number) => b - a));

    const PAGE = `query($after: String) { salesCustomers(first: 50, after: $after) {
      totalCount asOfDate from to pageInfo { hasNextPage endCursor }
      edges { node { customerCode revenue channels byChannel { channel division revenue quantity salesUnits orders } } } } }`;
    const first = (await data(PAGE)).salesCustomers;
    expect(first).toMatchObject({ totalCount: 92, asOfDate: AS_OF, pageInfo: { hasNextPage: true } });
    expect(first.edges).toHaveLength(50);
    expect(first.edges.slice(0, 5).map((edge: any) => edge.node.customerCode)).toEqual(
      topCustomers.customers.map((customer: any) => customer.customerCode),
    );
    const second = (await data(PAGE, { after: first.pageInfo.endCursor })).salesCustomers;
    expect(second.edges).toHaveLength(42);
    expect(second.pageInfo.hasNextPage).toBe(false);
    const nodes = [...first.edges, ...second.edges].map((edge: any) => edge.node);
    expect(new Set(nodes.map((node: any) => node.customerCode)).size).toBe(92);
    expect(nodes.reduce((sum: number, node: any) => sum + node.revenue, 0)).toBe(REVENUE);
    const byChannel = new Map<string, number>();
    for (const node of nodes) {
      expect(node.byChannel.map((row: any) => row.channel).sort()).toEqual([...node.channels].sort());
      for (const row of node.byChannel) byChannel.set(row.channel, (byChannel.get(row.channel) ?? 0) + row.revenue);
    }
    for (const { channel, revenue } of CHANNELS) expect(byChannel.get(channel)).toBe(revenue);
  });

  it("gives the monthly trend, the segmentation, churn risk, top products and top salesmen", async () => {
    const result = await data(`{
      salesTrend(year: 2026) { asOfDate year months { month monthName monthStart revenue orders customers } }
      industry: salesTrend(year: 2026, channel: "11") { months { revenue } }
      customerSegmentation { asOfDate from to ordersThreshold revenueThreshold segmentCounts { segment count } customers { segment } }
      churnRisk { asOfDate currentMonth { from to } lastMonth { from to } customers { customerCode } }
      topProducts { asOfDate products { material revenue salesUnits } }
      allProducts: topProducts(limit: 1000) { products { revenue } }
      topSalesmen { salesmen { salesmanName salesmanIds revenue revenueSharePercent } }
    }`);
    expect(result.salesTrend).toMatchObject({ asOfDate: AS_OF, year: 2026 });
    expect(result.salesTrend.months).toHaveLength(12);
    expect(result.salesTrend.months[0]).toEqual({
      month: 1,
      monthName: "January",
      monthStart: "2026-01-01",
      revenue: REVENUE,
      orders: 422,
      customers: 92,
    });
    expect(result.industry.months[0].revenue).toBe(16_304_634_705);

    const segmentation = result.customerSegmentation;
    expect(segmentation).toMatchObject({ asOfDate: AS_OF, from: "2026-01-01", to: "2026-01-31" });
    expect(segmentation.customers).toHaveLength(92);
    expect(segmentation.segmentCounts.map((count: any) => count.segment)).toEqual(["VIP", "LOYAL", "HIGH_VALUE", "CASUAL"]);
    expect(segmentation.segmentCounts.reduce((sum: number, count: any) => sum + count.count, 0)).toBe(92);

    // Last month (December 2025) has no billing in the sample: no churn risk.
    expect(result.churnRisk).toMatchObject({
      asOfDate: AS_OF,
      currentMonth: { from: "2026-01-01", to: AS_OF },
      lastMonth: { from: "2025-12-01", to: "2025-12-31" },
      customers: [],
    });

    expect(result.topProducts.products).toHaveLength(10);
    expect(result.allProducts.products).toHaveLength(451);
    expect(result.allProducts.products.reduce((sum: number, product: any) => sum + product.revenue, 0)).toBe(REVENUE);

    expect(result.topSalesmen.salesmen).toHaveLength(10);
    expect(result.topSalesmen.salesmen[0]).toMatchObject({ salesmanName: THAM, salesmanIds: ["10222015"], revenue: 5_939_953_640 });
    expect(result.topSalesmen.salesmen[0].revenueSharePercent).toBeCloseTo((5_939_953_640 / REVENUE) * 100, 9);
  });

  const TARGETS = `query($year: Int!, $semester: Int!) { salesTargets(year: $year, semester: $semester) {
    asOfDate year semester semesterStart semesterEnd semesterDays elapsedDays
    salesmen { salesmanName salesmanIds target actual achievementPercent proRatedTarget proRatedAchievementPercent variance proRatedVariance status hasTarget hasBilling }
    totals { target proRatedTarget actual achievementPercent proRatedAchievementPercent variance proRatedVariance status }
    revenueWithoutTarget revenueWithoutSalesman
    unmatched { billingWithoutTarget targetWithoutBilling }
    unmatchedOverall { billingWithoutTarget targetWithoutBilling } } }`;

  it("lists the 18 salesmen with a 2025 S1 target; the semester is over, so nothing billed in it", async () => {
    const { salesTargets } = await data(TARGETS, { year: 2025, semester: 1 });
    expect(salesTargets).toMatchObject({
      asOfDate: AS_OF,
      year: 2025,
      semester: 1,
      semesterStart: "2025-01-01",
      semesterEnd: "2025-06-30",
      semesterDays: 181,
      elapsedDays: 181,
      revenueWithoutTarget: 0,
      revenueWithoutSalesman: 0,
      totals: { target: 244_910_222_930, proRatedTarget: 244_910_222_930, actual: 0, variance: -244_910_222_930, status: "BEHIND" },
    });
    expect(salesTargets.salesmen).toHaveLength(18);
    expect(salesTargets.salesmen.find((salesman: any) => salesman.salesmanName === THAM)).toMatchObject({
      target: 72_050_000_000,
      proRatedTarget: 72_050_000_000,
      actual: 0,
      variance: -72_050_000_000,
      proRatedVariance: -72_050_000_000,
      achievementPercent: 0,
      proRatedAchievementPercent: 0,
      status: "BEHIND",
      hasTarget: true,
      hasBilling: false,
    });
    // For the semester asked: no 2025 S1 billing at all, so every target is unmatched on the billing side.
    expect(salesTargets.unmatched.billingWithoutTarget).toEqual([]);
    expect(salesTargets.unmatched.targetWithoutBilling).toHaveLength(18);
    expect(salesTargets.unmatched.targetWithoutBilling).toEqual(expect.arrayContaining([THAM, ...TARGETS_WITHOUT_BILLING]));
    // Over everything loaded (§1.8): one billing name without any target, four targets that never billed.
    expect(salesTargets.unmatchedOverall).toEqual({
      billingWithoutTarget: ["MICHEL WAHYUDI KUSUMA"],
      targetWithoutBilling: TARGETS_WITHOUT_BILLING,
    });
  });

  it("reports every 2026 S1 salesman without a target, 21 of 181 days elapsed", async () => {
    const { salesTargets } = await data(TARGETS, { year: 2026, semester: 1 });
    expect(salesTargets).toMatchObject({ semesterDays: 181, elapsedDays: 21, revenueWithoutTarget: REVENUE, totals: { target: 0, status: "NO_TARGET" } });
    expect(salesTargets.salesmen).toHaveLength(15);
    expect(salesTargets.salesmen.every((salesman: any) => salesman.status === "NO_TARGET" && salesman.target === null)).toBe(true);
    expect(salesTargets.salesmen.find((salesman: any) => salesman.salesmanName === THAM)).toMatchObject({ actual: 5_939_953_640, hasBilling: true });
    expect(salesTargets.unmatched.billingWithoutTarget).toHaveLength(15);
    expect(salesTargets.unmatched.billingWithoutTarget).toContain("MICHEL WAHYUDI KUSUMA");
    const searched = await data(`{ salesTargets(year: 2026, semester: 1, search: "  văn thâm ") { salesmen { salesmanName } } }`);
    expect(searched.salesTargets.salesmen).toEqual([{ salesmanName: THAM }]);
  });

  it("gives AR aging of the latest snapshot: 15,602,639,406 of 44,291,440,617 = 35.23 %, bad debt 680,014,467", async () => {
    const { arSnapshots, arAging } = await data(`{
      arSnapshots { snapshotDate rowCount collectionTarget collectionRealization collectionRatePercent }
      arAging { snapshotDate rowCount collectionTarget collectionRealization collectionRatePercent
        overdueOver30 overdueOver30Percent overdueFrom1 overdueFrom1Percent badDebt badDebtPercent highRiskCustomers
        dso { isApproximation days outstanding grossSales salesFrom salesTo windowDays salesHistoryComplete }
        buckets { bucket target realization }
        divisions { division collectionTarget collectionRealization collectionRatePercent buckets { target } }
        customers(first: 10) { totalCount snapshotDate edges { node { customerCode collectionTarget overdueOver30 risk } } } } }`);
    expect(arSnapshots).toEqual([
      {
        snapshotDate: "2026-01-21",
        rowCount: 114,
        collectionTarget: AR_TARGET,
        collectionRealization: AR_REALIZATION,
        collectionRatePercent: (AR_REALIZATION / AR_TARGET) * 100,
      },
    ]);
    expect(arAging).toMatchObject({
      snapshotDate: "2026-01-21",
      rowCount: 114,
      collectionTarget: AR_TARGET,
      collectionRealization: AR_REALIZATION,
      badDebt: BAD_DEBT,
      overdueFrom1: AR_TARGET,
      overdueFrom1Percent: 100,
    });
    expect(arAging.collectionRatePercent).toBeCloseTo(35.23, 2);
    expect(arAging.badDebtPercent).toBeCloseTo(1.535, 3);
    expect(arAging.overdueOver30Percent).toBeCloseTo((arAging.overdueOver30 / AR_TARGET) * 100, 9);
    expect(arAging.dso).toMatchObject({
      isApproximation: true,
      outstanding: AR_TARGET - AR_REALIZATION,
      salesFrom: "2025-10-24",
      salesTo: "2026-01-21",
      windowDays: 90,
      // The billing sample starts in January 2026: the 90-day divisor misses days.
      salesHistoryComplete: false,
    });
    expect(arAging.dso.days).toBeCloseTo(((AR_TARGET - AR_REALIZATION) / arAging.dso.grossSales) * 90, 9);

    expect(arAging.buckets.map((bucket: any) => bucket.bucket)).toEqual([
      "NOT_DUE",
      "DAYS_1_30",
      "DAYS_31_60",
      "DAYS_61_90",
      "DAYS_91_120",
      "DAYS_121_180",
      "OVER_180",
    ]);
    expect(arAging.buckets[0].target).toBeNull();
    expect(arAging.buckets.reduce((sum: number, bucket: any) => sum + (bucket.target ?? 0), 0)).toBe(AR_TARGET);
    expect(arAging.buckets.reduce((sum: number, bucket: any) => sum + bucket.realization, 0)).toBe(AR_REALIZATION);
    expect(arAging.buckets.at(-1).target).toBe(BAD_DEBT);

    expect(
      arAging.divisions.map((division: any) => [division.division, Math.round(division.collectionRatePercent * 10) / 10]),
    ).toEqual([
      ["INDUSTRY", 33],
      ["PROJECT", 8.5],
      ["RETAIL", 64.5],
    ]);
    const project = arAging.divisions.find((division: any) => division.division === "PROJECT");
    expect(project.buckets.reduce((sum: number, bucket: any) => sum + (bucket.target ?? 0), 0)).toBe(274_960_036);
    expect(arAging.divisions.reduce((sum: number, division: any) => sum + division.collectionTarget, 0)).toBe(AR_TARGET);

    const customers = arAging.customers;
    expect(customers.snapshotDate).toBe("2026-01-21");
    expect(customers.edges).toHaveLength(10);
    const targets = customers.edges.map((edge: any) => edge.node.collectionTarget);
    expect(targets).toEqual([...targets].sort((a: number, b: number) => b - a));
  });

  it("filters AR customers by division, risk and salesman, and pages through them", async () => {
    const { all, high, tue, worked, unknown } = await data(`{
      all: arCustomers(first: 100) { totalCount pageInfo { hasNextPage endCursor } edges { node { customerCode } } }
      high: arCustomers(filter: { risk: HIGH }, first: 100) { totalCount edges { node { risk badDebt } } }
      tue: arAging { customers(salesman: "nguyễn hữu tuệ", first: 100) { totalCount edges { node { salesmanName } } } }
      worked: arCustomers(filter: { division: INDUSTRY, salesman: "NGUYỄN HỮU TUỆ" }, first: 100) {
        edges { node { customerName channel collectionTarget collectionRealization collectionRatePercent overdueOver30Percent risk
          buckets { bucket target realization } } } }
      unknown: arCustomers(filter: { snapshotDate: "2020-01-01" }) { totalCount }
    }`);
    expect(all.edges).toHaveLength(Math.min(all.totalCount, 100));
    expect(all.pageInfo.hasNextPage).toBe(all.totalCount > 100);
    expect(high.totalCount).toBeGreaterThan(0);
    expect(high.edges).toHaveLength(high.totalCount);
    expect(high.edges.every((edge: any) => edge.node.risk === "HIGH" && edge.node.badDebt > 0)).toBe(true);
    expect(tue.customers.totalCount).toBeGreaterThan(0);
    expect(tue.customers.edges.every((edge: any) => edge.node.salesmanName === "NGUYỄN HỮU TUỆ")).toBe(true);
    // §3.8's worked row.
    const row = worked.edges.map((edge: any) => edge.node).find((node: any) => node.customerName === "Công Ty Cổ Phần An Phát Cường");
    expect(row).toMatchObject({ channel: "11", collectionTarget: 1_157_272_020, collectionRealization: 684_877_027, risk: "LOW" });
    expect(Math.round(row.collectionRatePercent)).toBe(59);
    expect(row.overdueOver30Percent).toBeCloseTo(31.2, 1);
    expect(row.buckets.find((bucket: any) => bucket.bucket === "DAYS_1_30")).toEqual({
      bucket: "DAYS_1_30",
      target: 796_183_161,
      realization: 323_788_168,
    });
    expect(unknown).toBeNull();
    expect((await data(`{ arAging(snapshotDate: "2020-01-01") { snapshotDate } }`)).arAging).toBeNull();
  });

  it("counts OTIF as §3.9: lines 789 on time / 871 late, deliveries 374 of 661, per channel, lateness", async () => {
    const { otif } = await data(
      `query($filter: OtifFilter) { otif(filter: $filter) {
        asOfDate from to
        lines { total pending onTime late inFull otif onTimePercent inFullPercent otifPercent }
        deliveries { total pending onTime late inFull otif otifPercent }
        byChannel { channel division lines { onTime total } deliveries { total } }
        lateness { bucket lines } } }`,
      { filter: WHOLE_ZRSD004 },
    );
    expect(otif).toMatchObject({
      asOfDate: AS_OF,
      from: WHOLE_ZRSD004.from,
      to: WHOLE_ZRSD004.to,
      lines: { total: 1_660, pending: 0, onTime: 789, late: 871, inFull: 1_660, otif: 789, inFullPercent: 100 },
      deliveries: { total: 661, pending: 0, onTime: 374, late: 287, inFull: 661, otif: 374 },
    });
    expect(otif.lines.onTimePercent).toBeCloseTo(47.53, 2);
    expect(otif.lines.otifPercent).toBeCloseTo(47.53, 2);
    expect(otif.deliveries.otifPercent).toBeCloseTo(56.58, 2);
    expect(otif.byChannel.map(({ channel, division, lines }: any) => ({ channel, division, onTime: lines.onTime, total: lines.total }))).toEqual([
      { channel: "11", division: "INDUSTRY", onTime: 368, total: 1_057 },
      { channel: "13", division: "RETAIL", onTime: 388, total: 570 },
      { channel: "15", division: "PROJECT", onTime: 33, total: 33 },
    ]);
    expect(otif.byChannel.reduce((sum: number, channel: any) => sum + channel.deliveries.total, 0)).toBe(661);
    expect(otif.lateness.map((bucket: any) => bucket.bucket)).toEqual(["DAYS_1_3", "DAYS_4_7", "OVER_7"]);
    expect(otif.lateness[0].lines).toBe(799);
    expect(otif.lateness[2].lines).toBe(49);
    expect(otif.lateness.reduce((sum: number, bucket: any) => sum + bucket.lines, 0)).toBe(871);

    // Default window: January 2026, the as-of month.
    const january = (await data(`{ otif { from to lines { total } } }`)).otif;
    expect(january).toMatchObject({ from: "2026-01-01", to: "2026-01-31" });
    expect(january.lines.total).toBeLessThan(1_660);
  });

  it("lists OTIF deliveries and lines as connections", async () => {
    const PAGE = `query($filter: OtifFilter, $after: String) { otifDeliveries(filter: $filter, first: 100, after: $after) {
      totalCount asOfDate from to pageInfo { hasNextPage endCursor }
      edges { node { delivery deliveryDate actualGiDate lineCount status onTime inFull otif giDelayDays } } } }`;
    const first = (await data(PAGE, { filter: WHOLE_ZRSD004 })).otifDeliveries;
    expect(first).toMatchObject({ totalCount: 661, asOfDate: AS_OF, from: WHOLE_ZRSD004.from, pageInfo: { hasNextPage: true } });
    expect(first.edges).toHaveLength(100);
    const dates = first.edges.map((edge: any) => edge.node.deliveryDate);
    expect(dates).toEqual([...dates].sort().reverse());
    const second = (await data(PAGE, { filter: WHOLE_ZRSD004, after: first.pageInfo.endCursor })).otifDeliveries;
    expect(second.edges[0].node.delivery).not.toBe(first.edges.at(-1).node.delivery);

    const late = (await data(PAGE, { filter: { ...WHOLE_ZRSD004, status: "LATE" } })).otifDeliveries;
    expect(late.totalCount).toBe(287);
    for (const { node } of late.edges) {
      expect(node).toMatchObject({ status: "LATE", onTime: false, otif: false });
      expect(node.giDelayDays).toBeGreaterThan(0);
    }

    const delivery = first.edges[0].node;
    const { otifLines } = await data(
      `query($deliveries: [String!]) { otifLines(deliveries: $deliveries, first: 100) { totalCount edges { node { delivery lineItem status } } } }`,
      { deliveries: [delivery.delivery] },
    );
    expect(otifLines.totalCount).toBe(delivery.lineCount);
    expect(otifLines.edges.every((edge: any) => edge.node.delivery === delivery.delivery)).toBe(true);
    const lines = (await data(`query($filter: OtifFilter) { otifLines(filter: $filter, first: 1) { totalCount } }`, { filter: WHOLE_ZRSD004 })).otifLines;
    expect(lines.totalCount).toBe(1_660);
  });

  it("forbids every company-wide query to a plant-restricted token", async () => {
    const dc = await token("viewer", ["1401"]);
    for (const [name, query] of Object.entries(COMPANY_WIDE_QUERIES)) {
      const result = await graphql(query, undefined, dc);
      expect(result.errors?.[0]?.extensions.code, name).toBe("FORBIDDEN");
      expect(result.data?.[name] ?? null, name).toBeNull();
    }
    // The same queries work without the restriction.
    for (const [name, query] of Object.entries(COMPANY_WIDE_QUERIES)) {
      expect((await graphql(query)).errors, name).toBeUndefined();
    }
  });

  it("refuses bad input with BAD_USER_INPUT", async () => {
    const bad = [
      `{ salesTargets(year: 2025, semester: 3) { elapsedDays } }`,
      `{ salesTargets(year: 2025, semester: 0) { elapsedDays } }`,
      `{ salesTargets(year: 1800, semester: 1) { elapsedDays } }`,
      `{ salesTrend(year: 99999) { year } }`,
      `{ salesSummary(filter: { from: "2026-01-31", to: "2026-01-01" }) { revenue } }`,
      `{ salesSummary(filter: { from: "2026-03-01" }) { revenue } }`,
      `{ executiveSummary(filter: { from: "2026-02-01", to: "2026-01-01" }) { totalRevenue } }`,
      `{ otif(filter: { from: "2026-02-01", to: "2026-01-01" }) { lines { total } } }`,
      `{ otifDeliveries(first: 0) { totalCount } }`,
      `{ topCustomers(limit: 0) { customers { customerCode } } }`,
      `{ churnRisk(limit: 1001) { asOfDate } }`,
      `{ salesCustomers(after: "bm90LWEtY3Vyc29y") { totalCount } }`,
    ];
    for (const query of bad) {
      const result = await graphql(query);
      expect(result.errors?.[0]?.extensions.code, query).toBe("BAD_USER_INPUT");
    }
  });
});
