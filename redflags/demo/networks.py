"""Who posts the next ad: an independent poster or one of the operators in two bounded pools.

Operators live in a small pool (planned sizes 2–19) and a large pool (planned sizes 20–5,000,
Pareto tail). Each ad picks a pool slot uniformly; an exhausted or empty slot gets a new operator.
Memory is bounded by the pool sizes whatever the corpus size, the stream is prefix-stable, and the
observed network sizes grow with the corpus (a 1M corpus has networks of a few thousand ads).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from random import Random
from typing import Callable

from .phones import Phone
from .templates import Frame

SMALL_POOL = 200
LARGE_POOL = 24
P_INDEPENDENT = 0.34
P_SMALL = 0.40  # the rest goes to the large pool
WINDOW_START = 1746057600  # 2025-05-01T00:00:00Z
WINDOW_END = 1793491199  # 2026-10-31T23:59:59Z


@dataclass(slots=True)
class Operator:
    """One network: its reused template, its rotating identifiers, its images and its movements."""

    id: str
    genre: str  # "job" | "escort"
    lang: str
    deceptive: bool
    frame: Frame
    fixed: dict  # operator-fixed slot values, reused when a fresh frame is composed
    cities: list[tuple[str, str]]  # (location text, region) visited in order over time
    start: int
    span: int
    size: int
    phones: list[Phone] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    handles: list[tuple[str, str]] = field(default_factory=list)  # (platform, name)
    wallets: list[tuple[str, str]] = field(default_factory=list)  # (written, truth value)
    images: list[str] = field(default_factory=list)
    jobs: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    posted: int = 0

    @property
    def done(self) -> bool:
        return self.posted >= self.size


def small_size(rng: Random) -> int:
    """Planned size 2–19 with P(s) roughly ∝ s^-2."""
    while True:
        s = int(2 / (1.0 - rng.random()) ** 0.9)
        if s < 20:
            return s


def large_size(rng: Random) -> int:
    """Planned size 20–5,000 from a Pareto tail with index 1.1."""
    return min(5000, int(20 / (1.0 - rng.random()) ** (1 / 1.1)))


def window(rng: Random, size: int) -> tuple[int, int]:
    """A posting window inside the corpus period; bigger operators stay active longer."""
    days = min(540, 7 + int(size ** 0.6 * rng.uniform(4, 12)))
    span = days * 86400
    start = rng.randint(WINDOW_START, max(WINDOW_START, WINDOW_END - span))
    return start, span


class Scheduler:
    """Decide, ad by ad, whether an independent poster or which operator posts next."""

    def __init__(self, rng: Random, factory: Callable[[int], Operator]) -> None:
        self.rng = rng
        self.factory = factory  # planned size -> new Operator
        self.small: list[Operator | None] = [None] * SMALL_POOL
        self.large: list[Operator | None] = [None] * LARGE_POOL

    def next(self) -> Operator | None:
        u = self.rng.random()
        if u < P_INDEPENDENT:
            return None
        pool, sizer = (self.small, small_size) if u < P_INDEPENDENT + P_SMALL else (self.large, large_size)
        slot = self.rng.randrange(len(pool))
        op = pool[slot]
        if op is None or op.done:
            op = pool[slot] = self.factory(sizer(self.rng))
        op.posted += 1
        return op
