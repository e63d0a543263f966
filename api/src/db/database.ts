/**
 * One database handle for the whole product: Kysely over the embedded PGlite (default) or over a
 * PostgreSQL server (`DATABASE_URL`). Both backends return the same JavaScript values:
 * int8 and numeric as numbers, `date` as a `YYYY-MM-DD` string (TOOLCHAIN.md §3).
 */
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { CompiledQuery, Kysely, PostgresDialect, sql, type PostgresPool, type PostgresPoolClient, type Transaction } from "kysely";
import { PGliteDialect } from "kysely-pglite-dialect";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { acquireDataDirLock, type DataDirLock } from "./data-dir-lock.js";
import { startPgListener, type PgListener } from "./pg-listener.js";

export type Backend = "pglite" | "postgres";

// The query layer is written in SQL and typed at its edges; table types live with their modules.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Db = Kysely<any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type DbTransaction = Transaction<any>;

export interface Database {
  readonly backend: Backend;
  /** Where the data lives: the PGlite folder or the server URL without its password. */
  readonly location: string;
  readonly db: Db;
  /** Runs a multi-statement SQL script (a migration) on the connection of `trx`. */
  runScript(trx: DbTransaction, script: string): Promise<void>;
  /**
   * Bulk-loads `rows` into `table` with one `COPY … FROM` on the connection of `trx`, inside its
   * transaction: far cheaper per row than INSERT. Each row holds one value per column, in order:
   * `null`/`undefined` is SQL NULL (an empty string stays an empty string), strings and numbers go
   * as text, objects and arrays as JSON (for jsonb columns). Numbers that JSON cannot write
   * (NaN, ±Infinity) are NULL, as with the JSON bulk insert this replaced.
   */
  copyRows(trx: DbTransaction, table: string, columns: readonly string[], rows: readonly (readonly unknown[])[]): Promise<void>;
  /** Subscribes to a NOTIFY channel; returns the function that unsubscribes. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface OpenOptions {
  databaseUrl?: string;
  dataDir: string;
  /** Who holds the PGlite folder, written into its lock (for example "alkana serve on port 4000"). */
  holder: string;
  /** In-memory PGlite (tests and benchmarks): no folder, no lock. */
  inMemory?: boolean;
  /** A PGlite data-folder dump to start from (tests share one migrated template). */
  loadDataDir?: Blob;
}

const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;

const toNumber = (value: string) => Number(value);
const asText = (value: string) => value;

export async function openDatabase(options: OpenOptions): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl) : openPglite(options);
}

async function openPglite(options: OpenOptions): Promise<Database> {
  let lock: DataDirLock | undefined;
  let dataDir: string | undefined;
  if (!options.inMemory) {
    dataDir = resolve(options.dataDir);
    mkdirSync(dataDir, { recursive: true });
    lock = acquireDataDirLock(dataDir, options.holder);
  }
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({
      dataDir,
      loadDataDir: options.loadDataDir,
      parsers: { [INT8]: toNumber, [NUMERIC]: toNumber, [DATE]: asText },
    });
  } catch (error) {
    lock?.release();
    throw error;
  }
  const db: Db = new Kysely({ dialect: new PGliteDialect(pglite) });
  return {
    backend: "pglite",
    location: dataDir ?? "memory",
    db,
    async runScript(_trx, script) {
      // PGlite's query() uses the extended protocol, which refuses several statements; exec() runs
      // them in the same single session, hence inside the transaction that `_trx` holds open.
      await pglite.exec(script);
    },
    async copyRows(_trx, table, columns, rows) {
      if (rows.length === 0) return;
      // PGlite reads COPY data from the virtual file /dev/blob; one session, so this runs inside
      // the transaction that `_trx` holds open, like runScript. COPY goes into an empty table of
      // its own and INSERT moves the rows on: on PGlite 0.5.16 each COPY straight into a growing
      // table took longer than the one before (20 chunks of 10,000 MB51 rows: 0.3 s for the first,
      // 13 s for the last), while this stays flat (0.1–0.5 s per chunk).
      const chunk = pg.escapeIdentifier("copy_rows_chunk");
      const columnList = columns.map((column) => pg.escapeIdentifier(column)).join(", ");
      await pglite.exec(`create temp table ${chunk} as select ${columnList} from ${pg.escapeIdentifier(table)} with no data`);
      await pglite.query(copyStatement("copy_rows_chunk", columns, "'/dev/blob'"), [], { blob: new Blob([copyText(rows)]) });
      await pglite.exec(`insert into ${pg.escapeIdentifier(table)} (${columnList}) select ${columnList} from ${chunk}; drop table ${chunk}`);
    },
    async listen(channel, onPayload) {
      const unlisten = await pglite.listen(channel, onPayload);
      return async () => unlisten();
    },
    async close() {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
      lock?.release();
    },
  };
}

