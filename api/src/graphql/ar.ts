/**
 * AR collection and aging in the API (DOMAIN.md §3.8, §4.1 AR endpoints, §4.2 item 3, §6 D10): one
 * ZRFI005 snapshot at a time (default the latest, never summed across snapshots). "Target" is the
 * *collection target* (what should be collected, by days overdue), "Realization" what was collected
 * against it. Overdue is shown both as > 30 days (the old KPI) and ≥ 1 day; DSO is an approximation
 * and says so. AR has no plant: every query needs a token without a `plants` claim (CONTRACT.md
 * "Auth"). Numbers are unrounded.
 *
 * Old endpoint → query: ar-aging/snapshots → arSnapshots; ar-aging/summary and ar-aging/by-bucket →
 * arAging (with `buckets`, `divisions { buckets }`); ar-aging/customers → arCustomers, or
 * `arAging { customers }`.
 */
import "reflect-metadata";
import { sql } from "kysely";
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
import type { Db } from "../db/database.js";
import {
  arBuckets,
  arCustomers,
  arSnapshots,
  arSummary,
  DSO_WINDOW_DAYS,
  type ArCustomerFilter as DomainArCustomerFilter,
  type ArCustomerRow as DomainArCustomerRow,
  type ArFigures as DomainArFigures,
} from "../domain/ar.js";
import type { GraphQLContext } from "./context.js";
import { requireCompanyWide } from "./guards.js";
import { buildConnection, Connection, ConnectionArgs, encodeCursor, validateFirst, type ConnectionResult } from "./relay.js";
import { decodeOffset, isoDay } from "./sales.js";
import { Division } from "./sales-types.js";
import { DateScalar } from "./scalars.js";

export enum ArRisk {
  HIGH = "HIGH",
  MEDIUM = "MEDIUM",
  LOW = "LOW",
}
export enum ArBucketName {
  NOT_DUE = "NOT_DUE",
  DAYS_1_30 = "DAYS_1_30",
  DAYS_31_60 = "DAYS_31_60",
  DAYS_61_90 = "DAYS_61_90",
  DAYS_91_120 = "DAYS_91_120",
  DAYS_121_180 = "DAYS_121_180",
  OVER_180 = "OVER_180",
}
registerEnumType(ArRisk, {
  name: "ArRisk",
  description: "Risk of an AR row (DOMAIN.md §3.8): HIGH with a target > 180 days, MEDIUM with a target 91–180 days, else LOW.",
});
registerEnumType(ArBucketName, { name: "ArBucketName", description: "The seven aging buckets of ZRFI005 (DOMAIN.md §3.8)." });

@ObjectType("ArSnapshot", { description: "A loaded ZRFI005 snapshot." })
export class ArSnapshot {
  @Field(() => DateScalar)
  snapshotDate!: string;

  @Field(() => Int)
  rowCount!: number;

  @Field(() => Int)
  customerCount!: number;

  @Field(() => Float, { description: "Σ Total Target: the collection target." })
  collectionTarget!: number;

  @Field(() => Float, { description: "Σ Total Realization: collected against the target." })
  collectionRealization!: number;

  @Field(() => Float, { nullable: true, description: "collectionRealization ÷ collectionTarget × 100." })
  collectionRatePercent!: number | null;
}

@ObjectType("ArBucket", { description: "One aging bucket: collection target and realization." })
export class ArBucket {
  @Field(() => ArBucketName)
  bucket!: ArBucketName;

  @Field(() => Float, { nullable: true, description: "Collection target of the bucket; null for NOT_DUE (ZRFI005 has no such target)." })
  target!: number | null;

  @Field(() => Float)
  realization!: number;
}

@ObjectType("DsoApproximation", {
  description:
    "DSO approximation (DOMAIN.md §3.8): (Σ collection target − Σ realization) ÷ Σ VAT-inclusive billing of the 90 days ending " +
    "on the snapshot date × 90. An approximation: the AR target is not the open ledger balance.",
})
export class DsoApproximation {
  @Field(() => Boolean, { description: "Always true: this is an approximation, label it so." })
  isApproximation!: boolean;

  @Field(() => Float, { nullable: true, description: "Days; null without billing in the sales window." })
  days!: number | null;

  @Field(() => Float, { description: "Σ collection target − Σ realization." })
  outstanding!: number;

  @Field(() => Float, { description: "Σ ZRSD002 Total (incl. VAT) in VND billed salesFrom…salesTo, cancelled invoices excluded." })
  grossSales!: number;

