/**
 * `POST /ingest` (CONTRACT.md "HTTP routes"): admin only, the CLI's JSON objects as an array,
 * the model refreshed, `ingestFinished` announced, oversized uploads refused with 413.
 */
import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { createClient } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { readConfig } from "../api/src/config.js";
import type { Database } from "../api/src/db/database.js";
import { signToken, type Role } from "../api/src/graphql/auth.js";
import { startServer, type RunningServer } from "../api/src/server/app.js";
import { backends } from "./support/databases.js";
import { sample, samplesPresent } from "./support/samples.js";

const SECRET = "test-secret-for-ingest-route-0123456789";
const config = readConfig({ ALKANA_JWT_SECRET: SECRET, ALKANA_MAX_UPLOAD_MB: "1" });
const token = (role: Role) => signToken(new TextEncoder().encode(SECRET), { sub: `${role}@test`, role }, "1h");

describe.skipIf(!samplesPresent).each(backends)("POST /ingest on $name", (backend) => {
  let database: Database;
  let server: RunningServer;
  let base: string;

  beforeAll(async () => {
    database = await backend.open();
    server = await startServer({ database, config, port: 0, host: "127.0.0.1", log: () => undefined });
    base = `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}`;
  }, 600_000);
  afterAll(async () => {
    await server?.close();
    await database?.close();
  });

  function form(files: { name: string; bytes: Buffer }[], fields: Record<string, string> = {}) {
    const body = new FormData();
    for (const file of files) body.append("file", new Blob([new Uint8Array(file.bytes)]), file.name);
    for (const [name, value] of Object.entries(fields)) body.append(name, value);
    return body;
  }

  it("loads files for an admin and answers with the CLI's report objects", async () => {
    const port = (server.httpServer.address() as AddressInfo).port;
    const client = createClient({
      url: `ws://127.0.0.1:${port}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${await token("viewer")}` },
    });
    const finished = client.iterate({ query: "subscription { ingestFinished { fileName report status rowsRead } }" });
    const next = finished.next();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const response = await fetch(`${base}/ingest`, {
      method: "POST",
      headers: { Authorization: `Bearer ${await token("admin")}` },
      body: form([
        { name: "zrpp062.XLSX", bytes: readFileSync(sample("zrpp062.XLSX")) },
        { name: "ZRFI005.XLSX", bytes: readFileSync(sample("ZRFI005.XLSX")) },
      ], { period: "2026-01" }),
    });
    expect(response.status).toBe(200);
    const reports = (await response.json()) as Record<string, unknown>[];
    expect(reports).toHaveLength(2);
    expect(reports[0]).toMatchObject({ file: "zrpp062.XLSX", report: "ZRPP062", status: "LOADED", rowsRead: 438, inserted: 438 });
    // No snapshot date given: ZRFI005 is refused, the other file still loads.
    expect(reports[1]).toMatchObject({ file: "ZRFI005.XLSX", report: "ZRFI005", status: "REJECTED", inserted: 0 });
    expect(String((reports[1].errors as { reason: string }[])[0].reason)).toContain("--snapshot-date");
    const event = await next;
    expect((event.value as { data: { ingestFinished: unknown[] } }).data.ingestFinished).toEqual([
      { fileName: "zrpp062.XLSX", report: "ZRPP062", status: "LOADED", rowsRead: 438 },
      { fileName: "ZRFI005.XLSX", report: "ZRFI005", status: "REJECTED", rowsRead: 0 },
    ]);
    await finished.return?.();
    await client.dispose();
    // The refresh ran: the LOW_YIELD alerts of the yield file exist.
    const rows = await database.db.selectFrom("alert").select("entity").where("type", "=", "LOW_YIELD").execute();
    expect(rows.map((row: { entity: string }) => row.entity).sort()).toEqual(["10000109283", "10000109867"]);
  });

  it("refuses viewers, analysts and anonymous callers", async () => {
    const body = () => form([{ name: "zrpp062.XLSX", bytes: readFileSync(sample("zrpp062.XLSX")) }]);
    expect((await fetch(`${base}/ingest`, { method: "POST", body: body() })).status).toBe(401);
    for (const role of ["viewer", "analyst"] as const) {
      const response = await fetch(`${base}/ingest`, { method: "POST", headers: { Authorization: `Bearer ${await token(role)}` }, body: body() });
      expect(response.status).toBe(403);
    }
  });

  it("refuses an oversized upload with 413 and stays up", async () => {
    const response = await fetch(`${base}/ingest`, {
      method: "POST",
      headers: { Authorization: `Bearer ${await token("admin")}` },
      body: form([{ name: "big.csv", bytes: Buffer.alloc(2 * 1024 * 1024, 65) }]),
    });
    expect(response.status).toBe(413);
    expect((await fetch(`${base}/health`)).status).toBe(200);
  });
});
