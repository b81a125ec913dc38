from redflags.model import Ad, Analysis, Origin
from redflags.search import fts_query, search

ORIGIN = Origin("f", "s", "line 1")


def test_fts_query_quotes_words_and_prefixes_last():
    assert fts_query('visa "AND" OR( NEAR') == '"visa" "AND" "OR" "NEAR"*'
    assert fts_query("!!!") is None


def test_search_by_words_survives_fts_syntax(store):
    store.write_batch([(Ad(id="a", source="s", text="Hotel cleaners wanted (urgent)"), Analysis(), ORIGIN),
                       (Ad(id="b", source="s", text="Cook wanted"), Analysis(), ORIGIN)])
    assert [r.ad.id for r in search(store, "cleaners (urg")] == ["a"]
    assert [r.ad.id for r in search(store, 'wanted"')] != []
    assert search(store, "nothing-like-this") == []


def test_identifier_written_any_way_finds_the_ad(store, tmp_path):
    from redflags.cli.ingest_cmd import _enricher
    from redflags.ingest import ingest
    from tests.conftest import write_jsonl

    path = write_jsonl(tmp_path / "a.jsonl", [
        {"id": "x1", "text": "New in town, call seven0two-555-oh1ninenine after 6pm"},
        {"id": "x2", "text": "Waitress wanted, write to Hiring AT Example-Bar dot com"},
        {"id": "x3", "text": "Cook wanted, call 415 555 0132"}])
    ingest(store, [str(path)], enrich=_enricher("US"))
    assert [(r.ad.id, r.matched) for r in search(store, "(702) 555-0199")] == [("x1", "identifier")]
    assert [r.ad.id for r in search(store, "+1 702 555 0199")] == ["x1"]
    assert [r.ad.id for r in search(store, "hiring@example-bar.com")] == ["x2"]
    assert [r.ad.id for r in search(store, "four one five five five five zero one three two")] == ["x3"]


def test_thai_word_inside_an_unspaced_run_is_found(store):
    """Thai has no spaces between words: a word in the middle of a run is found through the trigram index."""
    store.write_batch([(Ad(id="th-1", source="s", text="รับสมัครพนักงานนวดด่วนรายได้ดีมากไม่ต้องมีประสบการณ์"),
                        Analysis(), ORIGIN),
                       (Ad(id="en-1", source="s", text="Massage staff wanted, good pay"), Analysis(), ORIGIN)])
    assert [r.ad.id for r in search(store, "รายได้ดี")] == ["th-1"]
    assert [r.ad.id for r in search(store, "ประสบการณ์")] == ["th-1"]
    assert search(store, "ทดสอบไม่มี") == []
    assert [r.ad.id for r in search(store, "massage")] == ["en-1"]
    assert store.execute("SELECT COUNT(*) FROM ads_trigram_docsize")[0][0] == 1  # only the Thai ad is indexed there