  @Field(() => DateScalar)
  salesFrom!: string;

  @Field(() => DateScalar)
  salesTo!: string;

  @Field(() => Int, { description: "Days of billing the approximation divides by." })
  windowDays!: number;

  @Field(() => Boolean, {
    description: "False when the loaded billing starts after salesFrom: the divisor misses days and DSO reads high.",
  })
  salesHistoryComplete!: boolean;
}

// Not emitted itself: type-graphql 2 only emits the types reachable from resolvers (the subclasses).
@ObjectType()
abstract class ArFigures {
  @Field(() => DateScalar)
  snapshotDate!: string;

  @Field(() => Int, { description: "ZRFI005 rows (customer × channel × salesman)." })
  rowCount!: number;

  @Field(() => Int, { description: "Distinct customer codes." })
  customerCount!: number;

  @Field(() => Float, { description: "Σ Total Target: the collection target (the desired UI's \"Total Outstanding\")." })
  collectionTarget!: number;

  @Field(() => Float, { description: "Σ Total Realization: collected against the target (\"Total Collected\")." })
  collectionRealization!: number;

  @Field(() => Float, { nullable: true, description: "collectionRealization ÷ collectionTarget × 100." })
  collectionRatePercent!: number | null;

  @Field(() => Float, { description: "Σ collection target 31 days and older (the old overdue KPI)." })
  overdueOver30!: number;

  @Field(() => Float, { nullable: true })
  overdueOver30Percent!: number | null;

  @Field(() => Float, { description: "Σ collection target from 1 day." })
  overdueFrom1!: number;

  @Field(() => Float, { nullable: true })
  overdueFrom1Percent!: number | null;

  @Field(() => Float, { description: "Bad debt: Σ collection target > 180 days." })
  badDebt!: number;

  @Field(() => Float, { nullable: true, description: "badDebt ÷ collectionTarget × 100." })
  badDebtPercent!: number | null;

  @Field(() => Int, { description: "Distinct customers with a HIGH-risk row." })
  highRiskCustomers!: number;

  @Field(() => DsoApproximation)
  dso!: DsoApproximation;
}

@ObjectType("ArDivisionAging", { description: "The AR figures of one division (11 Industry, 13 Retail, 15 Project, else Other)." })
export class ArDivisionAging extends ArFigures {
  @Field(() => Division)
  division!: Division;
}

@ObjectType("ArAging", {
  description: "AR collection and aging of one ZRFI005 snapshot: KPI cards, buckets, divisions, DSO approximation, customers.",
})
export class ArAging extends ArFigures {
  @Field(() => [ArDivisionAging], { description: "Per division: the division summary table." })
  divisions!: ArDivisionAging[];
}

@ObjectType("ArCustomer", { description: "One AR row (customer × channel × salesman) of a snapshot with its buckets, overdue and risk." })
export class ArCustomer {
  @Field(() => DateScalar)
  snapshotDate!: string;

  @Field(() => String)
  customerCode!: string;

  @Field(() => String, { nullable: true })
  customerName!: string | null;

  @Field(() => String, { nullable: true })
  channel!: string | null;

  @Field(() => Division)
  division!: Division;

  @Field(() => String, { nullable: true })
  customerGroup!: string | null;

  @Field(() => String, { nullable: true })
  salesmanCode!: string | null;

  @Field(() => String, { nullable: true })
  salesmanName!: string | null;

  @Field(() => [ArBucket])
  buckets!: ArBucket[];

  @Field(() => Float, { description: "Total Target: the collection target (outstanding)." })
  collectionTarget!: number;

  @Field(() => Float, { description: "Total Realization (collected)." })
  collectionRealization!: number;

  @Field(() => Float, { nullable: true })
  collectionRatePercent!: number | null;

  @Field(() => Float)
  overdueOver30!: number;

  @Field(() => Float, { nullable: true })
  overdueOver30Percent!: number | null;

  @Field(() => Float)
  overdueFrom1!: number;

  @Field(() => Float, { nullable: true })
  overdueFrom1Percent!: number | null;

  @Field(() => Float)
  badDebt!: number;

  @Field(() => ArRisk)
  risk!: ArRisk;
}

@ObjectType("ArCustomerConnection", { description: "AR rows with a target or a realization, largest collection target first (top debtors)." })
export class ArCustomerConnection extends Connection(ArCustomer, "ArCustomer") {
  @Field(() => DateScalar)
  snapshotDate!: string;
}

