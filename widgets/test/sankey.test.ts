/**
 * <alkana-sankey> in Chromium against the API with the ZRPP062 and COOISPI samples: the links table
 * equals the API's productionFlows, the P03 note, a period without data, Vietnamese, axe, and the
 * download of the links (the export's rows are the API's links, in English and in Vietnamese).
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, launchChromium, openWidgetPage, queryApi, samplesPresent, startWidgetServer, type WidgetServer } from "./support/harness.js";
import { downloadCsv, exportNumber, formatIn, inWidget, showTable, tableRows, waitForChart } from "./support/suite.js";

// COOISPI gives the filling orders their plant.
const FILES = ["zrpp062.XLSX", "cooispi.XLSX"];
const TAG = "alkana-sankey";

interface Flows {
  productionFlows: { p03Linked: boolean; nodes: { id: string; label: string }[]; links: { source: string; target: string; kg: number }[] };
}

const FLOWS = `query($filter: ProductionFlowFilter) { productionFlows(filter: $filter) { p03Linked nodes { id label } links { source target kg } } }`;

describe.skipIf(!samplesPresent)("<alkana-sankey> in Chromium", () => {
  let server: WidgetServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWidgetServer(FILES), launchChromium()]);
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("draws the flows, says P03 is not linked, and its table holds the API's links in kg", async () => {
    const api = await queryApi<Flows>(server, FLOWS);
    expect(api.productionFlows.p03Linked).toBe(false);
    const { page, errors } = await openWidgetPage(browser, server, `<alkana-sankey></alkana-sankey>`);
    await waitForChart(page, TAG);
    await expect(inWidget(page, TAG, '[part~="note"]').innerText()).resolves.toContain("P03 (SFG base) is not linked");
    await expect(inWidget(page, TAG, '[part~="chart-canvas"]').getAttribute("aria-label")).resolves.toContain("P02 liquid issued to filling → P01 filled");
    expect(await axeViolations(page, TAG)).toEqual([]);
    await showTable(page, TAG);
    const rows = await tableRows(page, TAG);
    const kg = await formatIn(page, "en-US", { kind: "number" }, api.productionFlows.links.map((link) => link.kg));
    expect(rows.map((row) => row[2])).toEqual(kg);
    expect(rows[0].slice(0, 2)).toEqual(["P02 liquid issued to filling", "P01 filled"]);
    expect(await axeViolations(page, TAG)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("reloads when its period changes, and speaks Vietnamese", async () => {
    const { page } = await openWidgetPage(browser, server, `<alkana-sankey lang="vi"></alkana-sankey>`);
    await waitForChart(page, TAG);
    await expect(inWidget(page, TAG, '[part~="title"]').innerText()).resolves.toBe("Dòng sản xuất (kg)");
    await showTable(page, TAG);
    await expect(inWidget(page, TAG, "tbody tr").first().locator("td").first().innerText()).resolves.toBe("Lỏng P02 xuất cho chiết rót");
    await page.locator(TAG).evaluate((element) => {
      element.setAttribute("from", "2025-01");
      element.setAttribute("to", "2025-02");
    });
    await expect.poll(() => inWidget(page, TAG, '[data-state="empty"]').innerText()).toBe("Không có dữ liệu cho khoảng thời gian đã chọn.");
    await page.close();
  });
  it("downloads the links it draws: the export's rows are the API's, for the widget's periods and plant", async () => {
    const { page, errors } = await openWidgetPage(browser, server, `<alkana-sankey from="2026-01-15" to="2026-01" plant="1201"></alkana-sankey>`);
    await waitForChart(page, TAG);
    const csv = await downloadCsv(page, TAG);
    expect(csv.fileName).toMatch(/^production-flows-.*\.csv$/);
    // The dates are cut to their months, as the chart's query does; plant → plants.
    expect(csv.params).toEqual({ from: "2026-01", to: "2026-01", plants: "1201", lang: "en" });
    expect(csv.bearer).toBe(true);
    const api = await queryApi<Flows>(server, FLOWS, { filter: { from: "2026-01", to: "2026-01", plants: ["1201"] } });
    const label = new Map(api.productionFlows.nodes.map((node) => [node.id, node.label]));
    expect(api.productionFlows.links.length).toBeGreaterThan(0);
    expect(csv.rows.map((row) => [row["From node"], row["To node"], row.From, row.To, row.kg])).toEqual(
      api.productionFlows.links.map((link) => [link.source, link.target, label.get(link.source), label.get(link.target), exportNumber(link.kg, 2)]),
    );
    // The widget's table lists the same links, in the same order.
    await showTable(page, TAG);
    const shown = await tableRows(page, TAG);
    expect(shown.map((row) => row[2])).toEqual(await formatIn(page, "en-US", { kind: "number" }, api.productionFlows.links.map((link) => link.kg)));
    expect(errors).toEqual([]);
    await page.close();
  });

  it("downloads in Vietnamese with lang=\"vi\": Vietnamese headers and numbers, the same links", async () => {
    const { page } = await openWidgetPage(browser, server, `<alkana-sankey></alkana-sankey>`, { lang: "vi" });
    await waitForChart(page, TAG);
    await expect(inWidget(page, TAG, '[part~="export-button"]').innerText()).resolves.toBe("Tải xuống ▾");
    const csv = await downloadCsv(page, TAG);
    expect(csv.params).toEqual({ lang: "vi" });
    expect(csv.header.slice(0, 3)).toEqual(["Từ", "Đến", "kg"]);
    const api = await queryApi<Flows>(server, FLOWS);
    expect(csv.rows.map((row) => [row["Mã nút nguồn"], row["Mã nút đích"], row.kg])).toEqual(
      api.productionFlows.links.map((link) => [link.source, link.target, exportNumber(link.kg, 2, "vi")]),
    );
    await page.close();
  });
});
