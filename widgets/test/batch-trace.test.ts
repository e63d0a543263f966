/**
 * <alkana-batch-trace> in real Chromium against a real API with the samples loaded: batch
 * 26A2597710 of the worked MTO order (DOMAIN.md §3.4) — its timeline and netted movements as the
 * API returns them — attribute changes and the search field, an unknown batch, Vietnamese, axe,
 * token expiry, the download of the batch's movements (the export's rows are the API's), and an
 * MB51 material description carrying HTML.
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
import { downloadCsv, exportNumber } from "./support/suite.js";

const FILES = ["mb51.XLSX", "cooispi.XLSX", "zrmm024.XLSX", "zrsd004.XLSX"];
const XSS = "<img src=x onerror=alert(1)>";

interface ApiBatch {
  netQuantity: number;
  status: string;
  movements: { plant: string; movementType: string; postingDate: string; quantity: number; reference: string | null }[];
  timeline: { stage: string; event: string; date: string; document: string | null }[];
}

const BATCH = `query($batch: String!, $plant: String) { batch(batch: $batch, plant: $plant) {
  netQuantity status movements { plant movementType postingDate quantity reference } timeline { stage event date document } } }`;

/** The fields of a netted movement the batch-movements export has as columns. */
interface ExportedMovement {
  mb51Id: string;
  plant: string;
  material: string;
  materialDescription: string | null;
  movementType: string;
  postingDate: string;
  quantity: number;
  reference: string | null;
  purchaseOrder: string | null;
}

const MOVEMENTS = `query($batch: String!, $plant: String) { batch(batch: $batch, plant: $plant) {
  movements { mb51Id plant material materialDescription movementType postingDate quantity reference purchaseOrder } } }`;

