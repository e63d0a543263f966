-- Sales, semester targets, AR collection and OTIF (DOMAIN.md §3.7–§3.9, §3.11; binding §6 D9–D11).
-- Views only: the figures that depend on a date window, a snapshot or the as-of date are computed by
-- the query functions in api/src/domain/{sales,targets,ar,otif}.ts on top of these views.

-- Salesman names are matched NFC-normalised (done at load), trimmed, inner spaces collapsed and
-- upper-cased (D9). upper() folds Vietnamese letters only under a UTF-8 ctype (C.UTF-8 on PGlite);
-- translate() folds the 67 precomposed Vietnamese lower-case letters whatever the server's locale.
create function salesman_key(name text) returns text
  language sql immutable strict
  as $$ select nullif(translate(upper(btrim(regexp_replace(name, '\s+', ' ', 'g'))),
                                'àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ',
                                'ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ'), '') $$;

-- Distribution channel → division (DOMAIN.md §2.6, §3.8): 11 Industry, 12 Export, 13 Retail,
-- 15 Project, anything else (a blank channel included) Other.
create function sales_division(channel text) returns text
  language sql immutable
  as $$ select case channel when '11' then 'INDUSTRY' when '12' then 'EXPORT' when '13' then 'RETAIL'
                            when '15' then 'PROJECT' else 'OTHER' end $$;

-- Customers are keyed by the sold-to code and shown by their latest billed name (DOMAIN.md §5 item 11).
create view sales_customer as
select distinct on (sold_to)
       sold_to      as customer_code,
       bill_to_name as customer_name
from raw_zrsd002
order by sold_to, billing_date desc, billing_document desc, billing_item desc;

-- One valid billing line = revenue (DOMAIN.md §1.4, §3.7, D9): Net Value ex-VAT in VND (× Exchange
-- Rate when Curr ≠ VND). Cancelled invoices (`Cancelled` or `Doc. Cancel` filled) are excluded, and so
-- are SAP's standard cancellation documents S1/S2, which only reverse such an invoice.
create view sales_line as
select b.billing_date,
       b.billing_document,
       b.billing_item,
       b.billing_type,
       b.distribution_channel                    as channel,
       sales_division(b.distribution_channel)    as division,
       -- The customer's display name is in `sales_customer`; join it after grouping.
       b.sold_to                                 as customer_code,
       b.customer_group,
       b.salesman_id,
       b.salesman_name,
       salesman_key(b.salesman_name)             as salesman_key,
       b.material,
       b.material_description,
       b.product_hierarchy,
       b.so_number,
       b.od_reference                            as delivery,
       b.billing_quantity,
       b.sales_unit,
       b.currency,
       b.net_value                               as net_value_document,
       case when b.currency = 'VND' then b.net_value else b.net_value * b.exchange_rate end as revenue,
       -- VAT-inclusive, for AR/DSO only (DOMAIN.md §5 item 16).
       case when b.currency = 'VND' then b.total else b.total * b.exchange_rate end         as gross_revenue,
       extract(year from b.billing_date)::int                                              as year,
       case when extract(month from b.billing_date) <= 6 then 1 else 2 end                 as semester
from raw_zrsd002 b
where b.cancelled is null
  and b.cancel_document is null
  and b.billing_type is distinct from 'S1'
  and b.billing_type is distinct from 'S2';

-- Semester targets per normalised salesman name (DOMAIN.md §1.8). Rows whose names normalise alike
-- are added up; `target_rows` shows when that happened.
create view sales_target as
select salesman_key(salesman_name) as salesman_key,
       min(salesman_name)          as salesman_name,
       year::int                   as year,
       semester::int               as semester,
       sum(target)                 as target,
       count(*)                    as target_rows
from raw_target
group by salesman_key(salesman_name), year::int, semester::int;

