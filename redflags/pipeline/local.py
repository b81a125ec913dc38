"""The local engine: apply a per-item function across the machine's cores, in input order.

Order is kept (results come back as the input went in), so batches downstream are the same whatever the
number of workers — which is what makes an interrupted run resumable to exactly the same store.
"""
from __future__ import annotations

import multiprocessing as mp
import os
from itertools import islice
from typing import Callable, Iterable, Iterator, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def default_workers() -> int:
    """One worker per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


class _Apply:
    """Picklable `lambda chunk: [fn(x) for x in chunk]` for worker processes."""

    def __init__(self, fn: Callable[[T], R]) -> None:
        self.fn = fn

    def __call__(self, chunk: list[T]) -> list[R]:
        return [self.fn(x) for x in chunk]


def ordered_map(fn: Callable[[T], R], items: Iterable[T], workers: int | None = None,
                chunk: int = 64) -> Iterator[R]:
    """`map(fn, items)` over `workers` processes (in-process when 1), streaming and in input order."""
    workers = default_workers() if workers is None else workers
    if workers <= 1:
        yield from map(fn, items)
        return
    # fork keeps start-up cheap and shares the loaded packs and models with the workers.
    ctx = mp.get_context("fork")
    # Workers exit by themselves when the parent dies, even by kill -9 (their task pipe closes).
    with ctx.Pool(workers) as pool:
        for results in pool.imap(_Apply(fn), _chunks(items, chunk), chunksize=1):
            yield from results
