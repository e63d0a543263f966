/**
 * Alerts over the API against a running server with the real samples loaded: the LOW_YIELD alerts
 * of D8, roles for resolving, the plants claim, and a load raising an alert that reaches a
 * graphql-ws subscriber without a reload.
 */
import type { AddressInfo } from "node:net";
import { createClient, type Client } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { readConfig } from "../api/src/config.js";
import type { Database } from "../api/src/db/database.js";
import { refreshAfterLoad } from "../api/src/domain/refresh.js";
import { signToken, type Role } from "../api/src/graphql/auth.js";
import { loadFile } from "../api/src/ingest/load.js";
import { startServer, type RunningServer } from "../api/src/server/app.js";
import { backends } from "./support/databases.js";
import { SAMPLE_FACTS, sample, samplesPresent } from "./support/samples.js";

const SECRET = "test-secret-for-alerts-api-0123456789";
const config = readConfig({ ALKANA_JWT_SECRET: SECRET });
const FILES = ["mb51.XLSX", "cooispi.XLSX", "zrmm024.XLSX", "zrsd004.XLSX", "zrpp062.XLSX"];

function token(role: Role, plants?: string[], ttl = "1h") {
  return signToken(new TextEncoder().encode(SECRET), { sub: `${role}@test`, role, plants }, ttl);
}

describe.skipIf(!samplesPresent).each(backends)("alerts API on $name", (backend) => {
  let database: Database;
  let server: RunningServer;
  let base: string;

  beforeAll(async () => {
    database = await backend.open();
    for (const file of FILES) {
      await loadFile(database, sample(file), {
        allowRejects: false,
        decimalComma: false,
        dateOrder: "MDY",
        loadedBy: "test",
        ...SAMPLE_FACTS,
        afterMerge: refreshAfterLoad(config),
      });
    }
    server = await startServer({ database, config, port: 0, host: "127.0.0.1", log: () => undefined });
    base = `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}`;
  }, 600_000);
  afterAll(async () => {
    await server?.close();
    await database?.close();
  });

  async function graphql(query: string, bearer: string, variables?: Record<string, unknown>) {
    const response = await fetch(`${base}/graphql`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${bearer}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: Record<string, any>; errors?: { message: string; extensions: { code: string } }[] };
  }

  it("lists the two LOW_YIELD alerts and counts them in the summary", async () => {
    const viewer = await token("viewer");
    const result = await graphql(
      `{ alerts(filter: { types: [LOW_YIELD] }) { totalCount edges { node { entity severity plant status message } } }
         alertSummary(filter: { types: [LOW_YIELD] }) { critical high medium total asOfDate } }`,
      viewer,
    );
    expect(result.errors).toBeUndefined();
    const entities = result.data!.alerts.edges.map((edge: { node: { entity: string } }) => edge.node.entity).sort();
    expect(entities).toEqual(["10000109283", "10000109867"]);
    expect(result.data!.alertSummary).toEqual({ critical: 2, high: 0, medium: 0, total: 2, asOfDate: "2026-01-21" });
  });

  it("lets an analyst resolve an alert, not a viewer, and hides other plants", async () => {
    const list = await graphql(`{ alerts(filter: { types: [LOW_YIELD] }, first: 1) { edges { node { id } } } }`, await token("viewer"));
    const id = list.data!.alerts.edges[0].node.id;
    const mutation = `mutation($id: ID!) { resolveAlert(id: $id, note: "checked the scale") { status resolution resolvedBy resolutionNote } }`;
    const refused = await graphql(mutation, await token("viewer"), { id });
    expect(refused.errors?.[0].extensions.code).toBe("FORBIDDEN");
    const resolved = await graphql(mutation, await token("analyst"), { id });
    expect(resolved.data!.resolveAlert).toEqual({
      status: "RESOLVED",
      resolution: "MANUAL",
      resolvedBy: "analyst@test",
      resolutionNote: "checked the scale",
    });
    const dcOnly = await graphql(`{ alerts(filter: { types: [LOW_YIELD], status: RESOLVED }) { totalCount } }`, await token("viewer", ["1401"]));
    expect(dcOnly.data!.alerts.totalCount).toBe(0);
    const factory = await graphql(`{ alerts(filter: { types: [LOW_YIELD], status: RESOLVED }) { totalCount } }`, await token("viewer", ["1201"]));
    expect(factory.data!.alerts.totalCount).toBe(1);
  });

  it("refuses expired tokens", async () => {
    const expired = await signToken(new TextEncoder().encode(SECRET), { sub: "old", role: "viewer" }, "-1m");
    const response = await fetch(`${base}/graphql`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${expired}` },
      body: JSON.stringify({ query: "{ alertSummary { total } }" }),
    });
    expect(response.status).toBe(401);
  });

  it("pushes an alert raised by a new load to a subscriber within 2 s", async () => {
    const port = (server.httpServer.address() as AddressInfo).port;
    const client: Client = createClient({
      url: `ws://127.0.0.1:${port}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${await token("viewer")}` },
    });
    try {
      const received: { entity: string; type: string }[] = [];
      const subscription = client.iterate({ query: `subscription { alertRaised(types: [STUCK_IN_TRANSIT]) { type entity severity } }` });
      const first = subscription.next();
      await new Promise((resolve) => setTimeout(resolve, 300));
      // A later as-of date: batch 26A2640210 has now been in transit for 3 working days (D8).
      const later = readConfig({ ALKANA_JWT_SECRET: SECRET, ALKANA_AS_OF: "2026-01-23" });
      const started = Date.now();
      await loadFile(database, sample("zrmm024.XLSX"), {
        allowRejects: false,
        decimalComma: false,
        dateOrder: "MDY",
        loadedBy: "test",
        afterMerge: refreshAfterLoad(later),
      });
      const next = await Promise.race([
        first,
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error("no alert within 2 s")), 2000)),
      ]);
      received.push((next.value as { data: { alertRaised: { entity: string; type: string } } }).data.alertRaised);
      expect(Date.now() - started).toBeLessThan(4000);
      expect(received).toEqual([{ type: "STUCK_IN_TRANSIT", entity: "26A2640210", severity: "HIGH" }]);
      await subscription.return?.();
    } finally {
      await client.dispose();
    }
  });
});
