-- Ads as captured, their full-text index, identifiers found in them, quarantine and the ingest log.
CREATE TABLE ads (
  seq            INTEGER PRIMARY KEY,      -- internal row number; FTS points here
  id             TEXT NOT NULL UNIQUE,     -- the ad id everywhere (CLI, API, clusters)
  source         TEXT NOT NULL,
  url            TEXT,
  title          TEXT,
  text           TEXT NOT NULL,
  posted_at      TEXT,
  captured_at    TEXT,
  location       TEXT,
  language       TEXT,
  images         TEXT NOT NULL DEFAULT '[]',  -- JSON array of image references
  meta           TEXT NOT NULL DEFAULT '{}',  -- JSON object: everything else the record carried
  content_sha256 TEXT NOT NULL,
  raw_sha256     TEXT                         -- digest of the record exactly as received
);
CREATE INDEX ads_posted_at ON ads(posted_at);
CREATE INDEX ads_source ON ads(source);

CREATE VIRTUAL TABLE ads_fts USING fts5(
  title, text, content='ads', content_rowid='seq', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER ads_fts_insert AFTER INSERT ON ads BEGIN
  INSERT INTO ads_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
END;
CREATE TRIGGER ads_fts_delete AFTER DELETE ON ads BEGIN
  INSERT INTO ads_fts(ads_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
END;
CREATE TRIGGER ads_fts_update AFTER UPDATE OF title, text ON ads BEGIN
  INSERT INTO ads_fts(ads_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
  INSERT INTO ads_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
END;

CREATE TABLE identifiers (
  ad_id      TEXT NOT NULL REFERENCES ads(id) ON DELETE CASCADE,
  kind       TEXT NOT NULL,
  value      TEXT NOT NULL,
  start      INTEGER NOT NULL,
  "end"      INTEGER NOT NULL,
  obfuscated INTEGER NOT NULL DEFAULT 0,
  detail     TEXT,                           -- JSON object or NULL
  PRIMARY KEY (ad_id, kind, value, start)
) WITHOUT ROWID;
CREATE INDEX identifiers_kind_value ON identifiers(kind, value);
CREATE INDEX identifiers_value ON identifiers(value);

CREATE TABLE quarantine (
  seq         INTEGER PRIMARY KEY,
  file        TEXT NOT NULL,                 -- path as given on the command line
  file_sha256 TEXT NOT NULL,                 -- identifies the input whatever its path
  locator     TEXT NOT NULL,                 -- "line 12", "row 40", "offset 1234", "file"
  reason      TEXT NOT NULL,
  excerpt     TEXT NOT NULL DEFAULT '',
  UNIQUE (file_sha256, locator)
);

CREATE TABLE ingest_runs (
  seq         INTEGER PRIMARY KEY,
  started_at  TEXT NOT NULL,
  finished_at TEXT,
  inputs      TEXT NOT NULL,                 -- JSON list of {path, sha256, format}
  ingested    INTEGER NOT NULL DEFAULT 0,
  duplicates  INTEGER NOT NULL DEFAULT 0,
  quarantined INTEGER NOT NULL DEFAULT 0,
  status      TEXT NOT NULL                  -- running | done | failed
);
