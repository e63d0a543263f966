/**
 * One database handle for the whole product: Kysely over the embedded PGlite (default) or over a
 * PostgreSQL server (`DATABASE_URL`). Both backends return the same JavaScript values:
 * int8 and numeric as numbers, `date` as a `YYYY-MM-DD` string (TOOLCHAIN.md §3).
 */
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { Kysely, PostgresDialect, sql, type Transaction } from "kysely";
import { PGliteDialect } from "kysely-pglite-dialect";
import pg from "pg";
import { acquireDataDirLock, type DataDirLock } from "./data-dir-lock.js";

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
  const db: Db = new Kysely({ dialect: new PostgresDialect({ pool }) });
  await sql`select 1`.execute(db);
  const listeners: pg.Client[] = [];
  return {
    backend: "postgres",
    location: redactPassword(databaseUrl),
    db,
    async runScript(trx, script) {
      // Without parameters pg uses the simple query protocol, which accepts several statements.
      await sql.raw(script).execute(trx);
    },
    async listen(channel, onPayload) {
      // LISTEN needs a connection of its own that stays open (TOOLCHAIN.md §3).
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      client.on("notification", (message) => {
        if (message.channel === channel) onPayload(message.payload ?? "");
      });
      await client.query(`listen ${pg.escapeIdentifier(channel)}`);
      listeners.push(client);
      return async () => {
        listeners.splice(listeners.indexOf(client), 1);
        await client.end();
      };
    },
    async close() {
      await Promise.all(listeners.splice(0).map((client) => client.end()));
      await db.destroy();
    },
  };
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
