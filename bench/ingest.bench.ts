/**
 * `npm run bench:ingest`: how fast an MB51 export loads into PostgreSQL, side by side with the
 * fastest thing PostgreSQL can do with the same rows (`psql \copy` into a bare typed table).
 *
 * (a) `psql \copy bare_mb51 from <csv> csv header` — best of 2;
 * (b) `loadFile()` of the same CSV into a fresh migrated schema — once, then the same file again
 *     (every line unchanged: the idempotent re-load, CONTRACT.md "Databases");
 * (c) the real `mb51.XLSX` from ../shared/sap-samples, when present — best of 2, each into a fresh schema.
 * (d) the floor of any loader that stores what raw_mb51 must hold (issue #2: typed columns, the
 *     original row as jsonb, its hash, the load, the table's indexes), with no Node at all:
 *     `psql \copy` into a typed staging table, then one `insert … select` into raw_mb51 of a fresh
 *     migrated schema building the jsonb and md5 in SQL. No validation, no report detection, no
 *     idempotent merge: a lower bound, not a loader.
 *
 * Prints the machine, the data size, seconds, rows/s and the ratio (b)/(a); writes no files other than
 * the generated CSV in a temporary folder (removed at the end). BENCHMARKS.md is written by hand from
 * this output.
 *
 *   DATABASE_URL=postgres://user:pass@127.0.0.1:5432/db npm run bench:ingest [-- --rows 1000000] [-- --pglite]
 *
 * `--pglite` also times (c) on the embedded PGlite (in memory).
 */
