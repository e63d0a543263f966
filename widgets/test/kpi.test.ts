/**
 * <alkana-kpi> in Chromium against the API with sales, AR, lead-time and yield samples: each figure
 * equals the API's, the metric attribute switches the card, Vietnamese formats, a plant-restricted
 * token gets "not authorised" for company-wide figures, axe; the card's download button (keyboard,
 * axe light and dark) and the exports behind revenue, MTO lead time and collection rate, whose rows
 * are the API's and add up to the figure.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, launchChromium, openWidgetPage, queryApi, samplesPresent, startWidgetServer, type WidgetServer } from "./support/harness.js";
import { csvNumber, downloadCsv, exportNumber, formatIn, inWidget, type DownloadedCsv } from "./support/suite.js";

const FILES = ["zrsd002.XLSX", "ZRFI005.XLSX", "zrpp062.XLSX", "mb51.XLSX", "cooispi.XLSX", "zrmm024.XLSX", "zrsd004.XLSX"];
const TAG = "alkana-kpi";

const en = {
  days: (value: number) => `${new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 }).format(value)} d`,
};

describe.skipIf(!samplesPresent)("<alkana-kpi> in Chromium", () => {
  let server: WidgetServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWidgetServer(FILES), launchChromium()]);
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("shows revenue, collection rate, bad debt and yield as the API computes them, and follows the metric attribute", async () => {
    const api = await queryApi<{
      salesSummary: { revenue: number; orders: number; revenueGrowthPercent: number | null };
      arAging: { collectionRatePercent: number; badDebt: number };
      yieldSummary: { total: { yieldPercent: number } };
    }>(server, `{ salesSummary { revenue orders revenueGrowthPercent } arAging { collectionRatePercent badDebt } yieldSummary { total { yieldPercent } } }`);
    const { page, errors } = await openWidgetPage(
      browser,
      server,
      `<alkana-kpi id="revenue" metric="revenue"></alkana-kpi>
       <alkana-kpi id="rate" metric="collection-rate"></alkana-kpi>
       <alkana-kpi id="bad" metric="bad-debt"></alkana-kpi>
       <alkana-kpi id="yield" metric="yield"></alkana-kpi>`,
    );
    const value = (id: string) => page.locator(`#${id} [part~="value"]`);
    const [revenue, badDebt] = await formatIn(page, "en-US", { kind: "vnd" }, [api.salesSummary.revenue, api.arAging.badDebt]);
    const [rate, yieldPercent] = await formatIn(page, "en-US", { kind: "percent" }, [api.arAging.collectionRatePercent, api.yieldSummary.total.yieldPercent]);
    await expect.poll(() => value("revenue").innerText()).toBe(revenue);
    await expect.poll(() => value("rate").innerText()).toBe(rate);
    await expect.poll(() => value("bad").innerText()).toBe(badDebt);
    await expect.poll(() => value("yield").innerText()).toBe(yieldPercent);
    await expect(page.locator('#revenue [part~="label"]').innerText()).resolves.toBe("Revenue");
    // The sample has no billing before January 2026: no growth to show, and it says so.
    expect(api.salesSummary.revenueGrowthPercent).toBeNull();
    await expect(page.locator('#revenue [part~="change"]').innerText()).resolves.toBe("No figure for the previous period");

    await page.locator("#revenue").evaluate((element) => element.setAttribute("metric", "orders"));
    const [orders] = await formatIn(page, "en-US", { kind: "number" }, [api.salesSummary.orders]);
    await expect.poll(() => value("revenue").innerText()).toBe(orders);
    await expect(page.locator('#revenue [part~="label"]').innerText()).resolves.toBe("Orders");
    expect(await axeViolations(page, "main")).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("speaks Vietnamese with vi-VN figures", async () => {
    const api = await queryApi<{ salesSummary: { revenue: number } }>(server, `{ salesSummary { revenue } }`);
    const { page } = await openWidgetPage(browser, server, `<alkana-kpi metric="revenue"></alkana-kpi>`, { lang: "vi" });
    const [revenue] = await formatIn(page, "vi-VN", { kind: "vnd" }, [api.salesSummary.revenue]);
    await expect.poll(() => inWidget(page, TAG, '[part~="value"]').innerText()).toBe(revenue);
    await expect(inWidget(page, TAG, '[part~="label"]').innerText()).resolves.toBe("Doanh thu");
    expect(revenue).toContain("₫");
    expect(await axeViolations(page, "main")).toEqual([]);
    await page.close();
  });

  it("shows 'not authorised' for company-wide figures with a plant-restricted token, not for a plant's yield", async () => {
    const { page } = await openWidgetPage(
      browser,
      server,
      `<alkana-kpi id="revenue" metric="revenue"></alkana-kpi><alkana-kpi id="yield" metric="yield" plant="1201"></alkana-kpi>`,
      { tokens: () => server.token("viewer", ["1201"]) },
    );
    await expect.poll(() => page.locator('#revenue [data-state="forbidden"]').innerText()).toBe("You are not authorised to see this data.");
    // Yield is per plant: the restricted token gets the plant's figure (or its empty state), never "not authorised".
    await page.locator('#yield [part~="value"], #yield [data-state="empty"]').first().waitFor();
    await expect(page.locator('#yield [data-state="forbidden"]').count()).resolves.toBe(0);
    await page.close();
  });

  it("cards asking the same summary share one request", async () => {
    const { page } = await openWidgetPage(
      browser,
      server,
      `<alkana-kpi metric="revenue"></alkana-kpi><alkana-kpi metric="orders"></alkana-kpi>
       <alkana-kpi metric="customers"></alkana-kpi><alkana-kpi metric="average-order-value"></alkana-kpi>
       <alkana-kpi metric="collection-rate"></alkana-kpi><alkana-kpi metric="bad-debt"></alkana-kpi>`,
    );
    await expect.poll(() => page.locator(`${TAG} [part~="value"]`).count()).toBe(6);
    const operations: string[] = [];
    page.on("request", (request) => {
      const body = request.postData();
      if (request.url().endsWith("/graphql") && body) operations.push(/query (\w+)/.exec(body)?.[1] ?? "?");
    });
    await page.reload(); // counted from the start of a page load
    await expect.poll(() => page.locator(`${TAG} [part~="value"]`).count()).toBe(6);
    expect(operations.sort()).toEqual(["AlkanaKpiAr", "AlkanaKpiSales"]);
    await page.close();
  });

  it("says so for an unknown metric", async () => {
    const { page } = await openWidgetPage(browser, server, `<alkana-kpi metric="profit"></alkana-kpi>`);
    await expect.poll(() => inWidget(page, TAG, '[data-state="failed"]').innerText()).toBe('Unknown metric "profit".');
    await page.close();
  });
  it("has a small download button beside the figure's name: keyboard, axe light and dark", async () => {
    const { page, errors } = await openWidgetPage(
      browser,
      server,
      `<alkana-kpi id="light" metric="revenue"></alkana-kpi><alkana-kpi id="dark" theme="dark" metric="mto-lead-time"></alkana-kpi>`,
    );
    await page.locator('#light [part~="value"]').waitFor();
    await page.locator('#dark [part~="value"]').waitFor();
    const button = page.locator('#light [part~="export-button"]');
    await expect(button.getAttribute("aria-label")).resolves.toBe("Download the data behind Revenue");
    await expect(button.innerText()).resolves.toBe("");
    // Compact: no taller than the label beside it allows, and on the same line.
    const [buttonBox, labelBox] = await Promise.all([button.boundingBox(), page.locator('#light [part~="label"]').boundingBox()]);
    expect(buttonBox!.width).toBeLessThanOrEqual(32);
    expect(Math.abs(buttonBox!.y - labelBox!.y)).toBeLessThan(12);
    expect(await axeViolations(page, "#light")).toEqual([]);
    expect(await axeViolations(page, "#dark")).toEqual([]);

    // Tab reaches it; Enter opens the formats with the first focused; Escape closes and returns.
    await page.locator("main").evaluate((main) => main.setAttribute("tabindex", "-1"));
    await page.locator("main").focus();
    await page.keyboard.press("Tab");
    await expect(page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.getAttribute("part"))).resolves.toBe("export-button");
    await page.keyboard.press("Enter");
    await expect(page.locator('#light [part~="export-menu"]').isVisible()).resolves.toBe(true);
    await expect(page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.getAttribute("data-format"))).resolves.toBe("csv");
    expect(await axeViolations(page, "#light")).toEqual([]);
    await page.keyboard.press("Escape");
    await expect(page.locator('#light [part~="export-menu"]').isHidden()).resolves.toBe(true);
    await expect(page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.getAttribute("part"))).resolves.toBe("export-button");
    await page.locator('#dark [part~="export-button"]').click();
    expect(await axeViolations(page, "#dark")).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("revenue: downloads revenue per customer; the rows are salesCustomers' and add up to the figure", async () => {
    const { salesSummary } = await queryApi<{ salesSummary: { revenue: number } }>(server, `{ salesSummary { revenue } }`);
    const { page, errors } = await openWidgetPage(browser, server, `<alkana-kpi metric="revenue"></alkana-kpi>`);
    const [revenue] = await formatIn(page, "en-US", { kind: "vnd" }, [salesSummary.revenue]);
    await expect.poll(() => inWidget(page, TAG, '[part~="value"]').innerText()).toBe(revenue);
    const csv = await downloadCsv(page, TAG);
    expect(csv.fileName).toMatch(/^sales-customers-.*\.csv$/);
    expect(csv.params).toEqual({ lang: "en" });
    expect(csv.bearer).toBe(true);
    const customers = await allCustomers();
    expect(customers.length).toBeGreaterThan(0);
    expect(csv.rows.map((row) => [row.Customer, row["Customer name"], row["Revenue (VND)"], row.Orders])).toEqual(
      customers.map((c) => [c.customerCode, c.customerName, exportNumber(c.revenue, 0), exportNumber(c.orders, 0)]),
    );
    // Σ revenue of the file is the card's figure (each row rounded to the đồng).
    const total = csv.rows.reduce((sum, row) => sum + csvNumber(row["Revenue (VND)"])!, 0);
    expect(Math.abs(total - salesSummary.revenue)).toBeLessThanOrEqual(csv.rows.length / 2);
    await expect(formatIn(page, "en-US", { kind: "vnd" }, [total])).resolves.toEqual([revenue]);

    // The channel attribute narrows the file as it narrows the figure.
    await page.locator(TAG).evaluate((element) => element.setAttribute("channel", "11"));
    const { salesSummary: industry } = await queryApi<{ salesSummary: { revenue: number } }>(server, `{ salesSummary(filter: { channel: "11" }) { revenue } }`);
    const [industryRevenue] = await formatIn(page, "en-US", { kind: "vnd" }, [industry.revenue]);
    await expect.poll(() => inWidget(page, TAG, '[part~="value"]').innerText()).toBe(industryRevenue);
    const channel = await downloadCsv(page, TAG);
    expect(channel.params).toEqual({ channel: "11", lang: "en" });
    const channelTotal = channel.rows.reduce((sum, row) => sum + csvNumber(row["Revenue (VND)"])!, 0);
    expect(Math.abs(channelTotal - industry.revenue)).toBeLessThanOrEqual(channel.rows.length / 2);
    expect(channel.rows.length).toBeLessThan(csv.rows.length);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("MTO lead time: downloads the plant's MTO orders; their closed orders average to the figure", async () => {
    const { leadTimeSummary } = await queryApi<{ leadTimeSummary: { mtoAverageDays: number } }>(
      server,
      `{ leadTimeSummary(filter: { plants: ["1201"] }) { mtoAverageDays } }`,
    );
    const { page, errors } = await openWidgetPage(browser, server, `<alkana-kpi metric="mto-lead-time" plant="1201"></alkana-kpi>`);
    await inWidget(page, TAG, '[part~="value"]').waitFor();
    await expect(inWidget(page, TAG, '[part~="value"]').innerText()).resolves.toBe(en.days(leadTimeSummary.mtoAverageDays));
    const csv = await downloadCsv(page, TAG);
    expect(csv.fileName).toMatch(/^leadtime-orders-.*\.csv$/);
    expect(csv.params).toEqual({ plants: "1201", type: "MTO", lang: "en" });
    const orders = await allOrders({ plants: ["1201"], type: "MTO" });
    expect(orders.length).toBeGreaterThan(0);
    expect(csv.rows.map((row) => [row.Order, row.Type, row.Plant, row.Status, csvNumber(row["Total (days)"])])).toEqual(
      orders.map((order) => [order.orderNumber, "MTO", "1201", order.leadTime.status, order.leadTime.totalDays]),
    );
    const closed = csv.rows.filter((row) => row.Status === "ON_TIME" || row.Status === "DELAYED").map((row) => csvNumber(row["Total (days)"])!);
    expect(closed.length).toBeGreaterThan(0);
    expect(closed.reduce((a, b) => a + b, 0) / closed.length).toBeCloseTo(leadTimeSummary.mtoAverageDays, 9);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("collection rate: downloads the card's AR snapshot by customer; collected ÷ target of the file is the figure", async () => {
    const { arAging } = await queryApi<{ arAging: { snapshotDate: string; collectionRatePercent: number } }>(
      server,
      `{ arAging { snapshotDate collectionRatePercent } }`,
    );
    const { page, errors } = await openWidgetPage(browser, server, `<alkana-kpi metric="collection-rate"></alkana-kpi>`);
    const [rate] = await formatIn(page, "en-US", { kind: "percent" }, [arAging.collectionRatePercent]);
    await expect.poll(() => inWidget(page, TAG, '[part~="value"]').innerText()).toBe(rate);
    const csv = await downloadCsv(page, TAG);
    expect(csv.fileName).toMatch(/^ar-customers-.*\.csv$/);
    // No snapshot-date attribute: the file is of the snapshot the card shows.
    expect(csv.params).toEqual({ snapshotDate: arAging.snapshotDate, lang: "en" });
    const customers = await allArCustomers(arAging.snapshotDate);
    expect(csv.rows.map((row) => [row.Customer, row["Collection target (VND)"], row["Collected (VND)"]])).toEqual(
      customers.map((c) => [c.customerCode, exportNumber(c.collectionTarget, 0), exportNumber(c.collectionRealization, 0)]),
    );
    const sum = (column: string) => csv.rows.reduce((total, row) => total + csvNumber(row[column])!, 0);
    await expect(formatIn(page, "en-US", { kind: "percent" }, [(sum("Collected (VND)") / sum("Collection target (VND)")) * 100])).resolves.toEqual([rate]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("downloads the export behind each other figure, under that export's parameter names", async () => {
    const { page, errors } = await openWidgetPage(
      browser,
      server,
      `<alkana-kpi id="mts" metric="mts-lead-time" from="2026-01-01" to="2026-01-31"></alkana-kpi>
       <alkana-kpi id="on-time" metric="on-time" plant="1201"></alkana-kpi>
       <alkana-kpi id="yield" metric="yield" from="2026-01-01" to="2026-01-31" plant="1201"></alkana-kpi>
       <alkana-kpi id="otif" metric="otif" channel="13"></alkana-kpi>
       <alkana-kpi id="bad-debt" metric="bad-debt" snapshot-date="2026-01-21"></alkana-kpi>`,
    );
    const expected: [string, RegExp, Record<string, string>][] = [
      ["mts", /^leadtime-orders-/, { from: "2026-01-01", to: "2026-01-31", type: "MTS", lang: "en" }],
      ["on-time", /^leadtime-orders-/, { plants: "1201", lang: "en" }],
      ["yield", /^filling-yields-/, { from: "2026-01", to: "2026-01", plants: "1201", lang: "en" }],
      ["otif", /^otif-deliveries-/, { channel: "13", lang: "en" }],
      ["bad-debt", /^ar-customers-/, { snapshotDate: "2026-01-21", lang: "en" }],
    ];
    const files = new Map<string, DownloadedCsv>();
    for (const [id, fileName, params] of expected) {
      await page.locator(`#${id} [part~="value"], #${id} [data-state="empty"]`).first().waitFor();
      const csv = await downloadCsv(page, `#${id}`);
      expect(csv.fileName).toMatch(fileName);
      expect(csv.params).toEqual(params);
      files.set(id, csv);
    }
    // The yield figure's orders: one row per P01 filling order of fillingYields.
    const csv = files.get("yield")!;
    const yields = await allFillingYields({ from: "2026-01", to: "2026-01", plants: ["1201"] });
    expect(yields.length).toBeGreaterThan(0);
    expect(csv.rows.map((row) => [row.Order, row.Period, row["Loss kg"], row.Yield])).toEqual(
      yields.map((y) => [y.orderNumber, y.period, exportNumber(y.lossKg, 2), exportNumber(y.yieldPercent, 2, "en", "percent")]),
    );
    expect(errors).toEqual([]);
    await page.close();
  });

  async function allPages<Node>(field: string, query: string, variables: Record<string, unknown> = {}): Promise<Node[]> {
    type Connection = { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: Node }[] };
    const nodes: Node[] = [];
    let after: string | null = null;
    do {
      const data: Record<string, unknown> = await queryApi(server, query, { ...variables, after });
      const connection = field.split(".").reduce<unknown>((value, key) => (value as Record<string, unknown>)[key], data) as Connection;
      nodes.push(...connection.edges.map((edge) => edge.node));
      after = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
    } while (after);
    return nodes;
  }

  function allCustomers() {
    return allPages<{ customerCode: string; customerName: string; revenue: number; orders: number }>(
      "salesCustomers",
      `query($after: String) { salesCustomers(first: 100, after: $after) {
        pageInfo { hasNextPage endCursor } edges { node { customerCode customerName revenue orders } } } }`,
    );
  }

  function allOrders(filter: Record<string, unknown>) {
    return allPages<{ orderNumber: string; leadTime: { status: string; totalDays: number | null } }>(
      "leadTimeOrders",
      `query($filter: LeadTimeFilter, $after: String) { leadTimeOrders(filter: $filter, first: 100, after: $after) {
        pageInfo { hasNextPage endCursor } edges { node { orderNumber leadTime { status totalDays } } } } }`,
      { filter },
    );
  }

  function allArCustomers(snapshotDate: string) {
    return allPages<{ customerCode: string; collectionTarget: number; collectionRealization: number }>(
      "arAging.customers",
      `query($snapshotDate: Date, $after: String) { arAging(snapshotDate: $snapshotDate) { customers(first: 100, after: $after) {
        pageInfo { hasNextPage endCursor } edges { node { customerCode collectionTarget collectionRealization } } } } }`,
      { snapshotDate },
    );
  }

  function allFillingYields(filter: Record<string, unknown>) {
    return allPages<{ orderNumber: string; period: string; lossKg: number | null; yieldPercent: number | null }>(
      "fillingYields",
      `query($filter: YieldFilter, $after: String) { fillingYields(filter: $filter, first: 100, after: $after) {
        pageInfo { hasNextPage endCursor } edges { node { orderNumber period lossKg yieldPercent } } } }`,
      { filter },
    );
  }
});
