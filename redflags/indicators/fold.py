"""Same-length text folding so patterns need not spell every accent: offsets stay valid.

Latin letters with diacritics fold to their base letter (ă→a, ș/ş→s, é→e), curly apostrophes to "'",
and Russian ё to е. Each character maps to exactly one character, so a span in the folded text is the
same span in the original.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0x00C0, 0x0250):
        base = unicodedata.normalize("NFD", chr(code))[0]
        if base.isascii() and base.isalpha():
            table[code] = base
    table.update({ord("ß"): "s", ord("’"): "'", ord("‘"): "'", ord("ʼ"): "'", ord("ё"): "е",
                  ord("Ё"): "Е", ord("ı"): "i"})
    return table


def fold(text: str) -> str:
    """`text` with diacritics removed, one character for one character."""
    return text.translate(_table())
