/**
 * Production yield (DOMAIN.md §3.3, binding rule §6 D7): filling yield per P01 order, P02 → P01
 * chain yield per liquid order, weighted aggregates and the loss Pareto, over the views
 * `filling_yield` and `chain_yield` (sql/020_yield.sql). Aggregates are always Σ loss ÷ Σ liquid
 * issued over the valid orders (GI > 0), never a mean of percentages; orders without liquid issued
 * are counted apart. Thresholds come from the configuration.
 */
import { sql, type RawBuilder } from "kysely";
import type { AlkanaConfig } from "../config.js";
import type { Db } from "../db/database.js";
import { yieldConditions, type YieldFilter } from "./yield-filter.js";

export type { YieldFilter } from "./yield-filter.js";

/** The configuration a yield figure is judged against. */
export type YieldThresholds = Pick<AlkanaConfig, "alerts" | "yield">;

/** One P01 filling order of ZRPP062. kg figures are null where the report leaves them blank. */
export interface FillingYield {
  orderNumber: string;
  /** The month the ZRPP062 export was loaded for, `YYYY-MM`. */
  period: string;
  plant: string | null;
  material: string;
  materialDescription: string | null;
  batch: string;
  /** The P02 order that fed it (ZRPP062 `Order SFG Liquid`, leading zeros stripped). */
  liquidOrder: string | null;
  /** PH 3 code and its name (`Sub Business`) from the material master. */
  productGroupCode: string | null;
  productGroup: string | null;
  groupRecipe: string | null;
  systemStatus: string | null;
  /** Units received (`GR Qty to 0201`) and their unit (PC/SET). */
  grQuantity: number;
  grUnit: string | null;
  /** Measured kg per unit of this order (`Pc to Kg (actual)`). */
  kgPerUnit: number | null;
  /** Liquid issued into the order (`GI SFG Liquid to Order Filling`). */
  inputKg: number | null;
  /** `GR Qty` × `Pc to Kg (actual)`. */
  outputKg: number | null;
  byProductKg: number;
  /** Null when the order is not valid. */
  lossKg: number | null;
  lossPercent: number | null;
  yieldPercent: number | null;
  /** Liquid was issued in kg; otherwise the order has no yield and `exclusionReason` says why. */
  valid: boolean;
  exclusionReason: "NO_LIQUID_ISSUED" | "INPUT_NOT_KG" | null;
  /** Yield below `alerts.lowYieldPercent`. */
  lowYield: boolean;
  /** Loss above `yield.attentionLossPercent` (the "attention" band). */
  highLoss: boolean;
}

/** One P02 liquid order with the fill orders ZRPP062 links to it. */
export interface ChainYield {
  liquidOrder: string;
  period: string;
  /** False when the liquid order is not in the loaded COOISPI: no delivered kg, no chain yield. */
  inCooispi: boolean;
  plant: string | null;
  material: string | null;
  materialDescription: string | null;
  batch: string | null;
  orderedKg: number | null;
  /** COOISPI delivered quantity: the chain yield's denominator (CONTRACT.md). */
  deliveredKg: number | null;
  /** Delivered ÷ ordered × 100: output attainment, not a material yield. */
  attainmentPercent: number | null;
  fillOrderCount: number;
  /** Σ `GR Qty` × `Pc to Kg (actual)` of the fill orders. */
  filledKg: number | null;
  /** Σ liquid issued to the fill orders, beside the denominator. */
  liquidIssuedKg: number | null;
  byProductKg: number;
  /** Delivered − filled. */
  chainLossKg: number | null;
  /** Filled ÷ delivered × 100. */
  chainYieldPercent: number | null;
  fills: FillingYield[];
}

/** Weighted figures of a set of filling orders. */
export interface YieldAggregate {
  /** Σ liquid issued over the valid orders. */
  inputKg: number;
  /** Σ filled kg over the valid orders. */
  outputKg: number;
  byProductKg: number;
  lossKg: number;
  /** Σ loss ÷ Σ input × 100; null without valid orders. */
  lossPercent: number | null;
  yieldPercent: number | null;
  validOrderCount: number;
  /** Orders without liquid issued (GI = 0), left out of every figure above. */
  excludedOrderCount: number;
  excludedOutputKg: number;
  /** Valid orders with a loss above `yield.attentionLossPercent`. */
  highLossOrderCount: number;
  /** Valid orders with a yield below `alerts.lowYieldPercent`. */
  lowYieldOrderCount: number;
}

