"""First characters of a regex match: listed where the parsed pattern says, None where it cannot."""
from __future__ import annotations

import re

from redflags.regex_first import first_chars


def test_lists_first_characters_through_groups_repeats_and_look_arounds():
    assert first_chars(r"(?:268|[58]\d\d|900)\d{7}") == frozenset("2589")
    assert first_chars(r"(?<![\w])(?:a?b|[cd]e)") == frozenset("abcd")
    assert first_chars(r"(?>x+)y") == frozenset("x")


def test_says_none_where_any_character_may_start_a_match():
    for p in (r"\d{9}", r"0?", "(?:x|)", "[^a]b", ".b", r"(?i:a)b"):
        assert first_chars(p) is None, p
    assert first_chars(r"0?1") == frozenset("01")
    assert first_chars("fee", re.I) == frozenset("f")
