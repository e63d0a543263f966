/**
 * Alerts in the API (DOMAIN.md §3.6, D8; CONTRACT.md "GraphQL details", "Auth"): the list, the
 * summary, resolving by hand (analyst, admin) and the live `alertRaised` subscription. Alerts with a
 * plant follow the viewer's plants claim; alerts without one (OVERDUE_AR) are company-wide.
 */
import "reflect-metadata";
import {
  Arg,
  Args,
  ArgsType,
  Ctx,
  Field,
  Float,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  registerEnumType,
  Resolver,
  Root,
  Subscription,
} from "type-graphql";
import { ALERT_TYPES, SEVERITIES, resolveAlertManually, type AlertType, type Severity } from "../domain/alerts.js";
import {
  alertCounts,
  alertsById,
  countAlerts,
  listAlerts,
  SEVERITY_RANK,
  type AlertQuery,
  type AlertRecord,
} from "../domain/alert-list.js";
import type { GraphQLContext } from "./context.js";
import { canSeePlant, plantScope, requireAnalyst } from "./guards.js";
import { ALERT_RAISED } from "./pubsub.js";
import { badUserInput, buildConnection, Connection, ConnectionArgs, decodeCursor, encodeCursor, validateFirst } from "./relay.js";
import { DateScalar, DateTimeScalar } from "./scalars.js";

export const AlertTypeEnum = Object.fromEntries(ALERT_TYPES.map((type) => [type, type])) as Record<AlertType, AlertType>;
export const SeverityEnum = Object.fromEntries(SEVERITIES.map((severity) => [severity, severity])) as Record<Severity, Severity>;
export enum AlertStatus {
  ACTIVE = "ACTIVE",
  RESOLVED = "RESOLVED",
}
export enum AlertResolution {
  AUTOMATIC = "AUTOMATIC",
  MANUAL = "MANUAL",
}

registerEnumType(AlertTypeEnum, { name: "AlertType", description: "What an alert is about (DOMAIN.md D8)." });
registerEnumType(SeverityEnum, { name: "Severity", description: "CRITICAL > HIGH > MEDIUM." });
registerEnumType(AlertStatus, { name: "AlertStatus" });
registerEnumType(AlertResolution, { name: "AlertResolution" });

@ObjectType({ description: "An alert: a condition found in the data at an as-of date." })
export class Alert {
  @Field(() => ID)
  id!: string;

  @Field(() => AlertTypeEnum)
  type!: AlertType;

  @Field(() => String, { description: "What it is about: a batch, a process order or a customer code." })
  entity!: string;

  @Field(() => SeverityEnum)
  severity!: Severity;

  @Field(() => String, { nullable: true, description: "Plant; null for company-wide alerts (OVERDUE_AR)." })
  plant!: string | null;

  @Field(() => String, { nullable: true })
  material!: string | null;

  @Field(() => Float, { nullable: true, description: "The measured value: working days, yield %, amount VND." })
  metricValue!: number | null;

  @Field(() => Float, { nullable: true })
  threshold!: number | null;

  @Field(() => String)
  message!: string;

  @Field(() => DateScalar, { description: "The as-of date the condition was last evaluated at." })
  asOfDate!: string;

  @Field(() => DateTimeScalar)
  detectedAt!: Date;

  @Field(() => ID, { nullable: true, description: "The load whose refresh raised it." })
  raisedByLoadId!: string | null;

  @Field(() => AlertStatus)
  status!: AlertStatus;

  @Field(() => DateTimeScalar, { nullable: true })
  resolvedAt!: Date | null;

  @Field(() => String, { nullable: true })
  resolvedBy!: string | null;

  @Field(() => AlertResolution, { nullable: true })
  resolution!: AlertResolution | null;

  @Field(() => String, { nullable: true })
  resolutionNote!: string | null;
}

@ObjectType("AlertConnection", { description: "Alerts, CRITICAL first, newest first within a severity." })
export class AlertConnection extends Connection(Alert, "Alert") {}

@InputType({ description: "Which alerts: by default every ACTIVE alert, whatever its date." })
export class AlertFilter {
  @Field(() => [AlertTypeEnum], { nullable: true })
  types?: AlertType[] | null;

  @Field(() => [String], { nullable: true })
  plants?: string[] | null;

  @Field(() => SeverityEnum, { nullable: true, description: "This severity and more severe ones." })
  minSeverity?: Severity | null;

  @Field(() => AlertStatus, { nullable: true, defaultValue: AlertStatus.ACTIVE })
  status?: AlertStatus | null;

  @Field(() => DateScalar, { nullable: true, description: "Detected on or after this date." })
  from?: string | null;

  @Field(() => DateScalar, { nullable: true, description: "Detected on or before this date." })
  to?: string | null;
}

@ArgsType()
export class AlertsArgs extends ConnectionArgs {
  @Field(() => AlertFilter, { nullable: true })
  filter?: AlertFilter | null;
}