export interface YieldSummary {
  total: YieldAggregate;
  byPeriod: (YieldAggregate & { period: string })[];
  byMaterial: (YieldAggregate & { material: string; materialDescription: string | null })[];
  byProductGroup: (YieldAggregate & { productGroupCode: string | null; productGroup: string | null })[];
}

export interface LossParetoEntry {
  material: string;
  materialDescription: string | null;
  lossKg: number;
  inputKg: number;
  lossPercent: number;
  orderCount: number;
  /** This material's share of `totalLossKg`, and the running share down the list. */
  sharePercent: number;
  cumulativePercent: number;
}

export interface LossPareto {
  /** Σ loss of every material with a net loss in the filter (materials with a net gain are not losses). */
  totalLossKg: number;
  materials: LossParetoEntry[];
}

/** The filling yield of one P01 order, or null when ZRPP062 does not list it. */
export async function fillingYield(db: Db, orderNumber: string, config: YieldThresholds): Promise<FillingYield | null> {
  return (await fillingYields(db, [orderNumber], config)).get(withoutLeadingZeros(orderNumber)) ?? null;
}

/** The filling yields of several orders in one query, keyed by order number without leading zeros. */
export async function fillingYields(
  db: Db,
  orderNumbers: readonly string[],
  config: YieldThresholds,
): Promise<Map<string, FillingYield>> {
  if (orderNumbers.length === 0) return new Map();
  const { rows } = await sql<FillingYieldRow>`
    select * from filling_yield where order_number in (${sql.join(orderNumbers.map(withoutLeadingZeros))})`.execute(db);
  return new Map(rows.map((row) => [row.order_number, toFillingYield(row, config)]));
}

/** Which orders a list of filling yields shows: the yield filter, only valid (or excluded) ones, only those below a yield. */
export interface FillingYieldListFilter extends YieldFilter {
  valid?: boolean;
  yieldBelowPercent?: number;
}

/** The numbers of the listed orders, newest period first, then by order number; their figures come from `fillingYields`. */
export async function fillingYieldOrderNumbers(
  db: Db,
  filter: FillingYieldListFilter,
  page: { limit: number; offset: number },
): Promise<string[]> {
  const { rows } = await sql<{ order_number: string }>`
    select order_number from filling_yield where ${listConditions(filter)}
    order by period desc, order_number
    limit ${page.limit} offset ${page.offset}`.execute(db);
  return rows.map((row) => row.order_number);
}

