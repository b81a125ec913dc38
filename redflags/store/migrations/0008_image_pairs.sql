-- Image pairs within PDQ distance 31, found once for each newly hashed picture (against every stored hash),
-- so a linking run pairs only new pictures instead of re-pairing all of them. Hashes stored before this
-- migration have paired = 0 and are paired by the next run.
ALTER TABLE image_hashes ADD COLUMN paired INTEGER NOT NULL DEFAULT 0;   -- 1 once its pairs are stored
CREATE TABLE image_pairs (
  a        TEXT NOT NULL,               -- image references, a < b
  b        TEXT NOT NULL,
  distance INTEGER NOT NULL,            -- PDQ Hamming distance (bits of 256)
  PRIMARY KEY (a, b)
) WITHOUT ROWID;
