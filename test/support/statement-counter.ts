/**
 * Counts the SQL statements a piece of work sends through a Database: a Kysely plugin sees every
 * query result (query builder and `sql` templates alike). Start the server with `counted.database`.
 */
import type { KyselyPlugin } from "kysely";
import type { Database } from "../../api/src/db/database.js";

export function withStatementCounter(database: Database) {
  let statements = 0;
  let counting = false;
  const plugin: KyselyPlugin = {
    transformQuery: (args) => args.node,
    transformResult: async (args) => {
      if (counting) statements += 1;
      return args.result;
    },
  };
  return {
    database: { ...database, db: database.db.withPlugin(plugin) } as Database,
    async count<T>(work: () => Promise<T>): Promise<{ result: T; statements: number }> {
      statements = 0;
      counting = true;
      try {
        const result = await work();
        return { result, statements };
      } finally {
        counting = false;
      }
    },
  };
}
