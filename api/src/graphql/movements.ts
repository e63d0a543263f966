/**
 * Movement analytics in the API (DOMAIN.md §3.10, §4.1 Inventory endpoints, §4.2 item 6, §6 D12):
 * KPI cards, activity per plant, net movement per material (a Relay connection), weekly inbound vs
 * outbound kg, ABC velocity, top movers, dead stock and batch positions at the DC. Widgets say "net
 * movement", never "stock on hand". Everything here has a plant and follows the viewer's plants
 * claim (CONTRACT.md "Auth"). No from/to = the calendar month of the as-of date. Numbers are unrounded.
 */
import "reflect-metadata";
import { Arg, Args, Ctx, Int, Query, Resolver } from "type-graphql";
import {
  abcVelocity,
  countMaterialMovements,
  dcBatchPositions,
  deadStock,
  materialMovements,
  movementSummary,
  movementWindow,
  plantMovements,
  topMovers,
  weeklyFlows,
  type DateWindow,
  type MaterialMovement as DomainMaterialMovement,
  type MaterialVelocity as DomainMaterialVelocity,
  type MovementFilter as DomainMovementFilter,
} from "../domain/movements.js";
import type { GraphQLContext } from "./context.js";
import { plantScope } from "./guards.js";
import { badUserInput, buildConnection, decodeCursor, encodeCursor, validateFirst } from "./relay.js";
import {
  AbcAnalysis,
  AbcClass,
  DcBatchPositions,
  DeadStock,
  MaterialCategory,
  MaterialMovement,
  MaterialMovementConnection,
  MaterialMovementsArgs,
  MaterialVelocity,
  MovementFilter,
  MovementSummary,
  PlantMovements,
  TopMovers,
  WeeklyFlows,
} from "./movements-types.js";

/** Top movers per plant and dead stock in all, by default (the old dashboard's top 10) and at most. */
export const DEFAULT_MOVER_LIMIT = 10;
export const MAX_MOVER_LIMIT = 1000;

/** The viewer's filter for the domain, with the as-of date and the window it resolves to. */
export interface MovementScope {
  asOf: string;
  window: DateWindow;
  filter: DomainMovementFilter;
}

@Resolver(() => MovementSummary)
export class MovementResolver {
  @Query(() => MovementSummary, {
    description: "KPI cards: transactions, active items, plants, and throughput kg per plant (DOMAIN.md §4.2 item 6).",
  })
  async movementSummary(
    @Arg("filter", () => MovementFilter, { nullable: true }) filter: MovementFilter | null,
    @Ctx() context: GraphQLContext,
  ): Promise<MovementSummary> {
    const scope = await movementScope(filter, context);
    const summary = await movementSummary(context.database.db, scope.asOf, scope.filter);
    return {
      asOfDate: scope.asOf,
      from: summary.from,
      to: summary.to,
      transactionCount: summary.lines,
      activeItems: summary.activeItems,
      plantCount: summary.plants,
      materialCount: summary.materials,
      linesWithoutKg: summary.linesWithoutKg,
      throughputKg: summary.byPlant.length === 1 ? summary.byPlant[0].throughputKg : summary.byPlant.length === 0 ? 0 : null,
      byPlant: summary.byPlant,
    };
  }

  @Query(() => PlantMovements, { description: "Lines, materials and kg in, out and net per plant." })
  async plantMovements(
    @Arg("filter", () => MovementFilter, { nullable: true }) filter: MovementFilter | null,
    @Ctx() context: GraphQLContext,
  ): Promise<PlantMovements> {
    const scope = await movementScope(filter, context);
    const plants = await plantMovements(context.database.db, scope.asOf, scope.filter);
    return { asOfDate: scope.asOf, ...scope.window, plants };
  }

