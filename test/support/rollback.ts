/**
 * Runs `body` in a transaction that is always rolled back: tests change the loaded samples
 * (a cancelled invoice, a 2026 target) without disturbing the other tests of their file.
 */
import type { Db } from "../../api/src/db/database.js";

class RolledBack extends Error {}

export async function withRollback<T>(db: Db, body: (trx: Db) => Promise<T>): Promise<T> {
  let result: { value: T } | undefined;
  try {
    await db.transaction().execute(async (trx) => {
      result = { value: await body(trx) };
      throw new RolledBack();
    });
  } catch (error) {
    if (!(error instanceof RolledBack)) throw error;
  }
  return result!.value;
}
