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
  const cutoff = await dataCutoff(db);
  return { date: cutoff ?? businessToday(today), source: cutoff ? "DATA_CUTOFF" : "TODAY" };
}

/**
 * The latest MB51 posting date loaded, or null when none is. `max(posting_date)` over the whole
 * table would read every entry of raw_mb51's `(plant, posting_date)` index (1.6 million for a year:
 * hundreds of ms); instead a loose index scan walks the few distinct plants of that index and takes
 * each plant's maximum from the end of its range (a few ms), and MB51 loads keep one index less to
 * maintain.
 */
async function dataCutoff(db: Db): Promise<string | null> {
  const { rows } = await sql<{ cutoff: string | null }>`
    with recursive plants (plant) as (
      (select plant from raw_mb51 order by plant limit 1)
      union all
      select (select r.plant from raw_mb51 r where r.plant > p.plant order by r.plant limit 1)
      from plants p where p.plant is not null
    )
    select max((select max(r.posting_date) from raw_mb51 r where r.plant = p.plant)) as cutoff
    from plants p where p.plant is not null`.execute(db);
  return rows[0]?.cutoff ?? null;
}

/** Today's date in the business calendar's time zone, Asia/Ho_Chi_Minh (DOMAIN.md §5 item 26). */
export function businessToday(now: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh" }).format(now);
}
