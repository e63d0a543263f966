/**
 * OTIF — on time, in full — in the API (DOMAIN.md §3.9, §4.1 Lead time `otif-summary` and
 * `recent-orders`, §4.2 item 5, §6 D11): customer delivery lines of ZRSD004 (cross-plant channel 99
 * and returns excluded); on time = `Actual GI Date` ≤ `Delivery Date`, in full = delivered ≥
 * ordered, PENDING while there is no goods issue on or before the as-of date; a delivery document
 * qualifies only when every line does. The window filters on the planned `Delivery Date`, by default
 * the calendar month of the as-of date. OTIF has no plant: every query needs a token without a
 * `plants` claim (CONTRACT.md "Auth"). Numbers are unrounded.
 */
import "reflect-metadata";
import { Args, ArgsType, Ctx, Field, Float, InputType, Int, ObjectType, Query, registerEnumType, Resolver, Arg } from "type-graphql";
import {
  otifDeliveries,
  otifLines,
  otifSummary,
  type OtifCounts as DomainOtifCounts,
  type OtifFilter as DomainOtifFilter,
  type OtifStatus as DomainOtifStatus,
} from "../domain/otif.js";
import type { GraphQLContext } from "./context.js";
import { requireCompanyWide } from "./guards.js";
import { badUserInput, buildConnection, Connection, ConnectionArgs, encodeCursor, validateFirst } from "./relay.js";
import { dateRange, decodeOffset, domainCall } from "./sales.js";
import { Division } from "./sales-types.js";
import { DateScalar } from "./scalars.js";

export enum OtifStatus {
  ON_TIME = "ON_TIME",
  LATE = "LATE",
  PENDING = "PENDING",
}
export enum LatenessBucket {
  DAYS_1_3 = "DAYS_1_3",
  DAYS_4_7 = "DAYS_4_7",
  OVER_7 = "OVER_7",
}
registerEnumType(OtifStatus, {
  name: "OtifStatus",
  description: "ON_TIME: goods issue on or before the planned delivery date; LATE after it; PENDING: no goods issue by the as-of date.",
});
registerEnumType(LatenessBucket, { name: "LatenessBucket", description: "Days a late line's goods issue came after the planned date." });

/** Most deliveries a `deliveries` argument of otifLines may name. */
export const MAX_OTIF_DELIVERIES = 100;

@InputType({
  description:
    "Customer deliveries (ZRSD004) by planned `Delivery Date`, inclusive; no from/to = the calendar month of the as-of date (CONTRACT.md).",
})
export class OtifFilter {
  @Field(() => DateScalar, { nullable: true, description: "First planned delivery date; default the first day of the as-of month." })
  from?: Date | string | null;

  @Field(() => DateScalar, { nullable: true, description: "Last planned delivery date; default the last day of the as-of month." })
  to?: Date | string | null;

  @Field(() => String, { nullable: true, description: "Distribution channel code (`11`, `13`, `15`); default every channel." })
  channel?: string | null;

  @Field(() => OtifStatus, { nullable: true, description: "Lists only (otifDeliveries, otifLines): only items with this status. The otif summary ignores it." })
  status?: OtifStatus | null;
}

@ObjectType("OtifCounts", { description: "Counts at one level (lines or delivery documents). Percentages are over shipped items (on time + late)." })
export class OtifCounts {
  @Field(() => Int)
  total!: number;

  @Field(() => Int)
  pending!: number;

  @Field(() => Int, { description: "Pending with a planned date before the as-of date: already late once shipped." })
  pendingPastDue!: number;

  @Field(() => Int)
  onTime!: number;

  @Field(() => Int)
  late!: number;

  @Field(() => Int, { description: "Shipped and in full." })
  inFull!: number;

  @Field(() => Int, { description: "On time and in full." })
  otif!: number;

  @Field(() => Float, { nullable: true, description: "onTime ÷ (onTime + late) × 100." })
  onTimePercent!: number | null;

  @Field(() => Float, { nullable: true })
  inFullPercent!: number | null;

  @Field(() => Float, { nullable: true, description: "otif ÷ (onTime + late) × 100." })
  otifPercent!: number | null;
}

@ObjectType("OtifChannel", { description: "OTIF of one distribution channel." })
export class OtifChannel {
  @Field(() => String)
  channel!: string;

  @Field(() => Division)
  division!: Division;

  @Field(() => OtifCounts)
  lines!: OtifCounts;

  @Field(() => OtifCounts)
  deliveries!: OtifCounts;
}

@ObjectType("LatenessCount", { description: "Late lines in one lateness bucket." })
export class LatenessCount {
  @Field(() => LatenessBucket)
  bucket!: LatenessBucket;

  @Field(() => Int)
  lines!: number;
}

