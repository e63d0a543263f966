/**
 * Results cached per model version (api/src/graphql/result-cache.ts): a repeated request is answered
 * from the cache, and a load — through this process, or through another process on the same
 * PostgreSQL — changes what every process answers next (the refresh bumps the version, NOTIFY
 * carries it). Runs on PGlite (one process) and, when DATABASE_URL is set, on PostgreSQL with two
 * API servers that share nothing but the database (each its own pool, LISTEN connection and cache).
 */
import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
});

function schemaUrl(database: Database): string {
  // The test backend scopes its connections to a schema through the URL's options.
  const location = new URL(database.location);
  const url = new URL(process.env.DATABASE_URL!);
  url.searchParams.set("options", location.searchParams.get("options") ?? "");
  return url.toString();
}
