-- kg conversion and production yield, as views over the raw tables (always consistent with them).
-- Order and material numbers are compared with their leading zeros stripped (DOMAIN.md §1.0).

-- kg per unit of a material (DOMAIN.md §3.2, binding precedence §6 D4 without the per-order ZRPP062
-- actual, which only yield uses): billing → delivery → pack code of a `K` pack → no row (never 0).
-- The ratios use count units only (PC/SET/EA): a factor is multiplied with such quantities, and a
-- material billed in KG has nothing to convert.
create view material_kg_factor as
with billing as (
  select ltrim(material, '0') as material,
         sum(net_weight) / sum(billing_quantity) as kg_per_unit,
         count(*) as sample_count
  from raw_zrsd002
  where billing_quantity > 0 and net_weight is not null and material is not null
    and upper(weight_unit) = 'KG' and upper(sales_unit) in ('PC', 'SET', 'EA')
  group by ltrim(material, '0')
  having sum(net_weight) > 0
),
delivery as (
  select ltrim(material, '0') as material,
         sum(net_weight) / sum(delivery_quantity) as kg_per_unit,
         count(*) as sample_count
  from raw_zrsd004
  where delivery_quantity > 0 and net_weight is not null
    and upper(weight_unit) = 'KG' and upper(sales_unit) in ('PC', 'SET', 'EA')
  group by ltrim(material, '0')
  having sum(net_weight) > 0
),
-- One description per material: the master's (lowest channel) first, then any report that names it.
description as (
  select distinct on (material) material, description
  from (
    select ltrim(material_code, '0') as material, material_description as description, 1 as rank, distribution_channel as tie
    from raw_material_master
    union all
    select ltrim(material, '0'), material_description, 2, order_number from raw_cooispi
    union all
    select ltrim(material, '0'), material_description, 3, process_order from raw_zrpp062
    union all
    select ltrim(material, '0'), material_description, 4, billing_document from raw_zrsd002
    union all
    select ltrim(material, '0'), material_description, 5, delivery from raw_zrsd004
    union all
    select ltrim(material, '0'), material_description, 6, material_document from raw_mb51
  ) named
  where material is not null and description is not null
  order by material, rank, tie
),
-- Pack code (DOMAIN.md §2.7): the suffix after the last `-` is a number, the unit letter and up to two
-- container letters; for `K` (kg) packs the number is the kg per unit: `-16KP` → 16, `VN-4K` → 4,
-- `-20KSP` → 20. Litre packs (`-200LK`) need a density and give no factor.
pack_code as (
  select material, description,
         replace((regexp_match(upper(trim(description)), '-([0-9]+(?:[.,][0-9]+)?)K[A-Z]{0,2}$'))[1], ',', '.')::numeric
           as kg_per_unit
  from description
),
material as (
  select material from billing
  union
  select material from delivery
  union
  select material from pack_code where kg_per_unit > 0
)
select m.material,
       coalesce(b.kg_per_unit, d.kg_per_unit, p.kg_per_unit) as kg_per_unit,
       case when b.material is not null then 'BILLING'
            when d.material is not null then 'DELIVERY'
            else 'PACK_CODE' end as source,
       -- Lines the factor was computed from; 0 for a pack code (parsed, not observed).
       coalesce(b.sample_count, d.sample_count, 0) as sample_count,
       b.kg_per_unit as billing_kg_per_unit,
       b.sample_count as billing_sample_count,
       d.kg_per_unit as delivery_kg_per_unit,
       d.sample_count as delivery_sample_count,
       case when p.kg_per_unit > 0 then p.kg_per_unit end as pack_code_kg_per_unit,
       abs(b.kg_per_unit - d.kg_per_unit) / b.kg_per_unit * 100 as variance_percent,
       p.description as material_description
from material m
left join billing b on b.material = m.material
left join delivery d on d.material = m.material
left join pack_code p on p.material = m.material;

-- A quantity in kg (DOMAIN.md §3.2): KG as is; PC/SET/EA × the factor; anything else unknown. Null,
-- never 0, when it cannot be converted; kg_null_reason then says why.
create function kg_of_quantity(quantity numeric, unit text, kg_per_unit numeric) returns numeric
language sql immutable as $$
  select case when upper(trim(unit)) = 'KG' then quantity
              when upper(trim(unit)) in ('PC', 'SET', 'EA') then quantity * kg_per_unit end
$$;

create function kg_null_reason(quantity numeric, unit text, kg_per_unit numeric) returns text
language sql immutable as $$
  select case when quantity is null then 'no_quantity'
              when upper(trim(unit)) = 'KG' then null
              when upper(trim(unit)) in ('PC', 'SET', 'EA') then
                case when kg_per_unit is null then 'no_conversion_factor' end
              else 'unknown_uom' end
$$;

