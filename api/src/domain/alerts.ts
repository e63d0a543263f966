/**
 * Alerts (DOMAIN.md §3.6 as decided in §6 D8; CONTRACT.md "Rules settled here"). `evaluateAlerts`
 * computes every condition that holds at the as-of date, then reconciles the `alert` table in a few
 * set-based statements: conditions without an active alert raise one (announced once with NOTIFY on
 * `ALERT_CHANNEL`), active alerts whose condition is gone are resolved automatically, and a
 * hand-resolved alert stays resolved until its condition has cleared once and holds again.
 */
import { sql, type RawBuilder } from "kysely";
import type { AlkanaConfig } from "../config.js";
import type { Db, DbTransaction } from "../db/database.js";
import { bulkInsert } from "../db/bulk-insert.js";
import { textArray } from "../db/text-array.js";
import { workingDaysBetween } from "./working-days.js";

export const ALERT_TYPES = ["STUCK_IN_TRANSIT", "DELAYED_TRANSIT", "LOW_YIELD", "OVERDUE_AR"] as const;
export type AlertType = (typeof ALERT_TYPES)[number];
export const SEVERITIES = ["CRITICAL", "HIGH", "MEDIUM"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** PostgreSQL NOTIFY channel on which each newly raised alert is announced (payload: `AlertNotice`). */
export const ALERT_CHANNEL = "alkana_alert_raised";

export interface AlertNotice {
  id: number;
  type: AlertType;
  severity: Severity;
  plant: string | null;
  /** The schema of the database the alert lives in: NOTIFY channels are shared by every schema. */
  schema?: string;
}

export interface AlertCondition {
  type: AlertType;
  entity: string;
  severity: Severity;
  plant: string | null;
  material: string | null;
  metric_value: number | null;
  threshold: number | null;
  message: string;
}

export interface EvaluationResult {
  asOfDate: string;
  conditions: number;
  raised: AlertNotice[];
  resolved: number;
}

/**
 * Which conditions an evaluation recomputes. `undefined`: all of them. After an MB51 load, only what
 * that load can change: STUCK_IN_TRANSIT everywhere (it depends on the as-of date, which the load
 * may move), DELAYED_TRANSIT and LOW_YIELD of the batches whose netting and lead time were
 * recomputed (MB51 reaches LOW_YIELD only through the plant of an order missing from COOISPI, taken
 * from the batch's 101 lines), and no OVERDUE_AR (ZRFI005 alone). The other alerts keep what they
 * say; only their as-of date moves, as a full evaluation would move it.
 */
export interface AlertScope {
  batches: readonly string[];
}

/** Evaluates the alert types (all, or those a scope names) at `asOf` and reconciles the alert table. */
export async function evaluateAlerts(
  trx: DbTransaction,
  options: { asOf: string; config: AlkanaConfig; loadId: number | null; scope?: AlertScope },
): Promise<EvaluationResult> {
  const { asOf, config, loadId, scope } = options;
  const batches = scope && textArray(scope.batches);
  const conditions = [
    ...(await stuckInTransit(trx, asOf, config)),
    ...(await delayedTransit(trx, config, batches)),
    ...(await lowYield(trx, config, batches)),
    ...(scope ? [] : await overdueReceivables(trx)),
  ];
  await sql`create temp table alert_condition on commit drop as
    select type, entity, severity, plant, material, metric_value, threshold, message from alert with no data`.execute(trx);
  if (conditions.length) await bulkInsert(trx, "alert_condition", conditions as unknown as Record<string, unknown>[]);
  // The alerts whose condition this evaluation recomputed: only these may be resolved.
  const evaluated: RawBuilder<boolean> = batches
    ? sql<boolean>`(a.type = 'STUCK_IN_TRANSIT'
        or (a.type = 'DELAYED_TRANSIT' and a.entity = any (${batches}))
        or (a.type = 'LOW_YIELD' and a.entity in (
              select ltrim(z.process_order, '0') from raw_zrpp062 z where z.batch = any (${batches}))))`
    : sql<boolean>`true`;

  // Still holding: keep the alert, refresh what it says (only where that changed: most alerts say
  // the same from one evaluation to the next, and rewriting ~4,000 rows cost a new version of each).
  await sql`
    update alert a set severity = c.severity, plant = c.plant, material = c.material, metric_value = c.metric_value,
           threshold = c.threshold, message = c.message, as_of_date = ${asOf}::date
    from alert_condition c
    where a.status = 'ACTIVE' and a.type = c.type and a.entity = c.entity
      and (a.severity, a.plant, a.material, a.metric_value, a.threshold, a.message, a.as_of_date)
          is distinct from (c.severity, c.plant, c.material, c.metric_value, c.threshold, c.message, ${asOf}::date)`.execute(trx);
  // Not recomputed, so still holding as before: only the as-of date moves.
  if (scope) {
    await sql`
      update alert a set as_of_date = ${asOf}::date
      where a.status = 'ACTIVE' and a.as_of_date <> ${asOf}::date and not ${evaluated}`.execute(trx);
  }
  // No longer holding: resolved automatically.
  const resolved = await sql`
    update alert a set status = 'RESOLVED', resolution = 'AUTOMATIC', resolved_at = now(), resolved_by = 'system',
           as_of_date = ${asOf}::date
    where a.status = 'ACTIVE' and ${evaluated}
      and not exists (select 1 from alert_condition c where c.type = a.type and c.entity = a.entity)`.execute(trx);
  // A hand-resolved alert whose condition is gone may be raised anew when the condition returns.
  await sql`
    update alert a set condition_cleared = true
    where a.resolution = 'MANUAL' and not a.condition_cleared and ${evaluated}
      and not exists (select 1 from alert_condition c where c.type = a.type and c.entity = a.entity)`.execute(trx);
  const { rows: raised } = await sql<AlertNotice>`
    with fresh as (
      insert into alert (type, entity, severity, plant, material, metric_value, threshold, message, as_of_date, raised_by_load_id)
      select c.type, c.entity, c.severity, c.plant, c.material, c.metric_value, c.threshold, c.message, ${asOf}::date, ${loadId}::bigint
      from alert_condition c
      where not exists (select 1 from alert a where a.type = c.type and a.entity = c.entity and a.status = 'ACTIVE')
        and not exists (select 1 from alert a where a.type = c.type and a.entity = c.entity
                          and a.resolution = 'MANUAL' and not a.condition_cleared)
      returning id, type, severity, plant
    )
    select id, type, severity, plant,
           pg_notify(${ALERT_CHANNEL}, json_build_object('id', id, 'type', type, 'severity', severity, 'plant', plant,
                                                         'schema', current_schema())::text) as notified
    from fresh order by id`.execute(trx);
  return {
    asOfDate: asOf,
    conditions: conditions.length,
    raised: raised.map(({ id, type, severity, plant }) => ({ id, type, severity, plant })),
    resolved: Number(resolved.numAffectedRows ?? 0),
  };
}

/** Resolves an alert by hand; returns false when there is no active alert with that id. */
export async function resolveAlertManually(db: Db, id: number, by: string, note: string | null): Promise<boolean> {
  const result = await sql`
    update alert set status = 'RESOLVED', resolution = 'MANUAL', resolved_at = now(), resolved_by = ${by},
           resolution_note = ${note}, condition_cleared = false
    where id = ${id} and status = 'ACTIVE'`.execute(db);
  return Number(result.numAffectedRows ?? 0) > 0;
}

function transitSeverity(workingDays: number, config: AlkanaConfig): Severity {
  return workingDays > config.alerts.transitCriticalAboveWorkingDays ? "CRITICAL" : "HIGH";
}

/**
 * STUCK_IN_TRANSIT: the netted STO goods issue at the factory (351 net of 352 at 1201) exceeds the
 * netted DC receipt (101 net of 102 at 1401) for more than the allowed working days between the
 * first valid issue and the as-of date. The batches where it exceeds it are kept in `transit_open`
 * (sql/098) with the netting facts.
 */
async function stuckInTransit(trx: DbTransaction, asOf: string, config: AlkanaConfig): Promise<AlertCondition[]> {
  const { rows } = await sql<{
    batch: string;
    material: string;
    issued: number;
    received: number;
    issue_date: string;
    description: string | null;
  }>`
    select t.batch, t.material, t.issued, t.received, t.issue_date,
           -- From a surviving issue line of the group itself (index netted_movement_batch): any raw_mb51
           -- line of the material, as before, had no index to find it by and scanned the table per alert.
           (select n.material_description from netted_movement n
             where n.batch = t.batch and n.plant = '1201' and n.movement_type = '351' and n.material = t.material
               and n.material_description is not null
             limit 1) as description
    from transit_open t
    where t.issue_date <= ${asOf}::date`.execute(trx);
  const limit = config.alerts.transitWorkingDays;
  return rows.flatMap((row) => {
    const days = workingDaysBetween(row.issue_date, asOf, config.calendar);
    if (days <= limit) return [];
    return [
      {
        type: "STUCK_IN_TRANSIT" as const,
        entity: row.batch,
        severity: transitSeverity(days, config),
        plant: "1201",
        material: row.material,
        metric_value: days,
        threshold: limit,
        message:
          `Batch ${row.batch} (${row.description ?? row.material}): ${row.issued - row.received} of ${row.issued} ` +
          `issued from 1201 on ${row.issue_date} not received at 1401 after ${days} working days`,
      },
    ];
  });
}

/** DELAYED_TRANSIT: finish → DC receipt longer than the allowed working days. */
async function delayedTransit(trx: DbTransaction, config: AlkanaConfig, batches?: RawBuilder<unknown>): Promise<AlertCondition[]> {
  const limit = config.alerts.transitWorkingDays;
  const { rows } = await sql<{
    batch: string;
    material: string;
    material_description: string | null;
    finish_date: string;
    dc_receipt_date: string;
  }>`
    select batch, material, material_description, finish_date, dc_receipt_date
    from lead_time_order
    where finish_date is not null and dc_receipt_date is not null and dc_receipt_date - finish_date > ${limit}::int
      and ${batches ? sql`batch = any (${batches})` : sql`true`}`.execute(trx);
  return rows.flatMap((row) => {
    const days = workingDaysBetween(row.finish_date, row.dc_receipt_date, config.calendar);
    if (days <= limit) return [];
    return [
      {
        type: "DELAYED_TRANSIT" as const,
        entity: row.batch,
        severity: transitSeverity(days, config),
        plant: "1401",
        material: row.material,
        metric_value: days,
        threshold: limit,
        message:
          `Batch ${row.batch} (${row.material_description ?? row.material}) finished ${row.finish_date}, ` +
          `received at 1401 on ${row.dc_receipt_date}: ${days} working days in transit`,
      },
    ];
  });
}

/** LOW_YIELD: filling yield of a P01 order below the threshold (the `filling_yield` view: valid orders only). */
async function lowYield(trx: DbTransaction, config: AlkanaConfig, batches?: RawBuilder<unknown>): Promise<AlertCondition[]> {
  const { lowYieldPercent, lowYieldHighBelowPercent, lowYieldCriticalBelowPercent } = config.alerts;
  const { rows } = await sql<{
    order_number: string;
    plant: string | null;
    material: string;
    material_description: string | null;
    loss_kg: number;
    yield_percent: number;
  }>`
    select order_number, plant, material, material_description, loss_kg, yield_percent
    from filling_yield
    where valid and yield_percent < ${lowYieldPercent}::numeric
      and ${batches ? sql`batch = any (${batches})` : sql`true`}`.execute(trx);
  return rows.map((row) => ({
    type: "LOW_YIELD" as const,
    entity: row.order_number,
    severity:
      row.yield_percent < lowYieldCriticalBelowPercent ? "CRITICAL" : row.yield_percent < lowYieldHighBelowPercent ? "HIGH" : "MEDIUM",
    plant: row.plant ?? "1201",
    material: row.material,
    metric_value: row.yield_percent,
    threshold: lowYieldPercent,
    message:
      `Filling order ${row.order_number} (${row.material_description ?? row.material}): yield ` +
      `${row.yield_percent.toFixed(2)} %, loss ${row.loss_kg.toFixed(3)} kg`,
  }));
}

/** OVERDUE_AR: a customer with a `Target > 180 Days` amount in the latest ZRFI005 snapshot (one per customer code). */
async function overdueReceivables(trx: DbTransaction): Promise<AlertCondition[]> {
  const { rows } = await sql<{ customer_code: string; customer_name: string | null; amount: number; snapshot_date: string }>`
    select customer_code, max(customer_name) as customer_name, sum(target_over_180_days) as amount,
           max(snapshot_date) as snapshot_date
    from raw_zrfi005
    where snapshot_date = (select max(snapshot_date) from raw_zrfi005)
    group by customer_code
    having sum(target_over_180_days) > 0`.execute(trx);
  return rows.map((row) => ({
    type: "OVERDUE_AR" as const,
    entity: row.customer_code,
    severity: "HIGH" as const,
    plant: null,
    material: null,
    metric_value: row.amount,
    threshold: 0,
    message: `Customer ${row.customer_code} (${row.customer_name ?? "?"}): ${row.amount.toLocaleString("en-US")} VND due more than 180 days (snapshot ${row.snapshot_date})`,
  }));
}