import { execFileSync, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createWriteStream, existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { once } from "node:events";
import pg from "pg";
import { openDatabase, type Database } from "../api/src/db/database.js";
import { migrate } from "../api/src/db/migrate.js";
import { loadFile, type IngestReport, type LoadOptions } from "../api/src/ingest/load.js";
import { reportSpec } from "../api/src/ingest/reports/index.js";

const DATABASE_URL = process.env.DATABASE_URL;
if (!DATABASE_URL) {
  console.error(
    "bench:ingest needs a PostgreSQL server: set DATABASE_URL, e.g.\n" +
      "  DATABASE_URL=postgres://bench:bench@127.0.0.1:5432/alkana_bench npm run bench:ingest",
  );
  process.exit(2);
}

const args = process.argv.slice(2);
const ROWS = Number(argValue("--rows") ?? 1_000_000);
const WITH_PGLITE = args.includes("--pglite");
const SAMPLE = fileURLToPath(new URL("../../shared/sap-samples/mb51.XLSX", import.meta.url));
const LOAD_OPTIONS: LoadOptions = { allowRejects: false, decimalComma: false, dateOrder: "MDY", loadedBy: "bench" };
const MB51 = reportSpec("MB51");

interface Timing {
  what: string;
  rows: number;
  seconds: number;
  note?: string;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "alkana-bench-"));
  const csvPath = join(dir, "mb51-bench.csv");
  const timings: Timing[] = [];
  try {
    const machine = await describeMachine(DATABASE_URL!);
    console.log(machine);
    const generated = await timed(() => writeMb51Csv(csvPath, ROWS));
    const megabytes = statSync(csvPath).size / 1e6;
    console.log(`\nGenerated ${ROWS.toLocaleString("en")} MB51 lines (${megabytes.toFixed(1)} MB CSV) in ${generated.seconds.toFixed(1)} s: ${csvPath}`);

    const copy = await bestOf(2, () => psqlCopy(DATABASE_URL!, csvPath));
    timings.push({ what: "(a) psql \\copy into bare_mb51", rows: ROWS, seconds: copy });

    const first = await inFreshSchema(DATABASE_URL!, async (database) => {
      const load = await timed(() => loadFile(database, csvPath, LOAD_OPTIONS));
      expectCounts(load.value, { inserted: ROWS, updated: 0, unchanged: 0, replaced: 0 });
      timings.push({ what: "(b) loadFile CSV, empty database", rows: ROWS, seconds: load.seconds, note: counts(load.value) });
      const again = await timed(() => loadFile(database, csvPath, LOAD_OPTIONS));
      expectCounts(again.value, { inserted: 0, updated: 0, unchanged: ROWS, replaced: 0 });
      timings.push({ what: "(b') same CSV again, all unchanged", rows: ROWS, seconds: again.seconds, note: counts(again.value) });
      return { load: load.seconds, again: again.seconds };
    });

    const floor = await bestOf(2, () => inFreshSchema(DATABASE_URL!, (_database, schema) => storageFloor(DATABASE_URL!, schema, csvPath)));
    timings.push({ what: "(d) floor: \\copy + insert…select into raw_mb51", rows: ROWS, seconds: floor });

    if (existsSync(SAMPLE)) {
      let report: IngestReport | undefined;
      const real = await bestOf(2, () =>
        inFreshSchema(DATABASE_URL!, async (database) => {
          const load = await timed(() => loadFile(database, SAMPLE, LOAD_OPTIONS));
          report = load.value;
          return load.seconds;
        }),
      );
      timings.push({ what: "(c) real mb51.XLSX, PostgreSQL", rows: report!.rowsRead, seconds: real, note: counts(report!) });
      if (WITH_PGLITE) {
        const pgliteSeconds = await bestOf(2, async () => {
          const database = await openDatabase({ dataDir: "", holder: "bench", inMemory: true });
          try {
            await migrate(database);
            const load = await timed(() => loadFile(database, SAMPLE, LOAD_OPTIONS));
            report = load.value;
            return load.seconds;
          } finally {
            await database.close();
          }
        });
        timings.push({ what: "(c) real mb51.XLSX, PGlite (memory)", rows: report!.rowsRead, seconds: pgliteSeconds, note: counts(report!) });
      }
    } else {
      console.log(`\n(c) skipped: ${SAMPLE} does not exist.`);
    }

    printTable(timings);
    console.log(`\nratio (b)/(a), first load:   ${(first.load / copy).toFixed(2)}  (goal ≤ 2)`);
    console.log(`ratio (b')/(a), re-load:     ${(first.again / copy).toFixed(2)}`);
    console.log(`ratio (d)/(a), the floor:    ${(floor / copy).toFixed(2)}  (what storing raw_mb51's columns, jsonb and indexes costs PostgreSQL alone)`);
    const real = timings.find((t) => t.what.startsWith("(c) real mb51.XLSX, PostgreSQL"));
    if (real) console.log(`real mb51.XLSX:              ${real.seconds.toFixed(2)} s  (goal < 3 s)`);
    console.log(`load average at the end:     ${load()}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ── machine ────────────────────────────────────────────────────────────────────────────────────

async function describeMachine(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ version: string }>("select version()");
  const settings = await client.query<{ name: string; setting: string }>(
    `select name, current_setting(name) as setting from pg_settings
     where name in ('shared_buffers', 'work_mem', 'maintenance_work_mem', 'max_wal_size', 'synchronous_commit')
     order by name`,
  );
  await client.end();
  const cpu = cpus();
  const psql = execFileSync("psql", ["--version"], { encoding: "utf8" }).trim();
  return [
    "Machine",
    `  CPU        ${cpu[0]?.model ?? "unknown"}, ${cpu.length} cores`,
    `  memory     ${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `  Node       ${process.version}`,
    `  PostgreSQL ${rows[0].version.split(" on ")[0]} (${psql})`,
    `  settings   ${settings.rows.map((s) => `${s.name}=${s.setting}`).join(", ")}`,
    `  load       ${load()} (1/5/15-minute load average at the start; other work on the machine slows every figure)`,
  ].join("\n");
}

function load(): string {
  return loadavg().map((value) => value.toFixed(2)).join(" / ");
}

// ── data ───────────────────────────────────────────────────────────────────────────────────────

/** Deterministic PRNG (mulberry32): the same file on every run and machine. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Movement types in roughly the mix of the real export; the sign of the quantity follows SAP. */
const MOVEMENTS: [type: string, weight: number, sign: 1 | -1 | 0][] = [
  ["261", 40, -1], // goods issue to a process order
  ["101", 14, 1], // goods receipt
  ["311", 12, 0], // transfer posting: a pair of lines, - then +
  ["413", 8, 0],
  ["601", 10, -1], // delivery
  ["262", 3, 1],
  ["351", 3, -1],
  ["641", 3, -1],
  ["643", 2, -1],
  ["102", 2, -1],
  ["551", 1, -1],
  ["701", 2, 1],
];
const MOVEMENT_WEIGHT = MOVEMENTS.reduce((sum, [, weight]) => sum + weight, 0);
const UNITS = ["KG", "KG", "KG", "PC", "L", "SET"];
const PRODUCTS = ["SST-11100 C10", "GZ-12700 N", "NCL-1113-29 LC", "PSV-76000 SB HC", "THC-73100", "ALKYD CLEAR BASE", "UVSS-40102 KN", "PUC-786-2K GLOSS"];
const SHADES = ["BLACK", "RED", "WHITE", "MY VN", "STRATON KD", "402", "TRẮNG SỮA", "XÁM NHẠT"];
const PACKS = ["-16KJ", "-18KP", "-20LP", "-1LS", " VN", ""];
const TEXTS = ["", "", "", "", "", "", "Xuất cho lệnh sản xuất", "Điều chỉnh tồn kho, kiểm kê", 'Pha lại theo "mẫu chuẩn"', "Hàng trả về\tkho 0101", "Return, re-pack"];
const BATCH_MONTHS = "ABCDEFGHIJKL";

/** Writes `lines` MB51 lines as CSV with the real headers; dates over one year, plants 1201 and 1401. */
async function writeMb51Csv(path: string, lines: number): Promise<void> {
  const next = random(42);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
  const materials = Array.from({ length: 4000 }, (_, i) => ({
    material: String(100_000_000 + ((i * 7919) % 90_000_000)),
    description: `${pick(PRODUCTS)} ${pick(SHADES)}${pick(PACKS)}`,
    unit: pick(UNITS),
  }));
  const out = createWriteStream(path, { encoding: "utf8", highWaterMark: 1 << 20 });
  out.write(`${MB51.columns.map((column) => csvField(column.header)).join(",")}\n`);
  const firstDay = Date.UTC(2025, 1, 1);
  let document = 4_900_000_000;
  let buffer = "";
  let written = 0;
  let previous = "";
  while (written < lines) {
    const day = new Date(firstDay + Math.floor((written / lines) * 365) * 86_400_000).toISOString().slice(0, 10);
    const plant = next() < 0.6 ? "1201" : "1401";
    document += 1 + Math.floor(next() * 3);
    let roll = next() * MOVEMENT_WEIGHT;
    const [movement, , sign] = MOVEMENTS.find(([, weight]) => (roll -= weight) < 0) ?? MOVEMENTS[0];
    const item = pick(materials);
    const year = 24 + Math.floor(next() * 3);
    const batch = `${year}${BATCH_MONTHS[Math.floor(next() * 12)]}${String(Math.floor(next() * 1e7)).padStart(7, "0")}`;
    const magnitude = item.unit === "KG" ? Math.round(next() * 2_000_000) / 1000 : 1 + Math.floor(next() * 60);
    const text = pick(TEXTS);
    const glAccount = movement === "261" ? "621100" : movement === "101" ? "631000" : movement === "601" ? "632100" : "";
    const reference = movement === "601" ? String(1_910_000_000 + Math.floor(next() * 1e6)) : "";
    const purchaseOrder = movement === "101" && next() < 0.5 ? String(4_400_000_000 + Math.floor(next() * 1e6)) : "";
    const costCenter = next() < 0.02 ? `12010${Math.floor(next() * 90) + 10}` : "";
    const quantities = sign === 0 ? [-magnitude, magnitude] : [sign * magnitude];
    for (const quantity of quantities) {
      if (written >= lines) break;
      const line = [
        day, movement, plant, plant === "1201" ? "0401" : "0101", item.material, item.description, batch,
        String(quantity), item.unit, costCenter, glAccount, String(document), text, reference, "0", purchaseOrder,
      ].map(csvField).join(",");
      // About one line in 400 repeats the previous one exactly (the real export has such duplicates).
      const repeat = previous !== "" && next() < 0.0025;
      buffer += `${repeat ? previous : line}\n`;
      previous = line;
      written += 1;
    }
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, "drain");
      buffer = "";
    }
  }
  out.end(buffer);
  await once(out, "finish");
}

