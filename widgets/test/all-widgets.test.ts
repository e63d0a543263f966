/**
 * What the newer widgets do alike, checked on all of them at once.
 *
 * Text from the data is shown as text (issue #5 "Safety"): copies of the real ZRPP062, ZRFI005,
 * ZRSD002 and ZRSD004 exports whose material descriptions, customer, salesman and ship-to names are
 * all `<img src=x onerror=alert(1)>` are loaded, and every newer widget shows that string literally
 * in its tables and chart tooltips; no element is created from it and no script runs.
 * (<alkana-leadtime>, <alkana-batch-trace> and <alkana-alerts> have the same test in their files.)
 *
 * Token expiry: with an expired token every widget fires `alkana-token-expired`, the page's
 * getToken is asked once more (one request shared by all widgets), and each widget recovers.
 *
 * Accessibility in the dark theme (each widget's own file checks the light one): no axe violations
 * with the chart shown and with the tables shown.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, launchChromium, openWidgetPage, samplesPresent, startWidgetServer, type WidgetServer } from "./support/harness.js";
import { inWidget, showTable, tableRows, waitForChart } from "./support/suite.js";
import { sample } from "../../test/support/samples.js";

const XSS = "<img src=x onerror=alert(1)>";

/** Which text column of which sample carries the payload. */
const TAINTED: [file: string, header: string][] = [
  ["zrpp062.XLSX", "Material Description"],
  ["ZRFI005.XLSX", "Customer Name"],
  ["zrsd002.XLSX", "Salesman Name"],
  ["zrsd004.XLSX", "Name of Ship-to"],
];

/** Writes a copy of a sample with every non-empty cell of one column replaced by the payload. */
async function taint(file: string, header: string, folder: string): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(sample(file));
  let replaced = 0;
  for (const sheet of workbook.worksheets) {
    let column: number | undefined;
    sheet.eachRow({ includeEmpty: false }, (row) => {
      if (column === undefined) {
        row.eachCell((cell, index) => {
          if (String(cell.value ?? "").trim() === header) column = index;
        });
        return;
      }
      const cell = row.getCell(column);
      if (typeof cell.value === "string" && cell.value.trim() !== "") {
        cell.value = XSS;
        replaced += 1;
      }
    });
  }
  if (replaced === 0) throw new Error(`${file}: no "${header}" cell was replaced`);
  const path = join(folder, `xss-${file}`);
  await workbook.xlsx.writeFile(path);
  return path;
}

