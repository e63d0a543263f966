/**
 * <alkana-yield> in Chromium against the API with the ZRPP062 sample: the Pareto table equals
 * lossPareto, the limit attribute, Vietnamese, axe.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, launchChromium, openWidgetPage, queryApi, samplesPresent, startWidgetServer, type WidgetServer } from "./support/harness.js";
import { formatIn, inWidget, showTable, tableRows, waitForChart } from "./support/suite.js";

const FILES = ["zrpp062.XLSX"];
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
});
