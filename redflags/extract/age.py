"""Ages stated in ads ("age 19", "19 yo", "19 años", "j'ai 22 ans", "22-year-old") as the integer's string.

A number counts when a cue word sits right before it ("age", "edad", "I'm") or an age word right after
it ("yo", "años", "ans"). Words like "years" or "ani" also describe experience, so they count only with
a cue before ("I am 19 years", "am 19 ani"). Cue words live in data/ages.json.
"""
from __future__ import annotations

import logging
import re
from functools import lru_cache
from typing import Any

from redflags.extract.normalize import Folded
from redflags.extract.wordlists import first_chars, load, trie_pattern
from redflags.model import Identifier


log = logging.getLogger(__name__)
MAX_NUMBERS = 5000  # bounded work per text (an ad has a few dozen numbers)
_NUM_RE = re.compile(r"[0-9][0-9]*")  # "[0-9]+" would be tried at every position (see normalize.py)


@lru_cache(maxsize=1)
def _tables() -> dict[str, Any]:
    data = load("ages.json")

    def alt(ws: list[str]) -> str:
        # a trie, not a plain alternation: same matches (the longest word that fits wins), but each
        # position tries one branch per first letter instead of every word
        return trie_pattern(ws)

    plain_after = [w for w in data["after"] if w not in data["after_needs_before"]]
    return {
        "before": re.compile(rf"(?={first_chars(data['before'])})(?<![\w])(?:{alt(data['before'])})\s{{0,2}}[:=\-]?\s{{0,2}}$", re.I),
        "weak_before": re.compile(rf"(?={first_chars(data['before_with_after_only'] + data['before'])})(?<![\w])(?:{alt(data['before_with_after_only'] + data['before'])})\s{{0,2}}$", re.I),
        "after": re.compile(rf"(?=\s{{0,2}}{first_chars(plain_after)})\s{{0,2}}(?:{alt(plain_after)})(?![\w])", re.I),
        "any_after": re.compile(rf"(?=\s{{0,2}}{first_chars(data['after'] + data['after_needs_before'])})\s{{0,2}}(?:{alt(data['after'] + data['after_needs_before'])})(?![\w])", re.I),
        "not_after": re.compile(rf"\s{{0,2}}(?:{alt(data['not_after'])})(?![^\W\d_])|\s?[0-9]|['\"/%]", re.I),
        "min": data["min"], "max": data["max"]}


def _age_span(text: str, s: int, e: int, t: dict[str, Any]) -> tuple[int, int] | None:
    """Span of the age phrase around the two-digit number at [s, e), or None if it is not an age."""
    lo = max(0, s - 14)
    aa = t["any_after"].match(text, e)  # `after` words are a subset: no `aa`, no `a` either
    if aa:
        wb = t["weak_before"].search(text, lo, s)
        if wb:
            return wb.start(), aa.end()
    b = t["before"].search(text, lo, s)
    if b and not t["not_after"].match(text, e):
        return b.start(), e
    a = t["after"].match(text, e) if aa else None
    if a:
        return s, a.end()
    return None


def _two_digit_spans(folded: Folded) -> list[tuple[int, int]]:
    """Spans of the two-digit numbers (maximal runs of exactly two digits), in order, read from
    `folded.numbers`: each of those matches is digit groups joined by "." or ",", and every run of
    digits is one whole group of one match."""
    text = folded.text
    out = []
    for m in folded.numbers:
        s, e = m.span()
        if e - s == 2:
            out.append((s, e))
        elif e - s > 3 and not m.group().isdigit():  # groups joined by "." or ",": "1.25" holds 25
            out.extend(g.span() for g in _NUM_RE.finditer(text, s, e) if g.end() - g.start() == 2)
    return out


def extract_ages(folded: Folded) -> list[Identifier]:
    """Ages in folded text, one per number, with original-text spans."""
    text = folded.text
    t = _tables()
    found = []
    # a text shorter than 2 * MAX_NUMBERS characters cannot hold more than MAX_NUMBERS numbers: take
    # the two-digit ones from the number scan prices share; otherwise count every number
    if len(text) < 2 * MAX_NUMBERS:
        spans = _two_digit_spans(folded)
    else:
        spans = []
        for n, m in enumerate(_NUM_RE.finditer(text)):
            if n >= MAX_NUMBERS:
                log.warning("more than %d numbers in one text; the rest is not searched for ages", MAX_NUMBERS)
                break
            spans.append(m.span())
    for s, e in spans:
        if e - s != 2 or (s and text[s - 1] in ".,$€£") or not t["min"] <= int(text[s:e]) <= t["max"]:
            continue
        span = _age_span(text, s, e, t)
        if span is None:
            continue
        n = int(text[s:e])
        os_, oe = folded.span(*span)
        found.append(Identifier("age", str(n), os_, oe, False, {"years": n}))
    return found
