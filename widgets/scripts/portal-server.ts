/**
 * The API in demo mode (GET /demo/token answers) on an in-memory PGlite, loaded with the company's
 * SAP samples (../shared/sap-samples) or, when they are absent, with generated demo exports; it
 * serves examples/portal.html at `/` and dist/widgets (built here when missing or stale). Used by
 * `npm run screenshots` and `npm run bench:widgets`.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readConfig } from "../../api/src/config.js";
import { openDatabase, type Database } from "../../api/src/db/database.js";
import { migrate } from "../../api/src/db/migrate.js";
import { generateDemo } from "../../api/src/demo/index.js";
import { refreshAfterLoad } from "../../api/src/domain/refresh.js";
import { loadFile } from "../../api/src/ingest/load.js";
import { startServer, type RunningServer } from "../../api/src/server/app.js";
import buildWidgetBundle from "../test/support/build-bundle.js";
import { servePagesFrom } from "../test/support/harness.js";
import { SAMPLE_FACTS, SAMPLES_DIR, samplesPresent } from "../../test/support/samples.js";

const SAMPLE_FILES = [
  "11.XLSX", "12.XLSX", "13.XLSX", "15.XLSX", "mb51.XLSX", "cooispi.XLSX", "zrmm024.XLSX",
  "zrsd004.XLSX", "zrsd002.XLSX", "ZRFI005.XLSX", "zrpp062.XLSX", "target.xlsx",
];

export interface PortalServer {
  base: string;
  source: "samples" | "demo";
  /** Extra pages served at their path (same origin as the API). */
  pages: Map<string, string>;
  close(): Promise<void>;
}

export async function startPortalServer(log: (line: string) => void = console.log): Promise<PortalServer> {
  await buildWidgetBundle();
  const config = readConfig({});
  const database: Database = await openDatabase({ dataDir: "", holder: "widgets-script", inMemory: true });
  await migrate(database);
  let demoDir: string | undefined;
  const started = Date.now();
  try {
    const load = async (path: string, facts: { snapshotDate?: string; period?: string }) => {
      const run = await loadFile(database, path, {
        allowRejects: true,
        decimalComma: false,
        dateOrder: "MDY",
        loadedBy: "widgets-script",
        ...facts,
        afterMerge: refreshAfterLoad(config),
      });
      if (run.status !== "LOADED") log(`  ${path}: ${run.status}`);
    };
    let source: PortalServer["source"];
    if (samplesPresent) {
      source = "samples";
      for (const file of SAMPLE_FILES) if (existsSync(join(SAMPLES_DIR, file))) await load(join(SAMPLES_DIR, file), SAMPLE_FACTS);
    } else {
      source = "demo";
      demoDir = mkdtempSync(join(tmpdir(), "alkana-widgets-demo-"));
      const files = await generateDemo({ months: 2, seed: 1, endDate: "2026-01-21", outDir: demoDir, format: "csv", scale: 1 });
      for (const file of files) await load(file.path, { snapshotDate: file.snapshotDate, period: file.period });
    }
    log(`Loaded the ${source === "samples" ? "SAP samples" : "demo data"} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    const server: RunningServer = await startServer({ database, config, port: 0, host: "127.0.0.1", log: () => undefined });
    const base = `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}`;
    return {
      base,
      source,
      pages: servePagesFrom(server),
      async close() {
        await server.close();
        await database.close();
        if (demoDir) rmSync(demoDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
