"""Append a batch of labelled ads to indicators_eval.jsonl, half of each (language, ad type, label) cell
to `dev` and half to `test` by a seeded shuffle; every row must be well-formed, and a language can join a
batch only once (languages written later are added to the same batch by a second call).

    .venv/bin/python bench/data/add_indicator_batch.py DIR --batch v3 [--seed 3]

DIR holds <lang>.jsonl files with rows {id, lang, ad_type, label, text, [signs]}."""
from __future__ import annotations

import argparse
import json
import random
import sys
from collections import defaultdict
from pathlib import Path

EVAL = Path(__file__).resolve().parent / "indicators_eval.jsonl"
LABELS = {"job": {"deceptive", "legitimate"}, "escort": {"indicators", "none"}}
LANGS = {"en", "es", "fr", "pt", "ro", "ru", "uk", "id", "tl", "th"}


def read_batch(folder: Path) -> list[dict]:
    rows = []
    for path in sorted(folder.glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            row = json.loads(line)
            where = f"{path.name}:{n}"
            if row.get("lang") not in LANGS or row.get("ad_type") not in LABELS:
                sys.exit(f"{where}: bad lang or ad_type: {row.get('lang')!r} {row.get('ad_type')!r}")
            if row.get("label") not in LABELS[row["ad_type"]] or not str(row.get("text", "")).strip():
                sys.exit(f"{where}: bad label {row.get('label')!r} or empty text")
            rows.append({k: row[k] for k in ("id", "lang", "ad_type", "label", "text")} | {"signs": row.get("signs", [])})
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--batch", required=True)
    ap.add_argument("--seed", type=int, default=3)
    args = ap.parse_args()
    existing = [json.loads(x) for x in EVAL.read_text(encoding="utf-8").splitlines() if x.strip()]
    rows = read_batch(args.folder)
    present = {r["lang"] for r in existing if r.get("batch", "v1") == args.batch}
    if present & {r["lang"] for r in rows}:
        sys.exit(f"batch {args.batch} already holds {sorted(present & {r['lang'] for r in rows})} in {EVAL.name}")
    ids = [r["id"] for r in rows] + [r["id"] for r in existing]
    if len(set(ids)) != len(ids):
        sys.exit("duplicate ids")
    cells: dict[tuple, list[dict]] = defaultdict(list)
    for r in rows:
        cells[(r["lang"], r["ad_type"], r["label"])].append(r)
    rng = random.Random(args.seed)
    out = []
    for key in sorted(cells):
        group = sorted(cells[key], key=lambda r: r["id"])
        rng.shuffle(group)
        half = len(group) // 2
        for i, r in enumerate(group):
            out.append({**r, "split": "dev" if i < half else "test", "batch": args.batch})
    out.sort(key=lambda r: r["id"])
    with EVAL.open("a", encoding="utf-8") as f:
        for r in out:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"added {len(out)} rows as batch {args.batch}: "
          + ", ".join(f"{k[0]}/{k[1]}/{k[2]} {len(v)}" for k, v in sorted(cells.items())))


if __name__ == "__main__":
    main()