@InputType({ description: "Which AR rows to list: one snapshot (default the latest), optionally one division, risk or salesman." })
export class ArCustomerFilter {
  @Field(() => DateScalar, { nullable: true, description: "Default the latest snapshot." })
  snapshotDate?: Date | string | null;

  @Field(() => Division, { nullable: true })
  division?: Division | null;

  @Field(() => ArRisk, { nullable: true })
  risk?: ArRisk | null;

  @Field(() => String, { nullable: true, description: "Salesman code, or name (matched as targets match names)." })
  salesman?: string | null;
}

@ArgsType()
class ArCustomersArgs extends ConnectionArgs {
  @Field(() => ArCustomerFilter, { nullable: true })
  filter?: ArCustomerFilter | null;
}

@ArgsType()
class ArAgingCustomersArgs extends ConnectionArgs {
  @Field(() => Division, { nullable: true })
  division?: Division | null;

  @Field(() => ArRisk, { nullable: true })
  risk?: ArRisk | null;

  @Field(() => String, { nullable: true, description: "Salesman code, or name (matched as targets match names)." })
  salesman?: string | null;
}

@Resolver(() => ArAging)
export class ArResolver {
  @Query(() => [ArSnapshot], { description: "The loaded ZRFI005 snapshots, newest first." })
  async arSnapshots(@Ctx() context: GraphQLContext): Promise<ArSnapshot[]> {
    requireCompanyWide(context.viewer);
    const snapshots = await arSnapshots(context.database.db);
    return snapshots.map((snapshot) => ({
      snapshotDate: snapshot.snapshotDate,
      rowCount: snapshot.rowCount,
      customerCount: snapshot.customerCount,
      collectionTarget: snapshot.totalTarget,
      collectionRealization: snapshot.totalRealization,
      collectionRatePercent: snapshot.totalTarget === 0 ? null : (snapshot.totalRealization / snapshot.totalTarget) * 100,
    }));
  }

  @Query(() => ArAging, {
    nullable: true,
    description:
      "AR of one snapshot (default the latest): collection target and realization, collection rate, overdue > 30 and ≥ 1 day, " +
      "bad debt and its share, DSO approximation, buckets, divisions, customers. Null when the snapshot is not loaded.",
  })
  async arAging(
    @Arg("snapshotDate", () => DateScalar, { nullable: true, description: "Default the latest snapshot." }) snapshotDate: Date | string | null,
    @Ctx() context: GraphQLContext,
  ): Promise<ArAging | null> {
    requireCompanyWide(context.viewer);
    const summary = await arSummary(context.database.db, { snapshot: isoDay(snapshotDate) });
    if (summary === null) return null;
    return {
      ...toFigures(summary.snapshotDate, summary),
      divisions: summary.divisions.map((division) => ({
        ...toFigures(summary.snapshotDate, division),
        division: division.division as Division,
      })),
    };
  }

  @Query(() => ArCustomerConnection, {
    nullable: true,
    description: "AR rows of one snapshot (default the latest), largest collection target first. Null when the snapshot is not loaded.",
  })
  async arCustomers(@Args(() => ArCustomersArgs) args: ArCustomersArgs, @Ctx() context: GraphQLContext) {
    requireCompanyWide(context.viewer);
    return customerConnection(context, args, {
      snapshot: isoDay(args.filter?.snapshotDate),
      division: args.filter?.division ?? undefined,
      risk: args.filter?.risk ?? undefined,
      salesman: args.filter?.salesman?.trim() || undefined,
    });
  }

  @FieldResolver(() => [ArBucket], { description: "The seven aging buckets: collection target and realization." })
  async buckets(@Root() aging: ArAging, @Ctx() context: GraphQLContext): Promise<ArBucket[]> {
    requireCompanyWide(context.viewer);
    return bucketsOf(context.database.db, aging.snapshotDate);
  }

  @FieldResolver(() => ArCustomerConnection, { description: "AR rows of this snapshot, largest collection target first (top debtors)." })
  async customers(@Root() aging: ArAging, @Args(() => ArAgingCustomersArgs) args: ArAgingCustomersArgs, @Ctx() context: GraphQLContext) {
    requireCompanyWide(context.viewer);
    const connection = await customerConnection(context, args, {
      snapshot: aging.snapshotDate,
      division: args.division ?? undefined,
      risk: args.risk ?? undefined,
      salesman: args.salesman?.trim() || undefined,
    });
    return connection!;
  }
}

