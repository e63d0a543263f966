/**
 * Production orders, lead time and batches in the API (DOMAIN.md §3.4–§3.5, D5, D6; §4.1 MTO and
 * lead-time endpoints; CONTRACT.md "Names that outside checks rely on"). Everything here has a plant
 * and follows the viewer's plants claim.
 */
import "reflect-metadata";
import {
  Arg,
  Args,
  ArgsType,
  Ctx,
  Field,
  FieldResolver,
  Float,
  InputType,
  Int,
  ObjectType,
  Query,
  registerEnumType,
  Resolver,
  Root,
} from "type-graphql";
import { batchTimeline, nettedMovementsOfBatches } from "../domain/batch-trace.js";
import {
  countLeadTimeOrders,
  leadTimeOrderPage,
  leadTimeStageAverages,
  leadTimeSummary,
  type LeadTimeFilter as DomainLeadTimeFilter,
} from "../domain/lead-time.js";
import {
  countProductionOrders,
  listProductionOrders,
  mtoCompletion,
  mtoCompletionTrend,
  orderStateCounts,
  productionFunnel,
  type ProductionOrderFilter as DomainOrderFilter,
  type ProductionOrderRecord,
} from "../domain/production-orders.js";
import type { GraphQLContext } from "./context.js";
import { canSeePlant, forbidden, plantScope } from "./guards.js";
import { badUserInput, buildConnection, Connection, ConnectionArgs, decodeCursor, encodeCursor, validateFirst } from "./relay.js";
import { DateScalar } from "./scalars.js";
import { FillingYieldType, MaterialType, NettedMovementType, NettingGroupType, TraceEventType } from "./production-types.js";

export enum OrderType {
  MTO = "MTO",
  MTS = "MTS",
}
export enum OrderState {
  CANCELLED = "CANCELLED",
  WIP = "WIP",
  IN_TRANSIT = "IN_TRANSIT",
  IN_STOCK = "IN_STOCK",
  PARTIALLY_SHIPPED = "PARTIALLY_SHIPPED",
  SHIPPED = "SHIPPED",
}
export enum LeadTimeStatus {
  ON_TIME = "ON_TIME",
  DELAYED = "DELAYED",
  STUCK = "STUCK",
  IN_PROGRESS = "IN_PROGRESS",
}
export enum LeadTimeStage {
  PRODUCTION = "PRODUCTION",
  TRANSIT = "TRANSIT",
  STORAGE = "STORAGE",
}
registerEnumType(OrderType, { name: "OrderType", description: "MTO: P01 with a customer sales order (DOMAIN.md §2.8); MTS otherwise." });
registerEnumType(OrderState, { name: "OrderState", description: "Movement-based order state (DOMAIN.md D6)." });
registerEnumType(LeadTimeStatus, { name: "LeadTimeStatus", description: "DOMAIN.md D5; no tolerance band, no LATE." });
registerEnumType(LeadTimeStage, { name: "LeadTimeStage", description: "Stages that can be open (and so STUCK)." });

@ObjectType({ description: "Lead time of a P01 order in whole days (DOMAIN.md D5). Missing or negative stages are null and not in the total." })
export class LeadTime {
  @Field(() => Int, { nullable: true, description: "MTO only: STO PO date → release." })
  preparationDays!: number | null;

  @Field(() => Int, { nullable: true, description: "Release → actual finish." })
  productionDays!: number | null;

  @Field(() => Int, { nullable: true, description: "Finish → earliest valid DC receipt (101 at 1401)." })
  transitDays!: number | null;

  @Field(() => Int, { nullable: true, description: "DC receipt → last surviving goods issue (601 at 1401)." })
  storageDays!: number | null;

  @Field(() => Int, { nullable: true, description: "MTO only: last valid 601 → actual GI date of its delivery line." })
  deliveryDays!: number | null;

  @Field(() => Int, { nullable: true, description: "Sum of the available stages." })
  totalDays!: number | null;

