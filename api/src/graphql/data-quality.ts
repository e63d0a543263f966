/**
 * Data quality in the API (DOMAIN.md §3.12, §2.8, §1.10, D3): the four quantity reconciliations the
 * client asked for, the MTS/MTO disagreements, the join coverage and the orphan reversals of the
 * netting facts. Mismatches are often the first sign of a missing upload.
 *
 * Any role may read them. Every figure here can be narrowed to plants, so a plant-restricted token
 * gets the figures of its plants (FORBIDDEN when it asks for another plant): the DC reconciliations
 * (3) and (4) check nothing without the DC (1401), and the billing ↔ delivery join, which has no
 * plant, is checked only without a plant restriction. The parts are computed only when selected.
 */
import "reflect-metadata";
import { Arg, Ctx, Field, FieldResolver, Float, Int, ObjectType, Query, registerEnumType, Resolver, Root, type ClassType } from "type-graphql";
import {
  dcShipments,
  deliveryIssues,
  joinCoverage,
  mtsMtoDisagreements,
  orphanReversals,
  productionAttainment,
  productionReceipts,
  type Reconciliation,
} from "../domain/data-quality.js";
import type { MovementFilter as DomainMovementFilter } from "../domain/movements.js";
import type { GraphQLContext } from "./context.js";
import { movementScope } from "./movements.js";
import { MovementFilter } from "./movements-types.js";
import { OrderType } from "./production.js";
import { badUserInput } from "./relay.js";
import { DateScalar } from "./scalars.js";

/** How many mismatches each list returns by default, and at most. */
export const DEFAULT_MISMATCH_LIMIT = 100;
export const MAX_MISMATCH_LIMIT = 1000;

export enum MismatchStatus {
  DIFFER = "DIFFER",
  MISSING = "MISSING",
}
export enum MtsMtoSignal {
  ORDER_TYPE = "ORDER_TYPE",
  STO_PURCHASE_ORDER = "STO_PURCHASE_ORDER",
}
export enum JoinName {
  DC_RECEIPT_PO_IN_ZRMM024 = "DC_RECEIPT_PO_IN_ZRMM024",
  DC_ISSUE_REFERENCE_IN_ZRSD004 = "DC_ISSUE_REFERENCE_IN_ZRSD004",
  BILLING_DELIVERY_IN_ZRSD004 = "BILLING_DELIVERY_IN_ZRSD004",
  FINISHED_P01_BATCH_FACTORY_RECEIPT = "FINISHED_P01_BATCH_FACTORY_RECEIPT",
  FINISHED_P01_BATCH_DC_RECEIPT = "FINISHED_P01_BATCH_DC_RECEIPT",
}
registerEnumType(MismatchStatus, { name: "MismatchStatus", description: "DIFFER: both sides differ; MISSING: one side has nothing to compare." });
registerEnumType(MtsMtoSignal, {
  name: "MtsMtoSignal",
  description: "A second MTS/MTO signal (DOMAIN.md §2.8): order type 201O, or the ZRMM024 `MTS / MTO` flag of the STO PO item.",
});
registerEnumType(JoinName, { name: "JoinName", description: "The report joins of DOMAIN.md §1.10 that are checked." });

@ObjectType("ReconciliationFigures", { description: "checked = equal + differ + missing." })
export class ReconciliationFigures {
  @Field(() => Int)
  checked!: number;

  @Field(() => Int)
  equal!: number;

  @Field(() => Int)
  differ!: number;

  @Field(() => Int, { description: "One side has nothing to compare." })
  missing!: number;
}

/** `<name>Check { checked equal differ missing mismatches }` for one mismatch type (relay.ts's Connection pattern). */
function Check<TMismatch extends object>(mismatchType: ClassType<TMismatch>) {
  // Not emitted itself: type-graphql 2 only emits the types reachable from resolvers (the subclass).
  @ObjectType()
  abstract class CheckType extends ReconciliationFigures {
    @Field(() => [mismatchType], { description: "The first `limit` items that are not equal: DIFFER first, then MISSING." })
    mismatches!: TMismatch[];
  }
  return CheckType;
}

@ObjectType("ProductionAttainmentMismatch", { description: "§3.12 (1): an order whose delivered quantity is not its order quantity." })
export class ProductionAttainmentMismatch {
  @Field(() => MismatchStatus, { description: "MISSING: an unfinished order with nothing delivered yet." })
  status!: MismatchStatus;

  @Field(() => String)
  orderNumber!: string;

  @Field(() => String)
  plant!: string;

  @Field(() => String)
  material!: string;

  @Field(() => String, { nullable: true })
  materialDescription!: string | null;

  @Field(() => String)
  batch!: string;

  @Field(() => String)
  mrpController!: string;

