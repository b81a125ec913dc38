"""The ad stream: determinism, prefix stability, schema, languages, dates, lengths."""
from __future__ import annotations

import itertools
import re
from collections import Counter
from datetime import datetime, timezone

from redflags.demo import generate, truth
from redflags.demo.templates import ESCORT_LANGS, JOB_LANGS

AD_KEYS = {"id", "url", "title", "text", "posted_at", "location", "images", "language"}


def test_same_seed_same_output_different_seed_different():
    a = list(generate(300, seed=5))
    assert a == list(generate(300, seed=5))
    b = list(generate(300, seed=6))
    assert sum(x["text"] == y["text"] for x, y in zip(a, b)) < 10


def test_prefix_stable():
    long = list(generate(700, seed=3))
    assert long[:250] == list(generate(250, seed=3))
    assert list(truth(700, seed=3))[:250] == list(truth(250, seed=3))


def test_generate_is_lazy():
    stream = generate(10**9)
    assert len(list(itertools.islice(stream, 5))) == 5


def test_every_ad_has_the_interchange_schema(corpus):
    ids = set()
    for ad, _ in corpus:
        assert set(ad) == AD_KEYS
        for key in ("id", "url", "title", "text", "posted_at", "location", "language"):
            assert isinstance(ad[key], str) and ad[key], key
        assert "{" not in ad["text"] and "}" not in ad["text"], ad["text"]
        assert ad["url"].startswith("https://")
        assert all(re.fullmatch(r"img/[0-9a-f]{16}(_v\d)?\.jpg", ref) for ref in ad["images"])
        ids.add(ad["id"])
    assert len(ids) == len(corpus)


def test_dates_cover_the_18_months_ending_october_2026(corpus):
    stamps = [datetime.strptime(ad["posted_at"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc) for ad, _ in corpus]
    assert min(stamps) >= datetime(2025, 5, 1, tzinfo=timezone.utc)
    assert max(stamps) <= datetime(2026, 10, 31, 23, 59, 59, tzinfo=timezone.utc)
    months = {(s.year, s.month) for s in stamps}
    assert len(months) == 18


def test_languages_and_ad_types(corpus):
    job = Counter(ad["language"] for ad, t in corpus if t["ad_type"] == "job")
    escort = Counter(ad["language"] for ad, t in corpus if t["ad_type"] == "escort")
    assert set(job) == set(JOB_LANGS)
    assert set(escort) == set(ESCORT_LANGS)
    share = sum(job.values()) / len(corpus)
    assert 0.55 < share < 0.75


def test_locations_are_city_and_country(corpus):
    for ad, _ in corpus:
        assert re.fullmatch(r"[^,]+(, [A-Z]{2})?, [A-Z][A-Za-z ]+", ad["location"]), ad["location"]


def test_text_length_about_one_kilobyte_with_some_short(corpus):
    lengths = [len(ad["text"]) for ad, _ in corpus]
    assert 550 <= sum(lengths) / len(lengths) <= 1200
    assert sum(n < 300 for n in lengths) > len(lengths) * 0.03
