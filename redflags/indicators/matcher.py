"""Text -> indicator hits with spans into the original text, skipping negated mentions.

Pack patterns are compiled per language into one alternation per indicator. In languages written with
spaces a pattern is anchored on word boundaries, a space in it matches a short run of spaces or
hyphens, and `~N` matches up to N intervening words within a sentence. In Thai (no spaces between
words) a space in a pattern matches up to three spaces and `~N` up to 8·N characters. Matching runs on
a same-length folded copy of the text (see `fold.py`), so spans point into the original.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from redflags.indicators.first_chars import with_first_chars
from redflags.indicators.fold import fold
from redflags.indicators.negation import NegationRules, compile_rules
from redflags.indicators.pack import Indicator, Pack
from redflags.indicators.safe_regex import GAP
from redflags.model import Hit

NO_SPACE_LANGS = ("th",)
_SEP = r"(?:[^\w.!?;\n]|\.(?=\w)){1,6}"   # spaces/punctuation inside a sentence ("1.200" is one clause)
_SPACED_GAP = r"(?:" + _SEP + r"\w{1,25}){0,%d}" + _SEP


def _spaces(part: str, one_or_more: str, optional: str) -> str:
    """Replace literal spaces outside character classes: " ?" -> `optional`, " " -> `one_or_more`."""
    out, i, in_class = [], 0, False
    while i < len(part):
        ch = part[i]
        if ch == "\\":
            out.append(part[i:i + 2])
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == " ":
            optional_space = part[i + 1:i + 2] == "?"
            out.append(optional if optional_space else one_or_more)
            i += 2 if optional_space else 1
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def expand(pattern: str, lang: str) -> str:
    """A pack pattern as a Python regex for `lang` (folded, with spaces and gaps made explicit)."""
    spaced = lang not in NO_SPACE_LANGS

    def gap(m: re.Match) -> str:
        n = int(m.group(1))
        return _SPACED_GAP % n if spaced else "[^.!?\\n]{0,%d}" % (8 * n)

    parts = GAP.split(fold(pattern))
    out = []
    for i, part in enumerate(parts):
        if i % 2:
            out.append(gap(re.match(r"(\d)", part)))  # type: ignore[arg-type]
        else:
            out.append(_spaces(part, r"[\s\-]{1,6}", r"[\s\-]{0,6}") if spaced
                       else _spaces(part, r"\s{0,3}", r"\s{0,3}"))
    body = "".join(out)
    return rf"(?<!\w)(?:{body})(?!\w)" if spaced else f"(?:{body})"


@dataclass(frozen=True, slots=True)
class _Rule:
    indicator: Indicator
    regex: re.Pattern


class CompiledPack:
    """A pack's patterns compiled once: rules per language, negation rules, ad-type cues."""

    def __init__(self, pack: Pack) -> None:
        self.pack = pack
        self.rules: dict[str, list[_Rule]] = {}
        for ind in pack.indicators:
            for lang, entry in ind.languages.items():
                if entry.patterns:
                    body = with_first_chars("|".join(expand(p, lang) for p in entry.patterns), re.IGNORECASE)
                    self.rules.setdefault(lang, []).append(_Rule(ind, re.compile(body, re.IGNORECASE)))
        self.negation: dict[str, NegationRules] = {
            lang: compile_rules(lang, raw) for lang, raw in pack.negation.items()}
        self.cues: dict[str, dict[str, re.Pattern]] = {
            ad_type: {lang: re.compile(with_first_chars("|".join(f"({expand(p, lang)})" for p in pats), re.IGNORECASE),
                                       re.IGNORECASE)
                      for lang, pats in per_lang.items()}
            for ad_type, per_lang in pack.ad_type_cues.items()}


_COMPILED: dict[str, CompiledPack] = {}


def _same_rules(a: Pack, b: Pack) -> bool:
    """True when `a` and `b` hold the very objects the compiled form is built from (e.g. one pack and a
    `dataclasses.replace` copy with the resemblance signal off), so they can share it."""
    return a is b or (a.indicators is b.indicators and a.negation is b.negation
                      and a.ad_type_cues is b.ad_type_cues)


def compiled(pack: Pack) -> CompiledPack:
    """The compiled form of `pack`, built once per pack version and set of rules."""
    got = _COMPILED.get(pack.version)
    if got is None or not _same_rules(got.pack, pack):
        got = _COMPILED[pack.version] = CompiledPack(pack)
    return got


def find_hits(text: str, languages: Iterable[str], ad_type: str, pack: Pack) -> list[Hit]:
    """Every non-negated indicator match in `text` for the given languages and ad type, by position.

    The first language is the ad's own; the others add patterns (e.g. English phrases in a Tagalog ad)."""
    cp = compiled(pack)
    folded = fold(text)
    # one hit per indicator and start, as the store keys them: the longest, then the first found (the ad's
    # own language first)
    best: dict[tuple[str, int], Hit] = {}
    seen: set[tuple[str, int, int]] = set()
    langs = list(dict.fromkeys(lang for lang in languages if lang))
    for lang in langs:
        # a hit is negated by cues of its pattern's language or of the ad's own language (langs[0])
        negations = [cp.negation[x] for x in dict.fromkeys((lang, langs[0])) if x in cp.negation]
        for rule in cp.rules.get(lang, ()):
            ind = rule.indicator
            if not ind.applies_to(ad_type):
                continue
            pos = 0
            while (m := rule.regex.search(folded, pos)) is not None:
                start, end = m.span()
                pos = max(end, start + 1)
                if end == start or (ind.id, start, end) in seen:
                    continue
                if ind.negatable and any(n.negated(folded, start, end) for n in negations):
                    pos = start + 1  # a negated match must not hide another pattern's match inside it
                    continue
                seen.add((ind.id, start, end))
                kept = best.get((ind.id, start))
                if kept is None or end > kept.end:
                    best[(ind.id, start)] = Hit(ind.id, ind.category, start, end, text[start:end], ind.weight, lang)
    return sorted(best.values(), key=lambda h: (h.start, h.end, h.indicator))
