/**
 * What every widget test file shares: a real API server (startServer) on an in-memory PGlite with
 * the company's sample exports loaded, and a real Chromium (Debian's, never downloaded) driven by
 * playwright-core. Test pages are served by that same server (same origin as the API, like the
 * portal), load the bundle with `<script type="module" src="http://127.0.0.1:PORT/widgets/alkana.js">`
 * and get their tokens from the test through `configure({ getToken })`.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { readConfig, type AlkanaConfig } from "../../../api/src/config.js";
import type { Database } from "../../../api/src/db/database.js";
import { refreshAfterLoad } from "../../../api/src/domain/refresh.js";
import { signToken, type Role } from "../../../api/src/graphql/auth.js";
import { loadFile } from "../../../api/src/ingest/load.js";
import { startServer, type RunningServer } from "../../../api/src/server/app.js";
import { backends } from "../../../test/support/databases.js";
import { SAMPLE_FACTS, sample } from "../../../test/support/samples.js";

export { samplesPresent } from "../../../test/support/samples.js";

export const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
export const AXE = fileURLToPath(new URL("../../../node_modules/axe-core/axe.min.js", import.meta.url));
const SECRET = "widget-tests-secret-0123456789abcdef";

export interface WidgetServer {
  base: string;
  database: Database;
  config: AlkanaConfig;
  server: RunningServer;
  /** A token signed with the server's secret. `ttl` as jose takes it (`1h`, `-1m` for an expired one). */
  token(role?: Role, plants?: string[], ttl?: string): Promise<string>;
  /** Test pages served by the API server itself under `/__widget-test__/` (same origin as the API). */
  pages: Map<string, string>;
  /** Loads one more file with the loading options of the samples (and optionally another as-of date). */
  load(path: string, asOf?: string): Promise<void>;
  close(): Promise<void>;
}

