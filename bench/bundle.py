"""Case bundle export and verify time for a case of 1,000 ads that all carry images (issue 7's figure).

Builds a store of generated ads (ingested with extraction and scoring, linked with demo images, whose
bytes are kept as evidence), opens a case holding the first `--case-ads` ads that have pictures, then
times `export_case` (zip with raw records, images, extracted data, links, custody entries, report and a
signed manifest), the in-process verifier, and the standalone verifier run as a fresh Python process
with Redflags made unimportable. One figure per line.

    .venv/bin/python bench/bundle.py [--n 2500] [--case-ads 1000] [--seed 3] [--repeat 3] [--quick]
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def build(db: Path, n: int, seed: int) -> float:
    from redflags.demo import generate
    from redflags.ingest import IngestOptions, ingest
    from redflags.link import DemoImages, link_store
    from redflags.pipeline.stages import analyse_ad
    from redflags.store import open_store

    t0 = time.perf_counter()
    src = db.with_suffix(".jsonl")
    with src.open("w", encoding="utf-8") as f:
        for ad in generate(n, seed):
            f.write(json.dumps(ad, ensure_ascii=False) + "\n")
    with open_store(db) as store:
        ingest(store, [str(src)], IngestOptions(), enrich=partial(analyse_ad, region="US"))
        link_store(store, images=DemoImages())
    return time.perf_counter() - t0


def standalone(bundle: Path) -> tuple[float, int, str]:
    code = ("import runpy, sys; sys.modules['redflags'] = None; sys.argv = sys.argv[1:]; "
            "runpy.run_path(sys.argv[0], run_name='__main__')")
    t0 = time.perf_counter()
    r = subprocess.run([sys.executable, "-I", "-c", code, str(ROOT / "redflags/evidence/bundle_verify.py"), str(bundle)],
                       capture_output=True, text=True)
    return time.perf_counter() - t0, r.returncode, r.stdout.strip().splitlines()[-1] if r.stdout else r.stderr


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=2500, help="generated ads in the store")
    ap.add_argument("--case-ads", type=int, default=1000, help="ads in the case (all with images)")
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--repeat", type=int, default=3, help="export/verify runs; the median is printed")
    ap.add_argument("--quick", action="store_true", help="small run (300 ads, case of 100) to check the bench works")
    args = ap.parse_args()
    if args.quick:
        args.n, args.case_ads, args.repeat = 300, 100, 1

    from redflags.evidence.bundle import export_case
    from redflags.evidence.bundle_verify import verify_bundle
    from redflags.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bundle.db"
        print(f"store: {args.n} generated ads, ingested and linked with demo images in {build(db, args.n, args.seed):.1f} s")
        with open_store(db) as store:
            ids = [r[0] for r in store.execute(
                "SELECT a.id FROM ads a WHERE EXISTS (SELECT 1 FROM json_each(a.images) j JOIN image_hashes h "
                "ON h.ref = j.value WHERE h.sha256 IS NOT NULL) ORDER BY a.seq LIMIT ?", (args.case_ads,))]
            if len(ids) < args.case_ads:
                sys.exit(f"only {len(ids)} ads with images; raise --n")
            case_id = store.cases.create("bench case", "bench")
            for ad_id in ids:
                store.cases.add_item(case_id, "ad", ad_id, "bench")
            exports, verifies, standalones = [], [], []
            for i in range(args.repeat):
                out = Path(tmp) / f"case-{i}.zip"
                t0 = time.perf_counter()
                summary = export_case(store, case_id, out, actor="bench")
                exports.append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                problems, _ = verify_bundle(str(out))
                verifies.append(time.perf_counter() - t0)
                assert not problems, problems
                seconds, code, line = standalone(out)
                assert code == 0, line
                standalones.append(seconds)
    print(f"case: {summary.ads} ads, {summary.raw_items} raw records, {summary.images} images, "
          f"{summary.files} files, bundle {summary.bytes / 2**20:.1f} MiB")
    print(f"export: {statistics.median(exports):.2f} s (median of {len(exports)}: "
          f"{', '.join(f'{x:.2f}' for x in exports)})")
    print(f"verify (redflags case verify, in process): {statistics.median(verifies):.2f} s")
    print(f"verify (standalone verify_bundle.py, new process, no Redflags): {statistics.median(standalones):.2f} s")
    print(f"standalone verifier said: {line}")


if __name__ == "__main__":
    main()
