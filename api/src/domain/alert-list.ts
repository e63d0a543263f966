/**
 * Reading alerts (DOMAIN.md §3.6, §4.1 "Alerts"; CONTRACT.md `AlertFilter`): lists ordered
 * CRITICAL → HIGH → MEDIUM, newest first within a severity; counts per severity. Lists default to
 * every ACTIVE alert whatever its date.
 */
import { sql, type RawBuilder } from "kysely";
import type { Db } from "../db/database.js";
import type { AlertType, Severity } from "./alerts.js";

export interface AlertRecord {
  id: number;
  type: AlertType;
  entity: string;
  severity: Severity;
  plant: string | null;
  material: string | null;
  metricValue: number | null;
  threshold: number | null;
  message: string;
  asOfDate: string;
  detectedAt: Date;
  raisedByLoadId: number | null;
  status: "ACTIVE" | "RESOLVED";
  resolvedAt: Date | null;
  resolvedBy: string | null;
  resolution: "AUTOMATIC" | "MANUAL" | null;
  resolutionNote: string | null;
}

export interface AlertQuery {
  types?: AlertType[];
  /** Plants asked for, already narrowed to what the viewer may see; `undefined` = all. */
  plants?: string[];
  minSeverity?: Severity;
  status?: "ACTIVE" | "RESOLVED";
  /** Detected-at window (YYYY-MM-DD, inclusive). */
  from?: string;
  to?: string;
}

/** Sort key of a severity: lower is more severe. */
export const SEVERITY_RANK: Record<Severity, number> = { CRITICAL: 1, HIGH: 2, MEDIUM: 3 };

export interface AlertPosition {
  rank: number;
  id: number;
}

export async function listAlerts(
  db: Db,
  query: AlertQuery,
  page: { limit: number; after?: AlertPosition },
): Promise<AlertRecord[]> {
  const after = page.after
    ? sql`and (${rankSql()} > ${page.after.rank} or (${rankSql()} = ${page.after.rank} and a.id < ${page.after.id}))`
    : sql``;
  const { rows } = await sql<AlertRow>`
    select a.* from alert a
    where ${conditions(query)} ${after}
    order by ${rankSql()}, a.id desc
    limit ${page.limit}`.execute(db);
  return rows.map(toAlertRecord);
}

export async function countAlerts(db: Db, query: AlertQuery): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*) as n from alert a where ${conditions(query)}`.execute(db);
  return rows[0].n;
}

export async function alertsById(db: Db, ids: readonly number[]): Promise<Map<number, AlertRecord>> {
  if (ids.length === 0) return new Map();
  const { rows } = await sql<AlertRow>`select a.* from alert a where a.id in (${sql.join([...ids])})`.execute(db);
  return new Map(rows.map((row) => [row.id, toAlertRecord(row)]));
}

export interface AlertCounts {
  critical: number;
  high: number;
  medium: number;
  total: number;
}

export async function alertCounts(db: Db, query: AlertQuery): Promise<AlertCounts> {
  const { rows } = await sql<AlertCounts>`
    select count(*) filter (where severity = 'CRITICAL') as critical,
           count(*) filter (where severity = 'HIGH') as high,
           count(*) filter (where severity = 'MEDIUM') as medium,
           count(*) as total
    from alert a where ${conditions(query)}`.execute(db);
  return rows[0];
}

function rankSql(): RawBuilder<number> {
  return sql<number>`case a.severity when 'CRITICAL' then 1 when 'HIGH' then 2 else 3 end`;
}

function conditions(query: AlertQuery): RawBuilder<boolean> {
  const parts: RawBuilder<unknown>[] = [sql`a.status = ${query.status ?? "ACTIVE"}`];
  if (query.types?.length) parts.push(sql`a.type in (${sql.join(query.types)})`);
  if (query.plants) parts.push(query.plants.length ? sql`a.plant in (${sql.join(query.plants)})` : sql`false`);
  if (query.minSeverity) parts.push(sql`${rankSql()} <= ${SEVERITY_RANK[query.minSeverity]}`);
  if (query.from) parts.push(sql`a.detected_at >= ${query.from}::date`);
  if (query.to) parts.push(sql`a.detected_at < ${query.to}::date + 1`);
  return sql<boolean>`${sql.join(parts, sql` and `)}`;
}

interface AlertRow {
  id: number;
  type: AlertType;
  entity: string;
  severity: Severity;
  plant: string | null;
  material: string | null;
  metric_value: number | null;
  threshold: number | null;
  message: string;
  as_of_date: string;
  detected_at: Date;
  raised_by_load_id: number | null;
  status: "ACTIVE" | "RESOLVED";
  resolved_at: Date | null;
  resolved_by: string | null;
  resolution: "AUTOMATIC" | "MANUAL" | null;
  resolution_note: string | null;
}

function toAlertRecord(row: AlertRow): AlertRecord {
  return {
    id: row.id,
    type: row.type,
    entity: row.entity,
    severity: row.severity,
    plant: row.plant,
    material: row.material,
    metricValue: row.metric_value,
    threshold: row.threshold,
    message: row.message,
    asOfDate: row.as_of_date,
    detectedAt: row.detected_at,
    raisedByLoadId: row.raised_by_load_id,
    status: row.status,
    resolvedAt: row.resolved_at,
    resolvedBy: row.resolved_by,
    resolution: row.resolution,
    resolutionNote: row.resolution_note,
  };
}
