/**
 * Types of the movement queries (DOMAIN.md §3.10, §4.1 Inventory endpoints, §4.2 item 6, §6 D12):
 * the filter, KPI cards, per-plant and per-material net movement, weekly inbound/outbound, ABC
 * velocity, top movers, dead stock and DC batch positions. No opening balance exists, so every
 * figure is a net movement in a date window, never stock on hand; kg are per plant (the same goods
 * are received at the factory and again at the DC). Numbers are unrounded (CONTRACT.md).
 */
import "reflect-metadata";
import { ArgsType, Field, Float, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { Connection, ConnectionArgs } from "./relay.js";
import { DateScalar } from "./scalars.js";

export enum MaterialCategory {
  FG = "FG",
  SFG = "SFG",
  RM = "RM",
}
export enum AbcClass {
  A = "A",
  B = "B",
  C = "C",
}
registerEnumType(MaterialCategory, {
  name: "MaterialCategory",
  description: "By material-number prefix (DOMAIN.md §2.7): FG 10…, SFG 12…, RM 15….",
});
registerEnumType(AbcClass, {
  name: "AbcClass",
  description: "ABC velocity class per plant (DOMAIN.md §3.10): A = first 20 % (at least one), B up to 50 %, C the rest.",
});

@InputType({
  description:
    "Which MB51 lines a movement or data-quality figure covers. No from/to = the calendar month of the as-of date " +
    "(CONTRACT.md). Everything here has a plant: a plant-restricted token sees only its plants.",
})
export class MovementFilter {
  @Field(() => DateScalar, { nullable: true, description: "First day, inclusive; default the first day of the as-of month." })
  from?: string | null;

  @Field(() => DateScalar, { nullable: true, description: "Last day, inclusive; default the last day of the as-of month." })
  to?: string | null;

  @Field(() => [String], { nullable: true, description: "Plant codes; default every plant the viewer may see." })
  plants?: string[] | null;

  @Field(() => String, { nullable: true, description: "Material number (leading zeros optional)." })
  material?: string | null;

  @Field(() => MaterialCategory, {
    nullable: true,
    description: "Material category; ABC, top movers and dead stock default to FG, SFG and RM, other figures to every material.",
  })
  category?: MaterialCategory | null;
}

@ObjectType("PlantMovement", { description: "Net movement and throughput of one plant in the window, over the lines with a kg value." })
export class PlantMovement {
  @Field(() => String)
  plant!: string;

  @Field(() => Int, { description: "MB51 lines (transactions), in-transit halves of transfers left out." })
  lines!: number;

  @Field(() => Int, { description: "Materials that moved." })
  materials!: number;

  @Field(() => Float, { description: "Net movement: Σ signed kg (not stock on hand)." })
  netKg!: number;

  @Field(() => Float, { description: "Σ kg of the inbound lines (101, 531, 262, 653, 305, Z71 receipts)." })
  inboundKg!: number;

  @Field(() => Float, { description: "Σ kg of the outbound lines (601, 261, 201, 551, Z72, 351 issues), positive." })
  outboundKg!: number;

  @Field(() => Float, { description: "inboundKg + outboundKg." })
  throughputKg!: number;

  @Field(() => Int, { description: "Lines without a kg value (no conversion factor); left out of the kg figures." })
  linesWithoutKg!: number;
}

@ObjectType("MovementSummary", { description: "The KPI cards of the movement dashboard (DOMAIN.md §4.2 item 6)." })
export class MovementSummary {
  @Field(() => DateScalar)
  asOfDate!: string;

  @Field(() => DateScalar)
  from!: string;

  @Field(() => DateScalar)
  to!: string;

  @Field(() => Int, { description: "MB51 lines in the window (in-transit halves of transfers left out)." })
  transactionCount!: number;

  @Field(() => Int, { description: "Distinct (plant, material) pairs that moved." })
  activeItems!: number;

  @Field(() => Int, { description: "Plants with a movement." })
  plantCount!: number;

  @Field(() => Int, { description: "Distinct materials that moved." })
  materialCount!: number;

  @Field(() => Int)
  linesWithoutKg!: number;

  @Field(() => Float, {
    nullable: true,
    description:
      "Throughput kg when the figures cover exactly one plant; null across several plants, since the same goods are " +
      "counted at every plant they pass (see byPlant).",
  })
  throughputKg!: number | null;

  @Field(() => [PlantMovement], { description: "The kg figures per plant." })
  byPlant!: PlantMovement[];
}

@ObjectType("PlantMovements", { description: "Activity per plant in the window." })
export class PlantMovements {
  @Field(() => DateScalar)
  asOfDate!: string;

  @Field(() => DateScalar)
  from!: string;

  @Field(() => DateScalar)
  to!: string;

  @Field(() => [PlantMovement])
  plants!: PlantMovement[];
}

@ObjectType("MaterialMovement", { description: "Net movement of one material at one plant in the window (never stock on hand, D12)." })
export class MaterialMovement {
  @Field(() => String)
  plant!: string;

  @Field(() => String)
  material!: string;

  @Field(() => String, { nullable: true })
  materialDescription!: string | null;

  @Field(() => String, { nullable: true, description: "The same as materialDescription." })
  description!: string | null;

  @Field(() => MaterialCategory, { nullable: true })
  category!: MaterialCategory | null;

  @Field(() => String, { nullable: true, description: "Unit of entry; null when the material moved in several units." })
  unit!: string | null;

  @Field(() => Int, { description: "MB51 lines (transactions)." })
  lines!: number;

  @Field(() => Int)
  inboundLines!: number;

  @Field(() => Int)
  outboundLines!: number;

  @Field(() => Float, { nullable: true, description: "Net change: Σ signed quantity; null when several units." })
  netQuantity!: number | null;

  @Field(() => Float, { nullable: true, description: "Net change in kg; null (never a partial sum) when a line has no kg." })
  netKg!: number | null;

  @Field(() => Float, { nullable: true })
  inboundKg!: number | null;

  @Field(() => Float, { nullable: true, description: "Positive." })
  outboundKg!: number | null;

  @Field(() => Float, { nullable: true, description: "inboundKg + outboundKg." })
  throughputKg!: number | null;

  @Field(() => Int)
  linesWithoutKg!: number;

  @Field(() => DateScalar, { description: "Last posting date in the window." })
  lastMovementDate!: string;
}

@ObjectType("MaterialMovementConnection", { description: "Materials per plant, largest throughput kg first." })
export class MaterialMovementConnection extends Connection(MaterialMovement, "MaterialMovement") {
  @Field(() => DateScalar)
  asOfDate!: string;

  @Field(() => DateScalar)
  from!: string;

  @Field(() => DateScalar)
  to!: string;
}

@ArgsType()
export class MaterialMovementsArgs extends ConnectionArgs {
  @Field(() => MovementFilter, { nullable: true })
  filter?: MovementFilter | null;
}

@ObjectType("WeeklyFlow", { description: "Inbound and outbound kg of one plant in one ISO week (Monday start)." })
export class WeeklyFlow {
  @Field(() => DateScalar, { description: "Monday of the ISO week." })
  weekStart!: string;

  @Field(() => String, { description: "ISO week, e.g. 2026-W03." })
  isoWeek!: string;

  @Field(() => String)
  plant!: string;

  @Field(() => Float)
  inboundKg!: number;

  @Field(() => Float, { description: "Positive." })
  outboundKg!: number;

  @Field(() => Float, { description: "Σ signed kg of every line of the week (internal and other postings included)." })
  netKg!: number;

  @Field(() => Int)
  inboundLines!: number;

  @Field(() => Int)
  outboundLines!: number;

  @Field(() => Int)
  linesWithoutKg!: number;
}

@ObjectType("WeeklyFlows", { description: "Weekly inbound vs outbound kg per plant (DOMAIN.md §3.10)." })
export class WeeklyFlows {
  @Field(() => DateScalar)
  asOfDate!: string;

  @Field(() => DateScalar)
  from!: string;

  @Field(() => DateScalar)
  to!: string;

  @Field(() => [WeeklyFlow], { description: "By week, then plant." })
  weeks!: WeeklyFlow[];
}

@ObjectType("MaterialVelocity", { description: "A material's velocity and ABC class at one plant (DOMAIN.md §3.10)." })
export class MaterialVelocity {
  @Field(() => String)
  plant!: string;

  @Field(() => String)
  material!: string;

  @Field(() => String, { nullable: true })
  materialDescription!: string | null;

  @Field(() => String, { nullable: true, description: "The same as materialDescription." })
  description!: string | null;

  @Field(() => MaterialCategory, { nullable: true })
  category!: MaterialCategory | null;

  @Field(() => Int, { description: "Outbound 601 and 261 lines in the window." })
  velocity!: number;

  @Field(() => Int, { description: "1 = fastest at the plant (ties by material number)." })
  rank!: number;

  @Field(() => Int, { description: "Materials ranked at the plant." })
  rankedMaterials!: number;

  @Field(() => AbcClass)
  abcClass!: AbcClass;

  @Field(() => Float, { nullable: true, description: "Positive; null when an outbound line has no kg." })
  outboundKg!: number | null;

  @Field(() => Float, { nullable: true })
  netQuantity!: number | null;

  @Field(() => Float, { nullable: true })
  netKg!: number | null;

  @Field(() => String, { nullable: true })
  unit!: string | null;
}

@ObjectType("AbcClassCount", { description: "How many materials of a plant fall in one ABC class." })
export class AbcClassCount {
  @Field(() => String)
  plant!: string;

  @Field(() => AbcClass)
  abcClass!: AbcClass;

  @Field(() => Int)
  materials!: number;

  @Field(() => Int, { description: "Σ velocity (outbound 601/261 lines) of those materials." })
  velocity!: number;
}

@ObjectType("AbcAnalysis", { description: "ABC velocity per plant: every material that moved, ranked." })
export class AbcAnalysis {
  @Field(() => DateScalar)
  asOfDate!: string;

  @Field(() => DateScalar)
  from!: string;

  @Field(() => DateScalar)
  to!: string;

  @Field(() => [AbcClassCount], { description: "Per plant and class (A, B, C), classes without materials left out." })
  classes!: AbcClassCount[];

  @Field(() => [MaterialVelocity], { description: "By plant, then rank." })
  materials!: MaterialVelocity[];
}

@ObjectType("TopMovers", { description: "The fastest materials (velocity > 0) per plant." })
export class TopMovers {
  @Field(() => DateScalar)
  asOfDate!: string;

  @Field(() => DateScalar)
  from!: string;

  @Field(() => DateScalar)
  to!: string;

  @Field(() => Int, { description: "At most this many per plant." })
  limit!: number;

  @Field(() => [MaterialVelocity], { description: "By plant, then rank." })
  materials!: MaterialVelocity[];
}

@ObjectType("DeadStock", {
  description:
    "Materials with a positive net movement (net receipts) and no outbound line in the window, largest net kg first " +
    "(DOMAIN.md §3.10 rebuilt; a net movement, not stock on hand).",
})
export class DeadStock {
  @Field(() => DateScalar)
  asOfDate!: string;

  @Field(() => DateScalar)
  from!: string;

  @Field(() => DateScalar)
  to!: string;

  @Field(() => Int, { description: "At most this many materials in all." })
  limit!: number;

  @Field(() => [MaterialMovement])
  materials!: MaterialMovement[];
}

@ObjectType("DcBatchPosition", {
  description: "Net movement of one batch at the DC in the window (D12): netted receipts − netted issues, not stock on hand.",
})
export class DcBatchPosition {
  @Field(() => String)
  plant!: string;

  @Field(() => String)
  material!: string;

  @Field(() => String, { nullable: true })
  materialDescription!: string | null;

  @Field(() => String)
  batch!: string;

  @Field(() => String, { nullable: true })
  unit!: string | null;

  @Field(() => Float, { description: "Netted receipts: Σ(101 − 102) and other receipts (305, 653, …)." })
  receivedQuantity!: number;

  @Field(() => Float, { description: "Netted issues, positive: −Σ(601 − 602) and other issues (201, 551, …)." })
  issuedQuantity!: number;

  @Field(() => Float, { description: "Postings that are neither (309, …); internal transfers sum to 0." })
  otherQuantity!: number;

  @Field(() => Float, { description: "received − issued + other." })
  position!: number;

  @Field(() => Float, { nullable: true })
  positionKg!: number | null;

  @Field(() => DateScalar, { nullable: true })
  firstReceiptDate!: string | null;

  @Field(() => DateScalar)
  lastMovementDate!: string;

  @Field(() => Boolean, {
    description:
      "True only when the batch's first receipt lies inside the window and nothing was issued before it; otherwise " +
      "part of its history predates the loaded data.",
  })
  complete!: boolean;
}

@ObjectType("DcBatchPositions", { description: "Batch positions at the DC (plant 1401); empty when the DC is outside the filter's plants." })
export class DcBatchPositions {
  @Field(() => DateScalar)
  asOfDate!: string;

  @Field(() => DateScalar)
  from!: string;

  @Field(() => DateScalar)
  to!: string;

  @Field(() => [DcBatchPosition], { description: "By batch, then material." })
  batches!: DcBatchPosition[];
}
