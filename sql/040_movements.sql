-- Movement analytics and quantity reconciliations (DOMAIN.md §3.10, §3.12, §2.8; binding D12).
-- Views only: the domain queries (api/src/domain/movements.ts, data-quality.ts) add the date window,
-- plant, material and category filters as parameters. MB51 quantities are already signed (§2.3):
-- they are summed as they are and never multiplied by an effect table.

-- Material category by material-number prefix (§2.7): FG 10, SFG 12, RM 15; null otherwise.
create function material_prefix_category(material text) returns text
language sql immutable
as $$
  select case left(ltrim(material, '0'), 2) when '10' then 'FG' when '12' then 'SFG' when '15' then 'RM' end
$$;

-- kg per sales unit from billing (DOMAIN.md §3.2, D4 step "billing factor"): Σ net weight ÷ Σ billed
-- quantity over the material's billing lines with a positive quantity in a count unit and the weight
-- in kg, looked up per MB51 line in `movement_line` through this index. The per-line lookup keeps
-- every plan cheap whether or not the tables have statistics (PGlite never runs autovacuum; a hash
-- join chosen without statistics degrades into a nested loop of several seconds).
-- This duplicates the billing step of D4 until the shared view `material_kg_factor`
-- (sql/020_yield.sql) is used here; the lead engineer will switch `movement_line` over.
create index raw_zrsd002_billed_material on raw_zrsd002 (ltrim(material, '0')) where billing_quantity > 0;

-- One MB51 line, classified and converted to kg.
-- flow (§3.10, issue text):
--   IN_TRANSIT  the receiving half of a two-step transfer (351/352, 303/304, 641/642 with a blank
--               storage location). The receipt that follows (101 at the DC, 305) counts the same
--               goods again at that plant, so these lines are left out of every per-plant figure.
--   INBOUND     positive lines of 101, 531, 262, 653, 305, Z71;
--   OUTBOUND    negative lines of 601, 261, 201, 551, Z72, 351;
--   INTERNAL    stock-neutral postings inside a plant: 311/312, 321/322, 411-414 (sales-order stock);
--   OTHER       everything else (reversals such as 102/602, 303 issues, 309, Z03, …): in the net
--               movement, never inbound or outbound.
-- position_side (DC batch positions, D12): the receipt or issue family a line nets in, reversals
-- with their forward type (D3 pairs, so 262 nets against 261 and 602 against 601).
-- kg (D4): KG as is; PC/SET/EA × billing factor when known; otherwise null with a reason, never 0.
create view movement_line as
select
  m.id,
  m.posting_date,
  m.posting_date - (extract(isodow from m.posting_date)::int - 1) as week_start,
  to_char(m.posting_date, 'IYYY-"W"IW') as iso_week,
  m.plant,
  m.storage_location,
  m.material,
  m.material_description,
  material_prefix_category(m.material) as category,
  m.batch,
  m.movement_type,
  m.quantity,
  m.unit_of_entry as unit,
  case
    when upper(m.unit_of_entry) = 'KG' then m.quantity
    when upper(m.unit_of_entry) in ('PC', 'SET', 'EA') then m.quantity * f.kg_per_unit
  end as kg,
  case
    when upper(m.unit_of_entry) = 'KG' then 'UNIT_KG'
    when upper(m.unit_of_entry) in ('PC', 'SET', 'EA') and f.kg_per_unit is not null then 'BILLING'
  end as kg_source,
  case
    when upper(m.unit_of_entry) = 'KG' then null
    when upper(m.unit_of_entry) in ('PC', 'SET', 'EA') then case when f.kg_per_unit is null then 'no_conversion_factor' end
    else 'unknown_uom'
  end as kg_missing_reason,
  case
    when nullif(btrim(m.storage_location), '') is null
      and m.movement_type in ('351', '352', '303', '304', '641', '642') then 'IN_TRANSIT'
    when m.quantity > 0 and m.movement_type in ('101', '531', '262', '653', '305', 'Z71') then 'INBOUND'
    when m.quantity < 0 and m.movement_type in ('601', '261', '201', '551', 'Z72', '351') then 'OUTBOUND'
    when m.movement_type in ('311', '312', '321', '322', '411', '412', '413', '414') then 'INTERNAL'
    else 'OTHER'
  end as flow,
  case
    when m.movement_type in ('101', '102', '305', '306', '501', '502', '521', '522', '531', '532',
                             '561', '562', '653', '654', 'Z71') then 'RECEIPT'
    when m.movement_type in ('201', '202', '261', '262', '303', '304', '351', '352', '551', '552',
                             '601', '602', '641', '642', 'Z03', 'Z04', 'Z72') then 'ISSUE'
    else 'TRANSFER'
  end as position_side,
  m.reference,
  m.purchase_order,
  m.material_document
