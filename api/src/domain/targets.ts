/**
 * Semester target achievement per salesman (DOMAIN.md §3.7, §1.8; binding §6 D9). S1 = Jan–Jun,
 * S2 = Jul–Dec. Actual = revenue (view `sales_line`) billed in the semester up to the as-of date;
 * achievement is shown against the full-semester target and against the target pro-rated by the
 * elapsed calendar days of the semester (as-of date included); the status uses the pro-rated figure.
 * Names are matched NFC-normalised, trimmed and case-folded (SQL `salesman_key`, sql/030_sales.sql);
 * unmatched names on either side are listed, never dropped.
 */
import { sql } from "kysely";
import type { AlkanaConfig } from "../config.js";
import type { Db } from "../db/database.js";
import { daysBetween } from "./sales.js";

export type Semester = 1 | 2;

/** ON_TRACK / WARNING / BEHIND on the pro-rated achievement; NO_TARGET without a (positive) target; NOT_STARTED before the semester. */
export type TargetStatus = "ON_TRACK" | "WARNING" | "BEHIND" | "NO_TARGET" | "NOT_STARTED";

export interface SalesmanAchievement {
  /** The billed spelling when the salesman billed in the semester, else the target file's. */
  salesmanName: string;
  salesmanIds: string[];
  /** Full-semester target; null when the target file has none for this semester. */
  target: number | null;
  /** Target × elapsed days ÷ semester days. */
  proratedTarget: number | null;
  /** Revenue billed in the semester up to the as-of date. */
  actual: number;
  /** Actual − full target. */
  variance: number | null;
  /** Actual − pro-rated target. */
  proratedVariance: number | null;
  achievementPercent: number | null;
  proratedAchievementPercent: number | null;
  status: TargetStatus;
  hasTarget: boolean;
  hasBilling: boolean;
}

export interface SemesterAchievement {
  asOfDate: string;
  year: number;
  semester: Semester;
  semesterStart: string;
  semesterEnd: string;
  semesterDays: number;
  /** Days from the semester start to the as-of date, both included, within 0…semesterDays. */
  elapsedDays: number;
  /** Leaderboard: best pro-rated achievement first, salesmen without a target last. */
  salesmen: SalesmanAchievement[];
  /** Over the salesmen that have a target. */
  totals: {
    target: number;
    proratedTarget: number;
    actual: number;
    achievementPercent: number | null;
    proratedAchievementPercent: number | null;
    status: TargetStatus;
  };
  /** Revenue of salesmen billing in the semester without a target. */
  revenueWithoutTarget: number;
  /** Revenue of billing lines without a salesman name. */
  revenueWithoutSalesman: number;
  /** Names billing in the semester without a target for it, and targets without billing in it. */
  unmatched: SalesmanNameMatching;
}

export interface SalesmanNameMatching {
  billingWithoutTarget: string[];
  targetWithoutBilling: string[];
}