  @Field(() => DateScalar, { nullable: true, description: "First surviving 601 at the DC (time to first shipment)." })
  firstIssueDate!: string | null;

  @Field(() => DateScalar, { nullable: true, description: "Last surviving 601 at the DC (official end of storage)." })
  lastIssueDate!: string | null;

  @Field(() => DateScalar, { nullable: true })
  dcReceiptDate!: string | null;

  @Field(() => Int, { nullable: true, description: "Customer SO date → release, where the SO date is known." })
  orderToReleaseDays!: number | null;

  @Field(() => LeadTimeStatus)
  status!: LeadTimeStatus;

  @Field(() => LeadTimeStage, { nullable: true })
  openStage!: LeadTimeStage | null;

  @Field(() => Int, { nullable: true, description: "Days the open stage has run at the as-of date." })
  openStageDays!: number | null;

  @Field(() => [String], { description: "Data-quality flags: NEGATIVE_*, MISSING_PREPARATION_START, MISSING_DELIVERY, CANCELLED." })
  qualityFlags!: string[];

  @Field(() => DateScalar, { description: "The as-of date the status was judged at." })
  asOfDate!: string;
}

@ObjectType({ description: "A process order (COOISPI) with its state, lead time and filling yield." })
export class ProductionOrder {
  @Field(() => String)
  orderNumber!: string;

  @Field(() => OrderType)
  type!: OrderType;

  @Field(() => OrderState)
  state!: OrderState;

  @Field(() => String)
  plant!: string;

  @Field(() => String, { description: "P01 filling, P02 liquid, P03 base (DOMAIN.md §2.4)." })
  mrpController!: string;

  @Field(() => String, { description: "SAP order type, e.g. 201O (MTO), 201S (MTS)." })
  sapOrderType!: string;

  @Field(() => String)
  materialCode!: string;

  @Field(() => String, { nullable: true })
  materialDescription!: string | null;

  @Field(() => String)
  batch!: string;

  @Field(() => String, { nullable: true })
  salesOrder!: string | null;

  @Field(() => DateScalar, { nullable: true })
  releaseDate!: string | null;

  @Field(() => DateScalar, { nullable: true })
  finishDate!: string | null;

  @Field(() => Float, { nullable: true })
  orderQuantity!: number | null;

  @Field(() => Float, { nullable: true })
  deliveredQuantity!: number | null;

  @Field(() => String, { nullable: true })
  unit!: string | null;

  @Field(() => [String], { description: "SAP system status tokens (trailing * stripped)." })
  systemStatus!: string[];
}

@ObjectType("ProductionOrderConnection")
export class ProductionOrderConnection extends Connection(ProductionOrder, "ProductionOrder") {}

@InputType({ description: "Orders released in a window (default: the calendar month of the as-of date)." })
export class ProductionOrderFilter {
  @Field(() => DateScalar, { nullable: true })
  from?: string | null;

  @Field(() => DateScalar, { nullable: true })
  to?: string | null;

  @Field(() => [String], { nullable: true })
  plants?: string[] | null;

  @Field(() => OrderType, { nullable: true })
  type?: OrderType | null;

  @Field(() => OrderState, { nullable: true })
  state?: OrderState | null;

  @Field(() => String, { nullable: true })
  material?: string | null;

  @Field(() => [String], { nullable: true, description: "MRP controllers, e.g. [\"P01\"]; default all." })
  mrpControllers?: string[] | null;
}

@InputType({ description: "P01 orders released in a window (default: the calendar month of the as-of date)." })
export class LeadTimeFilter {
  @Field(() => DateScalar, { nullable: true })
  from?: string | null;

  @Field(() => DateScalar, { nullable: true })
  to?: string | null;

  @Field(() => [String], { nullable: true })
  plants?: string[] | null;

  @Field(() => OrderType, { nullable: true })
  type?: OrderType | null;

