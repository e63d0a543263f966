/** Opens the configured database (PGlite folder or DATABASE_URL) and brings its schema up to date. */
import type { AlkanaConfig } from "../config.js";
import { openDatabase, type Database } from "../db/database.js";
import { migrate } from "../db/migrate.js";

export async function openMigratedDatabase(config: AlkanaConfig, holder: string): Promise<Database> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, holder });
  try {
    await migrate(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}
