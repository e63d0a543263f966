/**
 * Inserts many rows in few statements: chunks of rows travel as one JSON parameter and
 * `json_populate_recordset` turns them into the table's row type, on PostgreSQL and PGlite alike.
 */
import { sql } from "kysely";
import type { Db, DbTransaction } from "./database.js";

const CHUNK_ROWS = 5000;

/** Inserts `rows` (objects keyed by column name) into `table`; returns the number inserted. */
export async function bulkInsert(db: Db | DbTransaction, table: string, rows: Record<string, unknown>[]): Promise<number> {
  for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
    const chunk = rows.slice(start, start + CHUNK_ROWS);
    const columns = Object.keys(chunk[0]);
    const columnList = sql.join(columns.map((column) => sql.id(column)));
    await sql`insert into ${sql.table(table)} (${columnList})
      select ${columnList} from json_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(chunk)}::json)`.execute(db);
  }
  return rows.length;
}
