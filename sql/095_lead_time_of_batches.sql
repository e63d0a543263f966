-- Lead-time facts of the P01 orders of some batches (all when `batches` is null): the body of the
-- view lead_time_source (010), which now reads from here. Two costs of the old view are gone:
-- * each order's ZRMM024 purchase date, ZRSD002 SO date and ZRSD004 delivery GI date came from
--   correlated subqueries in a CTE that PostgreSQL inlines, so every later mention (spans, open stage,
--   flags) ran the subquery again, ~20 index probes per order; a LEFT JOIN LATERAL runs each once;
-- * a refresh after an MB51 load asked the view for a few batches, but the filter could not reach
--   the netted_movement aggregates, which were computed for the whole year each time; here every
--   source is filtered by the batches (netted_movement_batch, raw_cooispi_batch).
-- A `language sql stable` set-returning function with one SELECT is inlined into the calling query,
-- where a null or a given array is a constant the planner folds.
create function lead_time_of_batches(batches text[]) returns setof lead_time_order
language sql stable as $$
with orders as (
  select c.order_number,
         case when c.sales_order is not null then 'MTO' else 'MTS' end as order_type,
         c.plant, c.material, c.material_description, c.batch, c.sales_order,
         c.release_date, c.actual_finish_date as finish_date, c.basic_start_date, c.basic_finish_date,
         coalesce(c.delivered_quantity, 0) as delivered_quantity
  from raw_cooispi c
  where c.mrp_controller = 'P01' and (batches is null or c.batch = any (batches))
),
dc_lines as (
  select * from netted_movement
  where plant = '1401' and movement_type in ('101', '601') and (batches is null or batch = any (batches))
),
-- Transit ends at the earliest valid (netted) 101 at the DC; its PO is the STO PO (D5).
dc_receipt as (
  select distinct on (material, batch) material, batch, posting_date as dc_receipt_date, purchase_order
  from dc_lines where movement_type = '101'
  order by material, batch, posting_date, mb51_id
),
dc_quantity as (
  select material, batch, sum(abs(quantity)) as quantity
  from dc_lines where movement_type = '101'
  group by material, batch
),
-- Storage ends at the last surviving 601 at the DC (official), the first is shown beside it.
issues as (
  select material, batch, min(posting_date) as first_issue_date, max(posting_date) as last_issue_date,
         sum(abs(quantity)) as issued_quantity
  from dc_lines where movement_type = '601'
  group by material, batch
),
last_issue as (
  select distinct on (material, batch) material, batch, reference, material_description
  from dc_lines where movement_type = '601'
  order by material, batch, posting_date desc, mb51_id desc
),
facts as (
  select o.*, r.dc_receipt_date, r.purchase_order, q.quantity as dc_receipt_quantity,
         i.first_issue_date, i.last_issue_date, i.issued_quantity, l.reference as last_issue_delivery,
         p.purchase_date, b.so_date, d.delivery_gi_date
  from orders o
  left join dc_receipt r on r.material = o.material and r.batch = o.batch
  left join dc_quantity q on q.material = o.material and q.batch = o.batch
  left join issues i on i.material = o.material and i.batch = o.batch
  left join last_issue l on l.material = o.material and l.batch = o.batch
  left join lateral (select min(p.purchase_date) as purchase_date from raw_zrmm024 p
                     where p.purchase_order = r.purchase_order) p on true
  left join lateral (select min(b.so_date) as so_date from raw_zrsd002 b where b.so_number = o.sales_order) b on true
  -- The delivery line of the last valid 601: same delivery and description, else same material (D5).
  left join lateral (select d.actual_gi_date as delivery_gi_date from raw_zrsd004 d
                     where d.delivery = l.reference
                       and (d.material_description = l.material_description or d.material = o.material)
                     order by (d.material_description = l.material_description) desc, d.line_item
                     limit 1) d on true
),
spans as (
  select f.*,
         case when f.order_type = 'MTO' then f.release_date - f.purchase_date end as preparation_span,
         f.finish_date - f.release_date as production_span,
         f.dc_receipt_date - f.finish_date as transit_span,
         f.last_issue_date - f.dc_receipt_date as storage_span,
         case when f.order_type = 'MTO' then f.delivery_gi_date - f.last_issue_date end as delivery_span,
         f.finish_date is not null and f.delivered_quantity = 0 as cancelled
  from facts f
),
stages as (
  select s.*,
         case when s.preparation_span >= 0 then s.preparation_span end as preparation_days,
         case when s.production_span >= 0 then s.production_span end as production_days,
         case when s.transit_span >= 0 then s.transit_span end as transit_days,
         case when s.storage_span >= 0 then s.storage_span end as storage_days,
         case when s.delivery_span >= 0 then s.delivery_span end as delivery_days,
         case
           when s.cancelled then null
           when s.release_date is not null and s.finish_date is null then 'PRODUCTION'
           when s.finish_date is not null and s.dc_receipt_date is null then 'TRANSIT'
           when s.dc_receipt_date is not null and s.last_issue_date is null then 'STORAGE'
         end as open_stage
  from spans s
)
select order_number, order_type, plant, material, material_description, batch, sales_order, so_date,
       purchase_order, purchase_date, release_date, finish_date, basic_start_date, basic_finish_date,
       dc_receipt_date, dc_receipt_quantity, first_issue_date, last_issue_date, issued_quantity,
       last_issue_delivery, delivery_gi_date,
       preparation_days, production_days, transit_days, storage_days, delivery_days,
       case when num_nonnulls(preparation_days, production_days, transit_days, storage_days, delivery_days) > 0
            then coalesce(preparation_days, 0) + coalesce(production_days, 0) + coalesce(transit_days, 0)
               + coalesce(storage_days, 0) + coalesce(delivery_days, 0) end as total_days,
       release_date - so_date as order_to_release_days,
       open_stage,
       case open_stage when 'PRODUCTION' then release_date when 'TRANSIT' then finish_date
                       when 'STORAGE' then dc_receipt_date end as open_stage_start,
       array_remove(array[
         case when cancelled then 'CANCELLED' end,
         case when preparation_span < 0 then 'NEGATIVE_PREPARATION' end,
         case when production_span < 0 then 'NEGATIVE_PRODUCTION' end,
         case when transit_span < 0 then 'NEGATIVE_TRANSIT' end,
         case when storage_span < 0 then 'NEGATIVE_STORAGE' end,
         case when delivery_span < 0 then 'NEGATIVE_DELIVERY' end,
         case when order_type = 'MTO' and release_date is not null and purchase_date is null
              then 'MISSING_PREPARATION_START' end,
         case when order_type = 'MTO' and last_issue_date is not null and delivery_gi_date is null
              then 'MISSING_DELIVERY' end
       ], null) as quality_flags
from stages
$$;

create or replace view lead_time_source as select * from lead_time_of_batches(null);
