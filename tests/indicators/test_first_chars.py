"""The first-character look-ahead is a speed-up only: every pack rule finds the same matches with it."""
from __future__ import annotations

import json
import re
from pathlib import Path

from hypothesis import given, settings, strategies as st

from redflags.demo import generate
from redflags.indicators import default_pack
from redflags.indicators.first_chars import with_first_chars
from redflags.indicators.fold import fold
from redflags.indicators.matcher import expand

EVAL = Path(__file__).resolve().parents[2] / "bench" / "data" / "indicators_eval.jsonl"


def test_lists_first_characters_of_alternations_and_groups():
    assert with_first_chars("(?<!\\w)(?:fee|visa)", re.I) == "(?=[fv])(?:(?<!\\w)(?:fee|visa))"
    assert with_first_chars("(?:a?b|[cd]e)").startswith("(?=[abcd])")


def test_leaves_patterns_it_cannot_analyse_alone():
    for p in ("\\w+fee", "a*", "(?:x|)", "(?:\\d|x)y", "[^a]b", ".b"):
        assert with_first_chars(p) == p


def _pack_patterns() -> list[tuple[str, str]]:
    pack = default_pack()
    out = []
    for ind in pack.indicators:
        for lang, entry in ind.languages.items():
            if entry.patterns:
                out.append((lang, "|".join(expand(p, lang) for p in entry.patterns)))
    return out


def _texts() -> list[str]:
    texts = [a["text"] for a in generate(400, 4)]
    texts += [json.loads(line)["text"] for line in EVAL.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [fold(t) for t in texts]


def test_every_pack_rule_matches_the_same_with_the_look_ahead():
    texts = _texts()
    changed = 0
    for _lang, body in _pack_patterns():
        fast = with_first_chars(body, re.I)
        changed += fast != body
        plain_re, fast_re = re.compile(body, re.I), re.compile(fast, re.I)
        for t in texts:
            assert [m.span() for m in fast_re.finditer(t)] == [m.span() for m in plain_re.finditer(t)]
    assert changed > 100  # most rules get the look-ahead


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="feevisaFEEVISA pagu 0123-.\n", max_size=60))
def test_case_insensitive_look_ahead_on_random_text(text):
    body = "(?<!\\w)(?:fee[\\s\\-]{1,6}(?:paid|\\d+)|visa|pag(?:a|ue))(?!\\w)"
    fast = re.compile(with_first_chars(body, re.I), re.I)
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in re.compile(body, re.I).finditer(text)]
