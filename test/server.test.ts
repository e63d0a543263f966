/**
 * The HTTP + WebSocket server over real sockets: /health, /graphql (HTTP and graphql-ws), /graphiql,
 * the `ingestRuns` connection and its input errors. Runs on in-memory PGlite, and also on PostgreSQL
 * when DATABASE_URL is set (in a schema of its own, dropped afterwards, so that parallel test files
 * sharing the database do not see each other's load_run rows).
 */
import type { AddressInfo } from "node:net";
import { createClient } from "graphql-ws";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { readConfig } from "../api/src/config.js";
import { openDatabase, type Database } from "../api/src/db/database.js";
import { migrate } from "../api/src/db/migrate.js";
import { decodeCursor, decodeIntegerCursor, encodeCursor, validateFirst } from "../api/src/graphql/relay.js";
import { startServer } from "../api/src/server/app.js";

interface Target {
  name: string;
  backend: "pglite" | "postgres";
  open(): Promise<{ database: Database; cleanup(): Promise<void> }>;
}

const targets: Target[] = [
  {
    name: "PGlite (in memory)",
    backend: "pglite",
    async open() {
      const database = await openDatabase({ dataDir: "", holder: "test", inMemory: true });
      return { database, cleanup: async () => undefined };
    },
  },
];

const databaseUrl = process.env.DATABASE_URL;
if (databaseUrl) {
  targets.push({
    name: "PostgreSQL (DATABASE_URL)",
    backend: "postgres",
    async open() {
      const schemaName = `alkana_test_server_${process.pid}_${Date.now()}`;
      const admin = new pg.Client({ connectionString: databaseUrl });
      await admin.connect();
      await admin.query(`create schema ${pg.escapeIdentifier(schemaName)}`);
      const url = new URL(databaseUrl);
      url.searchParams.set("options", `-c search_path=${schemaName}`);
      const database = await openDatabase({ databaseUrl: url.toString(), dataDir: "", holder: "test" });
      return {
        database,
        async cleanup() {
          await admin.query(`drop schema if exists ${pg.escapeIdentifier(schemaName)} cascade`);
          await admin.end();
        },
      };
    },
  });
}

const OLDER_STARTED_AT = new Date("2026-01-20T08:00:00.000Z");
const NEWER_STARTED_AT = new Date("2026-01-21T09:30:00.000Z");

