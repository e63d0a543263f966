/**
 * `npm run bench:api`: the GraphQL API on the generated year in PostgreSQL, side by side with the same
 * SQL sent through pg directly, and the fan-out of a new alert to 1,000 WebSocket subscribers.
 *
 * 1. Generates the demo year (bench/support/year.ts: 12 months at scale 40, CSV), loads it into a
 *    fresh schema and refreshes the model — or reuses the schema named by `--schema` (already loaded
 *    and refreshed, e.g. one kept by an earlier `--keep` run; pending migrations are applied to it),
 *    to save time while iterating.
 * 2. Starts the API in this process on 127.0.0.1 with an HS256 secret, and a second one with its
 *    per-model-version caches off (results and whole responses); signs a viewer token.
 * 3. For `leadTimeSummary` over the year window and a 100-order `leadTimeOrders` page (nested
 *    `material { description }` and `leadTime { totalDays status }`): `--clients` (32) concurrent
 *    keep-alive HTTP clients for `--duration` (15 s) after `--warmup` (3 s), against the API and
 *    against the API with its caches off (every request executes and reads the database); then the SQL that the
 *    domain function runs for that request (captured from Kysely while resolving it once) through a
 *    `pg.Pool` of 32 connections, the same way; then, for reference, every statement the whole
 *    GraphQL request runs (as-of date, DataLoaders) through pg. The clients run in a worker thread.
 * 4. Opens `--subscribers` (1,000) graphql-ws `alertRaised` subscriptions (ws package), loads a
 *    crafted one-row ZRPP062 CSV (a new filling order with a low yield: one new LOW_YIELD alert,
 *    announced with NOTIFY at the load's commit) and records each subscriber's delay from the end of
 *    the refresh inside the load's transaction (just before its COMMIT), from `loadFile` resolving
 *    (the commit acknowledged) and from the start of the load.
 *
 * Prints the machine, the load average, the data size, the tables and the ratios; drops the schema
 * it created (not a `--schema` one, nor with `--keep`). Goals (issue): p95 ≤ 50 ms; API throughput
 * ≥ 0.7 × direct SQL; fan-out p99 ≤ 250 ms. BENCHMARKS.md is written by hand from this output.
 *
 *   DATABASE_URL=postgres://user:pass@127.0.0.1:5432/db npm run bench:api
 *     [-- --schema bench_xxx] [-- --keep] [-- --duration 15] [-- --warmup 3] [-- --clients 32] [-- --subscribers 1000]
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { graphql } from "graphql";
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { readConfig } from "../api/src/config.js";
import { openDatabase, type Database, type Db } from "../api/src/db/database.js";
import { migrate } from "../api/src/db/migrate.js";
import { resolveAsOf } from "../api/src/domain/as-of.js";
import { leadTimeOrders, leadTimeSummary } from "../api/src/domain/lead-time.js";
import { refreshModel, type RefreshResult } from "../api/src/domain/refresh.js";
import { signToken } from "../api/src/graphql/auth.js";
import { createContext } from "../api/src/graphql/context.js";
import { ALERT_RAISED, createAlkanaPubSub } from "../api/src/graphql/pubsub.js";
import { buildAlkanaSchema } from "../api/src/graphql/schema.js";
import { loadFile } from "../api/src/ingest/load.js";
import { reportSpec } from "../api/src/ingest/reports/index.js";
import { startServer, type RunningServer } from "../api/src/server/app.js";
import { now, PG_TYPES, type LoadJob, type LoadResult, type WsMessage } from "./support/load-worker.js";
import { BENCH_LOAD_OPTIONS, generateYear, loadYear, machineLine, openBenchSchema, seconds, YEAR, yearSize } from "./support/year.js";

const DATABASE_URL = process.env.DATABASE_URL;
if (!DATABASE_URL) {
  console.error(
    "bench:api needs a PostgreSQL server: set DATABASE_URL, e.g.\n" +
      "  DATABASE_URL=postgres://bench:bench@127.0.0.1:5432/alkana_bench npm run bench:api",
  );
  process.exit(2);
}
const args = process.argv.slice(2);
const REUSE = argValue("--schema");
const KEEP = args.includes("--keep");
const CLIENTS = Number(argValue("--clients") ?? 32);
const DURATION_MS = Number(argValue("--duration") ?? 15) * 1000;
const WARMUP_MS = Number(argValue("--warmup") ?? 3) * 1000;
const SUBSCRIBERS = Number(argValue("--subscribers") ?? 1000);
const MONTHS = Number(argValue("--months") ?? YEAR.months);
const SCALE = Number(argValue("--scale") ?? YEAR.scale);
for (const [name, value, max] of [["--clients", CLIENTS, 256], ["--duration", DURATION_MS / 1000, 300], ["--warmup", WARMUP_MS / 1000, 60], ["--subscribers", SUBSCRIBERS, 5000]] as const) {
  if (!Number.isFinite(value) || value < (name === "--warmup" ? 0 : 1) || value > max) {
    console.error(`${name} must be a number up to ${max}`);
    process.exit(2);
  }
}
/** The year's release window: the `MONTHS` calendar months ending with the generated end date. */
const WINDOW = yearWindow(YEAR.endDate, MONTHS);
const SECRET = randomBytes(32).toString("base64url");
// A clean environment: the defaults of DOMAIN §6, the as-of date = the data cut-off (DOMAIN D1).
const config = readConfig({ ALKANA_JWT_SECRET: SECRET });
const GOALS = { p95Ms: 50, throughputRatio: 0.7, fanOutP99Ms: 250 };