  @Query(() => MaterialMovementConnection, {
    description: "Net change (quantity and kg), lines and last movement per plant and material, largest throughput kg first.",
  })
  async materialMovements(@Args(() => MaterialMovementsArgs) args: MaterialMovementsArgs, @Ctx() context: GraphQLContext) {
    const first = validateFirst(args.first);
    const offset = args.after == null ? 0 : decodeOffset(args.after);
    const scope = await movementScope(args.filter, context);
    const db = context.database.db;
    const rows = await materialMovements(db, scope.asOf, scope.filter, { limit: first + 1, offset });
    const connection = buildConnection({
      rows: rows.map((row, index) => ({ row, position: offset + index + 1 })),
      first,
      after: args.after,
      cursorOf: (item) => encodeCursor("materialmovement", item.position),
      nodeOf: (item) => toMaterialMovement(item.row),
      totalCount: () => countMaterialMovements(db, scope.asOf, scope.filter),
    });
    // Keep the lazy totalCount getter: add the window fields to the same object.
    return Object.assign(connection, { asOfDate: scope.asOf, from: scope.window.from, to: scope.window.to });
  }

  @Query(() => WeeklyFlows, { description: "Inbound vs outbound kg per ISO week (Monday start) and plant." })
  async weeklyFlows(
    @Arg("filter", () => MovementFilter, { nullable: true }) filter: MovementFilter | null,
    @Ctx() context: GraphQLContext,
  ): Promise<WeeklyFlows> {
    const scope = await movementScope(filter, context);
    const weeks = await weeklyFlows(context.database.db, scope.asOf, scope.filter);
    return { asOfDate: scope.asOf, ...scope.window, weeks };
  }

  @Query(() => AbcAnalysis, {
    description: "ABC velocity per plant: velocity = outbound 601/261 lines in the window; A = first 20 % (at least one), B up to 50 %.",
  })
  async abcAnalysis(
    @Arg("filter", () => MovementFilter, { nullable: true }) filter: MovementFilter | null,
    @Ctx() context: GraphQLContext,
  ): Promise<AbcAnalysis> {
    const scope = await movementScope(filter, context);
    const ranked = (await abcVelocity(context.database.db, scope.asOf, scope.filter)).map(toMaterialVelocity);
    const classes = new Map<string, { plant: string; abcClass: AbcClass; materials: number; velocity: number }>();
    for (const row of ranked) {
      const key = `${row.plant} ${row.abcClass}`;
      const entry = classes.get(key) ?? { plant: row.plant, abcClass: row.abcClass, materials: 0, velocity: 0 };
      entry.materials += 1;
      entry.velocity += row.velocity;
      classes.set(key, entry);
    }
    return { asOfDate: scope.asOf, ...scope.window, classes: [...classes.values()], materials: ranked };
  }

  @Query(() => TopMovers, { description: "The fastest materials (velocity > 0) per plant, at most `limit` per plant." })
  async topMovers(
    @Arg("filter", () => MovementFilter, { nullable: true }) filter: MovementFilter | null,
    @Arg("limit", () => Int, { nullable: true, defaultValue: DEFAULT_MOVER_LIMIT, description: `Per plant, 1 to ${MAX_MOVER_LIMIT}; null = 10.` })
    requested: number | null,
    @Ctx() context: GraphQLContext,
  ): Promise<TopMovers> {
    const limit = checkLimit(requested);
    const scope = await movementScope(filter, context);
    const movers = await topMovers(context.database.db, scope.asOf, scope.filter, limit);
    return { asOfDate: scope.asOf, ...scope.window, limit, materials: movers.map(toMaterialVelocity) };
  }

  @Query(() => DeadStock, {
    description: "Materials with net receipts and no outbound line in the window, largest net kg first (a net movement, not stock on hand).",
  })
  async deadStock(
    @Arg("filter", () => MovementFilter, { nullable: true }) filter: MovementFilter | null,
    @Arg("limit", () => Int, { nullable: true, defaultValue: DEFAULT_MOVER_LIMIT, description: `In all, 1 to ${MAX_MOVER_LIMIT}; null = 10.` })
    requested: number | null,
    @Ctx() context: GraphQLContext,
  ): Promise<DeadStock> {
    const limit = checkLimit(requested);
    const scope = await movementScope(filter, context);
    const rows = await deadStock(context.database.db, scope.asOf, scope.filter, { limit });
    return { asOfDate: scope.asOf, ...scope.window, limit, materials: rows.map(toMaterialMovement) };
  }

