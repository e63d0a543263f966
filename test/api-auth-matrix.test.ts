/**
 * The auth matrix (issue #4): every query family, the mutation, the subscription, `/ingest` and
 * `/export` × each role × with and without a plant restriction × no / expired / forged /
 * `alg: none` token. Expected outcomes come from CONTRACT.md "Auth".
 */
import { readFileSync } from "node:fs";
import { createClient } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import type { Role } from "../api/src/graphql/auth.js";
import { startApiFixture, type ApiFixture } from "./support/api-fixture.js";
import { backends } from "./support/databases.js";
import { sample, samplesPresent } from "./support/samples.js";

type Scope = "plant" | "company";

/** One operation per query family; `plant` ones have a plant (1201 here), `company` ones do not. */
const QUERIES: { family: string; scope: Scope; query: string; entity?: boolean }[] = [
  { family: "production order", scope: "plant", entity: true, query: `{ productionOrder(orderNumber: "10000109152") { orderNumber } }` },
  { family: "lead time", scope: "plant", query: `{ leadTimeSummary { orderCount } }` },
  { family: "lead-time orders", scope: "plant", query: `{ leadTimeOrders(first: 5) { totalCount } }` },
  { family: "MTO", scope: "plant", query: `{ mtoSummary { total } productionFunnel { stage count } }` },
  { family: "batch trace", scope: "plant", query: `{ batch(batch: "26A2597910") { netQuantity } }` },
  { family: "production chain", scope: "plant", entity: true, query: `{ productionChain(liquidOrder: "10000109083") { chainYieldPercent } }` },
  { family: "flows", scope: "plant", query: `{ productionFlows { p03Linked } }` },
  { family: "yield", scope: "plant", query: `{ yieldSummary { total { lossPercent } } lossPareto { totalLossKg } }` },
  { family: "movements", scope: "plant", query: `{ movementSummary { transactionCount } }` },
  { family: "data quality", scope: "plant", query: `{ dataQuality { asOfDate } }` },
  { family: "alerts", scope: "plant", query: `{ alerts(first: 5) { totalCount } alertSummary { total } }` },
  { family: "loads", scope: "plant", query: `{ ingestRuns(first: 1) { totalCount } }` },
  { family: "sales targets", scope: "company", query: `{ salesTargets(year: 2025, semester: 1) { asOfDate } }` },
  { family: "AR", scope: "company", query: `{ arAging { collectionTarget } }` },
  { family: "OTIF", scope: "company", query: `{ otif { asOfDate } }` },
  { family: "executive", scope: "company", query: `{ executiveSummary { asOfDate } }` },
];

/** One query string serves the tables with dates; the yield tables take periods, batch-movements a batch. */
const DATES = "from=2026-01-01&to=2026-01-31&year=2025&semester=1";
const PERIODS = "from=2026-01&to=2026-01";
const EXPORTS: { table: string; scope: Scope; query: string }[] = [
  { table: "leadtime-orders", scope: "plant", query: DATES },
  { table: "alerts", scope: "plant", query: DATES },
  { table: "movements", scope: "plant", query: DATES },
  { table: "batch-movements", scope: "plant", query: "batch=26A2597910" },
  { table: "production-flows", scope: "plant", query: PERIODS },
  { table: "loss-pareto", scope: "plant", query: PERIODS },
  { table: "filling-yields", scope: "plant", query: PERIODS },
  { table: "sales-targets", scope: "company", query: DATES },
  { table: "ar-customers", scope: "company", query: DATES },
  { table: "otif-deliveries", scope: "company", query: DATES },
  { table: "sales-customers", scope: "company", query: DATES },
];

const ROLES: Role[] = ["viewer", "analyst", "admin"];
const BAD_TOKENS = ["none", "expired", "forged", "alg-none"] as const;
type BadToken = (typeof BAD_TOKENS)[number];

