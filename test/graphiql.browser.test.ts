/**
 * GraphiQL opens in real headless Chromium (Debian's /usr/bin/chromium through playwright-core),
 * runs a query against the server, and every request it makes goes to the server itself.
 */
import { existsSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readConfig } from "../api/src/config.js";
import type { Database } from "../api/src/db/database.js";
import { startServer, type RunningServer } from "../api/src/server/app.js";
import { backends } from "./support/databases.js";

const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

if (!existsSync(CHROMIUM)) console.log(`The GraphiQL browser test is skipped: ${CHROMIUM} is not installed (apt-get install chromium).`);

describe.skipIf(!existsSync(CHROMIUM))("GraphiQL in Chromium", () => {
  let database: Database;
  let server: RunningServer;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    database = await backends[0].open();
    server = await startServer({ database, config: readConfig({}), port: 0, host: "127.0.0.1", log: () => undefined });
    base = `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await database?.close();
  });

  it("runs a query with the demo token and never leaves the server", async () => {
    const page = await browser.newPage();
    const requested: string[] = [];
    page.on("request", (request) => requested.push(request.url()));
    await page.goto(`${base}/graphiql`, { waitUntil: "load" });
    await page.waitForSelector(".graphiql-container", { timeout: 60_000 });
    const editor = page.locator(".graphiql-query-editor .monaco-editor, .graphiql-query-editor .CodeMirror").first();
    await editor.click();
    await page.keyboard.press("Control+A");
    // The editor closes brackets itself.
    await page.keyboard.type("{ health { ok database");
    await page.keyboard.press("Escape");
    await page.keyboard.press("Control+Enter");
    // Monaco renders spaces as non-breaking ones.
    const response = async () => (await page.locator(".graphiql-response").innerText()).replace(/\s+/g, " ");
    await expect.poll(response, { timeout: 30_000 }).toContain('"database": "pglite"');
    const outside = requested.filter((url) => !/^(https?:\/\/(127\.0\.0\.1|localhost)(:\d+)?\/|data:|blob:)/.test(url));
    expect(outside).toEqual([]);
    expect(requested.some((url) => url.endsWith("/graphql"))).toBe(true);
    await page.close();
  }, 600_000);
});
