/**
 * <alkana-kpi> in Chromium against the API with sales, AR and yield samples: each figure equals
 * the API's, the metric attribute switches the card, Vietnamese formats, a plant-restricted token
 * gets "not authorised" for company-wide figures, axe.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, launchChromium, openWidgetPage, queryApi, samplesPresent, startWidgetServer, type WidgetServer } from "./support/harness.js";
import { formatIn, inWidget } from "./support/suite.js";

const FILES = ["zrsd002.XLSX", "ZRFI005.XLSX", "zrpp062.XLSX"];
const TAG = "alkana-kpi";

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
});