export async function countFillingYieldOrders(db: Db, filter: FillingYieldListFilter): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*) as n from filling_yield where ${listConditions(filter)}`.execute(db);
  return Number(rows[0].n);
}

function listConditions(filter: FillingYieldListFilter): RawBuilder<boolean> {
  return sql<boolean>`${yieldConditions(filter)}
    ${filter.valid === undefined ? sql`` : sql`and valid = ${filter.valid}`}
    ${filter.yieldBelowPercent === undefined ? sql`` : sql`and yield_percent < ${filter.yieldBelowPercent}::numeric`}`;
}

/** The chain yield of one P02 liquid order with its fill orders, or null when no fill order names it. */
export async function chainYield(db: Db, liquidOrder: string, config: YieldThresholds): Promise<ChainYield | null> {
  const { rows } = await sql<ChainYieldRow>`
    select * from chain_yield where liquid_order = ltrim(${liquidOrder}, '0')`.execute(db);
  if (!rows.length) return null;
  const fills = await sql<FillingYieldRow>`
    select * from filling_yield where liquid_order = ${rows[0].liquid_order} order by order_number`.execute(db);
  const row = rows[0];
  return {
    liquidOrder: row.liquid_order,
    period: row.period,
    inCooispi: row.in_cooispi,
    plant: row.plant,
    material: row.material,
    materialDescription: row.material_description,
    batch: row.batch,
    orderedKg: row.ordered_kg,
    deliveredKg: row.delivered_kg,
    attainmentPercent: row.attainment_percent,
    fillOrderCount: row.fill_order_count,
    filledKg: row.filled_kg,
    liquidIssuedKg: row.liquid_issued_kg,
    byProductKg: row.by_product_kg,
    chainLossKg: row.chain_loss_kg,
    chainYieldPercent: row.chain_yield_percent,
    fills: fills.rows.map((fill) => toFillingYield(fill, config)),
  };
}

/** Weighted yield of the filtered orders: in total and per period, material and product group. */
export async function yieldSummary(db: Db, filter: YieldFilter, config: YieldThresholds): Promise<YieldSummary> {
  const { rows } = await sql<AggregateRow & GroupRow>`
    select grouping(period) = 0 as by_period,
           grouping(material) = 0 as by_material,
           grouping(product_group_code) = 0 as by_product_group,
           period, material, min(material_description) as material_description,
           product_group_code, min(product_group) as product_group,
           ${aggregateColumns(config)}
    from filling_yield
    where ${yieldConditions(filter)}
    group by grouping sets ((), (period), (material), (product_group_code))
    order by period, material, product_group_code`.execute(db);
  const total = rows.find((row) => !row.by_period && !row.by_material && !row.by_product_group);
  return {
    total: total ? toAggregate(total) : toAggregate(EMPTY_AGGREGATE),
    byPeriod: rows.filter((row) => row.by_period).map((row) => ({ period: row.period!, ...toAggregate(row) })),
    byMaterial: rows
      .filter((row) => row.by_material)
      .map((row) => ({ material: row.material!, materialDescription: row.material_description, ...toAggregate(row) })),
    byProductGroup: rows
      .filter((row) => row.by_product_group)
      .map((row) => ({ productGroupCode: row.product_group_code, productGroup: row.product_group, ...toAggregate(row) })),
  };
}

/** The `limit` materials with the largest Σ loss kg among the filtered valid orders, with running shares. */
export async function lossPareto(db: Db, filter: YieldFilter, limit: number): Promise<LossPareto> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a whole number ≥ 1, got ${limit}`);
  const { rows } = await sql<{
    material: string;
    material_description: string | null;
    loss_kg: number;
    input_kg: number;
    order_count: number;
    total_loss_kg: number;
    cumulative_loss_kg: number;
  }>`
    with per_material as (
      select material, min(material_description) as material_description, sum(loss_kg) as loss_kg,
             sum(input_kg) as input_kg, count(*) as order_count
      from filling_yield
      where valid and ${yieldConditions(filter)}
      group by material
    )
    select material, material_description, loss_kg, input_kg, order_count,
           sum(loss_kg) over () as total_loss_kg,
           sum(loss_kg) over (order by loss_kg desc, material rows unbounded preceding) as cumulative_loss_kg
    from per_material
    where loss_kg > 0
    order by loss_kg desc, material
    limit ${limit}`.execute(db);
  const totalLossKg = rows[0]?.total_loss_kg ?? 0;
  return {
    totalLossKg,
    materials: rows.map((row) => ({
      material: row.material,
      materialDescription: row.material_description,
      lossKg: row.loss_kg,
      inputKg: row.input_kg,
      lossPercent: (row.loss_kg / row.input_kg) * 100,
      orderCount: row.order_count,
      sharePercent: (row.loss_kg / totalLossKg) * 100,
      cumulativePercent: (row.cumulative_loss_kg / totalLossKg) * 100,
    })),
  };
}

interface FillingYieldRow {
  order_number: string;
  period: string;
  plant: string | null;
  material: string;
  material_description: string | null;
  batch: string;
  liquid_order: string | null;
  product_group_code: string | null;
  product_group: string | null;
  group_recipe: string | null;
  system_status: string | null;
  gr_quantity: number;
  gr_unit: string | null;
  kg_per_unit: number | null;
  input_kg: number | null;
  output_kg: number | null;
  by_product_kg: number;
  loss_kg: number | null;
  loss_percent: number | null;
  yield_percent: number | null;
  valid: boolean;
  exclusion_reason: FillingYield["exclusionReason"];
}

