/**
 * The backends a test runs on: always the embedded PGlite (in memory), and PostgreSQL when
 * DATABASE_URL is set (CONTRACT.md). Each PostgreSQL test database lives in a schema of its own,
 * so test files running in parallel never see each other's rows.
 */
import { randomUUID } from "node:crypto";
import pg from "pg";
import { openDatabase, type Database } from "../../api/src/db/database.js";
import { migrate } from "../../api/src/db/migrate.js";

export interface TestBackend {
  name: "pglite" | "postgres";
  /** A new, migrated, empty database; `close()` also drops it. */
  open(): Promise<Database>;
}

export const backends: TestBackend[] = [
  { name: "pglite", open: openPglite },
  ...(process.env.DATABASE_URL ? [{ name: "postgres" as const, open: openPostgresSchema }] : []),
];

async function openPglite(): Promise<Database> {
  const database = await openDatabase({ dataDir: "", holder: "test", inMemory: true });
  await migrate(database);
  return database;
}

async function openPostgresSchema(): Promise<Database> {
  const url = process.env.DATABASE_URL!;
  const schema = `test_${randomUUID().replace(/-/g, "").slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const scoped = new URL(url);
  scoped.searchParams.set("options", `-c search_path=${schema}`);
  const database = await openDatabase({ databaseUrl: scoped.toString(), dataDir: "", holder: "test" });
  await migrate(database);
  const close = database.close.bind(database);
  return Object.assign(database, {
    async close() {
      await close();
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`drop schema ${schema} cascade`);
      await cleanup.end();
    },
  });
}
