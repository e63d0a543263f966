/**
 * replaceTable (api/src/db/replace-table.ts): the rows are replaced and the table keeps its
 * indexes, index-backed constraints, checks and defaults, on every backend; and netting_group,
 * which the full rebuild replaces, can be.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../api/src/db/database.js";
import { replaceTable } from "../api/src/db/replace-table.js";
import { backends } from "./support/databases.js";

describe.each(backends)("replaceTable ($name)", (backend) => {
  let database: Database;

  beforeAll(async () => {
    database = await backend.open();
    await sql`create table replace_me (
      plant    text not null,
      batch    text,
      quantity numeric not null default 0 check (quantity >= 0),
      constraint replace_me_key unique nulls not distinct (plant, batch)
    )`.execute(database.db);
    await sql`create index replace_me_no_batch on replace_me (plant) where batch is null`.execute(database.db);
    await sql`create index replace_me_lower on replace_me (lower(plant), quantity desc)`.execute(database.db);
    await sql`insert into replace_me values ('1201', 'A', 1), ('1401', null, 2)`.execute(database.db);
  });
  afterAll(async () => database?.close());

  it("replaces the rows and keeps indexes, constraints and defaults under their names", async () => {
    const before = await shape(database, "replace_me");
    await database.db.transaction().execute(async (trx) => {
      await replaceTable(trx, "replace_me", async (copy) => {
        await sql`insert into ${sql.id(copy)} (plant, batch) values ('1301', null), ('1301', 'B')`.execute(trx);
      });
    });
    const { rows } = await sql<{ plant: string; batch: string | null; quantity: string }>`
      select plant, batch, quantity::text from replace_me order by batch nulls first`.execute(database.db);
    expect(rows).toEqual([
      { plant: "1301", batch: null, quantity: "0" },
      { plant: "1301", batch: "B", quantity: "0" },
    ]);
    expect(await shape(database, "replace_me")).toEqual(before);
    expect(before.indexes).toHaveLength(3);
    // The constraints still hold: nulls not distinct, and the check.
    await expect(sql`insert into replace_me (plant, batch) values ('1301', null)`.execute(database.db)).rejects.toThrow(/replace_me_key/);
    await expect(sql`insert into replace_me values ('1301', 'C', -1)`.execute(database.db)).rejects.toThrow(/check/);
  });

  it("leaves the table as it was when the fill fails", async () => {
    await expect(
      database.db.transaction().execute(async (trx) => {
        await replaceTable(trx, "replace_me", async (copy) => {
          await sql`insert into ${sql.id(copy)} (plant) values (null)`.execute(trx);
        });
      }),
    ).rejects.toThrow(/null/);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from replace_me`.execute(database.db);
    expect(rows[0].n).toBe(2);
  });

  it("can replace netting_group, which the full rebuild replaces, and keeps its shape", async () => {
    const before = await shape(database, "netting_group");
    expect(before.indexes.length).toBeGreaterThanOrEqual(2);
    expect(before.constraints.map((constraint) => constraint.name)).toContain("netting_group_key");
    await database.db.transaction().execute((trx) => replaceTable(trx, "netting_group", async () => {}));
    expect(await shape(database, "netting_group")).toEqual(before);
  });
});

/** The table's columns, index definitions and constraint definitions, by name. */
async function shape(database: Database, table: string) {
  const { rows: columns } = await sql<Record<string, unknown>>`
    select column_name, data_type, is_nullable, column_default from information_schema.columns
    where table_name = ${table} and table_schema = current_schema() order by ordinal_position`.execute(database.db);
  const { rows: indexes } = await sql<{ name: string; definition: string }>`
    select indexname as name, indexdef as definition from pg_indexes
    where tablename = ${table} and schemaname = current_schema() order by indexname`.execute(database.db);
  const { rows: constraints } = await sql<{ name: string; definition: string }>`
    select conname as name, pg_get_constraintdef(oid) as definition from pg_constraint
    where conrelid = to_regclass(${table}) order by conname`.execute(database.db);
  return { columns, indexes, constraints };
}
