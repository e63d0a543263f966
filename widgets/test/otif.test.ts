/**
 * <alkana-otif> in Chromium against the API with deliveries and MB51: the KPI line, the per
 * channel table and the deliveries table equal otif / otifDeliveries, the channel attribute,
 * Vietnamese, axe.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, launchChromium, openWidgetPage, queryApi, samplesPresent, startWidgetServer, type WidgetServer } from "./support/harness.js";
import { downloadCsv, formatIn, inWidget, showTable, tableRows, waitForChart } from "./support/suite.js";

const FILES = ["mb51.XLSX", "zrsd004.XLSX"];
const TAG = "alkana-otif";

interface Otif {
  otif: { deliveries: { total: number; otifPercent: number }; byChannel: { channel: string; deliveries: { total: number; otifPercent: number | null } }[] };
  otifDeliveries: { edges: { node: { delivery: string; status: string } }[] };
}
const QUERY = `query($filter: OtifFilter) { otif(filter: $filter) { deliveries { total otifPercent } byChannel { channel deliveries { total otifPercent } } }
  otifDeliveries(filter: $filter, first: 20) { edges { node { delivery status } } } }`;

describe.skipIf(!samplesPresent)("<alkana-otif> in Chromium", () => {
  let server: WidgetServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWidgetServer(FILES), launchChromium()]);
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("shows OTIF overall, per channel and per delivery as the API computes it, and follows the channel", async () => {
    const api = await queryApi<Otif>(server, QUERY, { filter: {} });
    expect(api.otif.deliveries.total).toBeGreaterThan(0);
    const { page, errors } = await openWidgetPage(browser, server, `<alkana-otif></alkana-otif>`);
    await waitForChart(page, TAG);
    const [otif] = await formatIn(page, "en-US", { kind: "percent" }, [api.otif.deliveries.otifPercent]);
    await expect(inWidget(page, TAG, '[data-kpi="otifPercent"] dd').innerText()).resolves.toBe(otif);
    expect(await axeViolations(page, TAG)).toEqual([]);
    await showTable(page, TAG);
    const deliveries = await tableRows(page, TAG, 0);
    const statuses = { ON_TIME: "On time", LATE: "Late", PENDING: "Pending" } as Record<string, string>;
    expect(deliveries.map((row) => [row[0], row[6]])).toEqual(api.otifDeliveries.edges.map(({ node }) => [node.delivery, statuses[node.status]]));
    const channels = await tableRows(page, TAG, 1);
    expect(channels.map((row) => row[2])).toEqual(await formatIn(page, "en-US", { kind: "percent" }, api.otif.byChannel.map((c) => c.deliveries.otifPercent)));
    expect(await axeViolations(page, TAG)).toEqual([]);

    const retail = await queryApi<Otif>(server, QUERY, { filter: { channel: "13" } });
    await page.locator(TAG).evaluate((element) => element.setAttribute("channel", "13"));
    const [retailOtif] = await formatIn(page, "en-US", { kind: "percent" }, [retail.otif.deliveries.otifPercent]);
    await expect.poll(() => inWidget(page, TAG, '[data-kpi="otifPercent"] dd').innerText()).toBe(retailOtif);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("downloads the deliveries it lists: the export's rows are the API's, for the widget's channel", async () => {
    const api = await queryApi<Otif & { otif: { deliveries: { otif: number } } }>(
      server,
      QUERY.replace("deliveries { total otifPercent }", "deliveries { total otif otifPercent }"),
      { filter: { channel: "13" } },
    );
    const { page, errors } = await openWidgetPage(browser, server, `<alkana-otif channel="13"></alkana-otif>`);
    await waitForChart(page, TAG);
    const csv = await downloadCsv(page, TAG);
    expect(csv.fileName).toMatch(/^otif-deliveries-.*\.csv$/);
    expect(csv.params).toEqual({ channel: "13", lang: "en" });
    expect(csv.bearer).toBe(true);
    expect(csv.rows).toHaveLength(api.otif.deliveries.total);
    expect(new Set(csv.rows.map((row) => row.Channel))).toEqual(new Set(["13"]));
    expect(csv.rows.filter((row) => row.OTIF === "Yes")).toHaveLength(api.otif.deliveries.otif);
    const listed = api.otifDeliveries.edges.map(({ node }) => [node.delivery, node.status]);
    expect(csv.rows.slice(0, listed.length).map((row) => [row.Delivery, row.Status])).toEqual(listed);
    await showTable(page, TAG);
    expect((await tableRows(page, TAG, 0)).map((row) => row[0])).toEqual(listed.map(([delivery]) => delivery));
    expect(errors).toEqual([]);
    await page.close();
  });

  it("speaks Vietnamese", async () => {
    const { page } = await openWidgetPage(browser, server, `<alkana-otif></alkana-otif>`, { lang: "vi" });
    await waitForChart(page, TAG);
    await expect(inWidget(page, TAG, '[part~="title"]').innerText()).resolves.toBe("OTIF: đúng hạn, đủ hàng");
    await expect(inWidget(page, TAG, '[data-kpi="onTimePercent"] dt').innerText()).resolves.toBe("Đúng hạn");
    await page.close();
  });
});
