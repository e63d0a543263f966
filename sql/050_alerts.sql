-- Alerts (DOMAIN.md §3.6 as decided in §6 D8, CONTRACT.md "Rules settled here"). One table for all
-- types, de-duplicated on (type, entity): at most one ACTIVE alert per pair. An alert whose
-- condition no longer holds is resolved automatically; a hand-resolved one stays resolved, and the
-- same (type, entity) raises a new alert only after its condition has cleared once and holds again.
create table alert (
  id                 bigint generated always as identity primary key,
  type               text        not null check (type in ('STUCK_IN_TRANSIT', 'DELAYED_TRANSIT', 'LOW_YIELD', 'OVERDUE_AR')),
  entity             text        not null,
  severity           text        not null check (severity in ('CRITICAL', 'HIGH', 'MEDIUM')),
  plant              text,
  material           text,
  metric_value       numeric,
  threshold          numeric,
  message            text        not null,
  as_of_date         date        not null,
  detected_at        timestamptz not null default now(),
  -- The load whose refresh raised it (null: a periodic re-evaluation with ALKANA_AS_OF=now).
  raised_by_load_id  bigint references load_run (id),
  status             text        not null default 'ACTIVE' check (status in ('ACTIVE', 'RESOLVED')),
  resolved_at        timestamptz,
  resolved_by        text,
  resolution         text check (resolution in ('AUTOMATIC', 'MANUAL')),
  resolution_note    text,
  -- For a hand-resolved alert: has its condition been seen to clear since? Then it may be raised anew.
  condition_cleared  boolean     not null default false
);

create unique index alert_one_active on alert (type, entity) where status = 'ACTIVE';
create index alert_type_entity on alert (type, entity, id desc);
create index alert_status_severity on alert (status, severity);
