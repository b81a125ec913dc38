"""Check that work grows linearly with input, not that a host is fast.

A fixed wall-clock bound fails on a slow CI host and passes a quadratic blow-up on a fast one; comparing the
CPU time of an input with that of one a quarter its size catches super-linear growth on any host. A generous
absolute cap still catches exponential backtracking, which would exceed it by orders of magnitude.
"""
from __future__ import annotations

import gc
import time
from typing import Callable


def cpu_seconds(run: Callable[[], object], repeats: int = 2) -> float:
    """Least CPU time of `repeats` runs, with the garbage collector off: a full collection in a test process
    holding thousands of tests' objects can take longer than the work itself (seen in CI: 0.93 s for 1 MB
    that takes 0.17 s alone)."""
    best = float("inf")
    gc.collect()
    gc.disable()
    try:
        for _ in range(repeats):
            t0 = time.process_time()
            run()
            best = min(best, time.process_time() - t0)
    finally:
        gc.enable()
    return best


def assert_linear(run: Callable[[str], object], build: Callable[[int], str], size: int, *, cap: float,
                  label: str = "") -> None:
    """run(build(size)) takes at most ~4x run(build(size // 4)) (quadratic would be 16x) and under cap seconds."""
    quarter, full_text = build(size // 4), build(size)
    run(quarter)  # warm caches and lazily compiled regexes, so the first timing is not start-up
    small = cpu_seconds(lambda: run(quarter))
    full = cpu_seconds(lambda: run(full_text))
    # 8x, plus 0.2 s for timer and GC noise on small figures: linear work passes, quadratic (16x) does not
    assert full < 8 * small + 0.2, f"{label}: {full:.2f}s for all vs {small:.2f}s for a quarter: super-linear"
    assert full < cap, f"{label}: {full:.2f}s, over the {cap:.0f}s cap"
