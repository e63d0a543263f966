/**
 * The production chain as kg flows for a Sankey chart (DOMAIN.md §6 D7): P02 liquid issued to
 * filling → P01 filled kg, filling loss and by-product → DC receipt → shipped per distribution
 * channel / still at the DC. It shows what the data proves: P03 bases have no order link to P02 in
 * these exports (DOMAIN.md §2.4), so P03 is absent and the result says so.
 *
 * Scope: the valid filling orders (liquid issued, as yield) of the filter's periods and plants; the
 * flows follow those orders' batches, so a plant filter without the factory has no flows. The DC
 * stage is shown when the filter has no plants or includes the DC plant.
 */
import { sql } from "kysely";
import type { Db } from "../db/database.js";
import { yieldConditions, type YieldFilter } from "./yield-filter.js";

export type ProductionFlowFilter = Pick<YieldFilter, "from" | "to" | "plants">;

export interface FlowNode {
  id: string;
  label: string;
}

/** A flow of `kg` (> 0) from node `source` to node `target`. */
export interface FlowLink {
  source: string;
  target: string;
  kg: number;
}

export interface ProductionFlows {
  nodes: FlowNode[];
  links: FlowLink[];
  /** Whether any P03 → P02 link exists in the data; never in these exports, hence no P03 node. */
  p03Linked: boolean;
  note: string;
}

/** The distribution centre: receives the factory's stock-transport orders, ships to customers (DOMAIN.md §0, §2.1). */
export const DC_PLANT = "1401";

export async function productionFlows(db: Db, filter: ProductionFlowFilter): Promise<ProductionFlows> {
  const dcShown = !filter.plants?.length || filter.plants.includes(DC_PLANT);
  // All kg downstream of filling use the order's measured kg per unit, the figure its filled kg is
  // made of: the same pieces keep the same weight from the filling line to the customer. (The billing
  // factor differs on litre packs, e.g. 185 vs 158.6 kg/PC, and would make 37 sample batches heavier
  // at the DC than they were when filled.)
  //
  // DC receipts are 101 net of 102 at the DC, at most what was filled. Shipments are 601 net of 602
  // per batch and delivery, approximated as Σ(−601 qty) − Σ(602 qty) and counted when positive; the
  // exact stack netting of DOMAIN.md §6 D3 is api/src/domain/netting.ts. Shipments of a batch beyond
  // its DC receipt (stock transferred by 303/305 or returned by 653) are scaled down to the receipt.
  // The channel is the delivery's ZRSD004 `Dist. Channel` (MB51 `Reference` = `Delivery`).
  const { rows } = await sql<{ kind: string; channel: string | null; kg: number }>`
    with fill as (
      select order_number, material, batch, input_kg, output_kg, by_product_kg, loss_kg, gr_quantity, kg_per_unit
      from filling_yield
      where valid and output_kg is not null and ${yieldConditions(filter)}
    ),
    receipt as (
      select f.order_number, greatest(least(sum(m.quantity), f.gr_quantity), 0) as units
      from fill f
      join raw_mb51 m on m.batch = f.batch and ltrim(m.material, '0') = f.material
      where m.plant = ${DC_PLANT} and m.movement_type in ('101', '102')
      group by f.order_number, f.gr_quantity
    ),
    issue as (
      select f.order_number, m.reference,
             sum(case when m.movement_type = '601' then -m.quantity else 0 end)
               - sum(case when m.movement_type = '602' then m.quantity else 0 end) as units
      from fill f
      join raw_mb51 m on m.batch = f.batch and ltrim(m.material, '0') = f.material
      where m.plant = ${DC_PLANT} and m.movement_type in ('601', '602')
      group by f.order_number, m.reference
    ),
    delivery_channel as (
      select delivery, min(distribution_channel) as channel from raw_zrsd004 group by delivery
    ),
    shipment as (
      select i.order_number, d.channel, sum(i.units) as units
      from issue i
      left join delivery_channel d on d.delivery = i.reference
      where i.units > 0
      group by i.order_number, d.channel
    ),
    dc as (
      select f.order_number, f.kg_per_unit, coalesce(r.units, 0) as received_units,
             coalesce((select sum(s.units) from shipment s where s.order_number = f.order_number), 0) as shipped_units
      from fill f
      left join receipt r on r.order_number = f.order_number
    )
    select 'liquid_to_filled' as kind, null as channel,
           sum(greatest(least(output_kg, input_kg - by_product_kg), 0)) as kg from fill
    union all
    select 'gain_to_filled', null, sum(output_kg - greatest(least(output_kg, input_kg - by_product_kg), 0)) from fill
    union all
    select 'liquid_to_loss', null, sum(greatest(loss_kg, 0)) from fill
    union all
    select 'liquid_to_by_product', null, sum(by_product_kg) from fill
    union all
    select 'filled_to_dc', null, sum(received_units * kg_per_unit) from dc
    union all
    select 'filled_to_factory', null, sum(f.output_kg - d.received_units * d.kg_per_unit)
    from fill f join dc d on d.order_number = f.order_number
    union all
    select 'dc_to_stock', null, sum((received_units - least(received_units, shipped_units)) * kg_per_unit) from dc
    union all
    select 'dc_to_channel', s.channel,
           sum(s.units * d.kg_per_unit * least(1, d.received_units / d.shipped_units))
    from shipment s join dc d on d.order_number = s.order_number
    group by s.channel`.execute(db);

  const links: FlowLink[] = [];
  for (const row of rows) {
    if (!(row.kg > 0)) continue;
    const ends = LINK_ENDS[row.kind as keyof typeof LINK_ENDS];
    if (row.kind === "dc_to_channel") {
      if (dcShown) links.push({ source: "dc-receipt", target: `shipped-${row.channel ?? "unknown"}`, kg: row.kg });
    } else if (ends && (dcShown || !ends.dcStage)) {
      links.push({ source: ends.source, target: ends.target, kg: row.kg });
    }
  }
  links.sort((a, b) => nodeRank(a.source) - nodeRank(b.source) || nodeRank(a.target) - nodeRank(b.target) || a.target.localeCompare(b.target));
  const ids = [...new Set(links.flatMap((link) => [link.source, link.target]))].sort(
    (a, b) => nodeRank(a) - nodeRank(b) || a.localeCompare(b),
  );
  return {
    nodes: ids.map((id) => ({ id, label: nodeLabel(id) })),
    links,
    p03Linked: false,
    note:
      "P03 (SFG base) is not shown: these exports carry no order link from P03 bases to the P02 liquid " +
      "orders that consume them (DOMAIN.md §2.4). The flows start at the liquid issued to filling.",
  };
}