from raw_mb51 m
-- A factor of 0 would turn "unknown" into 0 kg, so a material without billed weight has none.
left join lateral (
  select sum(b.net_weight) / sum(b.billing_quantity) as kg_per_unit
  from raw_zrsd002 b
  where upper(m.unit_of_entry) in ('PC', 'SET', 'EA')
    and ltrim(b.material, '0') = ltrim(m.material, '0') and b.billing_quantity > 0
    and b.net_weight is not null and upper(b.weight_unit) = 'KG' and upper(b.sales_unit) in ('PC', 'SET', 'EA')
  having sum(b.net_weight) > 0
) f on true;

-- §3.12 (1) production attainment: COOISPI order quantity vs delivered quantity, per order.
-- MISSING = nothing to compare yet: no quantity, or an unfinished order with nothing delivered.
create view reconciliation_production_attainment as
select
  c.order_number,
  c.plant,
  c.material,
  c.material_description,
  c.batch,
  c.mrp_controller,
  c.order_type,
  c.release_date,
  c.actual_finish_date,
  c.unit_of_measure as unit,
  c.order_quantity,
  c.delivered_quantity,
  c.delivered_quantity - c.order_quantity as difference,
  case
    when c.order_quantity is null or c.delivered_quantity is null then 'MISSING'
    when c.delivered_quantity = 0 and c.actual_finish_date is null then 'MISSING'
    when c.delivered_quantity = c.order_quantity then 'EQUAL'
    else 'DIFFER'
  end as status
from raw_cooispi c;

-- §3.12 (2) / §1.1: COOISPI delivered quantity vs Σ(101 − 102) at the order's plant for the order's
-- batch and material (D5: an order's movements are those of its material and batch, so the three
-- batches shared by two orders are not mixed up). Subject: orders with a delivery or a receipt.
create view reconciliation_production_receipt as
select
  c.order_number,
  c.plant,
  c.material,
  c.material_description,
  c.batch,
  c.mrp_controller,
  c.release_date,
  c.unit_of_measure as unit,
  c.delivered_quantity,
  r.received_quantity,
  r.received_quantity - c.delivered_quantity as difference,
  case
    when r.lines = 0 then 'MISSING'
    when r.received_quantity = c.delivered_quantity then 'EQUAL'
    else 'DIFFER'
  end as status
from raw_cooispi c
-- Only the batch in the WHERE clause, the rest in FILTER: the lookup then uses the batch index
-- whether or not the tables have statistics (the same below).
cross join lateral (
  select sum(m.quantity) filter (where receipt) as received_quantity, count(*) filter (where receipt) as lines
  from raw_mb51 m
  cross join lateral (
    select m.plant = c.plant and m.movement_type in ('101', '102') and ltrim(m.material, '0') = ltrim(c.material, '0') as receipt
  ) line
  where m.batch = c.batch
) r
where c.delivered_quantity > 0 or r.lines > 0;

-- §3.12 (3): per batch at the DC 1401 (§2.1), netted receipts Σ(101 − 102) vs netted shipments
-- −Σ(601 − 602). MISSING = one side has no line (received and not shipped, or shipped from a
-- receipt outside the loaded data). first/last_line_date bound the batch's 101/102/601/602 lines
-- (the queries check the batches active during their window).
create view reconciliation_dc_shipment as
select
  plant,
  material,
  max(material_description) as material_description,
  batch,
  max(unit_of_entry) as unit,
  sum(quantity) filter (where movement_type in ('101', '102')) as received_quantity,
  -sum(quantity) filter (where movement_type in ('601', '602')) as shipped_quantity,
  min(posting_date) filter (where movement_type = '101') as first_receipt_date,
  max(posting_date) filter (where movement_type = '601') as last_shipment_date,
  min(posting_date) as first_line_date,
  max(posting_date) as last_line_date,
  case
    when count(*) filter (where movement_type in ('101', '102')) = 0
      or count(*) filter (where movement_type in ('601', '602')) = 0 then 'MISSING'
    when sum(quantity) filter (where movement_type in ('101', '102'))
       = -sum(quantity) filter (where movement_type in ('601', '602')) then 'EQUAL'
    else 'DIFFER'
  end as status
