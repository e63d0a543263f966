/**
 * Semester target achievement (DOMAIN.md §1.8, §3.7; D9) on the real ZRSD002 and target.xlsx samples.
 * The sample's targets are for 2025 while its billing is January 2026 (§1.0: "no achievement can be
 * computed from the sample as-is"), so the tests check the name matching and the semester arithmetic
 * on the real files, and the achievement figures on a synthetic 2026 copy of the 2025 targets.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readConfig } from "../api/src/config.js";
import type { Database, Db } from "../api/src/db/database.js";
import { salesmanNameMatching, semesterAchievement } from "../api/src/domain/targets.js";
import { loadFile } from "../api/src/ingest/load.js";
import { backends } from "./support/databases.js";
import { withRollback } from "./support/rollback.js";
import { SAMPLE_FACTS, sample, samplesPresent } from "./support/samples.js";

const AS_OF = "2026-01-21";
const CONFIG = readConfig({});
const options = { allowRejects: false, decimalComma: false, dateOrder: "MDY" as const, loadedBy: "test", ...SAMPLE_FACTS };

const THAM = "NGUYỄN VĂN THÂM";
const THAM_JANUARY = 5_939_953_640;
const THAM_TARGET = 72_050_000_000;
const TARGETS_WITHOUT_BILLING = ["ALI SUMANTO", "DIỆP HOÀI ĐỨC", "LIONG YAM CHYUAN", "VŨ ANH HAI"];

/** The 2025 targets copied to 2026 (what §3.7's example supposes), inside the caller's transaction. */
async function copyTargetsTo2026(trx: Db): Promise<void> {
  await sql`insert into raw_target (salesman_name, semester, year, target, raw, row_hash, load_id)
            select salesman_name, semester, 2026, target, raw, row_hash, load_id
            from raw_target where year = 2025`.execute(trx);
}