  @Field(() => String, { description: "SAP order type, e.g. 201O." })
  orderType!: string;

  @Field(() => DateScalar, { nullable: true })
  releaseDate!: string | null;

  @Field(() => DateScalar, { nullable: true })
  actualFinishDate!: string | null;

  @Field(() => String, { nullable: true })
  unit!: string | null;

  @Field(() => Float, { nullable: true })
  orderQuantity!: number | null;

  @Field(() => Float, { nullable: true })
  deliveredQuantity!: number | null;

  @Field(() => Float, { nullable: true, description: "delivered − ordered." })
  difference!: number | null;
}

@ObjectType("ProductionReceiptMismatch", {
  description: "§3.12 (2): an order whose COOISPI delivered quantity is not Σ(101 − 102) at its plant for its batch and material.",
})
export class ProductionReceiptMismatch {
  @Field(() => MismatchStatus)
  status!: MismatchStatus;

  @Field(() => String)
  orderNumber!: string;

  @Field(() => String)
  plant!: string;

  @Field(() => String)
  material!: string;

  @Field(() => String, { nullable: true })
  materialDescription!: string | null;

  @Field(() => String)
  batch!: string;

  @Field(() => String)
  mrpController!: string;

  @Field(() => DateScalar, { nullable: true })
  releaseDate!: string | null;

  @Field(() => String, { nullable: true })
  unit!: string | null;

  @Field(() => Float, { nullable: true })
  deliveredQuantity!: number | null;

  @Field(() => Float, { nullable: true })
  receivedQuantity!: number | null;

  @Field(() => Float, { nullable: true, description: "received − delivered." })
  difference!: number | null;
}

@ObjectType("DcShipmentMismatch", { description: "§3.12 (3): a batch at the DC whose netted 101 receipts are not its netted 601 shipments." })
export class DcShipmentMismatch {
  @Field(() => MismatchStatus, { description: "MISSING: no receipt (shipped from older stock) or nothing shipped yet." })
  status!: MismatchStatus;

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

  @Field(() => Float, { nullable: true })
  receivedQuantity!: number | null;

  @Field(() => Float, { nullable: true })
  shippedQuantity!: number | null;

  @Field(() => Float, { nullable: true, description: "received − shipped, when both exist." })
  difference!: number | null;

  @Field(() => DateScalar, { nullable: true })
  firstReceiptDate!: string | null;

  @Field(() => DateScalar, { nullable: true })
  lastShipmentDate!: string | null;
}

@ObjectType("DeliveryMismatch", {
  description: "§3.12 (4): a (Delivery, Description) group whose Σ ZRSD004 Delivery Qty is not the net −601 + 602 at the DC.",
})
export class DeliveryMismatch {
  @Field(() => MismatchStatus)
  status!: MismatchStatus;

  @Field(() => String)
  delivery!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => String, { description: "ZDA1 customer delivery, ZDD1 cross-plant, ZDE1 return, …" })
  deliveryType!: string;

  @Field(() => String, { nullable: true })
  material!: string | null;

  @Field(() => DateScalar)
  deliveryDate!: string;

  @Field(() => DateScalar, { nullable: true })
  actualGiDate!: string | null;

  @Field(() => Int, { description: "ZRSD004 lines of the group." })
  lines!: number;

  @Field(() => Float, { nullable: true })
  deliveryQuantity!: number | null;

  @Field(() => Float, { nullable: true })
  issuedQuantity!: number | null;

  @Field(() => Float, { nullable: true, description: "issued − delivery quantity." })
  difference!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: "For a group without 601/602 under its description: the net issue under the same delivery and material (tinted products).",
  })
  issuedQuantityByMaterial!: number | null;
}

@ObjectType("ProductionAttainmentCheck", { description: "§3.12 (1): COOISPI order vs delivered quantity, orders released in the window." })
export class ProductionAttainmentCheck extends Check(ProductionAttainmentMismatch) {}

@ObjectType("ProductionReceiptCheck", {
  description: "§3.12 (2): COOISPI delivered quantity vs MB51 101 − 102 at the factory, orders released in the window.",
})
export class ProductionReceiptCheck extends Check(ProductionReceiptMismatch) {}

@ObjectType("DcShipmentCheck", { description: "§3.12 (3): per batch at the DC whose lines span the window, received vs shipped." })
export class DcShipmentCheck extends Check(DcShipmentMismatch) {}

@ObjectType("DeliveryIssueCheck", {
  description: "§3.12 (4): every MB51 601 group vs ZRSD004 Delivery Qty, deliveries goods-issued (else planned) in the window.",
})
export class DeliveryIssueCheck extends Check(DeliveryMismatch) {}

