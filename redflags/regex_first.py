"""The characters a match of a regular expression can start with, read off the parsed pattern.

Used for speed-ups that must never change what matches (a first-character look-ahead before an
alternation, a quick test that a phone number cannot be valid). Zero-width items (look-arounds,
anchors) consume nothing, so the item after them decides. Where the first characters cannot be listed
(a class like \\w, a back-reference, a case-insensitive group) or the pattern can match the empty
string, the answer is None: callers must then assume any character.
"""
from __future__ import annotations

import re
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]

_MAX_RANGE = 64


class _Unknown(Exception):
    """The first characters cannot be listed."""


def first_chars(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """The characters any non-empty match of `pattern` starts with, or None when they cannot be listed
    or the pattern can match the empty string."""
    try:
        chars, nullable = _first(_parser.parse(pattern, flags))
    except _Unknown:
        return None
    return None if nullable or not chars else frozenset(chars)


def _first(items) -> tuple[set[str], bool]:
    """(characters a match of this sequence can start with, whether it can match the empty string)."""
    chars: set[str] = set()
    for op, av in items:
        got, nullable = _first_item(op, av)
        chars |= got
        if not nullable:
            return chars, False
    return chars, True


def _first_item(op, av) -> tuple[set[str], bool]:
    if op is C.LITERAL:
        return {chr(av)}, False
    if op is C.IN:
        chars: set[str] = set()
        for kind, value in av:
            if kind is C.LITERAL:
                chars.add(chr(value))
            elif kind is C.RANGE and value[1] - value[0] <= _MAX_RANGE:
                chars.update(chr(c) for c in range(value[0], value[1] + 1))
            else:
                raise _Unknown
        return chars, False
    if op is C.BRANCH:
        chars, nullable = set(), False
        for seq in av[1]:
            got, n = _first(seq)
            chars |= got
            nullable = nullable or n
        return chars, nullable
    if op is C.SUBPATTERN:
        _group, add_flags, del_flags, p = av
        if (add_flags | del_flags) & re.IGNORECASE:
            raise _Unknown
        return _first(p)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        lo, _hi, p = av
        got, nullable = _first(p)
        return got, nullable or lo == 0
    if op is C.ATOMIC_GROUP:
        return _first(av)
    if op in (C.ASSERT, C.ASSERT_NOT, C.AT):
        return set(), True  # zero-width: the next item consumes the first character
    raise _Unknown
