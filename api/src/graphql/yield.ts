/**
 * Production yield in the API (DOMAIN.md §3.3, §4.1 `/api/v3/yield/...`, §4.2 item 7, §6 D7): the
 * P02 → P01 production chain of a liquid order, the production-flow Sankey, the weighted yield
 * summary with insights, the loss Pareto and the per-order filling yields. Everything here has a
 * plant and follows the viewer's plants claim (CONTRACT.md "Auth"). Numbers are unrounded.
 */
import "reflect-metadata";
import { Arg, Args, Ctx, FieldResolver, Float, Int, Query, Resolver, Root } from "type-graphql";
import { productionFlows, type ProductionFlowFilter as DomainFlowFilter } from "../domain/production-flows.js";
import {
  chainYield,
  countFillingYieldOrders,
  fillingYieldOrderNumbers,
  lossPareto,
  yieldSummary,
  type FillingYield,
  type YieldAggregate as DomainAggregate,
  type YieldFilter as DomainYieldFilter,
} from "../domain/yield.js";
import type { GraphQLContext } from "./context.js";
import { canSeePlant, forbidden, plantScope } from "./guards.js";
import { badUserInput, buildConnection, decodeCursor, encodeCursor, validateFirst } from "./relay.js";
import {
  FillingYieldsArgs,
  FillOrderYield,
  FillOrderYieldConnection,
  LossPareto,
  ProductionChain,
  ProductionFlowFilter,
  ProductionFlows,
  YieldAggregate,
  YieldFilter,
  YieldInsights,
  YieldProductGroupAggregate,
  YieldSummary,
} from "./yield-types.js";

/** How many materials a Pareto lists by default (the old dashboard's top 10), and at most. */
export const DEFAULT_PARETO_LIMIT = 10;
export const MAX_PARETO_LIMIT = 1000;
/** Default output floor of the worst/best insights (DOMAIN.md §3.3 V3: categories with ≥ 1,000 kg output). */
export const DEFAULT_INSIGHT_MIN_OUTPUT_KG = 1000;

@Resolver(() => YieldSummary)
export class YieldResolver {
  @Query(() => ProductionChain, {
    nullable: true,
    description:
      "The P02 → P01 chain of a liquid order (leading zeros optional): filled kg ÷ COOISPI delivered kg (DOMAIN.md D7). " +
      "Null when no fill order names it; FORBIDDEN when it is at a plant the viewer may not see.",
  })
  async productionChain(
    @Arg("liquidOrder", () => String) liquidOrder: string,
    @Ctx() context: GraphQLContext,
  ): Promise<ProductionChain | null> {
    const number = liquidOrder.trim();
    if (!/^\d{1,20}$/.test(number)) throw badUserInput(`"${liquidOrder}" is not a process order number`, { argumentName: "liquidOrder" });
    const chain = await chainYield(context.database.db, number, context.config);
    if (!chain) return null;
    // The liquid order's COOISPI plant, and every fill order's plant, must be visible.
    const plants = [...new Set([...(chain.plant === null ? [] : [chain.plant]), ...chain.fills.map((fill) => fill.plant)])];
    const hidden = plants.filter((plant) => !canSeePlant(context.viewer, plant));
    if (hidden.length) throw forbidden(`no access to plant ${hidden.map((plant) => plant ?? "(unknown)").join(", ")}`);
    return {
      liquidOrder: chain.liquidOrder,
      period: chain.period,
      inCooispi: chain.inCooispi,
      plant: chain.plant,
      material: chain.material,
      materialDescription: chain.materialDescription,
      batch: chain.batch,
      orderedKg: chain.orderedKg,
      deliveredKg: chain.deliveredKg,
      liquidIssuedKg: chain.liquidIssuedKg,
      filledKg: chain.filledKg,
      byProductKg: chain.byProductKg,
      chainLossKg: chain.chainLossKg,
      chainYieldPercent: chain.chainYieldPercent,
      attainmentPercent: chain.attainmentPercent,
      fillOrderCount: chain.fillOrderCount,
      fillOrders: chain.fills.map(toFillOrderYield),
    };
  }

