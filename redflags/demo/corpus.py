"""The corpus as streams: ads, ground truth, or both, deterministic for (n, seed) and prefix-stable.

One random stream drives everything in ad order, so the first k ads of generate(n) are generate(k).
State is bounded (operator pools, per-kind counters), so a million ads stream in constant memory.
"""
from __future__ import annotations

from typing import Iterator

from .posters import Poster


def generate_with_truth(n: int, seed: int = 7) -> Iterator[tuple[dict, dict]]:
    """Yield n (ad record, truth record) pairs."""
    if n < 0:
        raise ValueError("n must be >= 0")
    poster = Poster(seed)
    for i in range(n):
        yield poster.ad(i)


def generate(n: int, seed: int = 7) -> Iterator[dict]:
    """Yield n ads in the JSONL interchange format (id, url, title, text, posted_at, location, images, language)."""
    for ad, _truth in generate_with_truth(n, seed):
        yield ad


def truth(n: int, seed: int = 7) -> Iterator[dict]:
    """Yield the ground-truth record of each of the n ads of generate(n, seed), in the same order."""
    for _ad, record in generate_with_truth(n, seed):
        yield record
