-- Evidence (issue 7): every record as received, content-addressed by SHA-256, and an append-only custody
-- log whose entries are hash-chained; the newest entry's hash is signed with the installation's Ed25519 key.
CREATE TABLE evidence_items (
    sha256     TEXT PRIMARY KEY,          -- of `data`; ads.raw_sha256 points here
    size       INTEGER NOT NULL,
    data       BLOB NOT NULL,
    first_seen TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE custody_log (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    at         TEXT NOT NULL,
    event      TEXT NOT NULL,             -- import, view, export, deletion, ...
    actor      TEXT,
    target     TEXT,
    detail     TEXT NOT NULL,             -- canonical JSON
    prev_hash  TEXT NOT NULL,             -- entry_hash of seq - 1 ('0' * 64 for the first)
    entry_hash TEXT NOT NULL              -- sha256 of prev_hash and the canonical entry
);
CREATE TRIGGER custody_no_update BEFORE UPDATE ON custody_log BEGIN SELECT RAISE(ABORT, 'the custody log is append-only'); END;
CREATE TRIGGER custody_no_delete BEFORE DELETE ON custody_log BEGIN SELECT RAISE(ABORT, 'the custody log is append-only'); END;

CREATE TABLE custody_head (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    seq        INTEGER NOT NULL,
    entry_hash TEXT NOT NULL,
    signature  TEXT NOT NULL,             -- Ed25519 over "redflags-custody-head:{seq}:{entry_hash}", hex
    public_key TEXT NOT NULL,             -- raw Ed25519 public key, hex
    signed_at  TEXT NOT NULL
);
