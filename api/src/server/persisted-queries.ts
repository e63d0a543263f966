/**
 * The cache behind Apollo's automatic persisted queries, kept in the database so that every API
 * process knows every registered query (no in-memory state another process would need).
 */
import type { KeyValueCache } from "@apollo/utils.keyvaluecache";
import { sql } from "kysely";
import type { Db } from "../db/database.js";

export function persistedQueryCache(db: Db): KeyValueCache<string> {
  return {
    async get(key) {
      const { rows } = await sql<{ query: string }>`select query from persisted_query where key = ${key}`.execute(db);
      return rows[0]?.query;
    },
    async set(key, value) {
      await sql`insert into persisted_query (key, query) values (${key}, ${value}) on conflict (key) do nothing`.execute(db);
    },
    async delete(key) {
      await sql`delete from persisted_query where key = ${key}`.execute(db);
      return true;
    },
  };
}
