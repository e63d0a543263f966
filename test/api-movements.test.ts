/**
 * Movements and data quality over HTTP against a running server with the real samples loaded: the
 * figures the domain tests assert (DC batch 26A2597910: 8 received − 7 issued = 1; reconciliation
 * (2) 711 of 711, (4) 1,615 equal / 0 differ / 49 missing; MTS/MTO 300 agree / 10 differ), weekly
 * inbound/outbound kg equal to SQL computed here independently from the raw tables, the default
 * window (the as-of month), Relay paging limits and plant scoping.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../api/src/graphql/auth.js";
import { startApiFixture, type ApiFixture } from "./support/api-fixture.js";
import { backends } from "./support/databases.js";
import { samplesPresent } from "./support/samples.js";

const FILES = ["mb51.XLSX", "cooispi.XLSX", "zrmm024.XLSX", "zrsd002.XLSX", "zrsd004.XLSX"];

/** The two-step transfer halves with a blank storage location (DOMAIN.md §3.10: never counted per plant). */
const IN_TRANSIT = sql`nullif(btrim(m.storage_location), '') is null and m.movement_type in ('351', '352', '303', '304', '641', '642')`;

describe.skipIf(!samplesPresent).each(backends)("movements and data-quality API on $name", (backend) => {
  let api: ApiFixture;

  beforeAll(async () => {
    api = await startApiFixture(backend, { files: FILES });
  }, 600_000);
  afterAll(async () => {
    await api?.close();
  });

  const token = (role: Role, plants?: string[]) => api.token(role, plants);
  const graphql = (query: string, bearer?: string, variables?: Record<string, unknown>) => api.graphql(query, { token: bearer, variables });

  async function data(query: string, bearer?: string, variables?: Record<string, unknown>): Promise<Record<string, any>> {
    const result = await graphql(query, bearer, variables);
    expect(result.errors).toBeUndefined();
    return result.data!;
  }

  it("defaults to the calendar month of the as-of date (January 2026, as of 2026-01-21)", async () => {
    const { movementSummary: summary } = await data(`{ movementSummary {
      asOfDate from to transactionCount activeItems plantCount materialCount throughputKg
      byPlant { plant lines throughputKg inboundKg outboundKg } } }`);
    expect(summary).toMatchObject({ asOfDate: "2026-01-21", from: "2026-01-01", to: "2026-01-31", plantCount: 4, throughputKg: null });
    const { rows } = await sql<{ lines: number; items: number }>`
      select count(*) as lines, count(distinct (m.plant, m.material)) as items from raw_mb51 m
      where m.posting_date between '2026-01-01' and '2026-01-31' and not (${IN_TRANSIT})`.execute(api.database.db);
    // DOMAIN.md §1.1: 11,168 lines, 413 of them the in-transit halves.
    expect(summary.transactionCount).toBe(11_168 - 413);
    expect(summary.transactionCount).toBe(Number(rows[0].lines));
    expect(summary.activeItems).toBe(Number(rows[0].items));
    expect(summary.byPlant.map((plant: { plant: string }) => plant.plant)).toEqual(["1101", "1201", "1203", "1401"]);
    for (const plant of summary.byPlant) expect(plant.throughputKg).toBeCloseTo(plant.inboundKg + plant.outboundKg, 6);

    for (const field of ["weeklyFlows", "plantMovements", "abcAnalysis", "topMovers", "deadStock", "dcBatchPositions", "dataQuality"]) {
      const result = await data(`{ ${field} { asOfDate from to } }`);
      expect(result[field], field).toEqual({ asOfDate: "2026-01-21", from: "2026-01-01", to: "2026-01-31" });
    }
    const page = await data(`{ materialMovements(first: 1) { asOfDate from to } }`);
    expect(page.materialMovements).toEqual({ asOfDate: "2026-01-21", from: "2026-01-01", to: "2026-01-31" });
    // A month without movements: nothing, with that month's window.
    const february = await data(`{ weeklyFlows(filter: { from: "2026-02-01", to: "2026-02-28" }) { from to weeks { plant } } }`);
    expect(february.weeklyFlows).toEqual({ from: "2026-02-01", to: "2026-02-28", weeks: [] });
  });

  it("gives weekly inbound and outbound kg per ISO week and plant equal to SQL over the raw tables", async () => {
    const { weeklyFlows } = await data(`{ weeklyFlows { weeks { weekStart isoWeek plant inboundKg outboundKg inboundLines outboundLines } } }`);
    // Independently of the view movement_line: kg per unit from billing (Σ net weight ÷ Σ billed quantity).
    const { rows } = await sql<{ week_start: string; plant: string; inbound_kg: number; outbound_kg: number; inbound_lines: number; outbound_lines: number }>`
      with factor as (
        select ltrim(material, '0') as material, sum(net_weight) / sum(billing_quantity) as kg_per_unit
        from raw_zrsd002
        where billing_quantity > 0 and net_weight is not null and upper(weight_unit) = 'KG'
          and upper(sales_unit) in ('PC', 'SET', 'EA')
        group by ltrim(material, '0') having sum(net_weight) > 0
      ),
      line as (
        select m.posting_date, m.plant, m.movement_type, m.quantity,
          case when upper(m.unit_of_entry) = 'KG' then m.quantity
               when upper(m.unit_of_entry) in ('PC', 'SET', 'EA') then m.quantity * f.kg_per_unit end as kg,
          m.quantity > 0 and m.movement_type in ('101', '531', '262', '653', '305', 'Z71') as inbound,
          m.quantity < 0 and m.movement_type in ('601', '261', '201', '551', 'Z72', '351') as outbound
        from raw_mb51 m left join factor f on f.material = ltrim(m.material, '0')
        where m.posting_date between '2026-01-01' and '2026-01-31' and not (${IN_TRANSIT})
      )
      select to_char(date_trunc('week', posting_date), 'YYYY-MM-DD') as week_start, plant,
        coalesce(sum(kg) filter (where inbound), 0) as inbound_kg,
        coalesce(-sum(kg) filter (where outbound), 0) as outbound_kg,
        count(*) filter (where inbound) as inbound_lines,
        count(*) filter (where outbound) as outbound_lines
      from line group by 1, 2 order by 1, 2`.execute(api.database.db);
    expect(weeklyFlows.weeks.map((week: { weekStart: string; plant: string }) => `${week.weekStart} ${week.plant}`)).toEqual(
      rows.map((row) => `${row.week_start} ${row.plant}`),
    );
    rows.forEach((row, index) => {
      const week = weeklyFlows.weeks[index];
      expect(week.inboundLines).toBe(Number(row.inbound_lines));
      expect(week.outboundLines).toBe(Number(row.outbound_lines));
      expect(week.inboundKg).toBeCloseTo(Number(row.inbound_kg), 6);
      expect(week.outboundKg).toBeCloseTo(Number(row.outbound_kg), 6);
    });
    const total = (list: number[]) => list.reduce((sum, value) => sum + value, 0);
    expect(total(weeklyFlows.weeks.map((week: { inboundKg: number }) => week.inboundKg))).toBeCloseTo(total(rows.map((row) => Number(row.inbound_kg))), 4);
    expect(total(weeklyFlows.weeks.map((week: { outboundKg: number }) => week.outboundKg))).toBeCloseTo(total(rows.map((row) => Number(row.outbound_kg))), 4);
    expect(total(rows.map((row) => Number(row.outbound_kg)))).toBeGreaterThan(0);
    // ISO weeks start on Monday: Friday 2026-01-02 is in 2026-W01.
    expect(weeklyFlows.weeks[0]).toMatchObject({ weekStart: "2025-12-29", isoWeek: "2026-W01" });
    // An explicit window is echoed and kept to.
    const week3 = await data(`{ weeklyFlows(filter: { from: "2026-01-12", to: "2026-01-18" }) { from to weeks { isoWeek } } }`);
    expect(week3.weeklyFlows.from).toBe("2026-01-12");
    expect(new Set(week3.weeklyFlows.weeks.map((week: { isoWeek: string }) => week.isoWeek))).toEqual(new Set(["2026-W03"]));
  });

  it("pages the material movements as a Relay connection and refuses first: 101", async () => {
    const PAGE = `query($after: String) { materialMovements(first: 5, after: $after) {
      totalCount pageInfo { hasNextPage hasPreviousPage endCursor }
      edges { cursor node { plant material description netQuantity netKg throughputKg lines lastMovementDate } } } }`;
    const first = (await data(PAGE)).materialMovements;
    const second = (await data(PAGE, undefined, { after: first.pageInfo.endCursor })).materialMovements;
    const { rows } = await sql<{ n: number }>`
      select count(distinct (m.plant, m.material)) as n from raw_mb51 m
      where m.posting_date between '2026-01-01' and '2026-01-31' and not (${IN_TRANSIT})`.execute(api.database.db);
    expect(first.totalCount).toBe(Number(rows[0].n));
    expect(first.edges).toHaveLength(5);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(second.pageInfo.hasPreviousPage).toBe(true);
    const keys = [...first.edges, ...second.edges].map((edge: { node: { plant: string; material: string } }) => `${edge.node.plant} ${edge.node.material}`);
    expect(new Set(keys).size).toBe(10);
    const throughput = [...first.edges, ...second.edges].map((edge: { node: { throughputKg: number | null } }) => edge.node.throughputKg ?? -1);
    expect(throughput).toEqual([...throughput].sort((a, b) => b - a));

    const thinner = await data(`{ materialMovements(filter: { plants: ["1401"], material: "100000002" }) {
      totalCount edges { node { plant material description unit netQuantity netKg lines } } } }`);
    expect(thinner.materialMovements.totalCount).toBe(1);
    const node = thinner.materialMovements.edges[0].node;
    expect(node).toMatchObject({ plant: "1401", material: "100000002", description: "11-260 AF PU THINNER-200LK", unit: "PC" });
    // 176 kg per PC from billing (DOMAIN.md §3.2).
    expect(node.netKg).toBeCloseTo(node.netQuantity * 176, 6);

    const tooMany = await graphql(`{ materialMovements(first: 101) { totalCount } }`);
    expect(tooMany.errors?.[0].extensions.code).toBe("BAD_USER_INPUT");
    const badCursor = await graphql(`{ materialMovements(after: "bm90LWEtY3Vyc29y") { totalCount } }`);
    expect(badCursor.errors?.[0].extensions.code).toBe("BAD_USER_INPUT");
    const backwards = await graphql(`{ movementSummary(filter: { from: "2026-01-31", to: "2026-01-01" }) { from } }`);
    expect(backwards.errors?.[0].extensions.code).toBe("BAD_USER_INPUT");
    const badLimit = await graphql(`{ topMovers(limit: 0) { limit } }`);
    expect(badLimit.errors?.[0].extensions.code).toBe("BAD_USER_INPUT");
  });

  it("gives the DC position of batch 26A2597910: 8 received − 7 issued = 1, complete", async () => {
    const { dcBatchPositions } = await data(`{ dcBatchPositions(batch: "26A2597910") { asOfDate batches {
      plant material batch unit receivedQuantity issuedQuantity otherQuantity position positionKg firstReceiptDate lastMovementDate complete } } }`);
    expect(dcBatchPositions.batches).toEqual([
      {
        plant: "1401",
        material: "100000002",
        batch: "26A2597910",
        unit: "PC",
        receivedQuantity: 8,
        issuedQuantity: 7,
        otherQuantity: 0,
        position: 1,
        positionKg: 176,
        firstReceiptDate: "2026-01-08",
        lastMovementDate: "2026-01-21",
        complete: true,
      },
    ]);
    // A window that starts after the receipt sees only the issues: not complete.
    const late = await data(`{ dcBatchPositions(batch: "26A2597910", filter: { from: "2026-01-10" }) { batches { receivedQuantity issuedQuantity position complete } } }`);
    expect(late.dcBatchPositions.batches).toEqual([{ receivedQuantity: 0, issuedQuantity: 7, position: -7, complete: false }]);
  });

  it("ranks ABC per plant, lists top movers and dead stock", async () => {
    const { abcAnalysis } = await data(`{ abcAnalysis { classes { plant abcClass materials velocity }
      materials { plant material rank rankedMaterials abcClass velocity category } } }`);
    for (const plant of new Set(abcAnalysis.materials.map((row: { plant: string }) => row.plant))) {
      const materials = abcAnalysis.materials.filter((row: { plant: string }) => row.plant === plant);
      const n = materials.length;
      const counts = Object.fromEntries(
        abcAnalysis.classes.filter((c: { plant: string }) => c.plant === plant).map((c: { abcClass: string; materials: number }) => [c.abcClass, c.materials]),
      );
      expect(counts.A).toBe(Math.max(1, Math.floor(n * 0.2)));
      expect((counts.A ?? 0) + (counts.B ?? 0) + (counts.C ?? 0)).toBe(n);
      expect(materials.map((row: { rank: number }) => row.rank)).toEqual(materials.map((_: unknown, index: number) => index + 1));
    }
    expect(new Set(abcAnalysis.materials.map((row: { category: string }) => row.category))).toEqual(new Set(["FG", "SFG", "RM"]));

    const { topMovers } = await data(`{ topMovers(filter: { category: FG }, limit: 5) { limit materials { plant material rank velocity category } } }`);
    expect(topMovers.limit).toBe(5);
    expect(topMovers.materials.every((row: { velocity: number; category: string; rank: number }) => row.velocity > 0 && row.category === "FG" && row.rank <= 5)).toBe(true);
    // The DC's fastest finished good: 118 customer shipments of V-09 REDDISH CLAY 2004 VN-0.8L.
    expect(topMovers.materials.find((row: { plant: string; rank: number }) => row.plant === "1401" && row.rank === 1)).toMatchObject({
      material: "100001787",
      velocity: 118,
    });

    const { deadStock } = await data(`{ deadStock(limit: 20) { limit materials { plant material outboundLines netQuantity netKg } } }`);
    expect(deadStock.materials.length).toBeGreaterThan(0);
    expect(deadStock.materials.length).toBeLessThanOrEqual(20);
    for (const row of deadStock.materials) {
      expect(row.outboundLines).toBe(0);
      expect(row.netQuantity ?? row.netKg).toBeGreaterThan(0);
    }
  });

  const DATA_QUALITY = `query($filter: MovementFilter, $limit: Int) { dataQuality(filter: $filter) {
    asOfDate from to plants
    productionAttainment(limit: $limit) { checked equal differ missing mismatches { status orderNumber } }
    productionReceipts(limit: $limit) { checked equal differ missing mismatches { orderNumber } }
    dcShipments(limit: $limit) { checked equal differ missing mismatches { status batch receivedQuantity shippedQuantity difference } }
    deliveryIssues(limit: $limit) { checked equal differ missing mismatches { status delivery deliveryType } }
    mtsMto(limit: $limit) { orders mtoOrders mtsOrders
      orderType { checked equal differ missing } stoPurchaseOrder { checked equal differ missing }
      disagreements { orderNumber clientClass stoClass purchaseOrder disagreesWith } }
    joinCoverage { join checked found missing foundPercent }
    orphanReversals { groups reversals } } }`;

  it("reports the §3.12 reconciliations, MTS/MTO disagreements, join coverage and orphan reversals", async () => {
    const { dataQuality } = await data(DATA_QUALITY, undefined, { limit: 100 });
    expect(dataQuality).toMatchObject({ asOfDate: "2026-01-21", from: "2026-01-01", to: "2026-01-31", plants: null });
    expect(dataQuality.productionAttainment).toMatchObject({ checked: 882, equal: 324, differ: 396, missing: 162 });
    expect(dataQuality.productionReceipts).toEqual({ checked: 711, equal: 711, differ: 0, missing: 0, mismatches: [] });
    expect(dataQuality.dcShipments).toMatchObject({ checked: 875, equal: 123, differ: 101, missing: 651 });
    expect(dataQuality.dcShipments.mismatches).toHaveLength(100);
    // The whole list (its cost, 1,000 × the fields asked, stays under the cost limit when asked alone).
    const shipments = await data(`{ dataQuality { dcShipments(limit: 1000) { mismatches { status batch receivedQuantity shippedQuantity difference } } } }`);
    expect(shipments.dataQuality.dcShipments.mismatches).toHaveLength(101 + 651);
    expect(shipments.dataQuality.dcShipments.mismatches.find((m: { batch: string }) => m.batch === "26A2597910")).toMatchObject({
      status: "DIFFER",
      receivedQuantity: 8,
      shippedQuantity: 7,
      difference: 1,
    });
    expect(dataQuality.deliveryIssues).toMatchObject({ checked: 1_615 + 49, equal: 1_615, differ: 0, missing: 49 });
    expect(dataQuality.deliveryIssues.mismatches).toHaveLength(49);
    expect(dataQuality.mtsMto).toMatchObject({
      orders: 882,
      mtoOrders: 137,
      mtsOrders: 745,
      orderType: { checked: 882, equal: 882, differ: 0, missing: 0 },
      stoPurchaseOrder: { checked: 333, equal: 300, differ: 10, missing: 23 },
    });
    expect(dataQuality.mtsMto.disagreements).toHaveLength(10);
    expect(
      dataQuality.mtsMto.disagreements.every(
        (d: { clientClass: string; stoClass: string; disagreesWith: string[] }) =>
          d.clientClass === "MTS" && d.stoClass === "MTO" && d.disagreesWith.join() === "STO_PURCHASE_ORDER",
      ),
    ).toBe(true);
    expect(dataQuality.joinCoverage.map((join: { join: string }) => join.join)).toEqual([
      "DC_RECEIPT_PO_IN_ZRMM024",
      "DC_ISSUE_REFERENCE_IN_ZRSD004",
      "BILLING_DELIVERY_IN_ZRSD004",
      "FINISHED_P01_BATCH_FACTORY_RECEIPT",
      "FINISHED_P01_BATCH_DC_RECEIPT",
    ]);
    expect(dataQuality.joinCoverage[0]).toMatchObject({ checked: 323, found: 281, missing: 42 });
    expect(dataQuality.joinCoverage[0].foundPercent).toBeCloseTo((281 / 323) * 100, 9);

    const { rows } = await sql<{ groups: number; reversals: number | null }>`
      select count(*) as groups, sum(orphan_count) as reversals from netting_group where orphan_count > 0`.execute(api.database.db);
    expect(dataQuality.orphanReversals).toEqual({ groups: Number(rows[0].groups), reversals: Number(rows[0].reversals ?? 0) });

    // `limit` cuts the lists, never the figures; the default is 100.
    const limited = await data(DATA_QUALITY, undefined, { limit: 5 });
    expect(limited.dataQuality.deliveryIssues).toMatchObject({ equal: 1_615, missing: 49 });
    expect(limited.dataQuality.deliveryIssues.mismatches).toHaveLength(5);
    expect(limited.dataQuality.mtsMto.disagreements).toHaveLength(5);
    const byDefault = await data(`{ dataQuality { productionAttainment { mismatches { orderNumber } } } }`);
    expect(byDefault.dataQuality.productionAttainment.mismatches).toHaveLength(100);
    const refused = await graphql(`{ dataQuality { deliveryIssues(limit: 1001) { checked } } }`);
    expect(refused.errors?.[0].extensions.code).toBe("BAD_USER_INPUT");
  });

  it("keeps a 1201-only token to plant 1201 and refuses plant 1401", async () => {
    const factory = await token("viewer", ["1201"]);
    const summary = (await data(`{ movementSummary { plantCount byPlant { plant } } }`, factory)).movementSummary;
    expect(summary).toEqual({ plantCount: 1, byPlant: [{ plant: "1201" }] });
    const single = (await data(`{ movementSummary { throughputKg byPlant { throughputKg } } }`, factory)).movementSummary;
    expect(single.throughputKg).toBe(single.byPlant[0].throughputKg);

    const page = (await data(`{ materialMovements(first: 100) { totalCount edges { node { plant } } } }`, factory)).materialMovements;
    expect(page.edges.length).toBeGreaterThan(0);
    expect(page.edges.every((edge: { node: { plant: string } }) => edge.node.plant === "1201")).toBe(true);
    const { rows } = await sql<{ n: number }>`
      select count(distinct m.material) as n from raw_mb51 m
      where m.plant = '1201' and m.posting_date between '2026-01-01' and '2026-01-31' and not (${IN_TRANSIT})`.execute(api.database.db);
    expect(page.totalCount).toBe(Number(rows[0].n));

    const lists = await data(
      `{ plantMovements { plants { plant } } weeklyFlows { weeks { plant } } abcAnalysis { materials { plant } }
         topMovers { materials { plant } } deadStock(limit: 1000) { materials { plant } } dcBatchPositions { batches { plant } } }`,
      factory,
    );
    const plantsOf = (list: { plant: string }[]) => new Set(list.map((row) => row.plant));
    expect(plantsOf(lists.plantMovements.plants)).toEqual(new Set(["1201"]));
    expect(plantsOf(lists.weeklyFlows.weeks)).toEqual(new Set(["1201"]));
    expect(plantsOf(lists.abcAnalysis.materials)).toEqual(new Set(["1201"]));
    expect(plantsOf(lists.topMovers.materials)).toEqual(new Set(["1201"]));
    expect([...plantsOf(lists.deadStock.materials)].every((plant) => plant === "1201")).toBe(true);
    expect(lists.dcBatchPositions.batches).toEqual([]);

    for (const query of [
      `{ movementSummary(filter: { plants: ["1401"] }) { transactionCount } }`,
      `{ materialMovements(filter: { plants: ["1201", "1401"] }) { totalCount } }`,
      `{ weeklyFlows(filter: { plants: ["1401"] }) { from } }`,
      `{ dcBatchPositions(filter: { plants: ["1401"] }, batch: "26A2597910") { from } }`,
      `{ dataQuality(filter: { plants: ["1401"] }) { from } }`,
    ]) {
      const result = await graphql(query, factory);
      expect(result.errors?.[0].extensions.code, query).toBe("FORBIDDEN");
    }

    // Data quality: any role, the figures of its plants; the DC checks and the company-wide billing join check nothing.
    const { dataQuality } = await data(DATA_QUALITY, factory, { limit: 0 });
    expect(dataQuality.plants).toEqual(["1201"]);
    expect(dataQuality.productionReceipts).toEqual({ checked: 711, equal: 711, differ: 0, missing: 0, mismatches: [] });
    expect(dataQuality.dcShipments).toEqual({ checked: 0, equal: 0, differ: 0, missing: 0, mismatches: [] });
    expect(dataQuality.deliveryIssues).toEqual({ checked: 0, equal: 0, differ: 0, missing: 0, mismatches: [] });
    expect(dataQuality.productionAttainment.mismatches).toEqual([]);
    const coverage = Object.fromEntries(dataQuality.joinCoverage.map((join: { join: string; checked: number }) => [join.join, join.checked]));
    expect(coverage).toMatchObject({ DC_RECEIPT_PO_IN_ZRMM024: 0, DC_ISSUE_REFERENCE_IN_ZRSD004: 0, BILLING_DELIVERY_IN_ZRSD004: 0 });
    const { rows: orphans } = await sql<{ groups: number }>`
      select count(*) as groups from netting_group where orphan_count > 0 and plant = '1201'`.execute(api.database.db);
    expect(dataQuality.orphanReversals.groups).toBe(Number(orphans[0].groups));
  });
});
