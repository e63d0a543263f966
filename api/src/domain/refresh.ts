/**
 * Brings the model up to date after a load, inside the load's transaction: netting facts (when MB51
 * changed), lead-time facts (when any report they read changed), then the alerts at the as-of date;
 * last, the model version is bumped (announced at commit) so that every API process drops the
 * results it cached for the previous one. Everything else in the model is a view over the raw tables
 * and needs no refresh.
 */
import type { AlkanaConfig } from "../config.js";
import { sql } from "kysely";
import type { Database, Db, DbTransaction } from "../db/database.js";
import type { ReportName } from "../ingest/report-spec.js";
import { reportSpec } from "../ingest/reports/index.js";
import { evaluateAlerts, type EvaluationResult } from "./alerts.js";
import { resolveAsOf } from "./as-of.js";
import { rebuildLeadTimeFacts } from "./lead-time.js";
import { rebuildNettingFacts, refreshNettingFactsForWindows } from "./netting-facts.js";

/** NOTIFY channel announcing a new model version at the commit of a refresh (payload: `ModelVersionNotice`). */
export const MODEL_CHANNEL = "alkana_model_changed";

export interface ModelVersionNotice {
  version: number;
  /** NOTIFY channels are shared by every schema of the database. */
  schema: string;
}

const LEAD_TIME_INPUTS: ReadonlySet<ReportName> = new Set(["MB51", "COOISPI", "ZRMM024", "ZRSD002", "ZRSD004"]);

export interface RefreshResult {
  nettingRebuilt: boolean;
  leadTimeRebuilt: boolean;
  alerts: EvaluationResult;
}

/** The `afterMerge` hook of `loadFile` that keeps the model current. */
export function refreshAfterLoad(config: AlkanaConfig, onRefreshed?: (result: RefreshResult) => void) {
  return async (trx: DbTransaction, loaded: { loadId: number; report: ReportName }) => {
    const result = await refreshModel(trx, config, loaded);
    onRefreshed?.(result);
  };
}

/**
 * `report: "ALL"` rebuilds every fact; after an MB51 load only the netting groups and lead-time
 * orders of the batches its windows touch are recomputed; after another lead-time input, the lead
 * time of every order (those reports are small and carry no window).
 */
export async function refreshModel(
  trx: DbTransaction,
  config: AlkanaConfig,
  loaded: { loadId: number | null; report: ReportName | "ALL" },
): Promise<RefreshResult> {
  let nettingRebuilt = false;
  let leadTimeRebuilt = false;
  // Fresh statistics first: PGlite never auto-analyzes, and a just-loaded PostgreSQL table has none,
  // so the planner would otherwise pick nested loops over the new rows.
  if (loaded.report !== "ALL") await sql`analyze ${sql.table(reportSpec(loaded.report).table)}`.execute(trx);
  if (loaded.report === "ALL") {
    await rebuildNettingFacts(trx);
    await rebuildLeadTimeFacts(trx);
    nettingRebuilt = leadTimeRebuilt = true;
  } else if (loaded.report === "MB51") {
    const netting = (await hasNettingFacts(trx)) ? await refreshNettingFactsForWindows(trx) : await rebuildNettingFacts(trx);
    await rebuildLeadTimeFacts(trx, netting.batches);
    nettingRebuilt = leadTimeRebuilt = true;
  } else if (LEAD_TIME_INPUTS.has(loaded.report)) {
    await rebuildLeadTimeFacts(trx);
    leadTimeRebuilt = true;
  }
  if (nettingRebuilt) await sql`analyze netting_group, netted_movement`.execute(trx);
  if (leadTimeRebuilt) await sql`analyze lead_time_order`.execute(trx);
  const asOf = await resolveAsOf(trx, config.asOf);
  const alerts = await evaluateAlerts(trx, { asOf: asOf.date, config, loadId: loaded.loadId });
  await bumpModelVersion(trx);
  return { nettingRebuilt, leadTimeRebuilt, alerts };
}

/**
 * Raises the model version inside the refresh's transaction and announces it with NOTIFY, which
 * PostgreSQL delivers at COMMIT (and never after a ROLLBACK). The row lock also orders concurrent
 * refreshes (they already queue on the load lock).
 */
async function bumpModelVersion(trx: DbTransaction): Promise<number> {
  const { rows } = await sql<{ version: number }>`
    update model_version set version = version + 1, changed_at = now() returning version`.execute(trx);
  const version = rows[0].version;
  await sql`select pg_notify(${MODEL_CHANNEL}, json_build_object('version', ${version}::bigint, 'schema', current_schema())::text)`.execute(trx);
  return version;
}

/** The committed model version: what a process reads at start and checks now and then. */
export async function readModelVersion(db: Db): Promise<number> {
  const { rows } = await sql<{ version: number }>`select version from model_version`.execute(db);
  return rows[0]?.version ?? 0;
}

async function hasNettingFacts(trx: DbTransaction): Promise<boolean> {
  const { rows } = await sql<{ present: boolean }>`select exists (select 1 from netting_group) as present`.execute(trx);
  return rows[0].present;
}

/**
 * Re-evaluates the alerts alone, under the load lock (so that processes never evaluate at once):
 * with `ALKANA_AS_OF=now` time passing alone can raise or clear an alert.
 */
export async function reevaluateAlerts(database: Database, config: AlkanaConfig): Promise<EvaluationResult> {
  return database.db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext('alkana.ingest'))`.execute(trx);
    const asOf = await resolveAsOf(trx, config.asOf);
    return evaluateAlerts(trx, { asOf: asOf.date, config, loadId: null });
  });
}