  @Field(() => LeadTimeStatus, { nullable: true })
  status?: LeadTimeStatus | null;

  @Field(() => String, { nullable: true })
  material?: string | null;
}

@ArgsType()
class ProductionOrdersArgs extends ConnectionArgs {
  @Field(() => ProductionOrderFilter, { nullable: true })
  filter?: ProductionOrderFilter | null;
}

@ArgsType()
class LeadTimeOrdersArgs extends ConnectionArgs {
  @Field(() => LeadTimeFilter, { nullable: true })
  filter?: LeadTimeFilter | null;
}

@ObjectType({ description: "Lead time over the P01 orders released in the window (CONTRACT.md)." })
export class LeadTimeSummary {
  @Field(() => Float, { nullable: true, description: "Average total of MTO orders with every stage closed." })
  mtoAverageDays!: number | null;

  @Field(() => Float, { nullable: true, description: "Average total of MTS orders with every stage closed." })
  mtsAverageDays!: number | null;

  @Field(() => Float, { nullable: true, description: "ON_TIME ÷ (ON_TIME + DELAYED) × 100." })
  onTimePercent!: number | null;

  @Field(() => Int)
  onTimeCount!: number;

  @Field(() => Int)
  delayedCount!: number;

  @Field(() => Int)
  stuckCount!: number;

  @Field(() => Int)
  inProgressCount!: number;

  @Field(() => Int)
  orderCount!: number;

  @Field(() => DateScalar)
  from!: string;

  @Field(() => DateScalar)
  to!: string;

  @Field(() => DateScalar)
  asOfDate!: string;
}

@ObjectType({
  description:
    "Average days per stage of one order type over the orders with every stage closed (ON_TIME or DELAYED) that pass the filter, its status included. A stage an order lacks is left out of that stage's average (MTS has no preparation or delivery).",
})
export class LeadTimeStageAverages {
  @Field(() => OrderType)
  orderType!: `${OrderType}`;

  @Field(() => Int, { description: "Orders the averages are taken over." })
  orderCount!: number;

  @Field(() => Float, { nullable: true })
  preparationDays!: number | null;

  @Field(() => Float, { nullable: true })
  productionDays!: number | null;

  @Field(() => Float, { nullable: true })
  transitDays!: number | null;

  @Field(() => Float, { nullable: true })
  storageDays!: number | null;

  @Field(() => Float, { nullable: true })
  deliveryDays!: number | null;

  @Field(() => Float, { nullable: true, description: "Average total; for MTO and MTS without a status filter, mtoAverageDays and mtsAverageDays." })
  totalDays!: number | null;
}

@ObjectType({ description: "MTO orders released in the window by quantities: COMPLETE, PARTIAL, PENDING (DOMAIN.md §3.5)." })
export class MtoSummary {
  @Field(() => Int)
  total!: number;

  @Field(() => Int)
  complete!: number;

  @Field(() => Int)
  partial!: number;

  @Field(() => Int)
  pending!: number;

  @Field(() => Float, { nullable: true })
  completionPercent!: number | null;

  @Field(() => DateScalar)
  from!: string;

  @Field(() => DateScalar)
  to!: string;
}

@ObjectType()
export class CompletionTrendPoint {
  @Field(() => DateScalar, { description: "Monday of the week, or first of the month (windows over 90 days)." })
  periodStart!: string;

  @Field(() => Int)
  total!: number;

  @Field(() => Float, { nullable: true })
  completedPercent!: number | null;

  @Field(() => Float, { nullable: true })
  pendingPercent!: number | null;
}

@ObjectType({ description: "Orders per exclusive funnel stage from the SAP status tokens (DOMAIN.md §3.5)." })
export class FunnelStage {
  @Field(() => String, { description: "CREATED, RELEASED, IN_PROGRESS or COMPLETED." })
  stage!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType()
export class OrderStateCount {
  @Field(() => OrderState)
  state!: OrderState;

