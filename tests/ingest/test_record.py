import pytest

from redflags.errors import InputError
from redflags.ingest.record import build_ad, normalise_time


def test_own_id_is_kept_and_fields_normalised():
    ad = build_ad({"id": 42, "text": "  Cleaners wanted ", "title": "Job", "posted_at": "2026-03-01T10:00:00Z",
                   "images": "a.jpg; b.jpg", "phone_hint": "x"}, default_source="feed.jsonl")
    assert ad.id == "42"
    assert ad.text == "Cleaners wanted"
    assert ad.posted_at == "2026-03-01T10:00:00+00:00"
    assert ad.images == ("a.jpg", "b.jpg")
    assert ad.meta == {"phone_hint": "x"}
    assert ad.source == "feed.jsonl"


def test_derived_id_is_stable_and_depends_on_source_and_content():
    a = build_ad({"text": "same text"}, default_source="s1")
    assert a.id == build_ad({"text": "same text"}, default_source="s1").id
    assert a.id != build_ad({"text": "same text"}, default_source="s2").id
    assert a.id != build_ad({"text": "other text"}, default_source="s1").id
    assert a.id.startswith("ad-")


def test_source_precedence():
    assert build_ad({"text": "t", "source": "rec"}, default_source="file").source == "rec"
    assert build_ad({"text": "t", "source": "rec"}, source="cli", default_source="file").source == "cli"


@pytest.mark.parametrize("fields, reason", [
    ({"title": "no text"}, "missing text"),
    ({"text": "   "}, "missing text"),
    ({"text": ["a list"]}, "field 'text' must be text"),
    ({"text": "ok", "images": [1, 2]}, "images"),
    ({"text": "bad \udc80 surrogate"}, "undecodable"),
])
def test_bad_fields_name_the_problem(fields, reason):
    with pytest.raises(InputError) as e:
        build_ad(fields)
    assert reason in str(e.value)


def test_unreadable_date_is_kept_raw_not_lost():
    ad = build_ad({"text": "t", "posted_at": "last tuesday"})
    assert ad.posted_at is None
    assert ad.meta["posted_at_raw"] == "last tuesday"


@pytest.mark.parametrize("given, expected", [
    ("2026-05-04", "2026-05-04"),
    ("2026-05-04 10:11:12", "2026-05-04T10:11:12"),
    (0, "1970-01-01T00:00:00+00:00"),
    ("nonsense", None),
    (None, None),
])
def test_normalise_time(given, expected):
    assert normalise_time(given) == expected
