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
import { withLocalSettings } from "../db/local-settings.js";
import type { ReportName } from "../ingest/report-spec.js";
import { reportSpec } from "../ingest/reports/index.js";
import { evaluateAlerts, type AlertScope, type EvaluationResult } from "./alerts.js";
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

/** What was loaded: one report (its load and how many rows it changed), or "ALL" to rebuild every fact. */
interface RefreshScope {
  loadId: number | null;
  report: ReportName | "ALL";
  changedRows?: number;
}

/**
 * `report: "ALL"` rebuilds every fact; after an MB51 load only the netting groups and lead-time
 * orders of the batches its windows touch are recomputed; after another lead-time input, the lead
 * time of every order (those reports are small and carry no window).
 */
export async function refreshModel(
  trx: DbTransaction,
  config: AlkanaConfig,
  loaded: RefreshScope,
): Promise<RefreshResult> {
  // No JIT compilation for the refresh's statements: they are planned against unanalysed temporary
  // tables (load_window: a few rows estimated at 1,200) and whole-table views, so their estimated
  // costs pass jit_above_cost, and compiling took ~0.35 s per statement that then ran in a few ms.
  // PGlite has no JIT; the setting exists there too. And 64 MB of work memory per sort or hash
  // instead of the default 4 MB: a full rebuild groups a year of MB51 lines and sorts the DC's
  // lines per batch, which otherwise spill to disk (lead time 17 % faster at scale 40). Both are
  // restored before returning (the load's transaction goes on).
  return withLocalSettings(trx, { jit: "off", work_mem: "64MB" }, () => refreshFacts(trx, config, loaded));
}

async function refreshFacts(
  trx: DbTransaction,
  config: AlkanaConfig,
  loaded: RefreshScope,
): Promise<RefreshResult> {
  let nettingRebuilt = false;
  let leadTimeRebuilt = false;
  // Rows each fact table changed (undefined: rewritten whole), for the statistics below.
  let nettingChanged: { groups: number; cancellations: number } | undefined;
  let leadTimeChanged: number | undefined;
  // After an MB51 load that touched some batches, the alerts it can change (undefined: all).
  let alertScope: AlertScope | undefined;
  // Fresh statistics first: PGlite never auto-analyzes, and a just-loaded PostgreSQL table has none,
  // so the planner would otherwise pick nested loops over the new rows.
  if (loaded.report !== "ALL") await analyzeWhenStale(trx, reportSpec(loaded.report).table, loaded.changedRows);
  if (loaded.report === "ALL") {
    await rebuildNettingFacts(trx);
    await rebuildLeadTimeFacts(trx);
    nettingRebuilt = leadTimeRebuilt = true;
  } else if (loaded.report === "MB51") {
    const netting = (await hasNettingFacts(trx)) ? await refreshNettingFactsForWindows(trx) : await rebuildNettingFacts(trx);
    const orders = await rebuildLeadTimeFacts(trx, netting.batches);
    if (netting.batches !== undefined) {
      nettingChanged = { groups: netting.groups, cancellations: netting.cancellationsChanged };
      leadTimeChanged = orders;
      alertScope = { batches: netting.batches };
    }
    nettingRebuilt = leadTimeRebuilt = true;
  } else if (LEAD_TIME_INPUTS.has(loaded.report)) {
    await rebuildLeadTimeFacts(trx);
    leadTimeRebuilt = true;
  }
  if (nettingRebuilt) {
    await analyzeWhenStale(trx, "netting_group", nettingChanged?.groups);
    await analyzeWhenStale(trx, "cancelled_movement", nettingChanged?.cancellations);
  }
  if (leadTimeRebuilt) await analyzeWhenStale(trx, "lead_time_order", leadTimeChanged);
  const asOf = await resolveAsOf(trx, config.asOf);
  const alerts = await evaluateAlerts(trx, { asOf: asOf.date, config, loadId: loaded.loadId, scope: alertScope });
  await bumpModelVersion(trx);
  return { nettingRebuilt, leadTimeRebuilt, alerts };
}

/**
 * ANALYZE `table` unless its statistics still describe it: when `changedRows` rows (inserted,
 * replaced or recomputed; undefined = all) are at most autovacuum's own threshold for a new ANALYZE,
 * 50 rows + 10 % of the rows the last statistics counted. Sampling raw_mb51 after a day's few
 * thousand lines cost more than the rest of that refresh, and changed no plan.
 */
async function analyzeWhenStale(trx: DbTransaction, table: string, changedRows: number | undefined): Promise<void> {
  if (changedRows !== undefined) {
    const { rows } = await sql<{ tuples: number | null }>`
      select reltuples::float8 as tuples from pg_class where oid = to_regclass(${table})`.execute(trx);
    const tuples = rows[0]?.tuples ?? -1;
    if (tuples >= 0 && changedRows <= 50 + 0.1 * tuples) return;
  }
  await sql`analyze ${sql.table(table)}`.execute(trx);
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
