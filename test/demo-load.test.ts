/**
 * The demo data loads with 0 rejects on every backend, and its document chains link once loaded:
 * one MTO and one MTS batch traced from the STO PO to the invoice through the model (issue #2).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readConfig } from "../api/src/config.js";
import type { Database } from "../api/src/db/database.js";
import { generateDemo } from "../api/src/demo/index.js";
import { refreshAfterLoad } from "../api/src/domain/refresh.js";
import { loadFile, type IngestReport } from "../api/src/ingest/load.js";
import { backends } from "./support/databases.js";

const config = readConfig({});

describe.each(backends)("demo data on $name", (backend) => {
  let database: Database;
  const reports: IngestReport[] = [];

  beforeAll(async () => {
    const outDir = mkdtempSync(join(tmpdir(), "alkana-demo-load-"));
    const files = await generateDemo({ months: 2, seed: 42, endDate: "2026-01-31", outDir, format: "csv" });
    database = await backend.open();
    for (const file of files) {
      reports.push(
        await loadFile(database, file.path, {
          allowRejects: false,
          decimalComma: false,
          dateOrder: "MDY",
          loadedBy: "test",
          snapshotDate: file.snapshotDate,
          period: file.period,
          afterMerge: refreshAfterLoad(config),
        }),
      );
    }
  }, 600_000);
  afterAll(async () => database?.close());

  it("loads every generated file with nothing rejected", () => {
    expect(reports.length).toBeGreaterThanOrEqual(9);
    for (const report of reports) {
      expect(report.errors, report.file).toEqual([]);
      expect(report, report.file).toMatchObject({ status: "LOADED", rejected: 0 });
      expect(report.rowsRead, report.file).toBeGreaterThan(0);
    }
    expect(new Set(reports.map((report) => report.report))).toEqual(
      new Set(["MB51", "COOISPI", "ZRMM024", "ZRSD002", "ZRSD004", "ZRFI005", "ZRPP062", "TARGET", "MATERIAL_MASTER"]),
    );
  });

  it.each(["MTO", "MTS"])("traces an %s batch from the STO PO to the invoice", async (orderType) => {
    const { rows } = await sql<{
      order_number: string;
      batch: string;
      purchase_order: string;
      purchase_date: string;
      dc_receipt_date: string;
      last_issue_delivery: string;
      invoice: string;
      total_days: number;
    }>`
      select l.order_number, l.batch, l.purchase_order, l.purchase_date, l.dc_receipt_date, l.last_issue_delivery,
             b.billing_document as invoice, l.total_days
      from lead_time_order l
      join raw_zrmm024 p on p.purchase_order = l.purchase_order and p.material = l.material
      join raw_zrsd004 d on d.delivery = l.last_issue_delivery and d.material = l.material
      join raw_zrsd002 b on b.od_reference = d.delivery and b.material = l.material
      where l.order_type = ${orderType} and l.open_stage is null
      order by l.order_number
      limit 1`.execute(database.db);
    expect(rows, `no ${orderType} chain links end to end`).toHaveLength(1);
    const chain = rows[0];
    expect(chain.purchase_order).toMatch(/^44\d{8}$/);
    expect(chain.last_issue_delivery).toMatch(/^191\d{7}$/);
    expect(chain.invoice).toMatch(/^193\d{7}$/);
    expect(chain.total_days).toBeGreaterThanOrEqual(0);
    // The batch moved as the document flow says: produced at 1201, shipped by STO, received at the DC, issued to the customer.
    const { rows: movements } = await sql<{ movement_type: string; plant: string }>`
      select distinct movement_type, plant from netted_movement where batch = ${chain.batch}`.execute(database.db);
    const seen = new Set(movements.map((movement) => `${movement.movement_type}@${movement.plant}`));
    for (const step of ["101@1201", "351@1201", "101@1401", "601@1401"]) expect(seen, `${chain.batch} ${step}`).toContain(step);
  });
});
