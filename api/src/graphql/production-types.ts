/**
 * Object types shared by the production queries: material master entry, filling yield, netting
 * groups, netted movements and trace events.
 */
import "reflect-metadata";
import { Field, Float, ID, Int, ObjectType } from "type-graphql";
import { DateScalar } from "./scalars.js";

@ObjectType("Material", { description: "A material from the master (DOMAIN.md §1.9), with the channels it is sold in." })
export class MaterialType {
  @Field(() => String)
  material!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => String, { nullable: true })
  materialType!: string | null;

  @Field(() => String, { nullable: true })
  unit!: string | null;

  @Field(() => String, { nullable: true, description: "PH 1 division name." })
  division!: string | null;

  @Field(() => String, { nullable: true })
  business!: string | null;

  @Field(() => String, { nullable: true, description: "PH 3, used as the product group of yield views." })
  subBusiness!: string | null;

  @Field(() => String, { nullable: true })
  productGroup!: string | null;

  @Field(() => String, { nullable: true })
  series!: string | null;

  @Field(() => [String])
  channels!: string[];
}

@ObjectType("FillingYield", { description: "Filling yield of a P01 order from ZRPP062 (DOMAIN.md §3.3, D7)." })
export class FillingYieldType {
  @Field(() => Float, { nullable: true, description: "Liquid issued into the order (kg)." })
  inputKg!: number | null;

  @Field(() => Float, { nullable: true, description: "Units received × measured kg per unit." })
  outputKg!: number | null;

  @Field(() => Float)
  byProductKg!: number;

  @Field(() => Float, { nullable: true })
  lossKg!: number | null;

  @Field(() => Float, { nullable: true })
  lossPercent!: number | null;

  @Field(() => Float, { nullable: true })
  yieldPercent!: number | null;

  @Field(() => Boolean, { description: "False when no liquid was issued (repacks): no yield." })
  valid!: boolean;

  @Field(() => String, { nullable: true })
  exclusionReason!: string | null;

  @Field(() => Boolean)
  lowYield!: boolean;

  @Field(() => String, { nullable: true, description: "The P02 liquid order that fed it." })
  liquidOrder!: string | null;

  @Field(() => String, { description: "The ZRPP062 period, YYYY-MM." })
  period!: string;
}

@ObjectType("NettingGroup", { description: "The netting of one reversal pair for one batch at one plant (DOMAIN.md D3)." })
export class NettingGroupType {
  @Field(() => String)
  plant!: string;

  @Field(() => String)
  material!: string;

  @Field(() => String, { description: "Forward movement type: 601, 101, 261, 351, 311 or 201." })
  forwardType!: string;

  @Field(() => String)
  reverseType!: string;

  @Field(() => Int)
  forwardCount!: number;

  @Field(() => Int)
  reverseCount!: number;

  @Field(() => Int)
  nettedCount!: number;

  @Field(() => Int)
  remainingCount!: number;

  @Field(() => Int, { description: "Reversals with nothing to cancel (data quality)." })
  orphanCount!: number;

  @Field(() => Float, { description: "Σ |quantity| of the surviving forward lines." })
  netQuantity!: number;

  @Field(() => DateScalar, { nullable: true })
  firstValidDate!: string | null;

  @Field(() => DateScalar, { nullable: true })
  lastValidDate!: string | null;

  @Field(() => String, { description: "DELIVERED, PARTIALLY_REVERSED or FULLY_REVERSED." })
  status!: string;
}

@ObjectType("NettedMovement", { description: "An MB51 forward line that survived netting." })
export class NettedMovementType {
  @Field(() => ID)
  mb51Id!: number;

  @Field(() => String)
  plant!: string;

  @Field(() => String)
  material!: string;

  @Field(() => String)
  movementType!: string;

  @Field(() => DateScalar)
  postingDate!: string;

  @Field(() => Float, { description: "Signed as in MB51." })
  quantity!: number;

  @Field(() => String, { nullable: true, description: "Outbound delivery for 601." })
  reference!: string | null;

  @Field(() => String, { nullable: true })
  purchaseOrder!: string | null;

  @Field(() => String, { nullable: true })
  materialDescription!: string | null;
}

@ObjectType("TraceEvent", { description: "One event of a batch's way from order to customer." })
export class TraceEventType {
  @Field(() => String, { description: "PREPARATION, PRODUCTION, TRANSIT, STORAGE or DELIVERY." })
  stage!: string;

  @Field(() => String)
  event!: string;

  @Field(() => DateScalar)
  date!: string;

  @Field(() => String, { nullable: true })
  plant!: string | null;

  @Field(() => String, { nullable: true })
  document!: string | null;
}
