"""The shared template of a near-duplicate group and the slots that vary, shown like a diff.

Texts are split into words (punctuation kept as tokens). The first text is the reference; every other
text is aligned to it with `difflib.SequenceMatcher` (Ratcliff–Obershelp longest matching blocks). A
reference word that every other text keeps in place belongs to the template; runs of reference words
that some text replaces, drops or surrounds with insertions become numbered slots `{1}`, `{2}`, …, and
each slot lists what every text put there. Cost is O(m · L²) in the worst case for m texts of L words,
so callers pass a handful of texts (the cluster view uses up to 20).
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

_WORD = re.compile(r"\w+|[^\w\s]")


@dataclass(frozen=True, slots=True)
class Template:
    """`text` with `{n}` slots, and per slot the value each input text had (in input order)."""

    text: str
    slots: tuple[tuple[str, ...], ...]

    def as_dict(self) -> dict:
        return {"template": self.text, "slots": [{"slot": i + 1, "values": list(v)} for i, v in enumerate(self.slots)]}


class _Words(list):
    """Word tokens of a text, remembering where each one is so pieces are cut from the original."""

    def __init__(self, text: str) -> None:
        matches = list(_WORD.finditer(text))
        super().__init__(m.group() for m in matches)
        self.text = text
        self.spans = [m.span() for m in matches]

    def cut(self, lo: int, hi: int) -> str:
        """Original text from word lo to word hi - 1 (empty when lo >= hi)."""
        if lo >= hi:
            return ""
        return self.text[self.spans[lo][0]:self.spans[hi - 1][1]]

    def gap(self, lo: int, hi: int) -> str:
        """Original text from the end of word lo - 1 to the start of word hi (the template between slots)."""
        a = self.spans[lo - 1][1] if lo > 0 else 0
        b = self.spans[hi][0] if hi < len(self.spans) else len(self.text)
        return self.text[a:b] if a <= b else ""


def extract_template(texts: list[str]) -> Template:
    """Template of the texts and the values of its slots."""
    if not texts:
        return Template("", ())
    ref = _Words(texts[0])
    varying = [False] * (len(ref) + 1)  # position i: word i varies; index len(ref): insertion at the end
    alignments = []
    for other in texts[1:]:
        words = _Words(other)
        ops = difflib.SequenceMatcher(None, ref, words, autojunk=False).get_opcodes()
        alignments.append((words, ops))
        for tag, i1, i2, _j1, _j2 in ops:
            if tag != "equal":
                for i in range(i1, max(i2, i1 + 1)):
                    varying[min(i, len(ref))] = True
    runs = _runs(varying)
    parts, slots, pos = [], [], 0
    for start, end in runs:
        end = min(end, len(ref))
        parts.append(ref.gap(pos, start))
        parts.append("{%d}" % (len(slots) + 1))
        values = [ref.cut(start, end)] + [_slot_value(words, ops, start, end) for words, ops in alignments]
        slots.append(tuple(values))
        pos = end
    parts.append(ref.gap(pos, len(ref)) if runs else texts[0])
    return Template("".join(parts), tuple(slots))


def _runs(flags: list[bool]) -> list[tuple[int, int]]:
    runs, start = [], None
    for i, f in enumerate(flags):
        if f and start is None:
            start = i
        elif not f and start is not None:
            runs.append((start, i))
            start = None
    if start is not None:
        runs.append((start, len(flags)))
    return runs


def _slot_value(words: _Words, ops, start: int, end: int) -> str:
    """The words of another text aligned with reference positions start..end."""
    j_lo, j_hi = None, None
    for _tag, i1, i2, j1, j2 in ops:
        if i2 < start or i1 > end or (i1 == i2 == end and _tag == "equal"):
            continue
        lo = j1 + max(0, start - i1) if _tag == "equal" else j1
        hi = j1 + min(i2, end) - i1 if _tag == "equal" else j2
        j_lo = lo if j_lo is None else min(j_lo, lo)
        j_hi = hi if j_hi is None else max(j_hi, hi)
    return words.cut(j_lo, j_hi) if j_lo is not None else ""