  @Field(() => Int)
  count!: number;
}

@ObjectType({ description: "One batch at one plant or all its plants: netted movements, netting result and trace." })
export class Batch {
  @Field(() => String)
  batch!: string;

  @Field(() => String, { nullable: true, description: "The plant asked for; null = every plant the viewer may see." })
  plant!: string | null;

  @Field(() => Float, {
    nullable: true,
    description: "Net shipped quantity after 601/602 netting at the plant (Σ valid 601); the receipt (101/102) where nothing was shipped.",
  })
  netQuantity!: number | null;

  @Field(() => String, { nullable: true, description: "DELIVERED, PARTIALLY_REVERSED or FULLY_REVERSED, for the same pair." })
  status!: string | null;

  @Field(() => [NettingGroupType])
  nettingGroups!: NettingGroupType[];

  @Field(() => [NettedMovementType], { description: "Forward lines that survived netting, in posting order." })
  movements!: NettedMovementType[];

  @Field(() => [TraceEventType], { description: "Lead-time events of the order that made the batch." })
  timeline!: TraceEventType[];
}

@Resolver(() => ProductionOrder)
export class ProductionOrderResolver {
  @Query(() => ProductionOrder, { nullable: true, description: "One process order by number (leading zeros optional)." })
  async productionOrder(@Arg("orderNumber", () => String) orderNumber: string, @Ctx() context: GraphQLContext) {
    const order = await context.loaders.productionOrder.load(orderNumber.trim());
    if (!order) return null;
    if (!canSeePlant(context.viewer, order.plant)) throw forbidden(`no access to plant ${order.plant}`);
    return toProductionOrder(order);
  }

  @Query(() => ProductionOrderConnection, { description: "Process orders released in the window, newest first." })
  async productionOrders(@Args(() => ProductionOrdersArgs) args: ProductionOrdersArgs, @Ctx() context: GraphQLContext) {
    const first = validateFirst(args.first);
    const offset = args.after == null ? 0 : decodeOffset("order", args.after);
    const asOf = (await context.asOf()).date;
    const filter = orderFilter(args.filter, context);
    const rows = await listProductionOrders(context.database.db, filter, asOf, { limit: first + 1, offset });
    for (const row of rows) context.loaders.productionOrder.prime(row.orderNumber, row);
    return buildConnection({
      rows: rows.map((row, index) => ({ row, position: offset + index + 1 })),
      first,
      after: args.after,
      cursorOf: (item) => encodeCursor("order", item.position),
      nodeOf: (item) => toProductionOrder(item.row),
      totalCount: () => countProductionOrders(context.database.db, filter, asOf),
    });
  }

  @Query(() => ProductionOrderConnection, { description: "P01 orders with their lead time, released in the window, newest first." })
  async leadTimeOrders(@Args(() => LeadTimeOrdersArgs) args: LeadTimeOrdersArgs, @Ctx() context: GraphQLContext) {
    const first = validateFirst(args.first);
    const offset = args.after == null ? 0 : decodeOffset("leadtime", args.after);
    const asOf = (await context.asOf()).date;
    const filter = leadTimeFilter(args.filter, context);
    const orders = await context.results.remember("leadTimeOrderPage", { asOf, filter, first, offset }, () =>
      leadTimeOrderPage(context.database.db, filter, asOf, context.config, { limit: first + 1, offset }),
    );
    for (const order of orders) context.loaders.leadTime.prime(order.orderNumber, order);
    const records = await context.loaders.productionOrder.loadMany(orders.map((order) => order.orderNumber));
    return buildConnection({
      rows: records.map((record, index) => ({ record: record as ProductionOrderRecord, position: offset + index + 1 })),
      first,
      after: args.after,
      cursorOf: (item) => encodeCursor("leadtime", item.position),
      nodeOf: (item) => toProductionOrder(item.record),
      // The window's count is the page's most expensive statement: shared per model version.
      totalCount: () =>
        context.results.remember("leadTimeOrderCount", { asOf, filter }, () => countLeadTimeOrders(context.database.db, filter, asOf, context.config)),
    });
  }

