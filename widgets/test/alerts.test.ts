/**
 * <alkana-alerts> in real Chromium against a real API with the samples loaded: the two LOW_YIELD
 * alerts of D8, an alert raised by a new load arriving live within 2 s, reconnection after the
 * WebSocket drops (and fetching what was missed meanwhile), resolving by role, the download,
 * Vietnamese, axe, token expiry and an alert message carrying HTML.
 */
import { sql } from "kysely";
import type { Browser, Page, WebSocketRoute } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sample } from "../../test/support/samples.js";
import {
  axeViolations,
  launchChromium,
  openWidgetPage,
  queryApi,
  samplesPresent,
  startWidgetServer,
  type WidgetServer,
} from "./support/harness.js";
import { downloadCsv } from "./support/suite.js";

const FILES = ["mb51.XLSX", "cooispi.XLSX", "zrmm024.XLSX", "zrsd004.XLSX", "zrpp062.XLSX"];
const XSS = "<img src=x onerror=alert(1)>";

describe.skipIf(!samplesPresent)("<alkana-alerts> in Chromium", () => {
  let server: WidgetServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWidgetServer(FILES), launchChromium()]);
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const shadow = (page: Page, selector: string) => page.locator(`alkana-alerts ${selector}`);
  const entities = (page: Page) => shadow(page, "tbody tr").evaluateAll((rows) => rows.map((row) => row.querySelector("button.link")?.textContent?.trim()));
  const live = (page: Page, timeout = 10_000) =>
    expect.poll(() => shadow(page, '[part~="live-status"]').getAttribute("data-status"), { timeout }).toBe("live");

  it("lists the active alerts as the API does, with counts per severity, and no resolve button for a viewer", async () => {
    const { page, errors } = await openWidgetPage(browser, server, `<alkana-alerts></alkana-alerts>`);
    await shadow(page, "tbody tr").first().waitFor();
    const api = await queryApi<{ alerts: { edges: { node: { entity: string; severity: string; message: string } }[] }; alertSummary: Record<string, number> }>(
      server,
      `{ alerts { edges { node { entity severity message } } } alertSummary { critical high medium total } }`,
    );
    expect(api.alerts.edges.map((edge) => edge.node.entity).sort()).toEqual(["10000109283", "10000109867"]);
    expect((await entities(page)).sort()).toEqual(["10000109283", "10000109867"]);
    const row = shadow(page, 'tr:has(button:text-is("10000109867"))');
    await expect(row.locator("td").allInnerTexts()).resolves.toEqual([
      "Critical",
      "Low yield",
      "10000109867",
      "1201",
      api.alerts.edges.find((edge) => edge.node.entity === "10000109867")!.node.message,
      expect.stringMatching(/2026/),
    ]);
    await expect(shadow(page, '[data-kpi="CRITICAL"] dd').innerText()).resolves.toBe(String(api.alertSummary.critical));
    await expect(shadow(page, '[data-kpi="total"] dd').innerText()).resolves.toBe(String(api.alertSummary.total));
    await expect(shadow(page, '[part~="resolve-button"]').count()).resolves.toBe(0);
    await live(page);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("downloads the alerts it lists: the export's rows are the API's active alerts", async () => {
    const { page, errors } = await openWidgetPage(browser, server, `<alkana-alerts></alkana-alerts>`);
    await shadow(page, "tbody tr").first().waitFor();
    const csv = await downloadCsv(page, "alkana-alerts");
    expect(csv.fileName).toMatch(/^alerts-.*\.csv$/);
    expect(csv.params).toEqual({ status: "ACTIVE", lang: "en" });
    expect(csv.bearer).toBe(true);
    const api = await queryApi<{ alerts: { edges: { node: { entity: string; severity: string; type: string; message: string } }[] } }>(
      server,
      `{ alerts { edges { node { entity severity type message } } } }`,
    );
    const key = (alert: { entity: string; severity: string; type: string; message: string }) => [alert.entity, alert.severity, alert.type, alert.message];
    expect(csv.rows.map((row) => key({ entity: row.Subject, severity: row.Severity, type: row.Type, message: row.Message })).sort()).toEqual(
      api.alerts.edges.map((edge) => key(edge.node)).sort(),
    );
    expect(csv.rows.map((row) => row.Subject).sort()).toEqual((await entities(page)).sort());
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows an alert raised by a new load within 2 s, without a reload", async () => {
    const { page } = await openWidgetPage(browser, server, `<alkana-alerts type="STUCK_IN_TRANSIT"></alkana-alerts>`);
    await shadow(page, '[data-state="empty"]').waitFor();
    await live(page);
    // A later as-of date: batch 26A2640210 (issued 2026-01-20) has been in transit 3 working days (D8).
    await server.load(sample("zrmm024.XLSX"), "2026-01-23");
    const loaded = Date.now();
    await shadow(page, 'tbody tr:has(button:text-is("26A2640210"))').waitFor({ timeout: 2_000 });
    expect(Date.now() - loaded).toBeLessThan(2_000);
    await expect(shadow(page, 'tbody tr [part~="badge"]').innerText()).resolves.toBe("High");
    await expect(shadow(page, '[data-kpi="HIGH"] dd').innerText()).resolves.toBe("1");
    await expect(shadow(page, '[role="status"][aria-live="polite"]').innerText()).resolves.toBe("New High alert: Stuck in transit, 26A2640210.");
    await page.close();
  });

  it("reconnects by itself after the WebSocket drops and fetches what it missed", async () => {
    let refuse = false;
    let connections = 0;
    const sockets: WebSocketRoute[] = [];
    const upstream: WebSocketRoute[] = [];
    const { page } = await openWidgetPage(browser, server, `<alkana-alerts type="STUCK_IN_TRANSIT"></alkana-alerts>`);
    await page.routeWebSocket(/\/graphql$/, (socket) => {
      connections += 1;
      if (refuse) return socket.close({ code: 1013, reason: "try again later" });
      upstream.push(socket.connectToServer());
      sockets.push(socket);
    });
    await page.reload();
    await shadow(page, '[data-kpi="total"]').waitFor();
    await live(page);
    const before = connections;

    // The server goes away; while it is away a load raises a new alert (26A2667810, issued
    // 2026-01-21, is over 2 working days on 2026-01-26).
    refuse = true;
    for (const socket of sockets) socket.close({ code: 1012, reason: "service restart" });
    for (const socket of upstream) socket.close();
    await expect.poll(() => shadow(page, '[part~="live-status"]').getAttribute("data-status")).toBe("reconnecting");
    await expect(shadow(page, '[part~="live-status"]').innerText()).resolves.toBe("Reconnecting…");
    await server.load(sample("zrmm024.XLSX"), "2026-01-26");
    await expect.poll(() => connections, { timeout: 10_000 }).toBeGreaterThan(before);
    refuse = false;
    await live(page, 20_000);
    await expect.poll(() => entities(page), { timeout: 5_000 }).toContain("26A2667810");
    await page.close();
  });

  it("lets an analyst resolve an alert with a note, from the keyboard", async () => {
    const analyst = await server.token("analyst");
    const { page, events } = await openWidgetPage(browser, server, `<alkana-alerts type="LOW_YIELD"></alkana-alerts>`, {
      tokens: async () => analyst,
    });
    const resolve = shadow(page, 'tr:has(button:text-is("10000109283")) [part~="resolve-button"]');
    await resolve.waitFor();
    await expect(resolve.getAttribute("aria-label")).resolves.toBe("Resolve the alert on 10000109283");
    await resolve.focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.tagName)).toBe("INPUT");
    await page.keyboard.type("scale recalibrated");
    await page.keyboard.press("Enter");
    await expect.poll(() => entities(page)).toEqual(["10000109867"]);
    await expect(shadow(page, '[role="status"][aria-live="polite"]').innerText()).resolves.toBe("The alert on 10000109283 is resolved.");
    const resolved = await queryApi<{ alerts: { edges: { node: { entity: string; resolvedBy: string; resolutionNote: string } }[] } }>(
      server,
      `{ alerts(filter: { types: [LOW_YIELD], status: RESOLVED }) { edges { node { entity resolvedBy resolutionNote } } } }`,
    );
    expect(resolved.alerts.edges.map((edge) => edge.node)).toEqual([
      { entity: "10000109283", resolvedBy: "analyst@widget-test", resolutionNote: "scale recalibrated" },
    ]);

    // Picking an alert's entity tells the page.
    await shadow(page, 'button.link:text-is("10000109867")').click();
    await expect.poll(async () => (await events("alkana-select")).map((event) => event.detail)).toEqual([
      { alertId: expect.any(String), type: "LOW_YIELD", entity: "10000109867", plant: "1201" },
    ]);
    await page.close();
  });

  it("speaks Vietnamese and has no axe violations, light and dark", async () => {
    const analyst = await server.token("admin");
    const { page } = await openWidgetPage(
      browser,
      server,
      `<alkana-alerts id="vi" lang="vi"></alkana-alerts><alkana-alerts id="dark" theme="dark"></alkana-alerts>`,
      { tokens: async () => analyst },
    );
    await page.locator("#vi tbody tr").first().waitFor();
    await page.locator("#dark tbody tr").first().waitFor();
    await expect(page.locator('#vi [part~="title"]').innerText()).resolves.toBe("Cảnh báo");
    await expect(page.locator('#vi thead th').allInnerTexts()).resolves.toEqual([
      "Mức độ", "Loại", "Lô, lệnh hoặc khách hàng", "Nhà máy", "Nội dung", "Phát hiện lúc", "Thao tác",
    ]);
    await expect(page.locator('#vi tr:has(button:text-is("10000109867")) [part~="badge"]').innerText()).resolves.toBe("Nghiêm trọng");
    await expect(page.locator('#vi [part~="resolve-button"]').first().innerText()).resolves.toBe("Xử lý xong");
    expect(await axeViolations(page, "#vi")).toEqual([]);
    expect(await axeViolations(page, "#dark")).toEqual([]);
    await page.locator('#vi [part~="resolve-button"]').first().click();
    await page.locator('#dark [part~="export-button"]').click();
    expect(await axeViolations(page, "#vi")).toEqual([]);
    expect(await axeViolations(page, "#dark")).toEqual([]);
    await page.close();
  });

  it("renews an expired token over HTTP and over the WebSocket", async () => {
    const expired = await server.token("viewer", undefined, "-1m");
    let calls = 0;
    const { page, events } = await openWidgetPage(browser, server, `<alkana-alerts></alkana-alerts>`, {
      tokens: async () => (++calls === 1 ? expired : server.token("viewer")),
    });
    await shadow(page, "tbody tr").first().waitFor();
    await live(page);
    const expiredEvents = await events("alkana-token-expired");
    expect(expiredEvents.length).toBeGreaterThanOrEqual(1);
    expect(expiredEvents.every((event) => event.detail.renewing === true && event.target === "alkana-alerts")).toBe(true);
    await expect(events("alkana-error")).resolves.toEqual([]);
    await page.close();
  });

  it("shows an alert message carrying HTML as text", async () => {
    await sql`insert into alert (type, entity, severity, plant, message, as_of_date)
      values ('DELAYED_TRANSIT', 'XSS-TEST', 'MEDIUM', '1401', ${XSS}, '2026-01-21')`.execute(server.database.db);
    const { page, dialogs, errors } = await openWidgetPage(browser, server, `<alkana-alerts type="DELAYED_TRANSIT"></alkana-alerts>`);
    const row = shadow(page, 'tr:has(button:text-is("XSS-TEST"))');
    await row.waitFor();
    await expect(row.locator("td.message").innerText()).resolves.toBe(XSS);
    await expect(page.locator("alkana-alerts img").count()).resolves.toBe(0);
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
