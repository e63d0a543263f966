-- Secrets the server generates for itself and every process of a deployment must share
-- (the zero-setup demo's token secret). Never exposed through the API.
create table app_secret (
  name       text primary key,
  value      text        not null,
  created_at timestamptz not null default now()
);
