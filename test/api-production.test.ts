/**
 * Production orders, lead time and batches over HTTP against a running server with the real
 * samples loaded: the worked results of DOMAIN.md §6 (orders 10000109152 and 10000109154, batch
 * 26A2597910 at 1401 with net 7), plant scoping, and a DataLoader check that the number of SQL
 * statements for a page of orders with nested material, lead time and batch data does not grow
 * with the page size.
 */
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readConfig } from "../api/src/config.js";
import type { Database } from "../api/src/db/database.js";
import { refreshAfterLoad } from "../api/src/domain/refresh.js";
import { signToken, type Role } from "../api/src/graphql/auth.js";
import { loadFile } from "../api/src/ingest/load.js";
import { startServer, type RunningServer } from "../api/src/server/app.js";
import { backends } from "./support/databases.js";
import { withStatementCounter } from "./support/statement-counter.js";
import { SAMPLE_FACTS, sample, samplesPresent } from "./support/samples.js";

const SECRET = "test-secret-for-production-api-0123456789";
const config = readConfig({ ALKANA_JWT_SECRET: SECRET });
const FILES = ["mb51.XLSX", "cooispi.XLSX", "zrmm024.XLSX", "zrsd002.XLSX", "zrsd004.XLSX", "zrpp062.XLSX", "11.XLSX", "13.XLSX", "15.XLSX"];
const token = (role: Role, plants?: string[]) => signToken(new TextEncoder().encode(SECRET), { sub: `${role}@test`, role, plants }, "1h");

