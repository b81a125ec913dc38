"""Streaming: a long corpus is generated in constant memory."""
from __future__ import annotations

import tracemalloc

from redflags.demo import generate_with_truth


def _peak(n: int) -> int:
    tracemalloc.start()
    for _pair in generate_with_truth(n, seed=2):
        pass
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def test_peak_memory_does_not_grow_with_corpus_size():
    _peak(3000)  # warm the per-process caches (data packs, phone plans)
    small, large = _peak(5_000), _peak(40_000)
    assert large < small * 1.5 + 512 * 1024, (small, large)
    assert large < 8 * 1024 * 1024
