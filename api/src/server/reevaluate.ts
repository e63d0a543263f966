/**
 * With `ALKANA_AS_OF=now`, time passing alone can raise or clear an alert: every
 * `ALKANA_REEVALUATE_MINUTES` the alerts are evaluated again (under the load lock, so several
 * processes take turns and raise each alert once). With a fixed or data-cut-off as-of date nothing
 * changes between loads, and nothing is scheduled.
 */
import type { AlkanaConfig } from "../config.js";
import type { Database } from "../db/database.js";
import { reevaluateAlerts } from "../domain/refresh.js";

export function scheduleReevaluation(database: Database, config: AlkanaConfig, log: (entry: object) => void): () => void {
  if (config.asOf.kind !== "now" || config.reevaluateMinutes <= 0) return () => undefined;
  const timer = setInterval(() => {
    reevaluateAlerts(database, config).then(
      (result) =>
        log({ time: new Date().toISOString(), level: "info", msg: "alerts re-evaluated", asOf: result.asOfDate, raised: result.raised.length, resolved: result.resolved }),
      (error: unknown) => log({ time: new Date().toISOString(), level: "error", msg: "alert re-evaluation failed", error: String(error) }),
    );
  }, config.reevaluateMinutes * 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