describe.skipIf(!samplesPresent)("<alkana-batch-trace> in Chromium", () => {
  let server: WidgetServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWidgetServer(FILES), launchChromium()]);
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const shadow = (page: Page, selector: string) => page.locator(`alkana-batch-trace ${selector}`);

  it("traces batch 26A2597710 as the API does: timeline, netting and movements", async () => {
    const { page, errors } = await openWidgetPage(browser, server, `<alkana-batch-trace batch="26A2597710" plant="1401"></alkana-batch-trace>`);
    await shadow(page, '[part~="chart-canvas"] canvas').waitFor();
    const { batch } = await queryApi<{ batch: ApiBatch }>(server, BATCH, { batch: "26A2597710", plant: "1401" });
    await expect(shadow(page, '[data-kpi="netQuantity"] dd').innerText()).resolves.toBe(String(batch.netQuantity));
    await expect(shadow(page, '[data-kpi="status"] dd').innerText()).resolves.toBe("Partly reversed");
    expect(batch.status).toBe("PARTIALLY_REVERSED");
    await expect(shadow(page, '[data-kpi="movementCount"] dd').innerText()).resolves.toBe(String(batch.movements.length));
    await expect(shadow(page, '[part~="chart-canvas"]').getAttribute("aria-label")).resolves.toMatch(
      /^Events of batch 26A2597710 by date and stage: Jan 5, 2026 Preparation: STO purchase order; Jan 5, 2026 Production: Released; Jan 7, 2026 Production: Finished;/,
    );

    // The movements after netting: one 101 at the DC and the surviving 601 of delivery 1910053636.
    const movementRows = await shadow(page, '[part~="movements"] tbody tr').evaluateAll((rows) =>
      rows.map((row) => [...row.querySelectorAll("td")].map((cell) => cell.textContent!.trim())),
    );
    expect(movementRows.map((cells) => cells.slice(0, 5))).toEqual(
      batch.movements.map((movement) => [
        new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${movement.postingDate}T00:00:00Z`)),
        movement.plant,
        movement.movementType,
        String(movement.quantity),
        movement.reference ?? "—",
      ]),
    );
    expect(movementRows.map((cells) => cells[2])).toEqual(["101", "601"]);

    // The timeline as a table: one row per event, days since the previous event.
    await shadow(page, '[part~="table-toggle"]').click();
    const events = await shadow(page, '[part~="table"]').first().locator("tbody tr").evaluateAll((rows) =>
      rows.map((row) => [...row.querySelectorAll("td")].map((cell) => cell.textContent!.trim())),
    );
    expect(events.map((cells) => cells[2])).toEqual(batch.timeline.map((event) => event.event));
    expect(events.map((cells) => cells[5])).toEqual(["—", "0 d", "2 d", "0 d", "2 d", "0 d"]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("follows its batch attribute and the search field, and says when a batch is unknown", async () => {
    const { page } = await openWidgetPage(browser, server, `<alkana-batch-trace></alkana-batch-trace>`);
    await expect(shadow(page, '[data-state="prompt"]').innerText()).resolves.toBe("Enter a batch number to trace it.");
    await page.locator("alkana-batch-trace").evaluate((element) => element.setAttribute("batch", "26A2597910"));
    await expect.poll(() => shadow(page, '[part~="title"]').innerText()).toBe("Trace of batch 26A2597910");
    const { batch } = await queryApi<{ batch: ApiBatch }>(server, BATCH, { batch: "26A2597910" });
    await expect.poll(() => shadow(page, '[data-kpi="movementCount"] dd').innerText()).toBe(String(batch.movements.length));

    const input = shadow(page, '[part~="search"] input');
    await input.fill("NO-SUCH-BATCH");
    await input.press("Enter");
    await expect.poll(() => shadow(page, '[data-state="empty"]').innerText()).toBe("Nothing is known about batch NO-SUCH-BATCH.");
    await expect(page.locator("alkana-batch-trace").getAttribute("batch")).resolves.toBe("NO-SUCH-BATCH");
    await page.close();
  });

  it("speaks Vietnamese and has no axe violations, light and dark", async () => {
    const { page } = await openWidgetPage(
      browser,
      server,
      `<alkana-batch-trace id="vi" lang="vi" batch="26A2597710"></alkana-batch-trace><alkana-batch-trace id="dark" theme="dark" batch="26A2597710"></alkana-batch-trace>`,
    );
    await page.locator('#vi [part~="chart-canvas"] canvas').waitFor();
    await page.locator('#dark [part~="chart-canvas"] canvas').waitFor();
    await expect(page.locator('#vi [part~="title"]').innerText()).resolves.toBe("Truy xuất lô 26A2597710");
    await expect(page.locator('#vi [data-kpi="status"] dt').innerText()).resolves.toBe("Bù trừ");
    expect(await axeViolations(page, "#vi")).toEqual([]);
    expect(await axeViolations(page, "#dark")).toEqual([]);
    await page.locator('#vi [part~="table-toggle"]').click();
    await page.locator('#dark [part~="table-toggle"]').click();
    await page.locator('#dark [part~="export-button"]').click();
    await page.locator('#dark [part~="export-menu"]').waitFor();
    const first = await rowCells(page, '#vi [part~="table"] >> nth=0 >> tbody tr >> nth=1');
    expect(first.slice(1, 3)).toEqual(["Sản xuất", "Phát hành lệnh sản xuất"]);
    expect(first[5]).toBe("0 ngày");
    expect(await axeViolations(page, "#vi")).toEqual([]);
    expect(await axeViolations(page, "#dark")).toEqual([]);
    await page.close();
  });

  it("asks getToken again after an expired token and recovers", async () => {
    const expired = await server.token("viewer", undefined, "-1m");
    let calls = 0;
    const { page, events } = await openWidgetPage(browser, server, `<alkana-batch-trace batch="26A2597710"></alkana-batch-trace>`, {
      tokens: async () => (++calls === 1 ? expired : server.token("viewer")),
    });
    await shadow(page, '[data-kpi="netQuantity"]').waitFor();
    await expect(events("alkana-token-expired")).resolves.toEqual([
      { name: "alkana-token-expired", target: "alkana-batch-trace", detail: { channel: "http", renewing: true } },
    ]);
    expect(calls).toBe(2);
    await page.close();
  });

  it("downloads the batch's movements after netting: the export's rows are the API's", async () => {
    const { page, errors } = await openWidgetPage(browser, server, `<alkana-batch-trace batch="26A2597710" plant="1401"></alkana-batch-trace>`);
    await shadow(page, '[data-kpi="netQuantity"]').waitFor();
    const csv = await downloadCsv(page, "alkana-batch-trace");
    expect(csv.fileName).toMatch(/^batch-movements-.*\.csv$/);
    expect(csv.params).toEqual({ batch: "26A2597710", plant: "1401", lang: "en" });
    expect(csv.bearer).toBe(true);
    const { batch } = await queryApi<{ batch: { movements: ExportedMovement[] } }>(server, MOVEMENTS, {
      batch: "26A2597710",
      plant: "1401",
    });
    expect(batch.movements).toHaveLength(2);
    const usDate = (iso: string) => `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)}`;
    expect(
      csv.rows.map((row) => [row["MB51 line"].replace(/,/g, ""), row.Plant, row.Material, row["Material description"], row["Movement type"], row["Posting date"], row.Quantity, row.Reference, row["Purchase order"]]),
    ).toEqual(
      batch.movements.map((m) => [m.mb51Id, m.plant, m.material, m.materialDescription ?? "", m.movementType, usDate(m.postingDate), exportNumber(m.quantity, 3), m.reference ?? "", m.purchaseOrder ?? ""]),
    );
    // The same movements as the widget's table, in the same order.
    const shown = await shadow(page, '[part~="movements"] tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute("data-key")));
    expect(shown).toEqual(csv.rows.map((row) => row["MB51 line"].replace(/,/g, "")));

    // Another batch through the search field: the next download follows it.
    const input = shadow(page, '[part~="search"] input');
    await input.fill("26A2597910");
    await input.press("Enter");
    await expect.poll(() => shadow(page, '[part~="title"]').innerText()).toBe("Trace of batch 26A2597910");
    await shadow(page, '[data-kpi="movementCount"]').waitFor();
    const other = await downloadCsv(page, "alkana-batch-trace");
    expect(other.params).toEqual({ batch: "26A2597910", plant: "1401", lang: "en" });
    const { batch: otherBatch } = await queryApi<{ batch: { movements: ExportedMovement[] } }>(server, MOVEMENTS, { batch: "26A2597910", plant: "1401" });
    expect(other.rows.map((row) => row["MB51 line"].replace(/,/g, ""))).toEqual(otherBatch.movements.map((m) => m.mb51Id));
    expect(errors).toEqual([]);
    await page.close();
  });

  it("offers no download before a batch with movements is shown", async () => {
    const { page } = await openWidgetPage(browser, server, `<alkana-batch-trace></alkana-batch-trace>`);
    await shadow(page, '[data-state="prompt"]').waitFor();
    await expect(shadow(page, '[part~="export-button"]').count()).resolves.toBe(0);
    await page.locator("alkana-batch-trace").evaluate((element) => element.setAttribute("batch", "NO-SUCH-BATCH"));
    await shadow(page, '[data-state="empty"]').waitFor();
    await expect(shadow(page, '[part~="export-button"]').count()).resolves.toBe(0);
    await page.close();
  });

  it("shows an MB51 material description carrying HTML as text", async () => {
    const folder = mkdtempSync(join(tmpdir(), "alkana-widget-xss-"));
    const file = join(folder, "mb51-xss.csv");
    const header = [
      "Posting Date", "Movement Type", "Plant", "Storage Location", "Material", "Material Description", "Batch",
      "Qty in Un. of Entry", "Unit of Entry", "Cost Center", "G/L Account", "Material Document", "Text", "Reference",
      "Reason for Movement", "Purchase Order",
    ];
    // A posting date outside the samples' window: MB51 replaces lines by (plant, date window), D2.
    const row = ["2024-03-04", "101", "1401", "0101", "100000002", XSS, "XSSBATCH01", "1", "PC", "", "", "4999999999", "", "", "0", ""];
    const csv = (cells: string[]) => cells.map((cell) => `"${cell.replace(/"/g, '""')}"`).join(",");
    writeFileSync(file, `${csv(header)}\r\n${csv(row)}\r\n`);
    await server.load(file);

    const { page, dialogs, errors } = await openWidgetPage(browser, server, `<alkana-batch-trace batch="XSSBATCH01"></alkana-batch-trace>`);
    const cells = shadow(page, '[part~="movements"] tbody tr td');
    await cells.first().waitFor();
    await expect(cells.last().innerText()).resolves.toBe(XSS);
    await expect(page.locator("alkana-batch-trace img").count()).resolves.toBe(0);
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
