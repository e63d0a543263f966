/**
 * <alkana-targets> in Chromium against the API with billing and the target file: the leaderboard
 * table equals salesTargets, year/semester attributes, status badges, Vietnamese, axe, download.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, launchChromium, openWidgetPage, queryApi, samplesPresent, startWidgetServer, type WidgetServer } from "./support/harness.js";
import { csvNumber, downloadCsv, formatIn, inWidget, showTable, tableRows, waitForChart } from "./support/suite.js";

const FILES = ["zrsd002.XLSX", "target.xlsx"];
const TAG = "alkana-targets";

interface Targets {
  salesTargets: {
    salesmen: { salesmanName: string; actual: number; target: number | null; proRatedTarget: number | null; proRatedAchievementPercent: number | null; status: string }[];
  };
}
const QUERY = `query($year: Int!, $semester: Int!) { salesTargets(year: $year, semester: $semester) {
  salesmen { salesmanName actual target proRatedTarget proRatedAchievementPercent status } } }`;
const STATUS = { ON_TRACK: "On track", WARNING: "Warning", BEHIND: "Behind", NO_TARGET: "No target", NOT_STARTED: "Not started" } as Record<string, string>;

describe.skipIf(!samplesPresent)("<alkana-targets> in Chromium", () => {
  let server: WidgetServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWidgetServer(FILES), launchChromium()]);
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const expectedRows = async (page: import("playwright-core").Page, year: number, semester: number) => {
    const api = await queryApi<Targets>(server, QUERY, { year, semester });
    const salesmen = api.salesTargets.salesmen;
    const vnd = (values: (number | null)[]) => formatIn(page, "en-US", { kind: "vnd" }, values);
    const [actual, target, proRated, achievement] = await Promise.all([
      vnd(salesmen.map((s) => s.actual)),
      vnd(salesmen.map((s) => s.target)),
      vnd(salesmen.map((s) => s.proRatedTarget)),
      formatIn(page, "en-US", { kind: "percent" }, salesmen.map((s) => s.proRatedAchievementPercent)),
    ]);
    return salesmen.map((s, i) => [s.salesmanName, actual[i], target[i], proRated[i], achievement[i], STATUS[s.status]]);
  };

  it("defaults to the as-of semester, lists every salesman as the API does, and follows year/semester", async () => {
    const { salesSummary } = await queryApi<{ salesSummary: { asOfDate: string } }>(server, `{ salesSummary { asOfDate } }`);
    const [asOfYear, asOfMonth] = salesSummary.asOfDate.split("-").map(Number);
    const { page, errors } = await openWidgetPage(browser, server, `<alkana-targets></alkana-targets>`);
    await expect
      .poll(() => inWidget(page, TAG, '[part~="title"]').innerText())
      .toBe(`Sales targets, semester ${asOfMonth <= 6 ? 1 : 2} ${asOfYear}`);
    // January 2026 is billed in the sample (no targets for it: every salesman NO_TARGET).
    await page.locator(TAG).evaluate((element) => {
      element.setAttribute("year", "2026");
      element.setAttribute("semester", "1");
    });
    await expect.poll(() => inWidget(page, TAG, '[part~="title"]').innerText()).toBe("Sales targets, semester 1 2026");
    await waitForChart(page, TAG);
    expect(await axeViolations(page, TAG)).toEqual([]);
    await showTable(page, TAG);
    expect(await tableRows(page, TAG)).toEqual(await expectedRows(page, 2026, 1));
    expect(await axeViolations(page, TAG)).toEqual([]);

    // 2025 S2 has targets (and no billing in the sample): BEHIND badges with the semester target.
    await page.locator(TAG).evaluate((element) => {
      element.setAttribute("year", "2025");
      element.setAttribute("semester", "2");
    });
    await expect.poll(() => inWidget(page, TAG, '[part~="title"]').innerText()).toBe("Sales targets, semester 2 2025");
    await inWidget(page, TAG, "table").first().waitFor();
    const expected = await expectedRows(page, 2025, 2);
    expect(expected.length).toBeGreaterThan(0);
    expect(await tableRows(page, TAG)).toEqual(expected);
    await expect(inWidget(page, TAG, "tbody [data-target-status]").first().getAttribute("data-target-status")).resolves.toMatch(/^[A-Z_]+$/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("downloads the leaderboard it shows: the export's rows are the API's salesmen", async () => {
    const { page, errors } = await openWidgetPage(browser, server, `<alkana-targets year="2025" semester="2"></alkana-targets>`);
    await waitForChart(page, TAG);
    const csv = await downloadCsv(page, TAG);
    expect(csv.fileName).toMatch(/^sales-targets-.*\.csv$/);
    expect(csv.params).toEqual({ year: "2025", semester: "2", lang: "en" });
    expect(csv.bearer).toBe(true);
    const api = await queryApi<Targets>(server, QUERY, { year: 2025, semester: 2 });
    const round = (value: number | null) => (value === null ? null : Math.round(value));
    expect(
      csv.rows.map((row) => [row.Salesman, csvNumber(row["Actual revenue (VND)"]), csvNumber(row["Semester target (VND)"]), csvNumber(row["Pro-rated target (VND)"]), row.Status]),
    ).toEqual(api.salesTargets.salesmen.map((s) => [s.salesmanName, round(s.actual), round(s.target), round(s.proRatedTarget), s.status]));
    await showTable(page, TAG);
    expect((await tableRows(page, TAG)).map((row) => row[0])).toEqual(csv.rows.map((row) => row.Salesman));
    expect(errors).toEqual([]);
    await page.close();
  });

  it("speaks Vietnamese, and downloads in Vietnamese", async () => {
    const { page } = await openWidgetPage(browser, server, `<alkana-targets year="2025" semester="1"></alkana-targets>`, { lang: "vi" });
    await waitForChart(page, TAG);
    await expect(inWidget(page, TAG, '[part~="title"]').innerText()).resolves.toBe("Chỉ tiêu doanh số, học kỳ 1 năm 2025");
    await expect(inWidget(page, TAG, '[part~="table-toggle"]').innerText()).resolves.toBe("Xem dạng bảng");
    const csv = await downloadCsv(page, TAG);
    expect(csv.params).toEqual({ year: "2025", semester: "1", lang: "vi" });
    expect(csv.header[0]).toBe("Nhân viên kinh doanh");
    await page.close();
  });
});
