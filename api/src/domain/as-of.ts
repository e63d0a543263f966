/**
 * The as-of date (DOMAIN.md §6 D1): every "open", "stuck", "elapsed" or "to date" figure is computed
 * against it. Default: the data cut-off, the latest MB51 posting date loaded, so that historical
 * data never turns everything "stuck"; configurable to a fixed date or to today.
 */
import { sql } from "kysely";
import type { AsOfSetting } from "../config.js";
import type { Db } from "../db/database.js";

export interface AsOf {
  /** YYYY-MM-DD */
  date: string;
  /** How it was chosen: the data cut-off, today, or a configured date. */
  source: "DATA_CUTOFF" | "TODAY" | "CONFIGURED";
}

export async function resolveAsOf(db: Db, setting: AsOfSetting, today = new Date()): Promise<AsOf> {
  if (setting.kind === "date") return { date: setting.date, source: "CONFIGURED" };
  if (setting.kind === "now") return { date: businessToday(today), source: "TODAY" };
  const { rows } = await sql<{ cutoff: string | null }>`select max(posting_date) as cutoff from raw_mb51`.execute(db);
  return { date: rows[0].cutoff ?? businessToday(today), source: rows[0].cutoff ? "DATA_CUTOFF" : "TODAY" };
}

/** Today's date in the business calendar's time zone, Asia/Ho_Chi_Minh (DOMAIN.md §5 item 26). */
export function businessToday(now: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh" }).format(now);
}
