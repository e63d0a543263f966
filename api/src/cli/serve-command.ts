/**
 * `alkana serve` and `alkana start` (npm start): serve the API; `start` first migrates and, when the
 * database holds no data yet, generates the demo exports and loads them.
 */
import { join, resolve } from "node:path";
import { sql } from "kysely";
import type { AlkanaConfig } from "../config.js";
import type { Database } from "../db/database.js";
import { DEMO_DEFAULTS, generateDemo } from "../demo/index.js";
import { refreshAfterLoad } from "../domain/refresh.js";
import { loadFile } from "../ingest/load.js";
import { startServer } from "../server/app.js";
import { openMigratedDatabase } from "./open-database.js";

export async function serveCommand(config: AlkanaConfig): Promise<void> {
  const database = await openMigratedDatabase(config, `alkana serve on port ${config.port}`);
  await serve(config, database);
}

export async function startCommand(config: AlkanaConfig): Promise<void> {
  const database = await openMigratedDatabase(config, `alkana serve on port ${config.port}`);
  try {
    await loadDemoWhenEmpty(config, database);
  } catch (error) {
    await database.close();
    throw error;
  }
  await serve(config, database);
}

async function serve(config: AlkanaConfig, database: Database): Promise<void> {
  const server = await startServer({ database, config, port: config.port });
  console.log(`Alkana Analytics on ${server.url} (GraphQL ${server.url}graphql, GraphiQL ${server.url}graphiql) — data: ${database.location}`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: closing subscriptions and connections…`);
    await server.close();
    await database.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));
}

async function loadDemoWhenEmpty(config: AlkanaConfig, database: Database): Promise<void> {
  const { rows } = await sql<{ loaded: number }>`select count(*) as loaded from load_run where status = 'LOADED'`.execute(database.db);
  if (rows[0].loaded > 0) return;
  const outDir = resolve(join(config.dataDir, "..", "demo-exports"));
  console.log(`Empty database: generating demo exports (${DEMO_DEFAULTS.months} months to ${DEMO_DEFAULTS.endDate}) into ${outDir}…`);
  const files = await generateDemo({ ...DEMO_DEFAULTS, outDir });
  for (const file of files) {
    const report = await loadFile(database, file.path, {
      allowRejects: false,
      decimalComma: false,
      dateOrder: "MDY",
      loadedBy: "demo",
      snapshotDate: file.snapshotDate,
      period: file.period,
      afterMerge: refreshAfterLoad(config),
    });
    if (report.status !== "LOADED") {
      throw new Error(`demo file ${file.path} was rejected: ${report.errors.map((error) => error.reason).join("; ")}`);
    }
    console.log(`  ${report.report}: ${report.rowsRead} rows from ${file.path}`);
  }
}
