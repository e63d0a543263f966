/**
 * Production yield over HTTP against a running server with the real samples loaded (DOMAIN.md §3.3,
 * §6 D7): the chain of liquid order 10000109083 (186 kg filled from 193 kg = 96.4 %), the Sankey
 * flows conserving kg, the weighted summary recomputed here from raw ZRPP062 in SQL, the loss Pareto,
 * the per-order connection, plant scoping and period validation.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../api/src/graphql/auth.js";
import { startApiFixture, type ApiFixture, type GraphQLResult } from "./support/api-fixture.js";
import { backends } from "./support/databases.js";
import { samplesPresent } from "./support/samples.js";

const FILES = ["mb51.XLSX", "cooispi.XLSX", "zrsd004.XLSX", "zrpp062.XLSX", "11.XLSX", "13.XLSX", "15.XLSX"];

describe.skipIf(!samplesPresent).each(backends)("yield API on $name", (backend) => {
  let api: ApiFixture;

  beforeAll(async () => {
    api = await startApiFixture(backend, { files: FILES });
  }, 600_000);
  afterAll(async () => {
    await api?.close();
  });

  const token = (role: Role, plants?: string[]) => api.token(role, plants);
  const graphql = (query: string, bearer?: string, variables?: Record<string, unknown>) => api.graphql(query, { token: bearer, variables });

  const CHAIN = `query($n: String!) { productionChain(liquidOrder: $n) {
    liquidOrder period inCooispi plant material materialDescription batch orderedKg deliveredKg liquidIssuedKg filledKg
    chainLossKg chainYieldPercent attainmentPercent fillOrderCount
    fillOrders { orderNumber material description batch grQuantity kgPerUnit outputKg inputKg lossKg lossPercent yieldPercent } } }`;

  it("chains liquid order 10000109083 to fills 10000109080/81/82: 186 kg from 193 kg delivered = 96.4 %", async () => {
    const result = await graphql(CHAIN, undefined, { n: "010000109083" });
    expect(result.errors).toBeUndefined();
    const chain = result.data!.productionChain;
    expect(chain).toMatchObject({
      liquidOrder: "10000109083",
      inCooispi: true,
      plant: "1201",
      materialDescription: "HARDENER PUH-75 NY VN",
      batch: "26A2590910",
      orderedKg: 186,
      deliveredKg: 193,
      fillOrderCount: 3,
    });
    expect(chain.liquidIssuedKg).toBeCloseTo(193.0, 6);
    expect(chain.filledKg).toBeCloseTo(186, 6);
    expect(chain.chainLossKg).toBeCloseTo(7, 6);
    expect(chain.chainYieldPercent).toBeCloseTo(96.37, 2);
    expect(chain.chainYieldPercent).toBeCloseTo((186 / 193) * 100, 9);
    expect(chain.attainmentPercent).toBeCloseTo((193 / 186) * 100, 9);
    expect(chain.fillOrders.map((fill: { orderNumber: string }) => fill.orderNumber)).toEqual(["10000109080", "10000109081", "10000109082"]);
    const fill = chain.fillOrders[0];
    expect(fill).toMatchObject({ grQuantity: 210, kgPerUnit: 0.2, inputKg: 43.581, batch: expect.any(String) });
    expect(fill.outputKg).toBeCloseTo(42, 9);
    expect(fill.lossKg).toBeCloseTo(1.581, 9);
    expect(fill.lossPercent).toBeCloseTo(3.63, 2);
    expect(fill.yieldPercent).toBeCloseTo(100 - fill.lossPercent, 9);

    expect((await graphql(CHAIN, undefined, { n: "10000109152" })).data!.productionChain).toBeNull(); // a fill order, not a liquid
    expect((await graphql(CHAIN, undefined, { n: "x1" })).errors?.[0].extensions.code).toBe("BAD_USER_INPUT");
  });

  it("returns the production flows as a Sankey in kg that conserves kg, with the DC and channel nodes", async () => {
    const result = await graphql(`{ productionFlows(filter: { from: "2026-01", to: "2026-01" }) {
      nodes { id label } links { source target kg } p03Linked note } }`);
    expect(result.errors).toBeUndefined();
    const flows = result.data!.productionFlows as {
      nodes: { id: string; label: string }[];
      links: { source: string; target: string; kg: number }[];
      p03Linked: boolean;
      note: string;
    };
    const ids = flows.nodes.map((node) => node.id);
    expect(ids).toEqual(expect.arrayContaining(["p02-liquid", "p01-filled", "filling-loss", "dc-receipt", "dc-stock"]));
    expect(ids.filter((id) => id.startsWith("shipped-")).length).toBeGreaterThan(0);
    expect(flows.p03Linked).toBe(false);
    expect(flows.note).toMatch(/P03/);
    const known = new Set(ids);
    expect(flows.links.every((link) => link.kg > 0 && known.has(link.source) && known.has(link.target))).toBe(true);
    const sum = (links: typeof flows.links) => links.reduce((total, link) => total + link.kg, 0);
    for (const id of ids) {
      const inflow = sum(flows.links.filter((link) => link.target === id));
      const outflow = sum(flows.links.filter((link) => link.source === id));
      if (inflow > 0 && outflow > 0) expect(outflow, id).toBeLessThanOrEqual(inflow + 1e-6);
    }
    // Liquid side = Σ GI of the valid orders, as in the summary.
    const summary = await graphql(`{ yieldSummary(filter: { from: "2026-01", to: "2026-01" }) { total { inputKg outputKg } } }`);
    expect(sum(flows.links.filter((link) => link.source === "p02-liquid"))).toBeCloseTo(summary.data!.yieldSummary.total.inputKg, 6);
  });

  it("summarises yield weighted (Σ loss ÷ Σ GI), matching raw ZRPP062 recomputed in SQL", async () => {
    const { rows } = await sql<{ input: number; loss: number; output: number; valid: number; excluded: number }>`
      select sum(gi_sfg_liquid) filter (where gi_sfg_liquid > 0) as input,
             sum(gi_sfg_liquid - gr_qty * pc_to_kg_actual - coalesce(gr_by_product, 0)) filter (where gi_sfg_liquid > 0) as loss,
             sum(gr_qty * pc_to_kg_actual) filter (where gi_sfg_liquid > 0) as output,
             count(*) filter (where gi_sfg_liquid > 0) as valid,
             count(*) filter (where not coalesce(gi_sfg_liquid > 0, false)) as excluded
      from raw_zrpp062`.execute(api.database.db);
    const raw = rows[0];
    const result = await graphql(`{ yieldSummary {
      total { inputKg outputKg lossKg lossPercent yieldPercent validOrderCount excludedOrderCount orderCount highLossOrderCount lowYieldOrderCount }
      byPeriod { period lossKg inputKg lossPercent orderCount }
      byMaterial { material lossKg }
      byProductGroup { productGroupCode productGroup lossKg inputKg outputKg lossPercent }
      insights { minOutputKg biggestLoss { productGroup lossKg } worstEfficiency { productGroup lossPercent outputKg }
                 bestPerformer { productGroup lossPercent outputKg } } } }`);
    expect(result.errors).toBeUndefined();
    const summary = result.data!.yieldSummary;
    const total = summary.total;
    expect(Number(raw.valid)).toBe(353);
    expect(total).toMatchObject({ validOrderCount: 353, excludedOrderCount: 85, orderCount: 438, highLossOrderCount: 146, lowYieldOrderCount: 2 });
    expect(total.excludedOrderCount).toBe(Number(raw.excluded));
    expect(total.inputKg).toBeCloseTo(Number(raw.input), 6);
    expect(total.lossKg).toBeCloseTo(Number(raw.loss), 6);
    expect(total.outputKg).toBeCloseTo(Number(raw.output), 6);
    expect(total.lossKg / total.inputKg).toBeCloseTo(Number(raw.loss) / Number(raw.input), 12);
    expect(total.lossPercent).toBeCloseTo((Number(raw.loss) / Number(raw.input)) * 100, 9);
    expect(total.yieldPercent).toBeCloseTo(100 - total.lossPercent, 9);
    expect(summary.byPeriod).toEqual([{ period: "2026-01", lossKg: total.lossKg, inputKg: total.inputKg, lossPercent: total.lossPercent, orderCount: 438 }]);
    const groupLoss = summary.byProductGroup.reduce((sum: number, group: { lossKg: number }) => sum + group.lossKg, 0);
    expect(groupLoss).toBeCloseTo(total.lossKg, 6);
    const insights = summary.insights;
    expect(insights.minOutputKg).toBe(1000);
    expect(insights.biggestLoss.lossKg).toBe(Math.max(...summary.byProductGroup.filter((g: { productGroupCode: string | null }) => g.productGroupCode).map((g: { lossKg: number }) => g.lossKg)));
    expect(insights.worstEfficiency.outputKg).toBeGreaterThanOrEqual(1000);
    expect(insights.worstEfficiency.lossPercent).toBeGreaterThanOrEqual(insights.bestPerformer.lossPercent);
    // ULTRAPROOF fills 3 % more than it is issued (a net gain): not the best performer.
    expect(insights.bestPerformer.lossPercent).toBeGreaterThanOrEqual(0);
    expect(insights.bestPerformer.outputKg).toBeGreaterThanOrEqual(1000);

    const material = await graphql(`{ yieldSummary(filter: { material: "0100002262" }) { byMaterial { material } total { orderCount } } }`);
    expect(material.data!.yieldSummary.byMaterial).toEqual([{ material: "100002262" }]);
    const later = await graphql(`{ yieldSummary(filter: { from: "2026-02" }) { total { orderCount lossPercent } } }`);
    expect(later.data!.yieldSummary.total).toEqual({ orderCount: 0, lossPercent: null });
  });

  it("ranks materials by loss kg with a non-decreasing cumulative % that ends at or below 100", async () => {
    const result = await graphql(`{ lossPareto { totalLossKg materials { material lossKg sharePercent cumulativePercent } } }`);
    expect(result.errors).toBeUndefined();
    const pareto = result.data!.lossPareto;
    expect(pareto.materials).toHaveLength(10);
    const cumulative = pareto.materials.map((entry: { cumulativePercent: number }) => entry.cumulativePercent);
    for (let i = 1; i < cumulative.length; i++) expect(cumulative[i]).toBeGreaterThanOrEqual(cumulative[i - 1]);
    expect(cumulative.at(-1)).toBeLessThanOrEqual(100 + 1e-9);
    const losses = pareto.materials.map((entry: { lossKg: number }) => entry.lossKg);
    expect(losses).toEqual([...losses].sort((a, b) => b - a));
    expect(pareto.materials[0].sharePercent).toBeCloseTo((losses[0] / pareto.totalLossKg) * 100, 9);

    const all = await graphql(`{ lossPareto(limit: 1000) { materials { cumulativePercent } } }`);
    expect(all.data!.lossPareto.materials.at(-1).cumulativePercent).toBeCloseTo(100, 9);
    expect((await graphql(`{ lossPareto(limit: 0) { totalLossKg } }`)).errors?.[0].extensions.code).toBe("BAD_USER_INPUT");
  });

  it("pages the filling yields per order as a Relay connection", async () => {
    const page = `query($first: Int, $after: String, $valid: Boolean, $below: Float) {
      fillingYields(first: $first, after: $after, valid: $valid, yieldBelowPercent: $below) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { orderNumber yieldPercent valid lowYield } } } }`;
    const firstPage = (await graphql(page, undefined, { first: 100 })).data!.fillingYields;
    expect(firstPage.totalCount).toBe(438);
    expect(firstPage.edges).toHaveLength(100);
    expect(firstPage.pageInfo.hasNextPage).toBe(true);
    expect((await graphql(page, undefined, { first: 101 })).errors?.[0].extensions.code).toBe("BAD_USER_INPUT");
    const seen = new Set<string>();
    let after: string | null = null;
    for (;;) {
      const { data }: GraphQLResult = await graphql(page, undefined, { first: 100, after });
      for (const edge of data!.fillingYields.edges) seen.add(edge.node.orderNumber);
      if (!data!.fillingYields.pageInfo.hasNextPage) break;
      after = data!.fillingYields.pageInfo.endCursor;
    }
    expect(seen.size).toBe(438);
    expect((await graphql(page, undefined, { valid: false })).data!.fillingYields.totalCount).toBe(85);
    const low = (await graphql(page, undefined, { below: 85 })).data!.fillingYields;
    expect(low.edges.map((edge: { node: { orderNumber: string } }) => edge.node.orderNumber).sort()).toEqual(["10000109283", "10000109867"]);
    expect(low.edges.every((edge: { node: { lowYield: boolean } }) => edge.node.lowYield)).toBe(true);
  });

  it("keeps a 1401-only token out of yield (production is at 1201)", async () => {
    const dc = await token("viewer", ["1401"]);
    const result = await graphql(`{
      yieldSummary { total { orderCount inputKg } byMaterial { material } }
      lossPareto { totalLossKg materials { material } }
      fillingYields { totalCount edges { node { orderNumber } } }
      productionFlows { links { kg } } }`, dc);
    expect(result.errors).toBeUndefined();
    expect(result.data!.yieldSummary).toEqual({ total: { orderCount: 0, inputKg: 0 }, byMaterial: [] });
    expect(result.data!.lossPareto).toEqual({ totalLossKg: 0, materials: [] });
    expect(result.data!.fillingYields).toEqual({ totalCount: 0, edges: [] });
    expect(result.data!.productionFlows.links).toEqual([]);
    const chain = await graphql(CHAIN, dc, { n: "10000109083" });
    expect(chain.errors?.[0].extensions.code).toBe("FORBIDDEN");
    const asked = await graphql(`{ yieldSummary(filter: { plants: ["1201"] }) { total { orderCount } } }`, dc);
    expect(asked.errors?.[0].extensions.code).toBe("FORBIDDEN");

    const factory = await token("viewer", ["1201"]);
    const seen = await graphql(`{ productionChain(liquidOrder: "10000109083") { chainYieldPercent } yieldSummary { total { orderCount } } }`, factory);
    expect(seen.errors).toBeUndefined();
    expect(seen.data!.yieldSummary.total.orderCount).toBe(438);
  });

  it("refuses a period that is not YYYY-MM, or from after to, with BAD_USER_INPUT", async () => {
    for (const query of [
      `{ yieldSummary(filter: { from: "2026-1" }) { total { lossKg } } }`,
      `{ lossPareto(filter: { to: "2026-1" }) { totalLossKg } }`,
      `{ productionFlows(filter: { from: "2026-1" }) { p03Linked } }`,
      `{ fillingYields(filter: { from: "2026-13" }) { totalCount } }`,
      `{ yieldSummary(filter: { from: "2026-02", to: "2026-01" }) { total { lossKg } } }`,
    ]) {
      const result = await graphql(query);
      expect(result.errors?.[0].extensions.code, query).toBe("BAD_USER_INPUT");
      expect(result.data?.[Object.keys(result.data ?? {})[0]] ?? null).toBeNull();
    }
  });
});
