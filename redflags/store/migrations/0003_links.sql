-- Linking: per-ad text signatures, LSH bucket representatives, image hashes, evidence links, hubs,
-- clusters and their members, and the linking state (config version, last linked ad).
CREATE TABLE link_signatures (
  ad_seq    INTEGER PRIMARY KEY REFERENCES ads(seq) ON DELETE CASCADE,
  shingles  INTEGER NOT NULL,          -- distinct masked word shingles (0: no usable text)
  signature BLOB NOT NULL              -- MinHash, num_perm little-endian uint16
);

CREATE TABLE lsh_buckets (
  key     INTEGER PRIMARY KEY,         -- 64-bit hash of (band number, band values)
  rep_seq INTEGER NOT NULL             -- earliest ad in the bucket: later ads are compared with it
) WITHOUT ROWID;

CREATE TABLE image_hashes (
  ref     TEXT PRIMARY KEY,            -- image reference as the ad gives it
  pdq     BLOB,                        -- 32-byte PDQ hash, NULL when the image could not be read
  quality INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

CREATE TABLE links (
  a_seq  INTEGER NOT NULL,             -- earlier ad
  b_seq  INTEGER NOT NULL,             -- later ad
  type   TEXT NOT NULL,                -- near_duplicate (identifier and image links are derived from keys)
  value  TEXT NOT NULL,                -- what proves it (e.g. "jaccard 0.82")
  weight REAL NOT NULL,
  PRIMARY KEY (a_seq, b_seq, type)
) WITHOUT ROWID;
CREATE INDEX links_b ON links(b_seq);

CREATE TABLE hubs (
  kind     TEXT NOT NULL,
  value    TEXT NOT NULL,
  ads      INTEGER NOT NULL,
  contexts INTEGER NOT NULL,
  reason   TEXT NOT NULL,
  PRIMARY KEY (kind, value)
) WITHOUT ROWID;

CREATE TABLE clusters (
  cluster_id TEXT PRIMARY KEY,         -- "C" + store sequence number of the earliest member
  size       INTEGER NOT NULL,
  first_posted TEXT,
  last_posted  TEXT,
  summary    TEXT NOT NULL             -- JSON: link counts by type, places, indicators, risk roll-up
) WITHOUT ROWID;
CREATE INDEX clusters_size ON clusters(size);

CREATE TABLE cluster_members (
  ad_seq     INTEGER PRIMARY KEY,
  cluster_id TEXT NOT NULL
);
CREATE INDEX cluster_members_cluster ON cluster_members(cluster_id);

CREATE TABLE link_state (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
