/**
 * AR collection and aging per ZRFI005 snapshot (DOMAIN.md §1.6, §3.8; binding §6 D10) on the view
 * `ar_row` (sql/030_sales.sql). One snapshot at a time, the latest by default, never summed across
 * snapshots. "Target" is the *collection target* (what should be collected, by days overdue), not the
 * ledger balance; "Realization" is what was collected against it. Overdue is shown both as > 30 days
 * (the old KPI) and ≥ 1 day. Every function answers null when the snapshot does not exist.
 */
import { sql } from "kysely";
import type { Db } from "../db/database.js";
import { addDays, type Division } from "./sales.js";

export type ArRisk = "HIGH" | "MEDIUM" | "LOW";

export type ArBucketName = "NOT_DUE" | "DAYS_1_30" | "DAYS_31_60" | "DAYS_61_90" | "DAYS_91_120" | "DAYS_121_180" | "OVER_180";

/** Days of sales history the DSO approximation divides by (DOMAIN.md §3.8). */
export const DSO_WINDOW_DAYS = 90;

export interface ArSnapshot {
  snapshotDate: string;
  rowCount: number;
  customerCount: number;
  totalTarget: number;
  totalRealization: number;
}

/**
 * DSO approximation (DOMAIN.md §3.8), labelled as such because the AR "target" is not the open
 * balance (§5 item 10): (Σ collection target − Σ realization) ÷ Σ VAT-inclusive billing of the 90
 * days ending on the snapshot date × 90.
 */
export interface DsoApproximation {
  isApproximation: true;
  days: number | null;
  /** Σ Total Target − Σ Total Realization. */
  outstanding: number;
  /** Σ ZRSD002 Total (incl. VAT) in VND, cancelled invoices excluded, billed salesFrom…salesTo. */
  grossSales: number;
  salesFrom: string;
  salesTo: string;
  /** False when the loaded billing starts after salesFrom: the divisor then misses days and DSO reads high. */
  salesHistoryComplete: boolean;
}

export interface ArFigures {
  rowCount: number;
  customerCount: number;
  /** Σ Total Target: the collection target ("Total Outstanding" on the desired UI). */
  totalTarget: number;
  totalRealization: number;
  /** Σ Total Realization ÷ Σ Total Target × 100. */
  collectionRatePercent: number | null;
  /** Σ target buckets 31 days and older. */
  overdueOver30: number;
  overdueOver30Percent: number | null;
  /** Σ target buckets from 1 day. */
  overdueFrom1: number;
  overdueFrom1Percent: number | null;
  /** Σ Target > 180 Days. */
  badDebt: number;
  badDebtPercent: number | null;
  /** Distinct customer codes with a HIGH-risk row. */
  highRiskCustomers: number;
  dso: DsoApproximation;
}

export interface ArDivisionFigures extends ArFigures {
  division: Division;
}

export interface ArSummary extends ArFigures {
  snapshotDate: string;
  divisions: ArDivisionFigures[];
}

export interface ArBucket {
  bucket: ArBucketName;
  /** Null for Not Due: there is no "Target Not Due". */
  target: number | null;
  realization: number;
}

export interface ArBuckets {
  snapshotDate: string;
  division: Division | null;
  buckets: ArBucket[];
}

export interface ArCustomerRow {
  customerCode: string;
  customerName: string | null;
  channel: string | null;
  division: Division;
  customerGroup: string | null;
  salesmanCode: string | null;
  salesmanName: string | null;
  buckets: ArBucket[];
  totalTarget: number;
  totalRealization: number;
  collectionRatePercent: number | null;
  overdueOver30: number;
  overdueOver30Percent: number | null;
  overdueFrom1: number;
  overdueFrom1Percent: number | null;
  badDebt: number;
  risk: ArRisk;
}

export interface ArCustomerFilter {
  /** YYYY-MM-DD; default the latest snapshot. */
  snapshot?: string;
  division?: Division;
  risk?: ArRisk;
  /** Salesman code, or name (matched as targets match names). */
  salesman?: string;
  /** Default 50. */
  limit?: number;
  offset?: number;
}

/** The loaded snapshots, newest first. */
export async function arSnapshots(db: Db): Promise<ArSnapshot[]> {
  const { rows } = await sql<{
    snapshot_date: string;
    row_count: number;
    customer_count: number;
    total_target: number;
    total_realization: number;
  }>`select * from ar_snapshot order by snapshot_date desc`.execute(db);
  return rows.map((row) => ({
    snapshotDate: row.snapshot_date,
    rowCount: row.row_count,
    customerCount: row.customer_count,
    totalTarget: row.total_target,
    totalRealization: row.total_realization,
  }));
}

