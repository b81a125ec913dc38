"""The local engine: apply a per-item function across the machine's cores, in input order.

Order is kept (results come back as the input went in), so batches downstream are the same whatever the
number of workers — which is what makes an interrupted run resumable to exactly the same store.
"""
from __future__ import annotations

import multiprocessing as mp
import os
from collections import deque
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
    """`map(fn, items)` over `workers` processes (in-process when 1), streaming and in input order.

    At most `4 * workers` chunks are in flight, so memory stays flat however long `items` is
    (`Pool.imap` would read the whole input ahead into its task queue).
    """
    workers = default_workers() if workers is None else workers
    if workers <= 1:
        yield from map(fn, items)
        return
    apply = _Apply(fn)
    # fork keeps start-up cheap and shares the loaded packs and models with the workers.
    # Workers exit by themselves when the parent dies, even by kill -9 (their task pipe closes).
    with mp.get_context("fork").Pool(workers) as pool:
        pending: deque = deque()
        for part in _chunks(items, chunk):
            pending.append(pool.apply_async(apply, (part,)))
            if len(pending) >= 4 * workers:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()
