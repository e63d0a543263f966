-- The (plant, material, batch) of every reversal line: the groups a full netting rebuild runs the
-- stack on (api/src/domain/netting-facts.ts), since only a group with a reversal can have a
-- cancelled line. About 10,000 of 1.6 million lines at scale 40: finding them took a scan of the
-- whole table (~1 s), and the index costs the loader next to nothing.
create index raw_mb51_reversal_lines on raw_mb51 (plant, material, batch)
  where movement_type in ('602', '102', '262', '352', '312', '202');
