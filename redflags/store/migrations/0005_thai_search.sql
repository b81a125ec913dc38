-- Thai is written without spaces between words, so the unicode61 index holds whole runs of Thai and a word
-- inside a run cannot be found. Ads with Thai text get a second, trigram index: any substring of three or
-- more characters matches. Only those ads are indexed there, so other languages pay nothing.
CREATE VIRTUAL TABLE ads_trigram USING fts5(
  title, text, content='ads', content_rowid='seq', tokenize='trigram'
);
CREATE TRIGGER ads_trigram_insert AFTER INSERT ON ads
WHEN coalesce(new.title, '') || new.text GLOB '*[ก-๛]*' BEGIN
  INSERT INTO ads_trigram(rowid, title, text) VALUES (new.seq, new.title, new.text);
END;
CREATE TRIGGER ads_trigram_delete AFTER DELETE ON ads
WHEN coalesce(old.title, '') || old.text GLOB '*[ก-๛]*' BEGIN
  INSERT INTO ads_trigram(ads_trigram, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
END;
CREATE TRIGGER ads_trigram_update_old AFTER UPDATE OF title, text ON ads
WHEN coalesce(old.title, '') || old.text GLOB '*[ก-๛]*' BEGIN
  INSERT INTO ads_trigram(ads_trigram, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
END;
CREATE TRIGGER ads_trigram_update_new AFTER UPDATE OF title, text ON ads
WHEN coalesce(new.title, '') || new.text GLOB '*[ก-๛]*' BEGIN
  INSERT INTO ads_trigram(rowid, title, text) VALUES (new.seq, new.title, new.text);
END;
INSERT INTO ads_trigram(rowid, title, text)
  SELECT seq, title, text FROM ads WHERE coalesce(title, '') || text GLOB '*[ก-๛]*';