function csvField(value: string): string {
  return /[",\n\r\t]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

// ── the three timings ──────────────────────────────────────────────────────────────────────────

/** MB51's columns as SQL column definitions, typed as raw_mb51 types them. */
function typedColumns(): string[] {
  return MB51.columns.map((column) => `${column.column} ${column.type === "date" ? "date" : column.type === "number" ? "numeric" : "text"}`);
}

/** (a) `psql \copy` into a bare table with the same typed columns, no keys, no indexes, in a schema of its own. */
async function psqlCopy(url: string, csvPath: string): Promise<number> {
  const columns = typedColumns();
  const schema = `bench_copy_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`create schema ${schema}; create table ${schema}.bare_mb51 (${columns.join(", ")})`);
    const started = performance.now();
    await run("psql", [url, "-v", "ON_ERROR_STOP=1", "-q", "-c", `\\copy ${schema}.bare_mb51 from '${csvPath}' csv header`]);
    const seconds = (performance.now() - started) / 1000;
    const { rows } = await client.query<{ n: string }>(`select count(*) as n from ${schema}.bare_mb51`);
    if (Number(rows[0].n) !== ROWS) throw new Error(`\\copy stored ${rows[0].n} rows, expected ${ROWS}`);
    return seconds;
  } finally {
    await client.query(`drop schema if exists ${schema} cascade`);
    await client.end();
  }
}

/**
 * (d): `\copy` into a typed staging table, then raw_mb51's columns, the original cells as jsonb (by
 * header, as text), their md5 and the load in one statement; returns the seconds of both.
 */
async function storageFloor(url: string, schema: string, csvPath: string): Promise<number> {
  const typed = typedColumns();
  const names = MB51.columns.map((column) => column.column).join(", ");
  const original = MB51.columns.map((column) => `'${column.header.replace(/'/g, "''")}', ${column.column}::text`).join(", ");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`set search_path = ${schema}`);
    await client.query(`create table stage_mb51 (${typed.join(", ")})`);
    const { rows } = await client.query<{ id: string }>(
      `insert into load_run (file_name, sha256, report, status, loaded_by) values ('floor', '', 'MB51', 'LOADED', 'bench') returning id`,
    );
    const started = performance.now();
    await run("psql", [url, "-v", "ON_ERROR_STOP=1", "-q", "-c", `\\copy ${schema}.stage_mb51 from '${csvPath}' csv header`]);
    const inserted = await client.query(
      `insert into raw_mb51 (${names}, raw, row_hash, load_id)
       select ${names}, r.raw, md5(r.raw::text), ${Number(rows[0].id)}
       from stage_mb51 s, lateral (select jsonb_build_object(${original}) as raw) r`,
    );
    const seconds = (performance.now() - started) / 1000;
    if (inserted.rowCount !== ROWS) throw new Error(`the floor stored ${inserted.rowCount} rows, expected ${ROWS}`);
    return seconds;
  } finally {
    await client.end();
  }
}

