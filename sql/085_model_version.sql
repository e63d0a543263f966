-- The version of the model: one row, bumped by every model refresh inside the load's transaction
-- (domain/refresh.ts) and announced with NOTIFY on `alkana_model_changed` at its commit. API
-- processes key their cached read results by it (api/src/graphql/result-cache.ts), so a load through
-- any process invalidates every process's cache; the row is read under the usual snapshot rules,
-- so a reader never sees a version whose data it cannot see.
create table model_version (
  singleton  boolean primary key default true check (singleton),
  version    bigint  not null,
  changed_at timestamptz not null default now()
);
insert into model_version (version) values (1);
