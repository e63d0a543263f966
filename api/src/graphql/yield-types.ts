/**
 * Types of the production-yield queries (DOMAIN.md §3.3, §4.1 `/api/v3/yield/...`, §4.2 item 7,
 * §6 D7): filters, the P02 → P01 production chain, the Sankey flows, weighted aggregates, the loss
 * Pareto and the per-order filling yields. Numbers are unrounded (CONTRACT.md "GraphQL details").
 */
import "reflect-metadata";
import { ArgsType, Field, Float, InputType, Int, ObjectType } from "type-graphql";
import { Connection, ConnectionArgs } from "./relay.js";

@InputType({
  description:
    "Which filling orders (ZRPP062) a yield figure covers. No period = every loaded period. Everything here has a plant: " +
    "a plant-restricted token sees only its plants.",
})
export class YieldFilter {
  @Field(() => String, { nullable: true, description: "First ZRPP062 period, YYYY-MM, inclusive." })
  from?: string | null;

  @Field(() => String, { nullable: true, description: "Last ZRPP062 period, YYYY-MM, inclusive." })
  to?: string | null;

  @Field(() => [String], { nullable: true, description: "Plants of the filling orders; default every plant the viewer may see." })
  plants?: string[] | null;

  @Field(() => String, { nullable: true, description: "Material number (leading zeros optional)." })
  material?: string | null;

  @Field(() => String, { nullable: true, description: "Product group: PH 3 code or its name (Sub Business), e.g. \"PU\"." })
  productGroup?: string | null;
}

@InputType({ description: "Which filling orders the production flows follow: ZRPP062 periods and plants." })
export class ProductionFlowFilter {
  @Field(() => String, { nullable: true, description: "First ZRPP062 period, YYYY-MM, inclusive." })
  from?: string | null;

  @Field(() => String, { nullable: true, description: "Last ZRPP062 period, YYYY-MM, inclusive." })
  to?: string | null;

  @Field(() => [String], {
    nullable: true,
    description: "Plants; the DC stage is shown only when the DC plant (1401) is among them (or no plant is given).",
  })
  plants?: string[] | null;
}

@ObjectType("FillOrderYield", { description: "Filling yield of one P01 order from ZRPP062 (DOMAIN.md §3.3, D7)." })
export class FillOrderYield {
  @Field(() => String, { description: "Process order number without leading zeros." })
  orderNumber!: string;

  @Field(() => String, { description: "The ZRPP062 period, YYYY-MM." })
  period!: string;

  @Field(() => String, { nullable: true, description: "The order's COOISPI plant (else where MB51 received its batch)." })
  plant!: string | null;

  @Field(() => String)
  material!: string;

  @Field(() => String, { nullable: true })
  materialDescription!: string | null;

  @Field(() => String, { nullable: true, description: "The same as materialDescription." })
  description!: string | null;

  @Field(() => String)
  batch!: string;

  @Field(() => String, { nullable: true, description: "The P02 liquid order that fed it (ZRPP062 `Order SFG Liquid`)." })
  liquidOrder!: string | null;

  @Field(() => String, { nullable: true, description: "PH 3 code from the material master." })
  productGroupCode!: string | null;

  @Field(() => String, { nullable: true, description: "PH 3 name (Sub Business)." })
  productGroup!: string | null;

  @Field(() => Float, { description: "Units received (`GR Qty to 0201`)." })
  grQuantity!: number;

  @Field(() => String, { nullable: true })
  grUnit!: string | null;

  @Field(() => Float, { nullable: true, description: "Measured kg per unit of this order (`Pc to Kg (actual)`)." })
  kgPerUnit!: number | null;

  @Field(() => Float, { nullable: true, description: "Liquid issued into the order, kg (`GI SFG Liquid to Order Filling`)." })
  inputKg!: number | null;

  @Field(() => Float, { nullable: true, description: "grQuantity × kgPerUnit." })
  outputKg!: number | null;

  @Field(() => Float)
  byProductKg!: number;

  @Field(() => Float, { nullable: true, description: "inputKg − outputKg − byProductKg; null when not valid." })
  lossKg!: number | null;

  @Field(() => Float, { nullable: true })
  lossPercent!: number | null;

  @Field(() => Float, { nullable: true })
  yieldPercent!: number | null;

  @Field(() => Boolean, { description: "False when no liquid was issued in kg: no yield, left out of every aggregate." })
  valid!: boolean;

  @Field(() => String, { nullable: true, description: "NO_LIQUID_ISSUED or INPUT_NOT_KG when not valid." })
  exclusionReason!: string | null;

  @Field(() => Boolean, { description: "Yield below the low-yield threshold (default 85 %)." })
  lowYield!: boolean;

