/**
 * <alkana-leadtime> in real Chromium against a real API with the samples loaded: the worked MTO
 * order 10000109152 (0/2/0/2/0, ON_TIME, DOMAIN.md D5) in its data table, the window's figures
 * against the API, attribute changes, Vietnamese, axe, token expiry, the FORBIDDEN and unreachable
 * states, alkana-select, the download menu (the CSV's rows against the API) and a material
 * description carrying HTML.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  axeViolations,
  launchChromium,
  openWidgetPage,
  queryApi,
  rowCells,
  samplesPresent,
  startWidgetServer,
  type WidgetServer,
} from "./support/harness.js";
import { downloadCsv } from "./support/suite.js";

const FILES = ["mb51.XLSX", "cooispi.XLSX", "zrmm024.XLSX", "zrsd004.XLSX"];
const XSS = "<img src=x onerror=alert(1)>";

interface Summary {
  orderCount: number;
  mtoAverageDays: number;
  mtsAverageDays: number;
  onTimePercent: number;
  onTimeCount: number;
  delayedCount: number;
  stuckCount: number;
  inProgressCount: number;
}

const SUMMARY = `query($filter: LeadTimeFilter) { leadTimeSummary(filter: $filter) {
  orderCount mtoAverageDays mtsAverageDays onTimePercent onTimeCount delayedCount stuckCount inProgressCount } }`;

const en = {
  days: (value: number) => `${new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 }).format(value)} d`,
  percent: (value: number) => new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 }).format(value / 100),
};

describe.skipIf(!samplesPresent)("<alkana-leadtime> in Chromium", () => {
  let server: WidgetServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWidgetServer(FILES), launchChromium()]);
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const shadow = (page: Page, selector: string) => page.locator(`alkana-leadtime ${selector}`);
  const showTable = async (page: Page) => {
    await shadow(page, '[part~="table-toggle"]').click();
    await shadow(page, '[part~="table"]').waitFor();
  };

  it("shows order 10000109152 as 0/2/0/2/0, 4 days, ON_TIME in its data table, as the API says", async () => {
    const { page, dialogs, errors } = await openWidgetPage(browser, server, `<alkana-leadtime order="10000109152"></alkana-leadtime>`);
    await shadow(page, '[part~="chart-canvas"] canvas').waitFor();
    await expect(shadow(page, '[part~="chart-canvas"]').getAttribute("aria-label")).resolves.toContain("Order 10000109152: 4 d, On time");
    await showTable(page);
    const cells = await rowCells(page, 'alkana-leadtime tr[data-key="10000109152"]');
    // Order, batch, type, material, released, 5 stages, total, status.
    expect(cells).toEqual(["10000109152", "26A2597710", "MTO", "26-4029 URT WHITE A VN-16KP", "Jan 5, 2026", "0 d", "2 d", "0 d", "2 d", "0 d", "4 d", "On time"]);
    await expect(shadow(page, 'tr[data-key="10000109152"] [part~="badge"]').getAttribute("data-status")).resolves.toBe("ON_TIME");

    const api = await queryApi<{ productionOrder: { leadTime: Record<string, number | string> } }>(
      server,
      `{ productionOrder(orderNumber: "10000109152") { leadTime { preparationDays productionDays transitDays storageDays deliveryDays totalDays status } } }`,
    );
    const { preparationDays, productionDays, transitDays, storageDays, deliveryDays, totalDays, status } = api.productionOrder.leadTime;
    expect(cells.slice(5, 11)).toEqual([preparationDays, productionDays, transitDays, storageDays, deliveryDays, totalDays].map((d) => `${d} d`));
    expect(status).toBe("ON_TIME");
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows the window's averages and counts as the API computes them", async () => {
    const { page } = await openWidgetPage(browser, server, `<alkana-leadtime></alkana-leadtime>`);
    await shadow(page, '[data-kpi="orderCount"] dd').waitFor();
    const { leadTimeSummary: summary } = await queryApi<{ leadTimeSummary: Summary }>(server, SUMMARY);
    expect(summary.orderCount).toBeGreaterThan(0);
    await expect(shadow(page, '[data-kpi="mtoAverageDays"] dd').innerText()).resolves.toBe(en.days(summary.mtoAverageDays));
    await expect(shadow(page, '[data-kpi="mtsAverageDays"] dd').innerText()).resolves.toBe(en.days(summary.mtsAverageDays));
    await expect(shadow(page, '[data-kpi="onTimePercent"] dd').innerText()).resolves.toBe(en.percent(summary.onTimePercent));
    await expect(shadow(page, '[data-kpi="orderCount"] dd').innerText()).resolves.toBe(String(summary.orderCount));
    const badges = await shadow(page, '[part~="status-counts"] [part~="badge"]').allInnerTexts();
    expect(badges).toEqual([
      `On time: ${summary.onTimeCount}`,
      `Delayed: ${summary.delayedCount}`,
      `Stuck: ${summary.stuckCount}`,
      `In progress: ${summary.inProgressCount}`,
    ]);

    // The averages table: the API's average total per type, and per-stage averages over the
    // orders with every stage closed, computed here from every page of leadTimeOrders.
    await showTable(page);
    const mto = await rowCells(page, 'alkana-leadtime tr[data-key="MTO"]');
    const mts = await rowCells(page, 'alkana-leadtime tr[data-key="MTS"]');
    expect(mto.at(-1)).toBe(en.days(summary.mtoAverageDays));
    expect(mts.at(-1)).toBe(en.days(summary.mtsAverageDays));
    const orders = await allOrders(server);
    for (const [type, cells] of [["MTO", mto], ["MTS", mts]] as const) {
      const closed = orders.filter((order) => order.type === type && ["ON_TIME", "DELAYED"].includes(order.leadTime.status));
      expect(cells[1]).toBe(String(closed.length));
      const production = closed.map((order) => order.leadTime.productionDays).filter((d): d is number => d !== null);
      expect(cells[3]).toBe(en.days(production.reduce((a, b) => a + b, 0) / production.length));
    }
    expect(mts[2]).toBe("—"); // MTS has no preparation stage
    expect(mts[6]).toBe("—"); // nor a delivery stage
    await page.close();
  });

  it("reloads when its attributes change and fires alkana-select when an order is picked", async () => {
    const { page, events } = await openWidgetPage(browser, server, `<alkana-leadtime></alkana-leadtime>`);
    await shadow(page, '[data-kpi="orderCount"] dd').waitFor();
    const mts = await queryApi<{ leadTimeSummary: Summary }>(server, SUMMARY, { filter: { type: "MTS" } });
    await page.locator("alkana-leadtime").evaluate((element) => element.setAttribute("type", "MTS"));
    await expect
      .poll(() => shadow(page, '[data-kpi="orderCount"] dd').innerText())
      .toBe(String(mts.leadTimeSummary.orderCount));

    const window = await queryApi<{ leadTimeSummary: Summary }>(server, SUMMARY, { filter: { type: "MTS", from: "2026-01-05", to: "2026-01-09" } });
    await page.locator("alkana-leadtime").evaluate((element) => {
      element.setAttribute("from", "2026-01-05");
      element.setAttribute("to", "2026-01-09");
    });
    await expect.poll(() => shadow(page, '[part~="subtitle"]').innerText()).toContain("Jan 5, 2026 – Jan 9, 2026");
    await expect(shadow(page, '[data-kpi="orderCount"] dd').innerText()).resolves.toBe(String(window.leadTimeSummary.orderCount));

    // The per-order view: every row an order; picking one fires alkana-select with its number.
    await shadow(page, '[part~="view-switch"] button:nth-of-type(2)').click();
    await showTable(page);
    const first = shadow(page, "tbody tr").first();
    const orderNumber = await first.getAttribute("data-key");
    await first.locator("button").click();
    await expect.poll(() => events("alkana-select")).toEqual([
      { name: "alkana-select", target: "alkana-leadtime", detail: { orderNumber, batch: expect.any(String) } },
    ]);

    await page.locator("alkana-leadtime").evaluate((element) => element.setAttribute("order", "10000109152"));
    await expect.poll(() => shadow(page, '[part~="title"]').innerText()).toBe("Lead time of order 10000109152");
    await page.close();
  });

  it("speaks Vietnamese with lang=\"vi\" and follows the page's <html lang>", async () => {
    const { page } = await openWidgetPage(browser, server, `<alkana-leadtime order="10000109152" lang="vi"></alkana-leadtime><alkana-leadtime id="follows"></alkana-leadtime>`);
    const vi = page.locator("alkana-leadtime[lang=vi]");
    await vi.locator('[part~="table-toggle"]').click();
    await vi.locator('[part~="table"]').waitFor();
    await expect(vi.locator('[part~="title"]').innerText()).resolves.toBe("Thời gian của lệnh 10000109152");
    await expect(vi.locator('[part~="table-toggle"]').innerText()).resolves.toBe("Xem biểu đồ");
    const cells = await rowCells(page, 'alkana-leadtime[lang=vi] tr[data-key="10000109152"]');
    expect(cells.slice(5)).toEqual(["0 ngày", "2 ngày", "0 ngày", "2 ngày", "0 ngày", "4 ngày", "Đúng hạn"]);
    expect(cells[4]).toBe(new Intl.DateTimeFormat("vi-VN", { dateStyle: "medium", timeZone: "UTC" }).format(Date.UTC(2026, 0, 5)));

    const follows = page.locator("#follows");
    await follows.locator('[data-kpi="mtoAverageDays"] dd').waitFor();
    await expect(follows.locator('[part~="title"]').innerText()).resolves.toBe("Production lead time");
    await page.evaluate(() => (document.documentElement.lang = "vi-VN"));
    await expect.poll(() => follows.locator('[part~="title"]').innerText()).toBe("Thời gian sản xuất – giao hàng");
    // Vietnamese number format: a decimal comma.
    await expect(follows.locator('[data-kpi="mtoAverageDays"] dd').innerText()).resolves.toMatch(/^\d+(,\d)? ngày$/);
    await page.close();
  });

  it("shows more orders step by step, reading the next page of the API when the first is used up", async () => {
    const { page, errors } = await openWidgetPage(browser, server, `<alkana-leadtime view="orders"></alkana-leadtime>`);
    await showTable(page);
    const orders = await allOrders(server);
    expect(orders.length).toBeGreaterThan(120);
    const rows = shadow(page, '[part~="table"] tbody tr');
    await expect.poll(() => rows.count()).toBe(20);
    for (let shown = 40; shown <= 120; shown += 20) {
      await shadow(page, ".more button").click();
      await expect.poll(() => rows.count()).toBe(shown);
    }
    const keys = await rows.evaluateAll((elements) => elements.map((row) => row.getAttribute("data-key")));
    expect(keys).toEqual(orders.slice(0, 120).map((order) => order.orderNumber));
    await expect(shadow(page, ".more span").innerText()).resolves.toContain(String(orders.length));
    expect(errors).toEqual([]);
    await page.close();
  });

  it("draws a chart below the fold without being scrolled to, once the page is idle", async () => {
    const { page, errors } = await openWidgetPage(
      browser,
      server,
      `<alkana-leadtime id="above"></alkana-leadtime><div style="height:4000px"></div><alkana-leadtime id="below"></alkana-leadtime>`,
    );
    await page.locator('#above [part~="chart-canvas"] canvas').waitFor();
    await page.locator('#below [part~="chart-canvas"] canvas').waitFor({ state: "attached" });
    expect(await page.evaluate(() => scrollY)).toBe(0);
    const order = await page.evaluate(() => performance.getEntriesByName("alkana-chart-rendered").length);
    expect(order).toBe(2);
    await expect(page.locator('#below [part~="chart-canvas"]').getAttribute("aria-label")).resolves.toMatch(/^Stacked bars of the average days per stage\. MTO/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("has no axe violations, light and dark, chart and table", async () => {
    const { page } = await openWidgetPage(
      browser,
      server,
      `<alkana-leadtime id="light"></alkana-leadtime><alkana-leadtime id="dark" theme="dark" view="orders"></alkana-leadtime>`,
    );
    await page.locator('#light [part~="chart-canvas"] canvas').waitFor();
    await page.locator('#dark [part~="chart-canvas"] canvas').waitFor();
    expect(await axeViolations(page, "#light")).toEqual([]);
    expect(await axeViolations(page, "#dark")).toEqual([]);
    await page.locator('#light [part~="table-toggle"]').click();
    await page.locator('#dark [part~="table-toggle"]').click();
    await page.locator('#light [part~="export-button"]').click();
    await page.locator('#dark [part~="table"]').waitFor();
    expect(await axeViolations(page, "#light")).toEqual([]);
    expect(await axeViolations(page, "#dark")).toEqual([]);
    // The chart's accessible name and description, and the mapped theme.
    await page.locator('#light [part~="table-toggle"]').click();
    await expect(page.locator('#light [part~="chart"]').getAttribute("aria-label")).resolves.toBe("Average lead time per stage, MTO against MTS");
    await expect(page.locator('#light [part~="chart-canvas"]').getAttribute("role")).resolves.toBe("img");
    await expect(page.locator('#light [part~="chart-canvas"]').getAttribute("aria-label")).resolves.toMatch(/^Stacked bars of the average days per stage\. MTO/);
    await page.close();
  });

  it("asks getToken again after an expired token, fires alkana-token-expired and recovers", async () => {
    const expired = await server.token("viewer", undefined, "-1m");
    let calls = 0;
    const { page, events, tokenCalls } = await openWidgetPage(browser, server, `<alkana-leadtime order="10000109152"></alkana-leadtime>`, {
      tokens: async () => (++calls === 1 ? expired : server.token("viewer")),
    });
    await shadow(page, '[part~="chart-canvas"] canvas').waitFor();
    expect(tokenCalls()).toBe(2);
    await expect(events("alkana-token-expired")).resolves.toEqual([
      { name: "alkana-token-expired", target: "alkana-leadtime", detail: { channel: "http", renewing: true } },
    ]);
    await expect(events("alkana-error")).resolves.toEqual([]);
    await page.close();
  });

  it("says so when the token may not see the plant, and offers a retry when the API is unreachable", async () => {
    const dcOnly = await server.token("viewer", ["1401"]);
    const { page, events } = await openWidgetPage(browser, server, `<alkana-leadtime plant="1201"></alkana-leadtime>`, {
      tokens: async () => dcOnly,
    });
    await expect(shadow(page, '[data-state="forbidden"]').innerText()).resolves.toBe("You are not authorised to see plant 1201.");
    await expect.poll(async () => (await events("alkana-error")).map((event) => event.detail.kind)).toEqual(["forbidden"]);
    await page.close();

    const second = await openWidgetPage(browser, server, `<alkana-leadtime order="10000109152"></alkana-leadtime>`);
    await second.page.locator('alkana-leadtime [part~="chart-canvas"] canvas').waitFor();
    await second.page.route("**/graphql", (route) => route.abort("connectionrefused"));
    await second.page.locator("alkana-leadtime").evaluate((element) => element.setAttribute("order", "10000109154"));
    const state = second.page.locator('alkana-leadtime [data-state="unreachable"]');
    await expect(state.locator("p").innerText()).resolves.toBe("The analytics server cannot be reached.");
    await second.page.unroute("**/graphql");
    await state.locator('[part~="retry-button"]').click();
    await expect.poll(() => second.page.locator('alkana-leadtime [part~="chart-canvas"]').getAttribute("aria-label")).toContain("Order 10000109154: 16 d, Delayed");
    await second.page.close();
  });

  it("offers CSV, XLSX and PDF; the downloaded CSV holds the API's orders for its filters; a missing route is reported", async () => {
    const { page, errors } = await openWidgetPage(browser, server, `<alkana-leadtime plant="1201" type="MTO"></alkana-leadtime>`);
    await shadow(page, '[data-kpi="orderCount"] dd').waitFor();
    await shadow(page, '[part~="export-button"]').click();
    await expect(shadow(page, '[part~="export-menu"] button').allInnerTexts()).resolves.toEqual(["CSV", "Excel (XLSX)", "PDF"]);
    await page.keyboard.press("Escape");
    await expect(shadow(page, '[part~="export-menu"]').isHidden()).resolves.toBe(true);

    const csv = await downloadCsv(page, "alkana-leadtime");
    expect(csv.fileName).toMatch(/^leadtime-orders-.*\.csv$/);
    expect(csv.params).toEqual({ plants: "1201", type: "MTO", lang: "en" }); // the token never travels in the URL
    expect(csv.bearer).toBe(true);
    const orders = await allOrders(server, { plants: ["1201"], type: "MTO" });
    expect(orders.length).toBeGreaterThan(0);
    expect(csv.rows.map((row) => [row.Order, row.Type, row.Plant, row.Status])).toEqual(
      orders.map((order) => [order.orderNumber, "MTO", "1201", order.leadTime.status]),
    );
    expect(csv.rows.map((row) => (row["Production (days)"] === "" ? null : Number(row["Production (days)"])))).toEqual(
      orders.map((order) => order.leadTime.productionDays),
    );

    // A server without the export route: the menu says so and the widget stays usable.
    await page.route("**/export/**", (route) => route.fulfill({ status: 404, body: "" }));
    await shadow(page, '[part~="export-button"]').click();
    await shadow(page, '[part~="export-menu"] button[data-format="pdf"]').click();
    await expect.poll(() => shadow(page, '[part~="export-status"]').innerText()).toBe("This download is not available on the server yet.");
    await expect(shadow(page, '[data-kpi="orderCount"] dd').isVisible()).resolves.toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows a material description carrying HTML as text, in the table and in the chart tooltip", async () => {
    const folder = mkdtempSync(join(tmpdir(), "alkana-widget-xss-"));
    const file = join(folder, "cooispi-xss.csv");
    const header = [
      "Plant", "Sales Order", "Order", "Order Type", "Material Number", "Basic start date", "Release date (actual)",
      "Actual finish date", "Material description", "BOM alternative", "Batch", "System Status", "MRP controller",
      "Order quantity (GMEIN)", "Delivered quantity (GMEIN)", "Unit of measure (=GMEIN)", "Created on", "Basic finish date",
    ];
    const row = ["1201", "", "10000199991", "201S", "100000002", "2026-01-21", "2026-01-21", "", XSS, "10", "26AXSS0010", "REL", "P01", "5", "0", "PC", "2026-01-21", "2026-01-21"];
    const csv = (cells: string[]) => cells.map((cell) => `"${cell.replace(/"/g, '""')}"`).join(",");
    writeFileSync(file, `${csv(header)}\r\n${csv(row)}\r\n`);
    await server.load(file);

    const { page, dialogs, errors } = await openWidgetPage(browser, server, `<alkana-leadtime view="orders" from="2026-01-21" to="2026-01-21"></alkana-leadtime>`);
    const canvas = shadow(page, '[part~="chart-canvas"]');
    await canvas.locator("canvas").waitFor();
    // Hover the first order's row of the chart: the tooltip names its material.
    const box = (await canvas.boundingBox())!;
    const orders = await allOrders(server, { from: "2026-01-21", to: "2026-01-21" });
    const index = orders.findIndex((order) => order.orderNumber === "10000199991");
    expect(index).toBeGreaterThanOrEqual(0);
    const rowHeight = (box.height - 60) / Math.min(orders.length, 20);
    await page.mouse.move(box.x + box.width / 2, box.y + 40 + rowHeight * (index + 0.5));
    await expect.poll(() => canvas.innerText()).toContain(`10000199991 · ${XSS}`);

    await showTable(page);
    const cells = await rowCells(page, 'alkana-leadtime tr[data-key="10000199991"]');
    expect(cells[3]).toBe(XSS);
    await expect(page.locator("alkana-leadtime img").count()).resolves.toBe(0);
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});

interface OrderRow {
  orderNumber: string;
  type: "MTO" | "MTS";
  leadTime: { status: string; productionDays: number | null };
}

async function allOrders(server: WidgetServer, filter: Record<string, string | string[]> = {}): Promise<OrderRow[]> {
  const orders: OrderRow[] = [];
  let after: string | null = null;
  do {
    const page: { leadTimeOrders: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: OrderRow }[] } } =
      await queryApi(
        server,
        `query($filter: LeadTimeFilter, $after: String) { leadTimeOrders(filter: $filter, first: 100, after: $after) {
          pageInfo { hasNextPage endCursor } edges { node { orderNumber type leadTime { status productionDays } } } } }`,
        { filter, after },
      );
    orders.push(...page.leadTimeOrders.edges.map((edge) => edge.node));
    after = page.leadTimeOrders.pageInfo.hasNextPage ? page.leadTimeOrders.pageInfo.endCursor : null;
  } while (after);
  return orders;
}
