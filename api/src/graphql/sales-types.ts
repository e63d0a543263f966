/**
 * Types of the sales, semester-target and executive queries (DOMAIN.md §3.7, §3.11, §4.1 Executive
 * and Sales endpoints, §4.2 items 1–2, §6 D9): filters, KPI totals, channels, customers, salesmen,
 * products, the monthly trend, segmentation, churn risk and the semester leaderboard. Revenue is Net
 * Value ex-VAT in VND with cancelled invoices excluded. Numbers are unrounded (CONTRACT.md "GraphQL
 * details"); every figure that depends on the as-of date carries `asOfDate`, windowed ones `from`/`to`.
 */
import "reflect-metadata";
import { ArgsType, Field, Float, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { Connection, ConnectionArgs } from "./relay.js";
import { DateScalar } from "./scalars.js";

export enum Division {
  INDUSTRY = "INDUSTRY",
  EXPORT = "EXPORT",
  RETAIL = "RETAIL",
  PROJECT = "PROJECT",
  OTHER = "OTHER",
}
export enum CustomerSegment {
  VIP = "VIP",
  LOYAL = "LOYAL",
  HIGH_VALUE = "HIGH_VALUE",
  CASUAL = "CASUAL",
}
export enum TargetStatus {
  ON_TRACK = "ON_TRACK",
  WARNING = "WARNING",
  BEHIND = "BEHIND",
  NO_TARGET = "NO_TARGET",
  NOT_STARTED = "NOT_STARTED",
}
registerEnumType(Division, {
  name: "Division",
  description: "Distribution channel group (DOMAIN.md §2.6): 11 INDUSTRY, 12 EXPORT, 13 RETAIL, 15 PROJECT, anything else OTHER.",
});
registerEnumType(CustomerSegment, {
  name: "CustomerSegment",
  description:
    "Segmentation at the upper medians of order frequency and revenue (DOMAIN.md §3.7): VIP both ≥, LOYAL frequency only, " +
    "HIGH_VALUE revenue only, CASUAL neither.",
});
registerEnumType(TargetStatus, {
  name: "TargetStatus",
  description:
    "Semester target status on the pro-rated achievement (DOMAIN.md D9): ON_TRACK ≥ 90 %, WARNING 70 to < 90 %, BEHIND < 70 % " +
    "(thresholds configurable); NO_TARGET without a positive target; NOT_STARTED before the semester.",
});

@InputType({ description: "A date window, inclusive. No from/to = the calendar month of the as-of date (CONTRACT.md)." })
export class DateRangeFilter {
  @Field(() => DateScalar, { nullable: true, description: "First day; default the first day of the as-of month." })
  from?: Date | string | null;

  @Field(() => DateScalar, { nullable: true, description: "Last day; default the last day of the as-of month." })
  to?: Date | string | null;
}

@InputType({
  description: "Billing lines (ZRSD002) by billing date, inclusive; no from/to = the calendar month of the as-of date (CONTRACT.md).",
})
export class SalesFilter {
  @Field(() => DateScalar, { nullable: true, description: "First billing date; default the first day of the as-of month." })
  from?: Date | string | null;

  @Field(() => DateScalar, { nullable: true, description: "Last billing date; default the last day of the as-of month." })
  to?: Date | string | null;

  @Field(() => String, {
    nullable: true,
    description: "Distribution channel code (`11` Industry, `12` Export, `13` Retail, `15` Project): the old API's `division`. Default every channel.",
  })
  channel?: string | null;
}

@ObjectType("SalesPeriod", { description: "A date window, inclusive." })
export class SalesPeriod {
  @Field(() => DateScalar)
  from!: string;

  @Field(() => DateScalar)
  to!: string;
}

@ObjectType("SalesPeriodTotals", { description: "Sales KPIs of one window." })
export class SalesPeriodTotals {
  @Field(() => DateScalar)
  from!: string;

  @Field(() => DateScalar)
  to!: string;

  @Field(() => Float, { description: "Σ Net Value ex-VAT in VND, cancelled invoices excluded." })
  revenue!: number;

  @Field(() => Int, { description: "Distinct sold-to codes." })
  customers!: number;

  @Field(() => Int, { description: "Distinct sales orders (`SO No.`)." })
  orders!: number;

  @Field(() => Float, { nullable: true, description: "revenue ÷ orders; null without orders." })
  averageOrderValue!: number | null;

  @Field(() => Int)
  billingLines!: number;
}

@ObjectType("SalesSummary", { description: "Sales KPI cards (DOMAIN.md §4.2 item 2) with growth against the previous equal-length window." })
export class SalesSummary {
  @Field(() => DateScalar)
  asOfDate!: string;

  @Field(() => DateScalar)
  from!: string;

  @Field(() => DateScalar)
  to!: string;

  @Field(() => Float, { description: "Total sales: Σ Net Value ex-VAT in VND." })
  revenue!: number;

  @Field(() => Int, { description: "Distinct sold-to codes." })
  customers!: number;

  @Field(() => Int, { description: "Distinct sales orders." })
  orders!: number;

  @Field(() => Float, { nullable: true, description: "revenue ÷ orders." })
  averageOrderValue!: number | null;

  @Field(() => Int)
  billingLines!: number;

  @Field(() => SalesPeriodTotals, { description: "The equal-length window just before `from`." })
  previous!: SalesPeriodTotals;

  @Field(() => Float, { nullable: true, description: "(revenue − previous revenue) ÷ previous revenue × 100; null when the previous window has none." })
  revenueGrowthPercent!: number | null;
}

@ObjectType("ChannelSales", { description: "Sales of one distribution channel in the window." })
export class ChannelSales {
  @Field(() => String)
  channel!: string;

  @Field(() => Division)
  division!: Division;

  @Field(() => Float)
  revenue!: number;

  @Field(() => Int)
  customers!: number;

  @Field(() => Int)
  orders!: number;

  @Field(() => Float, { nullable: true })
  averageOrderValue!: number | null;

  @Field(() => Int)
  billingLines!: number;

  @Field(() => Float, { nullable: true, description: "Share of the window's revenue, %." })
  revenueSharePercent!: number | null;
}

@ObjectType("SalesByChannel", { description: "Revenue, customers, orders and AOV per channel, largest revenue first." })
export class SalesByChannel {
  @Field(() => DateScalar)
  asOfDate!: string;

  @Field(() => DateScalar)
  from!: string;

  @Field(() => DateScalar)
  to!: string;

  @Field(() => [ChannelSales])
  channels!: ChannelSales[];
}

@ObjectType("CustomerChannelSales", { description: "A customer's sales in one channel (the old customer × channel table)." })
export class CustomerChannelSales {
  @Field(() => String)
  channel!: string;

  @Field(() => Division)
  division!: Division;

  @Field(() => Float)
  revenue!: number;

  @Field(() => Float, { description: "Billed quantity in the sales unit(s) of `salesUnits` (mixed units are added as billed)." })
  quantity!: number;

  @Field(() => [String])
  salesUnits!: string[];

  @Field(() => Int)
  orders!: number;

  @Field(() => Float, { nullable: true })
  averageOrderValue!: number | null;

  @Field(() => Int)
  billingLines!: number;
}

@ObjectType("CustomerSales", { description: "A customer (keyed by sold-to code, shown by its latest name) in the window." })
export class CustomerSales {
  @Field(() => String)
  customerCode!: string;

  @Field(() => String)
  customerName!: string;

  @Field(() => [String], { description: "Channels billed in the window." })
  channels!: string[];

  @Field(() => Float)
  revenue!: number;

  @Field(() => Int, { description: "Distinct sales orders." })
  orders!: number;

  @Field(() => Float, { nullable: true })
  averageOrderValue!: number | null;

  @Field(() => Int)
  billingLines!: number;

  @Field(() => [CustomerChannelSales], { description: "The same figures per channel, largest revenue first." })
  byChannel!: CustomerChannelSales[];
}

@ObjectType("TopCustomers", { description: "Customers by revenue, largest first." })
export class TopCustomers {
  @Field(() => DateScalar)
  asOfDate!: string;

  @Field(() => DateScalar)
  from!: string;

  @Field(() => DateScalar)
  to!: string;

  @Field(() => [CustomerSales])
  customers!: CustomerSales[];
}

@ObjectType("CustomerSalesConnection", { description: "Customers by revenue, largest first." })
export class CustomerSalesConnection extends Connection(CustomerSales, "CustomerSales") {
  @Field(() => DateScalar)
  asOfDate!: string;

  @Field(() => DateScalar)
  from!: string;

  @Field(() => DateScalar)
  to!: string;
}

@ArgsType()
export class SalesCustomersArgs extends ConnectionArgs {
  @Field(() => SalesFilter, { nullable: true })
  filter?: SalesFilter | null;
}

@ObjectType("SalesmanSales", { description: "A salesman's sales in the window (names grouped as targets match them, D9)." })
export class SalesmanSales {
  @Field(() => String, { nullable: true, description: "The latest billed spelling; null for lines without a salesman." })
  salesmanName!: string | null;

  @Field(() => [String])
  salesmanIds!: string[];

  @Field(() => Float)
  revenue!: number;

  @Field(() => Int)
  customers!: number;

  @Field(() => Int)
  orders!: number;

  @Field(() => Float, { nullable: true })
  revenueSharePercent!: number | null;
}

@ObjectType("TopSalesmen", { description: "Salesmen by revenue, largest first." })
export class TopSalesmen {
  @Field(() => DateScalar)
  asOfDate!: string;

  @Field(() => DateScalar)
  from!: string;

  @Field(() => DateScalar)
  to!: string;

  @Field(() => [SalesmanSales])
  salesmen!: SalesmanSales[];
}

@ObjectType("ProductSales", { description: "A material's sales in the window." })
export class ProductSales {
  @Field(() => String)
  material!: string;

  @Field(() => String, { nullable: true })
  materialDescription!: string | null;

  @Field(() => String, { nullable: true })
  productHierarchy!: string | null;

  @Field(() => Float)
  revenue!: number;

  @Field(() => Float, { description: "Billed quantity in the sales unit(s) of `salesUnits`." })
  quantity!: number;

  @Field(() => [String])
  salesUnits!: string[];

  @Field(() => Int)
  orders!: number;

  @Field(() => Int)
  customers!: number;
}

@ObjectType("TopProducts", { description: "Materials by revenue, largest first (no margin: the exports carry no cost data)." })
export class TopProducts {
  @Field(() => DateScalar)
  asOfDate!: string;

  @Field(() => DateScalar)
  from!: string;

  @Field(() => DateScalar)
  to!: string;

  @Field(() => [ProductSales])
  products!: ProductSales[];
}

@ObjectType("MonthSales", { description: "Sales of one calendar month." })
export class MonthSales {
  @Field(() => Int, { description: "1…12" })
  month!: number;

  @Field(() => String, { description: "English month name; widgets translate." })
  monthName!: string;

  @Field(() => DateScalar)
  monthStart!: string;

  @Field(() => Float)
  revenue!: number;

  @Field(() => Int)
  orders!: number;

  @Field(() => Int)
  customers!: number;
}

@ObjectType("SalesTrend", { description: "Revenue, orders and customers per calendar month of one year, all 12 months." })
export class SalesTrend {
  @Field(() => DateScalar)
  asOfDate!: string;

  @Field(() => Int)
  year!: number;

  @Field(() => String, { nullable: true, description: "The channel asked for; null = every channel." })
  channel!: string | null;

  @Field(() => [MonthSales])
  months!: MonthSales[];
}

@ObjectType("SegmentedCustomer")
export class SegmentedCustomer {
  @Field(() => String)
  customerCode!: string;

  @Field(() => String)
  customerName!: string;

  @Field(() => Int, { description: "Order frequency: distinct sales orders in the window." })
  orders!: number;

  @Field(() => Float)
  revenue!: number;

  @Field(() => CustomerSegment)
  segment!: CustomerSegment;
}

@ObjectType("SegmentCount")
export class SegmentCount {
  @Field(() => CustomerSegment)
  segment!: CustomerSegment;

  @Field(() => Int)
  count!: number;
}

@ObjectType("CustomerSegmentation", { description: "The segmentation scatter (DOMAIN.md §3.7) with its median lines." })
export class CustomerSegmentation {
  @Field(() => DateScalar)
  asOfDate!: string;

  @Field(() => DateScalar)
  from!: string;

  @Field(() => DateScalar)
  to!: string;

  @Field(() => Float, { nullable: true, description: "Upper median of order frequency (element ⌊n/2⌋ of the ascending list)." })
  ordersThreshold!: number | null;

  @Field(() => Float, { nullable: true, description: "Upper median of revenue." })
  revenueThreshold!: number | null;

  @Field(() => [SegmentCount], { description: "VIP, LOYAL, HIGH_VALUE, CASUAL." })
  segmentCounts!: SegmentCount[];

  @Field(() => [SegmentedCustomer], { description: "Largest revenue first." })
  customers!: SegmentedCustomer[];
}

@ObjectType("ChurnRiskCustomer")
export class ChurnRiskCustomer {
  @Field(() => String)
  customerCode!: string;

  @Field(() => String)
  customerName!: string;

  @Field(() => Float, { description: "Revenue in the calendar month before the as-of month." })
  lastMonthRevenue!: number;

  @Field(() => Float, { description: "Revenue in the month before that." })
  priorMonthRevenue!: number;

  @Field(() => Float, { nullable: true, description: "Last month vs prior month, %; null when the prior month has no revenue." })
  trendPercent!: number | null;
}

@ObjectType("ChurnRisk", {
  description:
    "Customers in the top quartile of last calendar month's revenue with no billing in the as-of month so far (DOMAIN.md §3.7).",
})
export class ChurnRisk {
  @Field(() => DateScalar)
  asOfDate!: string;

  @Field(() => SalesPeriod, { description: "The as-of month up to the as-of date." })
  currentMonth!: SalesPeriod;

  @Field(() => SalesPeriod)
  lastMonth!: SalesPeriod;

  @Field(() => Float, { nullable: true, description: "Top-quartile threshold of last month's revenue (element ⌊0.75 n⌋ ascending)." })
  revenueThreshold!: number | null;

  @Field(() => [ChurnRiskCustomer], { description: "Largest last-month revenue first." })
  customers!: ChurnRiskCustomer[];
}

@ObjectType("SalesmanTarget", { description: "One leaderboard row: a salesman's semester target and achievement (DOMAIN.md D9)." })
export class SalesmanTarget {
  @Field(() => String, { description: "The billed spelling when the salesman billed in the semester, else the target file's." })
  salesmanName!: string;

  @Field(() => [String])
  salesmanIds!: string[];

  @Field(() => Float, { nullable: true, description: "Full-semester target; null when the target file has none for this semester." })
  target!: number | null;

  @Field(() => Float, { nullable: true, description: "target × elapsedDays ÷ semesterDays." })
  proRatedTarget!: number | null;

  @Field(() => Float, { description: "Revenue billed in the semester up to the as-of date." })
  actual!: number;

  @Field(() => Float, { nullable: true, description: "actual ÷ target × 100." })
  achievementPercent!: number | null;

  @Field(() => Float, { nullable: true, description: "actual ÷ proRatedTarget × 100: the status is judged on it." })
  proRatedAchievementPercent!: number | null;

  @Field(() => Float, { nullable: true, description: "actual − target." })
  variance!: number | null;

  @Field(() => Float, { nullable: true, description: "actual − proRatedTarget." })
  proRatedVariance!: number | null;

  @Field(() => TargetStatus)
  status!: TargetStatus;

  @Field(() => Boolean)
  hasTarget!: boolean;

  @Field(() => Boolean, { description: "Billed in the semester up to the as-of date." })
  hasBilling!: boolean;
}

@ObjectType("SalesTargetTotals", { description: "Totals over the salesmen that have a target." })
export class SalesTargetTotals {
  @Field(() => Float)
  target!: number;

  @Field(() => Float)
  proRatedTarget!: number;

  @Field(() => Float)
  actual!: number;

  @Field(() => Float, { nullable: true })
  achievementPercent!: number | null;

  @Field(() => Float, { nullable: true })
  proRatedAchievementPercent!: number | null;

  @Field(() => Float)
  variance!: number;

  @Field(() => Float)
  proRatedVariance!: number;

  @Field(() => TargetStatus)
  status!: TargetStatus;
}

@ObjectType("SalesmanNameMatching", { description: "Salesman names that did not match (NFC-normalised, trimmed, case-folded; D9)." })
export class SalesmanNameMatching {
  @Field(() => [String], { description: "Names billing without a target." })
  billingWithoutTarget!: string[];

  @Field(() => [String], { description: "Names with a target and no billing." })
  targetWithoutBilling!: string[];
}

@ObjectType("SalesTargets", {
  description:
    "The semester leaderboard (DOMAIN.md §3.7, D9): achievement against the full and the pro-rated target, best pro-rated " +
    "achievement first, salesmen without a target last.",
})
export class SalesTargets {
  @Field(() => DateScalar)
  asOfDate!: string;

  @Field(() => Int)
  year!: number;

  @Field(() => Int, { description: "1 = January–June, 2 = July–December." })
  semester!: number;

  @Field(() => DateScalar)
  semesterStart!: string;

  @Field(() => DateScalar)
  semesterEnd!: string;

  @Field(() => Int)
  semesterDays!: number;

  @Field(() => Int, { description: "Days from the semester start to the as-of date, both included, within 0…semesterDays." })
  elapsedDays!: number;

  @Field(() => [SalesmanTarget])
  salesmen!: SalesmanTarget[];

  @Field(() => SalesTargetTotals)
  totals!: SalesTargetTotals;

  @Field(() => Float, { description: "Revenue of salesmen billing in the semester without a target." })
  revenueWithoutTarget!: number;

  @Field(() => Float, { description: "Revenue of billing lines without a salesman name." })
  revenueWithoutSalesman!: number;

  @Field(() => SalesmanNameMatching, {
    description: "This semester: names billing in it (up to the as-of date) without a target for it, and targets without billing in it.",
  })
  unmatched!: SalesmanNameMatching;

  @Field(() => SalesmanNameMatching, {
    description: "Over everything loaded, whatever the period: billing names no target row carries, and target names that never billed.",
  })
  unmatchedOverall!: SalesmanNameMatching;
}

@ObjectType("ProductionCompletion", {
  description: "P01 orders released in the window with DLV or TECO ÷ P01 orders released in the window (DOMAIN.md §3.11).",
})
export class ProductionCompletion {
  @Field(() => DateScalar)
  from!: string;

  @Field(() => DateScalar)
  to!: string;

  @Field(() => Int)
  releasedOrders!: number;

  @Field(() => Int)
  completedOrders!: number;

  @Field(() => Float, { nullable: true })
  completionPercent!: number | null;
}

@ObjectType("ExecutiveSummary", {
  description:
    "The executive dashboard (DOMAIN.md §3.11, §4.2 item 1): sales KPI cards, production completion, inventory items, the AR " +
    "totals of the latest snapshot, revenue by channel and the top 10 customers.",
})
export class ExecutiveSummary {
  @Field(() => DateScalar)
  asOfDate!: string;

  @Field(() => DateScalar)
  from!: string;

  @Field(() => DateScalar)
  to!: string;

  @Field(() => Float, { description: "Σ Net Value ex-VAT in VND." })
  totalRevenue!: number;

  @Field(() => Float, { nullable: true, description: "Against the previous equal-length window (`previous`); null when it has no revenue." })
  revenueGrowthPercent!: number | null;

  @Field(() => SalesPeriodTotals)
  previous!: SalesPeriodTotals;

  @Field(() => Int, { description: "Distinct sold-to codes billed in the window." })
  totalCustomers!: number;

  @Field(() => Int, { description: "The same as totalCustomers: customers billed in the window." })
  activeCustomers!: number;

  @Field(() => Int, { description: "Distinct sales orders billed in the window." })
  totalOrders!: number;

  @Field(() => Float, { nullable: true })
  averageOrderValue!: number | null;

  @Field(() => ProductionCompletion)
  productionCompletion!: ProductionCompletion;

  @Field(() => Int, {
    description: "(plant, material) pairs with a positive net movement in the window: a net movement, not stock on hand (DOMAIN.md D12).",
  })
  inventoryItems!: number;

  @Field(() => DateScalar, { nullable: true, description: "The ZRFI005 snapshot the AR figures come from (the latest); null when none is loaded." })
  arSnapshotDate!: string | null;

  @Field(() => Float, { nullable: true, description: "Σ collection target (Total Target) of the latest snapshot." })
  totalAr!: number | null;

  @Field(() => Float, { nullable: true, description: "Σ collection-target buckets 31 days and older." })
  overdueAr!: number | null;

  @Field(() => Float, { nullable: true, description: "overdueAr ÷ totalAr × 100." })
  overdueArPercent!: number | null;

  @Field(() => Float, { nullable: true, description: "Σ collection-target buckets from 1 day." })
  overdueFrom1Ar!: number | null;

  @Field(() => Float, { nullable: true })
  overdueFrom1ArPercent!: number | null;

  @Field(() => [ChannelSales], { description: "Revenue by channel, largest first." })
  revenueByChannel!: ChannelSales[];

  @Field(() => [CustomerSales], { description: "Top 10 customers by revenue." })
  topCustomers!: CustomerSales[];
}