-- Every MB51 line with its quantity in kg and where the kg came from (`KG` = entered in kg, else the
-- factor's source).
create view mb51_kg as
select m.id, m.posting_date, m.movement_type, m.plant, m.storage_location, m.material, m.material_description,
       m.batch, m.quantity, m.unit_of_entry, m.reference, m.purchase_order, m.material_document,
       f.kg_per_unit,
       kg_of_quantity(m.quantity, m.unit_of_entry, f.kg_per_unit) as kg,
       case when upper(trim(m.unit_of_entry)) = 'KG' then 'KG'
            when kg_of_quantity(m.quantity, m.unit_of_entry, f.kg_per_unit) is not null then f.source end as kg_source,
       kg_null_reason(m.quantity, m.unit_of_entry, f.kg_per_unit) as kg_null_reason
from raw_mb51 m
left join material_kg_factor f on f.material = ltrim(m.material, '0');

-- Filling (P01) yield per order from ZRPP062 (DOMAIN.md §3.3, binding §6 D7). loss = GI − GR × PcToKg
-- − by-product, the report's own `Lossess FG Result (Kg)`; valid only when liquid was issued in kg,
-- otherwise listed with valid = false and the reason (85 sample orders with GI = 0: repacks, orders
-- not yet technically complete). The low-yield and attention flags compare with configured
-- thresholds in api/src/domain/yield.ts, not here.
create view filling_yield as
with master as (
  -- PH 3 / Sub Business, the category of the old yield matrix. The master lists a material once per
  -- channel with the same hierarchy; the lowest channel's row is taken.
  select distinct on (ltrim(material_code, '0')) ltrim(material_code, '0') as material, ph3, sub_business
  from raw_material_master
  order by ltrim(material_code, '0'), distribution_channel
),
fill as (
  select z.*,
         ltrim(z.process_order, '0') as order_number,
         ltrim(z.material, '0') as material_number,
         nullif(ltrim(z.order_sfg_liquid, '0'), '') as liquid_order,
         z.gr_qty * z.pc_to_kg_actual as output_kg,
         coalesce(z.gr_by_product, 0) as by_product_kg,
         coalesce(z.gi_sfg_liquid > 0 and coalesce(upper(trim(z.gi_sfg_liquid_uom)), 'KG') = 'KG', false) as valid
  from raw_zrpp062 z
)
select f.order_number,
       to_char(f.period, 'YYYY-MM') as period,
       -- ZRPP062 has no plant: the order's COOISPI plant, else where MB51 received the batch from production.
       coalesce(c.plant, (select min(r.plant) from raw_mb51 r
                          where r.batch = f.batch and ltrim(r.material, '0') = f.material_number
                            and r.movement_type = '101' and r.purchase_order is null)) as plant,
       f.material_number as material,
       f.material_description,
       f.batch,
       f.liquid_order,
       m.ph3 as product_group_code,
       m.sub_business as product_group,
       f.group_recipe,
       f.system_status,
       f.gr_qty as gr_quantity,
       f.process_order_qty_uom as gr_unit,
       f.pc_to_kg_actual as kg_per_unit,
       f.gi_sfg_liquid as input_kg,
       f.output_kg,
       f.by_product_kg,
       case when f.valid then f.gi_sfg_liquid - f.output_kg - f.by_product_kg end as loss_kg,
       case when f.valid then (f.gi_sfg_liquid - f.output_kg - f.by_product_kg) / f.gi_sfg_liquid * 100 end as loss_percent,
       case when f.valid then 100 - (f.gi_sfg_liquid - f.output_kg - f.by_product_kg) / f.gi_sfg_liquid * 100 end as yield_percent,
       f.valid,
       case when f.valid then null
            when coalesce(f.gi_sfg_liquid, 0) <= 0 then 'NO_LIQUID_ISSUED'
            else 'INPUT_NOT_KG' end as exclusion_reason
from fill f
left join raw_cooispi c on ltrim(c.order_number, '0') = f.order_number
left join master m on m.material = f.material_number;

-- P02 → P01 chain yield per liquid order (DOMAIN.md §3.3, binding §6 D7; denominator CONTRACT.md):
-- Σ filled kg of the fill orders that ZRPP062 `Order SFG Liquid` links to it ÷ the liquid order's
-- COOISPI delivered kg; Σ liquid issued to the fills beside it. Liquid orders outside the loaded
-- COOISPI have no delivered kg and no chain yield. The fill orders are the filling_yield rows with
-- the same liquid_order.
create view chain_yield as
with fills as (
  select liquid_order,
         min(period) as period,
         count(*) as fill_order_count,
         sum(output_kg) as filled_kg,
         sum(input_kg) as liquid_issued_kg,
         sum(by_product_kg) as by_product_kg
  from filling_yield
  where liquid_order is not null
  group by liquid_order
),
liquid as (
  select ltrim(order_number, '0') as liquid_order, plant, material, material_description, batch, mrp_controller,
         actual_finish_date,
         case when upper(trim(unit_of_measure)) = 'KG' then order_quantity end as ordered_kg,
         case when upper(trim(unit_of_measure)) = 'KG' then delivered_quantity end as delivered_kg
  from raw_cooispi
)
select f.liquid_order,
       f.period,
       l.liquid_order is not null as in_cooispi,
       l.plant,
       ltrim(l.material, '0') as material,
       l.material_description,
       l.batch,
       l.mrp_controller,
       l.actual_finish_date,
       l.ordered_kg,
       l.delivered_kg,
       l.delivered_kg / nullif(l.ordered_kg, 0) * 100 as attainment_percent,
       f.fill_order_count,
       f.filled_kg,
       f.liquid_issued_kg,
       f.by_product_kg,
       l.delivered_kg - f.filled_kg as chain_loss_kg,
       f.filled_kg / nullif(l.delivered_kg, 0) * 100 as chain_yield_percent
from fills f
left join liquid l on l.liquid_order = f.liquid_order;