/** KPI cards and the division table of one snapshot: totals, collection rate, overdue, bad debt, DSO. */
export async function arSummary(db: Db, options: { snapshot?: string } = {}): Promise<ArSummary | null> {
  const snapshotDate = await resolveSnapshot(db, options.snapshot);
  if (snapshotDate === null) return null;
  const salesFrom = addDays(snapshotDate, 1 - DSO_WINDOW_DAYS);
  const { rows } = await sql<{
    division: Division | null;
    row_count: number;
    customer_count: number;
    total_target: number;
    total_realization: number;
    overdue_over_30: number;
    overdue_from_1: number;
    bad_debt: number;
    high_risk_customers: number;
    gross_sales: number;
    first_billing_date: string | null;
  }>`
    with ar as (
      select case when grouping(division) = 0 then division end         as division,
             count(*)                                                   as row_count,
             count(distinct customer_code)                              as customer_count,
             sum(total_target)                                          as total_target,
             sum(total_realization)                                     as total_realization,
             sum(overdue_over_30)                                       as overdue_over_30,
             sum(overdue_from_1)                                        as overdue_from_1,
             sum(bad_debt)                                              as bad_debt,
             count(distinct customer_code) filter (where risk = 'HIGH') as high_risk_customers
      from ar_row
      where snapshot_date = ${snapshotDate}::date
      group by grouping sets ((division), ())
    ), sales as (
      select case when grouping(division) = 0 then division end as division,
             sum(gross_revenue)                                 as gross_sales
      from sales_line
      where billing_date between ${salesFrom}::date and ${snapshotDate}::date
      group by grouping sets ((division), ())
    )
    select ar.*, coalesce(sales.gross_sales, 0) as gross_sales,
           (select min(billing_date) from raw_zrsd002) as first_billing_date
    from ar
    left join sales on sales.division is not distinct from ar.division
    order by ar.division nulls first`.execute(db);
  const figures = (row: (typeof rows)[number]): ArFigures => {
    const outstanding = row.total_target - row.total_realization;
    return {
      rowCount: row.row_count,
      customerCount: row.customer_count,
      totalTarget: row.total_target,
      totalRealization: row.total_realization,
      collectionRatePercent: percent(row.total_realization, row.total_target),
      overdueOver30: row.overdue_over_30,
      overdueOver30Percent: percent(row.overdue_over_30, row.total_target),
      overdueFrom1: row.overdue_from_1,
      overdueFrom1Percent: percent(row.overdue_from_1, row.total_target),
      badDebt: row.bad_debt,
      badDebtPercent: percent(row.bad_debt, row.total_target),
      highRiskCustomers: row.high_risk_customers,
      dso: {
        isApproximation: true,
        days: row.gross_sales === 0 ? null : (outstanding / row.gross_sales) * DSO_WINDOW_DAYS,
        outstanding,
        grossSales: row.gross_sales,
        salesFrom,
        salesTo: snapshotDate,
        salesHistoryComplete: row.first_billing_date !== null && row.first_billing_date <= salesFrom,
      },
    };
  };
  const [total, ...divisions] = rows;
  return {
    snapshotDate,
    ...figures(total),
    divisions: divisions.map((row) => ({ division: row.division as Division, ...figures(row) })),
  };
}

/** The aging chart: target and realization per bucket of one snapshot, optionally one division. */
export async function arBuckets(
  db: Db,
  options: { snapshot?: string; division?: Division } = {},
): Promise<ArBuckets | null> {
  const snapshotDate = await resolveSnapshot(db, options.snapshot);
  if (snapshotDate === null) return null;
  const { rows } = await sql<BucketColumns>`
    select coalesce(sum(target_1_30), 0)          as target_1_30,
           coalesce(sum(target_31_60), 0)         as target_31_60,
           coalesce(sum(target_61_90), 0)         as target_61_90,
           coalesce(sum(target_91_120), 0)        as target_91_120,
           coalesce(sum(target_121_180), 0)       as target_121_180,
           coalesce(sum(target_over_180), 0)      as target_over_180,
           coalesce(sum(realization_not_due), 0)  as realization_not_due,
           coalesce(sum(realization_1_30), 0)     as realization_1_30,
           coalesce(sum(realization_31_60), 0)    as realization_31_60,
           coalesce(sum(realization_61_90), 0)    as realization_61_90,
           coalesce(sum(realization_91_120), 0)   as realization_91_120,
           coalesce(sum(realization_121_180), 0)  as realization_121_180,
           coalesce(sum(realization_over_180), 0) as realization_over_180
    from ar_row
    where snapshot_date = ${snapshotDate}::date
      ${options.division === undefined ? sql`` : sql`and division = ${options.division}`}`.execute(db);
  return { snapshotDate, division: options.division ?? null, buckets: bucketsOf(rows[0]) };
}

