/** `alkana migrate`: applies pending migrations and says what it did. */
import type { AlkanaConfig } from "../config.js";
import { openDatabase } from "../db/database.js";
import { migrate } from "../db/migrate.js";

export async function migrateCommand(config: AlkanaConfig): Promise<void> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, holder: "alkana migrate" });
  try {
    const result = await migrate(database);
    const applied = result.applied.length ? `applied ${result.applied.join(", ")}` : "nothing to apply";
    console.log(`${database.location}: ${applied} (${result.alreadyApplied} already applied)`);
  } finally {
    await database.close();
  }
}
