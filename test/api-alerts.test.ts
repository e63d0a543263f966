/**
 * Alerts over the API against a running server with the real samples loaded: the LOW_YIELD alerts
 * of D8, roles for resolving, the plants claim, and a load raising an alert that reaches a
 * graphql-ws subscriber without a reload.
 */
import { createClient, type Client } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { readConfig } from "../api/src/config.js";
import { refreshAfterLoad } from "../api/src/domain/refresh.js";
import { signToken, type Role } from "../api/src/graphql/auth.js";
import { loadFile } from "../api/src/ingest/load.js";
import { FIXTURE_SECRET, startApiFixture, type ApiFixture } from "./support/api-fixture.js";
import { backends } from "./support/databases.js";
import { sample, samplesPresent } from "./support/samples.js";

const FILES = ["mb51.XLSX", "cooispi.XLSX", "zrmm024.XLSX", "zrsd004.XLSX", "zrpp062.XLSX"];

describe.skipIf(!samplesPresent).each(backends)("alerts API on $name", (backend) => {
  let api: ApiFixture;

  beforeAll(async () => {
    api = await startApiFixture(backend, { files: FILES });
  }, 600_000);
  afterAll(async () => {
    await api?.close();
  });

  const token = (role: Role, plants?: string[]) => api.token(role, plants);
  const graphql = (query: string, bearer: string, variables?: Record<string, unknown>) => api.graphql(query, { token: bearer, variables });

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

  it("never answers alerts from the response cache: a resolved alert shows at once", async () => {
    const viewer = await token("viewer");
    const query = `{ alerts(filter: { types: [LOW_YIELD] }) { edges { node { id status } } } alertSummary(filter: { types: [LOW_YIELD] }) { total } }`;
    const before = await graphql(query, viewer);
    expect(before.errors).toBeUndefined();
    expect(await graphql(query, viewer)).toEqual(before);
    const [active] = before.data!.alerts.edges;
    const resolved = await graphql(`mutation($id: ID!) { resolveAlert(id: $id) { status } }`, await token("analyst"), { id: active.node.id });
    expect(resolved.data!.resolveAlert.status).toBe("RESOLVED");
    const after = await graphql(query, viewer);
    const ids = after.data!.alerts.edges.map((edge: { node: { id: string } }) => edge.node.id);
    expect(ids).not.toContain(active.node.id);
    expect(after.data!.alertSummary.total).toBe(before.data!.alertSummary.total - 1);
  });

  it("refuses expired tokens", async () => {
    const expired = await signToken(new TextEncoder().encode(FIXTURE_SECRET), { sub: "old", role: "viewer" }, "-1m");
    const response = await fetch(`${api.base}/graphql`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${expired}` },
      body: JSON.stringify({ query: "{ alertSummary { total } }" }),
    });
    expect(response.status).toBe(401);
  });

  it("pushes an alert raised by a new load to a subscriber within 2 s", async () => {
    const client: Client = createClient({
      url: `ws://127.0.0.1:${api.port}/graphql`,
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
      const later = readConfig({ ALKANA_JWT_SECRET: FIXTURE_SECRET, ALKANA_AS_OF: "2026-01-23" });
      await loadFile(api.database, sample("zrmm024.XLSX"), {
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
      expect(received).toEqual([{ type: "STUCK_IN_TRANSIT", entity: "26A2640210", severity: "HIGH" }]);
      await subscription.return?.();
    } finally {
      await client.dispose();
    }
  });
});
