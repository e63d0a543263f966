/**
 * Incremental model refresh (issue #3): loading one more day of MB51 updates only what that day
 * touches, and ends exactly where a full rebuild ends.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readConfig } from "../api/src/config.js";
import type { Database } from "../api/src/db/database.js";
import { refreshAfterLoad, refreshModel } from "../api/src/domain/refresh.js";
import { loadFile } from "../api/src/ingest/load.js";
import { openSource } from "../api/src/ingest/read/source.js";
import { backends } from "./support/databases.js";
import { SAMPLE_FACTS, sample, samplesPresent } from "./support/samples.js";

const config = readConfig({});
const LAST_DAY = "2026-01-21";

describe.skipIf(!samplesPresent).each(backends)("incremental refresh on $name", (backend) => {
  let database: Database;
  let dayFile: string;
  let dayBatches: Set<string>;

  const load = (path: string) =>
    loadFile(database, path, {
      allowRejects: false,
      decimalComma: false,
      dateOrder: "MDY",
      loadedBy: "test",
      ...SAMPLE_FACTS,
      afterMerge: refreshAfterLoad(config),
    });

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), "alkana-incremental-"));
    const { before, day, batches } = await splitMb51(dir);
    dayFile = day;
    dayBatches = batches;
    database = await backend.open();
    // ZRPP062 and ZRFI005 too: their LOW_YIELD and OVERDUE_AR alerts must come through the day's
    // refresh as a full evaluation would leave them.
    for (const file of ["cooispi.XLSX", "zrmm024.XLSX", "zrsd004.XLSX", "zrsd002.XLSX", "zrpp062.XLSX", "ZRFI005.XLSX"]) {
      await load(sample(file));
    }
    expect((await load(before)).status).toBe("LOADED");
  }, 600_000);
  afterAll(async () => database?.close());

  it("recomputes only the groups and orders of the new day's batches, and matches a full rebuild", async () => {
    const groupsBefore = await rowsByKey(database, "netting_group", "plant || '|' || material || '|' || coalesce(batch, '') || '|' || forward_type");
    const ordersBefore = await rowsByKey(database, "lead_time_order", "order_number");
    const report = await load(dayFile);
    expect(report).toMatchObject({ status: "LOADED", replaced: 0 });
    expect(report.inserted).toBeGreaterThan(0);
    const groupsAfter = await rowsByKey(database, "netting_group", "plant || '|' || material || '|' || coalesce(batch, '') || '|' || forward_type");
    const ordersAfter = await rowsByKey(database, "lead_time_order", "order_number");

    // Untouched batches keep their facts exactly.
    let untouchedGroups = 0;
    for (const [key, row] of groupsBefore) {
      const batch = key.split("|")[2];
      if (dayBatches.has(batch) || batch === "") continue;
      untouchedGroups += 1;
      expect(groupsAfter.get(key), key).toBe(row);
    }
    expect(untouchedGroups).toBeGreaterThan(1000);
    let changedOrders = 0;
    for (const [order, row] of ordersAfter) {
      const batch = JSON.parse(row).batch as string;
      if (!dayBatches.has(batch)) expect(row, order).toBe(ordersBefore.get(order));
      else if (row !== ordersBefore.get(order)) changedOrders += 1;
    }
    // The new day ships and receives: some orders of its batches changed.
    expect(changedOrders).toBeGreaterThan(0);

    // The same facts and alerts as recomputing everything from scratch: the incremental evaluation
    // re-evaluated only the alerts the day could change, and a full one finds nothing to raise,
    // resolve or rewrite.
    const alertsIncremental = await alertRows(database);
    // Raised by the ZRPP062 and ZRFI005 loads before the day, untouched by it but for the as-of
    // date, which the day moved to itself (the data cut-off).
    const active = alertsIncremental.filter((alert) => alert.status === "ACTIVE");
    expect(new Set(active.map((alert) => alert.type))).toEqual(new Set(["LOW_YIELD", "OVERDUE_AR"]));
    expect(new Set(active.map((alert) => alert.as_of_date))).toEqual(new Set([LAST_DAY]));
    await expectFullRebuildChangesNothing();
  }, 600_000);

  it("ends where a full rebuild ends when the day comes again with lines missing (window replacement)", async () => {
    // Every other line of the day: the window replaces the day's lines, so netted movements whose
    // line is gone must go, and lines that netted them away may bring others back.
    const [header, ...lines] = readFileSync(dayFile, "utf8").trimEnd().split("\n");
    const fewer = join(mkdtempSync(join(tmpdir(), "alkana-incremental-")), "mb51-day-fewer.csv");
    writeFileSync(fewer, `${[header, ...lines.filter((_, index) => index % 2 === 0)].join("\n")}\n`);
    const nettedBefore = await rowsByKey(database, "netted_movement", "mb51_id::text");
    const report = await load(fewer);
    expect(report).toMatchObject({ status: "LOADED", inserted: 0 });
    expect(report.replaced).toBeGreaterThan(0);
    const nettedAfter = await rowsByKey(database, "netted_movement", "mb51_id::text");
    expect([...nettedBefore.keys()].some((id) => !nettedAfter.has(id))).toBe(true);

    await expectFullRebuildChangesNothing();
  }, 600_000);

  /** A full refresh after the incremental one changes no fact and raises, resolves or rewrites no alert. */
  async function expectFullRebuildChangesNothing(): Promise<void> {
    const incremental = await modelHash(database);
    const alertsIncremental = await alertRows(database);
    const full = await database.db.transaction().execute((trx) => refreshModel(trx, config, { loadId: null, report: "ALL" }));
    expect(await modelHash(database)).toBe(incremental);
    expect(full.alerts.raised).toEqual([]);
    expect(full.alerts.resolved).toBe(0);
    expect(await alertRows(database)).toEqual(alertsIncremental);
  }
});

