/**
 * Runs `work` with server settings changed for the current transaction only, then puts back the
 * values they had: the load, the merge and the model refresh share one transaction, and each step's
 * settings must not leak into the next.
 */
import { sql } from "kysely";
import type { DbTransaction } from "./database.js";

export async function withLocalSettings<T>(trx: DbTransaction, settings: Record<string, string>, work: () => Promise<T>): Promise<T> {
  const names = Object.keys(settings);
  const { rows } = await sql<{ previous: string[] }>`
    select array[${sql.join(names.map((name) => sql`current_setting(${name})`))}] as previous,
           ${sql.join(names.map((name) => sql`set_config(${name}, ${settings[name]}, true)`))}`.execute(trx);
  const result = await work();
  await sql`select ${sql.join(names.map((name, index) => sql`set_config(${name}, ${rows[0].previous[index]}, true)`))}`.execute(trx);
  return result;
}