@ObjectType("OtifSummary", { description: "Line- and delivery-level OTIF in the window, per channel, with the lateness spread (DOMAIN.md §3.9, D11)." })
export class OtifSummary {
  @Field(() => DateScalar)
  asOfDate!: string;

  @Field(() => DateScalar)
  from!: string;

  @Field(() => DateScalar)
  to!: string;

  @Field(() => OtifCounts, { description: "Delivery lines." })
  lines!: OtifCounts;

  @Field(() => OtifCounts, { description: "Delivery documents (D11: a delivery qualifies only when every line does)." })
  deliveries!: OtifCounts;

  @Field(() => [OtifChannel])
  byChannel!: OtifChannel[];

  @Field(() => [LatenessCount], { description: "Late lines by days after the planned date: 1–3, 4–7, over 7." })
  lateness!: LatenessCount[];
}

@ObjectType("OtifDelivery", { description: "A customer delivery document with its OTIF verdict." })
export class OtifDelivery {
  @Field(() => String)
  delivery!: string;

  @Field(() => [String])
  salesOrders!: string[];

  @Field(() => String, { nullable: true })
  customerCode!: string | null;

  @Field(() => String, { nullable: true })
  shipToName!: string | null;

  @Field(() => String)
  channel!: string;

  @Field(() => Division)
  division!: Division;

  @Field(() => String, { nullable: true })
  salesmanName!: string | null;

  @Field(() => DateScalar, { description: "Planned delivery date." })
  deliveryDate!: string;

  @Field(() => DateScalar, { nullable: true, description: "The latest goods issue of its lines; null while pending." })
  actualGiDate!: string | null;

  @Field(() => Int)
  lineCount!: number;

  @Field(() => Float)
  deliveryQuantity!: number;

  @Field(() => Float)
  actualDeliveryQuantity!: number;

  @Field(() => Int, { nullable: true, description: "Days the last goods issue came after the planned date (negative: early); null while pending." })
  giDelayDays!: number | null;

  @Field(() => OtifStatus)
  status!: OtifStatus;

  @Field(() => Boolean, { nullable: true, description: "Null while pending." })
  onTime!: boolean | null;

  @Field(() => Boolean, { nullable: true })
  inFull!: boolean | null;

  @Field(() => Boolean, { nullable: true })
  otif!: boolean | null;
}

@ObjectType("OtifLine", { description: "A customer delivery line with its OTIF verdict." })
export class OtifLine {
  @Field(() => String)
  delivery!: string;

  @Field(() => String)
  lineItem!: string;

  @Field(() => String, { nullable: true })
  salesOrder!: string | null;

  @Field(() => String, { nullable: true })
  customerCode!: string | null;

  @Field(() => String, { nullable: true })
  shipToName!: string | null;

  @Field(() => String)
  channel!: string;

  @Field(() => Division)
  division!: Division;

  @Field(() => String)
  material!: string;

  @Field(() => String, { nullable: true })
  materialDescription!: string | null;

  @Field(() => DateScalar, { description: "Planned delivery date." })
  deliveryDate!: string;

  @Field(() => DateScalar, { nullable: true, description: "Null while pending." })
  actualGiDate!: string | null;

  @Field(() => Float, { nullable: true })
  deliveryQuantity!: number | null;

  @Field(() => Float, { nullable: true })
  actualDeliveryQuantity!: number | null;

  @Field(() => String, { nullable: true })
  salesUnit!: string | null;

  @Field(() => Int, { nullable: true })
  giDelayDays!: number | null;

  @Field(() => OtifStatus)
  status!: OtifStatus;

  @Field(() => Boolean, { nullable: true })
  onTime!: boolean | null;

  @Field(() => Boolean, { nullable: true })
  inFull!: boolean | null;

  @Field(() => Boolean, { nullable: true })
  otif!: boolean | null;
}

@ObjectType("OtifDeliveryConnection", { description: "Delivery documents, latest planned date first." })
export class OtifDeliveryConnection extends Connection(OtifDelivery, "OtifDelivery") {
  @Field(() => DateScalar)
  asOfDate!: string;

  @Field(() => DateScalar)
  from!: string;

  @Field(() => DateScalar)
  to!: string;
}

@ObjectType("OtifLineConnection", { description: "Delivery lines, latest planned date first." })
export class OtifLineConnection extends Connection(OtifLine, "OtifLine") {
  @Field(() => DateScalar)
  asOfDate!: string;

  @Field(() => DateScalar)
  from!: string;

  @Field(() => DateScalar)
  to!: string;
}

@ArgsType()
class OtifDeliveriesArgs extends ConnectionArgs {
  @Field(() => OtifFilter, { nullable: true })
  filter?: OtifFilter | null;
}

@ArgsType()
class OtifLinesArgs extends ConnectionArgs {
  @Field(() => OtifFilter, { nullable: true })
  filter?: OtifFilter | null;

