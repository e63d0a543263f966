/**
 * `npm run bench:model`: the business model on a generated year in PostgreSQL (issue #3).
 *
 * 1. Generates a year of demo exports as CSV (`alkana demo` at scale 40: ≥ 1.5 million MB51 lines,
 *    ≥ 10,000 process orders), keeping the last day of MB51 apart.
 * 2. Loads every file into a fresh schema without refreshing the model.
 * 3. Times the full rebuild (netting, lead time, alerts), then loads the last day of MB51 and times
 *    its incremental refresh (only what that day touches), then the full rebuild again for the ratio.
 *
 * Prints the machine, the data size and the timings. Goals: full ≤ 15 s, incremental ≤ 2 s.
 * `--keep` keeps the loaded and refreshed schema (its name is printed) for `bench:api -- --schema`.
 *
 *   DATABASE_URL=postgres://user:pass@127.0.0.1:5432/db npm run bench:model [-- --scale 40 --months 12] [-- --keep]
 */
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { sql } from "kysely";
import { readConfig } from "../api/src/config.js";
import type { Database } from "../api/src/db/database.js";
import { refreshModel } from "../api/src/domain/refresh.js";
import { loadFile, type LoadOptions } from "../api/src/ingest/load.js";
import { BENCH_LOAD_OPTIONS, generateYear, loadYear, machineLine, openBenchSchema, seconds, yearSize } from "./support/year.js";

const DATABASE_URL = process.env.DATABASE_URL;
if (!DATABASE_URL) {
  console.error("bench:model needs a PostgreSQL server: set DATABASE_URL, e.g.\n  DATABASE_URL=postgres://bench:bench@127.0.0.1:5432/alkana_bench npm run bench:model");
  process.exit(2);
}
const args = process.argv.slice(2);
const SCALE = Number(argValue("--scale") ?? 40);
const MONTHS = Number(argValue("--months") ?? 12);
const config = readConfig({ ...process.env, ALKANA_AS_OF: "" });

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "alkana-bench-model-"));
  const bench = await openBenchSchema(DATABASE_URL!, { keep: args.includes("--keep") });
  console.log(await machineLine(bench.admin));
  let database: Database | undefined;
  try {
    let started = performance.now();
    const files = await generateYear(dir, { months: MONTHS, scale: SCALE });
    console.log(`Generated ${MONTHS} months at scale ${SCALE} in ${seconds(started)} s`);
    const mb51 = files.find((file) => file.report === "MB51")!;
    const { before, day, lastDay, dayLines, beforeLines } = await splitLastDay(mb51.path, dir);

    const options = (extra: Partial<LoadOptions> = {}): LoadOptions => ({ ...BENCH_LOAD_OPTIONS, ...extra });
    started = performance.now();
    database = await loadYear(bench.url, files, { mb51Path: before });
    const size = await yearSize(database);
    console.log(`Loaded raw data in ${seconds(started)} s: ${size.lines.toLocaleString("en")} MB51 lines (last day ${lastDay} kept apart: ${dayLines.toLocaleString("en")} lines), ${size.orders.toLocaleString("en")} process orders (${size.p01.toLocaleString("en")} P01)`);

    const full = await timedRefresh(database, "ALL");
    let incrementalSeconds = 0;
    started = performance.now();
    const dayReport = await loadFile(database, day, options({
      afterMerge: async (trx, loaded) => {
        const t = performance.now();
        await refreshModel(trx, config, loaded);
        incrementalSeconds = (performance.now() - t) / 1000;
      },
    }));
    const dayTotal = (performance.now() - started) / 1000;
    if (dayReport.status !== "LOADED") throw new Error("the day's file was rejected");
    const fullAgain = await timedRefresh(database, "ALL");
    const { rows: facts } = await sql<{ groups: number; orders: number; alerts: number }>`
      select (select count(*) from netting_group) as groups, (select count(*) from lead_time_order) as orders,
             (select count(*) from alert where status = 'ACTIVE') as alerts`.execute(database.db);

    console.log(`\nModel facts: ${facts[0].groups.toLocaleString("en")} netting groups, ${facts[0].orders.toLocaleString("en")} lead-time orders, ${facts[0].alerts} active alerts`);
    console.log("| what | seconds | goal |");
    console.log("|---|---:|---|");
    console.log(`| full rebuild (netting, lead time, alerts) over ${beforeLines.toLocaleString("en")} lines | ${full.toFixed(2)} | ≤ 15 s |`);
    console.log(`| incremental refresh after loading one day (${dayLines.toLocaleString("en")} lines) | ${incrementalSeconds.toFixed(2)} | ≤ 2 s |`);
    console.log(`| that day's whole load (read, merge, refresh) | ${dayTotal.toFixed(2)} | |`);
    console.log(`| full rebuild again, for comparison | ${fullAgain.toFixed(2)} | |`);
    console.log(`Incremental ÷ full: ${(incrementalSeconds / fullAgain).toFixed(3)}`);
  } finally {
    await database?.close();
    await bench.close();
    if (args.includes("--keep")) console.log(`Kept schema ${bench.schema} (npm run bench:api -- --schema ${bench.schema})`);
    rmSync(dir, { recursive: true, force: true });
  }
}

async function timedRefresh(database: Database, report: "ALL"): Promise<number> {
  const started = performance.now();
  await database.db.transaction().execute((trx) => refreshModel(trx, config, { loadId: null, report }));
  return (performance.now() - started) / 1000;
}

/** Writes MB51 without its last posting day, and that day alone (CSV dates are YYYY-MM-DD, column 1). */
async function splitLastDay(path: string, dir: string) {
  let lastDay = "";
  let header = "";
  for await (const line of createInterface({ input: createReadStream(path) })) {
    if (!header) {
      header = line;
      continue;
    }
    const date = line.slice(0, 10);
    if (date > lastDay) lastDay = date;
  }
  const before = join(dir, "mb51-before.csv");
  const day = join(dir, "mb51-day.csv");
  const beforeOut = createWriteStream(before);
  const dayOut = createWriteStream(day);
  let beforeLines = 0;
  let dayLines = 0;
  let first = true;
  for await (const line of createInterface({ input: createReadStream(path) })) {
    if (first) {
      beforeOut.write(`${line}\n`);
      dayOut.write(`${line}\n`);
      first = false;
    } else if (line.startsWith(lastDay)) {
      dayOut.write(`${line}\n`);
      dayLines += 1;
    } else {
      beforeOut.write(`${line}\n`);
      beforeLines += 1;
    }
  }
  await Promise.all([new Promise((resolve) => beforeOut.end(resolve)), new Promise((resolve) => dayOut.end(resolve))]);
  return { before, day, lastDay, dayLines, beforeLines };
}

function argValue(name: string): string | undefined {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
}

await main();