@Resolver(() => ArDivisionAging)
export class ArDivisionResolver {
  @FieldResolver(() => [ArBucket], { description: "The division's aging buckets: collection target and realization." })
  async buckets(@Root() division: ArDivisionAging, @Ctx() context: GraphQLContext): Promise<ArBucket[]> {
    requireCompanyWide(context.viewer);
    return bucketsOf(context.database.db, division.snapshotDate, division.division);
  }
}

function toFigures(snapshotDate: string, figures: DomainArFigures): ArFigures {
  return {
    snapshotDate,
    rowCount: figures.rowCount,
    customerCount: figures.customerCount,
    collectionTarget: figures.totalTarget,
    collectionRealization: figures.totalRealization,
    collectionRatePercent: figures.collectionRatePercent,
    overdueOver30: figures.overdueOver30,
    overdueOver30Percent: figures.overdueOver30Percent,
    overdueFrom1: figures.overdueFrom1,
    overdueFrom1Percent: figures.overdueFrom1Percent,
    badDebt: figures.badDebt,
    badDebtPercent: figures.badDebtPercent,
    highRiskCustomers: figures.highRiskCustomers,
    dso: { ...figures.dso, windowDays: DSO_WINDOW_DAYS },
  };
}

async function bucketsOf(db: Db, snapshot: string, division?: Division): Promise<ArBucket[]> {
  const result = await arBuckets(db, { snapshot, division });
  return (result?.buckets ?? []).map((bucket) => ({ ...bucket, bucket: bucket.bucket as ArBucketName }));
}

async function customerConnection(
  context: GraphQLContext,
  args: ConnectionArgs,
  filter: Omit<DomainArCustomerFilter, "limit" | "offset">,
): Promise<(ConnectionResult<ArCustomer> & { snapshotDate: string }) | null> {
  const first = validateFirst(args.first);
  const offset = args.after == null ? 0 : decodeOffset("arcustomer", args.after);
  const db = context.database.db;
  const result = await arCustomers(db, { ...filter, limit: first + 1, offset });
  if (result === null) return null;
  const { snapshotDate } = result;
  const connection = buildConnection({
    rows: result.customers.map((row, index) => ({ row, position: offset + index + 1 })),
    first,
    after: args.after,
    cursorOf: (item) => encodeCursor("arcustomer", item.position),
    nodeOf: (item) => toArCustomer(snapshotDate, item.row),
    totalCount: () => countArCustomers(db, snapshotDate, filter),
  });
  // Keep the lazy totalCount getter: add the snapshot to the same object.
  return Object.assign(connection, { snapshotDate });
}

/** How many rows `arCustomers` lists with the same filter (the same conditions, no limit). */
async function countArCustomers(db: Db, snapshotDate: string, filter: DomainArCustomerFilter): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*) as n
    from ar_row
    where snapshot_date = ${snapshotDate}::date
      and (total_target > 0 or total_realization > 0)
      ${filter.division === undefined ? sql`` : sql`and division = ${filter.division}`}
      ${filter.risk === undefined ? sql`` : sql`and risk = ${filter.risk}`}
      ${
        filter.salesman === undefined
          ? sql``
          : sql`and (salesman_code = ${filter.salesman} or salesman_key = salesman_key(${filter.salesman}))`
      }`.execute(db);
  return Number(rows[0].n);
}

function toArCustomer(snapshotDate: string, row: DomainArCustomerRow): ArCustomer {
  return {
    snapshotDate,
    customerCode: row.customerCode,
    customerName: row.customerName,
    channel: row.channel,
    division: row.division as Division,
    customerGroup: row.customerGroup,
    salesmanCode: row.salesmanCode,
    salesmanName: row.salesmanName,
    buckets: row.buckets.map((bucket) => ({ ...bucket, bucket: bucket.bucket as ArBucketName })),
    collectionTarget: row.totalTarget,
    collectionRealization: row.totalRealization,
    collectionRatePercent: row.collectionRatePercent,
    overdueOver30: row.overdueOver30,
    overdueOver30Percent: row.overdueOver30Percent,
    overdueFrom1: row.overdueFrom1,
    overdueFrom1Percent: row.overdueFrom1Percent,
    badDebt: row.badDebt,
    risk: row.risk as ArRisk,
  };
}