async function openPostgres(databaseUrl: string): Promise<Database> {
  const types = {
    getTypeParser(oid: number, format?: "text" | "binary") {
      if (oid === INT8 || oid === NUMERIC) return toNumber;
      if (oid === DATE) return asText;
      return pg.types.getTypeParser(oid, format);
    },
  } as pg.CustomTypesConfig;
  const pool = new pg.Pool({ connectionString: databaseUrl, types, max: 10 });
  const db: Db = new Kysely({ dialect: new PostgresDialect({ pool: copyingPool(pool) }) });
  await sql`select 1`.execute(db);
  const listeners: PgListener[] = [];
  return {
    backend: "postgres",
    location: redactPassword(databaseUrl),
    db,
    async runScript(trx, script) {
      // Without parameters pg uses the simple query protocol, which accepts several statements.
      await sql.raw(script).execute(trx);
    },
    async copyRows(trx, table, columns, rows) {
      if (rows.length === 0) return;
      // The rows travel as the only parameter of the COPY statement through the transaction's own
      // connection; copyingPool's clients recognise them and stream them with COPY FROM STDIN.
      await trx.executeQuery(CompiledQuery.raw(copyStatement(table, columns, "stdin"), [new CopyData(copyText(rows))]));
    },
    async listen(channel, onPayload) {
      // LISTEN needs a connection of its own that stays open (TOOLCHAIN.md §3), and comes back by
      // itself when it drops.
      const listener = await startPgListener(databaseUrl, channel, onPayload);
      listeners.push(listener);
      return async () => {
        listeners.splice(listeners.indexOf(listener), 1);
        await listener.stop();
      };
    },
    async close() {
      await Promise.all(listeners.splice(0).map((listener) => listener.stop()));
      await db.destroy();
    },
  };
}

/**
 * COPY data for a query: the text the server reads after `COPY … FROM STDIN`. Kysely gives no access
 * to the pg client that runs a transaction, and COPY must run on that very client (the staging table
 * is a temporary table of the transaction's session, and the rows belong to its transaction). So
 * `copyRows` sends the COPY statement through the transaction like any query, with a `CopyData` as
 * its only parameter, and the clients that `copyingPool` hands to Kysely run such a query as a
 * COPY stream (pg-copy-streams) instead of a parameterised statement.
 */
class CopyData {
  constructor(readonly text: string) {}
}

function copyingPool(pool: pg.Pool): PostgresPool {
  const wrapped = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const wrap = (client: pg.PoolClient): PostgresPoolClient => {
    // Kysely calls only query(sql, parameters) here: its cursor form needs a `cursor` in the dialect config.
    const query = (text: string, parameters: readonly unknown[]) =>
      parameters[0] instanceof CopyData ? copyIn(client, text, parameters[0]) : client.query(text, [...parameters]);
    return { query: query as unknown as PostgresPoolClient["query"], release: () => client.release() };
  };
  return {
    async connect() {
      const client = await pool.connect();
      let kyselyClient = wrapped.get(client);
      if (!kyselyClient) wrapped.set(client, (kyselyClient = wrap(client)));
      return kyselyClient;
    },
    end: () => pool.end(),
  };
}

/** Runs `COPY … FROM STDIN` on `client`; resolves once the server has stored the rows. */
function copyIn(client: pg.PoolClient, statement: string, data: CopyData): Promise<{ command: string; rowCount: number; rows: [] }> {
  return new Promise((resolve, reject) => {
    const stream = client.query(copyFrom(statement));
    stream.on("error", reject);
    stream.on("finish", () => resolve({ command: "COPY", rowCount: stream.rowCount, rows: [] }));
    stream.end(data.text, "utf8");
  });
}

function copyStatement(table: string, columns: readonly string[], source: string): string {
  const columnList = columns.map((column) => pg.escapeIdentifier(column)).join(", ");
  return `copy ${pg.escapeIdentifier(table)} (${columnList}) from ${source}`;
}

/** Rows in COPY's text format: tab-separated, `\N` for NULL, backslash escapes for `\`, tab, LF, CR. */
function copyText(rows: readonly (readonly unknown[])[]): string {
  let text = "";
  for (const row of rows) {
    for (let index = 0; index < row.length; index += 1) {
      if (index > 0) text += "\t";
      text += copyValue(row[index]);
    }
    text += "\n";
  }
  return text;
}

const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_SPECIALS = /[\\\t\n\r]/g;
const COPY_ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

function copyValue(value: unknown): string {
  if (value === null || value === undefined) return "\\N";
  let text: string;
  if (typeof value === "string") text = value;
  else if (typeof value === "number") return Number.isFinite(value) ? String(value) : "\\N";
  else if (typeof value === "object") text = JSON.stringify(value);
  else text = String(value);
  return COPY_SPECIAL.test(text) ? text.replace(COPY_SPECIALS, (special) => COPY_ESCAPES[special]) : text;
}

function redactPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "postgres";
  }
}
