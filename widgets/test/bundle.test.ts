/**
 * The widget bundle as shipped: its size budget, how the server serves it (cache headers, ETag,
 * 503 before a build), the example portal at `/` (no request leaves the server, every widget
 * renders with a demo token), `<alkana-config>` and attribute precedence, and importing the
 * bundle twice.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import express from "express";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readConfig } from "../../api/src/config.js";
import type { Database } from "../../api/src/db/database.js";
import { startServer, type RunningServer } from "../../api/src/server/app.js";
import { mountStaticRoutes } from "../../api/src/server/static.js";
import { backends } from "../../test/support/databases.js";
import { axeViolations, launchChromium, servePagesFrom } from "./support/harness.js";

const DIST = fileURLToPath(new URL("../../dist/widgets/", import.meta.url));
const BUDGET_GZIP_BYTES = 250 * 1024;
const WIDGET_ENTRIES = ["leadtime", "alerts", "batch-trace", "kpi", "sankey", "targets", "ar-aging", "otif", "movements", "yield"];
const TAGS = ["alkana-config", ...WIDGET_ENTRIES.map((entry) => `alkana-${entry}`)];

function bundleFiles(folder = DIST): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? bundleFiles(path) : path.endsWith(".js") ? [path] : [];
  });
}

describe("widget bundle", () => {
  it(`stays within ${BUDGET_GZIP_BYTES / 1024} kB gzipped, all files together`, () => {
    const files = bundleFiles();
    const sizes = files.map((file) => {
      const content = readFileSync(file);
      return { file: relative(DIST, file), raw: content.length, gzip: gzipSync(content, { level: 9 }).length };
    });
    const raw = sizes.reduce((total, size) => total + size.raw, 0);
    const gzip = sizes.reduce((total, size) => total + size.gzip, 0);
    console.log(`dist/widgets: ${(raw / 1024).toFixed(1)} kB raw, ${(gzip / 1024).toFixed(1)} kB gzip (${sizes.length} files)`);
    expect(sizes.map((size) => size.file)).toEqual(expect.arrayContaining(["alkana.js", ...WIDGET_ENTRIES.map((entry) => `${entry}.js`)]));
    expect(gzip).toBeLessThanOrEqual(BUDGET_GZIP_BYTES);
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      // Library mode would leave this for the browser, where `process` does not exist (TOOLCHAIN.md §5).
      expect(text).not.toContain("process.env");
      // Lit's production build, also when the tests' global setup builds under NODE_ENV=test.
      expect(text).not.toContain("Lit is in dev mode");
    }
  });

  it("answers 503 with the build command while the bundle is missing", async () => {
    const app = express();
    mountStaticRoutes(app, { widgetsDir: mkdtempSync(join(tmpdir(), "alkana-no-widgets-")) });
    const server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    try {
      const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/widgets/alkana.js`);
      expect(response.status).toBe(503);
      expect(await response.text()).toContain("npm run build:widgets");
    } finally {
      server.close();
    }
  });
});

describe("widget bundle served by the API, and the example portal", () => {
  let database: Database;
  let server: RunningServer;
  let browser: Browser;
  let base: string;
  let pages: Map<string, string>;

  beforeAll(async () => {
    // Demo mode (no secret): the portal gets its token from GET /demo/token. An empty database.
    [database, browser] = await Promise.all([backends[0].open(), launchChromium()]);
    server = await startServer({ database, config: readConfig({}), port: 0, host: "127.0.0.1", log: () => undefined });
    base = `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}`;
    pages = servePagesFrom(server);
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await database?.close();
  });

  it("serves /widgets/alkana.js and each widget's entry with max-age=300 and an ETag, chunks as immutable", async () => {
    for (const entry of ["alkana", ...WIDGET_ENTRIES]) {
      const response = await fetch(`${base}/widgets/${entry}.js`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^text\/javascript/);
      expect(response.headers.get("cache-control")).toBe("public, max-age=300");
      const etag = response.headers.get("etag");
      expect(etag).toBeTruthy();
      // node:http rather than fetch, which adds `Cache-Control: no-cache` to conditional requests.
      expect(await conditionalStatus(`${base}/widgets/${entry}.js`, etag!)).toBe(304);
    }
    const entry = await (await fetch(`${base}/widgets/alkana.js`)).text();
    const chunk = /\.\/(chunks\/[^"]+\.js)/.exec(entry)![1];
    const response = await fetch(`${base}/widgets/${chunk}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect((await fetch(`${base}/widgets/no-such-widget.js`)).status).toBe(404);
  });

  it("serves the portal at / with one module script and nothing from other hosts", async () => {
    const response = await fetch(`${base}/`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html.match(/<script type="module" src="\/widgets\/alkana\.js"><\/script>/g)).toHaveLength(1);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html).not.toMatch(/@import|fonts\.googleapis/);
    for (const tag of TAGS.slice(1)) expect(html).toContain(`<${tag}`);
  });

  it("renders every widget of the portal with the demo token, requesting nothing from other hosts", async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    const foreign: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("request", (request) => {
      if (!request.url().startsWith(base)) foreign.push(request.url());
    });
    await page.goto(`${base}/`);
    await expect(page.locator('#leadtime [data-state="empty"]').innerText()).resolves.toBe("No data for the chosen period.");
    await expect(page.locator('#alert-feed [data-state="empty"]').innerText()).resolves.toBe("No active alerts.");
    await expect.poll(() => page.locator('#alert-feed [part~="live-status"]').getAttribute("data-status")).toBe("live");
    await expect(page.locator('#batch-trace [data-state="prompt"]').isVisible()).resolves.toBe(true);
    expect(await axeViolations(page, "main")).toEqual([]);

    // The language switch of the page re-labels the widgets.
    await page.locator("#language").selectOption("vi");
    await expect.poll(() => page.locator('#leadtime [data-state="empty"]').innerText()).toBe("Không có dữ liệu cho khoảng thời gian đã chọn.");
    const events = await page.evaluate(() => document.querySelector("#event-log")!.textContent);
    expect(events).not.toContain("alkana-token-expired");
    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("loads a widget's own entry, the shared chunk and, once a widget is on the page, ECharts' chunk; defines only that widget (and <alkana-config>)", async () => {
    const { token } = (await (await fetch(`${base}/demo/token`)).json()) as { token: string };
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    pages.set(
      "/__widget-test__/one-entry.html",
      `<!doctype html><html lang="en"><head><title>one entry</title></head><body>
      <alkana-config endpoint="${base}/graphql" token="${token}"></alkana-config>
      <alkana-kpi metric="revenue"></alkana-kpi>
      <script type="module" src="${base}/widgets/kpi.js"></script></body></html>`,
    );
    await page.goto(`${base}/__widget-test__/one-entry.html`);
    await page.waitForFunction(() => customElements.get("alkana-kpi") !== undefined);
    const defined = await page.evaluate(`${JSON.stringify(TAGS)}.filter((tag) => customElements.get(tag) !== undefined)`);
    expect(defined).toEqual(["alkana-config", "alkana-kpi"]);
    await expect
      .poll(() => page.evaluate(`performance.getEntriesByType("resource").filter((entry) => entry.name.endsWith(".js")).length`))
      .toBe(3);
    const scripts = await page.evaluate(`performance.getEntriesByType("resource").map((entry) => new URL(entry.name).pathname).filter((path) => path.endsWith(".js"))`);
    expect(scripts).toEqual([
      "/widgets/kpi.js",
      expect.stringMatching(/^\/widgets\/chunks\/alkana-core-[\w-]+\.js$/),
      expect.stringMatching(/^\/widgets\/chunks\/echarts-[\w-]+\.js$/),
    ]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("takes endpoint and token from <alkana-config>, its own attributes first, and survives a second copy", async () => {
    const { token } = (await (await fetch(`${base}/demo/token`)).json()) as { token: string };
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    pages.set(
      "/__widget-test__/config.html",
      `<!doctype html><html lang="en"><head><title>alkana-config</title></head><body>
      <alkana-config endpoint="${base}/graphql" token="${token}"></alkana-config>
      <alkana-leadtime id="configured"></alkana-leadtime>
      <alkana-leadtime id="own" token="not-a-token"></alkana-leadtime>
      <script type="module" src="${base}/widgets/alkana.js"></script></body></html>`,
    );
    await page.goto(`${base}/__widget-test__/config.html`);
    await expect(page.locator('#configured [data-state="empty"]').innerText()).resolves.toBe("No data for the chosen period.");
    await expect(page.locator('#own [data-state="unauthenticated"] p').innerText()).resolves.toContain("sign-in has expired or is missing");

    // A second import, each widget's own entry, and a second copy of a widget's code: nothing throws.
    const chunk = /\.\/(chunks\/alkana-core-[^"]+\.js)/.exec(await (await fetch(`${base}/widgets/leadtime.js`)).text())![1];
    // (A string, so that Vite does not rewrite these import() calls for Node.)
    const imported = await page.evaluate(`(async () => {
      for (const entry of ${JSON.stringify(["alkana", ...WIDGET_ENTRIES])}) await import("${base}/widgets/" + entry + ".js");
      await import("${base}/widgets/${chunk}?second-copy");
      await import("${base}/widgets/leadtime.js?second-copy");
      return ${JSON.stringify(TAGS)}.filter((tag) => customElements.get(tag) === undefined);
    })()`);
    expect(imported).toEqual([]);

    // Without a token of its own the widget falls back to <alkana-config>; when that changes,
    // every widget reloads with it.
    await page.locator("#own").evaluate((element) => element.removeAttribute("token"));
    await expect.poll(() => page.locator('#own [data-state="empty"]').count()).toBe(1);
    await page.locator("alkana-config").evaluate((element) => element.setAttribute("token", "revoked"));
    await expect.poll(() => page.locator('#configured [data-state="unauthenticated"]').count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });
});

function conditionalStatus(url: string, etag: string): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { "If-None-Match": etag } }, (response) => {
        response.resume();
        resolve(response.statusCode);
      })
      .on("error", reject);
  });
}