describe.skipIf(!samplesPresent).each(backends)("semester targets on $name", (backend) => {
  let database: Database;

  beforeAll(async () => {
    database = await backend.open();
    for (const file of ["zrsd002.XLSX", "target.xlsx"]) await loadFile(database, sample(file), options);
  }, 600_000);
  afterAll(async () => database?.close());

  it("case-folds Vietnamese names in SQL, whatever the locale, and trims and collapses spaces", async () => {
    // Under the "C" collation upper() folds ASCII only; the Vietnamese letters must still fold.
    const { rows } = await sql<{ key: string; c_locale: string; blank: string | null }>`
      select salesman_key(${"  nguyễn   văn thâm "}) as key,
             salesman_key(${"đỗ phước thành	diệp hoài đức"}::text collate "C") as c_locale,
             salesman_key(${"   "}) as blank`.execute(database.db);
    expect(rows[0]).toEqual({ key: THAM, c_locale: "ĐỖ PHƯỚC THÀNH DIỆP HOÀI ĐỨC", blank: null });
  });

  it("matches names as §1.8: MICHEL WAHYUDI KUSUMA bills without a target; four targets have no billing", async () => {
    expect(await salesmanNameMatching(database.db)).toEqual({
      billingWithoutTarget: ["MICHEL WAHYUDI KUSUMA"],
      targetWithoutBilling: TARGETS_WITHOUT_BILLING,
    });
  });

  it("reports every 2026 S1 salesman as missing a target: the sample has 2025 targets only", async () => {
    const s1 = await semesterAchievement(database.db, AS_OF, CONFIG, { year: 2026, semester: 1 });
    expect(s1).toMatchObject({
      asOfDate: AS_OF,
      semesterStart: "2026-01-01",
      semesterEnd: "2026-06-30",
      semesterDays: 181,
      elapsedDays: 21,
      revenueWithoutTarget: 18_875_865_442,
      revenueWithoutSalesman: 0,
      totals: { target: 0, actual: 0, achievementPercent: null, status: "NO_TARGET" },
    });
    expect(s1.salesmen).toHaveLength(15);
    expect(s1.salesmen.every((salesman) => salesman.status === "NO_TARGET" && salesman.target === null)).toBe(true);
    expect(s1.salesmen.find((salesman) => salesman.salesmanName === THAM)).toMatchObject({
      actual: THAM_JANUARY,
      salesmanIds: ["10222015"],
      hasBilling: true,
      hasTarget: false,
    });
    expect(s1.unmatched.billingWithoutTarget).toHaveLength(15);
    expect(s1.unmatched.targetWithoutBilling).toEqual([]);
    // The default semester is the as-of date's.
    expect((await semesterAchievement(database.db, AS_OF, CONFIG)).semester).toBe(1);
  });

  it("gives 2025 S1 an actual of 0 against the full targets: the semester is over at the as-of date", async () => {
    const s1 = await semesterAchievement(database.db, AS_OF, CONFIG, { year: 2025, semester: 1 });
    expect(s1).toMatchObject({ semesterDays: 181, elapsedDays: 181, revenueWithoutTarget: 0 });
    expect(s1.salesmen).toHaveLength(18);
    expect(s1.totals.target).toBe(244_910_222_930);
    expect(s1.totals.proratedTarget).toBe(244_910_222_930);
    expect(s1.salesmen.find((salesman) => salesman.salesmanName === THAM)).toMatchObject({
      target: THAM_TARGET,
      proratedTarget: THAM_TARGET,
      actual: 0,
      variance: -THAM_TARGET,
      achievementPercent: 0,
      proratedAchievementPercent: 0,
      status: "BEHIND",
      hasBilling: false,
    });
    expect(s1.unmatched.billingWithoutTarget).toEqual([]);
    expect(s1.unmatched.targetWithoutBilling).toHaveLength(18);
    const s2 = await semesterAchievement(database.db, AS_OF, CONFIG, { year: 2025, semester: 2 });
    expect(s2).toMatchObject({ semesterStart: "2025-07-01", semesterEnd: "2025-12-31", semesterDays: 184, elapsedDays: 184 });
  });

  it("pro-rates a 2026 copy of the 2025 targets by 21 of 181 days: NGUYỄN VĂN THÂM is at 8.2 % of the full target, 71.1 % pro-rated", async () => {
    const s1 = await withRollback(database.db, async (trx) => {
      await copyTargetsTo2026(trx);
      return semesterAchievement(trx, AS_OF, CONFIG, { year: 2026, semester: 1 });
    });
    const tham = s1.salesmen.find((salesman) => salesman.salesmanName === THAM)!;
    expect(tham.target).toBe(THAM_TARGET);
    expect(tham.actual).toBe(THAM_JANUARY);
    expect(tham.achievementPercent).toBeCloseTo(8.244, 3);
    expect(tham.proratedTarget).toBeCloseTo((THAM_TARGET * 21) / 181, 3);
    expect(tham.proratedAchievementPercent).toBeCloseTo(71.057, 3);
    expect(tham.variance).toBe(THAM_JANUARY - THAM_TARGET);
    // §3.7's example calls 8.2 % "Behind" because it judges the full-semester target; D9 (binding)
    // puts the status on the pro-rated figure, where 71.1 % is WARNING (70–90 %).
    expect(tham.status).toBe("WARNING");
    expect(s1.salesmen.find((salesman) => salesman.salesmanName === "MICHEL WAHYUDI KUSUMA")).toMatchObject({
      target: null,
      status: "NO_TARGET",
      actual: 597_300_000,
    });
    for (const name of TARGETS_WITHOUT_BILLING) {
      expect(s1.salesmen.find((salesman) => salesman.salesmanName === name)).toMatchObject({ actual: 0, status: "BEHIND" });
    }
    expect(s1.unmatched).toEqual({ billingWithoutTarget: ["MICHEL WAHYUDI KUSUMA"], targetWithoutBilling: TARGETS_WITHOUT_BILLING });
    expect(s1.salesmen).toHaveLength(19);
    expect(s1.totals.target).toBe(244_910_222_930);
    expect(s1.totals.actual).toBe(18_875_865_442 - 597_300_000);
    expect(s1.revenueWithoutTarget).toBe(597_300_000);
    // Leaderboard order: best pro-rated achievement first, salesmen without a target last.
    const percents = s1.salesmen.filter((s) => s.hasTarget).map((s) => s.proratedAchievementPercent!);
    expect(percents).toEqual([...percents].sort((a, b) => b - a));
    expect(s1.salesmen.at(-1)!.status).toBe("NO_TARGET");
  });

  it("takes the status thresholds from the configuration", async () => {
    const lenient = { ...CONFIG, sales: { onTrackPercent: 70, warningPercent: 50 } };
    const tham = await withRollback(database.db, async (trx) => {
      await copyTargetsTo2026(trx);
      const s1 = await semesterAchievement(trx, AS_OF, lenient, { year: 2026, semester: 1 });
      return s1.salesmen.find((salesman) => salesman.salesmanName === THAM)!;
    });
    expect(tham.status).toBe("ON_TRACK");
  });

  it("matches a target written in lower case with stray spaces to the billed name", async () => {
    const tham = await withRollback(database.db, async (trx) => {
      await sql`insert into raw_target (salesman_name, semester, year, target, raw, row_hash, load_id)
                select ${"  nguyễn văn  thâm "}, 1, 2026, target, raw, row_hash, load_id
                from raw_target where salesman_name = ${THAM} and year = 2025 and semester = 1`.execute(trx);
      const s1 = await semesterAchievement(trx, AS_OF, CONFIG, { year: 2026, semester: 1 });
      return s1.salesmen.filter((salesman) => salesman.hasTarget);
    });
    expect(tham).toHaveLength(1);
    expect(tham[0]).toMatchObject({ salesmanName: THAM, target: THAM_TARGET, actual: THAM_JANUARY, hasBilling: true });
  });

  it("counts elapsed days up to the as-of date only: none before the semester, all after it", async () => {
    const before = await withRollback(database.db, async (trx) => {
      await copyTargetsTo2026(trx);
      return semesterAchievement(trx, "2025-12-31", CONFIG, { year: 2026, semester: 1 });
    });
    expect(before.elapsedDays).toBe(0);
    // Nothing billed up to the as-of date, so the salesmen are those with a target, none started.
    expect(before.salesmen.every((salesman) => salesman.actual === 0 && salesman.status === "NOT_STARTED")).toBe(true);
    const after = await semesterAchievement(database.db, "2026-08-15", CONFIG, { year: 2026, semester: 1 });
    expect(after.elapsedDays).toBe(181);
    // Billing after the as-of date is not yet "to date".
    const early = await semesterAchievement(database.db, "2026-01-10", CONFIG, { year: 2026, semester: 1 });
    const { rows } = await sql<{ revenue: number }>`
      select sum(net_value) as revenue from raw_zrsd002 where billing_date <= '2026-01-10'`.execute(database.db);
    expect(early.elapsedDays).toBe(10);
    expect(early.revenueWithoutTarget).toBe(rows[0].revenue);
  });
});
