"""Phone numbers as E.164 (`+14155550132`), validated with `phonenumbers`.

Digit runs (see digit_runs.py) are cut greedily into the longest slices that validate; national numbers
are read with each region of the caller's region chain in turn. Prices, dates, times, IBANs, card and
order numbers, coordinates and measurements are rejected by context (see negatives.py and data/phone.json).
"""
from __future__ import annotations

import logging
import re
from functools import lru_cache
from typing import Callable, Sequence

import phonenumbers
from phonenumbers import PhoneMetadata

from redflags.extract.digit_runs import Run, find_runs
from redflags.extract.negatives import is_blocked
from redflags.extract.normalize import Folded
from redflags.extract.phone_validity import is_valid, parse_digits, surely_invalid
from redflags.extract.wordlists import first_chars, load, trie_pattern
from redflags.model import Identifier

log = logging.getLogger(__name__)

_PLAIN_SEPARATORS = frozenset(" -.()/+")
_NANPA = frozenset(phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(1, ()))
_MIN_DIGITS, _MAX_DIGITS = 7, 17


@lru_cache(maxsize=1)
def _context() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    data = load("phone.json")

    def alt(words: list[str]) -> str:
        return trie_pattern(w.lower() for w in words)

    # the (?=[...]) look-aheads hold the first letters of the word lists after them: a speed-up only
    # (see first_chars), they never change what matches
    cue = re.compile(rf"(?:^|[^\w])(?={first_chars(data['cues'])})(?:{alt(data['cues'])})(?:[^\w]|$)", re.I)
    ident = re.compile(rf"(?:^|[^\w])(?={first_chars(data['id_context'])})(?:{alt(data['id_context'])})"
                       rf"\s?(?:#|no\.?|nr\.?|number|num|id)?\s?[:#.=-]?\s?$", re.I)
    symbols = "$€£¥₹₱฿₦₽₴"
    cur = alt(data["currency_words"])
    before_first = first_chars([*symbols, *data["currency_words"], "r$", "mx$", "us$"])
    before = re.compile(rf"(?={before_first})(?:[{symbols}]|(?<![\w])(?:{cur}|r\$|mx\$|us\$)\.?)\s?$", re.I)
    after_first = first_chars([*symbols, "%", *data["currency_words"], *data["units"]])
    after = re.compile(rf"(?=\s?{after_first})\s?(?:[{symbols}%]|(?:{cur}|{alt(data['units'])})(?![\w]))", re.I)
    return cue, ident, before, after


@lru_cache(maxsize=512)
def _length_window(region: str) -> tuple[int, int]:
    """Shortest and longest digit string that can be a national number in `region` (with trunk prefix)."""
    md = PhoneMetadata.metadata_for_region(region)
    if md is None:
        return 0, -1
    lengths = [n for n in md.general_desc.possible_length if n > 0] or [4, 15]
    extra = len(md.national_prefix or "") + 4  # trunk prefix, carrier codes, the country code itself
    return min(lengths), max(lengths) + extra


@lru_cache(maxsize=65536)
def _parse(number: str, region: str) -> str | None:
    """E.164 for `number` read in `region` if valid, else None. Cached: ads repeat numbers a lot."""
    if number[0] != "+" and surely_invalid(number, region):
        return None
    n = parse_digits(number, region)
    if n is None or not is_valid(n):
        return None
    return f"+{n.country_code}{phonenumbers.national_significant_number(n)}"


def _interpret(digits: str, plus: bool, regions: Sequence[str], cue: Callable[[], bool]) -> str | None:
    """Try the readings of one digit string in order of how it was written; first valid wins. `cue()`
    tells whether a phone cue precedes the run (looked up only when a reading needs it)."""
    if plus:
        return _parse("+" + digits, "ZZ")
    if digits.startswith("00") and len(digits) > 9:
        hit = _parse("+" + digits[2:], "ZZ")
        if hit:
            return hit
    if digits.startswith("011") and any(r.lstrip("~") in _NANPA for r in regions[:1]):
        hit = _parse("+" + digits[3:], "ZZ")
        if hit:
            return hit
    for region in regions:
        if region.startswith("~"):
            region = region[1:]  # a region guessed from the text: only for numbers with its trunk prefix
            prefix = PhoneMetadata.metadata_for_region(region).national_prefix
            if prefix and not digits.startswith(prefix):
                continue
        lo, hi = _length_window(region)
        if lo <= len(digits) <= hi:
            hit = _parse(digits, region)
            if hit:
                return hit
    if len(digits) >= 10 and digits[0] != "0" and cue():
        return _parse("+" + digits, "ZZ")
    return None


def _rejected(text: str, s: int, e: int, blocked: list[tuple[int, int]]) -> bool:
    """True when the folded span [s, e) sits in a hard-negative context."""
    for bs, be in blocked:
        if bs < e and be > s:
            return True
    _, ident, before, after = _context()
    head = text[max(0, s - 24):s]
    if ident.search(head) or before.search(head) or after.match(text, e, min(len(text), e + 12)):
        return True
    return is_blocked(text, s, e)


