import sqlite3

import pytest

from redflags.errors import NotFound, StoreError
from redflags.model import Ad, Analysis, Identifier, Origin, Quarantined
from redflags.store import open_store
from redflags.store.migrations import available

ORIGIN = Origin("f.jsonl", "abc", "line 1")


def _ad(i, text, **kw):
    return Ad(id=f"ad{i}", source="test", text=text, **kw)


def test_wal_mode_and_schema_version(tmp_path):
    with open_store(tmp_path / "s.db") as s:
        assert s.execute("PRAGMA journal_mode")[0][0] == "wal"
        assert s.schema_version == available()[-1][0]
        assert [r[0] for r in s.execute("SELECT version FROM schema_version")] == [v for v, _ in available()]
    with open_store(tmp_path / "s.db") as s:  # reopening does not re-apply migrations
        assert len(s.execute("SELECT * FROM schema_version")) == len(available())


def test_evidence_items_move_to_a_rowid_table_with_their_bytes(tmp_path):
    """Migration 0009 on a store made by migrations 1-8: every item kept byte for byte, same key."""
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)")
    for version, sql in available():
        if version < 9:
            conn.executescript(f"BEGIN;\n{sql}\nINSERT INTO schema_version VALUES ({version}, 'then');\nCOMMIT;")
    items = [(f"{i:064x}", 3, bytes([i, i, i]), f"2026-01-0{i}", "image" if i % 2 else "record") for i in range(1, 6)]
    conn.executemany("INSERT INTO evidence_items(sha256, size, data, first_seen, kind) VALUES (?, ?, ?, ?, ?)", items)
    conn.commit()
    conn.close()
    with open_store(path) as s:
        assert s.schema_version >= 9
        rows = s.execute("SELECT sha256, size, data, first_seen, kind FROM evidence_items ORDER BY sha256")
        assert [tuple(r) for r in rows] == items
        table_sql = s.execute("SELECT sql FROM sqlite_master WHERE name = 'evidence_items'")[0][0]
        assert "WITHOUT ROWID" not in table_sql
        with pytest.raises(sqlite3.IntegrityError):  # the SHA-256 stays a key
            s.execute("INSERT INTO evidence_items(sha256, size, data, first_seen) VALUES (?, 1, x'00', 'now')",
                      (items[0][0],))


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "s.db"
    open_store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO schema_version VALUES (999, 'future')")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer than this Redflags"):
        open_store(path)


def test_not_a_database_is_a_store_error(tmp_path):
    path = tmp_path / "s.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="cannot open store"):
        open_store(path)


def test_round_trip_and_duplicates(store):
    ad = _ad(1, "Cleaners wanted", title="Job", images=("a.jpg",), meta={"k": [1, 2]}, posted_at="2026-01-01")
    r = store.write_batch([(ad, Analysis(identifiers=(Identifier("email", "a@b.co", 0, 5, True, {"domain": "b.co"}),)),
                            ORIGIN)])
    assert (r.inserted, r.duplicates) == (1, 0)
    assert store.get_ad("ad1") == ad
    assert store.identifiers_for("ad1")[0].detail == {"domain": "b.co"}
    r = store.write_batch([(ad, Analysis(), ORIGIN), (ad, Analysis(), ORIGIN)])
    assert (r.inserted, r.duplicates) == (0, 2)
    with pytest.raises(NotFound):
        store.get_ad("nope")


def test_batch_is_atomic(store):
    bad_identifier = Identifier("phone", "+1", start=["not", "an", "int"], end=2)  # fails after the ads insert
    with pytest.raises(sqlite3.Error):
        store.write_batch([(_ad(1, "fine"), Analysis(), ORIGIN),
                           (_ad(2, "also fine"), Analysis(identifiers=(bad_identifier,)), ORIGIN)],
                          [Quarantined(ORIGIN, "bad")])
    assert store.stats()["ads"] == 0 and store.quarantined() == []
    store.write_batch([(_ad(1, "fine"), Analysis(), ORIGIN)])  # the store is still usable
    assert store.stats()["ads"] == 1


def test_quarantine_is_idempotent_per_file_and_locator(store):
    q = Quarantined(ORIGIN, "bad JSON", "{x")
    store.write_batch([], [q])
    store.write_batch([], [q])
    assert len(store.quarantined()) == 1


def test_fulltext_ranks_and_snippets(store):
    ads = [_ad(1, "Warehouse workers needed, visa provided"), _ad(2, "Nanny for a family in Lyon"),
           _ad(3, "Warehouse jobs abroad: warehouse pickers, warehouse drivers"), _ad(4, "Café staff wanted, São Paulo")]
    store.write_batch([(a, Analysis(), ORIGIN) for a in ads])
    ids = [a.id for a, _ in store.fulltext('"warehouse"')]
    assert set(ids) == {"ad1", "ad3"}
    assert ids[0] == "ad3"  # more matches rank first
    assert "[warehouse]" in store.fulltext('"warehouse"')[0][1].lower()
    assert [a.id for a, _ in store.fulltext('"cafe" "sao"')] == ["ad4"]  # diacritics folded
    with pytest.raises(StoreError):
        store.fulltext('"unterminated')


def test_iter_ads_streams_in_order(store):
    store.write_batch([(_ad(i, f"text {i}"), Analysis(), ORIGIN) for i in range(25)])
    assert [a.id for a in store.iter_ads(batch=4)] == [f"ad{i}" for i in range(25)]


def test_hits_and_score_round_trip_and_rescore_replaces_them(store):
    from redflags.model import Contribution, Hit, Score

    ad = _ad(1, "Pay a 500 USD deposit before travel")
    hit = Hit("fee_charged", "deceptive_recruitment", 6, 22, "a 500 USD deposit", 0.4, "en")
    score = Score(0.46, "medium", 0.1, (Contribution("fee_charged", 0.36, "worker pays a fee"),), "v1")
    store.write_batch([(ad, Analysis(hits=(hit,), score=score, ad_type="job", language="en"), ORIGIN)])
    assert store.hits_for("ad1") == [hit]
    assert store.score_for("ad1") == (score, "job", "en")
    assert [a.id for a in store.ads_needing_rescore("v1")] == []
    assert [a.id for a in store.ads_needing_rescore("v2")] == ["ad1"]
    new_score = Score(0.1, "low", 0.1, (), "v2")
    store.replace_analyses([(ad, Analysis(score=new_score, ad_type="job", language="en"))])
    assert store.hits_for("ad1") == []
    assert store.score_for("ad1")[0] == new_score
    assert store.stats()["risk_levels"] == {"low": 1}

def test_link_bulk_settings_apply_inside_and_are_restored(store):
    tables = store.link_tables
    before = [store.execute(f"PRAGMA {p}")[0][0] for p in ("cache_size", "wal_autocheckpoint")]
    with tables.bulk(cache_mb=64, checkpoint_pages=5000):
        assert [store.execute(f"PRAGMA {p}")[0][0] for p in ("cache_size", "wal_autocheckpoint")] == [-65536, 5000]
    assert [store.execute(f"PRAGMA {p}")[0][0] for p in ("cache_size", "wal_autocheckpoint")] == before