  @Field(() => Boolean, { description: "Loss above the attention threshold (default 2 %)." })
  highLoss!: boolean;
}

@ObjectType("FillOrderYieldConnection", { description: "Filling orders, newest period first, then by order number." })
export class FillOrderYieldConnection extends Connection(FillOrderYield, "FillOrderYield") {}

@ArgsType()
export class FillingYieldsArgs extends ConnectionArgs {
  @Field(() => YieldFilter, { nullable: true })
  filter?: YieldFilter | null;

  @Field(() => Boolean, { nullable: true, description: "true: only orders with a yield; false: only the excluded ones." })
  valid?: boolean | null;

  @Field(() => Float, { nullable: true, description: "Only orders whose yield % is below this (e.g. 85 for the low-yield list)." })
  yieldBelowPercent?: number | null;
}

@ObjectType("ProductionChain", {
  description:
    "A P02 liquid order and the P01 fill orders ZRPP062 links to it (DOMAIN.md D7). chainYieldPercent = filledKg ÷ deliveredKg × 100.",
})
export class ProductionChain {
  @Field(() => String, { description: "Liquid (P02) process order without leading zeros." })
  liquidOrder!: string;

  @Field(() => String, { description: "Earliest ZRPP062 period of its fill orders, YYYY-MM." })
  period!: string;

  @Field(() => Boolean, { description: "False when the liquid order is not in the loaded COOISPI: no delivered kg, no chain yield." })
  inCooispi!: boolean;

  @Field(() => String, { nullable: true })
  plant!: string | null;

  @Field(() => String, { nullable: true })
  material!: string | null;

  @Field(() => String, { nullable: true })
  materialDescription!: string | null;

  @Field(() => String, { nullable: true })
  batch!: string | null;

  @Field(() => Float, { nullable: true, description: "COOISPI order quantity, kg." })
  orderedKg!: number | null;

  @Field(() => Float, { nullable: true, description: "COOISPI delivered quantity, kg: the chain yield's denominator." })
  deliveredKg!: number | null;

  @Field(() => Float, { nullable: true, description: "Σ liquid issued to the fill orders (ZRPP062 GI), kg, beside the denominator." })
  liquidIssuedKg!: number | null;

  @Field(() => Float, { nullable: true, description: "Σ grQuantity × kgPerUnit of the fill orders." })
  filledKg!: number | null;

  @Field(() => Float, { description: "Σ by-product of the fill orders, kg." })
  byProductKg!: number;

  @Field(() => Float, { nullable: true, description: "deliveredKg − filledKg." })
  chainLossKg!: number | null;

  @Field(() => Float, { nullable: true, description: "filledKg ÷ deliveredKg × 100." })
  chainYieldPercent!: number | null;

  @Field(() => Float, { nullable: true, description: "deliveredKg ÷ orderedKg × 100: output attainment, not a material yield." })
  attainmentPercent!: number | null;

  @Field(() => Int)
  fillOrderCount!: number;

  @Field(() => [FillOrderYield], { description: "The fill orders, by order number." })
  fillOrders!: FillOrderYield[];
}

@ObjectType("ProductionFlowNode", { description: "A node of the production-chain Sankey." })
export class ProductionFlowNode {
  @Field(() => String, {
    description:
      "p02-liquid, filling-gain, p01-filled, filling-loss, by-product, dc-receipt, not-at-dc, dc-stock, shipped-<channel> or shipped-unknown.",
  })
  id!: string;

  @Field(() => String)
  label!: string;
}

@ObjectType("ProductionFlowLink", { description: "A flow of kg (> 0) from one node to another." })
export class ProductionFlowLink {
  @Field(() => String)
  source!: string;

  @Field(() => String)
  target!: string;

  @Field(() => Float)
  kg!: number;
}

@ObjectType("ProductionFlows", {
  description: "P02 liquid → P01 filled and loss → DC receipt → shipped per channel / still at the DC, in kg (DOMAIN.md D7).",
})
export class ProductionFlows {
  @Field(() => [ProductionFlowNode])
  nodes!: ProductionFlowNode[];

  @Field(() => [ProductionFlowLink])
  links!: ProductionFlowLink[];

  @Field(() => Boolean, { description: "Whether a P03 → P02 link exists in the data (never in these exports: no P03 node)." })
  p03Linked!: boolean;

  @Field(() => String)
  note!: string;
}

@ObjectType("YieldAggregate", { description: "Weighted yield of a set of filling orders: Σ loss ÷ Σ input, never a mean of percentages." })
export class YieldAggregate {
  @Field(() => Float, { description: "Σ liquid issued over the valid orders, kg." })
  inputKg!: number;

  @Field(() => Float, { description: "Σ filled kg over the valid orders." })
  outputKg!: number;