const SUMMARY_QUERY = `{ leadTimeSummary(filter: { from: "${WINDOW.from}", to: "${WINDOW.to}" }) {
  orderCount mtoAverageDays mtsAverageDays onTimePercent onTimeCount delayedCount stuckCount inProgressCount } }`;
const PAGE_QUERY = `{ leadTimeOrders(first: 100, filter: { from: "${WINDOW.from}", to: "${WINDOW.to}" }) {
  totalCount edges { node { orderNumber material { description } leadTime { totalDays status } } } } }`;
const SUBSCRIPTION = "subscription { alertRaised(types: [LOW_YIELD]) { id type entity severity plant } }";

interface Statement {
  sql: string;
  parameters: unknown[];
}

interface Row {
  query: string;
  side: string;
  result: LoadResult;
  load: number;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "alkana-bench-api-"));
  const bench = await openBenchSchema(DATABASE_URL!, { reuse: REUSE, keep: KEEP });
  console.log(await machineLine(bench.admin, { loadAverage: true }));
  let database: Database | undefined;
  let server: RunningServer | undefined;
  let uncached: RunningServer | undefined;
  let capture: Capture | undefined;
  try {
    database = await prepareYear(bench.url, dir);
    const size = await yearSize(database);
    const asOf = (await resolveAsOf(database.db, config.asOf)).date;
    const { rows: facts } = await sql<{ orders: number; in_window: number; alerts: number }>`
      select (select count(*) from lead_time_order) as orders,
             (select count(*) from lead_time_order where release_date between ${WINDOW.from}::date and ${WINDOW.to}::date) as in_window,
             (select count(*) from alert where status = 'ACTIVE') as alerts`.execute(database.db);
    console.log(
      `Data (schema ${bench.schema}): ${size.lines.toLocaleString("en")} MB51 lines, ${size.orders.toLocaleString("en")} process orders ` +
        `(${size.p01.toLocaleString("en")} P01), ${facts[0].orders.toLocaleString("en")} lead-time orders, ` +
        `${facts[0].in_window.toLocaleString("en")} released ${WINDOW.from} … ${WINDOW.to}, ${facts[0].alerts} active alerts; as-of ${asOf}`,
    );

    // ── the API in this process ─────────────────────────────────────────────────────────────────
    const pubSub = createAlkanaPubSub();
    let subscriptions = 0;
    let publishedAt: number | undefined;
    // Counts the subscriptions (every one registered before the load) and notes the first publish.
    const subscribe = pubSub.subscribe as (...parameters: unknown[]) => unknown;
    pubSub.subscribe = ((...parameters: unknown[]) => {
      subscriptions += 1;
      return subscribe.apply(pubSub, parameters);
    }) as typeof pubSub.subscribe;
    const publish = pubSub.publish as (...parameters: unknown[]) => void;
    pubSub.publish = ((...parameters: unknown[]) => {
      if (parameters[0] === ALERT_RAISED) publishedAt ??= now();
      publish.apply(pubSub, parameters);
    }) as typeof pubSub.publish;
    let serverErrors = 0;
    server = await startServer({
      database,
      config,
      port: 0,
      host: "127.0.0.1",
      pubSub,
      // Request log lines are dropped (counted when they are errors): stdout is the report here.
      log: (entry) => {
        if ((entry as { level?: string }).level === "error" || ((entry as { status?: number }).status ?? 200) >= 400) serverErrors += 1;
      },
    });
    const port = (server.httpServer.address() as AddressInfo).port;
    const graphqlUrl = `http://127.0.0.1:${port}/graphql`;
    // The same API with its per-model-version caches off (results and responses): what every request
    // costs when it executes and reads the database (the first request after each load, and any
    // filter not asked before).
    uncached = await startServer({ database, config, port: 0, host: "127.0.0.1", cacheResults: false, log: () => undefined });
    const uncachedUrl = `http://127.0.0.1:${(uncached.httpServer.address() as AddressInfo).port}/graphql`;
    const token = await signToken(new TextEncoder().encode(SECRET), { sub: "bench@api", role: "viewer" }, "2h");
    const viewer = { user: "bench@api", role: "viewer" as const, plants: undefined };

    // ── the SQL of each request, captured while resolving it once ──────────────────────────────
    capture = openCapture(bench.url);
    const summarySql = await capture.run((db) => leadTimeSummary(db, { from: WINDOW.from, to: WINDOW.to }, asOf, config));
    // The resolver asks for first + 1 rows (to know whether there is a next page).
    const pageSql = await capture.run((db) => leadTimeOrders(db, { from: WINDOW.from, to: WINDOW.to }, asOf, config, { limit: 101, offset: 0 }));
    const schema = await buildAlkanaSchema();
    const requestSql = async (source: string) =>
      capture!.run(async (db) => {
        const result = await graphql({ schema, source, contextValue: createContext({ ...database!, db }, config, viewer) });
        if (result.errors) throw new Error(`${source}: ${JSON.stringify(result.errors)}`);
        return result.data;
      });
    const summaryRequestSql = await requestSql(SUMMARY_QUERY);
    const pageRequestSql = await requestSql(PAGE_QUERY);
    await capture.close();
    capture = undefined;

    // The API answers what the domain answered, before anything is timed.
    const viaApi = await post(graphqlUrl, token, SUMMARY_QUERY);
    const summary = (viaApi.data as { leadTimeSummary: { orderCount: number } }).leadTimeSummary;
    if (JSON.stringify(viaApi.data) !== JSON.stringify(summaryRequestSql.value)) throw new Error("the API's leadTimeSummary differs from the domain's");
    if (summary.orderCount !== summarySql.value.orderCount) throw new Error("leadTimeSummary orderCount differs");
    const page = (await post(graphqlUrl, token, PAGE_QUERY)).data as { leadTimeOrders: { totalCount: number; edges: unknown[] } };
    if (page.leadTimeOrders.edges.length !== 100) throw new Error(`the page has ${page.leadTimeOrders.edges.length} orders, not 100`);
    console.log(
      `leadTimeSummary over the window: ${summary.orderCount.toLocaleString("en")} orders; the page: 100 of ${page.leadTimeOrders.totalCount.toLocaleString("en")}. ` +
        `SQL statements per request — summary: domain ${summarySql.statements.length}, whole request ${summaryRequestSql.statements.length}; ` +
        `page: domain ${pageSql.statements.length}, whole request ${pageRequestSql.statements.length}`,
    );

    // ── HTTP load, side by side with pg ─────────────────────────────────────────────────────────
    console.log(
      `\n${CLIENTS} concurrent clients, ${WARMUP_MS / 1000} s warm-up + ${DURATION_MS / 1000} s measured per row (clients in a worker thread; ` +
        `the API's pg pool has 10 connections, the direct side's ${CLIENTS})…`,
    );
    const rows: Row[] = [];
    const measure = async (query: string, side: string, job: Exclude<LoadJob, { kind: "ws" }>) => {
      const result = await runWorker(job);
      rows.push({ query, side, result, load: loadavg()[0] });
      console.log(`  ${query} — ${side}: ${formatRate(result)} req/s, p95 ${percentile(result.latencies, 0.95).toFixed(1)} ms${result.errors ? `, ${result.errors} errors (${result.firstError})` : ""}`);
    };
    const http = (body: string, expect: string, url = graphqlUrl): Exclude<LoadJob, { kind: "ws" }> => ({
      kind: "http",
      url,
      body: JSON.stringify({ query: body }),
      headers: { Authorization: `Bearer ${token}` },
      clients: CLIENTS,
      warmupMs: WARMUP_MS,
      durationMs: DURATION_MS,
      expect,
    });
    const direct = (statements: Statement[]): Exclude<LoadJob, { kind: "ws" }> => ({ kind: "pg", url: bench.url, statements, clients: CLIENTS, warmupMs: WARMUP_MS, durationMs: DURATION_MS });
    const cases = [
      { query: "leadTimeSummary (year)", body: SUMMARY_QUERY, expect: '"orderCount"', domain: summarySql.statements, request: summaryRequestSql.statements },
      { query: "leadTimeOrders, 100-order page", body: PAGE_QUERY, expect: '"totalCount"', domain: pageSql.statements, request: pageRequestSql.statements },
    ];
    for (const item of cases) {
      await measure(item.query, "API: GraphQL over HTTP", http(item.body, item.expect));
      await measure(item.query, "API, caches off", http(item.body, item.expect, uncachedUrl));
      await measure(item.query, `same SQL through pg (${item.domain.length} statement${item.domain.length > 1 ? "s" : ""})`, direct(item.domain));
      await measure(item.query, `every statement of the request through pg (${item.request.length})`, direct(item.request));
    }
    printHttpTable(rows);
    if (serverErrors > 0) console.log(`The server logged ${serverErrors} error responses.`);

    // ── fan-out ─────────────────────────────────────────────────────────────────────────────────
    await fanOut({ database, port, token, dir, subscriptions: () => subscriptions, publishedAt: () => publishedAt });
    console.log(`\nLoad average at the end: ${loadavg().map((value) => value.toFixed(2)).join(", ")}`);
    if (KEEP && !REUSE) console.log(`Schema kept for --schema ${bench.schema}`);
  } finally {
    await capture?.close().catch(() => undefined);
    await server?.close().catch((error: unknown) => console.error(`closing the server: ${String(error)}`));
    await uncached?.close().catch((error: unknown) => console.error(`closing the uncached server: ${String(error)}`));
    await database?.close();
    await bench.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Generates and loads the year into the new schema, or checks the reused one. */
async function prepareYear(url: string, dir: string): Promise<Database> {
  if (REUSE) {
    const database = await openDatabase({ databaseUrl: url, dataDir: "", holder: "bench" });
    const { applied } = await migrate(database);
    if (applied.length) console.log(`Applied the migrations the reused schema lacked: ${applied.join(", ")}`);
    const { rows } = await sql<{ n: number }>`select count(*) as n from lead_time_order`.execute(database.db);
    if (rows[0].n === 0) {
      const started = performance.now();
      await database.db.transaction().execute((trx) => refreshModel(trx, config, { loadId: null, report: "ALL" }));
      console.log(`Refreshed the model of the reused schema in ${seconds(started)} s`);
    }
    return database;
  }
  let started = performance.now();
  const files = await generateYear(dir, { months: MONTHS, scale: SCALE });
  console.log(`Generated ${MONTHS} months at scale ${SCALE} in ${seconds(started)} s`);
  started = performance.now();
  const database = await loadYear(url, files);
  console.log(`Loaded in ${seconds(started)} s`);
  started = performance.now();
  await database.db.transaction().execute((trx) => refreshModel(trx, config, { loadId: null, report: "ALL" }));
  console.log(`Refreshed the model in ${seconds(started)} s`);
  for (const file of files) rmSync(file.path, { force: true });
  return database;
}

// ── the SQL a request runs ─────────────────────────────────────────────────────────────────────

interface Capture {
  run<T>(work: (db: Db) => Promise<T>): Promise<{ value: T; statements: Statement[] }>;
  close(): Promise<void>;
}

/**
 * A Kysely of its own on the schema, whose log keeps every compiled statement with its parameters:
 * the text pg then runs is exactly what the domain function sent.
 */
function openCapture(url: string): Capture {
  let statements: Statement[] = [];
  const pool = new pg.Pool({ connectionString: url, max: 1, types: PG_TYPES });
  const db: Db = new Kysely({
    dialect: new PostgresDialect({ pool }),
    log: (event) => {
      if (event.level === "query") statements.push({ sql: event.query.sql, parameters: [...event.query.parameters] });
    },
  });
  return {
    async run(work) {
      statements = [];
      const value = await work(db);
      return { value, statements };
    },
    close: () => db.destroy(),
  };
}

// ── fan-out ────────────────────────────────────────────────────────────────────────────────────

async function fanOut(options: { database: Database; port: number; token: string; dir: string; subscriptions: () => number; publishedAt: () => number | undefined }) {
  const { database, port, token, dir } = options;
  console.log(`\nFan-out: opening ${SUBSCRIBERS.toLocaleString("en")} graphql-ws subscriptions to alertRaised(types: [LOW_YIELD])…`);
  const worker = startWorker({ kind: "ws", url: `ws://127.0.0.1:${port}/graphql`, token, query: SUBSCRIPTION, subscribers: SUBSCRIBERS, connectTimeoutMs: 30_000, openAtOnce: 50 });
  const messages: WsMessage[] = [];
  const waiting: ((message: WsMessage) => void)[] = [];
  worker.on("message", (message: WsMessage) => (waiting.length ? waiting.shift()!(message) : messages.push(message)));
  const failure = new Promise<never>((_, reject) => {
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`the subscriber worker exited with ${code}`)));
  });
  failure.catch(() => undefined); // raced below; its exit at the end is expected
  const nextMessage = (timeoutMs: number) =>
    Promise.race([
      messages.length ? Promise.resolve(messages.shift()!) : new Promise<WsMessage>((resolve) => waiting.push(resolve)),
      failure,
      delay(timeoutMs).then(() => {
        throw new Error(`no word from the subscriber worker within ${timeoutMs / 1000} s`);
      }),
    ]);
  try {
    const ready = await nextMessage(120_000);
    if (ready.type !== "ready") throw new Error("unexpected message from the subscriber worker");
    if (ready.failed) console.log(`  ${ready.failed} subscribers failed to connect: ${ready.firstError}`);
    // Every subscription is registered with the PubSub before the load (bounded wait).
    const deadline = now() + 30_000;
    while (options.subscriptions() < ready.subscribed && now() < deadline) await delay(20);
    await delay(500);
    console.log(`  ${ready.subscribed} connected and subscribed in ${(ready.connectMs / 1000).toFixed(1)} s (${options.subscriptions()} subscriptions registered)`);

    const crafted = await craftLowYieldFile(database, dir);
    let refreshed: RefreshResult | undefined;
    let beforeCommit = 0;
    const loadStart = now();
    const report = await loadFile(database, crafted.path, {
      ...BENCH_LOAD_OPTIONS,
      period: crafted.period,
      afterMerge: async (trx, loaded) => {
        refreshed = await refreshModel(trx, config, loaded);
        beforeCommit = now();
      },
    });
    const committed = now();
    if (report.status !== "LOADED") throw new Error(`the crafted ZRPP062 was rejected: ${JSON.stringify(report.errors)}`);
    const raised = refreshed!.alerts.raised;
    console.log(
      `  Loaded a one-row ZRPP062 (order ${crafted.order}, yield ${crafted.yieldPercent.toFixed(1)} %): ${raised.length} alert raised ` +
        `(${raised.map((alert) => `${alert.type} ${alert.severity}`).join(", ")}); load ${(committed - loadStart).toFixed(0)} ms, ` +
        `of which refresh→COMMIT acknowledged ${(committed - beforeCommit).toFixed(1)} ms`,
    );
    worker.postMessage({ type: "collect", timeoutMs: 15_000, expected: ready.subscribed, entity: crafted.order });
    const received = await nextMessage(30_000);
    if (received.type !== "received") throw new Error("unexpected message from the subscriber worker");
    const published = options.publishedAt();
    const from = (origin: number) => received.times.map((time) => time - origin);
    console.log(`\n| fan-out to ${SUBSCRIBERS.toLocaleString("en")} subscribers, delay measured from | received | p50 ms | p95 ms | p99 ms | max ms |`);
    console.log("|---|---:|---:|---:|---:|---:|");
    for (const [what, origin] of [
      ["the end of the refresh inside the load's transaction (just before COMMIT)", beforeCommit],
      ["`loadFile` resolving (COMMIT acknowledged)", committed],
      ["the start of the load", loadStart],
    ] as const) {
      const delays = from(origin);
      console.log(`| ${what} | ${received.times.length} / ${SUBSCRIBERS} | ${[0.5, 0.95, 0.99, 1].map((p) => percentile(delays, p).toFixed(1)).join(" | ")} |`);
    }
    if (published !== undefined) console.log(`The API process published the alert to its PubSub ${(published - beforeCommit).toFixed(1)} ms after the refresh ended (NOTIFY → LISTEN → read the alert).`);
    if (received.other || received.closed) console.log(`  other messages: ${received.other} (${received.firstOther}); sockets closed early: ${received.closed}`);
    const p99 = percentile(from(beforeCommit), 0.99);
    const all = received.times.length === SUBSCRIBERS;
    console.log(`\nGoal fan-out p99 ≤ ${GOALS.fanOutP99Ms} ms: ${p99.toFixed(1)} ms, ${received.times.length} of ${SUBSCRIBERS} received — ${p99 <= GOALS.fanOutP99Ms && all ? "met" : "MISSED"}`);
  } finally {
    worker.postMessage({ type: "close" });
    await Promise.race([new Promise((resolve) => worker.once("exit", resolve)), delay(10_000)]);
    await worker.terminate();
  }
}

