/**
 * <alkana-sankey> in Chromium against the API with the ZRPP062 sample: the links table equals the
 * API's productionFlows, the P03 note, a period without data, Vietnamese, axe.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, launchChromium, openWidgetPage, queryApi, samplesPresent, startWidgetServer, type WidgetServer } from "./support/harness.js";
import { formatIn, inWidget, showTable, tableRows, waitForChart } from "./support/suite.js";

const FILES = ["zrpp062.XLSX"];
const TAG = "alkana-sankey";

interface Flows {
  productionFlows: { p03Linked: boolean; links: { source: string; target: string; kg: number }[] };
}

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
    const api = await queryApi<Flows>(server, `{ productionFlows { p03Linked links { source target kg } } }`);
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
});