  @Field(() => [String], {
    nullable: true,
    description: `Only the lines of these deliveries (at most ${MAX_OTIF_DELIVERIES}), whatever their dates: the drill-down of a delivery.`,
  })
  deliveries?: string[] | null;
}

@Resolver(() => OtifSummary)
export class OtifResolver {
  @Query(() => OtifSummary, { description: "Line- and delivery-level OTIF in the window, per channel, with the lateness spread." })
  async otif(
    @Arg("filter", () => OtifFilter, { nullable: true }) filter: OtifFilter | null,
    @Ctx() context: GraphQLContext,
  ): Promise<OtifSummary> {
    requireCompanyWide(context.viewer);
    const scoped = otifFilter(filter);
    const asOf = (await context.asOf()).date;
    const summary = await domainCall(() => otifSummary(context.database.db, asOf, scoped));
    return {
      ...summary,
      byChannel: summary.byChannel.map((channel) => ({ ...channel, division: channel.division as Division })),
      lateness: summary.lateness.map((bucket) => ({ bucket: bucket.bucket as LatenessBucket, lines: bucket.lines })),
    };
  }

  @Query(() => OtifDeliveryConnection, { description: "Delivery documents in the window with their OTIF verdict, latest planned date first." })
  async otifDeliveries(@Args(() => OtifDeliveriesArgs) args: OtifDeliveriesArgs, @Ctx() context: GraphQLContext) {
    requireCompanyWide(context.viewer);
    const first = validateFirst(args.first);
    const offset = args.after == null ? 0 : decodeOffset("otifdelivery", args.after);
    const scoped = otifFilter(args.filter);
    const status = args.filter?.status ?? undefined;
    const asOf = (await context.asOf()).date;
    const db = context.database.db;
    const result = await domainCall(() => otifDeliveries(db, asOf, { ...scoped, status, limit: first + 1, offset }));
    const connection = buildConnection({
      rows: result.deliveries.map((delivery, index) => ({ delivery, position: offset + index + 1 })),
      first,
      after: args.after,
      cursorOf: (item) => encodeCursor("otifdelivery", item.position),
      nodeOf: (item): OtifDelivery => ({ ...item.delivery, division: item.delivery.division as Division, status: item.delivery.status as OtifStatus }),
      totalCount: async () => countOf((await otifSummary(db, asOf, scoped)).deliveries, status),
    });
    // Keep the lazy totalCount getter: add the window fields to the same object.
    return Object.assign(connection, { asOfDate: result.asOfDate, from: result.from, to: result.to });
  }

  @Query(() => OtifLineConnection, {
    description: "Delivery lines in the window (or of the given deliveries) with their OTIF verdict, latest planned date first.",
  })
  async otifLines(@Args(() => OtifLinesArgs) args: OtifLinesArgs, @Ctx() context: GraphQLContext) {
    requireCompanyWide(context.viewer);
    const first = validateFirst(args.first);
    const offset = args.after == null ? 0 : decodeOffset("otifline", args.after);
    const scoped = otifFilter(args.filter);
    const status = args.filter?.status ?? undefined;
    const deliveries = args.deliveries?.map((delivery) => delivery.trim()).filter(Boolean);
    if (deliveries && deliveries.length > MAX_OTIF_DELIVERIES) {
      throw badUserInput(`"deliveries" may name at most ${MAX_OTIF_DELIVERIES} deliveries, got ${deliveries.length}.`, { argumentName: "deliveries" });
    }
    const asOf = (await context.asOf()).date;
    const db = context.database.db;
    const result = await domainCall(() => otifLines(db, asOf, { ...scoped, status, deliveries, limit: first + 1, offset }));
    const connection = buildConnection({
      rows: result.lines.map((line, index) => ({ line, position: offset + index + 1 })),
      first,
      after: args.after,
      cursorOf: (item) => encodeCursor("otifline", item.position),
      nodeOf: (item): OtifLine => ({ ...item.line, division: item.line.division as Division, status: item.line.status as OtifStatus }),
      totalCount: async () =>
        deliveries === undefined
          ? countOf((await otifSummary(db, asOf, scoped)).lines, status)
          : (await otifLines(db, asOf, { ...scoped, status, deliveries })).lines.length,
    });
    // Keep the lazy totalCount getter: add the window fields to the same object.
    return Object.assign(connection, { asOfDate: result.asOfDate, from: result.from, to: result.to });
  }
}

function otifFilter(filter: OtifFilter | null | undefined): DomainOtifFilter {
  const channel = filter?.channel?.trim() || undefined;
  return { ...dateRange(filter), ...(channel === undefined ? {} : { channel }) };
}

/** The items of a status among the counts (all of them without a status). */
function countOf(counts: DomainOtifCounts, status: DomainOtifStatus | undefined): number {
  if (status === "ON_TIME") return counts.onTime;
  if (status === "LATE") return counts.late;
  if (status === "PENDING") return counts.pending;
  return counts.total;
}
