"""In-memory indexes for one linking run: the LSH band keys it opened and the signatures it computed.

At a million ads the run opens about 16 million band keys. Looking each batch's keys up in, and inserting
them into, an SQLite B-tree of that size costs random page reads and writes that outgrow any page cache, so
the text stage grew about 17-fold from 100k to 1M ads. Here the keys live in sorted NumPy runs merged like a
binary counter (each key is merged O(log n) times; a lookup is one binary search per run), and the
signatures in one preallocated array in sequence order. The linking code writes the new keys to the store
in key order at checkpoints (`incremental.py`), which SQLite does in one pass over the tree.
"""
from __future__ import annotations

import numpy as np


def _merge(a_keys: np.ndarray, a_vals: np.ndarray, b_keys: np.ndarray,
           b_vals: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Two sorted runs with no key in common → one sorted run (linear, by binary-search placement)."""
    pos = np.searchsorted(a_keys, b_keys) + np.arange(len(b_keys))
    keys = np.empty(len(a_keys) + len(b_keys), dtype=a_keys.dtype)
    vals = np.empty(len(keys), dtype=a_vals.dtype)
    rest = np.ones(len(keys), dtype=bool)
    rest[pos] = False
    keys[pos], vals[pos] = b_keys, b_vals
    keys[rest], vals[rest] = a_keys, a_vals
    return keys, vals


class SortedRuns:
    """int64 key → int64 value for keys that are added once (never updated)."""

    def __init__(self) -> None:
        self.runs: list[tuple[np.ndarray, np.ndarray]] = []

    def __len__(self) -> int:
        return sum(len(k) for k, _ in self.runs)

    def add(self, keys: np.ndarray, values: np.ndarray) -> None:
        """Add keys that are unique and not present yet."""
        if not len(keys):
            return
        order = np.argsort(keys, kind="stable")
        self.runs.append((np.asarray(keys, dtype=np.int64)[order], np.asarray(values, dtype=np.int64)[order]))
        # binary counter: merge while the newest run is at least half the size of the one before it
        while len(self.runs) > 1 and 2 * len(self.runs[-1][0]) >= len(self.runs[-2][0]):
            b, a = self.runs.pop(), self.runs.pop()
            self.runs.append(_merge(a[0], a[1], b[0], b[1]))

    def get(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(found mask, values; 0 where not found) of `keys`."""
        found = np.zeros(len(keys), dtype=bool)
        values = np.zeros(len(keys), dtype=np.int64)
        for run_keys, run_values in self.runs:
            pos = np.minimum(np.searchsorted(run_keys, keys), len(run_keys) - 1)
            hit = run_keys[pos] == keys
            found |= hit
            values[hit] = run_values[pos[hit]]
        return found, values


class RunSignatures:
    """The signatures computed in this run, addressed by ad sequence number (added in ascending order)."""

    def __init__(self, capacity: int, width: int) -> None:
        self.seqs = np.empty(capacity, dtype=np.int64)
        self.sigs = np.empty((capacity, width), dtype=np.uint16)
        self.size = 0

    def add(self, seqs: np.ndarray, sigs: np.ndarray) -> None:
        end = self.size + len(seqs)
        if end > len(self.seqs):
            grow = max(end, 2 * len(self.seqs))
            self.seqs = np.resize(self.seqs, grow)
            self.sigs = np.resize(self.sigs, (grow, self.sigs.shape[1]))
        self.seqs[self.size:end], self.sigs[self.size:end] = seqs, sigs
        self.size = end

    def get(self, seqs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(found mask, signatures of the found ones in order) of ascending `seqs`."""
        held = self.seqs[:self.size]
        pos = np.minimum(np.searchsorted(held, seqs), max(self.size - 1, 0))
        found = (held[pos] == seqs) if self.size else np.zeros(len(seqs), dtype=bool)
        return found, self.sigs[pos[found]]
