-- Automatic persisted queries (Apollo APQ), shared by every API process: a client that registered a
-- query's hash with one process can send only the hash to another.
create table persisted_query (
  key        text primary key,
  query      text        not null,
  created_at timestamptz not null default now()
);
