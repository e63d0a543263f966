/**
 * Abuse of the API gets the right answer and the server stays up (issue #4 "Limits"): too deep,
 * too costly, `first: 10000`, malformed JSON, a simple-content-type POST without the CSRF header;
 * automatic persisted queries work; `/metrics` reports what happened.
 */
import { createHash } from "node:crypto";
import type { AddressInfo } from "node:net";
import { parse, validate } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readConfig } from "../api/src/config.js";
import type { Database } from "../api/src/db/database.js";
import { signToken } from "../api/src/graphql/auth.js";
import { buildAlkanaSchema } from "../api/src/graphql/schema.js";
import { startServer, type RunningServer } from "../api/src/server/app.js";
import { depthLimit } from "../api/src/server/limits.js";
import { backends } from "./support/databases.js";

const SECRET = "test-secret-for-limits-0123456789abcdef";
const config = readConfig({ ALKANA_JWT_SECRET: SECRET });

describe("depth limit rule", () => {
  it("refuses an operation deeper than the limit and ignores introspection", async () => {
    const schema = await buildAlkanaSchema();
    const deep = parse(`{ leadTimeOrders { edges { node { batchNetting { plant } } } } }`);
    expect(validate(schema, deep, [depthLimit(4)]).map((error) => error.extensions.code)).toEqual(["QUERY_TOO_DEEP"]);
    expect(validate(schema, deep, [depthLimit(5)])).toEqual([]);
    const introspection = parse(`{ __schema { types { fields { type { ofType { ofType { ofType { name } } } } } } } }`);
    expect(validate(schema, introspection, [depthLimit(2)])).toEqual([]);
  });
});

describe.each(backends)("API limits on $name", (backend) => {
  let database: Database;
  let server: RunningServer;
  let base: string;
  let token: string;

  beforeAll(async () => {
    database = await backend.open();
    server = await startServer({ database, config, port: 0, host: "127.0.0.1", log: () => undefined });
    base = `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}`;
    token = await signToken(new TextEncoder().encode(SECRET), { sub: "viewer@test", role: "viewer" }, "1h");
  }, 600_000);
  afterAll(async () => {
    await server?.close();
    await database?.close();
  });

  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(`${base}/graphql`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}`, ...headers },
      body,
    });

  it("refuses a too costly operation before running it", async () => {
    const aliases = Array.from({ length: 30 }, (_, index) => `a${index}: alerts(first: 100) { edges { node { id type entity severity message plant } } }`);
    const response = await post(JSON.stringify({ query: `{ ${aliases.join(" ")} }` }));
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(response.status).toBe(400);
    expect(body.errors[0].extensions.code).toBe("QUERY_TOO_COMPLEX");
  });

  it("refuses first: 10000 with BAD_USER_INPUT", async () => {
    const response = await post(JSON.stringify({ query: "{ alerts(first: 10000) { totalCount } }" }));
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0].extensions.code).toBe("BAD_USER_INPUT");
  });

  it("answers malformed JSON with 400", async () => {
    const response = await post("{ not json");
    expect(response.status).toBe(400);
  });

  it("refuses a simple-content-type POST without a CSRF-preventing header", async () => {
    const response = await fetch(`${base}/graphql`, {
      method: "POST",
      headers: { "Content-Type": "text/plain", Authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: "{ alertSummary { total } }" }),
    });
    expect(response.status).toBe(400);
  });

  it("supports automatic persisted queries, shared through the database", async () => {
    const query = "{ alertSummary { total } }";
    const sha256Hash = createHash("sha256").update(query).digest("hex");
    const extensions = { persistedQuery: { version: 1, sha256Hash } };
    const unknown = (await (await post(JSON.stringify({ extensions }))).json()) as { errors: { extensions: { code: string } }[] };
    expect(unknown.errors[0].extensions.code).toBe("PERSISTED_QUERY_NOT_FOUND");
    const registered = (await (await post(JSON.stringify({ query, extensions }))).json()) as { data: unknown };
    expect(registered.data).toEqual({ alertSummary: { total: 0 } });
    const byHash = (await (await post(JSON.stringify({ extensions }))).json()) as { data: unknown };
    expect(byHash.data).toEqual({ alertSummary: { total: 0 } });
  });

  it("stays up and reports requests in /metrics", async () => {
    expect((await fetch(`${base}/health`)).status).toBe(200);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/alkana_http_requests_total\{method="POST",route="\/graphql",status="400"\} \d+/);
    expect(metrics).toContain("alkana_last_load_timestamp_seconds");
  });
});
