"""Disjoint sets over ad indices 0..n-1: union by size, path halving.

m unions and finds on n elements cost O((n + m) α(n)); α is the inverse Ackermann function (≤ 4 for any
real n). Groups of many members are merged in one call (`union_group`), which is how an identifier shared
by k ads becomes k - 1 unions rather than k (k - 1) / 2 pair links.
"""
from __future__ import annotations

from typing import Iterable

import numpy as np


class UnionFind:
    """Connected components of ads linked by any evidence."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.size = [1] * n

    def grow(self, n: int) -> None:
        """Add elements up to index n - 1 (each its own set)."""
        have = len(self.parent)
        self.parent.extend(range(have, n))
        self.size.extend([1] * (n - have))

    def find(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: int, b: int) -> bool:
        """Merge the sets of a and b; False when they were already one set."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if self.size[ra] < self.size[rb]:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.size[ra] += self.size[rb]
        return True

    def union_pairs(self, a: Iterable[int], b: Iterable[int]) -> None:
        for x, y in zip(a, b):
            self.union(int(x), int(y))

    def union_group(self, members: Iterable[int]) -> None:
        it = iter(members)
        first = next(it, None)
        if first is None:
            return
        for m in it:
            self.union(int(first), int(m))

    def labels(self) -> np.ndarray:
        """Component label of every element: the root index (stable for a given set of unions)."""
        return np.fromiter((self.find(i) for i in range(len(self.parent))), dtype=np.int64, count=len(self.parent))


def components(labels: np.ndarray, min_size: int = 2) -> list[np.ndarray]:
    """Member indices of each component with at least `min_size` members, each sorted, ordered by first member."""
    order = np.argsort(labels, kind="stable")
    sorted_labels = labels[order]
    cuts = np.flatnonzero(np.diff(sorted_labels)) + 1
    groups = [g for g in np.split(order, cuts) if len(g) >= min_size]
    groups = [np.sort(g) for g in groups]
    groups.sort(key=lambda g: int(g[0]))
    return groups