/**
 * AR rows (customer × channel × salesman) of one snapshot with their buckets, overdue and risk,
 * largest collection target first (top debtors). Only rows with a target or a realization are listed.
 */
export async function arCustomers(
  db: Db,
  filter: ArCustomerFilter = {},
): Promise<{ snapshotDate: string; customers: ArCustomerRow[] } | null> {
  const snapshotDate = await resolveSnapshot(db, filter.snapshot);
  if (snapshotDate === null) return null;
  const { rows } = await sql<
    BucketColumns & {
      customer_code: string;
      customer_name: string | null;
      channel: string | null;
      division: Division;
      customer_group: string | null;
      salesman_code: string | null;
      salesman_name: string | null;
      total_target: number;
      total_realization: number;
      overdue_over_30: number;
      overdue_from_1: number;
      bad_debt: number;
      risk: ArRisk;
    }
  >`
    select *
    from ar_row
    where snapshot_date = ${snapshotDate}::date
      and (total_target > 0 or total_realization > 0)
      ${filter.division === undefined ? sql`` : sql`and division = ${filter.division}`}
      ${filter.risk === undefined ? sql`` : sql`and risk = ${filter.risk}`}
      ${
        filter.salesman === undefined
          ? sql``
          : sql`and (salesman_code = ${filter.salesman} or salesman_key = salesman_key(${filter.salesman}))`
      }
    order by total_target desc, customer_code, channel, salesman_code
    limit ${filter.limit ?? 50}
    ${filter.offset === undefined ? sql`` : sql`offset ${filter.offset}`}`.execute(db);
  return {
    snapshotDate,
    customers: rows.map((row) => ({
      customerCode: row.customer_code,
      customerName: row.customer_name,
      channel: row.channel,
      division: row.division,
      customerGroup: row.customer_group,
      salesmanCode: row.salesman_code,
      salesmanName: row.salesman_name,
      buckets: bucketsOf(row),
      totalTarget: row.total_target,
      totalRealization: row.total_realization,
      collectionRatePercent: percent(row.total_realization, row.total_target),
      overdueOver30: row.overdue_over_30,
      overdueOver30Percent: percent(row.overdue_over_30, row.total_target),
      overdueFrom1: row.overdue_from_1,
      overdueFrom1Percent: percent(row.overdue_from_1, row.total_target),
      badDebt: row.bad_debt,
      risk: row.risk,
    })),
  };
}

interface BucketColumns {
  target_1_30: number;
  target_31_60: number;
  target_61_90: number;
  target_91_120: number;
  target_121_180: number;
  target_over_180: number;
  realization_not_due: number;
  realization_1_30: number;
  realization_31_60: number;
  realization_61_90: number;
  realization_91_120: number;
  realization_121_180: number;
  realization_over_180: number;
}

function bucketsOf(row: BucketColumns): ArBucket[] {
  return [
    { bucket: "NOT_DUE", target: null, realization: row.realization_not_due },
    { bucket: "DAYS_1_30", target: row.target_1_30, realization: row.realization_1_30 },
    { bucket: "DAYS_31_60", target: row.target_31_60, realization: row.realization_31_60 },
    { bucket: "DAYS_61_90", target: row.target_61_90, realization: row.realization_61_90 },
    { bucket: "DAYS_91_120", target: row.target_91_120, realization: row.realization_91_120 },
    { bucket: "DAYS_121_180", target: row.target_121_180, realization: row.realization_121_180 },
    { bucket: "OVER_180", target: row.target_over_180, realization: row.realization_over_180 },
  ];
}

/** The requested snapshot when it is loaded, the latest when none is requested; null otherwise. */
async function resolveSnapshot(db: Db, snapshot: string | undefined): Promise<string | null> {
  const { rows } = await sql<{ snapshot_date: string | null }>`
    select max(snapshot_date) as snapshot_date
    from raw_zrfi005
    ${snapshot === undefined ? sql`` : sql`where snapshot_date = ${snapshot}::date`}`.execute(db);
  return rows[0]?.snapshot_date ?? null;
}

function percent(part: number, total: number): number | null {
  return total === 0 ? null : (part / total) * 100;
}
