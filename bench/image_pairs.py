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

from redflags.link.images import HammingIndex, index_radius, pairs_of  # noqa: E402

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


def pair(matrix: np.ndarray, new: np.ndarray, block: int = 4096) -> set[tuple[int, int]]:
    """The pairs a linking run stores when the rows `new` of `matrix` are the newly hashed pictures."""
    index = HammingIndex(matrix)
    found: set[tuple[int, int]] = set()
    for start in range(0, len(new), block):
        a, b, _d = pairs_of(index, new[start:start + block], radius=index_radius(len(index)))
        found.update(zip(a.tolist(), b.tolist()))
    return found


def measure(n: int, seed: int) -> None:
    """Pair n hashes at once, then 10 % more against all; print times, peak memory and recall by distance."""
    rng = np.random.default_rng(seed)
    hashes, src, rep, dist = corpus(int(n * 1.1), rng)
    t0 = time.perf_counter()
    found = pair(hashes[:n], np.arange(n))
    t1 = time.perf_counter()
    found |= pair(hashes, np.arange(n, len(hashes)))
    t2 = time.perf_counter()
    radius = index_radius(len(hashes))
    print(f"{n:,} hashes paired at once: {t1 - t0:.1f} s; then {len(hashes) - n:,} new against "
          f"{len(hashes):,}: {t2 - t1:.1f} s; peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB; "
          f"index radius {radius} ({'exact to 31 bits' if radius else 'exact to 15 bits'})")
    for d in DISTANCES:
        sel = dist == d
        hit = sum((min(a, b), max(a, b)) in found for a, b in zip(src[sel].tolist(), rep[sel].tolist()))
        print(f"planted reposts at {d:2d} bits: found {hit / sel.sum():.3f} ({hit}/{sel.sum()})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=650_000, help="hashes (1M demo ads reference about 650,000 pictures)")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    measure(args.n, args.seed)


if __name__ == "__main__":
    main()
