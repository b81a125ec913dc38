"""Image pairing at scale without rendering pictures: random 256-bit PDQ-like hashes with planted reposts.

Prints, for N stored hashes: the time to pair all of them at once (a first run), the time to pair a further
10 % of new hashes against all (what an incremental `redflags link` run does), peak memory, and the share
of planted reposts found at distances 8, 16, 24 and 31 bits (exact up to 31 bits below 200,000 hashes,
exact up to 15 bits above, see redflags/link/images.py).

    .venv/bin/python bench/image_pairs.py [--n 650000] [--seed 1]
"""
from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from redflags.link.images import EXACT_UP_TO, MAX_DISTANCE, HammingIndex, query_blocks  # noqa: E402

DISTANCES = (8, 16, 24, 31)


def corpus(n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """n hashes: 80 % originals, 20 % reposts of an earlier original at one of DISTANCES bits."""
    originals = int(n * 0.8)
    h = rng.integers(0, 256, size=(n, 32), dtype=np.uint8)
    src = rng.integers(0, originals, size=n - originals)
    dist = rng.choice(DISTANCES, size=n - originals)
    for k, (s, d) in enumerate(zip(src, dist)):
        bits = np.unpackbits(h[s])
        bits[rng.choice(256, size=d, replace=False)] ^= 1
        h[originals + k] = np.packbits(bits)
    order = rng.permutation(n)  # arrival order mixes originals and reposts
    inverse = np.argsort(order)
    return h[order], inverse[src], inverse[originals + np.arange(n - originals)], dist


def pair(matrix: np.ndarray, new: np.ndarray) -> set[tuple[int, int]]:
    index = HammingIndex(matrix)
    radius = 1 if len(matrix) <= EXACT_UP_TO else 0
    q, i, _d = query_blocks(index, matrix[new], MAX_DISTANCE, radius=radius)
    q = new[q]
    keep = q != i
    return set(zip(np.minimum(q, i)[keep].tolist(), np.maximum(q, i)[keep].tolist()))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=650_000, help="hashes (1M demo ads reference about 650,000 pictures)")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = np.random.default_rng(args.seed)
    hashes, src, rep, dist = corpus(int(args.n * 1.1), rng)
    first = args.n
    t0 = time.perf_counter()
    found = pair(hashes[:first], np.arange(first))
    t1 = time.perf_counter()
    found |= pair(hashes, np.arange(first, len(hashes)))
    t2 = time.perf_counter()
    print(f"{first:,} hashes paired at once: {t1 - t0:.1f} s; then {len(hashes) - first:,} new against "
          f"{len(hashes):,}: {t2 - t1:.1f} s; peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB; "
          f"index radius {'1 (exact to 31 bits)' if len(hashes) <= EXACT_UP_TO else '0 (exact to 15 bits)'}")
    for d in DISTANCES:
        sel = dist == d
        hit = sum((min(a, b), max(a, b)) in found for a, b in zip(src[sel].tolist(), rep[sel].tolist()))
        print(f"planted reposts at {d:2d} bits: found {hit / sel.sum():.3f} ({hit}/{sel.sum()})")


if __name__ == "__main__":
    main()
