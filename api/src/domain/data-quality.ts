/**
 * Data quality: the quantity reconciliations the client asked for (DOMAIN.md §3.12, §1.1), the
 * MTS/MTO disagreements (§2.8, §5 item 22) and the join coverage of §1.10, as figures and lists,
 * over the views of sql/040_movements.sql. Mismatches are often the first sign of a missing upload.
 *
 * The window only picks what is checked (orders by release date, DC batches whose lines span it,
 * deliveries by actual GI date, join keys by posting or billing date); both sides are then taken
 * from everything loaded, so a receipt posted after the window does not show up as a mismatch.
 */
import { sql, type RawBuilder } from "kysely";
import type { Db } from "../db/database.js";
import { DC_PLANT, movementWindow, type DateWindow, type MovementFilter } from "./movements.js";

/** `checked` = `equal` + `differ` + `missing`; `missing` = one side has nothing to compare. */
export interface ReconciliationFigures {
  checked: number;
  equal: number;
  differ: number;
  missing: number;
}

export type MismatchStatus = "DIFFER" | "MISSING";

export interface Reconciliation<Mismatch> extends ReconciliationFigures {
  /** Every checked item that is not equal. */
  mismatches: Mismatch[];
}

/** §3.12 (1): order quantity vs delivered quantity. MISSING = an unfinished order with nothing delivered. */
export interface ProductionAttainmentMismatch {
  status: MismatchStatus;
  orderNumber: string;
  plant: string;
  material: string;
  materialDescription: string | null;
  batch: string;
  mrpController: string;
  orderType: string;
  releaseDate: string | null;
  actualFinishDate: string | null;
  unit: string | null;
  orderQuantity: number | null;
  deliveredQuantity: number | null;
  /** delivered − ordered. */
  difference: number | null;
}

/** §3.12 (2): COOISPI delivered vs Σ(101 − 102) at the order's plant for its batch and material. */
export interface ProductionReceiptMismatch {
  status: MismatchStatus;
  orderNumber: string;
  plant: string;
  material: string;
  materialDescription: string | null;
  batch: string;
  mrpController: string;
  releaseDate: string | null;
  unit: string | null;
  deliveredQuantity: number | null;
  receivedQuantity: number | null;
  /** received − delivered. */
  difference: number | null;
}

/** §3.12 (3): per batch at the DC, netted 101 receipts vs netted 601 shipments. */
export interface DcShipmentMismatch {
  status: MismatchStatus;
  plant: string;
  material: string;
  materialDescription: string | null;
  batch: string;
  unit: string | null;
  receivedQuantity: number | null;
  shippedQuantity: number | null;
  /** received − shipped, when both exist. */
  difference: number | null;
  firstReceiptDate: string | null;
  lastShipmentDate: string | null;
}

/** §3.12 (4): Σ ZRSD004 Delivery Qty per (Delivery, Description) vs net (−601 + 602) at the DC. */
export interface DeliveryMismatch {
  status: MismatchStatus;
  delivery: string;
  description: string | null;
  deliveryType: string;
  /** The group's material, when it has one. */
  material: string | null;
  deliveryDate: string;
  actualGiDate: string | null;
  lines: number;
  deliveryQuantity: number | null;
  issuedQuantity: number | null;
  /** issued − delivery quantity. */
  difference: number | null;
  /** For a group without 601/602 under its description: the net issue under the same delivery and material (tinted products). */
  issuedQuantityByMaterial: number | null;
}

export type MtsMto = "MTS" | "MTO";
export type MtsMtoSignal = "ORDER_TYPE" | "STO_PURCHASE_ORDER";

export interface MtsMtoDisagreement {
  orderNumber: string;
  plant: string;
  material: string;
  materialDescription: string | null;
  batch: string;
  mrpController: string;
  orderType: string;
  salesOrder: string | null;
  releaseDate: string | null;
  /** The client rule (binding): Sales Order filled and MRP controller P01 → MTO. */
  clientClass: MtsMto;
  orderTypeClass: MtsMto;
  /** The STO PO of the batch's first DC receipt, and its item for the order's material. */
  purchaseOrder: string | null;
  purchaseOrderItem: string | null;
  stoClass: MtsMto | null;
  /** The signals that disagree with the client rule. */
  disagreesWith: MtsMtoSignal[];
}

export interface MtsMtoCheck {
  /** Orders released in the window. */
  orders: number;
  mtoOrders: number;
  mtsOrders: number;
  /** Client rule vs order type 201O: every order is checked. */
  orderType: ReconciliationFigures;
  /**
   * Client rule vs ZRMM024 `MTS / MTO` of the STO PO: checked = orders whose batch was received at
   * the DC on an STO PO (44…); missing = that PO (or its flag) is not in the loaded ZRMM024.
   */
  stoPurchaseOrder: ReconciliationFigures;
  disagreements: MtsMtoDisagreement[];
}