  @Query(() => LeadTimeSummary, { description: "MTO/MTS averages, on-time share and counts per status (CONTRACT.md)." })
  async leadTimeSummary(
    @Arg("filter", () => LeadTimeFilter, { nullable: true }) filter: LeadTimeFilter | null,
    @Ctx() context: GraphQLContext,
  ): Promise<LeadTimeSummary> {
    const asOf = (await context.asOf()).date;
    const scoped = leadTimeFilter(filter, context);
    return context.results.remember("leadTimeSummary", { asOf, filter: scoped }, () => leadTimeSummary(context.database.db, scoped, asOf, context.config));
  }

  @Query(() => [LeadTimeStageAverages], { description: "Average days per stage, MTO then MTS (the stacked breakdown of the lead-time widget)." })
  async leadTimeStageAverages(
    @Arg("filter", () => LeadTimeFilter, { nullable: true }) filter: LeadTimeFilter | null,
    @Ctx() context: GraphQLContext,
  ): Promise<LeadTimeStageAverages[]> {
    const asOf = (await context.asOf()).date;
    const scoped = leadTimeFilter(filter, context);
    return context.results.remember("leadTimeStageAverages", { asOf, filter: scoped }, () =>
      leadTimeStageAverages(context.database.db, scoped, asOf, context.config),
    );
  }

  @Query(() => MtoSummary, { description: "MTO completion over orders released in the window (DOMAIN.md §3.5)." })
  async mtoSummary(
    @Arg("filter", () => ProductionOrderFilter, { nullable: true }) filter: ProductionOrderFilter | null,
    @Ctx() context: GraphQLContext,
  ): Promise<MtoSummary> {
    return mtoCompletion(context.database.db, orderFilter(filter, context), (await context.asOf()).date);
  }

  @Query(() => [CompletionTrendPoint], { description: "MTO completed % and pending % per week (≤ 90 days) or month." })
  async mtoCompletionTrend(
    @Arg("filter", () => ProductionOrderFilter, { nullable: true }) filter: ProductionOrderFilter | null,
    @Ctx() context: GraphQLContext,
  ) {
    return mtoCompletionTrend(context.database.db, orderFilter(filter, context), (await context.asOf()).date);
  }

  @Query(() => [FunnelStage], { description: "The production funnel with exclusive stages." })
  async productionFunnel(
    @Arg("filter", () => ProductionOrderFilter, { nullable: true }) filter: ProductionOrderFilter | null,
    @Ctx() context: GraphQLContext,
  ) {
    return productionFunnel(context.database.db, orderFilter(filter, context), (await context.asOf()).date);
  }

  @Query(() => [OrderStateCount], { description: "Orders per state (DOMAIN.md D6) released in the window." })
  async orderStates(
    @Arg("filter", () => ProductionOrderFilter, { nullable: true }) filter: ProductionOrderFilter | null,
    @Ctx() context: GraphQLContext,
  ) {
    return orderStateCounts(context.database.db, orderFilter(filter, context), (await context.asOf()).date);
  }

  @Query(() => Batch, { nullable: true, description: "A batch's netted movements, netting result and trace (null when unknown)." })
  async batch(
    @Arg("batch", () => String) batch: string,
    @Arg("plant", () => String, { nullable: true }) plant: string | null,
    @Ctx() context: GraphQLContext,
  ): Promise<Batch | null> {
    const plants = plantScope(context.viewer, plant ? [plant] : undefined);
    const groups = (await context.loaders.nettingGroups.load(batch)).filter((group) => !plants || plants.includes(group.plant));
    const movements = await nettedMovementsOfBatches(context.database.db, [batch], plants);
    const timeline = await batchTimeline(context.database.db, batch);
    if (groups.length === 0 && timeline.length === 0) return null;
    const atPlant = plant ? groups.filter((group) => group.plant === plant) : groups;
    const shown = atPlant.find((group) => group.forwardType === "601") ?? atPlant.find((group) => group.forwardType === "101");
    return {
      batch,
      plant,
      netQuantity: shown?.netQuantity ?? null,
      status: shown?.status ?? null,
      nettingGroups: groups,
      movements,
      timeline: timeline.filter((event) => canSeePlant(context.viewer, event.plant)),
    };
  }

