-- filling_yield (020) finds an order's COOISPI row by its number without leading zeros. Without an
-- index on that expression, asking the view for a few batches (LOW_YIELD after an MB51 load,
-- api/src/domain/alerts.ts) hash-joined the whole of raw_cooispi (~160,000 orders at scale 40,
-- ~0.15 s); with it, each order is one index lookup.
create index raw_cooispi_order_number_trimmed on raw_cooispi (ltrim(order_number, '0'));