describe.each(targets)("server on $name", (target) => {
  let database: Database;
  let cleanup: () => Promise<void> = async () => undefined;
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  let base: string;
  let token: string;
  let insertedIds: number[] = [];
  const logs: Record<string, unknown>[] = [];

  beforeAll(async () => {
    ({ database, cleanup } = await target.open());
    await migrate(database);
    const inserted = await database.db
      .insertInto("load_run")
      .values([
        {
          file_name: "mb51.xlsx",
          sha256: "a".repeat(64),
          report: "MB51",
          status: "LOADED",
          rows_read: 11169,
          inserted: 11169,
          warnings: JSON.stringify([
            { sheet: "Sheet1", row: 1, column: "Extra column", value: 42, reason: "unknown column, kept" },
          ]),
          duration_ms: 850,
          started_at: OLDER_STARTED_AT,
          loaded_by: "cli",
        },
        {
          file_name: "zrfi005.xlsx",
          sha256: "b".repeat(64),
          report: null,
          status: "REJECTED",
          rows_read: 0,
          rejected: 1,
          errors: JSON.stringify([{ row: 3, column: "Amount", value: "abc", reason: "not a number" }]),
          duration_ms: 12,
          started_at: NEWER_STARTED_AT,
          loaded_by: "admin@example",
        },
      ])
      .returning("id")
      .execute();
    insertedIds = inserted.map((row) => Number(row.id));
    server = await startServer({
      database,
      config: readConfig({}),
      port: 0,
      host: "127.0.0.1",
      log: (entry) => logs.push(entry as Record<string, unknown>),
    });
    const { port } = server.httpServer.address() as AddressInfo;
    base = `http://127.0.0.1:${port}`;
    // Zero-setup demo mode: the server hands out viewer tokens.
    token = ((await (await fetch(`${base}/demo/token`)).json()) as { token: string }).token;
  });

  afterAll(async () => {
    await server?.close();
    if (database && insertedIds.length > 0) {
      await database.db.deleteFrom("load_run").where("id", "in", insertedIds).execute();
    }
    await database?.close();
    await cleanup();
  });

  it("refuses GraphQL without a token, with a forged one, and a socket without one (4403)", async () => {
    const anonymous = await fetch(`${base}/graphql`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ query: "{ health { ok } }" }),
    });
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as GraphQLBody).errors?.[0]).toMatchObject({ extensions: { code: "UNAUTHENTICATED" } });
    const forged = await fetch(`${base}/graphql`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${token.slice(0, -4)}AAAA` },
      body: JSON.stringify({ query: "{ health { ok } }" }),
    });
    expect(forged.status).toBe(401);
    const port = (server!.httpServer.address() as AddressInfo).port;
    const closed = await new Promise<number>((resolve) => {
      const socket = new WebSocket(`ws://127.0.0.1:${port}/graphql`, "graphql-transport-ws");
      socket.on("open", () => socket.send(JSON.stringify({ type: "connection_init", payload: {} })));
      socket.on("close", (code) => resolve(code));
    });
    expect(closed).toBe(4403);
  });

  async function graphql(query: string, variables?: Record<string, unknown>) {
    const response = await fetch(`${base}/graphql`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: (await response.json()) as GraphQLBody };
  }

  it("reports health on GET /health", async () => {
    const response = await fetch(`${base}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: "ok",
      database: target.backend,
      lastLoadAt: OLDER_STARTED_AT.toISOString(), // the newer run was rejected
    });
    expect(server!.url).toBe(`${base}/`);
  });

  it("answers the health query", async () => {
    const { body } = await graphql("{ health { database ok lastLoadAt } }");
    expect(body).toEqual({
      data: { health: { database: target.backend, ok: true, lastLoadAt: OLDER_STARTED_AT.toISOString() } },
    });
  });

  const PAGE = `query Page($first: Int, $after: String) {
    ingestRuns(first: $first, after: $after) {
      totalCount
      edges { cursor node { id fileName status rowsRead report errors { sheet row column value reason } warnings { row column value reason } startedAt } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }`;

  it("pages through ingestRuns newest first", async () => {
    const first = await graphql(PAGE, { first: 1 });
    expect(first.body.errors).toBeUndefined();
    const page1 = first.body.data!.ingestRuns;
    expect(page1.totalCount).toBe(2);
    expect(page1.edges).toHaveLength(1);
    expect(page1.edges[0].node).toEqual({
      id: String(insertedIds[1]),
      fileName: "zrfi005.xlsx",
      status: "REJECTED",
      rowsRead: 0,
      report: null,
      errors: [{ sheet: null, row: 3, column: "Amount", value: "abc", reason: "not a number" }],
      warnings: [],
      startedAt: NEWER_STARTED_AT.toISOString(),
    });
    expect(page1.pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: false,
      startCursor: page1.edges[0].cursor,
      endCursor: page1.edges[0].cursor,
    });
    expect(page1.pageInfo.endCursor).not.toContain(String(insertedIds[1])); // opaque

    const second = await graphql(PAGE, { first: 1, after: page1.pageInfo.endCursor });
    expect(second.body.errors).toBeUndefined();
    const page2 = second.body.data!.ingestRuns;
    expect(page2.totalCount).toBe(2);
    expect(page2.edges.map((edge) => edge.node.fileName)).toEqual(["mb51.xlsx"]);
    expect(page2.edges[0].node.rowsRead).toBe(11169);
    // A non-string JSON value in storage comes back as its JSON text.
    expect(page2.edges[0].node.warnings).toEqual([
      { row: 1, column: "Extra column", value: "42", reason: "unknown column, kept" },
    ]);
    expect(page2.pageInfo.hasNextPage).toBe(false);
    expect(page2.pageInfo.hasPreviousPage).toBe(true);

    const third = await graphql(PAGE, { first: 1, after: page2.pageInfo.endCursor });
    expect(third.body.data!.ingestRuns.edges).toEqual([]);
    expect(third.body.data!.ingestRuns.pageInfo).toMatchObject({ hasNextPage: false, endCursor: null });

    const all = await graphql("{ ingestRuns { edges { node { fileName } } pageInfo { hasNextPage } } }");
    expect(all.body.data!.ingestRuns.edges.map((edge) => edge.node.fileName)).toEqual(["zrfi005.xlsx", "mb51.xlsx"]);
  });

  it.each([
    ["first: 0", { first: 0 }],
    ["first: 101", { first: 101 }],
    ["a garbage cursor", { first: 1, after: "not a cursor!" }],
    ["a cursor of another kind", { first: 1, after: encodeCursor("alert", 1) }],
  ])("refuses %s with BAD_USER_INPUT", async (_label, variables) => {
    const { body } = await graphql(PAGE, variables);
    expect(body.data ?? null).toBeNull();
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(body.errors![0].extensions).not.toHaveProperty("stacktrace");
  });

  it("serves a self-contained GraphiQL on GET /graphiql", async () => {
    const response = await fetch(`${base}/graphiql`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await response.text();
    expect(html).toContain("/graphql");

    // The render-graphiql bundle inlines its JS and CSS, and those contain harmless URL strings that
    // are never fetched (XML namespaces like www.w3.org, license and documentation links, JSON-schema
    // ids). So: list every host, and require that nothing the page *loads* points elsewhere.
    const hosts = new Set([...html.matchAll(/https?:\/\/([a-z0-9.-]+)/gi)].map((match) => match[1].toLowerCase()));
    const external = [...hosts].filter((host) => host !== "localhost" && host !== "127.0.0.1");
    console.info(`GraphiQL HTML mentions these hosts as strings (none loaded): ${external.sort().join(", ")}`);

    const loaded = [...html.matchAll(/<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*["']?([^"'\s>]+)/gi)].map(
      (match) => match[1],
    );
    const isLocal = (ref: string) => !/^(?:https?:)?\/\//i.test(ref) || /^(?:https?:)?\/\/(?:localhost|127\.0\.0\.1)[:/]/i.test(ref);
    expect(loaded.filter((ref) => !isLocal(ref))).toEqual([]);
    expect(html).not.toMatch(/url\(\s*["']?(?:https?:)?\/\//i); // no remote CSS resources (fonts, images)
    expect(html).not.toMatch(/import\(\s*["'`]https?:/i); // no remote modules
    expect(html).not.toMatch(/unpkg\.com|jsdelivr\.net|cdnjs|fonts\.googleapis\.com|cdn\.apollographql\.com/i);
  });

  it("runs operations over graphql-ws on the same port and path", async () => {
    const port = (server!.httpServer.address() as AddressInfo).port;
    const client = createClient({
      url: `ws://127.0.0.1:${port}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${token}` },
    });
    try {
      const results: unknown[] = [];
      for await (const result of client.iterate({ query: "{ health { ok database } }" })) results.push(result);
      expect(results).toEqual([{ data: { health: { ok: true, database: target.backend } } }]);

      const errors: unknown[] = [];
      for await (const result of client.iterate({ query: "{ ingestRuns(first: 0) { totalCount } }" })) {
        errors.push(result);
      }
      expect(errors).toMatchObject([{ errors: [{ extensions: { code: "BAD_USER_INPUT" } }] }]);
    } finally {
      await client.dispose();
    }
  });

  it("keeps Apollo's CSRF prevention and its landing page off", async () => {
    const response = await fetch(`${base}/graphql?query=${encodeURIComponent("{ health { ok } }")}`);
    expect(response.status).toBe(400); // a simple GET without a preflight-forcing header
  });

  it("serves the placeholder portal on / and a JSON 404 elsewhere", async () => {
    const index = await fetch(`${base}/`);
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('href="/graphiql"');
    const missing = await fetch(`${base}/no-such-page`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: "Not found" });
  });

  it("writes one structured log entry per request", async () => {
    await fetch(`${base}/health?secret=1`);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const entry = logs.findLast((log) => log.path === "/health");
    expect(entry).toMatchObject({ msg: "request", method: "GET", path: "/health", status: 200 });
    expect(typeof entry!.ms).toBe("number");
    expect(JSON.stringify(logs)).not.toContain("secret=1");
  });
});

describe("relay helpers", () => {
  it("round-trips cursors and refuses foreign ones", () => {
    const cursor = encodeCursor("ingestRun", 42);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Buffer.from(cursor, "base64url").toString()).toBe("ingestRun:42");
    expect(decodeCursor("ingestRun", cursor)).toBe("42");
    expect(decodeIntegerCursor("ingestRun", cursor)).toBe(42);
    for (const bad of ["", "!!!", `${cursor}=`, `${cursor}x`, encodeCursor("ingestRun", "x"), encodeCursor("ingestRun", 0)]) {
      expect(() => decodeIntegerCursor("ingestRun", bad), bad).toThrow(/not a valid cursor/);
    }
    expect(validateFirst(undefined)).toBe(20);
    expect(validateFirst(null)).toBe(20);
    expect(validateFirst(100)).toBe(100);
    expect(() => validateFirst(-1)).toThrow(/between 1 and 100/);
  });
});

interface GraphQLBody {
  data?: {
    ingestRuns: {
      totalCount: number;
      edges: { cursor: string; node: Record<string, unknown> & { fileName: string; rowsRead: number } }[];
      pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
    };
  } | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}