/** The achievement leaderboard of one semester (default: the semester of the as-of date). */
export async function semesterAchievement(
  db: Db,
  asOf: string,
  config: AlkanaConfig,
  selection: { year?: number; semester?: Semester } = {},
): Promise<SemesterAchievement> {
  const year = selection.year ?? Number(asOf.slice(0, 4));
  const semester = selection.semester ?? (Number(asOf.slice(5, 7)) <= 6 ? 1 : 2);
  const semesterStart = `${year}-${semester === 1 ? "01-01" : "07-01"}`;
  const semesterEnd = `${year}-${semester === 1 ? "06-30" : "12-31"}`;
  const semesterDays = daysBetween(semesterStart, semesterEnd) + 1;
  const elapsedDays = Math.min(semesterDays, Math.max(0, daysBetween(semesterStart, asOf) + 1));
  const billedTo = asOf < semesterEnd ? asOf : semesterEnd;

  const { rows } = await sql<{
    salesman_key: string | null;
    salesman_name: string | null;
    salesman_ids: string[] | null;
    actual: number | null;
    target: number | null;
    has_billing: boolean;
    has_target: boolean;
  }>`
    with billed as (
      select salesman_key,
             (array_agg(salesman_name order by billing_date desc, billing_document desc))[1] as salesman_name,
             coalesce(array_agg(distinct salesman_id) filter (where salesman_id is not null and salesman_id <> '0'),
                      '{}')                                                                  as salesman_ids,
             coalesce(sum(revenue), 0)                                                       as actual
      from sales_line
      where billing_date between ${semesterStart}::date and ${billedTo}::date
      group by salesman_key
    ), target as (
      select salesman_key, salesman_name, target
      from sales_target
      where year = ${year}::int and semester = ${semester}::int
    )
    select coalesce(b.salesman_key, t.salesman_key)   as salesman_key,
           coalesce(b.salesman_name, t.salesman_name) as salesman_name,
           b.salesman_ids,
           b.actual,
           t.target,
           b.actual is not null                       as has_billing,
           t.salesman_key is not null                 as has_target
    from billed b
    full join target t on t.salesman_key = b.salesman_key`.execute(db);

  const thresholds = config.sales;
  const salesmen: SalesmanAchievement[] = [];
  let revenueWithoutSalesman = 0;
  for (const row of rows) {
    if (row.salesman_key === null) {
      revenueWithoutSalesman += row.actual ?? 0;
      continue;
    }
    salesmen.push(
      achievementOf(
        {
          salesmanName: row.salesman_name ?? row.salesman_key,
          salesmanIds: row.salesman_ids ?? [],
          hasTarget: row.has_target,
          hasBilling: row.has_billing,
        },
        row.target,
        row.actual ?? 0,
        elapsedDays / semesterDays,
        thresholds,
      ),
    );
  }
  salesmen.sort(
    (a, b) =>
      (b.proratedAchievementPercent ?? -Infinity) - (a.proratedAchievementPercent ?? -Infinity) ||
      b.actual - a.actual ||
      a.salesmanName.localeCompare(b.salesmanName),
  );

  const withTarget = salesmen.filter((salesman) => salesman.hasTarget);
  const totalTarget = withTarget.reduce((sum, salesman) => sum + (salesman.target ?? 0), 0);
  const totalActual = withTarget.reduce((sum, salesman) => sum + salesman.actual, 0);
  const total = achievementOf(
    { salesmanName: "", salesmanIds: [], hasTarget: true, hasBilling: true },
    totalTarget,
    totalActual,
    elapsedDays / semesterDays,
    thresholds,
  );
  return {
    asOfDate: asOf,
    year,
    semester,
    semesterStart,
    semesterEnd,
    semesterDays,
    elapsedDays,
    salesmen,
    totals: {
      target: totalTarget,
      proratedTarget: total.proratedTarget ?? 0,
      actual: totalActual,
      achievementPercent: total.achievementPercent,
      proratedAchievementPercent: total.proratedAchievementPercent,
      status: total.status,
    },
    revenueWithoutTarget: salesmen.filter((s) => !s.hasTarget).reduce((sum, s) => sum + s.actual, 0),
    revenueWithoutSalesman,
    unmatched: {
      billingWithoutTarget: names(salesmen.filter((s) => s.hasBilling && !s.hasTarget)),
      targetWithoutBilling: names(salesmen.filter((s) => s.hasTarget && !s.hasBilling)),
    },
  };
}

/**
 * Name matching over everything loaded, whatever the period (DOMAIN.md §1.8, §5 item 12): billing
 * salesman names that no target row carries, and target names that never billed.
 */
export async function salesmanNameMatching(db: Db): Promise<SalesmanNameMatching> {
  const { rows } = await sql<{ side: "BILLING" | "TARGET"; salesman_name: string }>`
    select 'BILLING' as side, min(salesman_name) as salesman_name
    from sales_line l
    where salesman_key is not null
      and not exists (select 1 from sales_target t where t.salesman_key = l.salesman_key)
    group by salesman_key
    union all
    select 'TARGET', min(salesman_name)
    from sales_target t
    where not exists (select 1 from sales_line l where l.salesman_key = t.salesman_key)
    group by salesman_key
    order by 1, 2`.execute(db);
  return {
    billingWithoutTarget: rows.filter((row) => row.side === "BILLING").map((row) => row.salesman_name),
    targetWithoutBilling: rows.filter((row) => row.side === "TARGET").map((row) => row.salesman_name),
  };
}

type SalesmanIdentity = Pick<SalesmanAchievement, "salesmanName" | "salesmanIds" | "hasTarget" | "hasBilling">;

function achievementOf(
  identity: SalesmanIdentity,
  target: number | null,
  actual: number,
  elapsedShare: number,
  thresholds: AlkanaConfig["sales"],
): SalesmanAchievement {
  const proratedTarget = target === null ? null : target * elapsedShare;
  const achievementPercent = target ? (actual / target) * 100 : null;
  const proratedAchievementPercent = proratedTarget ? (actual / proratedTarget) * 100 : null;
  return {
    ...identity,
    target,
    proratedTarget,
    actual,
    variance: target === null ? null : actual - target,
    proratedVariance: proratedTarget === null ? null : actual - proratedTarget,
    achievementPercent,
    proratedAchievementPercent,
    status: statusOf(target, elapsedShare, proratedAchievementPercent, thresholds),
  };
}

function statusOf(
  target: number | null,
  elapsedShare: number,
  proratedPercent: number | null,
  thresholds: AlkanaConfig["sales"],
): TargetStatus {
  if (target === null || target <= 0) return "NO_TARGET";
  if (elapsedShare === 0 || proratedPercent === null) return "NOT_STARTED";
  if (proratedPercent >= thresholds.onTrackPercent) return "ON_TRACK";
  if (proratedPercent >= thresholds.warningPercent) return "WARNING";
  return "BEHIND";
}

function names(salesmen: SalesmanAchievement[]): string[] {
  return salesmen.map((salesman) => salesman.salesmanName).sort((a, b) => a.localeCompare(b));
}
