-- Netted movements become a view over raw_mb51: the forward lines no reversal cancelled (DOMAIN.md
-- §3.1, D3). The netting stack (api/src/domain/netting-facts.ts) now stores only what it decides,
-- the cancelled lines, a few thousand against 1.5 million surviving ones at scale 40; copying every
-- surviving line into the old table with its three indexes took most of a full rebuild (~23 s of
-- it at scale 40). Every reader finds the lines by batch (raw_mb51_batch) or reads the DC's lines
-- for the whole year; neither needs the copy.

-- The reversal pairs of D3, for the statements that group MB51 lines by pair (a test checks that they
-- are netting.ts's REVERSAL_PAIRS).
create table reversal_pair (
  forward_type text primary key,
  reverse_type text not null unique
);
insert into reversal_pair values ('601', '602'), ('101', '102'), ('261', '262'), ('351', '352'), ('311', '312'), ('201', '202');

-- Every movement type of a pair with its role.
create view pair_movement as
select forward_type as movement_type, forward_type, reverse_type, false as is_reversal from reversal_pair
union all
select reverse_type, forward_type, reverse_type, true from reversal_pair;

-- The forward lines a reversal cancelled, and the reversal that cancelled each; with the line's
-- group, so that a load's refresh finds the cancellations of the groups it recomputes (also those
-- of lines the load removed).
create table cancelled_movement (
  mb51_id          bigint primary key,
  reversal_mb51_id bigint not null,
  plant            text   not null,
  material         text   not null,
  batch            text
);

drop table netted_movement;

create view netted_movement as
select m.id as mb51_id, m.plant, m.material, m.batch, m.movement_type, m.posting_date, m.quantity, m.reference,
       m.purchase_order, m.material_description
from raw_mb51 m
where m.movement_type in (select forward_type from reversal_pair)
  and not exists (select 1 from cancelled_movement c where c.mb51_id = m.id);

-- The window lookup reads netting_group_last_date (096); this one is only written.
drop index netting_group_dates;

-- Statistics for the six pairs: unanalysed, the planner took the table for 880 rows per branch of
-- pair_movement and joined a year of MB51 lines by sorting it.
analyze reversal_pair;