/**
 * A one-row ZRPP062 CSV: an existing filling order's row under a new process order number with half
 * its goods receipt, so that its yield drops below the LOW_YIELD threshold and nothing else changes.
 */
async function craftLowYieldFile(database: Database, dir: string) {
  const spec = reportSpec("ZRPP062");
  const { rows } = await sql<Record<string, unknown>>`
    select z.*, to_char(z.period, 'YYYY-MM') as period_month from raw_zrpp062 z
    join filling_yield f on f.order_number = ltrim(z.process_order, '0')
    where f.valid and f.yield_percent > 95 and z.gr_qty > 1
    order by z.process_order limit 1`.execute(database.db);
  if (rows.length === 0) throw new Error("no valid ZRPP062 row to copy");
  const template = rows[0];
  const order = `99${String(Date.now()).slice(-9)}`;
  const values: Record<string, unknown> = { ...template, process_order: order, gr_qty: Math.floor(Number(template.gr_qty) / 2) };
  const input = Number(template.gi_sfg_liquid);
  const yieldPercent = ((Number(values.gr_qty) * Number(template.pc_to_kg_actual) + Number(template.gr_by_product ?? 0)) / input) * 100;
  const field = (value: unknown) => {
    const text = value === null || value === undefined ? "" : value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
    return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const header = spec.columns.map((column) => field(column.header)).join(",");
  // Columns read with a decimal comma stay empty (optional), so the file needs no --decimal-comma.
  const line = spec.columns.map((column) => (column.type === "decimalComma" ? "" : field(values[column.column]))).join(",");
  const path = join(dir, `zrpp062-bench-${order}.csv`);
  writeFileSync(path, `${header}\n${line}\n`);
  return { path, order, period: String(template.period_month), yieldPercent };
}

// ── workers and figures ────────────────────────────────────────────────────────────────────────

function runWorker(job: Exclude<LoadJob, { kind: "ws" }>): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = startWorker(job);
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new Error("the load worker ran over its time"));
    }, job.warmupMs + job.durationMs + 60_000);
    worker.once("message", (result: LoadResult) => {
      clearTimeout(timer);
      resolve(result);
      void worker.terminate();
    });
    worker.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/**
 * A worker thread running bench/support/load-worker.ts. Node 20 does not apply the main thread's
 * `--import tsx` hooks to workers, so the worker registers tsx itself before importing the file.
 */
