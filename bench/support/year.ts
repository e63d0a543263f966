/**
 * What the PostgreSQL benchmarks share: a schema of their own in DATABASE_URL (connections scoped to
 * it with `options=-c search_path=<schema>` in the URL), the generated demo year (`alkana demo` at
 * scale 40 as CSV: ≥ 1.5 million MB51 lines, ≥ 10,000 process orders) loaded into it, and the
 * one-line machine description every benchmark prints (CONTRACT.md "Rules settled here").
 */
import { randomUUID } from "node:crypto";
import { cpus, loadavg, totalmem } from "node:os";
import { sql } from "kysely";
import pg from "pg";
import { openDatabase, type Database } from "../../api/src/db/database.js";
import { migrate } from "../../api/src/db/migrate.js";
import { generateDemo, type DemoFile } from "../../api/src/demo/index.js";
import { loadFile, type LoadOptions } from "../../api/src/ingest/load.js";

/** The demo year every benchmark uses: 12 months ending 2026-01-31, seed 42, CSV. */
export const YEAR = { months: 12, seed: 42, endDate: "2026-01-31", format: "csv", scale: 40 } as const;

export interface BenchSchema {
  schema: string;
  /** DATABASE_URL with its connections scoped to the schema. */
  url: string;
  /** An unscoped connection, for the schema itself and the machine description. */
  admin: pg.Client;
  /** Drops the schema (when the benchmark created it) and closes `admin`. */
  close(): Promise<void>;
}

/** A new schema `bench_<random>`, or the existing schema `reuse` (never dropped by `close`). */
export async function openBenchSchema(databaseUrl: string, options: { reuse?: string; keep?: boolean } = {}): Promise<BenchSchema> {
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  let schema: string;
  if (options.reuse) {
    schema = options.reuse;
    const { rows } = await admin.query("select 1 from pg_namespace where nspname = $1", [schema]);
    if (rows.length === 0) {
      await admin.end();
      throw new Error(`schema ${schema} does not exist in ${redact(databaseUrl)}`);
    }
  } else {
    schema = `bench_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
    await admin.query(`create schema ${pg.escapeIdentifier(schema)}`);
  }
  const drop = !options.reuse && !options.keep;
  return {
    schema,
    url: scopedUrl(databaseUrl, schema),
    admin,
    async close() {
      try {
        if (drop) await admin.query(`drop schema ${pg.escapeIdentifier(schema)} cascade`);
      } finally {
        await admin.end();
      }
    },
  };
}

export function scopedUrl(databaseUrl: string, schema: string): string {
  const url = new URL(databaseUrl);
  url.searchParams.set("options", `-c search_path=${schema}`);
  return url.toString();
}

/** `Machine: <cpu>, <n> cores, <m> GiB; Node <v>; PostgreSQL <v>` (and the load average when asked). */
export async function machineLine(admin: pg.Client, options: { loadAverage?: boolean } = {}): Promise<string> {
  const { rows } = await admin.query<{ server_version: string }>("show server_version");
  const load = options.loadAverage ? `; load average ${loadavg().map((value) => value.toFixed(2)).join(", ")}` : "";
  return `Machine: ${cpus()[0]?.model ?? "?"}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; Node ${process.version}; PostgreSQL ${rows[0].server_version}${load}`;
}

/** Writes the demo year's CSV files into `dir`. */
export async function generateYear(dir: string, options: { months?: number; scale?: number } = {}): Promise<DemoFile[]> {
  return generateDemo({ ...YEAR, months: options.months ?? YEAR.months, scale: options.scale ?? YEAR.scale, outDir: dir });
}

export const BENCH_LOAD_OPTIONS: LoadOptions = { allowRejects: false, decimalComma: false, dateOrder: "MDY", loadedBy: "bench" };

export interface YearSize {
  lines: number;
  orders: number;
  p01: number;
}

/**
 * Opens the schema's database, migrates it and loads every file without refreshing the model
 * (`mb51Path` replaces the generated MB51 file, e.g. one with its last day kept apart).
 */
export async function loadYear(url: string, files: DemoFile[], options: { mb51Path?: string } = {}): Promise<Database> {
  const database = await openDatabase({ databaseUrl: url, dataDir: "", holder: "bench" });
  try {
    await migrate(database);
    for (const file of files) {
      const path = file.report === "MB51" && options.mb51Path ? options.mb51Path : file.path;
      const report = await loadFile(database, path, { ...BENCH_LOAD_OPTIONS, snapshotDate: file.snapshotDate, period: file.period });
      if (report.status !== "LOADED") throw new Error(`${path}: ${JSON.stringify(report.errors.slice(0, 3))}`);
    }
    return database;
  } catch (error) {
    await database.close();
    throw error;
  }
}

export async function yearSize(database: Database): Promise<YearSize> {
  const { rows } = await sql<YearSize>`
    select (select count(*) from raw_mb51) as lines, (select count(*) from raw_cooispi) as orders,
           (select count(*) from raw_cooispi where mrp_controller = 'P01') as p01`.execute(database.db);
  return rows[0];
}

export function seconds(started: number): string {
  return ((performance.now() - started) / 1000).toFixed(1);
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}
