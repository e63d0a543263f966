/**
 * Two API processes on one PostgreSQL (DEVELOPERS.md "Scale"): a load through one raises an alert
 * that a subscriber of the other receives, through LISTEN/NOTIFY. Runs when DATABASE_URL is set
 * (the same on PGlite with one process is in api-alerts.test.ts).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { createClient } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { readConfig } from "../api/src/config.js";
import type { Database } from "../api/src/db/database.js";
import { refreshAfterLoad } from "../api/src/domain/refresh.js";
import { signToken } from "../api/src/graphql/auth.js";
import { loadFile } from "../api/src/ingest/load.js";
import { backends } from "./support/databases.js";
import { SAMPLE_FACTS, sample, samplesPresent } from "./support/samples.js";

const SECRET = "test-secret-for-two-processes-0123456789";
const BIN = fileURLToPath(new URL("../bin/alkana.js", import.meta.url));
const postgres = backends.find((backend) => backend.name === "postgres");

describe.skipIf(!postgres || !samplesPresent)("alerts fan out between two API processes on PostgreSQL", () => {
  let database: Database;
  const processes: ChildProcess[] = [];
  const ports: number[] = [];

  beforeAll(async () => {
    database = await postgres!.open();
    for (const file of ["mb51.XLSX", "cooispi.XLSX", "zrmm024.XLSX"]) {
      await loadFile(database, sample(file), {
        allowRejects: false,
        decimalComma: false,
        dateOrder: "MDY",
        loadedBy: "test",
        ...SAMPLE_FACTS,
        afterMerge: refreshAfterLoad(readConfig({})),
      });
    }
    const url = schemaUrl(database);
    for (let index = 0; index < 2; index += 1) {
      const port = await freePort();
      ports.push(port);
      const child = spawn(process.execPath, [BIN, "serve"], {
        env: { ...process.env, DATABASE_URL: url, PORT: String(port), ALKANA_JWT_SECRET: SECRET, ALKANA_AS_OF: "2026-01-23" },
        stdio: ["ignore", "ignore", "inherit"],
      });
      processes.push(child);
    }
    await Promise.all(ports.map((port) => waitForHealth(port)));
  }, 600_000);

  afterAll(async () => {
    await Promise.all(
      processes.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null) return resolve();
            child.once("exit", () => resolve());
            child.kill("SIGTERM");
          }),
      ),
    );
    await database?.close();
  });

  it("a load through process A reaches a subscriber of process B", async () => {
    const viewer = await signToken(new TextEncoder().encode(SECRET), { sub: "viewer@test", role: "viewer" }, "1h");
    const admin = await signToken(new TextEncoder().encode(SECRET), { sub: "admin@test", role: "admin" }, "1h");
    const client = createClient({
      url: `ws://127.0.0.1:${ports[1]}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${viewer}` },
    });
    try {
      const subscription = client.iterate({ query: "subscription { alertRaised(types: [STUCK_IN_TRANSIT]) { type entity severity } }" });
      const next = subscription.next();
      await new Promise((resolve) => setTimeout(resolve, 500));
      const body = new FormData();
      body.append("file", new Blob([new Uint8Array(readFileSync(sample("zrmm024.XLSX")))]), "zrmm024.XLSX");
      const response = await fetch(`http://127.0.0.1:${ports[0]}/ingest`, { method: "POST", headers: { Authorization: `Bearer ${admin}` }, body });
      expect(response.status).toBe(200);
      const event = await Promise.race([
        next,
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error("no alert reached process B within 5 s")), 5000)),
      ]);
      expect((event.value as { data: unknown }).data).toEqual({
        alertRaised: { type: "STUCK_IN_TRANSIT", entity: "26A2640210", severity: "HIGH" },
      });
      await subscription.return?.();
    } finally {
      await client.dispose();
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

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(port: number): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the API process on port ${port} did not start`);
}