export type JoinName =
  | "DC_RECEIPT_PO_IN_ZRMM024"
  | "DC_ISSUE_REFERENCE_IN_ZRSD004"
  | "BILLING_DELIVERY_IN_ZRSD004"
  | "FINISHED_P01_BATCH_FACTORY_RECEIPT"
  | "FINISHED_P01_BATCH_DC_RECEIPT";

/** §1.10: how many keys of one report find their partner in another. */
export interface JoinCoverage {
  join: JoinName;
  checked: number;
  found: number;
  missing: number;
}

/** §3.12 (1): COOISPI order quantity vs delivered quantity, orders released in the window. */
export async function productionAttainment(
  db: Db,
  asOf: string,
  filter: MovementFilter = {},
): Promise<Reconciliation<ProductionAttainmentMismatch>> {
  const window = movementWindow(asOf, filter);
  const where = orderConditions(window, filter);
  return reconcile<ProductionAttainmentMismatch>(
    db,
    sql`reconciliation_production_attainment where ${where}`,
    sql`
      select status, order_number as "orderNumber", plant, material, material_description as "materialDescription",
        batch, mrp_controller as "mrpController", order_type as "orderType", release_date as "releaseDate",
        actual_finish_date as "actualFinishDate", unit, order_quantity as "orderQuantity",
        delivered_quantity as "deliveredQuantity", difference
      from reconciliation_production_attainment
      where ${where} and status <> 'EQUAL'
      order by status, order_number`,
  );
}

/**
 * §3.12 (2) / §1.1: COOISPI delivered quantity vs Σ(101 − 102) at the order's plant for the order's
 * batch and material; orders released in the window with a delivery or a receipt.
 */
export async function productionReceipts(
  db: Db,
  asOf: string,
  filter: MovementFilter = {},
): Promise<Reconciliation<ProductionReceiptMismatch>> {
  const window = movementWindow(asOf, filter);
  const where = orderConditions(window, filter);
  return reconcile<ProductionReceiptMismatch>(
    db,
    sql`reconciliation_production_receipt where ${where}`,
    sql`
      select status, order_number as "orderNumber", plant, material, material_description as "materialDescription",
        batch, mrp_controller as "mrpController", release_date as "releaseDate", unit,
        delivered_quantity as "deliveredQuantity", received_quantity as "receivedQuantity", difference
      from reconciliation_production_receipt
      where ${where} and status <> 'EQUAL'
      order by status, order_number`,
  );
}

/** §3.12 (3): per batch at the DC whose 101/102/601/602 lines span the window, received vs shipped. */
export async function dcShipments(
  db: Db,
  asOf: string,
  filter: MovementFilter = {},
): Promise<Reconciliation<DcShipmentMismatch>> {
  if (filter.plants && !filter.plants.includes(DC_PLANT)) return nothingChecked();
  const window = movementWindow(asOf, filter);
  const where = sql`first_line_date <= ${window.to}::date and last_line_date >= ${window.from}::date
    and ${materialConditions(filter, sql.ref("material"))}`;
  return reconcile<DcShipmentMismatch>(
    db,
    sql`reconciliation_dc_shipment where ${where}`,
    sql`
      select status, plant, material, material_description as "materialDescription", batch, unit,
        received_quantity as "receivedQuantity", shipped_quantity as "shippedQuantity",
        received_quantity - shipped_quantity as difference,
        first_receipt_date as "firstReceiptDate", last_shipment_date as "lastShipmentDate"
      from reconciliation_dc_shipment
      where ${where} and status <> 'EQUAL'
      order by status, batch, material`,
  );
}

/**
 * §3.12 (4) / §1.1: Σ ZRSD004 Delivery Qty per (Delivery, Description) vs net (−601 + 602) at the DC
 * for the same Reference + Material Description; deliveries goods-issued (else planned) in the window.
 */
export async function deliveryIssues(
  db: Db,
  asOf: string,
  filter: MovementFilter = {},
): Promise<Reconciliation<DeliveryMismatch>> {
  if (filter.plants && !filter.plants.includes(DC_PLANT)) return nothingChecked();
  const window = movementWindow(asOf, filter);
  const where = sql`coalesce(actual_gi_date, delivery_date) between ${window.from}::date and ${window.to}::date
    and ${materialConditions(filter, sql.ref("material"))}`;
  return reconcile<DeliveryMismatch>(
    db,
    sql`reconciliation_delivery where ${where}`,
    sql`
      select status, delivery, description, delivery_type as "deliveryType", material,
        delivery_date as "deliveryDate", actual_gi_date as "actualGiDate", lines,
        delivery_quantity as "deliveryQuantity", issued_quantity as "issuedQuantity", difference,
        issued_quantity_by_material as "issuedQuantityByMaterial"
      from reconciliation_delivery
      where ${where} and status <> 'EQUAL'
      order by status, delivery, description`,
  );
}