from raw_mb51
where plant = '1401' and batch is not null and movement_type in ('101', '102', '601', '602')
group by plant, material, batch;

-- §3.12 (4) / §1.1: Σ ZRSD004 Delivery Qty per (Delivery, Description) vs net (−601 + 602) at the
-- DC for the same Reference + Material Description (the client's join rule). Both sides are stacked
-- and grouped once by the shared key (no join, so the plan does not depend on table statistics).
-- For a group without 601/602 under that key, the quantity issued under the same delivery and
-- material is shown beside it (tinted products carry a colour-specific description, D5).
create view reconciliation_delivery as
with keyed as (
  select
    delivery, material_description as description, delivery_type, material, delivery_date, actual_gi_date,
    delivery_quantity, null::numeric as issued_quantity, 1 as delivery_line, 0 as issue_line
  from raw_zrsd004
  union all
  select reference, material_description, null, null, null, null, null, -quantity, 0, 1
  from raw_mb51
  where plant = '1401' and movement_type in ('601', '602') and reference is not null
    and material_description is not null
),
delivery_group as (
  select
    delivery,
    description,
    min(delivery_type) as delivery_type,
    case when count(distinct material) = 1 then min(material) end as material,
    min(delivery_date) as delivery_date,
    max(actual_gi_date) as actual_gi_date,
    sum(delivery_line) as lines,
    sum(delivery_quantity) as delivery_quantity,
    case when sum(issue_line) > 0 then sum(issued_quantity) end as issued_quantity
  from keyed
  group by delivery, description
  having sum(delivery_line) > 0
)
select
  g.delivery,
  g.description,
  g.delivery_type,
  g.material,
  g.delivery_date,
  g.actual_gi_date,
  g.lines,
  g.delivery_quantity,
  g.issued_quantity,
  g.issued_quantity - g.delivery_quantity as difference,
  case when g.issued_quantity is null and g.material is not null then (
    select -sum(m.quantity)
    from raw_mb51 m
    where m.reference = g.delivery and m.plant = '1401' and m.movement_type in ('601', '602')
      and ltrim(m.material, '0') = ltrim(g.material, '0')
  ) end as issued_quantity_by_material,
  case
    when g.issued_quantity is null then 'MISSING'
    when g.issued_quantity = g.delivery_quantity then 'EQUAL'
    else 'DIFFER'
  end as status
from delivery_group g;

-- §2.8: the three MTS/MTO signals of a process order.
--   client_class      the client rule (binding): Sales Order filled AND MRP controller P01 → MTO;
--   order_type_class  201O (and the sister plant's 2M1O) → MTO;
--   sto_class         ZRMM024 `MTS / MTO` of the STO PO item for the order's material, the PO (44…)
--                     being the one of the first DC receipt (101 at 1401) of the order's batch and
--                     material; null when the batch has no such receipt or the PO is not in ZRMM024.
create view mts_mto_signal as
select
  c.order_number,
  c.plant,
  c.material,
  c.material_description,
  c.batch,
  c.mrp_controller,
  c.order_type,
  c.sales_order,
  c.release_date,
  case when nullif(btrim(c.sales_order), '') is not null and c.mrp_controller = 'P01' then 'MTO' else 'MTS' end as client_class,
  case when c.order_type in ('201O', '2M1O') then 'MTO' else 'MTS' end as order_type_class,
  r.purchase_order,
  r.posting_date as dc_receipt_date,
  s.item as purchase_order_item,
  case when s.mts_mto in ('MTS', 'MTO') then s.mts_mto end as sto_class
from raw_cooispi c
left join lateral (
  select
    (array_agg(m.purchase_order order by m.posting_date, m.purchase_order) filter (where dc_receipt))[1] as purchase_order,
    min(m.posting_date) filter (where dc_receipt) as posting_date
  from raw_mb51 m
  cross join lateral (
    select m.plant = '1401' and m.movement_type = '101' and m.purchase_order like '44%'
      and ltrim(m.material, '0') = ltrim(c.material, '0') as dc_receipt
  ) line
  where m.batch = c.batch
) r on true
left join lateral (
  select
    min(z.item) as item,
    case when min(upper(btrim(z.mts_mto))) = max(upper(btrim(z.mts_mto))) then min(upper(btrim(z.mts_mto))) end as mts_mto
  from raw_zrmm024 z
  where z.purchase_order = r.purchase_order and ltrim(z.material, '0') = ltrim(c.material, '0')
) s on true;
