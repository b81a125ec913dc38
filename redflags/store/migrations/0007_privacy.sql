-- Privacy and evidence, part two (issue 7): images kept as evidence, when each ad was stored (retention
-- counts from there), what retention has purged, keyed hashes kept after a purge, partners' hash lists,
-- and a permit row without which the audit trail stays append-only.
ALTER TABLE evidence_items ADD COLUMN kind TEXT NOT NULL DEFAULT 'record';   -- record | image
ALTER TABLE image_hashes ADD COLUMN sha256 TEXT;                               -- evidence item of the bytes
CREATE INDEX image_hashes_sha256 ON image_hashes(sha256);

ALTER TABLE ads ADD COLUMN stored_at TEXT;
UPDATE ads SET stored_at = COALESCE(
  (SELECT first_seen FROM evidence_items e WHERE e.sha256 = ads.raw_sha256), captured_at,
  strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now'));
CREATE INDEX ads_stored_at ON ads(stored_at);
CREATE INDEX ads_raw_sha256 ON ads(raw_sha256);

ALTER TABLE quarantine ADD COLUMN stored_at TEXT;
ALTER TABLE quarantine ADD COLUMN raw_sha256 TEXT;              -- the bad record as received, when there is one
UPDATE quarantine SET stored_at = strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now');

CREATE TABLE retention_purges (
  ad_id     TEXT NOT NULL,
  kind      TEXT NOT NULL,                 -- raw_text | images | identifiers
  purged_at TEXT NOT NULL,
  PRIMARY KEY (ad_id, kind)
) WITHOUT ROWID;

CREATE TABLE identifier_hashes (
  ad_id  TEXT NOT NULL,
  kind   TEXT NOT NULL,
  keyed  TEXT NOT NULL,                    -- HMAC-SHA-256 under the installation's pseudonym key, hex
  PRIMARY KEY (ad_id, kind, keyed)
) WITHOUT ROWID;
CREATE INDEX identifier_hashes_keyed ON identifier_hashes(keyed);

CREATE TABLE shared_lists (
  id          INTEGER PRIMARY KEY,
  partner     TEXT NOT NULL,
  file_sha256 TEXT NOT NULL UNIQUE,
  key_id      TEXT NOT NULL,               -- fingerprint of the shared key the list was made with
  created_at  TEXT,
  imported_at TEXT NOT NULL,
  entries     INTEGER NOT NULL
);
CREATE TABLE shared_entries (
  list_id    INTEGER NOT NULL REFERENCES shared_lists(id) ON DELETE CASCADE,
  kind       TEXT NOT NULL,                -- phone, email, wallet, handle (keyed) or pdq (as is)
  hash       TEXT NOT NULL,
  categories TEXT NOT NULL DEFAULT '[]',
  first_seen TEXT,
  last_seen  TEXT,
  PRIMARY KEY (list_id, kind, hash)
) WITHOUT ROWID;
CREATE INDEX shared_entries_hash ON shared_entries(hash);

CREATE TABLE purge_permit (id INTEGER PRIMARY KEY CHECK (id = 1), reason TEXT NOT NULL);
DROP TRIGGER audit_no_delete;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit WHEN NOT EXISTS (SELECT 1 FROM purge_permit) BEGIN
  SELECT RAISE(ABORT, 'the audit trail is append-only (entries leave only through retention)');
END;
