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
    // The material master changes only with a load: each code is shared per model version.
    material: new DataLoader((codes) => rememberEach(context, "material", codes, (missing) => materialsByCode(db(), missing))),
    leadTime: new DataLoader(async (orders) => {
      const asOf = await context.asOf();
      const found = await leadTimeOfOrders(db(), orders, asOf.date, context.config);
      return orders.map((order) => found.get(order) ?? null);
    }),
    // Orders and their movement-based state change only with a load, like the materials.
    productionOrder: new DataLoader((orders) =>
      rememberEach(context, "productionOrder", orders.map((order) => order.replace(/^0+/, "")), (missing) => productionOrdersByNumber(db(), missing)),
    ),
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

/**
 * One value per key through the result cache (result-cache.ts), the keys it lacks fetched together
 * with one call of `fetch`: `remember` asks for each missing key synchronously, so they are all
 * collected before the fetch starts on the next microtask.
 */
function rememberEach<V>(
  context: GraphQLContext,
  kind: string,
  keys: readonly string[],
  fetch: (missing: string[]) => Promise<Map<string, V>>,
): Promise<(V | null)[]> {
  const missing: string[] = [];
  let fetched: Promise<Map<string, V>> | undefined;
  return Promise.all(
    keys.map((key) =>
      context.results.remember(kind, key, async () => {
        missing.push(key);
        await Promise.resolve();
        return (await (fetched ??= fetch(missing))).get(key) ?? null;
      }),
    ),
  );
}
