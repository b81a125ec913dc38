"""Word shingles of an ad's text, with digits and identifier spans masked, hashed to 64-bit integers.

Why mask: operators repost the same text with a new phone, a new price or a new date. Replacing every
identifier span by its kind (`⟨phone⟩`) and every digit run by `0` makes those reposts share all their
shingles, so their Jaccard similarity measures the reused *wording*, not the rotating numbers.

Tokens are runs of word characters, lower-cased. Scripts written without spaces (Thai, for example) give
very long tokens; those are cut into pieces of `LONG_TOKEN` characters so a Thai ad still has dozens of
shingles. A shingle is `k` consecutive tokens; its hash combines the tokens' CRC-32 values with fixed odd
64-bit multipliers (a polynomial hash modulo 2^64), computed for the whole ad at once with NumPy.
Collisions between distinct shingles happen with probability about 2^-32 per pair (CRC-32 per token),
which is negligible next to the MinHash estimation error.
"""
from __future__ import annotations

import re
import zlib
from typing import Iterable, Sequence

import numpy as np

from redflags.model import Identifier

MASKED_KINDS = frozenset({"phone", "email", "wallet", "handle", "url"})
LONG_TOKEN = 6
_TOKEN = re.compile(r"\w+")
_DIGITS = re.compile(r"\d+")
_MULTIPLIERS = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93,
                         0xFF51AFD7ED558CCD], dtype=np.uint64)


def mask(text: str, identifiers: Iterable[Identifier] = ()) -> str:
    """Lower-cased text with identifier spans replaced by ` ⟨kind⟩ ` and digit runs by `0`."""
    spans = sorted((i.start, i.end, i.kind) for i in identifiers if i.kind in MASKED_KINDS)
    parts, pos = [], 0
    for start, end, kind in spans:
        if start < pos:  # overlapping spans (a wa.me link and its phone): keep the first
            continue
        parts.append(text[pos:start])
        parts.append(f" x{kind}x ")
        pos = end
    parts.append(text[pos:])
    return _DIGITS.sub("0", "".join(parts).lower())


def tokens(masked: str) -> list[str]:
    """Word tokens of masked text; tokens longer than LONG_TOKEN characters are cut into pieces."""
    out: list[str] = []
    for tok in _TOKEN.findall(masked):
        if len(tok) <= LONG_TOKEN:
            out.append(tok)
        else:
            out.extend(tok[i:i + LONG_TOKEN] for i in range(0, len(tok), LONG_TOKEN))
    return out


def shingle_hashes(toks: Sequence[str], k: int = 3) -> np.ndarray:
    """Distinct 64-bit hashes of the k-token shingles (fewer than k tokens: one shingle of them all)."""
    if k < 1 or k > len(_MULTIPLIERS):
        raise ValueError(f"shingle size must be 1..{len(_MULTIPLIERS)}")
    if not toks:
        return np.empty(0, dtype=np.uint64)
    words = np.fromiter((zlib.crc32(t.encode("utf-8", "surrogatepass")) for t in toks), dtype=np.uint64,
                        count=len(toks))
    k = min(k, len(words))
    n = len(words) - k + 1
    h = np.zeros(n, dtype=np.uint64)
    for j in range(k):
        h += words[j:j + n] * _MULTIPLIERS[j]
    return np.unique(h)


def ad_shingles(text: str, identifiers: Iterable[Identifier] = (), k: int = 3) -> np.ndarray:
    """Shingle hashes of an ad, identifiers and digits masked: the set MinHash summarises."""
    return shingle_hashes(tokens(mask(text, identifiers)), k)
