/**
 * Every real sample loads exactly (DOMAIN.md §1 row counts, 0 rejected), a second load changes
 * nothing (CONTRACT.md: unchanged = rowsRead, raw tables byte-identical), and MB51 window
 * replacement never deletes lines outside the window of a shorter export (D2).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../api/src/db/database.js";
import { loadFile, type IngestReport } from "../api/src/ingest/load.js";
import { REPORTS } from "../api/src/ingest/reports/index.js";
import { backends } from "./support/databases.js";
import { SAMPLE_FACTS, sample, samplesPresent } from "./support/samples.js";

/** Data rows per sample file (DOMAIN.md §1 inventory and issue #2). */
const EXPECTED: [file: string, report: string, rows: number][] = [
  ["mb51.XLSX", "MB51", 11_168],
  ["cooispi.XLSX", "COOISPI", 882],
  ["zrmm024.XLSX", "ZRMM024", 379],
  ["zrsd002.XLSX", "ZRSD002", 1_594],
  ["zrsd004.XLSX", "ZRSD004", 1_669],
  ["ZRFI005.XLSX", "ZRFI005", 114],
  ["zrpp062.XLSX", "ZRPP062", 438],
  ["target.xlsx", "TARGET", 36],
  ["11.XLSX", "MATERIAL_MASTER", 5_604],
  ["12.XLSX", "MATERIAL_MASTER", 219],
  ["13.XLSX", "MATERIAL_MASTER", 2_378],
  ["15.XLSX", "MATERIAL_MASTER", 2_202],
];

const options = { allowRejects: false, decimalComma: false, dateOrder: "MDY" as const, loadedBy: "test", ...SAMPLE_FACTS };

describe.skipIf(!samplesPresent).each(backends)("real samples on $name", (backend) => {
  let database: Database;
  const first = new Map<string, IngestReport>();

  beforeAll(async () => {
    database = await backend.open();
    for (const [file] of EXPECTED) first.set(file, await loadFile(database, sample(file), options));
  }, 600_000);
  afterAll(async () => database?.close());

  it.each(EXPECTED)("%s loads as %s with %i data rows and nothing rejected", (file, report, rows) => {
    const result = first.get(file)!;
    expect(result.errors).toEqual([]);
    expect(result).toMatchObject({ status: "LOADED", report, rowsRead: rows, inserted: rows, rejected: 0, skipped: 0 });
  });

  it("stores every MB51 line, the 50 identical lines inside one document included", async () => {
    const { rows } = await sql<{ lines: number; distinct_lines: number }>`
      select count(*) as lines, count(distinct row_hash) as distinct_lines from raw_mb51`.execute(database.db);
    expect(rows[0].lines).toBe(11_168);
    // DOMAIN.md §1.1: 50 lines are exact duplicates of another line of the same document.
    expect(rows[0].lines - rows[0].distinct_lines).toBe(50);
  });

  it("keeps codes as text with their leading zeros and dates as dates", async () => {
    const { rows } = await sql<{ storage_location: string; posting_date: string; material_document: string }>`
      select storage_location, posting_date, material_document from raw_mb51 order by id limit 1`.execute(database.db);
    expect(rows[0]).toEqual({ storage_location: "0101", posting_date: "2026-01-02", material_document: "4900315588" });
    const liquid = await sql<{ order_sfg_liquid: string; sg_actual: number; period: string }>`
      select order_sfg_liquid, sg_actual, period from raw_zrpp062 where process_order = '10000109154'`.execute(database.db);
    expect(liquid.rows[0]).toEqual({ order_sfg_liquid: "010000109155", sg_actual: 0.884, period: "2026-01-01" });
  });

  it("a second load of every file changes nothing, byte for byte", async () => {
    const before = await rawTablesHash(database);
    for (const [file, , rows] of EXPECTED) {
      const again = await loadFile(database, sample(file), options);
      expect(again, file).toMatchObject({ status: "LOADED", rowsRead: rows, inserted: 0, updated: 0, replaced: 0, unchanged: rows });
    }
    expect(await rawTablesHash(database)).toBe(before);
  }, 600_000);

  it("an MB51 export of a shorter window replaces only that window", async () => {
    const dir = mkdtempSync(join(tmpdir(), "alkana-window-"));
    const path = join(dir, "mb51-short.xlsx");
    const kept = await writeMb51Window(path, "2026-01-10", "2026-01-12");
    const { rows: outside } = await sql<{ n: number }>`
      select count(*) as n from raw_mb51 where posting_date not between '2026-01-10' and '2026-01-12'`.execute(database.db);
    const result = await loadFile(database, path, options);
    expect(result).toMatchObject({ status: "LOADED", rowsRead: kept.lines, inserted: 0, replaced: kept.dropped, unchanged: kept.lines });
    const { rows: after } = await sql<{ n: number; total: number }>`
      select count(*) filter (where posting_date not between '2026-01-10' and '2026-01-12') as n, count(*) as total
      from raw_mb51`.execute(database.db);
    expect(after[0].n).toBe(outside[0].n);
    expect(after[0].total).toBe(11_168 - kept.dropped);
  }, 60_000);
});

/** One hash over every raw table's rows in key order (ids, load ids and content). */
async function rawTablesHash(database: Database): Promise<string> {
  const parts: string[] = [];
  for (const spec of REPORTS) {
    const { rows } = await sql<{ hash: string }>`
      select md5(coalesce(string_agg(t::text, '|' order by t.id), '')) as hash from ${sql.table(spec.table)} t`.execute(
      database.db,
    );
    parts.push(`${spec.table}:${rows[0].hash}`);
  }
  return parts.join(",");
}

/**
 * Writes the sample MB51 lines posted in [from, to] at plant 1401 only, minus the first 1401 line
 * of `to`, so the load must delete exactly that one line and nothing outside 1401's window.
 */
async function writeMb51Window(path: string, from: string, to: string): Promise<{ lines: number; dropped: number }> {
  const source = new ExcelJS.Workbook();
  await source.xlsx.readFile(sample("mb51.XLSX"));
  const target = new ExcelJS.Workbook();
  const sheet = target.addWorksheet("Sheet1");
  let lines = 0;
  let dropped = 0;
  source.worksheets[0].eachRow((row, number) => {
    const values = (row.values as unknown[]).slice(1);
    if (number === 1) {
      sheet.addRow(values);
      return;
    }
    const posted = (values[0] as Date).toISOString().slice(0, 10);
    if (values[2] !== "1401" || posted < from || posted > to) return;
    if (posted === to && dropped === 0) {
      dropped = 1;
      return;
    }
    sheet.addRow(values);
    lines += 1;
  });
  await target.xlsx.writeFile(path);
  return { lines, dropped };
}