@ObjectType("MtsMtoDisagreement", { description: "An order where another MTS/MTO signal disagrees with the client rule (§2.8)." })
export class MtsMtoDisagreement {
  @Field(() => String)
  orderNumber!: string;

  @Field(() => String)
  plant!: string;

  @Field(() => String)
  material!: string;

  @Field(() => String, { nullable: true })
  materialDescription!: string | null;

  @Field(() => String)
  batch!: string;

  @Field(() => String)
  mrpController!: string;

  @Field(() => String, { description: "SAP order type." })
  orderType!: string;

  @Field(() => String, { nullable: true })
  salesOrder!: string | null;

  @Field(() => DateScalar, { nullable: true })
  releaseDate!: string | null;

  @Field(() => OrderType, { description: "The client rule (binding): Sales Order filled and MRP controller P01 → MTO." })
  clientClass!: OrderType;

  @Field(() => OrderType, { description: "From the order type (201O = MTO)." })
  orderTypeClass!: OrderType;

  @Field(() => String, { nullable: true, description: "The STO PO of the batch's first DC receipt." })
  purchaseOrder!: string | null;

  @Field(() => String, { nullable: true })
  purchaseOrderItem!: string | null;

  @Field(() => OrderType, { nullable: true, description: "ZRMM024 `MTS / MTO` of that PO item." })
  stoClass!: OrderType | null;

  @Field(() => [MtsMtoSignal])
  disagreesWith!: MtsMtoSignal[];
}

@ObjectType("MtsMtoCheck", { description: "§2.8: the client rule vs order type vs the STO PO flag, orders released in the window." })
export class MtsMtoCheck {
  @Field(() => Int)
  orders!: number;

  @Field(() => Int)
  mtoOrders!: number;

  @Field(() => Int)
  mtsOrders!: number;

  @Field(() => ReconciliationFigures, { description: "Client rule vs order type 201O: every order is checked." })
  orderType!: ReconciliationFigures;

  @Field(() => ReconciliationFigures, {
    description: "Client rule vs the ZRMM024 flag of the STO PO item: orders whose batch reached the DC on an STO PO; missing = PO not loaded.",
  })
  stoPurchaseOrder!: ReconciliationFigures;

  @Field(() => [MtsMtoDisagreement], { description: "The first `limit` disagreements, by order number." })
  disagreements!: MtsMtoDisagreement[];
}

@ObjectType("JoinCoverage", { description: "§1.10: how many keys of one report find their partner in another." })
export class JoinCoverage {
  @Field(() => JoinName)
  join!: JoinName;

  @Field(() => Int, { description: "0 when the filter's plants exclude the join (the DC, or company-wide billing)." })
  checked!: number;

  @Field(() => Int)
  found!: number;

  @Field(() => Int)
  missing!: number;

  @Field(() => Float, { nullable: true, description: "found ÷ checked × 100; null when nothing was checked." })
  foundPercent!: number | null;
}

@ObjectType("OrphanReversals", {
  description: "Reversals with no forward line to cancel (D3), from the netting groups whose lines touch the window.",
})
export class OrphanReversals {
  @Field(() => Int, { description: "Netting groups (plant, material, batch, reversal pair) with an orphan reversal." })
  groups!: number;

  @Field(() => Int, { description: "Σ orphan reversals of those groups." })
  reversals!: number;
}

@ObjectType("DataQuality", {
  description:
    "Company data-quality figures (DOMAIN.md §3.12, §2.8, §1.10): each part is computed only when selected. Both sides " +
    "of a check come from everything loaded; the window only picks what is checked.",
})
export class DataQuality {
  @Field(() => DateScalar)
  asOfDate!: string;

  @Field(() => DateScalar)
  from!: string;

  @Field(() => DateScalar)
  to!: string;

  @Field(() => [String], { nullable: true, description: "The plants the figures cover; null = every plant." })
  plants!: string[] | null;

  /** The domain filter the parts are computed with (not a GraphQL field). */
  scope!: DomainMovementFilter;
}

const limitArg = {
  nullable: true,
  defaultValue: DEFAULT_MISMATCH_LIMIT,
  description: `How many items the list returns, 0 to ${MAX_MISMATCH_LIMIT}; null = ${DEFAULT_MISMATCH_LIMIT}. The figures always count every item.`,
} as const;

@Resolver(() => DataQuality)
export class DataQualityResolver {
  @Query(() => DataQuality, {
    description:
      "The §3.12 reconciliations, MTS/MTO disagreements, join coverage and orphan reversals. Any role; a plant-restricted " +
      "token gets the figures of its plants.",
  })
  async dataQuality(
    @Arg("filter", () => MovementFilter, { nullable: true }) filter: MovementFilter | null,
    @Ctx() context: GraphQLContext,
  ): Promise<DataQuality> {
    const scope = await movementScope(filter, context);
    return {
      asOfDate: scope.asOf,
      from: scope.window.from,
      to: scope.window.to,
      plants: scope.filter.plants ? [...scope.filter.plants] : null,
      scope: scope.filter,
    };
  }

