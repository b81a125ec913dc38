"""Negation and reassurance scopes: "no fees", "we never ask for your passport", "sin costo".

Cue words live in `packs/negation.yaml`, per language. A hit is negated when a `before` cue ends inside
the same clause within `window_before` characters before the hit, or an `after` cue starts inside the
same clause within `window_after` characters after it. Clauses end at sentence punctuation, at
language-specific contrast words ("but", "pero", "но", "แต่") and, looking backwards, at commas; in
Thai, which writes no spaces between words, a space ends a clause.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Mapping

from redflags.errors import ConfigError
from redflags.indicators.fold import fold

_SENTENCE = r"[.!?;\n\r•|¡¿]"


@dataclass(frozen=True, slots=True)
class NegationRules:
    """Compiled cues for one language."""

    before: re.Pattern | None
    after: re.Pattern | None
    back_break: re.Pattern
    fwd_break: re.Pattern
    window_before: int
    window_after: int

    def negated(self, folded: str, start: int, end: int) -> bool:
        """True when the span [start, end) of the folded text is negated or reassured away."""
        if self.before is not None:
            left = folded[max(0, start - self.window_before):start]
            cut = [m.end() for m in self.back_break.finditer(left)]
            left = left[cut[-1]:] if cut else left
            if self.before.search(left):
                return True
        if self.after is not None:
            right = folded[end:end + self.window_after]
            stop = self.fwd_break.search(right)
            right = right[:stop.start()] if stop else right
            if self.after.search(right):
                return True
        return False


def _alternation(words: list[str], bounded: bool) -> str:
    if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
        raise ValueError("cue lists must be lists of quoted, non-empty strings")
    body = "|".join(re.escape(fold(w)).replace(r"\ ", r"\s{1,3}") for w in words)
    return rf"(?<!\w)(?:{body})(?!\w)" if bounded else f"(?:{body})"


def compile_rules(lang: str, raw: Mapping[str, Any]) -> NegationRules:
    """Build the rules for `lang` from its `negation.yaml` entry."""
    try:
        spaced = not raw.get("no_word_spaces", False)
        before = _alternation(raw["before"], spaced) if raw.get("before") else None
        after = _alternation(raw["after"], spaced) if raw.get("after") else None
        contrast = _alternation(raw.get("breaks", []), spaced) if raw.get("breaks") else None
        back = [_SENTENCE, "[,:]"] + ([r"\s"] if not spaced else []) + ([contrast] if contrast else [])
        fwd = [_SENTENCE] + ([r"\s"] if not spaced else []) + ([contrast] if contrast else [])
        flags = re.IGNORECASE
        return NegationRules(re.compile(before, flags) if before else None,
                             re.compile(after, flags) if after else None,
                             re.compile("|".join(back), flags), re.compile("|".join(fwd), flags),
                             int(raw.get("window_before", 40)), int(raw.get("window_after", 35)))
    except (KeyError, TypeError, ValueError, re.error) as e:
        raise ConfigError(f"negation.yaml: {lang}: {e}") from e