/** Runs `work` on a new migrated database in a schema of its own, dropped afterwards. */
async function inFreshSchema<T>(url: string, work: (database: Database, schema: string) => Promise<T>): Promise<T> {
  const schema = `bench_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  const scoped = new URL(url);
  scoped.searchParams.set("options", `-c search_path=${schema}`);
  const database = await openDatabase({ databaseUrl: scoped.toString(), dataDir: "", holder: "bench" });
  try {
    await migrate(database);
    return await work(database, schema);
  } finally {
    await database.close();
    await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
  }
}

// ── helpers ────────────────────────────────────────────────────────────────────────────────────

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const started = performance.now();
  const value = await work();
  return { value, seconds: (performance.now() - started) / 1000 };
}

async function bestOf(times: number, measure: () => Promise<number>): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < times; i += 1) best = Math.min(best, await measure());
  return best;
}

function expectCounts(report: IngestReport, expected: Pick<IngestReport, "inserted" | "updated" | "unchanged" | "replaced">): void {
  const wrong = Object.entries(expected).filter(([name, value]) => report[name as keyof typeof expected] !== value);
  if (report.status !== "LOADED" || report.rowsRead !== ROWS || wrong.length > 0) {
    throw new Error(`unexpected load result: ${JSON.stringify({ ...report, errors: report.errors.slice(0, 5) })}`);
  }
}

function counts(report: IngestReport): string {
  return `ins ${report.inserted}, upd ${report.updated}, unch ${report.unchanged}, repl ${report.replaced}`;
}

function printTable(timings: Timing[]): void {
  const header = ["", "rows", "seconds", "rows/s", "counts"];
  const body = timings.map((t) => [
    t.what,
    t.rows.toLocaleString("en"),
    t.seconds.toFixed(2),
    Math.round(t.rows / t.seconds).toLocaleString("en"),
    t.note ?? "",
  ]);
  const widths = header.map((_, i) => Math.max(header[i].length, ...body.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === 0 || i === 4 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join("  ");
  console.log(`\n${line(header)}\n${widths.map((w) => "-".repeat(w)).join("  ")}`);
  for (const row of body) console.log(line(row));
}

function argValue(name: string): string | undefined {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
}

function run(command: string, commandArgs: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, commandArgs, { stdio: ["ignore", "inherit", "inherit"] });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}`))));
  });
}

await main();
