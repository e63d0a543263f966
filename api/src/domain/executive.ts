/**
 * The executive dashboard (DOMAIN.md §3.11, §4.1 `/executive/summary`, §4.2 item 1): the sales KPI
 * cards with growth against the previous equal-length window, revenue by channel, the top customers,
 * production completion, the "inventory items" card and the AR totals of the latest snapshot.
 *
 * - Production completion = P01 orders released in the window whose SAP system status has DLV or
 *   TECO ÷ P01 orders released in the window (§3.11's recommendation; the old "completed SOs" ratio
 *   was always 100 %).
 * - Inventory items = (plant, material) pairs whose net movement in the window is positive. There is
 *   no opening balance (§3.10, D12): this is a net movement, never stock on hand.
 * - AR = the latest ZRFI005 snapshot, whatever the window (D10: one snapshot, never summed).
 *
 * Windows are `from`…`to` inclusive, by default the calendar month of the as-of date (CONTRACT.md).
 */
import { sql } from "kysely";
import type { Db } from "../db/database.js";
import { arSummary } from "./ar.js";
import { defaultWindow } from "./lead-time.js";
import { executiveSales, type ChannelSales, type CustomerSales, type SalesSummary } from "./sales.js";

export interface ExecutiveFilter {
  /** First day of the window, YYYY-MM-DD; default the first day of the as-of month. */
  from?: string;
  /** Last day of the window, YYYY-MM-DD; default the last day of the as-of month. */
  to?: string;
}

export interface ProductionCompletion {
  from: string;
  to: string;
  /** P01 orders released in the window. */
  releasedOrders: number;
  /** Of those, orders whose system status carries DLV or TECO. */
  completedOrders: number;
  /** completed ÷ released × 100; null without released orders. */
  completionPercent: number | null;
}

export interface ExecutiveAr {
  snapshotDate: string;
  /** Σ Total Target: the collection target ("Total AR" on the old dashboard). */
  totalAr: number;
  /** Σ target buckets 31 days and older (the old KPI). */
  overdueAr: number;
  overdueArPercent: number | null;
  /** Σ target buckets from 1 day. */
  overdueFrom1Ar: number;
  overdueFrom1ArPercent: number | null;
}

export interface ExecutiveSummary {
  asOfDate: string;
  from: string;
  to: string;
  sales: SalesSummary;
  byChannel: ChannelSales[];
  topCustomers: CustomerSales[];
  productionCompletion: ProductionCompletion;
  /** (plant, material) pairs with a positive net movement in the window. */
  inventoryItems: number;
  /** Null when no ZRFI005 snapshot is loaded. */
  ar: ExecutiveAr | null;
}

/** P01 orders released in the window with DLV or TECO ÷ P01 orders released in the window. */
export async function productionCompletion(db: Db, asOf: string, filter: ExecutiveFilter = {}): Promise<ProductionCompletion> {
  const window = executiveWindow(asOf, filter);
  const { rows } = await sql<{ released: number; completed: number }>`
    select count(*)                                            as released,
           count(*) filter (where s.tokens && array['DLV', 'TECO']) as completed
    from (select array(select rtrim(token, '*')
                       from unnest(regexp_split_to_array(trim(coalesce(system_status, '')), '\\s+')) token) as tokens
          from production_order_state
          where mrp_controller = 'P01'
            and release_date between ${window.from}::date and ${window.to}::date) s`.execute(db);
  const { released, completed } = rows[0];
  return {
    ...window,
    releasedOrders: released,
    completedOrders: completed,
    completionPercent: released === 0 ? null : (completed / released) * 100,
  };
}

/**
 * The old "Inventory Items" card: (plant, material) pairs whose Σ signed quantity in the window is
 * positive, over the classified MB51 lines (the receiving half of a two-step transfer left out, as in
 * the movement analytics). A net movement, not stock on hand (D12).
 */
export async function inventoryItemCount(db: Db, asOf: string, filter: ExecutiveFilter = {}): Promise<number> {
  const window = executiveWindow(asOf, filter);
  const { rows } = await sql<{ n: number }>`
    select count(*) as n
    from (select 1
          from movement_line
          where posting_date between ${window.from}::date and ${window.to}::date
            and flow <> 'IN_TRANSIT'
          group by plant, material
          having sum(quantity) > 0) positive`.execute(db);
  return Number(rows[0].n);
}

/** Every figure of the executive dashboard for one window. */
export async function executiveSummary(
  db: Db,
  asOf: string,
  filter: ExecutiveFilter & { topCustomers?: number } = {},
): Promise<ExecutiveSummary> {
  const window = executiveWindow(asOf, filter);
  const sales = await executiveSales(db, asOf, { ...window, topCustomers: filter.topCustomers ?? 10 });
  const completion = await productionCompletion(db, asOf, window);
  const inventoryItems = await inventoryItemCount(db, asOf, window);
  const ar = await arSummary(db);
  return {
    asOfDate: asOf,
    ...window,
    sales: sales.summary,
    byChannel: sales.byChannel,
    topCustomers: sales.topCustomers,
    productionCompletion: completion,
    inventoryItems,
    ar:
      ar === null
        ? null
        : {
            snapshotDate: ar.snapshotDate,
            totalAr: ar.totalTarget,
            overdueAr: ar.overdueOver30,
            overdueArPercent: ar.overdueOver30Percent,
            overdueFrom1Ar: ar.overdueFrom1,
            overdueFrom1ArPercent: ar.overdueFrom1Percent,
          },
  };
}

function executiveWindow(asOf: string, filter: ExecutiveFilter): { from: string; to: string } {
  const { from, to } = defaultWindow(filter, asOf);
  if (from > to) throw new RangeError(`The window starts (${from}) after it ends (${to}).`);
  return { from, to };
}
