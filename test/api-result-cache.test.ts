/**
 * Results and whole responses cached per model version (api/src/graphql/result-cache.ts,
 * api/src/server/response-cache.ts): a repeated request is answered from the cache without SQL, a
 * different plants claim or different variables is another entry, and a load — through this process, or through another process on the same
 * PostgreSQL — changes what every process answers next (the refresh bumps the version, NOTIFY
 * carries it). Runs on PGlite (one process) and, when DATABASE_URL is set, on PostgreSQL with two
 * API servers that share nothing but the database (each its own pool, LISTEN connection and cache).
 */
import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readConfig } from "../api/src/config.js";
import { openDatabase, type Database } from "../api/src/db/database.js";
import { readModelVersion } from "../api/src/domain/refresh.js";
import { startServer, type RunningServer } from "../api/src/server/app.js";
import { startApiFixture, type ApiFixture, type GraphQLResult } from "./support/api-fixture.js";
import { backends } from "./support/databases.js";
import { sample, samplesPresent } from "./support/samples.js";
import { withStatementCounter } from "./support/statement-counter.js";

const QUERY = `{
  leadTimeSummary(filter: { from: "2025-10-01", to: "2026-01-31" }) { asOfDate orderCount mtoAverageDays onTimeCount delayedCount stuckCount inProgressCount }
  leadTimeOrders(first: 1, filter: { from: "2025-10-01", to: "2026-01-31", type: MTO }) { totalCount }
}`;

