-- Batches still in transit from the factory to the DC, for STUCK_IN_TRANSIT (DOMAIN.md §3.6, D8;
-- api/src/domain/alerts.ts): the netted STO goods issue at 1201 (351 net of 352) exceeds the netted
-- DC receipt at 1401 (101 net of 102). The alert depends on the as-of date, so every evaluation must
-- look at every batch; joining the two kinds of netting groups (~70,000 each at scale 40) took
-- ~0.6 s, where a few hundred batches are in transit. Kept with the netting facts
-- (api/src/domain/netting-facts.ts): a batch's row changes only when its netting groups do.
create table transit_open (
  batch      text    not null,
  material   text    not null,
  issued     numeric not null,
  received   numeric not null,
  -- The first valid issue: the transit's working days count from here.
  issue_date date,
  primary key (batch, material)
);

-- The rows of some batches (all when `batches` is null); inlined into the calling query, where a
-- given array reaches both groups through netting_group_batch.
create function transit_open_of_batches(batches text[]) returns setof transit_open
language sql stable as $$
  select g.batch, g.material, g.net_quantity, coalesce(r.net_quantity, 0), g.first_valid_date
  from netting_group g
  left join netting_group r
    on r.plant = '1401' and r.forward_type = '101' and r.material = g.material and r.batch = g.batch
  where g.plant = '1201' and g.forward_type = '351' and g.batch is not null
    and (batches is null or g.batch = any (batches))
    and g.net_quantity > coalesce(r.net_quantity, 0)
$$;

insert into transit_open select * from transit_open_of_batches(null);
