"""Load the extraction word lists (data files in `redflags/extract/data/`) and build regexes from them.

Word lists are data, not code, so a new language or platform alias is a JSON edit.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable

from redflags.errors import ConfigError


@lru_cache(maxsize=None)
def load(name: str) -> dict[str, Any]:
    """Parsed JSON data file `name` (e.g. "number_words.json"), read once per process."""
    try:
        raw = resources.files("redflags.extract").joinpath("data", name).read_text(encoding="utf-8")
        return json.loads(raw)
    except (OSError, ValueError) as e:
        raise ConfigError(f"extraction data file {name!r} is missing or invalid: {e}") from e


def trie_pattern(words: Iterable[str]) -> str:
    """A regex alternation for `words`, factored as a trie so matching dispatches on the first letter
    instead of trying every word (much faster in a backtracking engine); longer words win."""
    trie: dict[str, Any] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_to_regex(trie)


def _trie_to_regex(node: dict[str, Any]) -> str:
    ends = "" in node
    branches = [re.escape(ch) + _trie_to_regex(sub) for ch, sub in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return "(?:" + body + ")?"
    return body


def first_chars(words: Iterable[str]) -> str:
    """A regex character class (with brackets) matching the first character of any of `words`, in
    either case. Put in a look-ahead `(?=[...])` in front of an alternation of `words`, it lets each
    start position that cannot begin a word fail on one character test instead of walking the whole
    alternation (with re.I, Python's `re` cannot skip alternatives by their first letter); it never
    changes what matches."""
    chars: set[str] = set()
    for w in words:
        if w:
            chars.update(c for c in (w[0], w[0].lower(), w[0].upper()) if len(c) == 1)
    if not chars:
        return "(?!)"
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"