  @FieldResolver(() => ProductionAttainmentCheck, { description: "§3.12 (1): order quantity vs delivered quantity." })
  async productionAttainment(
    @Root() root: DataQuality,
    @Arg("limit", () => Int, limitArg) limit: number | null,
    @Ctx() context: GraphQLContext,
  ): Promise<ProductionAttainmentCheck> {
    const max = checkLimit(limit);
    return truncate(await productionAttainment(context.database.db, root.asOfDate, root.scope), max) as ProductionAttainmentCheck;
  }

  @FieldResolver(() => ProductionReceiptCheck, { description: "§3.12 (2): COOISPI delivered vs MB51 101 at the factory (batch and material)." })
  async productionReceipts(
    @Root() root: DataQuality,
    @Arg("limit", () => Int, limitArg) limit: number | null,
    @Ctx() context: GraphQLContext,
  ): Promise<ProductionReceiptCheck> {
    const max = checkLimit(limit);
    return truncate(await productionReceipts(context.database.db, root.asOfDate, root.scope), max) as ProductionReceiptCheck;
  }

  @FieldResolver(() => DcShipmentCheck, { description: "§3.12 (3): DC 101 received vs 601 shipped per batch, after netting." })
  async dcShipments(
    @Root() root: DataQuality,
    @Arg("limit", () => Int, limitArg) limit: number | null,
    @Ctx() context: GraphQLContext,
  ): Promise<DcShipmentCheck> {
    const max = checkLimit(limit);
    return truncate(await dcShipments(context.database.db, root.asOfDate, root.scope), max) as DcShipmentCheck;
  }

  @FieldResolver(() => DeliveryIssueCheck, { description: "§3.12 (4): net 601 at the DC vs ZRSD004 Delivery Qty per delivery and description." })
  async deliveryIssues(
    @Root() root: DataQuality,
    @Arg("limit", () => Int, limitArg) limit: number | null,
    @Ctx() context: GraphQLContext,
  ): Promise<DeliveryIssueCheck> {
    const max = checkLimit(limit);
    return truncate(await deliveryIssues(context.database.db, root.asOfDate, root.scope), max) as DeliveryIssueCheck;
  }

  @FieldResolver(() => MtsMtoCheck, { description: "§2.8: MTS/MTO by the client rule vs order type vs STO PO flag." })
  async mtsMto(
    @Root() root: DataQuality,
    @Arg("limit", () => Int, limitArg) limit: number | null,
    @Ctx() context: GraphQLContext,
  ): Promise<MtsMtoCheck> {
    const max = checkLimit(limit);
    const check = await mtsMtoDisagreements(context.database.db, root.asOfDate, root.scope);
    return {
      ...check,
      disagreements: check.disagreements.slice(0, max).map((row) => ({
        ...row,
        clientClass: row.clientClass as OrderType,
        orderTypeClass: row.orderTypeClass as OrderType,
        stoClass: row.stoClass as OrderType | null,
        disagreesWith: row.disagreesWith as MtsMtoSignal[],
      })),
    };
  }

  @FieldResolver(() => [JoinCoverage], { description: "§1.10 join coverage in the window." })
  async joinCoverage(@Root() root: DataQuality, @Ctx() context: GraphQLContext): Promise<JoinCoverage[]> {
    const rows = await joinCoverage(context.database.db, root.asOfDate, root.scope);
    return rows.map((row) => ({
      join: row.join as JoinName,
      checked: row.checked,
      found: row.found,
      missing: row.missing,
      foundPercent: row.checked > 0 ? (row.found / row.checked) * 100 : null,
    }));
  }

  @FieldResolver(() => OrphanReversals, { description: "Orphan reversals of the netting facts (D3)." })
  async orphanReversals(@Root() root: DataQuality, @Ctx() context: GraphQLContext): Promise<OrphanReversals> {
    return orphanReversals(context.database.db, root.asOfDate, root.scope);
  }
}

function checkLimit(requested: number | null): number {
  const limit = requested ?? DEFAULT_MISMATCH_LIMIT;
  if (!Number.isInteger(limit) || limit < 0 || limit > MAX_MISMATCH_LIMIT) {
    throw badUserInput(`"limit" must be between 0 and ${MAX_MISMATCH_LIMIT}, got ${limit}.`, { argumentName: "limit" });
  }
  return limit;
}

function truncate<T>(check: Reconciliation<T>, limit: number): Reconciliation<T> {
  return { ...check, mismatches: check.mismatches.slice(0, limit) };
}