const LINK_ENDS = {
  liquid_to_filled: { source: "p02-liquid", target: "p01-filled", dcStage: false },
  gain_to_filled: { source: "filling-gain", target: "p01-filled", dcStage: false },
  liquid_to_loss: { source: "p02-liquid", target: "filling-loss", dcStage: false },
  liquid_to_by_product: { source: "p02-liquid", target: "by-product", dcStage: false },
  filled_to_dc: { source: "p01-filled", target: "dc-receipt", dcStage: true },
  filled_to_factory: { source: "p01-filled", target: "not-at-dc", dcStage: true },
  dc_to_stock: { source: "dc-receipt", target: "dc-stock", dcStage: true },
} as const;

const LABELS: Record<string, string> = {
  "p02-liquid": "P02 liquid issued to filling",
  "filling-gain": "Filled above liquid issued",
  "p01-filled": "P01 filled",
  "filling-loss": "Filling loss",
  "by-product": "By-product returned",
  "not-at-dc": "Not received at the DC",
  "dc-receipt": `DC receipt (${DC_PLANT})`,
  "dc-stock": "Still at the DC",
};

/** Distribution channels (DOMAIN.md §2.6). */
const CHANNELS: Record<string, string> = {
  "11": "Industry – Local",
  "12": "Industry – Export",
  "13": "Retail – Local",
  "14": "Retail – Export",
  "15": "Project – Local",
  "16": "Project – Export",
  "99": "Delivery Cross Plant",
};

const ORDER = ["p02-liquid", "filling-gain", "p01-filled", "filling-loss", "by-product", "dc-receipt", "not-at-dc"];

function nodeRank(id: string): number {
  const rank = ORDER.indexOf(id);
  if (rank >= 0) return rank;
  return id === "dc-stock" ? ORDER.length + 1 : ORDER.length;
}

function nodeLabel(id: string): string {
  if (!id.startsWith("shipped-")) return LABELS[id];
  const channel = id.slice("shipped-".length);
  if (channel === "unknown") return "Shipped – channel unknown";
  return `Shipped – ${CHANNELS[channel] ?? `channel ${channel}`}`;
}
