-- Indicator hits with their spans, and one risk score per ad with its explanation.
CREATE TABLE hits (
  ad_id     TEXT NOT NULL REFERENCES ads(id) ON DELETE CASCADE,
  indicator TEXT NOT NULL,
  category  TEXT NOT NULL,
  start     INTEGER NOT NULL,
  "end"     INTEGER NOT NULL,
  text      TEXT NOT NULL,
  weight    REAL NOT NULL,
  language  TEXT,
  PRIMARY KEY (ad_id, indicator, start)
) WITHOUT ROWID;
CREATE INDEX hits_indicator ON hits(indicator);

CREATE TABLE scores (
  ad_id         TEXT PRIMARY KEY REFERENCES ads(id) ON DELETE CASCADE,
  value         REAL NOT NULL,
  level         TEXT NOT NULL,
  base          REAL NOT NULL,
  contributions TEXT NOT NULL,   -- JSON list of {source, amount, reason}
  pack_version  TEXT NOT NULL,   -- which indicator packs produced this score
  ad_type       TEXT NOT NULL,   -- job | escort | other
  language      TEXT             -- detected language of the text
);
CREATE INDEX scores_level ON scores(level, value);
CREATE INDEX scores_ad_type ON scores(ad_type);
