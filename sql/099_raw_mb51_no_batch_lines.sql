-- The lines without a batch that an MB51 window's netting reads (api/src/domain/netting-facts.ts)
-- come from this index alone: its columns are all that netting needs. Such a group nets per (plant,
-- material) over the whole year (DOMAIN.md §3.1, D3), so a day touches ~40,000 of these lines at
-- scale 40, one heap page each (~1.3 s); the index-only scan reads ~2,000 index pages (~0.05 s).
-- Replaces 097's raw_mb51_no_batch, which served the same lookups through the heap.
create index raw_mb51_no_batch_lines on raw_mb51 (plant, material)
  include (id, movement_type, posting_date, quantity, reference, material_document) where batch is null;
drop index raw_mb51_no_batch;
