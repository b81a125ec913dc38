"""Fold text for matching while keeping a map back to the original offsets.

Extractors match on a folded form (Unicode NFKC, every script's decimal digits as ASCII digits,
emoji keycaps reduced to their digit, invisible format characters removed) and report spans in the
ORIGINAL text, so a highlight always lands on what the poster wrote. Plain ASCII text is returned
as-is without any per-character work, which keeps the common case fast.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from functools import lru_cache
from itertools import islice

# Scans are written "[c][c]*", not "[c]+": a pattern that starts with a character class lets `re` skip
# to the next position where it can match in a tight loop; one that starts with a repeat is tried at
# every position (about three times slower over a whole ad). Same matches.
_NON_ASCII = re.compile(r"[^\x00-\x7f][^\x00-\x7f]*")
# numbers as prices read them: digit groups joined by single "." or "," ("1,500", "12.50", "2023")
NUMBER_RE = re.compile(r"[0-9][0-9]*(?:[.,][0-9]+){0,4}")
NUMBERS_KEPT = 10_001  # `Folded.numbers` keeps at most this many

# Characters that only change how neighbours render: variation selectors, the keycap mark, zero-width
# joiners/spaces, soft hyphen. Removing them turns "1\ufe0f\u20e3" into "1" and "7\u200b0\u200b2" into "702".
_DROPPED = frozenset("\ufe0e\ufe0f\u20e3\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e")
_SPECIAL = {"\U0001f51f": "10"}  # KEYCAP TEN has no decomposition
# A non-ASCII run needs per-character work only if it holds a digit, a mark we drop or a character NFKC
# changes; most runs (words in Cyrillic, Thai, accented Latin) need none.
_NEEDS_WORK = re.compile("(?![0-9])\\d|[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufe0e\ufe0f\ufeff\u20e3\U0001f51f]")
_ASTRAL_RUN = re.compile("[\U00010000-\U0010ffff][\U00010000-\U0010ffff]*")


@lru_cache(maxsize=1)
def _work_tables() -> tuple[re.Pattern[str], frozenset[str]]:
    """The characters `_NEEDS_WORK` matches, split for speed: a regex class of those in the Basic
    Multilingual Plane (compiled to a 64K bitmap, about three times faster than `_NEEDS_WORK`'s
    look-ahead and category test), and a set of the astral ones (checked only inside runs of astral
    characters, mostly emoji, which are few)."""
    codes = [c for c in range(0x80, 0x110000) if chr(c).isdecimal()]
    bmp = [c for c in codes if c < 0x10000]
    ranges: list[tuple[int, int]] = []
    for c in bmp:
        if ranges and ranges[-1][1] == c - 1:
            ranges[-1] = (ranges[-1][0], c)
        else:
            ranges.append((c, c))
    cls = "".join(f"\\u{a:04x}-\\u{b:04x}" for a, b in ranges)
    marks = "\\u00ad\\u180e\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u2064\\ufe0e\\ufe0f\\ufeff\\u20e3"
    astral = frozenset(chr(c) for c in codes if c >= 0x10000) | {"\U0001f51f"}
    return re.compile(f"[{cls}{marks}]"), astral


def _work_positions(text: str) -> list[int]:
    """Offsets of the characters `_NEEDS_WORK` matches, in order."""
    bmp, astral = _work_tables()
    found = [m.start() for m in bmp.finditer(text)]
    astral_found = [k for m in _ASTRAL_RUN.finditer(text) for k in range(m.start(), m.end()) if text[k] in astral]
    return sorted(found + astral_found) if astral_found else found


def _needs_work(text: str) -> bool:
    """Same as `_NEEDS_WORK.search(text) is not None` (a non-ASCII decimal digit, a dropped mark or
    keycap ten somewhere), faster: one scan for the BMP characters and any astral character, then a
    set test on the astral ones found (mostly emoji, which are few)."""
    _, astral = _work_tables()
    scan = _work_or_astral()
    m = scan.search(text)
    while m is not None:
        ch = m.group()
        if ch < "\U00010000" or ch in astral:
            return True
        m = scan.search(text, m.end())
    return False


@lru_cache(maxsize=1)
def _work_or_astral() -> re.Pattern[str]:
    """`_work_tables()`'s BMP class with every astral character added."""
    bmp, _ = _work_tables()
    return re.compile(bmp.pattern[:-1] + "\U00010000-\U0010ffff]")


