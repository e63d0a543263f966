-- netting_group's key led by the batch: every lookup of the table is by batch (the batch trace, the
-- transit of a batch, the groups a load touches, which for lines without a batch are found by
-- `batch is null`), so the key's index serves them all and the separate (batch, plant) index goes.
-- One index fewer to build in a full rebuild (api/src/db/replace-table.ts) and to keep in a load.
alter table netting_group drop constraint netting_group_key;
alter table netting_group add constraint netting_group_key unique nulls not distinct (batch, plant, material, forward_type);
drop index netting_group_batch;
