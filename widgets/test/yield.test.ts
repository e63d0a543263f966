/**
 * <alkana-yield> in Chromium against the API with the ZRPP062, COOISPI and material-master samples:
 * the Pareto table equals lossPareto, the limit attribute, Vietnamese, axe, and the download of the
 * Pareto (the export's rows are lossPareto's for the widget's periods, plant, product group and
 * limit).
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, launchChromium, openWidgetPage, queryApi, samplesPresent, startWidgetServer, type WidgetServer } from "./support/harness.js";
import { downloadCsv, exportNumber, formatIn, inWidget, showTable, tableRows, waitForChart } from "./support/suite.js";

// COOISPI gives the filling orders their plant, the export material master (12) their product group.
const FILES = ["zrpp062.XLSX", "cooispi.XLSX", "12.XLSX"];
const TAG = "alkana-yield";

interface Pareto {
  lossPareto: { totalLossKg: number; materials: { material: string; lossKg: number; cumulativePercent: number }[] };
}

describe.skipIf(!samplesPresent)("<alkana-yield> in Chromium", () => {
  let server: WidgetServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWidgetServer(FILES), launchChromium()]);
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("shows the loss Pareto as the API computes it, and follows the limit", async () => {
    const api = await queryApi<Pareto>(server, `{ lossPareto(limit: 10) { totalLossKg materials { material lossKg cumulativePercent } } }`);
    const { page, errors } = await openWidgetPage(browser, server, `<alkana-yield></alkana-yield>`);
    await waitForChart(page, TAG);
    const [total] = await formatIn(page, "en-US", { kind: "kg" }, [api.lossPareto.totalLossKg]);
    await expect(inWidget(page, TAG, '[data-kpi="totalLossKg"] dd').innerText()).resolves.toBe(total);
    expect(await axeViolations(page, TAG)).toEqual([]);
    await showTable(page, TAG);
    const rows = await tableRows(page, TAG);
    const materials = api.lossPareto.materials;
    expect(rows.map((row) => row[0])).toEqual(materials.map((m) => m.material));
    expect(rows.map((row) => row[2])).toEqual(await formatIn(page, "en-US", { kind: "kg", digits: 1 }, materials.map((m) => m.lossKg)));
    expect(rows.map((row) => row[5])).toEqual(await formatIn(page, "en-US", { kind: "percent" }, materials.map((m) => m.cumulativePercent)));
    expect(await axeViolations(page, TAG)).toEqual([]);

    await page.locator(TAG).evaluate((element) => element.setAttribute("limit", "3"));
    await expect.poll(async () => (await tableRows(page, TAG)).map((row) => row[0])).toEqual(materials.slice(0, 3).map((m) => m.material));
    expect(errors).toEqual([]);
    await page.close();
  });

  it("speaks Vietnamese", async () => {
    const { page } = await openWidgetPage(browser, server, `<alkana-yield></alkana-yield>`, { lang: "vi" });
    await waitForChart(page, TAG);
    await expect(inWidget(page, TAG, '[part~="title"]').innerText()).resolves.toBe("Pareto hao hụt chiết rót");
    await expect(inWidget(page, TAG, '[data-kpi="totalLossKg"] dt').innerText()).resolves.toBe("Tổng hao hụt chiết rót");
    await page.close();
  });
  it("downloads the Pareto it shows: the export's rows are lossPareto's, and follow its attributes", async () => {
    type Entry = { material: string; materialDescription: string | null; lossKg: number; inputKg: number; lossPercent: number; sharePercent: number; cumulativePercent: number; orderCount: number };
    const pareto = async (filter: Record<string, unknown>, limit: number) =>
      (
        await queryApi<{ lossPareto: { materials: Entry[] } }>(
          server,
          `query($filter: YieldFilter, $limit: Int) { lossPareto(filter: $filter, limit: $limit) {
            materials { material materialDescription lossKg inputKg lossPercent sharePercent cumulativePercent orderCount } } }`,
          { filter, limit },
        )
      ).lossPareto.materials;
    const asExported = (entries: Entry[]) =>
      entries.map((e) => [
        e.material,
        e.materialDescription ?? "",
        exportNumber(e.lossKg, 2),
        exportNumber(e.inputKg, 2),
        exportNumber(e.lossPercent, 2, "en", "percent"),
        exportNumber(e.sharePercent, 1, "en", "percent"),
        exportNumber(e.cumulativePercent, 1, "en", "percent"),
        exportNumber(e.orderCount, 0),
      ]);
    const columns = ["Material", "Material description", "Loss kg", "Liquid issued kg", "Loss", "Share of the loss", "Cumulative share", "Orders"];

    const { page, errors } = await openWidgetPage(browser, server, `<alkana-yield></alkana-yield>`);
    await waitForChart(page, TAG);
    const csv = await downloadCsv(page, TAG);
    expect(csv.fileName).toMatch(/^loss-pareto-.*\.csv$/);
    expect(csv.params).toEqual({ limit: "10", lang: "en" });
    expect(csv.bearer).toBe(true);
    const all = await pareto({}, 10);
    expect(all).toHaveLength(10);
    expect(csv.rows.map((row) => columns.map((column) => row[column]))).toEqual(asExported(all));
    await showTable(page, TAG);
    expect((await tableRows(page, TAG)).map((row) => row[0])).toEqual(csv.rows.map((row) => row.Material));

    // Periods (dates cut to their months), plant, product group and limit, under the export's names.
    const group = await firstProductGroup();
    await page.locator(TAG).evaluate((element, group) => {
      element.setAttribute("from", "2026-01-01");
      element.setAttribute("to", "2026-01");
      element.setAttribute("plant", "1201");
      element.setAttribute("product-group", group);
      element.setAttribute("limit", "3");
    }, group);
    const narrowed = await pareto({ from: "2026-01", to: "2026-01", plants: ["1201"], productGroup: group }, 3);
    expect(narrowed.length).toBeGreaterThan(0);
    await expect.poll(async () => (await tableRows(page, TAG)).map((row) => row[0])).toEqual(narrowed.map((e) => e.material));
    const filtered = await downloadCsv(page, TAG);
    expect(filtered.params).toEqual({ from: "2026-01", to: "2026-01", plants: "1201", productGroup: group, limit: "3", lang: "en" });
    expect(filtered.rows.map((row) => columns.map((column) => row[column]))).toEqual(asExported(narrowed));
    expect(errors).toEqual([]);
    await page.close();
  });

  /** The product group of plant 1201's filling order with the largest loss, among those with a group. */
  async function firstProductGroup(): Promise<string> {
    const { fillingYields } = await queryApi<{ fillingYields: { edges: { node: { productGroup: string | null; lossKg: number | null } }[] } }>(
      server,
      `{ fillingYields(first: 100, valid: true, filter: { plants: ["1201"] }) { edges { node { productGroup lossKg } } } }`,
    );
    const grouped = fillingYields.edges.map((edge) => edge.node).filter((order) => order.productGroup && (order.lossKg ?? 0) > 0);
    expect(grouped.length).toBeGreaterThan(0);
    return grouped.sort((a, b) => b.lossKg! - a.lossKg!)[0].productGroup!;
  }
});