describe.skipIf(!samplesPresent).each(backends)("production API on $name", (backend) => {
  let database: Database;
  let server: RunningServer;
  let base: string;
  let counter: ReturnType<typeof withStatementCounter>;

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
    counter = withStatementCounter(database);
    server = await startServer({ database: counter.database, config, port: 0, host: "127.0.0.1", log: () => undefined });
    base = `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}`;
  }, 600_000);
  afterAll(async () => {
    await server?.close();
    await database?.close();
  });

  async function graphql(query: string, bearer?: string, variables?: Record<string, unknown>) {
    const response = await fetch(`${base}/graphql`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${bearer ?? (await token("viewer"))}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: Record<string, any>; errors?: { message: string; extensions: { code: string } }[] };
  }

  const ORDER = `query($n: String!) { productionOrder(orderNumber: $n) {
    orderNumber type state
    leadTime { preparationDays productionDays transitDays storageDays deliveryDays totalDays firstIssueDate lastIssueDate status }
    fillingYield { inputKg outputKg lossKg lossPercent yieldPercent }
    material { description channels } } }`;

  it("returns MTO order 10000109152 with 0/2/0/2/0, total 4, ON_TIME and its filling yield", async () => {
    const result = await graphql(ORDER, undefined, { n: "10000109152" });
    expect(result.errors).toBeUndefined();
    const order = result.data!.productionOrder;
    expect(order).toMatchObject({
      orderNumber: "10000109152",
      type: "MTO",
      state: "SHIPPED",
      leadTime: {
        preparationDays: 0,
        productionDays: 2,
        transitDays: 0,
        storageDays: 2,
        deliveryDays: 0,
        totalDays: 4,
        firstIssueDate: "2026-01-09",
        lastIssueDate: "2026-01-09",
        status: "ON_TIME",
      },
      material: { description: "26-4029 URT WHITE A VN-16KP" },
    });
    // §3.3: GI 37 kg, 2 PC × 16 kg = 32 kg, loss 5 kg = 13.51 % → yield 86.49 %.
    expect(order.fillingYield.inputKg).toBeCloseTo(37, 6);
    expect(order.fillingYield.outputKg).toBeCloseTo(32, 6);
    expect(order.fillingYield.lossKg).toBeCloseTo(5, 6);
    expect(order.fillingYield.lossPercent).toBeCloseTo(13.5135, 3);
    expect(order.fillingYield.yieldPercent).toBeCloseTo(86.4865, 3);
  });

  it("returns MTS order 10000109154 with 3/0/13 (first issue 2026-01-15), total 16, DELAYED", async () => {
    const result = await graphql(ORDER, undefined, { n: "10000109154" });
    expect(result.data!.productionOrder).toMatchObject({
      type: "MTS",
      state: "PARTIALLY_SHIPPED",
      leadTime: {
        preparationDays: null,
        productionDays: 3,
        transitDays: 0,
        storageDays: 13,
        deliveryDays: null,
        totalDays: 16,
        firstIssueDate: "2026-01-15",
        lastIssueDate: "2026-01-21",
        status: "DELAYED",
      },
    });
  });

  it("returns batch 26A2597910 at 1401 with net 7, partially reversed (example A)", async () => {
    const result = await graphql(`{ batch(batch: "26A2597910", plant: "1401") {
      netQuantity status movements { movementType postingDate quantity reference } timeline { stage event date } } }`);
    const batch = result.data!.batch;
    expect(batch.netQuantity).toBe(7);
    expect(batch.status).toBe("PARTIALLY_REVERSED");
    const issues = batch.movements.filter((movement: { movementType: string }) => movement.movementType === "601");
    expect(issues.map((movement: { postingDate: string; quantity: number }) => [movement.postingDate, movement.quantity])).toEqual([
      ["2026-01-15", -1],
      ["2026-01-16", -2],
      ["2026-01-16", -1],
      ["2026-01-21", -3],
    ]);
    // MTS: the STO PO and the delivery are shown as events, though MTS lead time stops at the last issue.
    expect(batch.timeline.map((event: { event: string }) => event.event)).toEqual([
      "STO purchase order",
      "Released",
      "Finished",
      "Received at the DC",
      "First goods issue",
      "Last goods issue",
      "Delivered (actual GI)",
    ]);
  });

  it("summarises lead time with the contract's names", async () => {
    const result = await graphql(`{ leadTimeSummary(filter: { from: "2026-01-01", to: "2026-01-31" }) {
      mtoAverageDays mtsAverageDays onTimePercent onTimeCount delayedCount stuckCount inProgressCount asOfDate } }`);
    const summary = result.data!.leadTimeSummary;
    expect(summary.asOfDate).toBe("2026-01-21");
    expect(summary.onTimePercent).toBeCloseTo((summary.onTimeCount / (summary.onTimeCount + summary.delayedCount)) * 100, 8);
  });

  it("averages each stage over the closed orders of every page, MTO and MTS, the status filter included", async () => {
    const STAGE_FIELDS = ["preparationDays", "productionDays", "transitDays", "storageDays", "deliveryDays", "totalDays"] as const;
    const viewer = await token("viewer");
    const filters = [`{ from: "2025-12-01", to: "2026-01-31" }`, `{ from: "2025-12-01", to: "2026-01-31", status: DELAYED }`];
    for (const filter of filters) {
      const orders: { type: string; leadTime: Record<string, number | string | null> }[] = [];
      let after: string | null = null;
      do {
        const page: Awaited<ReturnType<typeof graphql>> = await graphql(
          `query ($after: String) { leadTimeOrders(first: 100, after: $after, filter: ${filter}) {
            pageInfo { hasNextPage endCursor } edges { node { type leadTime { status ${STAGE_FIELDS.join(" ")} } } } } }`,
          viewer,
          { after },
        );
        const connection = page.data!.leadTimeOrders;
        orders.push(...connection.edges.map((edge: { node: (typeof orders)[number] }) => edge.node));
        after = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
      } while (after);
      // More than one page without the status filter; the DELAYED orders alone fit on one.
      expect(orders.length).toBeGreaterThan(filter.includes("status") ? 0 : 100);

      const result = await graphql(`{ leadTimeStageAverages(filter: ${filter}) { orderType orderCount ${STAGE_FIELDS.join(" ")} } }`, viewer);
      const averages = result.data!.leadTimeStageAverages as Record<string, number | string | null>[];
      expect(averages.map((row) => row.orderType)).toEqual(["MTO", "MTS"]);
      for (const row of averages) {
        const closed = orders.filter((order) => order.type === row.orderType && ["ON_TIME", "DELAYED"].includes(order.leadTime.status as string));
        expect(row.orderCount).toBe(closed.length);
        for (const field of STAGE_FIELDS) {
          const values = closed.map((order) => order.leadTime[field]).filter((value): value is number => typeof value === "number");
          if (values.length === 0) expect(row[field]).toBeNull();
          else expect(row[field]).toBeCloseTo(values.reduce((total, value) => total + value, 0) / values.length, 8);
        }
      }
      expect(averages.some((row) => (row.orderCount as number) > 0)).toBe(true);
    }
    const summary = await graphql(`{ leadTimeSummary(filter: { from: "2025-12-01", to: "2026-01-31" }) { mtoAverageDays mtsAverageDays } }`, viewer);
    const all = await graphql(`{ leadTimeStageAverages(filter: { from: "2025-12-01", to: "2026-01-31" }) { orderType totalDays } }`, viewer);
    expect(all.data!.leadTimeStageAverages[0].totalDays).toBeCloseTo(summary.data!.leadTimeSummary.mtoAverageDays, 8);
    expect(all.data!.leadTimeStageAverages[1].totalDays).toBeCloseTo(summary.data!.leadTimeSummary.mtsAverageDays, 8);
  });

  it("keeps a plant-restricted viewer to its plants", async () => {
    const dc = await token("viewer", ["1401"]);
    const order = await graphql(ORDER, dc, { n: "10000109152" });
    expect(order.errors?.[0].extensions.code).toBe("FORBIDDEN");
    const batch = await graphql(`{ batch(batch: "26A2597910") { nettingGroups { plant } } }`, dc);
    expect(new Set(batch.data!.batch.nettingGroups.map((group: { plant: string }) => group.plant))).toEqual(new Set(["1401"]));
    const refused = await graphql(`{ batch(batch: "26A2597910", plant: "1201") { netQuantity } }`, dc);
    expect(refused.errors?.[0].extensions.code).toBe("FORBIDDEN");
  });

  it("does not issue more SQL statements for a bigger page (DataLoader)", async () => {
    const page = (first: number) => `{ leadTimeOrders(first: ${first}, filter: { from: "2026-01-01", to: "2026-01-31" }) {
      edges { node { orderNumber material { description } leadTime { totalDays status } fillingYield { yieldPercent }
                     batchNetting { plant forwardType netQuantity } } } } }`;
    const viewer = await token("viewer");
    const small = await counter.count(() => graphql(page(5), viewer));
    const large = await counter.count(() => graphql(page(100), viewer));
    expect(large.result.data!.leadTimeOrders.edges).toHaveLength(100);
    expect(small.result.data!.leadTimeOrders.edges).toHaveLength(5);
    expect(large.statements).toBe(small.statements);
  });
});
