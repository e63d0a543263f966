-- Indexes for the API's lead-time lists (`npm run bench:api`, BENCHMARKS.md "API").
--
-- In the order of the lists (newest release first, then order number; domain/lead-time.ts): a page
-- of `leadTimeOrders` reads its rows off the index instead of sorting every order of the window
-- (about 0.2 ms instead of 270 ms for a year of orders). It replaces the plain `(release_date)`
-- index of 010, which answered the window's range condition and nothing more; this one answers both.
drop index lead_time_order_release;
create index lead_time_order_release on lead_time_order (release_date desc nulls last, order_number desc);
