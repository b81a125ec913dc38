from redflags.model import Ad, Origin
from redflags.search import fts_query, search

ORIGIN = Origin("f", "s", "line 1")


def test_fts_query_quotes_words_and_prefixes_last():
    assert fts_query('visa "AND" OR( NEAR') == '"visa" "AND" "OR" "NEAR"*'
    assert fts_query("!!!") is None


def test_search_by_words_survives_fts_syntax(store):
    store.write_batch([(Ad(id="a", source="s", text="Hotel cleaners wanted (urgent)"), [], ORIGIN),
                       (Ad(id="b", source="s", text="Cook wanted"), [], ORIGIN)])
    assert [r.ad.id for r in search(store, "cleaners (urg")] == ["a"]
    assert [r.ad.id for r in search(store, 'wanted"')] != []
    assert search(store, "nothing-like-this") == []