/**
 * §2.8: the client rule vs order type 201O vs the ZRMM024 `MTS / MTO` flag of the STO PO that
 * brought the order's batch to the DC, for the orders released in the window. The client rule wins
 * (§5 item 22); the other two signals are reported where they disagree.
 */
export async function mtsMtoDisagreements(db: Db, asOf: string, filter: MovementFilter = {}): Promise<MtsMtoCheck> {
  const window = movementWindow(asOf, filter);
  const where = orderConditions(window, filter);
  const figures = await sql<{
    orders: number;
    mtoOrders: number;
    typeEqual: number;
    stoChecked: number;
    stoEqual: number;
    stoDiffer: number;
  }>`
    select
      count(*) as orders,
      count(*) filter (where client_class = 'MTO') as "mtoOrders",
      count(*) filter (where order_type_class = client_class) as "typeEqual",
      count(*) filter (where purchase_order is not null) as "stoChecked",
      count(*) filter (where sto_class = client_class) as "stoEqual",
      count(*) filter (where sto_class <> client_class) as "stoDiffer"
    from mts_mto_signal
    where ${where}`.execute(db);
  const { orders, mtoOrders, typeEqual, stoChecked, stoEqual, stoDiffer } = figures.rows[0];
  const disagreements = await sql<MtsMtoDisagreement>`
    select * from (
      select order_number as "orderNumber", plant, material, material_description as "materialDescription", batch,
        mrp_controller as "mrpController", order_type as "orderType", sales_order as "salesOrder",
        release_date as "releaseDate", client_class as "clientClass", order_type_class as "orderTypeClass",
        purchase_order as "purchaseOrder", purchase_order_item as "purchaseOrderItem", sto_class as "stoClass",
        array_remove(array[
          case when order_type_class <> client_class then 'ORDER_TYPE' end,
          case when sto_class <> client_class then 'STO_PURCHASE_ORDER' end
        ], null) as "disagreesWith"
      from mts_mto_signal
      where ${where}
    ) signal
    where cardinality("disagreesWith") > 0
    order by "orderNumber"`.execute(db);
  return {
    orders,
    mtoOrders,
    mtsOrders: orders - mtoOrders,
    orderType: { checked: orders, equal: typeEqual, differ: orders - typeEqual, missing: 0 },
    stoPurchaseOrder: {
      checked: stoChecked,
      equal: stoEqual,
      differ: stoDiffer,
      missing: stoChecked - stoEqual - stoDiffer,
    },
    disagreements: disagreements.rows,
  };
}

/**
 * §1.10 join coverage in the window: DC receipt POs (44…) found in ZRMM024; DC 601/602 delivery
 * references found in ZRSD004; billing delivery references found in ZRSD004 (company-wide, so only
 * without a plant restriction); finished P01 orders whose batch and material have a 101 at the
 * factory and at the DC.
 */