-- One ZRFI005 row (customer × channel × salesman) of one snapshot with its derived AR measures
-- (DOMAIN.md §1.6, §3.8, D10). "Target" is the collection target, not the ledger balance.
create view ar_row as
select r.snapshot_date,
       r.customer_code,
       r.customer_name,
       r.distribution_channel                      as channel,
       sales_division(r.distribution_channel)      as division,
       r.customer_group,
       nullif(r.salesman_code, '0')                as salesman_code,
       r.salesman_name,
       salesman_key(r.salesman_name)               as salesman_key,
       coalesce(r.target_1_30_days, 0)             as target_1_30,
       coalesce(r.target_31_60_days, 0)            as target_31_60,
       coalesce(r.target_61_90_days, 0)            as target_61_90,
       coalesce(r.target_91_120_days, 0)           as target_91_120,
       coalesce(r.target_121_180_days, 0)          as target_121_180,
       coalesce(r.target_over_180_days, 0)         as target_over_180,
       coalesce(r.total_target, 0)                 as total_target,
       coalesce(r.realization_not_due, 0)          as realization_not_due,
       coalesce(r.realization_1_30_days, 0)        as realization_1_30,
       coalesce(r.realization_31_60_days, 0)       as realization_31_60,
       coalesce(r.realization_61_90_days, 0)       as realization_61_90,
       coalesce(r.realization_91_120_days, 0)      as realization_91_120,
       coalesce(r.realization_121_180_days, 0)     as realization_121_180,
       coalesce(r.realization_over_180_days, 0)    as realization_over_180,
       coalesce(r.total_realization, 0)            as total_realization,
       -- Overdue two ways until the client says what the buckets measure (DOMAIN.md §5 item 9):
       -- the old KPI's 31+ days, and every target bucket from 1 day.
       coalesce(r.target_31_60_days, 0) + coalesce(r.target_61_90_days, 0) + coalesce(r.target_91_120_days, 0)
         + coalesce(r.target_121_180_days, 0) + coalesce(r.target_over_180_days, 0)          as overdue_over_30,
       coalesce(r.target_1_30_days, 0) + coalesce(r.target_31_60_days, 0) + coalesce(r.target_61_90_days, 0)
         + coalesce(r.target_91_120_days, 0) + coalesce(r.target_121_180_days, 0)
         + coalesce(r.target_over_180_days, 0)                                                as overdue_from_1,
       coalesce(r.target_over_180_days, 0)                                                    as bad_debt,
       case when coalesce(r.target_over_180_days, 0) > 0 then 'HIGH'
            when coalesce(r.target_91_120_days, 0) + coalesce(r.target_121_180_days, 0) > 0 then 'MEDIUM'
            else 'LOW' end                                                                    as risk
from raw_zrfi005 r;

-- The loaded AR snapshots (never summed across: D10).
create view ar_snapshot as
select snapshot_date,
       count(*)                      as row_count,
       count(distinct customer_code) as customer_count,
       sum(total_target)             as total_target,
       sum(total_realization)        as total_realization
from ar_row
group by snapshot_date;

-- Customer delivery lines for OTIF (DOMAIN.md §3.9, D11): cross-plant deliveries (ZDD1, channel 99)
-- and returns (ZDE1/ZDF1) are excluded. In full compares the ZRSD004 quantities of the line; D11's
-- netted 601 quantity (MB51 601 − 602 per delivery and description) would be the stricter check —
-- both are equal on every sample line, so the delivery report's own figure is used.
create view otif_line as
select d.delivery,
       d.line_item,
       d.delivery_type,
       d.delivery_date,
       d.actual_gi_date,
       d.so_reference,
       d.distribution_channel                      as channel,
       sales_division(d.distribution_channel)      as division,
       d.sold_to                                   as customer_code,
       d.ship_to_name,
       d.salesman_name,
       d.material,
       d.material_description,
       d.delivery_quantity,
       d.actual_delivery_quantity,
       d.sales_unit,
       -- Days the goods issue came after the planned date (negative: early).
       d.actual_gi_date - d.delivery_date          as gi_delay_days,
       d.actual_gi_date <= d.delivery_date         as on_time,
       coalesce(d.actual_delivery_quantity >= d.delivery_quantity, false) as in_full
from raw_zrsd004 d
where d.delivery_type not in ('ZDD1', 'ZDE1', 'ZDF1')
  and d.distribution_channel <> '99';
