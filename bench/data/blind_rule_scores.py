"""Score each batch's dev job ads with the rules as they were *before* that batch existed (from git).

The packs were later tuned on these very dev ads, so today's rule scores for them are in-sample. The scores
of the packs from just before a batch was committed are what the rules gave a batch they had never seen:
`train_resemblance` uses them to choose how much the statistical signal adds to the rules (docs/indicators.md,
"Statistical signal").

    .venv/bin/python bench/data/blind_rule_scores.py [--batch v5 ...]

Writes bench/data/indicators_blind_rules.jsonl: {id, batch, commit, ad_type, score, hits} per dev job ad of
every batch in BEFORE, sorted by id; `hits` lists the [indicator, weight] pairs the old report showed.
Test rows are never read into the old code. Needs the git history (a full clone).
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from redflags.indicators.train_resemblance import DATA, load_dev

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "bench" / "data" / "indicators_blind_rules.jsonl"

# batch -> the commit whose code and packs had never seen it: the rev of the commit that added the batch to
# indicators_eval.jsonl. (v3 came in two commits; the packs before the first one had seen neither half.
# v6: the commit after the batch, which only mends a price-reading crash the batch revealed, packs untouched.
# v1 has no such packs: it was written before any pattern, and the first patterns were tuned on v1 dev.)
BEFORE = {"v2": "46cbb54", "v3": "55fc697", "v4": "df0752e", "v5": "c4afabb", "v6": "f3bc91f", "v7": "b390a1c",
          "v8": "0b54aaf"}

# Run inside the old tree: rows on stdin, one result per row on stdout.
# The rules only: packs that already carry the statistical signal get it switched off.
SCORER = """
import dataclasses, json, sys
from redflags.indicators import check
from redflags.indicators.pack import default_pack
pack = default_pack()
if hasattr(pack, "resemblance"):
    pack = dataclasses.replace(pack, resemblance=None)
for line in sys.stdin:
    row = json.loads(line)
    report = check(row["text"], pack=pack)
    hits = sorted({(h.indicator, h.weight) for h in report.hits})
    print(json.dumps({"id": row["id"], "ad_type": report.ad_type, "score": report.score.value,
                      "hits": [list(h) for h in hits]}))
"""


def dev_job_rows(batch: str, path: Path = DATA) -> list[dict]:
    """The dev job ads of one batch (id, text), in id order; test rows are dropped as the file is read."""
    return [{"id": r["id"], "text": r["text"]} for r in load_dev(path) if r["batch"] == batch]


def score_with_old_rules(batch: str, commit: str, rows: list[dict]) -> list[dict]:
    """Check `rows` with the code and packs of `commit`, checked out in a temporary worktree."""
    rev = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short=7", commit], check=True,
                            capture_output=True, text=True).stdout.strip()
    with tempfile.TemporaryDirectory(prefix=f"rf-{batch}-") as tmp:
        tree = Path(tmp) / "tree"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-f", str(tree), rev],
                       check=True, capture_output=True)
        try:
            stdin = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
            done = subprocess.run([sys.executable, "-c", SCORER], input=stdin, capture_output=True, text=True,
                                  cwd=tree, env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"})
            if done.returncode:
                raise SystemExit(f"{batch}: the rules of {rev} failed:\n{done.stderr[-2000:]}")
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)],
                           capture_output=True)
    out = [json.loads(x) for x in done.stdout.splitlines() if x.strip()]
    if [r["id"] for r in out] != [r["id"] for r in rows]:
        raise SystemExit(f"{batch}: the old rules answered {len(out)} of {len(rows)} rows")
    return [{"id": r["id"], "batch": batch, "commit": rev, "ad_type": r["ad_type"],
             "score": round(r["score"], 6), "hits": r["hits"]} for r in out]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--batch", action="append", choices=sorted(BEFORE), help="only these batches (default all)")
    args = ap.parse_args()
    kept = [json.loads(x) for x in OUT.read_text(encoding="utf-8").splitlines() if x.strip()] \
        if OUT.exists() else []
    todo = args.batch or sorted(BEFORE)
    kept = [r for r in kept if r["batch"] not in todo]
    for batch in todo:
        rows = dev_job_rows(batch)
        scored = score_with_old_rules(batch, BEFORE[batch], rows)
        kept += scored
        print(f"{batch}: {len(scored)} dev job ads scored with the rules of {scored[0]['commit'] if scored else '-'}")
    kept.sort(key=lambda r: r["id"])
    OUT.write_text("".join(json.dumps(r) + "\n" for r in kept), encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)} ({len(kept)} rows)")


if __name__ == "__main__":
    main()