describe.skipIf(!samplesPresent).each(backends)("results cached per model version ($name)", (backend) => {
  let api: ApiFixture;
  let other: { database: Database; server: RunningServer; url: string } | undefined;

  beforeAll(async () => {
    // Without ZRMM024 the MTO orders have no STO PO date: loading it later changes their lead time.
    api = await startApiFixture(backend, { files: ["mb51.XLSX", "cooispi.XLSX"] });
    if (backend.name === "postgres") {
      const database = await openDatabase({ databaseUrl: schemaUrl(api.database), dataDir: "", holder: "test" });
      const server = await startServer({ database, config: api.config, port: 0, host: "127.0.0.1", log: () => undefined });
      other = { database, server, url: `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}/graphql` };
    }
  }, 300_000);

  afterAll(async () => {
    await other?.server.close();
    await other?.database.close();
    await api?.close();
  });

  it("answers a repeated request from the cache and a load changes the answer of every process", async () => {
    const token = await api.token();
    const ask = async (url = `${api.base}/graphql`) => {
      const response = await fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: QUERY }),
      });
      const body = (await response.json()) as GraphQLResult;
      expect(body.errors).toBeUndefined();
      return body.data!;
    };
    const before = await ask();
    expect(before.leadTimeSummary.asOfDate).toBe("2026-01-21");
    expect(await ask()).toEqual(before);
    const urls = [`${api.base}/graphql`, ...(other ? [other.url] : [])];
    for (const url of urls) expect(await ask(url)).toEqual(before);

    const version = await readModelVersion(api.database.db);
    const admin = await api.token("admin");
    const body = new FormData();
    body.append("file", new Blob([new Uint8Array(readFileSync(sample("zrmm024.XLSX")))]), "zrmm024.XLSX");
    const response = await fetch(`${api.base}/ingest`, { method: "POST", headers: { Authorization: `Bearer ${admin}` }, body });
    expect(response.status).toBe(200);
    expect(await readModelVersion(api.database.db)).toBe(version + 1);

    // The loading process answers from the new model at once; another one as soon as NOTIFY arrives.
    const after = await ask();
    expect(after).not.toEqual(before);
    expect(after.leadTimeSummary.orderCount).toBe(before.leadTimeSummary.orderCount);
    if (other) {
      const deadline = Date.now() + 5000;
      let seen = await ask(other.url);
      while (JSON.stringify(seen) !== JSON.stringify(after) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        seen = await ask(other.url);
      }
      expect(seen).toEqual(after);
    }
  }, 120_000);

  it("runs no SQL for a cached summary at the same version", async () => {
    const counted = withStatementCounter(api.database);
    const server = await startServer({ database: counted.database, config: api.config, port: 0, host: "127.0.0.1", log: () => undefined });
    try {
      const url = `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}/graphql`;
      const token = await api.token();
      const post = async () => {
        const response = await fetch(url, {
          method: "POST",
          headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: "{ leadTimeSummary { orderCount asOfDate } }" }),
        });
        return (await response.json()) as GraphQLResult;
      };
      const first = await counted.count(post);
      expect(first.statements).toBeGreaterThan(0);
      const second = await counted.count(post);
      expect(second.result).toEqual(first.result);
      expect(second.statements).toBe(0);
    } finally {
      await server.close();
    }
  }, 60_000);

  it("answers a repeated model query without SQL, per plants claim and variables", async () => {
    const counted = withStatementCounter(api.database);
    const server = await startServer({ database: counted.database, config: api.config, port: 0, host: "127.0.0.1", log: () => undefined });
    try {
      const url = `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}/graphql`;
      // Production order pages are not among the shared results: only the response cache spares their SQL.
      const page = `query Page($first: Int!) {
        productionOrders(first: $first) { totalCount edges { node { orderNumber material { description } leadTime { totalDays status } } } }
      }`;
      const post = async (token: string, first: number) => {
        const response = await fetch(url, {
          method: "POST",
          headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: page, operationName: "Page", variables: { first } }),
        });
        const body = (await response.json()) as GraphQLResult;
        expect(body.errors).toBeUndefined();
        return body.data!.productionOrders as { totalCount: number; edges: unknown[] };
      };
      const everyPlant = await api.token();
      const elsewhere = await api.token("viewer", ["9999"]);

      const first = await counted.count(() => post(everyPlant, 3));
      expect(first.statements).toBeGreaterThan(0);
      expect(first.result.edges).toHaveLength(3);
      const repeated = await counted.count(() => post(everyPlant, 3));
      expect(repeated).toEqual({ result: first.result, statements: 0 });

      // Other variables and another plants claim are other entries, never the cached answer.
      expect((await post(everyPlant, 2)).edges).toHaveLength(2);
      const restricted = await counted.count(() => post(elsewhere, 3));
      expect(restricted.result).toEqual({ totalCount: 0, edges: [] });
      expect(restricted.statements).toBeGreaterThan(0);
      expect(await counted.count(() => post(elsewhere, 3))).toEqual({ result: restricted.result, statements: 0 });
      expect(await counted.count(() => post(everyPlant, 3))).toEqual({ result: first.result, statements: 0 });
    } finally {
      await server.close();
    }
  }, 60_000);

  it("executes every request when ALKANA_RESPONSE_CACHE is off", async () => {
    expect(readConfig({ ALKANA_RESPONSE_CACHE: "off" }).responseCache).toBe(false);
    expect(readConfig({}).responseCache).toBe(true);
    const counted = withStatementCounter(api.database);
    const config = { ...api.config, responseCache: false };
    const server = await startServer({ database: counted.database, config, port: 0, host: "127.0.0.1", log: () => undefined });
    try {
      const url = `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}/graphql`;
      const token = await api.token();
      // Production orders by number are shared results, but the page query itself is not: it reads.
      const post = () =>
        fetch(url, {
          method: "POST",
          headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: `{ productionOrders(first: 2) { totalCount } }` }),
        }).then((response) => response.json() as Promise<GraphQLResult>);
      const first = await counted.count(post);
      expect(first.result.errors).toBeUndefined();
      const second = await counted.count(post);
      expect(second.result).toEqual(first.result);
      expect(second.statements).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  }, 60_000);
});

function schemaUrl(database: Database): string {
  // The test backend scopes its connections to a schema through the URL's options.
  const location = new URL(database.location);
  const url = new URL(process.env.DATABASE_URL!);
  url.searchParams.set("options", location.searchParams.get("options") ?? "");
  return url.toString();
}