describe.skipIf(!samplesPresent)("the newer widgets, all on one page", () => {
  let server: WidgetServer;
  let browser: Browser;

  beforeAll(async () => {
    const folder = mkdtempSync(join(tmpdir(), "alkana-widget-xss-"));
    const [started, launched, ...files] = await Promise.all([
      startWidgetServer(["target.xlsx"]),
      launchChromium(),
      ...TAINTED.map(([file, header]) => taint(file, header, folder)),
    ]);
    [server, browser] = [started, launched];
    for (const file of files) await server.load(file);
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Hovers the middle of the widget's chart and returns the tooltip's text. */
  async function tooltipText(page: Page, tag: string): Promise<string> {
    const canvas = inWidget(page, tag, '[part~="chart-canvas"]');
    await canvas.scrollIntoViewIfNeeded();
    const box = (await canvas.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await expect.poll(() => canvas.innerText()).toContain(XSS);
    return canvas.innerText();
  }

  it("shows the payload literally in tables and tooltips, creates no element from it and runs nothing", async () => {
    const widgets = ["alkana-yield", "alkana-ar-aging", "alkana-targets", "alkana-otif", "alkana-sankey", "alkana-kpi"];
    const { page, dialogs, errors } = await openWidgetPage(
      browser,
      server,
      `<alkana-yield></alkana-yield>
       <alkana-ar-aging></alkana-ar-aging>
       <alkana-targets year="2026" semester="1"></alkana-targets>
       <alkana-otif from="2026-01-01" to="2026-01-31"></alkana-otif>
       <alkana-sankey></alkana-sankey>
       <alkana-kpi metric="revenue"></alkana-kpi>`,
    );
    for (const tag of ["alkana-yield", "alkana-ar-aging", "alkana-targets", "alkana-otif", "alkana-sankey"]) await waitForChart(page, tag);
    await inWidget(page, "alkana-kpi", '[part~="value"]').waitFor();

    // Chart tooltips: the material (Pareto) and the salesman (leaderboard) come from the data.
    expect(await tooltipText(page, "alkana-yield")).toContain(`· ${XSS}`);
    expect(await tooltipText(page, "alkana-targets")).toContain(XSS);

    // Tables: material description, customer, salesman and ship-to columns.
    await showTable(page, "alkana-yield");
    expect((await tableRows(page, "alkana-yield")).map((row) => row[1])).toContain(XSS);
    await showTable(page, "alkana-ar-aging");
    expect((await tableRows(page, "alkana-ar-aging", 0)).map((row) => row[0])).toContain(XSS);
    await showTable(page, "alkana-targets");
    expect((await tableRows(page, "alkana-targets")).map((row) => row[0])).toContain(XSS);
    await showTable(page, "alkana-otif");
    expect((await tableRows(page, "alkana-otif", 0)).map((row) => row[4])).toContain(XSS);

    for (const tag of widgets) await expect(page.locator(`${tag} img`).count(), tag).resolves.toBe(0);
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("fire alkana-token-expired on an expired token, share one fresh token from getToken and recover", async () => {
    const tags = ["alkana-kpi", "alkana-sankey", "alkana-targets", "alkana-ar-aging", "alkana-otif", "alkana-movements", "alkana-yield"];
    const expired = await server.token("viewer", undefined, "-1m");
    let calls = 0;
    const { page, events, tokenCalls, errors } = await openWidgetPage(browser, server, tags.map((tag) => `<${tag}></${tag}>`).join("\n"), {
      tokens: async () => (++calls === 1 ? expired : server.token("viewer")),
    });
    for (const tag of tags) {
      // Data where the loaded files have some; <alkana-movements> has no MB51 here and says so.
      await inWidget(page, tag, '[part~="chart-canvas"] canvas, [part~="value"], [data-state]:not([data-state="loading"])').first().waitFor();
      await expect(inWidget(page, tag, '[part~="state"]:not([data-state="empty"])').count(), tag).resolves.toBe(0);
    }
    await expect(inWidget(page, "alkana-movements", '[data-state="empty"]').count()).resolves.toBe(1);
    expect(tokenCalls()).toBe(2);
    const expiredEvents = await events("alkana-token-expired");
    // Once per widget: the retry with the fresh token succeeds.
    expect(expiredEvents.map((event) => event.target).sort()).toEqual([...tags].sort());
    for (const event of expiredEvents) expect(event.detail).toEqual({ channel: "http", renewing: true });
    await expect(events("alkana-error")).resolves.toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("have no axe violations in the dark theme, chart and table", async () => {
    const charts = ["alkana-sankey", "alkana-targets", "alkana-ar-aging", "alkana-otif", "alkana-yield"];
    const { page, errors } = await openWidgetPage(
      browser,
      server,
      `<alkana-kpi metric="revenue" theme="dark"></alkana-kpi>
       <alkana-sankey theme="dark"></alkana-sankey>
       <alkana-targets theme="dark" year="2026" semester="1"></alkana-targets>
       <alkana-ar-aging theme="dark"></alkana-ar-aging>
       <alkana-otif theme="dark" from="2026-01-01" to="2026-01-31"></alkana-otif>
       <alkana-movements theme="dark"></alkana-movements>
       <alkana-yield theme="dark"></alkana-yield>`,
    );
    for (const tag of charts) await waitForChart(page, tag);
    await inWidget(page, "alkana-kpi", '[part~="value"]').waitFor();
    await inWidget(page, "alkana-movements", '[data-state="empty"]').waitFor();
    expect(await axeViolations(page, "main")).toEqual([]);
    for (const tag of charts) await showTable(page, tag);
    expect(await axeViolations(page, "main")).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
