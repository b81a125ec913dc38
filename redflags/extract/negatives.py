"""Spans of folded text that look numeric but are not phone numbers: dates, times, IBANs, card
numbers, coordinates and long decimals. (Hashes and ids glued to letters never become digit tokens.)

Phone extraction drops any candidate that overlaps one of these. Each pattern is bounded (no nested
unbounded repetition), so the scan stays linear on hostile input.
"""
from __future__ import annotations

import re

_D = r"(?:0?[1-9]|[12][0-9]|3[01])"
_M = r"(?:0?[1-9]|1[0-2])"
_Y = r"(?:19|20)[0-9]{2}"

_PATTERNS = [
    # 12/05/2023, 05-12-23, 2023-05-12 (exactly three parts; "06.12.34.56.78" is a French phone)
    rf"(?<![0-9./-])(?:{_D}([./-]){_D}\1(?:{_Y}|[0-9]{{2}})|{_Y}([./-]){_M}\2{_D})(?![./-]?[0-9])",
    # 10.30-22.30, 9h00 - 21h00 (opening hours)
    r"(?<![0-9.])(?:[01]?[0-9]|2[0-4])[.h][0-5][0-9]\s{0,2}[-–~]\s{0,2}(?:[01]?[0-9]|2[0-4])[.h][0-5][0-9](?![0-9])",
    # IBAN: country letters, check digits, 3-8 blocks of alphanumerics
    r"\b[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b",
    # payment card numbers 4-4-4-4(-3)
    r"(?<![0-9])[0-9]{4}([ -])[0-9]{4}\3[0-9]{4}\3[0-9]{1,7}(?![0-9])",
    # decimals (measurements, 40.712776) and coordinate pairs (40.7127753, -74.0059728)
    r"(?<![\w.])[-+]?(?:0|[1-9][0-9]{0,2})[.,][0-9]{4,6}(?![.,]?[0-9])",
    r"(?<![0-9.])[-+]?[0-9]{1,3}\.[0-9]{4,9}\s?,\s?[-+]?[0-9]{1,3}\.[0-9]{4,9}(?![0-9])",
    # degree/minute coordinates
    r"[0-9]{1,3}°\s?[0-9]{1,2}(?:['′][0-9.]{0,6}[\"″]?)?",
]
# every pattern's match starts with a digit, a sign or a capital letter: the look-ahead lets the scan skip
# other positions without trying the seven alternatives at each (same matches, several times faster)
_BLOCK_RE = re.compile("(?=[0-9A-Z+-])(?:" + "|".join(f"(?:{p})" for p in _PATTERNS) + ")")
# cheap gate: every pattern needs a separator or letter next to a digit
_GATE = re.compile(r"[0-9][./°,-]|[0-9]{4}|[A-Z]{2}[0-9]{2}")


def blocked_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Folded-text spans in text[start:end] that must not be read as phone numbers, in order."""
    end = len(text) if end is None else end
    if _GATE.search(text, start, end) is None:
        return []
    return [m.span() for m in _BLOCK_RE.finditer(text, start, end)]


def is_blocked(text: str, start: int, end: int) -> bool:
    """True when [start, end) overlaps a non-phone numeric pattern (looks a few dozen characters around it)."""
    return any(s < end and e > start for s, e in blocked_spans(text, max(0, start - 36), min(len(text), end + 24)))
