/**
 * AR collection per snapshot (DOMAIN.md §1.6, §3.8; D10) on the real ZRFI005 sample, loaded as the
 * snapshot 2026-01-21 (CONTRACT.md) and once more as an older snapshot 2025-12-31 to prove that the
 * figures are one snapshot's and never a sum across snapshots.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../api/src/db/database.js";
import { arBuckets, arCustomers, arSnapshots, arSummary } from "../api/src/domain/ar.js";
import { loadFile } from "../api/src/ingest/load.js";
import { backends } from "./support/databases.js";
import { SAMPLE_FACTS, sample, samplesPresent } from "./support/samples.js";

const options = { allowRejects: false, decimalComma: false, dateOrder: "MDY" as const, loadedBy: "test", ...SAMPLE_FACTS };

const TOTAL_TARGET = 44_291_440_617;
const TOTAL_REALIZATION = 15_602_639_406;

describe.skipIf(!samplesPresent).each(backends)("AR collection on $name", (backend) => {
  let database: Database;

  beforeAll(async () => {
    database = await backend.open();
    await loadFile(database, sample("zrsd002.XLSX"), options);
    await loadFile(database, sample("ZRFI005.XLSX"), options);
    await loadFile(database, sample("ZRFI005.XLSX"), { ...options, snapshotDate: "2025-12-31" });
  }, 600_000);
  afterAll(async () => database?.close());

  it("lists the snapshots, newest first", async () => {
    const snapshots = await arSnapshots(database.db);
    expect(snapshots.map(({ snapshotDate, rowCount }) => ({ snapshotDate, rowCount }))).toEqual([
      { snapshotDate: "2026-01-21", rowCount: 114 },
      { snapshotDate: "2025-12-31", rowCount: 114 },
    ]);
  });

  it("collects 15,602,639,406 of 44,291,440,617 = 35.2 % in the latest snapshot, not the sum of both (§1.6)", async () => {
    const summary = (await arSummary(database.db))!;
    expect(summary).toMatchObject({
      snapshotDate: "2026-01-21",
      rowCount: 114,
      totalTarget: TOTAL_TARGET,
      totalRealization: TOTAL_REALIZATION,
    });
    expect(summary.collectionRatePercent).toBeCloseTo(35.23, 2);
    expect((await arSummary(database.db, { snapshot: "2025-12-31" }))!.totalTarget).toBe(TOTAL_TARGET);
    expect(await arSummary(database.db, { snapshot: "2026-01-01" })).toBeNull();
  });

  it("rates the divisions as §1.6: Industry 33.0 %, Retail 64.5 %, Project 8.5 %", async () => {
    const { divisions } = (await arSummary(database.db))!;
    expect(
      divisions.map(({ division, totalTarget, totalRealization, collectionRatePercent }) => ({
        division,
        totalTarget,
        totalRealization,
        rate: Math.round(collectionRatePercent! * 10) / 10,
      })),
    ).toEqual([
      { division: "INDUSTRY", totalTarget: 40_619_012_763, totalRealization: 13_386_249_017, rate: 33.0 },
      { division: "PROJECT", totalTarget: 274_960_036, totalRealization: 23_338_300, rate: 8.5 },
      { division: "RETAIL", totalTarget: 3_397_467_818, totalRealization: 2_193_052_089, rate: 64.5 },
    ]);
  });

  it("shows bad debt 680,014,467 = 1.5 % and overdue > 30 and ≥ 1 day side by side (§3.8, D10)", async () => {
    const summary = (await arSummary(database.db))!;
    expect(summary.badDebt).toBe(680_014_467);
    expect(summary.badDebtPercent).toBeCloseTo(1.535, 3);
    const { rows } = await sql<{ over_30: number }>`
      select sum(target_31_60_days + target_61_90_days + target_91_120_days + target_121_180_days + target_over_180_days) as over_30
      from raw_zrfi005 where snapshot_date = '2026-01-21'`.execute(database.db);
    expect(summary.overdueOver30).toBe(rows[0].over_30);
    expect(summary.overdueOver30Percent).toBeCloseTo((rows[0].over_30 / TOTAL_TARGET) * 100, 9);
    // Total Target = Σ of the six target buckets (§1.6), all of them 1 day or older.
    expect(summary.overdueFrom1).toBe(TOTAL_TARGET);
    expect(summary.overdueFrom1Percent).toBe(100);
  });

  it("approximates DSO from the VAT-inclusive billing of the 90 days up to the snapshot, and says it is partial", async () => {
    const { dso, divisions } = (await arSummary(database.db))!;
    const { rows } = await sql<{ gross: number }>`select sum(total) as gross from raw_zrsd002`.execute(database.db);
    expect(dso).toMatchObject({
      isApproximation: true,
      outstanding: TOTAL_TARGET - TOTAL_REALIZATION,
      grossSales: rows[0].gross,
      salesFrom: "2025-10-24",
      salesTo: "2026-01-21",
      // The sample's billing starts 2026-01-02: only 20 of the 90 days are loaded.
      salesHistoryComplete: false,
    });
    expect(dso.days).toBeCloseTo(((TOTAL_TARGET - TOTAL_REALIZATION) / rows[0].gross) * 90, 9);
    const industry = divisions.find((division) => division.division === "INDUSTRY")!;
    const { rows: industryRows } = await sql<{ gross: number }>`
      select sum(total) as gross from raw_zrsd002 where distribution_channel = '11'`.execute(database.db);
    expect(industry.dso.grossSales).toBe(industryRows[0].gross);
  });

  it("computes the worked row: Công Ty Cổ Phần An Phát Cường, 59 % collected, 31.2 % overdue 31+, risk LOW (§3.8)", async () => {
    const { customers } = (await arCustomers(database.db, { limit: 200 }))!;
    const row = customers.find((customer) => customer.customerName === "Công Ty Cổ Phần An Phát Cường")!;
    expect(row).toMatchObject({
      customerCode: "1200000019",
      channel: "11",
      division: "INDUSTRY",
      salesmanName: "NGUYỄN HỮU TUỆ",
      totalTarget: 1_157_272_020,
      totalRealization: 684_877_027,
      badDebt: 0,
      risk: "LOW",
    });
    expect(row.buckets.find((bucket) => bucket.bucket === "DAYS_1_30")).toEqual({
      bucket: "DAYS_1_30",
      target: 796_183_161,
      realization: 323_788_168,
    });
    expect(row.buckets.find((bucket) => bucket.bucket === "DAYS_31_60")).toEqual({
      bucket: "DAYS_31_60",
      target: 361_088_859,
      realization: 361_088_859,
    });
    expect(Math.round(row.collectionRatePercent!)).toBe(59);
    expect(row.overdueOver30Percent).toBeCloseTo(31.2, 1);
  });

  it("classifies risk per row and filters by division, risk and salesman", async () => {
    const { customers } = (await arCustomers(database.db, { limit: 200 }))!;
    // Only rows with a target or a realization above 0 are listed (§3.8): 110 of 114. The other four
    // are Retail customers with a small credit (negative target, nothing collected), e.g. 1200000854.
    expect(customers).toHaveLength(110);
    expect(customers.some((customer) => customer.customerCode === "1200000854")).toBe(false);
    const totals = customers.map((customer) => customer.totalTarget);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
    for (const customer of customers) {
      const bucket = (name: string) => customer.buckets.find((b) => b.bucket === name)!.target!;
      const expected = bucket("OVER_180") > 0 ? "HIGH" : bucket("DAYS_91_120") + bucket("DAYS_121_180") > 0 ? "MEDIUM" : "LOW";
      expect(customer.risk).toBe(expected);
    }
    const high = (await arCustomers(database.db, { risk: "HIGH", limit: 200 }))!.customers;
    expect(high.length).toBeGreaterThan(0);
    expect(high.every((customer) => customer.badDebt > 0)).toBe(true);
    expect((await arSummary(database.db))!.highRiskCustomers).toBe(new Set(high.map((c) => c.customerCode)).size);
    const retail = (await arCustomers(database.db, { division: "RETAIL", limit: 200 }))!.customers;
    expect(retail).toHaveLength(42 - 4);
    const tue = (await arCustomers(database.db, { salesman: "nguyễn hữu tuệ", limit: 200 }))!.customers;
    expect(tue.length).toBeGreaterThan(0);
    expect(tue.every((customer) => customer.salesmanName === "NGUYỄN HỮU TUỆ")).toBe(true);
    expect((await arCustomers(database.db, { salesman: "10111063", limit: 200 }))!.customers).toEqual(tue);
    expect((await arCustomers(database.db))!.customers).toHaveLength(50);
  });

  it("sums the seven buckets to the totals, overall and per division", async () => {
    const { buckets } = (await arBuckets(database.db))!;
    expect(buckets.map((bucket) => bucket.bucket)).toEqual([
      "NOT_DUE",
      "DAYS_1_30",
      "DAYS_31_60",
      "DAYS_61_90",
      "DAYS_91_120",
      "DAYS_121_180",
      "OVER_180",
    ]);
    expect(buckets[0].target).toBeNull();
    expect(buckets.reduce((sum, bucket) => sum + (bucket.target ?? 0), 0)).toBe(TOTAL_TARGET);
    expect(buckets.reduce((sum, bucket) => sum + bucket.realization, 0)).toBe(TOTAL_REALIZATION);
    expect(buckets.at(-1)!.target).toBe(680_014_467);
    const project = (await arBuckets(database.db, { division: "PROJECT" }))!;
    expect(project.buckets.reduce((sum, bucket) => sum + (bucket.target ?? 0), 0)).toBe(274_960_036);
    expect(await arBuckets(database.db, { snapshot: "2020-01-01" })).toBeNull();
  });

  it("lists the rows with a target or realization above 0, which add up to the totals less the unlisted credits (§3.8)", async () => {
    const { customers } = (await arCustomers(database.db, { limit: 10_000 }))!;
    const summary = (await arSummary(database.db))!;
    const { rows } = await sql<{ credits: number; unlisted: number }>`
      select count(*) as credits, coalesce(sum(total_target), 0) as unlisted from ar_row
      where snapshot_date = '2026-01-21' and not (total_target > 0 or total_realization > 0)`.execute(database.db);
    expect(rows[0].credits).toBe(4);
    expect(rows[0].unlisted).toBeLessThan(0);
    expect(customers.reduce((sum, customer) => sum + customer.totalTarget, 0) + rows[0].unlisted).toBe(summary.totalTarget);
    expect(customers.reduce((sum, customer) => sum + customer.totalRealization, 0)).toBe(summary.totalRealization);
  });
});
