"""Ingest throughput and peak memory on generated JSONL ads.

Prints ads/second and peak resident memory of the ingest process, pinned to one core, at n/10 and n ads,
so flat memory shows as equal peaks. Two configurations: reading+validating+storing (with FTS) only, and
the full ingest as the CLI runs it (plus identifier extraction when that stage is installed).

    python bench/ingest.py --n 100000 --seed 7        # the figure in issue 2
    python bench/ingest.py --quick                     # small run so the script does not rot
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHILD = """
import sys, time, resource
from redflags.ingest import ingest, IngestOptions
from redflags.store import open_store
path, db, mode = sys.argv[1:4]
enrich = None
if mode == "full":
    from redflags.cli.ingest_cmd import _enricher
    enrich = _enricher("US")
with open_store(db) as store:
    t = time.perf_counter()
    report = ingest(store, [path], IngestOptions(), enrich=enrich)
    elapsed = time.perf_counter() - t
print(report.ingested, elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def write_corpus(path: Path, n: int, seed: int) -> int:
    import orjson

    from redflags.demo import generate

    size = 0
    with path.open("wb") as f:
        for record in generate(n, seed):
            line = orjson.dumps(record) + b"\n"
            size += len(line)
            f.write(line)
    return size


def run_child(path: Path, db: Path, mode: str) -> tuple[int, float, float]:
    """Ingest in a fresh process pinned to CPU 0; returns (ads, seconds, peak RSS MiB)."""
    proc = subprocess.run([sys.executable, "-c", CHILD, str(path), str(db), mode], capture_output=True, text=True,
                          preexec_fn=lambda: os.sched_setaffinity(0, {0}), cwd=ROOT)
    if proc.returncode != 0:
        raise SystemExit(proc.stderr)
    ingested, elapsed, peak = proc.stdout.split()
    return int(ingested), float(elapsed), float(peak)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--quick", action="store_true", help="2,000 ads: checks the script works, figures mean little")
    ap.add_argument("--modes", default="store,full", help="comma-separated: store (parse+store) and/or full (as the CLI)")
    args = ap.parse_args()
    n = 2_000 if args.quick else args.n
    with tempfile.TemporaryDirectory(prefix="redflags-bench-") as tmp:
        tmp = Path(tmp)
        for mode in args.modes.split(","):
            peaks = []
            for size in (max(n // 10, 1), n):
                path = tmp / f"ads-{size}.jsonl"
                if not path.exists():
                    mb = write_corpus(path, size, args.seed) / 2**20
                    print(f"corpus: {size} ads, {mb:.1f} MiB JSONL, seed {args.seed}")
                db = tmp / f"{mode}-{size}.db"
                ingested, elapsed, peak = run_child(path, db, mode)
                assert ingested == size, f"expected {size} ads ingested, got {ingested}"
                print(f"ingest[{mode}] n={size}: {size / elapsed:,.0f} ads/s ({elapsed:.1f} s, one core)")
                print(f"ingest[{mode}] n={size}: peak RSS {peak:.0f} MiB")
                peaks.append(peak)
                for p in tmp.glob(f"{mode}-{size}.db*"):
                    p.unlink()
            print(f"ingest[{mode}] memory growth for 10x the input: {peaks[1] - peaks[0]:+.0f} MiB "
                  "(SQLite page cache is capped at 16 MiB)")


if __name__ == "__main__":
    main()
