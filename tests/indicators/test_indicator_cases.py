"""Every indicator, in every language it covers: one text that fires it and one negated/near-miss text
that must not. The parametrisation comes from the data tables in cases_job.py / cases_escort.py."""
import pytest

from redflags.indicators.matcher import find_hits
from redflags.indicators.pack import default_pack
from tests.indicators.cases_escort import ESCORT_CASES, ESCORT_MORE
from tests.indicators.cases_job import JOB_CASES, JOB_MORE

JOB_LANGS = ("en", "es", "fr", "pt", "ro", "ru", "uk", "id", "tl", "th")
ESCORT_LANGS = ("en", "es", "fr", "pt", "ro", "ru")
CASES = [(ind, lang, "job", texts) for (ind, lang), texts in JOB_CASES.items()] + \
        [(ind, lang, "escort", texts) for (ind, lang), texts in ESCORT_CASES.items()] + \
        [(ind, lang, "job", (fire, miss)) for ind, lang, fire, miss in JOB_MORE] + \
        [(ind, lang, "escort", (fire, miss)) for ind, lang, fire, miss in ESCORT_MORE]


def fired(text: str, lang: str, ad_type: str) -> dict[str, list]:
    hits = find_hits(text, [lang, "en"], ad_type, default_pack())
    out: dict[str, list] = {}
    for h in hits:
        assert text[h.start:h.end] == h.text, "a hit's span must point into the original text"
        out.setdefault(h.indicator, []).append(h)
    return out


@pytest.mark.parametrize("indicator,lang,ad_type,texts", CASES, ids=[f"{c[0]}-{c[1]}-{i}" for i, c in enumerate(CASES)])
def test_fires(indicator, lang, ad_type, texts):
    assert indicator in fired(texts[0], lang, ad_type), f"{indicator} should fire on: {texts[0]}"


@pytest.mark.parametrize("indicator,lang,ad_type,texts", CASES, ids=[f"{c[0]}-{c[1]}-{i}" for i, c in enumerate(CASES)])
def test_does_not_fire_when_negated_or_near_miss(indicator, lang, ad_type, texts):
    assert indicator not in fired(texts[1], lang, ad_type), f"{indicator} should not fire on: {texts[1]}"


def test_the_tables_cover_every_indicator_in_every_required_language():
    pack = default_pack()
    for ind in pack.indicators:
        table, langs = (JOB_CASES, JOB_LANGS) if ind.family == "deceptive_recruitment" else (ESCORT_CASES, ESCORT_LANGS)
        for lang in langs:
            assert (ind.id, lang) in table, f"no test case for {ind.id} in {lang}"


def test_every_indicator_has_patterns_and_worker_text_in_its_languages():
    for ind in default_pack().indicators:
        langs = JOB_LANGS if ind.family == "deceptive_recruitment" else ESCORT_LANGS
        for lang in langs:
            entry = ind.languages.get(lang)
            assert entry and entry.patterns, f"{ind.id}: no patterns in {lang}"
            assert entry.explanation and entry.advice, f"{ind.id}: no worker explanation/advice in {lang}"