describe.skipIf(!samplesPresent).each(backends)("auth matrix on $name", (backend) => {
  let api: ApiFixture;
  const bad: Record<BadToken, string | undefined> = { none: undefined, expired: "", forged: "", "alg-none": "" };

  beforeAll(async () => {
    api = await startApiFixture(backend, {
      files: ["mb51.XLSX", "cooispi.XLSX", "zrmm024.XLSX", "zrsd002.XLSX", "zrsd004.XLSX", "ZRFI005.XLSX", "zrpp062.XLSX", "target.xlsx"],
    });
    bad.expired = await api.token("admin", undefined, "-5m");
    const good = await api.token("admin");
    const [header, payload, signature] = good.split(".");
    bad.forged = `${header}.${payload}.${signature.slice(0, -6)}${signature.slice(-6) === "AAAAAA" ? "BBBBBB" : "AAAAAA"}`;
    const unsigned = Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url");
    bad["alg-none"] = `${unsigned}.${payload}.`;
  }, 600_000);
  afterAll(async () => api?.close());

  async function post(query: string, token: string | undefined) {
    const response = await fetch(`${api.base}/graphql`, {
      method: "POST",
      headers: { "Content-Type": "application/json", ...(token === undefined ? {} : { Authorization: `Bearer ${token}` }) },
      body: JSON.stringify({ query }),
    });
    return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: { extensions: { code: string } }[] } };
  }

  describe.each(QUERIES)("$family ($scope)", ({ query, scope, entity }) => {
    it.each(BAD_TOKENS)("refuses a %s token with UNAUTHENTICATED", async (kind) => {
      const { status, body } = await post(query, bad[kind]);
      expect(status).toBe(401);
      expect(body.errors?.[0].extensions.code).toBe("UNAUTHENTICATED");
    });

    it.each(ROLES)("answers the %s role without a plant restriction", async (role) => {
      const { status, body } = await post(query, await api.token(role));
      expect(body.errors).toBeUndefined();
      expect(status).toBe(200);
    });

    it.each(ROLES)("applies a plant restriction for the %s role", async (role) => {
      const own = await post(query, await api.token(role, ["1201"]));
      const other = await post(query, await api.token(role, ["1401"]));
      if (scope === "company") {
        expect(own.body.errors?.[0].extensions.code).toBe("FORBIDDEN");
        expect(other.body.errors?.[0].extensions.code).toBe("FORBIDDEN");
      } else {
        expect(own.body.errors).toBeUndefined();
        if (entity) expect(other.body.errors?.[0].extensions.code).toBe("FORBIDDEN");
        else expect(other.body.errors).toBeUndefined();
      }
    });
  });

  describe("mutation resolveAlert", () => {
    const mutation = (id: string) => `mutation { resolveAlert(id: "${id}", note: "matrix") { status } }`;
    async function activeLowYieldIds(): Promise<string[]> {
      const { body } = await post(`{ alerts(first: 10, filter: { types: [LOW_YIELD] }) { edges { node { id } } } }`, await api.token("admin"));
      return (body.data as { alerts: { edges: { node: { id: string } }[] } }).alerts.edges.map((edge) => edge.node.id);
    }

    it.each(BAD_TOKENS)("refuses a %s token", async (kind) => {
      const [id] = await activeLowYieldIds();
      expect((await post(mutation(id), bad[kind])).status).toBe(401);
    });

    it("is refused to viewers, with or without plants, and to an analyst of another plant", async () => {
      const [id] = await activeLowYieldIds();
      for (const token of [await api.token("viewer"), await api.token("viewer", ["1201"])]) {
        expect((await post(mutation(id), token)).body.errors?.[0].extensions.code).toBe("FORBIDDEN");
      }
      // The alert is at 1201: invisible to an analyst of 1401.
      expect((await post(mutation(id), await api.token("analyst", ["1401"]))).body.errors?.[0].extensions.code).toBe("BAD_USER_INPUT");
    });

    it("is allowed to an analyst of the plant and to an admin", async () => {
      const [first, second] = await activeLowYieldIds();
      expect((await post(mutation(first), await api.token("analyst", ["1201"]))).body.data).toEqual({ resolveAlert: { status: "RESOLVED" } });
      expect((await post(mutation(second), await api.token("admin"))).body.data).toEqual({ resolveAlert: { status: "RESOLVED" } });
    });
  });

  describe("subscription alertRaised", () => {
    function connect(token: string | undefined): Promise<"connected" | number> {
      return new Promise((resolve) => {
        const client = createClient({
          url: `ws://127.0.0.1:${api.port}/graphql`,
          webSocketImpl: WebSocket,
          retryAttempts: 0,
          lazy: false,
          connectionParams: token === undefined ? {} : { authorization: `Bearer ${token}` },
          on: {
            connected: () => {
              resolve("connected");
              void client.dispose();
            },
            closed: (event) => resolve((event as { code: number }).code),
          },
        });
      });
    }

    it.each(BAD_TOKENS)("closes a socket with a %s token with 4403", async (kind) => {
      expect(await connect(bad[kind])).toBe(4403);
    });

    it.each(ROLES)("accepts the %s role, with and without plants", async (role) => {
      expect(await connect(await api.token(role))).toBe("connected");
      expect(await connect(await api.token(role, ["1401"]))).toBe("connected");
    });
  });

  describe("POST /ingest", () => {
    const upload = async (token: string | undefined) => {
      const body = new FormData();
      body.append("file", new Blob([new Uint8Array(readFileSync(sample("target.xlsx")))]), "target.xlsx");
      const response = await fetch(`${api.base}/ingest`, {
        method: "POST",
        headers: token === undefined ? {} : { Authorization: `Bearer ${token}` },
        body,
      });
      return response.status;
    };

    it.each(BAD_TOKENS)("refuses a %s token with 401", async (kind) => {
      expect(await upload(bad[kind])).toBe(401);
    });

    it("is for admins only", async () => {
      expect(await upload(await api.token("viewer"))).toBe(403);
      expect(await upload(await api.token("analyst"))).toBe(403);
      expect(await upload(await api.token("viewer", ["1201"]))).toBe(403);
      expect(await upload(await api.token("admin"))).toBe(200);
    });
  });

  describe.each(EXPORTS)("GET /export/$table ($scope)", ({ table, scope, query }) => {
    const download = async (token: string | undefined) => {
      const response = await fetch(`${api.base}/export/${table}.csv?${query}`, {
        headers: token === undefined ? {} : { Authorization: `Bearer ${token}` },
      });
      await response.arrayBuffer();
      return response.status;
    };

    it.each(BAD_TOKENS)("refuses a %s token with 401", async (kind) => {
      expect(await download(bad[kind])).toBe(401);
    });

    it.each(ROLES)("serves the %s role, and follows the plants claim", async (role) => {
      expect(await download(await api.token(role))).toBe(200);
      expect(await download(await api.token(role, ["1201"]))).toBe(scope === "company" ? 403 : 200);
    });
  });
});
