-- Lines without batch net per (plant, material) (DOMAIN.md §3.1, D3): when an MB51 window touches
-- such a group, its lines and netted movements are found through these (about 4 % of the lines),
-- as the batch indexes serve every other group (api/src/domain/netting-facts.ts).
create index raw_mb51_no_batch on raw_mb51 (plant, material) where batch is null;
create index netted_movement_no_batch on netted_movement (plant, material) where batch is null;