  @Field(() => Float)
  byProductKg!: number;

  @Field(() => Float, { description: "Σ loss kg over the valid orders." })
  lossKg!: number;

  @Field(() => Float, { nullable: true, description: "lossKg ÷ inputKg × 100; null without valid orders." })
  lossPercent!: number | null;

  @Field(() => Float, { nullable: true, description: "100 − lossPercent." })
  yieldPercent!: number | null;

  @Field(() => Int, { description: "Orders with liquid issued (GI > 0)." })
  validOrderCount!: number;

  @Field(() => Int, { description: "Orders without liquid issued, left out of every figure above." })
  excludedOrderCount!: number;

  @Field(() => Float, { description: "Filled kg of the excluded orders." })
  excludedOutputKg!: number;

  @Field(() => Int, { description: "Valid orders with a loss above the attention threshold (default 2 %)." })
  highLossOrderCount!: number;

  @Field(() => Int, { description: "Valid orders with a yield below the low-yield threshold (default 85 %)." })
  lowYieldOrderCount!: number;

  @Field(() => Int, { description: "validOrderCount + excludedOrderCount." })
  orderCount!: number;
}

@ObjectType("YieldPeriodAggregate")
export class YieldPeriodAggregate extends YieldAggregate {
  @Field(() => String, { description: "YYYY-MM." })
  period!: string;
}

@ObjectType("YieldMaterialAggregate")
export class YieldMaterialAggregate extends YieldAggregate {
  @Field(() => String)
  material!: string;

  @Field(() => String, { nullable: true })
  materialDescription!: string | null;
}

@ObjectType("YieldProductGroupAggregate")
export class YieldProductGroupAggregate extends YieldAggregate {
  @Field(() => String, { nullable: true, description: "PH 3 code; null for materials missing from the master." })
  productGroupCode!: string | null;

  @Field(() => String, { nullable: true, description: "PH 3 name (Sub Business)." })
  productGroup!: string | null;
}

@ObjectType("YieldInsights", {
  description: "Rule-based insights over the product groups (DOMAIN.md §3.3 V3): biggest loss, worst and best weighted loss %.",
})
export class YieldInsights {
  @Field(() => Float, {
    description:
      "Worst and best consider only groups with at least this filled kg, and no net gain (filled more than issued: a measurement anomaly).",
  })
  minOutputKg!: number;

  @Field(() => YieldProductGroupAggregate, { nullable: true, description: "The group with the largest Σ loss kg." })
  biggestLoss!: YieldProductGroupAggregate | null;

  @Field(() => YieldProductGroupAggregate, { nullable: true, description: "The highest weighted loss % among groups with enough output." })
  worstEfficiency!: YieldProductGroupAggregate | null;

  @Field(() => YieldProductGroupAggregate, { nullable: true, description: "The lowest weighted loss % among groups with enough output." })
  bestPerformer!: YieldProductGroupAggregate | null;
}

@ObjectType("YieldSummary", { description: "Weighted filling yield of the filtered orders: in total, per period, material and product group." })
export class YieldSummary {
  @Field(() => YieldAggregate)
  total!: YieldAggregate;

  @Field(() => [YieldPeriodAggregate], { description: "Per ZRPP062 period, oldest first (the trend)." })
  byPeriod!: YieldPeriodAggregate[];

  @Field(() => [YieldMaterialAggregate])
  byMaterial!: YieldMaterialAggregate[];

  @Field(() => [YieldProductGroupAggregate], { description: "Per PH 3 product group (the performance matrix)." })
  byProductGroup!: YieldProductGroupAggregate[];
}

@ObjectType("LossParetoEntry")
export class LossParetoEntry {
  @Field(() => String)
  material!: string;

  @Field(() => String, { nullable: true })
  materialDescription!: string | null;

  @Field(() => Float, { description: "Σ loss kg of the material's valid orders." })
  lossKg!: number;

  @Field(() => Float)
  inputKg!: number;

  @Field(() => Float, { description: "lossKg ÷ inputKg × 100." })
  lossPercent!: number;

  @Field(() => Int)
  orderCount!: number;

  @Field(() => Float, { description: "This material's share of totalLossKg." })
  sharePercent!: number;

  @Field(() => Float, { description: "Running share down the list, up to this material." })
  cumulativePercent!: number;
}

@ObjectType("LossPareto", { description: "Top materials by Σ loss kg with running cumulative share (DOMAIN.md §3.3 V3 Pareto)." })
export class LossPareto {
  @Field(() => Float, { description: "Σ loss of every material with a net loss in the filter (net gains are not losses)." })
  totalLossKg!: number;

  @Field(() => [LossParetoEntry])
  materials!: LossParetoEntry[];
}