  @Query(() => ProductionFlows, {
    description:
      "The production chain as kg flows for a Sankey: P02 liquid → P01 filled, loss, by-product → DC receipt → shipped per " +
      "channel / still at the DC (DOMAIN.md D7). No P03: these exports do not link it.",
  })
  async productionFlows(
    @Arg("filter", () => ProductionFlowFilter, { nullable: true }) filter: ProductionFlowFilter | null,
    @Ctx() context: GraphQLContext,
  ): Promise<ProductionFlows> {
    checkPeriods(filter);
    const scoped: DomainFlowFilter = {
      from: filter?.from ?? undefined,
      to: filter?.to ?? undefined,
      plants: plantScope(context.viewer, filter?.plants),
    };
    return productionFlows(context.database.db, scoped);
  }

  @Query(() => YieldSummary, {
    description:
      "Weighted filling yield (Σ loss ÷ Σ liquid issued) of the filtered orders: KPIs, trend per period, per material, " +
      "per product group, insights. Orders without liquid issued are counted apart.",
  })
  async yieldSummary(
    @Arg("filter", () => YieldFilter, { nullable: true }) filter: YieldFilter | null,
    @Ctx() context: GraphQLContext,
  ): Promise<YieldSummary> {
    const summary = await yieldSummary(context.database.db, yieldFilter(filter, context), context.config);
    return {
      total: withOrderCount(summary.total),
      byPeriod: summary.byPeriod.map(withOrderCount),
      byMaterial: summary.byMaterial.map(withOrderCount),
      byProductGroup: summary.byProductGroup.map(withOrderCount),
    };
  }

  @Query(() => LossPareto, { description: "The materials with the largest Σ loss kg, with share and cumulative % of the total loss." })
  async lossPareto(
    @Arg("filter", () => YieldFilter, { nullable: true }) filter: YieldFilter | null,
    @Arg("limit", () => Int, { nullable: true, defaultValue: DEFAULT_PARETO_LIMIT, description: `1 to ${MAX_PARETO_LIMIT}; null = 10.` })
    requested: number | null,
    @Ctx() context: GraphQLContext,
  ): Promise<LossPareto> {
    const limit = requested ?? DEFAULT_PARETO_LIMIT;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PARETO_LIMIT) {
      throw badUserInput(`"limit" must be between 1 and ${MAX_PARETO_LIMIT}, got ${limit}.`, { argumentName: "limit" });
    }
    return lossPareto(context.database.db, yieldFilter(filter, context), limit);
  }

  @Query(() => FillOrderYieldConnection, {
    description: "Filling yield per P01 order (ZRPP062), newest period first, then by order number.",
  })
  async fillingYields(@Args(() => FillingYieldsArgs) args: FillingYieldsArgs, @Ctx() context: GraphQLContext) {
    const first = validateFirst(args.first);
    const offset = args.after == null ? 0 : decodeOffset(args.after);
    if (args.yieldBelowPercent != null && !Number.isFinite(args.yieldBelowPercent)) {
      throw badUserInput(`"yieldBelowPercent" must be a number`, { argumentName: "yieldBelowPercent" });
    }
    const db = context.database.db;
    const listed = {
      ...yieldFilter(args.filter, context),
      valid: args.valid ?? undefined,
      yieldBelowPercent: args.yieldBelowPercent ?? undefined,
    };
    const numbers = await fillingYieldOrderNumbers(db, listed, { limit: first + 1, offset });
    const found = await context.loaders.fillingYield.loadMany(numbers);
    return buildConnection({
      rows: found.map((order, index) => ({ order: order as FillingYield, position: offset + index + 1 })),
      first,
      after: args.after,
      cursorOf: (item) => encodeCursor("fillingyield", item.position),
      nodeOf: (item) => toFillOrderYield(item.order),
      totalCount: () => countFillingYieldOrders(db, listed),
    });
  }

  @FieldResolver(() => YieldInsights, {
    description: "Biggest Σ loss, worst and best weighted loss % among the product groups (DOMAIN.md §3.3 V3 insights).",
  })
  insights(
    @Root() summary: YieldSummary,
    @Arg("minOutputKg", () => Float, {
      defaultValue: DEFAULT_INSIGHT_MIN_OUTPUT_KG,
      description: "Worst and best consider only product groups with at least this filled kg.",
    })
    minOutputKg: number,
  ): YieldInsights {
    const groups = summary.byProductGroup.filter((group) => group.productGroupCode !== null && group.validOrderCount > 0);
    // A net gain (more filled than issued) is a measurement anomaly, not a good performance: left out of worst/best.
    const eligible = groups.filter((group) => group.outputKg >= minOutputKg && group.lossPercent !== null && group.lossKg >= 0);
    const pick = <T>(list: T[], better: (a: T, b: T) => boolean) => list.reduce<T | null>((best, item) => (best === null || better(item, best) ? item : best), null);
    return {
      minOutputKg,
      biggestLoss: pick(groups, (a, b) => a.lossKg > b.lossKg),
      worstEfficiency: pick(eligible, (a, b) => a.lossPercent! > b.lossPercent!),
      bestPerformer: pick(eligible, (a, b) => a.lossPercent! < b.lossPercent!),
    };
  }
}