function startWorker(job: LoadJob): Worker {
  const tsx = import.meta.resolve("tsx/esm/api");
  const file = new URL("./support/load-worker.ts", import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(file)}); })`;
  return new Worker(bootstrap, { eval: true, workerData: job });
}

async function post(url: string, token: string, query: string): Promise<{ data: unknown }> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: unknown };
  if (response.status !== 200 || body.errors) throw new Error(`HTTP ${response.status}: ${JSON.stringify(body).slice(0, 500)}`);
  return { data: body.data };
}

/** Nearest-rank percentile; p = 1 is the maximum. */
function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

function rate(result: LoadResult): number {
  return result.latencies.length / (result.windowMs / 1000);
}

function formatRate(result: LoadResult): string {
  return rate(result).toFixed(1);
}

function printHttpTable(rows: Row[]): void {
  console.log(`\n| query | side | requests | req/s | p50 ms | p95 ms | p99 ms | errors | load avg (1 min) |`);
  console.log("|---|---|---:|---:|---:|---:|---:|---:|---:|");
  for (const row of rows) {
    const { latencies, errors } = row.result;
    console.log(
      `| ${row.query} | ${row.side} | ${latencies.length.toLocaleString("en")} | ${formatRate(row.result)} | ` +
        `${[0.5, 0.95, 0.99].map((p) => percentile(latencies, p).toFixed(1)).join(" | ")} | ${errors} | ${row.load.toFixed(2)} |`,
    );
  }
  console.log("");
  for (const query of new Set(rows.map((row) => row.query))) {
    const [api, apiUncached, domain, request] = rows.filter((row) => row.query === query);
    const ratio = rate(api.result) / rate(domain.result);
    const p95 = percentile(api.result.latencies, 0.95);
    console.log(
      `${query}: API ÷ same SQL through pg = ${ratio.toFixed(2)} (goal ≥ ${GOALS.throughputRatio}: ${ratio >= GOALS.throughputRatio ? "met" : "MISSED"}); ` +
        `API ÷ every statement of the request = ${(rate(api.result) / rate(request.result)).toFixed(2)}; ` +
        `with the caches off: API ÷ same SQL = ${(rate(apiUncached.result) / rate(domain.result)).toFixed(2)}, p95 ${percentile(apiUncached.result.latencies, 0.95).toFixed(1)} ms; ` +
        `API p95 ${p95.toFixed(1)} ms (goal ≤ ${GOALS.p95Ms} ms: ${p95 <= GOALS.p95Ms ? "met" : "MISSED"})`,
    );
  }
}

function yearWindow(endDate: string, months: number): { from: string; to: string } {
  const [year, month] = endDate.split("-").map(Number);
  const first = new Date(Date.UTC(year, month - months, 1));
  return { from: first.toISOString().slice(0, 10), to: endDate };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function argValue(name: string): string | undefined {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
}

await main();
