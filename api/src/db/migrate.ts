/**
 * Applies the plain SQL migrations of `sql/` in file-name order, all pending ones inside one
 * transaction, and records each (name + checksum) in `schema_migration`. Safe to re-run; a changed
 * file that was already applied is refused rather than silently skipped.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import type { Database } from "./database.js";

export const MIGRATIONS_DIR = fileURLToPath(new URL("../../../sql/", import.meta.url));

export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
}

export async function migrate(database: Database, dir = MIGRATIONS_DIR): Promise<MigrationResult> {
  const files = readdirSync(dir)
    .filter((name) => /^\d{3}_.+\.sql$/.test(name))
    .sort();
  return database.db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext('alkana.migrate'))`.execute(trx);
    await sql`create table if not exists schema_migration (
      name text primary key,
      checksum text not null,
      applied_at timestamptz not null default now()
    )`.execute(trx);
    const { rows } = await sql<{ name: string; checksum: string }>`
      select name, checksum from schema_migration`.execute(trx);
    const done = new Map(rows.map((row) => [row.name, row.checksum]));
    const applied: string[] = [];
    for (const name of files) {
      const script = readFileSync(`${dir}/${name}`, "utf8");
      const checksum = createHash("sha256").update(script).digest("hex");
      const previous = done.get(name);
      if (previous !== undefined) {
        if (previous !== checksum) {
          throw new Error(`Migration ${name} was changed after it was applied; add a new migration instead.`);
        }
        continue;
      }
      await database.runScript(trx, script);
      await sql`insert into schema_migration (name, checksum) values (${name}, ${checksum})`.execute(trx);
      applied.push(name);
    }
    return { applied, alreadyApplied: files.length - applied.length };
  });
}
