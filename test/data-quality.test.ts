/**
 * Data quality on the real samples: the reconciliations of DOMAIN.md §3.12 / §1.1, the MTS/MTO
 * disagreements of §2.8 and the join coverage of §1.10. Where our figure differs from DOMAIN.md the
 * test also recomputes DOMAIN.md's figure from the raw tables, to show where the difference comes from.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../api/src/db/database.js";
import {
  dcShipments,
  deliveryIssues,
  joinCoverage,
  mtsMtoDisagreements,
  productionAttainment,
  productionReceipts,
} from "../api/src/domain/data-quality.js";
import { loadFile } from "../api/src/ingest/load.js";
import { backends } from "./support/databases.js";
import { SAMPLE_FACTS, sample, samplesPresent } from "./support/samples.js";

const FILES = ["mb51.XLSX", "cooispi.XLSX", "zrmm024.XLSX", "zrsd002.XLSX", "zrsd004.XLSX"];
const AS_OF = "2026-01-21";

describe.skipIf(!samplesPresent).each(backends)("data quality on $name", (backend) => {
  let database: Database;

  beforeAll(async () => {
    database = await backend.open();
    for (const file of FILES) {
      await loadFile(database, sample(file), {
        allowRejects: false,
        decimalComma: false,
        dateOrder: "MDY",
        loadedBy: "test",
        ...SAMPLE_FACTS,
      });
    }
  }, 600_000);
  afterAll(async () => database?.close());

  it("(1) production attainment: order vs delivered quantity per order", async () => {
    const check = await productionAttainment(database.db, AS_OF);
    // §1.2: 162 orders not finished with nothing delivered (72 P01, 72 P02, 18 P03) have nothing to
    // compare yet; the 9 finished with 0 delivered count as differing.
    expect(check).toMatchObject({ checked: 882, equal: 324, differ: 396, missing: 162 });
    expect(check.mismatches).toHaveLength(396 + 162);
    expect(check.mismatches.filter((m) => m.status === "DIFFER" && m.deliveredQuantity === 0)).toHaveLength(9);
  });

  it("(2) COOISPI delivered = Σ(101 − 102) at the factory for the order's batch and material", async () => {
    const check = await productionReceipts(database.db, AS_OF);
    // DOMAIN.md §1.1/§3.12 says 705 of 711. The files say 711 of 711 when an order's receipts are
    // those of its batch AND material (the brief, and D5). DOMAIN.md's 6 "differences" are the 3
    // batches shared by two P01 orders of different materials: keyed on the batch alone each of
    // those 6 orders sees both materials' receipts (e.g. 26A2595410: 288 delivered vs 576).
    expect(check).toMatchObject({ checked: 711, equal: 711, differ: 0, missing: 0, mismatches: [] });
    const { rows } = await sql<{ equal: number; shared: number }>`
      with by_batch as (
        select batch, sum(quantity) as received from raw_mb51
        where plant = '1201' and movement_type in ('101', '102') group by batch
      )
      select count(*) filter (where b.received = c.delivered_quantity) as equal,
             count(*) filter (where b.received <> c.delivered_quantity
               and c.batch in ('26A2595410', '26A2610510', '26A2604810')) as shared
      from raw_cooispi c left join by_batch b on b.batch = c.batch
      where c.delivered_quantity > 0`.execute(database.db);
    expect(rows[0]).toEqual({ equal: 705, shared: 6 });
  });

  it("(3) DC receipts vs shipments per batch", async () => {
    const check = await dcShipments(database.db, AS_OF);
    expect(check).toMatchObject({ checked: 875, equal: 123, differ: 101, missing: 651 });
    // Worked example A: 8 received, 7 shipped after netting the 602.
    expect(check.mismatches.find((m) => m.batch === "26A2597910")).toMatchObject({
      status: "DIFFER",
      receivedQuantity: 8,
      shippedQuantity: 7,
      difference: 1,
    });
    // Shipped from stock received before the sample window: no 101 in the loaded data.
    expect(check.mismatches.filter((m) => m.receivedQuantity === null)).toHaveLength(509);
  });

  it("(4) ZRSD004 Delivery Qty per (Delivery, Description) = net −601 + 602 at the DC (§1.1)", async () => {
    const check = await deliveryIssues(database.db, AS_OF);
    expect(check).toMatchObject({ checked: 1_664, equal: 1_615, differ: 0, missing: 49 });
    const byType = countBy(check.mismatches.map((m) => m.deliveryType));
    // 3 cross-plant ZDD1, 5 returns ZDE1, 41 customer deliveries …
    expect(byType).toEqual({ ZDD1: 3, ZDE1: 5, ZDA1: 41 });
    // … 7 of which match on material instead (tinted products, D5).
    const onMaterial = check.mismatches.filter((m) => m.issuedQuantityByMaterial === m.deliveryQuantity);
    expect(onMaterial).toHaveLength(7);
    expect(onMaterial.every((m) => m.deliveryType === "ZDA1")).toBe(true);
  });

  it("MTS/MTO: client rule vs order type vs the ZRMM024 flag of the STO PO item (§2.8)", async () => {
    const check = await mtsMtoDisagreements(database.db, AS_OF);
    expect(check).toMatchObject({
      orders: 882,
      mtoOrders: 137,
      mtsOrders: 745,
      orderType: { checked: 882, equal: 882, differ: 0, missing: 0 },
      // DOMAIN.md says "agrees for 305 linked orders, with 8 MTS orders whose PO says MTO". The files
      // say 300 agree and 10 differ (23 more POs predate the ZRMM024 export) when the PO is the one of
      // the DC receipt of the order's batch and material and the flag is that of the PO item for the
      // order's material. DOMAIN.md's figures come from linking on the batch alone and reading the
      // flag per PO (recomputed below): PO 4400036103 carries MTO items for 100005282/100005283 and
      // MTS items for 100005179/100005178, so MTS orders 10000109397 and 10000109400 were received
      // on MTO items — real disagreements that the per-PO reading hides.
      stoPurchaseOrder: { checked: 333, equal: 300, differ: 10, missing: 23 },
    });
    expect(check.disagreements).toHaveLength(10);
    expect(check.disagreements.every((d) => d.clientClass === "MTS" && d.stoClass === "MTO")).toBe(true);
    expect(check.disagreements.every((d) => d.disagreesWith.join() === "STO_PURCHASE_ORDER")).toBe(true);
    expect(check.disagreements.filter((d) => d.purchaseOrder === "4400036103").map((d) => d.orderNumber)).toEqual([
      "10000109397",
      "10000109400",
    ]);

    const { rows } = await sql<{ agree: number; differ: number }>`
      with link as (
        select distinct batch, purchase_order from raw_mb51
        where plant = '1401' and movement_type = '101' and purchase_order like '44%'
      ),
      po_flags as (
        select purchase_order, array_agg(distinct mts_mto) as flags from raw_zrmm024
        where mts_mto is not null group by purchase_order
      ),
      linked as (
        select case when c.sales_order is not null and c.mrp_controller = 'P01' then 'MTO' else 'MTS' end as client_class,
               f.flags
        from raw_cooispi c join link l on l.batch = c.batch join po_flags f on f.purchase_order = l.purchase_order
      )
      select count(*) filter (where client_class = any(flags)) as agree,
             count(*) filter (where not client_class = any(flags)) as differ
      from linked`.execute(database.db);
    expect(rows[0]).toEqual({ agree: 305, differ: 8 });
  });

  it("reports the §1.10 join coverage", async () => {
    const coverage = await joinCoverage(database.db, AS_OF);
    expect(coverage).toEqual([
      { join: "DC_RECEIPT_PO_IN_ZRMM024", checked: 323, found: 281, missing: 42 },
      { join: "DC_ISSUE_REFERENCE_IN_ZRSD004", checked: 663, found: 662, missing: 1 },
      { join: "BILLING_DELIVERY_IN_ZRSD004", checked: 663, found: 661, missing: 2 },
      { join: "FINISHED_P01_BATCH_FACTORY_RECEIPT", checked: 340, found: 338, missing: 2 },
      // DOMAIN.md §1.10 says 335: keyed on the batch alone. Three of those 335 are the orders of the
      // shared batches whose own material never reached the DC (the other material did).
      { join: "FINISHED_P01_BATCH_DC_RECEIPT", checked: 340, found: 332, missing: 8 },
    ]);
  });

  it("restricts the checks to the allowed plants and the window", async () => {
    const factoryOnly = { plants: ["1201"] };
    expect(await dcShipments(database.db, AS_OF, factoryOnly)).toMatchObject({ checked: 0, mismatches: [] });
    expect(await deliveryIssues(database.db, AS_OF, factoryOnly)).toMatchObject({ checked: 0, mismatches: [] });
    expect((await productionReceipts(database.db, AS_OF, factoryOnly)).checked).toBe(711);
    expect((await productionReceipts(database.db, AS_OF, { plants: ["1401"] })).checked).toBe(0);
    expect((await joinCoverage(database.db, AS_OF, factoryOnly)).map((c) => c.checked)).toEqual([0, 0, 0, 340, 0]);
    expect((await productionAttainment(database.db, "2026-02-15")).checked).toBe(0);
    const fg = await productionAttainment(database.db, AS_OF, { category: "FG" });
    expect(fg.checked).toBe(412); // the P01 orders (§1.2)
    const week = await deliveryIssues(database.db, AS_OF, { from: "2026-01-12", to: "2026-01-18" });
    expect(week.checked).toBeGreaterThan(0);
    expect(week.checked).toBeLessThan(1_664);
  });
});

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