/** Starts the API on 127.0.0.1 with the named sample files loaded. */
export async function startWidgetServer(files: string[]): Promise<WidgetServer> {
  const config = readConfig({ ALKANA_JWT_SECRET: SECRET });
  const database = await backends[0].open();
  const load = async (path: string, asOf?: string) => {
    const run = await loadFile(database, path, {
      allowRejects: false,
      decimalComma: false,
      dateOrder: "MDY",
      loadedBy: "widget-test",
      ...SAMPLE_FACTS,
      afterMerge: refreshAfterLoad(asOf ? readConfig({ ALKANA_JWT_SECRET: SECRET, ALKANA_AS_OF: asOf }) : config),
    });
    if (run.status !== "LOADED") throw new Error(`${path} was not loaded: ${JSON.stringify(run.errors)}`);
  };
  try {
    for (const file of files) await load(sample(file));
    const server = await startServer({ database, config, port: 0, host: "127.0.0.1", log: () => undefined });
    const base = `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}`;
    return {
      base,
      pages: servePagesFrom(server),
      database,
      config,
      server,
      load,
      token: (role = "viewer", plants, ttl = "1h") =>
        signToken(new TextEncoder().encode(SECRET), { sub: `${role}@widget-test`, role, plants }, ttl),
      async close() {
        await server.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}

/**
 * Test pages must come from the API's own origin, as the portal does: a page Playwright fulfils
 * itself counts as "public" for Chromium's Local Network Access checks, which then block its
 * WebSocket to 127.0.0.1. So the test puts its pages in front of the app on the same server.
 * (`page.setContent` is no way out either: in Chromium 156 the elements it writes are never
 * upgraded once the bundle defines them.)
 */
export function servePagesFrom(server: RunningServer): Map<string, string> {
  const pages = new Map<string, string>();
  const [app] = server.httpServer.listeners("request") as ((req: IncomingMessage, res: ServerResponse) => void)[];
  server.httpServer.removeAllListeners("request");
  server.httpServer.on("request", (req: IncomingMessage, res: ServerResponse) => {
    const page = req.url ? pages.get(req.url) : undefined;
    if (page === undefined) return app(req, res);
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" }).end(page);
  });
  return pages;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export interface WidgetPage {
  page: Page;
  /** JavaScript dialogs opened by the page (an XSS payload would open one). */
  dialogs: string[];
  /** Uncaught exceptions in the page. */
  errors: string[];
  /** How the page's getToken answers; replace it to hand out other tokens. */
  tokens: { next: () => Promise<string> };
  /** Number of getToken calls so far. */
  tokenCalls(): number;
  /** Events caught on `document`: name, detail and the element that fired. */
  events(name?: string): Promise<{ name: string; detail: Record<string, unknown>; target: string }[]>;
}

/**
 * Opens a page with `body` inside `<main>`, the bundle loaded by one script tag and configure()
 * pointing at the test server with a getToken answered by `tokens.next()`.
 */
export async function openWidgetPage(
  browser: Browser,
  server: WidgetServer,
  body: string,
  options: { lang?: string; tokens?: () => Promise<string>; configure?: boolean } = {},
): Promise<WidgetPage> {
  const page = await browser.newPage();
  const dialogs: string[] = [];
  const errors: string[] = [];
  let calls = 0;
  const tokens = { next: options.tokens ?? (() => server.token("viewer")) };
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on("pageerror", (error) => errors.push(error.message));
  await page.exposeFunction("alkanaTestToken", () => {
    calls += 1;
    return tokens.next();
  });
  const configure =
    options.configure === false
      ? ""
      : `configure({ endpoint: "${server.base}/graphql", getToken: () => window.alkanaTestToken() });`;
  const html = `<!doctype html>
<html lang="${options.lang ?? "en"}">
<head><meta charset="utf-8"><title>Widget test</title>
<script type="module" src="${server.base}/widgets/alkana.js"></script>
</head>
<body><main>${body}</main>
<script type="module">
  import { configure } from "${server.base}/widgets/alkana.js";
  window.alkanaEvents = [];
  for (const name of ["alkana-token-expired", "alkana-select", "alkana-error"]) {
    document.addEventListener(name, (event) => window.alkanaEvents.push({ name, detail: event.detail, target: event.target.localName }));
  }
  ${configure}
</script>
</body>
</html>`;
  const path = `/__widget-test__/${Math.random().toString(36).slice(2)}.html`;
  server.pages.set(path, html);
  await page.goto(`${server.base}${path}`);
  await page.waitForFunction(() => customElements.get("alkana-leadtime") !== undefined);
  return {
    page,
    dialogs,
    errors,
    tokens,
    tokenCalls: () => calls,
    events: async (name) => {
      const all = await page.evaluate(
        () => (window as unknown as { alkanaEvents: { name: string; detail: Record<string, unknown>; target: string }[] }).alkanaEvents,
      );
      return name ? all.filter((event) => event.name === name) : all;
    },
  };
}

/** Runs axe-core on one element (shadow DOM included); returns the violations, summarised. */
export async function axeViolations(page: Page, selector: string): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ path: AXE });
  return page.evaluate(async (target) => {
    const axe = (window as unknown as { axe: { run(context: Element, options: object): Promise<{ violations: { id: string; help: string; nodes: { target: unknown; failureSummary?: string }[] }[] }> } }).axe;
    const element = document.querySelector(target)!;
    const result = await axe.run(element, { resultTypes: ["violations"] });
    return result.violations.map(
      (violation) =>
        `${violation.id}: ${violation.help} — ${violation.nodes.map((node) => `${JSON.stringify(node.target)} ${node.failureSummary ?? ""}`).join(" | ")}`,
    );
  }, selector);
}

/** The text of the cells of a table row (inside shadow roots), trimmed. */
export async function rowCells(page: Page, selector: string): Promise<string[]> {
  return (await page.locator(selector).locator("td").allInnerTexts()).map((text) => text.trim());
}

/** Runs a GraphQL query against the test server in Node, as the given token. */
export async function queryApi<T>(server: WidgetServer, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  const response = await fetch(`${server.base}/graphql`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token ?? (await server.token())}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(body.errors.map((error) => error.message).join("; "));
  return body.data!;
}
