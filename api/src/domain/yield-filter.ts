/**
 * Which filling orders a yield figure covers (DOMAIN.md §3.3): a window of ZRPP062 periods, a
 * material, a product group, plants. Shared by the yield figures and the production flows.
 */
import { sql, type RawBuilder } from "kysely";

export interface YieldFilter {
  /** First and last period, `YYYY-MM`, inclusive. */
  from?: string;
  to?: string;
  /** Material number (leading zeros optional). */
  material?: string;
  /** PH 3 code or its name (`Sub Business`). */
  productGroup?: string;
  /** Plants of the filling orders; undefined or empty = every plant (as lead time does). */
  plants?: readonly string[];
}

/** The filter as a condition on the columns of the view `filling_yield`. Throws RangeError on a bad period. */
export function yieldConditions(filter: YieldFilter): RawBuilder<boolean> {
  for (const [name, period] of [["from", filter.from], ["to", filter.to]] as const) {
    if (period !== undefined && !PERIOD.test(period)) throw new RangeError(`${name} must be a period YYYY-MM, got "${period}"`);
  }
  const parts: RawBuilder<unknown>[] = [sql`true`];
  if (filter.from) parts.push(sql`period >= ${filter.from}`);
  if (filter.to) parts.push(sql`period <= ${filter.to}`);
  if (filter.material) parts.push(sql`material = ltrim(${filter.material}, '0')`);
  if (filter.productGroup) parts.push(sql`(product_group_code = ${filter.productGroup} or product_group = ${filter.productGroup})`);
  if (filter.plants?.length) parts.push(sql`plant in (${sql.join([...filter.plants])})`);
  return sql<boolean>`${sql.join(parts, sql` and `)}`;
}

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;