interface ChainYieldRow {
  liquid_order: string;
  period: string;
  in_cooispi: boolean;
  plant: string | null;
  material: string | null;
  material_description: string | null;
  batch: string | null;
  ordered_kg: number | null;
  delivered_kg: number | null;
  attainment_percent: number | null;
  fill_order_count: number;
  filled_kg: number | null;
  liquid_issued_kg: number | null;
  by_product_kg: number;
  chain_loss_kg: number | null;
  chain_yield_percent: number | null;
}

interface AggregateRow {
  input_kg: number;
  output_kg: number;
  by_product_kg: number;
  loss_kg: number;
  valid_order_count: number;
  excluded_order_count: number;
  excluded_output_kg: number;
  high_loss_order_count: number;
  low_yield_order_count: number;
}

interface GroupRow {
  by_period: boolean;
  by_material: boolean;
  by_product_group: boolean;
  period: string | null;
  material: string | null;
  material_description: string | null;
  product_group_code: string | null;
  product_group: string | null;
}

const EMPTY_AGGREGATE: AggregateRow = {
  input_kg: 0,
  output_kg: 0,
  by_product_kg: 0,
  loss_kg: 0,
  valid_order_count: 0,
  excluded_order_count: 0,
  excluded_output_kg: 0,
  high_loss_order_count: 0,
  low_yield_order_count: 0,
};

function withoutLeadingZeros(number: string): string {
  return number.replace(/^0+/, "");
}

function toFillingYield(row: FillingYieldRow, config: YieldThresholds): FillingYield {
  return {
    orderNumber: row.order_number,
    period: row.period,
    plant: row.plant,
    material: row.material,
    materialDescription: row.material_description,
    batch: row.batch,
    liquidOrder: row.liquid_order,
    productGroupCode: row.product_group_code,
    productGroup: row.product_group,
    groupRecipe: row.group_recipe,
    systemStatus: row.system_status,
    grQuantity: row.gr_quantity,
    grUnit: row.gr_unit,
    kgPerUnit: row.kg_per_unit,
    inputKg: row.input_kg,
    outputKg: row.output_kg,
    byProductKg: row.by_product_kg,
    lossKg: row.loss_kg,
    lossPercent: row.loss_percent,
    yieldPercent: row.yield_percent,
    valid: row.valid,
    exclusionReason: row.exclusion_reason,
    lowYield: row.yield_percent !== null && row.yield_percent < config.alerts.lowYieldPercent,
    highLoss: row.loss_percent !== null && row.loss_percent > config.yield.attentionLossPercent,
  };
}

function aggregateColumns(config: YieldThresholds): RawBuilder<unknown> {
  return sql`
    coalesce(sum(input_kg) filter (where valid), 0) as input_kg,
    coalesce(sum(output_kg) filter (where valid), 0) as output_kg,
    coalesce(sum(by_product_kg) filter (where valid), 0) as by_product_kg,
    coalesce(sum(loss_kg) filter (where valid), 0) as loss_kg,
    count(*) filter (where valid) as valid_order_count,
    count(*) filter (where not valid) as excluded_order_count,
    coalesce(sum(output_kg) filter (where not valid), 0) as excluded_output_kg,
    count(*) filter (where loss_percent > ${config.yield.attentionLossPercent}::numeric) as high_loss_order_count,
    count(*) filter (where yield_percent < ${config.alerts.lowYieldPercent}::numeric) as low_yield_order_count`;
}

function toAggregate(row: AggregateRow): YieldAggregate {
  const lossPercent = row.input_kg > 0 ? (row.loss_kg / row.input_kg) * 100 : null;
  return {
    inputKg: row.input_kg,
    outputKg: row.output_kg,
    byProductKg: row.by_product_kg,
    lossKg: row.loss_kg,
    lossPercent,
    yieldPercent: lossPercent === null ? null : 100 - lossPercent,
    validOrderCount: row.valid_order_count,
    excludedOrderCount: row.excluded_order_count,
    excludedOutputKg: row.excluded_output_kg,
    highLossOrderCount: row.high_loss_order_count,
    lowYieldOrderCount: row.low_yield_order_count,
  };
}
