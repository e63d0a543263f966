/**
 * <alkana-ar-aging> in Chromium against the API with the ZRFI005 snapshot of 2026-01-21: the
 * KPI line and the top-customer table equal arAging, a snapshot that is not loaded, Vietnamese, axe.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, launchChromium, openWidgetPage, queryApi, samplesPresent, startWidgetServer, type WidgetServer } from "./support/harness.js";
import { csvNumber, downloadCsv, formatIn, inWidget, showTable, tableRows, waitForChart } from "./support/suite.js";

const FILES = ["ZRFI005.XLSX"];
const TAG = "alkana-ar-aging";

interface Ar {
  arAging: {
    collectionTarget: number;
    collectionRatePercent: number;
    badDebt: number;
    customers: { edges: { node: { customerCode: string; customerName: string | null; collectionTarget: number; collectionRealization: number; collectionRatePercent: number | null } }[] };
  };
}

describe.skipIf(!samplesPresent)("<alkana-ar-aging> in Chromium", () => {
  let server: WidgetServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWidgetServer(FILES), launchChromium()]);
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("shows the snapshot's figures and its top customers as the API computes them", async () => {
    const api = await queryApi<Ar>(
      server,
      `{ arAging(snapshotDate: "2026-01-21") { collectionTarget collectionRatePercent badDebt
        customers(first: 10) { edges { node { customerCode customerName collectionTarget collectionRealization collectionRatePercent } } } } }`,
    );
    const { page, errors } = await openWidgetPage(browser, server, `<alkana-ar-aging snapshot-date="2026-01-21"></alkana-ar-aging>`);
    await waitForChart(page, TAG);
    const [target, badDebt] = await formatIn(page, "en-US", { kind: "vnd" }, [api.arAging.collectionTarget, api.arAging.badDebt]);
    const [rate] = await formatIn(page, "en-US", { kind: "percent" }, [api.arAging.collectionRatePercent]);
    await expect(inWidget(page, TAG, '[data-kpi="collectionTarget"] dd').innerText()).resolves.toBe(target);
    await expect(inWidget(page, TAG, '[data-kpi="collectionRate"] dd').innerText()).resolves.toBe(rate);
    await expect(inWidget(page, TAG, '[data-kpi="badDebt"] dd').innerText()).resolves.toBe(badDebt);
    expect(await axeViolations(page, TAG)).toEqual([]);

    await showTable(page, TAG);
    const customers = api.arAging.customers.edges.map((edge) => edge.node);
    const rows = await tableRows(page, TAG, 0);
    expect(rows.map((row) => row[0])).toEqual(customers.map((c) => c.customerName ?? c.customerCode));
    expect(rows.map((row) => row[2])).toEqual(await formatIn(page, "en-US", { kind: "vnd" }, customers.map((c) => c.collectionTarget)));
    expect(rows.map((row) => row[3])).toEqual(await formatIn(page, "en-US", { kind: "vnd" }, customers.map((c) => c.collectionRealization)));
    expect(rows.map((row) => row[4])).toEqual(await formatIn(page, "en-US", { kind: "percent" }, customers.map((c) => c.collectionRatePercent)));
    expect((await tableRows(page, TAG, 1)).map((row) => row[0])).toEqual(["Not due", "1–30 days", "31–60 days", "61–90 days", "91–120 days", "121–180 days", "> 180 days"]);
    expect(await axeViolations(page, TAG)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("downloads the customers it lists: the export's rows are the API's, largest collection target first", async () => {
    const api = await queryApi<Ar & { arAging: { customers: { totalCount: number } } }>(
      server,
      `{ arAging(snapshotDate: "2026-01-21") { collectionTarget collectionRatePercent badDebt
        customers(first: 100) { totalCount edges { node { customerCode customerName collectionTarget collectionRealization collectionRatePercent } } } } }`,
    );
    const { page, errors } = await openWidgetPage(browser, server, `<alkana-ar-aging snapshot-date="2026-01-21"></alkana-ar-aging>`);
    await waitForChart(page, TAG);
    const csv = await downloadCsv(page, TAG);
    expect(csv.fileName).toMatch(/^ar-customers-.*\.csv$/);
    expect(csv.params).toEqual({ snapshotDate: "2026-01-21", lang: "en" });
    expect(csv.bearer).toBe(true);
    const customers = api.arAging.customers.edges.map((edge) => edge.node);
    expect(csv.rows).toHaveLength(api.arAging.customers.totalCount);
    expect(
      csv.rows.slice(0, customers.length).map((row) => [row.Customer, row["Customer name"], csvNumber(row["Collection target (VND)"]), csvNumber(row["Collected (VND)"])]),
    ).toEqual(customers.map((c) => [c.customerCode, c.customerName ?? "", Math.round(c.collectionTarget), Math.round(c.collectionRealization)]));
    await showTable(page, TAG);
    const shown = await tableRows(page, TAG, 0);
    expect(shown.map((row) => row[0])).toEqual(csv.rows.slice(0, shown.length).map((row) => row["Customer name"] || row.Customer));
    expect(errors).toEqual([]);
    await page.close();
  });

  it("says when a snapshot is not loaded, and speaks Vietnamese", async () => {
    const { page } = await openWidgetPage(browser, server, `<alkana-ar-aging></alkana-ar-aging>`, { lang: "vi" });
    await waitForChart(page, TAG);
    await expect(inWidget(page, TAG, '[data-kpi="collectionRate"] dt').innerText()).resolves.toBe("Tỷ lệ thu hồi");
    await page.locator(TAG).evaluate((element) => element.setAttribute("snapshot-date", "2025-06-30"));
    await expect.poll(() => inWidget(page, TAG, '[data-state="empty"]').innerText()).toBe("Chưa có số liệu công nợ ngày 30 thg 6, 2025.");
    await page.close();
  });
});
