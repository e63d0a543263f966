/**
 * <alkana-movements> in Chromium against the API with MB51: weekly inbound / outbound / net kg
 * equal weeklyFlows summed over the plants, the plant attribute, the "net movement, not stock on
 * hand" wording, Vietnamese, axe.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, launchChromium, openWidgetPage, queryApi, samplesPresent, startWidgetServer, type WidgetServer } from "./support/harness.js";
import { csvNumber, downloadCsv, formatIn, inWidget, showTable, tableRows, waitForChart } from "./support/suite.js";

const FILES = ["mb51.XLSX"];
const TAG = "alkana-movements";

interface Flows {
  weeklyFlows: { weeks: { isoWeek: string; plant: string; inboundKg: number; outboundKg: number; netKg: number }[] };
}

describe.skipIf(!samplesPresent)("<alkana-movements> in Chromium", () => {
  let server: WidgetServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWidgetServer(FILES), launchChromium()]);
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const expected = async (page: Page, plants?: string[]) => {
    const api = await queryApi<Flows>(server, `query($filter: MovementFilter) { weeklyFlows(filter: $filter) { weeks { isoWeek plant inboundKg outboundKg netKg } } }`, {
      filter: { plants },
    });
    const weeks = new Map<string, number[]>();
    for (const row of api.weeklyFlows.weeks) {
      const sums = weeks.get(row.isoWeek) ?? [0, 0, 0];
      weeks.set(row.isoWeek, [sums[0] + row.inboundKg, sums[1] + row.outboundKg, sums[2] + row.netKg]);
    }
    const keys = [...weeks.keys()].sort();
    const cells = await Promise.all([0, 1, 2].map((i) => formatIn(page, "en-US", { kind: "number" }, keys.map((key) => weeks.get(key)![i]))));
    return keys.map((key, index) => [key, cells[0][index], cells[1][index], cells[2][index]]);
  };

  it("shows inbound, outbound and net kg per week as the API has them, and follows the plant", async () => {
    const { page, errors } = await openWidgetPage(browser, server, `<alkana-movements></alkana-movements>`);
    await waitForChart(page, TAG);
    await expect(inWidget(page, TAG, '[part~="note"]').innerText()).resolves.toContain("not stock on hand");
    // "Stock on hand" appears only in the sentence saying that this is not it.
    const text = (await page.locator(TAG).evaluate((element) => element.shadowRoot!.textContent ?? "")).replace(/not stock on hand/g, "");
    expect(text).not.toMatch(/stock on hand|on-hand/i);
    expect(await axeViolations(page, TAG)).toEqual([]);
    await showTable(page, TAG);
    const rows = (await tableRows(page, TAG)).map((row) => [row[0], row[2], row[3], row[4]]);
    expect(rows).toEqual(await expected(page));
    expect(await axeViolations(page, TAG)).toEqual([]);

    await page.locator(TAG).evaluate((element) => element.setAttribute("plant", "1401"));
    const plant = await expected(page, ["1401"]);
    await expect.poll(async () => (await tableRows(page, TAG)).map((row) => [row[0], row[2], row[3], row[4]])).toEqual(plant);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("downloads the plant's movements: the export's rows are the API's materials, and add up to the weeks shown", async () => {
    const { page, errors } = await openWidgetPage(browser, server, `<alkana-movements plant="1401"></alkana-movements>`);
    await waitForChart(page, TAG);
    const csv = await downloadCsv(page, TAG);
    expect(csv.fileName).toMatch(/^movements-.*\.csv$/);
    expect(csv.params).toEqual({ plants: "1401", lang: "en" });
    expect(csv.bearer).toBe(true);
    const materials = await allMaterialMovements(["1401"]);
    expect(materials.length).toBeGreaterThan(0);
    const round = (kg: number | null) => (kg === null ? null : Math.round(kg * 100) / 100);
    expect(csv.rows.map((row) => [row.Plant, row.Material, csvNumber(row.Lines), csvNumber(row["Inbound kg"]), csvNumber(row["Outbound kg"])])).toEqual(
      materials.map((m) => [m.plant, m.material, m.lines, round(m.inboundKg), round(m.outboundKg)]),
    );
    // The weekly inbound kg the widget shows (rounded to whole kg) add up to the export's.
    await showTable(page, TAG);
    const shownInbound = (await tableRows(page, TAG)).reduce((total, row) => total + csvNumber(row[2])!, 0);
    const exportedInbound = csv.rows.reduce((total, row) => total + (csvNumber(row["Inbound kg"]) ?? 0), 0);
    expect(Math.abs(shownInbound - exportedInbound)).toBeLessThanOrEqual((await tableRows(page, TAG)).length);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("speaks Vietnamese", async () => {
    const { page } = await openWidgetPage(browser, server, `<alkana-movements></alkana-movements>`, { lang: "vi" });
    await waitForChart(page, TAG);
    await expect(inWidget(page, TAG, '[part~="title"]').innerText()).resolves.toBe("Chênh lệch nhập xuất theo tuần (kg)");
    await expect(inWidget(page, TAG, '[part~="note"]').innerText()).resolves.toContain("không phải tồn kho");
    await page.close();
  });

  async function allMaterialMovements(plants: string[]) {
    type Node = { plant: string; material: string; lines: number; inboundKg: number | null; outboundKg: number | null };
    const nodes: Node[] = [];
    let after: string | null = null;
    do {
      const page: { materialMovements: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: Node }[] } } = await queryApi(
        server,
        `query($filter: MovementFilter, $after: String) { materialMovements(filter: $filter, first: 100, after: $after) {
          pageInfo { hasNextPage endCursor } edges { node { plant material lines inboundKg outboundKg } } } }`,
        { filter: { plants }, after },
      );
      nodes.push(...page.materialMovements.edges.map((edge) => edge.node));
      after = page.materialMovements.pageInfo.hasNextPage ? page.materialMovements.pageInfo.endCursor : null;
    } while (after);
    return nodes;
  }
});