def _scan_run(run: Run, text: str, regions: Sequence[str], blocked: list[tuple[int, int]],
              folded: Folded, lenient: bool = False,
              spans: list[tuple[int, int]] | None = None) -> list[Identifier]:
    """Cut one run into phone numbers: from each start take the longest slice that validates."""
    toks = run.tokens
    cue_re = _context()[0]
    start = toks[0].start
    known: list[bool] = []

    def cue() -> bool:
        if not known:
            known.append(lenient or cue_re.search(text, max(0, start - 30), start) is not None)
        return known[0]
    found: list[Identifier] = []
    i = 0
    while i < len(toks):
        ends: list[int] = []
        total = 0
        for j in range(i, len(toks)):
            total += len(toks[j].digits)
            if total > _MAX_DIGITS:
                break
            if total >= _MIN_DIGITS:
                ends.append(j)
        hit = None
        for j in reversed(ends):
            hit = _try_slice(run, i, j, text, regions, cue, blocked, folded)
            if hit:
                k = i
                while k < j and toks[k].spelled:  # "one 702 555 0199": the stray word adds nothing
                    tighter = _try_slice(run, k + 1, j, text, regions, cue, blocked, folded)
                    if tighter is None or tighter.value != hit.value:
                        break
                    hit, k = tighter, k + 1
                found.append(hit)
                if spans is not None:
                    spans.append((toks[k].start, toks[j].end))
                i = j + 1
                break
        if hit is None:
            i += 1
    return found


def _try_slice(run: Run, i: int, j: int, text: str, regions: Sequence[str], cue: Callable[[], bool],
               blocked: list[tuple[int, int]], folded: Folded) -> Identifier | None:
    toks = run.tokens
    plus = run.plus and i == 0
    s = run.plus_start if plus else toks[i].start
    e = toks[j].end
    digits = "".join(t.digits for t in toks[i:j + 1])
    value = _interpret(digits, plus, regions, cue)
    if value is None and plus and "0" in (toks[i].digits, toks[min(i + 1, j)].digits):
        # "+44 (0) 7911 123456": the bracketed trunk zero is not dialled from abroad
        k = i if toks[i].digits == "0" else i + 1
        value = _interpret("".join(t.digits for n, t in enumerate(toks[i:j + 1], i) if n != k), True, regions, cue)
    if value is None or _rejected(text, s, e, blocked):
        return None
    if text[s - 1:s] == "(" and text.find(")", s, e) != -1:
        s -= 1  # "(11) 98765-4321": highlight the bracket that opens the area code
    obfuscated = any(t.spelled for t in toks[i:j + 1]) or folded.changed(s, e) or text[s] not in "+(0123456789" or any(
        ch not in _PLAIN_SEPARATORS for a, b in zip(toks[i:j], toks[i + 1:j + 1]) for ch in text[a.end:b.start])
    os_, oe = folded.span(s, e)
    return Identifier("phone", value, os_, oe, obfuscated, {"digits": digits})


def extract_phones(folded: Folded, regions: Sequence[str], extra_blocked: Sequence[tuple[int, int]] = (),
                   *, lenient: bool = False, spans: list[tuple[int, int]] | None = None) -> list[Identifier]:
    """Phone numbers in `folded` text. National numbers are tried with the regions of any
    international number in the same text first, then `regions` in order.

    `extra_blocked` are folded-text spans to skip; `lenient` reads any 10+ digit number without "+" as
    possibly international (as if a phone cue preceded it), which suits search queries. `spans`, when
    given, receives, in step with the result, the folded-text digit span of each number (for callers that
    skip its digits)."""
    text = folded.text
    runs = find_runs(text, folded.lower)
    if not runs:
        return []
    blocked = sorted(extra_blocked)
    # regions of "+CC" numbers in the same text come first, marked "~": they only read numbers written
    # with that country's trunk prefix ("+44 ... or 07911 ..."), not any digit string valid there
    text_regions = ["~" + r for r in dict.fromkeys(_text_regions(runs)) if r not in regions]
    chain = [*text_regions, *regions]
    found: list[Identifier] = []
    for run in runs:
        found.extend(_scan_run(run, text, chain, blocked, folded, lenient, spans))
    return found


def _text_regions(runs: list[Run]) -> list[str]:
    """Regions of numbers written with a '+' in this text: the text's own hint for national numbers."""
    regions: list[str] = []
    for run in runs:
        if not run.plus:
            continue
        digits = "".join(t.digits for t in run.tokens)
        for n in (1, 2, 3):
            region = phonenumbers.region_code_for_country_code(int(digits[:n])) if digits[:n].isdigit() else "ZZ"
            if region != "ZZ":
                regions.append(region)
                break
    return regions
