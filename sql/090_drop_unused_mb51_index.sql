-- raw_mb51 (plant, row_hash) was never read: the MB51 window merge finds the lines it replaces
-- through (plant, posting_date) and pairs them by hash in memory, and no query of the model or the
-- API filters on row_hash. Maintaining it cost about half of the merge's insert time
-- (`npm run bench:ingest`: 200,000 staged lines into raw_mb51 took 15.5 s with it, 7.3 s without).
drop index if exists raw_mb51_plant_row_hash;
