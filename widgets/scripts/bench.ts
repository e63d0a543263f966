/**
 * `npm run bench:widgets`: the size of the whole widget bundle (raw and gzip -9, goal ≤ 250 kB
 * gzip) and the time from navigation start to the first `alkana-*` chart painted (the
 * `alkana-chart-rendered` performance mark the chart controller sets on ECharts' first `rendered`
 * frame),
 * on the example portal in headless Chromium against the local API (goal ≤ 1 s). Several runs, each
 * in a fresh browser context (cold cache); prints the median and the machine. Also the repeat visit
 * a portal user makes every day: the third load of the page in one context, when the browser has
 * the bundle in its HTTP cache and V8 its compiled code (the API answers as before).
 *
 * The bench waits for the mark by asking the page over the DevTools protocol every 50 ms
 * (`chartPaintedAt`), which runs nothing in the page but that one expression. Playwright's
 * `waitForFunction` first installs its own script in the page, right after the load event, when
 * the widgets send their requests: 50–110 ms of the page's main thread that a real visit does not
 * spend.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import type { Page } from "playwright-core";
import { launchChromium } from "../test/support/harness.js";
import { startPortalServer } from "./portal-server.js";

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const SINGLE = ["alkana-leadtime", "alkana-sankey", "alkana-targets", "alkana-ar-aging", "alkana-otif", "alkana-movements", "alkana-yield"];
const DIST = fileURLToPath(new URL("../../dist/widgets/", import.meta.url));

function jsFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? jsFiles(path) : path.endsWith(".js") ? [path] : [];
  });
}

/** When the page's first chart was painted (ms from navigation start), once it has been. */
async function chartPaintedAt(page: Page): Promise<number> {
  const session = await page.context().newCDPSession(page);
  try {
    for (const deadline = Date.now() + 30_000; Date.now() < deadline; ) {
      const { result } = await session.send("Runtime.evaluate", {
        expression: `performance.getEntriesByName("alkana-chart-rendered")[0]?.startTime ?? -1`,
        returnByValue: true,
      });
      if (typeof result.value === "number" && result.value >= 0) return result.value;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`no alkana-chart-rendered mark within 30 s on ${page.url()}`);
  } finally {
    await session.detach();
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const server = await startPortalServer();
const browser = await launchChromium();
try {
  const files = jsFiles(DIST);
  const raw = files.reduce((total, file) => total + statSync(file).size, 0);
  const gzip = files.reduce((total, file) => total + gzipSync(readFileSync(file), { level: 9 }).length, 0);
  const entry = gzipSync(readFileSync(join(DIST, "alkana.js")), { level: 9 }).length;

  const firstChart: number[] = [];
  const allCharts: number[] = [];
  let portalWidgets = 0;
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.base}/`);
    firstChart.push(await chartPaintedAt(page));
    portalWidgets = await page.evaluate(() => [...document.querySelectorAll("main *")].filter((element) => element.localName.startsWith("alkana-")).length);
    // Every chart of the portal, also below the first screen.
    await page.waitForTimeout(2000);
    allCharts.push(await page.evaluate(() => Math.max(...performance.getEntriesByName("alkana-chart-rendered").map((mark) => mark.startTime))));
    await context.close();
  }

  const portalWarm = await repeatVisit(`${server.base}/`);

  // One widget alone on a page (the usual embed): navigation start → its chart painted.
  const single: Record<string, number> = {};
  const singleWarm: Record<string, number> = {};
  const breakdown: Record<string, [number, number]> = {};
  for (const tag of SINGLE) {
    server.pages.set(
      `/__bench__/${tag}.html`,
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${tag}</title>
<script type="module" src="/widgets/alkana.js"></script></head><body><main><${tag}></${tag}></main>
<script type="module">
  import { configure } from "/widgets/alkana.js";
  configure({ endpoint: "/graphql", getToken: async () => (await (await fetch("/demo/token")).json()).token });
</script></body></html>`,
    );
    const times: number[] = [];
    const scripts: number[] = [];
    const answers: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${server.base}/__bench__/${tag}.html`);
      await chartPaintedAt(page);
      // (A string: tsx would wrap named functions in a helper the page does not have.)
      const [chart, script, graphqlEnd] = (await page.evaluate(`(() => {
        const resources = performance.getEntriesByType("resource");
        const last = (part) => Math.max(0, ...resources.filter((entry) => entry.name.includes(part)).map((entry) => entry.responseEnd));
        return [performance.getEntriesByName("alkana-chart-rendered")[0].startTime, last("/widgets/"), last("/graphql")];
      })()`)) as number[];
      times.push(chart);
      scripts.push(script);
      answers.push(graphqlEnd);
      await context.close();
    }
    single[tag] = median(times);
    breakdown[tag] = [median(scripts), median(answers)];
    singleWarm[tag] = await repeatVisit(`${server.base}/__bench__/${tag}.html`);
  }

  /** Median over RUNS contexts of the third load of `url` in the same context. */
  async function repeatVisit(url: string): Promise<number> {
    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      for (let visit = 1; visit <= 3; visit++) {
        await page.goto(url);
        const painted = await chartPaintedAt(page);
        if (visit === 3) times.push(painted);
      }
      await context.close();
    }
    return median(times);
  }

  const cpu = cpus();
  const version = await browser.version();
  console.log(`Machine: ${cpu[0]?.model ?? "unknown CPU"} × ${cpu.length}, ${(totalmem() / 2 ** 30).toFixed(1)} GB RAM, Node ${process.version}, Chromium ${version} (headless)`);
  console.log(`Data: ${server.source === "samples" ? "the SAP samples" : "generated demo data"} on in-memory PGlite, API on 127.0.0.1`);
  console.log(`Bundle: ${files.length} files, ${(raw / 1024).toFixed(1)} kB raw, ${(gzip / 1024).toFixed(1)} kB gzip -9 (goal ≤ 250 kB); alkana.js entry ${(entry / 1024).toFixed(2)} kB gzip`);
  for (const [tag, time] of Object.entries(single)) {
    const [script, graphqlEnd] = breakdown[tag];
    console.log(
      `<${tag}> alone on a page: chart painted at ${time.toFixed(0)} ms (median of ${RUNS} cold runs; bundle loaded at ${script.toFixed(0)} ms, last GraphQL answer at ${graphqlEnd.toFixed(0)} ms); repeat visit ${singleWarm[tag].toFixed(0)} ms`,
    );
  }
  console.log(`Portal (examples/portal.html, ${portalWidgets} widgets querying at once): first chart painted (navigation start → first alkana-chart-rendered mark), ${RUNS} cold runs: median ${median(firstChart).toFixed(0)} ms (min ${Math.min(...firstChart).toFixed(0)}, max ${Math.max(...firstChart).toFixed(0)}; goal ≤ 1000 ms)`);
  console.log(`Portal: last chart painted: median ${median(allCharts).toFixed(0)} ms`);
  console.log(`Portal, repeat visit (third load in one context: bundle from the HTTP cache, V8 code cache): first chart painted, median of ${RUNS}: ${portalWarm.toFixed(0)} ms`);
  console.log(`Runs (first chart, ms): ${firstChart.map((value) => value.toFixed(0)).join(", ")}`);
} finally {
  await browser.close();
  await server.close();
}
