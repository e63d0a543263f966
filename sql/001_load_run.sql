-- The load log: one row per file offered to `alkana ingest` or POST /ingest, stored or rejected.
-- Raw rows point at the load that last changed them (raw_*.load_id).
create table load_run (
  id            bigint generated always as identity primary key,
  file_name     text        not null,
  sha256        text        not null,
  report        text,
  status        text        not null check (status in ('LOADED', 'REJECTED')),
  rows_read     integer     not null default 0,
  inserted      integer     not null default 0,
  updated       integer     not null default 0,
  unchanged     integer     not null default 0,
  replaced      integer     not null default 0,
  skipped       integer     not null default 0,
  rejected      integer     not null default 0,
  errors        jsonb       not null default '[]',
  warnings      jsonb       not null default '[]',
  options       jsonb       not null default '{}',
  duration_ms   integer     not null default 0,
  started_at    timestamptz not null default now(),
  loaded_by     text        not null
);

create index load_run_started_at on load_run (started_at desc);