/** A domain aggregate with its order count (valid + excluded). */
function withOrderCount<T extends DomainAggregate>(aggregate: T): T & { orderCount: number } {
  return { ...aggregate, orderCount: aggregate.validOrderCount + aggregate.excludedOrderCount };
}

function toFillOrderYield(order: FillingYield): FillOrderYield {
  return {
    orderNumber: order.orderNumber,
    period: order.period,
    plant: order.plant,
    material: order.material,
    materialDescription: order.materialDescription,
    description: order.materialDescription,
    batch: order.batch,
    liquidOrder: order.liquidOrder,
    productGroupCode: order.productGroupCode,
    productGroup: order.productGroup,
    grQuantity: order.grQuantity,
    grUnit: order.grUnit,
    kgPerUnit: order.kgPerUnit,
    inputKg: order.inputKg,
    outputKg: order.outputKg,
    byProductKg: order.byProductKg,
    lossKg: order.lossKg,
    lossPercent: order.lossPercent,
    yieldPercent: order.yieldPercent,
    valid: order.valid,
    exclusionReason: order.exclusionReason,
    lowYield: order.lowYield,
    highLoss: order.highLoss,
  };
}

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

/** `from`/`to` must be periods `YYYY-MM` with from ≤ to; BAD_USER_INPUT otherwise. */
function checkPeriods(filter: { from?: string | null; to?: string | null } | null | undefined): void {
  for (const name of ["from", "to"] as const) {
    const period = filter?.[name];
    if (period != null && !PERIOD.test(period)) {
      throw badUserInput(`"${name}" must be a period YYYY-MM, got "${period}"`, { argumentName: name });
    }
  }
  if (filter?.from && filter.to && filter.from > filter.to) throw badUserInput(`"from" (${filter.from}) is after "to" (${filter.to})`);
}

function yieldFilter(filter: YieldFilter | null | undefined, context: GraphQLContext): DomainYieldFilter {
  checkPeriods(filter);
  return {
    from: filter?.from ?? undefined,
    to: filter?.to ?? undefined,
    plants: plantScope(context.viewer, filter?.plants),
    material: filter?.material?.trim() || undefined,
    productGroup: filter?.productGroup?.trim() || undefined,
  };
}

function decodeOffset(cursor: string): number {
  const offset = Number(decodeCursor("fillingyield", cursor));
  if (!Number.isSafeInteger(offset) || offset < 0) throw badUserInput(`"after" is not a valid cursor for this list.`, { argumentName: "after" });
  return offset;
}