async function rowsByKey(database: Database, table: string, key: string): Promise<Map<string, string>> {
  const { rows } = await sql<{ key: string; row: string }>`
    select ${sql.raw(key)} as key, to_jsonb(t)::text as row from ${sql.table(table)} t`.execute(database.db);
  return new Map(rows.map((row) => [row.key, row.row]));
}

async function alertRows(database: Database): Promise<Record<string, unknown>[]> {
  const { rows } = await sql<Record<string, unknown>>`select * from alert order by id`.execute(database.db);
  return rows;
}

async function modelHash(database: Database): Promise<string> {
  const { rows } = await sql<{ hash: string }>`
    select md5(
      (select coalesce(string_agg(to_jsonb(t)::text, '|' order by t.plant, t.material, t.batch, t.forward_type), '') from netting_group t) ||
      (select coalesce(string_agg(to_jsonb(t)::text, '|' order by t.mb51_id), '') from netted_movement t) ||
      (select coalesce(string_agg(to_jsonb(t)::text, '|' order by t.mb51_id), '') from cancelled_movement t) ||
      (select coalesce(string_agg(to_jsonb(t)::text, '|' order by t.order_number), '') from lead_time_order t) ||
      (select coalesce(string_agg(to_jsonb(t)::text, '|' order by t.batch, t.material), '') from transit_open t)
    ) as hash`.execute(database.db);
  return rows[0].hash;
}

/** Splits the sample MB51 into CSVs: everything before the last day, and the last day alone. */
async function splitMb51(dir: string): Promise<{ before: string; day: string; batches: Set<string> }> {
  const before: string[] = [];
  const day: string[] = [];
  const batches = new Set<string>();
  let header = true;
  for await (const row of openSource(sample("mb51.XLSX")).rows(0)) {
    const cells = row.cells.map((cell) => (cell instanceof Date ? cell.toISOString().slice(0, 10) : cell === null ? "" : String(cell)));
    const line = cells.map((cell) => (/[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join(",");
    if (header) {
      before.push(line);
      day.push(line);
      header = false;
    } else if (cells[0] === LAST_DAY) {
      day.push(line);
      if (cells[6]) batches.add(cells[6]);
    } else {
      before.push(line);
    }
  }
  const beforePath = join(dir, "mb51-before.csv");
  const dayPath = join(dir, "mb51-day.csv");
  writeFileSync(beforePath, `${before.join("\n")}\n`);
  writeFileSync(dayPath, `${day.join("\n")}\n`);
  return { before: beforePath, day: dayPath, batches };
}
