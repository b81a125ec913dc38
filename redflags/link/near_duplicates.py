"""Near-duplicate text: ads whose masked shingle sets have estimated Jaccard similarity ≥ a threshold.

LSH buckets (`lsh.py`) propose candidates. Each bucket remembers its *representative*, the earliest ad
(lowest store sequence number) that fell into it; every later ad in the bucket is compared with that
representative only, so a bucket of k ads costs k - 1 signature checks, not k (k - 1) / 2, and a pair is
linked when the estimated Jaccard is ≥ `threshold`. An ad that is similar to a representative under any of
its bands is linked to it; a network's reposts therefore form a star or a tree around its earliest ads,
which union-find turns into one group.

Because the representative of a bucket is defined by sequence order, processing ads in order in one pass,
or in several passes as new ads arrive, yields the same links: incremental linking equals batch linking by
construction (and tests/link/test_incremental.py checks it on a store).

Error: a true pair at Jaccard J is missed only when no band makes it a candidate of a common
representative and no chain of other links joins it; a false pair is accepted when the 128-position
estimate exceeds the threshold, P ≈ Φ((Ĵ - t) / sqrt(J (1 - J) / 128)).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from redflags.link.minhash import jaccard_estimate


@dataclass(frozen=True, slots=True)
class ChunkMatches:
    """Links found for a chunk of new ads, and the buckets they opened."""

    a: np.ndarray           # representative sequence numbers (earlier ads)
    b: np.ndarray           # new ads' sequence numbers
    similarity: np.ndarray  # estimated Jaccard of each pair
    new_keys: np.ndarray    # band keys seen for the first time
    new_reps: np.ndarray    # their representatives (first new ad holding each key)


def match_chunk(seqs: np.ndarray, keys: np.ndarray, sigs: np.ndarray, usable: np.ndarray,
                known: Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]],
                signatures_of: Callable[[np.ndarray], np.ndarray], threshold: float) -> ChunkMatches:
    """Link new ads (ascending `seqs`, their band `keys` and `sigs`) to the representatives of their buckets.

    `known(keys)` returns (keys, representative seqs) already stored; `signatures_of(seqs)` returns the stored
    signatures of earlier representatives. Ads with `usable` False (too few shingles) neither link nor open
    buckets.
    """
    rows = np.flatnonzero(usable)
    flat = keys[rows].ravel()
    owner = np.repeat(rows, keys.shape[1])
    stored_keys, stored_reps = known(np.unique(flat))
    # representatives: stored ones first, else the first new ad with the key
    uniq, first = np.unique(flat, return_index=True)
    fresh = ~np.isin(uniq, stored_keys)
    new_keys, new_reps = uniq[fresh], seqs[owner[first[fresh]]]
    all_keys = np.concatenate([stored_keys, new_keys])
    all_reps = np.concatenate([stored_reps, new_reps])
    order = np.argsort(all_keys)
    rep_of_flat = all_reps[order][np.searchsorted(all_keys[order], flat)]
    pair_b = seqs[owner]
    keep = rep_of_flat != pair_b
    pairs = np.unique(np.stack([rep_of_flat[keep], pair_b[keep]], axis=1), axis=0) if keep.any() else \
        np.empty((0, 2), dtype=np.int64)
    sim = _similarities(pairs, seqs, sigs, signatures_of)
    ok = sim >= threshold
    return ChunkMatches(pairs[ok, 0], pairs[ok, 1], sim[ok], new_keys, new_reps)


def _similarities(pairs: np.ndarray, seqs: np.ndarray, sigs: np.ndarray,
                  signatures_of: Callable[[np.ndarray], np.ndarray]) -> np.ndarray:
    if len(pairs) == 0:
        return np.empty(0)
    b_sig = sigs[np.searchsorted(seqs, pairs[:, 1])]
    reps = pairs[:, 0]
    in_chunk = np.isin(reps, seqs)
    a_sig = np.empty_like(b_sig)
    a_sig[in_chunk] = sigs[np.searchsorted(seqs, reps[in_chunk])]
    outside = np.unique(reps[~in_chunk])
    if len(outside):
        stored = signatures_of(outside)
        a_sig[~in_chunk] = stored[np.searchsorted(outside, reps[~in_chunk])]
    return jaccard_estimate(a_sig, b_sig)