@ObjectType({ description: "Counts of alerts per severity (DOMAIN.md §4.2 alert monitor)." })
export class AlertSummary {
  @Field(() => Int)
  critical!: number;

  @Field(() => Int)
  high!: number;

  @Field(() => Int)
  medium!: number;

  @Field(() => Int)
  total!: number;

  @Field(() => DateScalar, { description: "The as-of date the alerts are evaluated at." })
  asOfDate!: string;
}

@ArgsType()
export class AlertRaisedArgs {
  @Field(() => [AlertTypeEnum], { nullable: true })
  types?: AlertType[] | null;

  @Field(() => [String], { nullable: true })
  plants?: string[] | null;

  @Field(() => SeverityEnum, { nullable: true })
  minSeverity?: Severity | null;
}

@Resolver(() => Alert)
export class AlertResolver {
  @Query(() => AlertConnection, { description: "Alerts (default: every ACTIVE one), most severe and newest first." })
  async alerts(@Args(() => AlertsArgs) args: AlertsArgs, @Ctx() context: GraphQLContext) {
    const first = validateFirst(args.first);
    const query = alertQuery(args.filter, context);
    const after = args.after == null ? undefined : decodeAlertCursor(args.after);
    const rows = await listAlerts(context.database.db, query, { limit: first + 1, after });
    return buildConnection({
      rows,
      first,
      after: args.after,
      cursorOf: (row: AlertRecord) => encodeCursor("alert", `${SEVERITY_RANK[row.severity]}.${row.id}`),
      nodeOf: toAlert,
      totalCount: () => countAlerts(context.database.db, query),
    });
  }

  @Query(() => AlertSummary, { description: "Counts per severity of the alerts the filter selects (default: ACTIVE)." })
  async alertSummary(
    @Arg("filter", () => AlertFilter, { nullable: true }) filter: AlertFilter | null,
    @Ctx() context: GraphQLContext,
  ): Promise<AlertSummary> {
    const counts = await alertCounts(context.database.db, alertQuery(filter, context));
    return { ...counts, asOfDate: (await context.asOf()).date };
  }

  @Mutation(() => Alert, { description: "Resolves an active alert by hand (analyst or admin), with an optional note." })
  async resolveAlert(
    @Arg("id", () => ID) id: string,
    @Arg("note", () => String, { nullable: true }) note: string | null,
    @Ctx() context: GraphQLContext,
  ): Promise<Alert> {
    requireAnalyst(context.viewer);
    const alertId = /^\d{1,15}$/.test(id) ? Number(id) : NaN;
    if (!Number.isSafeInteger(alertId)) throw badUserInput(`"${id}" is not an alert id`);
    const db = context.database.db;
    const existing = (await alertsById(db, [alertId])).get(alertId);
    if (!existing || !canSeePlant(context.viewer, existing.plant)) throw badUserInput(`no alert ${id}`);
    if (existing.status !== "ACTIVE") throw badUserInput(`alert ${id} is already resolved`);
    await resolveAlertManually(db, alertId, context.viewer.user, note?.trim() || null);
    return toAlert((await alertsById(db, [alertId])).get(alertId)!);
  }

  @Subscription(() => Alert, {
    topics: ALERT_RAISED,
    description: "Each newly raised alert, once, as a load (through any API process) raises it.",
    filter: ({ payload, args, context }: { payload: AlertRecord; args: AlertRaisedArgs; context: GraphQLContext }) =>
      canSeePlant(context.viewer, payload.plant) &&
      (!args.types?.length || args.types.includes(payload.type)) &&
      (!args.plants?.length || (payload.plant !== null && args.plants.includes(payload.plant))) &&
      (!args.minSeverity || SEVERITY_RANK[payload.severity] <= SEVERITY_RANK[args.minSeverity]),
  })
  alertRaised(@Root() alert: AlertRecord, @Args(() => AlertRaisedArgs) _args: AlertRaisedArgs): Alert {
    return toAlert(alert);
  }
}

function alertQuery(filter: AlertFilter | null | undefined, context: GraphQLContext): AlertQuery {
  if (filter?.from && filter.to && filter.from > filter.to) throw badUserInput(`"from" is after "to"`);
  return {
    types: filter?.types ?? undefined,
    plants: plantScope(context.viewer, filter?.plants),
    minSeverity: filter?.minSeverity ?? undefined,
    status: filter?.status ?? "ACTIVE",
    from: filter?.from ?? undefined,
    to: filter?.to ?? undefined,
  };
}

function decodeAlertCursor(cursor: string) {
  const [rank, id] = decodeCursor("alert", cursor).split(".").map(Number);
  if (!Number.isInteger(rank) || !Number.isSafeInteger(id)) throw badUserInput(`"after" is not a valid cursor for this list.`);
  return { rank, id };
}

export function toAlert(record: AlertRecord): Alert {
  return {
    ...record,
    id: String(record.id),
    raisedByLoadId: record.raisedByLoadId === null ? null : String(record.raisedByLoadId),
    status: record.status as AlertStatus,
    resolution: record.resolution as AlertResolution | null,
  };
}