export async function joinCoverage(db: Db, asOf: string, filter: MovementFilter = {}): Promise<JoinCoverage[]> {
  const window = movementWindow(asOf, filter);
  const inWindow = (column: RawBuilder<unknown>) => sql`${column} between ${window.from}::date and ${window.to}::date`;
  const dcAllowed = !filter.plants || filter.plants.includes(DC_PLANT);
  const dcLines = sql`m.plant = ${DC_PLANT} and ${dcAllowed} and ${inWindow(sql.ref("m.posting_date"))}
    and ${materialConditions(filter, sql.ref("m.material"))}`;
  const finishedP01 = sql`c.mrp_controller = 'P01' and c.actual_finish_date is not null
    and ${orderConditions(window, filter)}`;
  // Only the batch in WHERE, so that the lookup uses the batch index whatever the statistics say.
  const receivedAt = (plant: RawBuilder<unknown>) => sql`(
    select count(*) filter (where m.plant = ${plant} and m.movement_type = '101'
      and ltrim(m.material, '0') = ltrim(c.material, '0'))
    from raw_mb51 m where m.batch = c.batch) > 0`;
  const { rows } = await sql<{ join: JoinName; checked: number; found: number }>`
    select 'DC_RECEIPT_PO_IN_ZRMM024' as join, count(*) as checked,
      count(*) filter (where exists (select 1 from raw_zrmm024 z where z.purchase_order = k.key)) as found
    from (
      select distinct m.purchase_order as key from raw_mb51 m
      where ${dcLines} and m.movement_type = '101' and m.purchase_order like '44%'
    ) k
    union all
    select 'DC_ISSUE_REFERENCE_IN_ZRSD004', count(*),
      count(*) filter (where exists (select 1 from raw_zrsd004 z where z.delivery = k.key))
    from (
      select distinct m.reference as key from raw_mb51 m
      where ${dcLines} and m.movement_type in ('601', '602') and m.reference is not null
    ) k
    union all
    select 'BILLING_DELIVERY_IN_ZRSD004', count(*),
      count(*) filter (where exists (select 1 from raw_zrsd004 z where z.delivery = k.key))
    from (
      select distinct b.od_reference as key from raw_zrsd002 b
      where ${!filter.plants} and b.od_reference is not null and ${inWindow(sql.ref("b.billing_date"))}
        and ${materialConditions(filter, sql.ref("b.material"))}
    ) k
    union all
    select 'FINISHED_P01_BATCH_FACTORY_RECEIPT', count(*), count(*) filter (where ${receivedAt(sql.ref("c.plant"))})
    from raw_cooispi c where ${finishedP01}
    union all
    select 'FINISHED_P01_BATCH_DC_RECEIPT', count(*), count(*) filter (where ${receivedAt(sql`${DC_PLANT}::text`)})
    from raw_cooispi c where ${finishedP01} and ${dcAllowed}`.execute(db);
  return rows.map((row) => ({ ...row, missing: row.checked - row.found }));
}

/** Reversals that found no forward line to cancel (D3), from the netting facts. */
export interface OrphanReversals {
  /** Netting groups (plant, material, batch, reversal pair) with at least one orphan reversal. */
  groups: number;
  /** Σ orphan reversals over those groups. */
  reversals: number;
}

/**
 * Orphan reversals (a 602 with no 601 to cancel, …): `netting_group` rows with `orphan_count > 0`
 * at the allowed plants whose lines (valid or not) touch the window. Often a sign that the forward
 * line predates the loaded MB51 window.
 */
export async function orphanReversals(db: Db, asOf: string, filter: MovementFilter = {}): Promise<OrphanReversals> {
  const window = movementWindow(asOf, filter);
  const plants = filter.plants ? [...filter.plants] : null;
  const { rows } = await sql<{ groups: number; reversals: number | null }>`
    select count(*) as groups, sum(orphan_count) as reversals
    from netting_group
    where orphan_count > 0
      and any_first_date <= ${window.to}::date and any_last_date >= ${window.from}::date
      and (${plants}::text[] is null or plant = any(${plants}::text[]))
      and ${materialConditions(filter, sql.ref("material"))}`.execute(db);
  return { groups: Number(rows[0].groups), reversals: Number(rows[0].reversals ?? 0) };
}

async function reconcile<Mismatch>(
  db: Db,
  checkedRows: RawBuilder<unknown>,
  mismatchQuery: RawBuilder<unknown>,
): Promise<Reconciliation<Mismatch>> {
  const figures = await sql<ReconciliationFigures>`
    select
      count(*) as checked,
      count(*) filter (where status = 'EQUAL') as equal,
      count(*) filter (where status = 'DIFFER') as differ,
      count(*) filter (where status = 'MISSING') as missing
    from ${checkedRows}`.execute(db);
  const mismatches = await sql<Mismatch>`${mismatchQuery}`.execute(db);
  return { ...figures.rows[0], mismatches: mismatches.rows };
}

function nothingChecked<Mismatch>(): Reconciliation<Mismatch> {
  return { checked: 0, equal: 0, differ: 0, missing: 0, mismatches: [] };
}

/** Orders (COOISPI and the views built on it) released in the window, at the allowed plants. */
function orderConditions(window: DateWindow, filter: MovementFilter): RawBuilder<unknown> {
  const plants = filter.plants ? [...filter.plants] : null;
  return sql`release_date between ${window.from}::date and ${window.to}::date
    and (${plants}::text[] is null or plant = any(${plants}::text[]))
    and ${materialConditions(filter, sql.ref("material"))}`;
}

function materialConditions(filter: MovementFilter, material: RawBuilder<unknown>): RawBuilder<unknown> {
  const wanted = filter.material?.trim() || null;
  const category = filter.category ?? null;
  return sql`(${wanted}::text is null or ltrim(${material}, '0') = ltrim(${wanted}::text, '0'))
    and (${category}::text is null or material_prefix_category(${material}) = ${category}::text)`;
}
