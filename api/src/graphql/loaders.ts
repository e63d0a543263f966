/**
 * DataLoaders, one set per request: every relation a list can ask for is fetched in one query per
 * level, whatever the page size (issue #4: the SQL count for a 100-order page does not grow).
 */
import DataLoader from "dataloader";
import { nettingGroupsOfBatches, type NettingGroupRecord } from "../domain/batch-trace.js";
import { leadTimeOfOrders, type LeadTimeOrder } from "../domain/lead-time.js";
import { materialsByCode, type Material } from "../domain/materials.js";
import { productionOrdersByNumber, type ProductionOrderRecord } from "../domain/production-orders.js";
import { fillingYields, type FillingYield } from "../domain/yield.js";
import type { GraphQLContext } from "./context.js";

export interface Loaders {
  material: DataLoader<string, Material | null>;
  leadTime: DataLoader<string, LeadTimeOrder | null>;
  productionOrder: DataLoader<string, ProductionOrderRecord | null>;
  fillingYield: DataLoader<string, FillingYield | null>;
  /** Netting groups of a batch, every plant (callers narrow to the viewer's plants). */
  nettingGroups: DataLoader<string, NettingGroupRecord[]>;
}

export function createLoaders(context: GraphQLContext): Loaders {
  const db = () => context.database.db;
  return {
    material: new DataLoader(async (codes) => {
      const found = await materialsByCode(db(), codes);
      return codes.map((code) => found.get(code) ?? null);
    }),
    leadTime: new DataLoader(async (orders) => {
      const asOf = await context.asOf();
      const found = await leadTimeOfOrders(db(), orders, asOf.date, context.config);
      return orders.map((order) => found.get(order) ?? null);
    }),
    productionOrder: new DataLoader(async (orders) => {
      const found = await productionOrdersByNumber(db(), orders);
      return orders.map((order) => found.get(order.replace(/^0+/, "")) ?? null);
    }),
    fillingYield: new DataLoader(async (orders) => {
      const found = await fillingYields(db(), orders, context.config);
      return orders.map((order) => found.get(order.replace(/^0+/, "")) ?? null);
    }),
    nettingGroups: new DataLoader(async (batches) => {
      const groups = await nettingGroupsOfBatches(db(), batches);
      return batches.map((batch) => groups.filter((group) => group.batch === batch));
    }),
  };
}
