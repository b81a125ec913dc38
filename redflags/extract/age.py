"""Ages stated in ads ("age 19", "19 yo", "19 años", "j'ai 22 ans", "22-year-old") as the integer's string.

A number counts when a cue word sits right before it ("age", "edad", "I'm") or an age word right after
it ("yo", "años", "ans"). Words like "years" or "ani" also describe experience, so they count only with
a cue before ("I am 19 years", "am 19 ani"). Cue words live in data/ages.json.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from redflags.extract.normalize import Folded
from redflags.extract.wordlists import load
from redflags.model import Identifier


@lru_cache(maxsize=1)
def _tables() -> dict[str, Any]:
    data = load("ages.json")

    def alt(ws: list[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(ws, key=len, reverse=True))

    before = alt(data["before"])
    weak_before = alt(data["before_with_after_only"] + data["before"])
    plain_after = alt([w for w in data["after"] if w not in data["after_needs_before"]])
    all_after = alt(data["after"] + data["after_needs_before"])
    num = r"(?<![0-9.,$€£])(?P<n>[0-9]{2})(?![0-9])"
    patterns = [
        rf"(?<![\w])(?:{weak_before})\s{{0,2}}{num}\s{{0,2}}(?:{all_after})(?![\w])",
        rf"(?<![\w])(?:{before})\s{{0,2}}[:=\-]?\s{{0,2}}{num}",
        rf"{num}\s{{0,2}}(?:{plain_after})(?![\w])",
    ]
    not_after = alt(data["not_after"])
    return {"res": [re.compile(p, re.I) for p in patterns], "min": data["min"], "max": data["max"],
            "not_after": re.compile(rf"\s{{0,2}}(?:{not_after})(?![^\W\d_])|\s?[0-9]|['\"/%]", re.I)}


def extract_ages(folded: Folded) -> list[Identifier]:
    """Ages in folded text, one per number, with original-text spans."""
    text = folded.text
    if not any(c.isdigit() for c in text):
        return []
    t = _tables()
    taken: list[tuple[int, int]] = []
    found = []
    for index, rx in enumerate(t["res"]):
        for m in rx.finditer(text):
            n = int(m.group("n"))
            if not t["min"] <= n <= t["max"] or any(a < m.end() and b > m.start() for a, b in taken):
                continue
            if index == 1 and t["not_after"].match(text, m.end()):
                continue  # "I'm 5'6", "im 100%", "age 24/7"
            taken.append(m.span())
            s, e = folded.span(*m.span())
            found.append(Identifier("age", str(n), s, e, False, {"years": n}))
    found.sort(key=lambda i: i.start)
    return found