  @FieldResolver(() => LeadTime, { nullable: true, description: "P01 orders only." })
  async leadTime(@Root() order: ProductionOrder, @Ctx() context: GraphQLContext) {
    return context.loaders.leadTime.load(order.orderNumber);
  }

  @FieldResolver(() => FillingYieldType, { nullable: true, description: "P01 orders listed in ZRPP062." })
  async fillingYield(@Root() order: ProductionOrder, @Ctx() context: GraphQLContext) {
    return context.loaders.fillingYield.load(order.orderNumber);
  }

  @FieldResolver(() => MaterialType, { nullable: true, description: "The material master entry." })
  async material(@Root() order: ProductionOrder, @Ctx() context: GraphQLContext) {
    return context.loaders.material.load(order.materialCode);
  }

  @FieldResolver(() => [NettingGroupType], { description: "Netting of the order's batch at the plants the viewer may see." })
  async batchNetting(@Root() order: ProductionOrder, @Ctx() context: GraphQLContext) {
    const groups = await context.loaders.nettingGroups.load(order.batch);
    return groups.filter((group) => group.material === order.materialCode && canSeePlant(context.viewer, group.plant));
  }
}

function toProductionOrder(record: ProductionOrderRecord): ProductionOrder {
  return {
    orderNumber: record.orderNumber,
    type: record.orderType as OrderType,
    state: record.state as OrderState,
    plant: record.plant,
    mrpController: record.mrpController,
    sapOrderType: record.sapOrderType,
    materialCode: record.material,
    materialDescription: record.materialDescription,
    batch: record.batch,
    salesOrder: record.salesOrder,
    releaseDate: record.releaseDate,
    finishDate: record.finishDate,
    orderQuantity: record.orderQuantity,
    deliveredQuantity: record.deliveredQuantity,
    unit: record.unit,
    systemStatus: record.systemStatus,
  };
}

function checkWindow(filter: { from?: string | null; to?: string | null } | null | undefined): void {
  if (filter?.from && filter.to && filter.from > filter.to) throw badUserInput(`"from" (${filter.from}) is after "to" (${filter.to})`);
}

function orderFilter(filter: ProductionOrderFilter | null | undefined, context: GraphQLContext): DomainOrderFilter {
  checkWindow(filter);
  return {
    from: filter?.from ?? undefined,
    to: filter?.to ?? undefined,
    plants: plantScope(context.viewer, filter?.plants),
    orderType: filter?.type ?? undefined,
    state: filter?.state ?? undefined,
    material: filter?.material ?? undefined,
    mrpControllers: filter?.mrpControllers ?? undefined,
  };
}

function leadTimeFilter(filter: LeadTimeFilter | null | undefined, context: GraphQLContext): DomainLeadTimeFilter {
  checkWindow(filter);
  return {
    from: filter?.from ?? undefined,
    to: filter?.to ?? undefined,
    plants: plantScope(context.viewer, filter?.plants),
    orderType: filter?.type ?? undefined,
    status: filter?.status ?? undefined,
    material: filter?.material ?? undefined,
  };
}

function decodeOffset(kind: string, cursor: string): number {
  const offset = Number(decodeCursor(kind, cursor));
  if (!Number.isSafeInteger(offset) || offset < 0) throw badUserInput(`"after" is not a valid cursor for this list.`);
  return offset;
}