  @Query(() => DcBatchPositions, {
    description:
      "Per batch at the DC (1401): netted receipts − netted issues in the window, flagged complete only when the batch's " +
      "first receipt lies in the window (D12).",
  })
  async dcBatchPositions(
    @Arg("filter", () => MovementFilter, { nullable: true }) filter: MovementFilter | null,
    @Arg("batch", () => String, { nullable: true, description: "One batch; default every batch that moved at the DC." })
    batch: string | null,
    @Ctx() context: GraphQLContext,
  ): Promise<DcBatchPositions> {
    const scope = await movementScope(filter, context);
    const positions = await dcBatchPositions(context.database.db, scope.asOf, scope.filter, { batch });
    return {
      asOfDate: scope.asOf,
      ...scope.window,
      batches: positions.map((p) => ({
        plant: p.plant,
        material: p.material,
        materialDescription: p.materialDescription,
        batch: p.batch,
        unit: p.unit,
        receivedQuantity: p.receivedQuantity,
        issuedQuantity: p.issuedQuantity,
        otherQuantity: p.otherQuantity,
        position: p.netPosition,
        positionKg: p.netPositionKg,
        firstReceiptDate: p.firstReceiptDate,
        lastMovementDate: p.lastMovementDate,
        complete: p.complete,
      })),
    };
  }
}

/**
 * The filter as the domain takes it: plants within the viewer's (FORBIDDEN outside them), dates as
 * `YYYY-MM-DD`, and the window they resolve to at the as-of date (BAD_USER_INPUT when from > to).
 */
export async function movementScope(filter: MovementFilter | null | undefined, context: GraphQLContext): Promise<MovementScope> {
  const scoped: DomainMovementFilter = {
    from: isoDay(filter?.from),
    to: isoDay(filter?.to),
    plants: plantScope(context.viewer, filter?.plants) ?? null,
    material: filter?.material?.trim() || null,
    category: filter?.category ?? null,
  };
  const asOf = (await context.asOf()).date;
  try {
    return { asOf, window: movementWindow(asOf, scoped), filter: scoped };
  } catch (error) {
    if (error instanceof RangeError) throw badUserInput(error.message);
    throw error;
  }
}

/** The Date scalar parses to a JavaScript Date at UTC midnight; the domain takes `YYYY-MM-DD`. */
function isoDay(value: Date | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value.toISOString().slice(0, 10) : value;
}

function checkLimit(requested: number | null): number {
  const limit = requested ?? DEFAULT_MOVER_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_MOVER_LIMIT) {
    throw badUserInput(`"limit" must be between 1 and ${MAX_MOVER_LIMIT}, got ${limit}.`, { argumentName: "limit" });
  }
  return limit;
}

function toMaterialMovement(row: DomainMaterialMovement): MaterialMovement {
  return {
    plant: row.plant,
    material: row.material,
    materialDescription: row.materialDescription,
    description: row.materialDescription,
    category: row.category as MaterialCategory | null,
    unit: row.unit,
    lines: row.lines,
    inboundLines: row.inboundLines,
    outboundLines: row.outboundLines,
    netQuantity: row.netQuantity,
    netKg: row.netKg,
    inboundKg: row.inboundKg,
    outboundKg: row.outboundKg,
    throughputKg: row.throughputKg,
    linesWithoutKg: row.linesWithoutKg,
    lastMovementDate: row.lastMovementDate,
  };
}

function toMaterialVelocity(row: DomainMaterialVelocity): MaterialVelocity {
  return {
    plant: row.plant,
    material: row.material,
    materialDescription: row.materialDescription,
    description: row.materialDescription,
    category: row.category as MaterialCategory | null,
    velocity: row.velocity,
    rank: row.rank,
    rankedMaterials: row.rankedMaterials,
    abcClass: row.abcClass as AbcClass,
    outboundKg: row.outboundKg,
    netQuantity: row.netQuantity,
    netKg: row.netKg,
    unit: row.unit,
  };
}

function decodeOffset(cursor: string): number {
  const offset = Number(decodeCursor("materialmovement", cursor));
  if (!Number.isSafeInteger(offset) || offset < 0) throw badUserInput(`"after" is not a valid cursor for this list.`, { argumentName: "after" });
  return offset;
}
