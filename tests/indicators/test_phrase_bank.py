"""Phrase banks: for each indicator and language, many phrasings an ad might use (must fire) and
negated or legitimate near-misses (must not). Data in tests/indicators/phrases/<lang>.yaml; written
apart from the benchmark's evaluation set, to widen the patterns beyond one example per indicator."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from redflags.indicators.pack import default_pack
from tests.indicators.test_indicator_cases import fired

PHRASES = Path(__file__).parent / "phrases"


def _ad_type(indicator_id: str) -> str:
    ind = next(i for i in default_pack().indicators if i.id == indicator_id)
    return "escort" if ind.family == "commercial_sex" else "job"


def _bank() -> list[tuple[str, str, str, str, bool]]:
    """(lang, indicator, ad type, text, should fire) for every phrase of every bank file."""
    out = []
    known = {i.id for i in default_pack().indicators}
    for path in sorted(PHRASES.glob("*.yaml")):
        lang = path.stem
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for indicator, groups in data.items():
            assert indicator in known, f"{path.name}: unknown indicator {indicator!r}"
            for key, should in (("fire", True), ("quiet", False)):
                for text in groups.get(key) or []:
                    out.append((lang, indicator, _ad_type(indicator), text, should))
    return out


BANK = _bank()


def test_the_banks_exist_and_hold_both_kinds():
    langs = {b[0] for b in BANK}
    assert len(langs) >= 10, sorted(langs)
    assert sum(b[4] for b in BANK) > 500 and sum(not b[4] for b in BANK) > 300


@pytest.mark.parametrize("lang,indicator,ad_type,text,should", BANK,
                         ids=[f"{b[0]}-{b[1]}-{'fire' if b[4] else 'quiet'}-{i}" for i, b in enumerate(BANK)])
def test_phrase(lang, indicator, ad_type, text, should):
    got = indicator in fired(text, lang, ad_type)
    assert got == should, f"{indicator} should {'' if should else 'not '}fire on: {text}"
