"""Locality-sensitive hashing by banding MinHash signatures.

The first `bands * rows` signature positions are cut into `bands` bands of `rows` values; two sets become
candidates when any band is identical. For sets of Jaccard similarity J,
P[candidate] = 1 - (1 - J^rows)^bands, an S-curve whose steepest point is near (1 / bands)^(1 / rows).
With 16 bands of 4 rows that point is J ≈ 0.50; a pair at J = 0.7 is a candidate with probability 0.99,
a pair at J = 0.3 with probability 0.12 (and is then rejected by the signature check).

Each band is reduced to one signed 64-bit key (a polynomial hash of its values with the band number mixed
in) so all bands share one table: a key collision between different bands or different values happens
with probability about 2^-64 per pair of keys.
"""
from __future__ import annotations

import numpy as np

_MIX = np.uint64(0x9E3779B97F4A7C15)


def band_keys(signatures: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """(n, bands) int64 keys: one per band of each signature."""
    n, width = signatures.shape
    if bands * rows > width:
        raise ValueError(f"{bands} bands x {rows} rows need {bands * rows} signature values, have {width}")
    sig = signatures[:, :bands * rows].astype(np.uint64).reshape(n, bands, rows)
    key = np.arange(1, bands + 1, dtype=np.uint64)[None, :] * _MIX
    key = np.broadcast_to(key, (n, bands)).copy()
    for r in range(rows):
        key = (key ^ sig[:, :, r]) * np.uint64(0xBF58476D1CE4E5B9)
        key ^= key >> np.uint64(31)
    return key.view(np.int64)


def candidate_probability(j: float, bands: int, rows: int) -> float:
    """P[two sets of Jaccard j share at least one band]."""
    return 1.0 - (1.0 - j ** rows) ** bands