@lru_cache(maxsize=8192)
def fold_char(ch: str) -> str:
    """Fold one non-ASCII character: dropped marks, keycap ten, decimal digits of any script, else NFKC."""
    if ch in _DROPPED:
        return ""
    special = _SPECIAL.get(ch)
    if special is not None:
        return special
    dec = unicodedata.decimal(ch, None)
    if dec is not None:
        return str(dec)
    if unicodedata.category(ch) == "Cf":
        return ""
    folded = unicodedata.normalize("NFKC", ch)
    if folded != ch:
        # NFKC may itself produce non-ASCII digits or marks (rare); fold those too.
        return "".join(fold_char(c) if not c.isascii() else c for c in folded) if not folded.isascii() else folded
    dig = unicodedata.digit(ch, None)
    return str(dig) if dig is not None else ch


class Folded:
    """A folded text plus the edits that produced it; maps folded spans back to original spans.

    `edits` holds (folded_start, folded_end, orig_start, orig_end) for each changed piece, in order;
    between edits the two texts run in lockstep.
    """

    __slots__ = ("text", "original", "_edits", "_fstarts", "_lower", "_numbers")

    def __init__(self, original: str, text: str, edits: list[tuple[int, int, int, int]]) -> None:
        self.original = original
        self.text = text
        self._edits = edits
        self._fstarts = [e[0] for e in edits]
        self._lower: str | None = None
        self._numbers: list[re.Match[str]] | None = None

    @property
    def lower(self) -> str:
        """`text.lower()`, computed once and shared by the extractors that match on lower-cased text."""
        if self._lower is None:
            self._lower = self.text.lower()
        return self._lower

    @property
    def numbers(self) -> list[re.Match[str]]:
        """Every `NUMBER_RE` match in the folded text, in order: one scan shared by prices and ages."""
        if self._numbers is None:
            # bounded: prices and ages read at most their own MAX_NUMBERS (5,000), and half a million match
            # objects from a hostile text would cost more than the scan
            self._numbers = list(islice(NUMBER_RE.finditer(self.text), NUMBERS_KEPT))
        return self._numbers

    @property
    def is_identity(self) -> bool:
        """True when folding changed nothing (offsets are the same in both texts)."""
        return not self._edits

    def _start(self, p: int) -> int:
        i = bisect_right(self._fstarts, p) - 1
        if i < 0:
            return p
        _, fe, os_, oe = self._edits[i]
        return os_ if p < fe else p - fe + oe

    def _end(self, q: int) -> int:
        if q <= 0:
            return self._start(0)
        i = bisect_right(self._fstarts, q - 1) - 1
        if i < 0:
            end = q
        else:
            _, fe, _, oe = self._edits[i]
            end = oe if q - 1 < fe else q - fe + oe
        # Swallow marks deleted right after the span (the keycap's U+FE0F U+20E3) so highlights cover them.
        j = bisect_left(self._fstarts, q)
        edits = self._edits
        while j < len(edits) and edits[j][0] == q == edits[j][1] and edits[j][2] == end:
            end = edits[j][3]
            j += 1
        return end

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original-text span of the folded span [start, end)."""
        if not self._edits:
            return start, end
        s = self._start(start)
        return s, max(s, self._end(end))

    def changed(self, start: int, end: int) -> bool:
        """True when folding altered the folded span [start, end): a replaced character inside it, or
        invisible/keycap marks removed between or right after its characters."""
        i = bisect_right(self._fstarts, end) - 1
        while i >= 0:
            fs, fe, _, _ = self._edits[i]
            if fe < start:
                return False
            if (fs < fe and fs < end and fe > start) or (fs == fe and start < fs <= end):
                return True
            i -= 1
        return False


def fold(text: str) -> Folded:
    """Fold `text` (see module doc). Linear in the input; ASCII input costs one `isascii` check."""
    if text.isascii() or (not _needs_work(text) and unicodedata.is_normalized("NFKC", text)):
        return Folded(text, text, [])
    out: list[str] = []
    edits: list[tuple[int, int, int, int]] = []
    pos_o = 0
    pos_f = 0
    work = _work_positions(text)  # one scan, then a bisection per run (was two regex calls per run)
    for m in _NON_ASCII.finditer(text):
        s, e = m.span()
        run = m.group()
        w = bisect_left(work, s)
        if not (w < len(work) and work[w] < e) and unicodedata.is_normalized("NFKC", run):
            continue  # unchanged: stays inside the next copied slice
        out.append(text[pos_o:s])
        pos_f += s - pos_o
        for k in range(s, e):
            ch = text[k]
            rep = fold_char(ch)
            if rep != ch:
                edits.append((pos_f, pos_f + len(rep), k, k + 1))
            out.append(rep)
            pos_f += len(rep)
        pos_o = e
    out.append(text[pos_o:])
    return Folded(text, "".join(out), edits)
