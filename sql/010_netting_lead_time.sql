-- Facts rebuilt after every load (api/src/domain/refresh.ts): netted movements (DOMAIN.md §3.1, D3)
-- and the lead-time stages of every P01 order (§3.4, D5). The as-of-dependent parts (status,
-- elapsed time of open stages) are computed at query time from these stable facts.

-- One row per (plant, material, batch, reversal pair) that has any line of the pair.
create table netting_group (
  plant            text    not null,
  material         text    not null,
  batch            text,
  forward_type     text    not null,
  reverse_type     text    not null,
  forward_count    integer not null,
  reverse_count    integer not null,
  netted_count     integer not null,
  remaining_count  integer not null,
  orphan_count     integer not null,
  net_quantity     numeric not null,
  first_valid_date date,
  last_valid_date  date,
  -- Posting dates of every line of the group (valid or not): which groups a new MB51 window touches.
  any_first_date   date    not null,
  any_last_date    date    not null,
  status           text    not null check (status in ('DELIVERED', 'PARTIALLY_REVERSED', 'FULLY_REVERSED')),
  constraint netting_group_key unique nulls not distinct (plant, material, batch, forward_type)
);

create index netting_group_batch on netting_group (batch, plant);
create index netting_group_dates on netting_group (plant, any_first_date, any_last_date);

-- The forward lines that survived netting.
create table netted_movement (
  mb51_id              bigint  primary key,
  plant                text    not null,
  material             text    not null,
  batch                text,
  movement_type        text    not null,
  posting_date         date    not null,
  quantity             numeric not null,
  reference            text,
  purchase_order       text,
  material_description text
);

create index netted_movement_batch on netted_movement (batch, plant, movement_type);
create index netted_movement_reference on netted_movement (reference);

-- Lead-time facts per P01 order. Stage days are null when missing or negative (never clamped);
-- `*_open` marks a stage whose start is known and whose end is not yet.
create table lead_time_order (
  order_number         text primary key,
  order_type           text    not null check (order_type in ('MTO', 'MTS')),
  plant                text    not null,
  material             text    not null,
  material_description text,
  batch                text    not null,
  sales_order          text,
  so_date              date,
  purchase_order       text,
  purchase_date        date,
  release_date         date,
  finish_date          date,
  basic_start_date     date,
  basic_finish_date    date,
  dc_receipt_date      date,
  dc_receipt_quantity  numeric,
  first_issue_date     date,
  last_issue_date      date,
  issued_quantity      numeric,
  last_issue_delivery  text,
  delivery_gi_date     date,
  preparation_days     integer,
  production_days      integer,
  transit_days         integer,
  storage_days         integer,
  delivery_days        integer,
  total_days           integer,
  order_to_release_days integer,
  open_stage           text check (open_stage in ('PRODUCTION', 'TRANSIT', 'STORAGE')),
  open_stage_start     date,
  quality_flags        text[]  not null default '{}'
);

create index lead_time_order_release on lead_time_order (release_date);
create index lead_time_order_batch on lead_time_order (batch);

-- The lead-time facts of every P01 order, computed from the raw tables and the netting facts
-- (DOMAIN.md §3.4 as decided in §6 D5). `refresh` copies it into lead_time_order after each load.
create view lead_time_source as
with orders as (
  select c.order_number,
         case when c.sales_order is not null then 'MTO' else 'MTS' end as order_type,
         c.plant, c.material, c.material_description, c.batch, c.sales_order,
         c.release_date, c.actual_finish_date as finish_date, c.basic_start_date, c.basic_finish_date,
         coalesce(c.delivered_quantity, 0) as delivered_quantity
  from raw_cooispi c
  where c.mrp_controller = 'P01'
),
-- Transit ends at the earliest valid (netted) 101 at the DC; its PO is the STO PO (D5).
dc_receipt as (
  select distinct on (material, batch) material, batch, posting_date as dc_receipt_date, purchase_order
  from netted_movement
  where plant = '1401' and movement_type = '101'
  order by material, batch, posting_date, mb51_id
),
dc_quantity as (
  select material, batch, sum(abs(quantity)) as quantity
  from netted_movement where plant = '1401' and movement_type = '101'
  group by material, batch
),
-- Storage ends at the last surviving 601 at the DC (official), the first is shown beside it.
issues as (
  select material, batch, min(posting_date) as first_issue_date, max(posting_date) as last_issue_date,
         sum(abs(quantity)) as issued_quantity
  from netted_movement where plant = '1401' and movement_type = '601'
  group by material, batch
),
last_issue as (
  select distinct on (material, batch) material, batch, reference, material_description
  from netted_movement where plant = '1401' and movement_type = '601'
  order by material, batch, posting_date desc, mb51_id desc
),
facts as (
  select o.*, r.dc_receipt_date, r.purchase_order, q.quantity as dc_receipt_quantity,
         i.first_issue_date, i.last_issue_date, i.issued_quantity, l.reference as last_issue_delivery,
         (select min(p.purchase_date) from raw_zrmm024 p
           where p.purchase_order = r.purchase_order) as purchase_date,
         (select min(b.so_date) from raw_zrsd002 b where b.so_number = o.sales_order) as so_date,
         -- The delivery line of the last valid 601: same delivery and description, else same material (D5).
         (select d.actual_gi_date from raw_zrsd004 d
           where d.delivery = l.reference
             and (d.material_description = l.material_description or d.material = o.material)
           order by (d.material_description = l.material_description) desc, d.line_item
           limit 1) as delivery_gi_date
  from orders o
  left join dc_receipt r on r.material = o.material and r.batch = o.batch
  left join dc_quantity q on q.material = o.material and q.batch = o.batch
  left join issues i on i.material = o.material and i.batch = o.batch
  left join last_issue l on l.material = o.material and l.batch = o.batch
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
from stages;

-- Production order state (DOMAIN.md §3.5 as decided in D6): movement-based for P01 orders, the
-- client's three-state rule (CANCELLED / WIP / IN_TRANSIT) where no movements exist.
create view production_order_state as
select c.order_number, c.plant, c.mrp_controller, c.order_type as sap_order_type,
       case when c.sales_order is not null and c.mrp_controller = 'P01' then 'MTO' else 'MTS' end as order_type,
       c.material, c.material_description, c.batch, c.sales_order, c.release_date,
       c.actual_finish_date as finish_date, c.order_quantity, c.delivered_quantity, c.unit_of_measure,
       c.system_status,
       case
         when c.actual_finish_date is null then 'WIP'
         when coalesce(c.delivered_quantity, 0) = 0 then 'CANCELLED'
         when l.order_number is null or l.dc_receipt_date is null then 'IN_TRANSIT'
         when coalesce(l.issued_quantity, 0) = 0 then 'IN_STOCK'
         when l.issued_quantity < l.dc_receipt_quantity then 'PARTIALLY_SHIPPED'
         else 'SHIPPED'
       end as state
from raw_cooispi c
left join lead_time_order l on l.order_number = c.order_number;
