"""Indicator accuracy and check latency on the labelled evaluation set (never collected by pytest).

Flagged = report level "medium" or "high". Prints, per split (test, dev) and language, then per batch:
detection rate on deceptive job ads / commercial-sex ads with indicators, false-alarm rate on legitimate
job ads / ads without indicators, twice: with the rules only and with the rules plus the statistical
resemblance signal (its shipped threshold and weight, whether or not scoring.yaml enables it by default);
then language-detection and ad-type accuracy, then `check` latency for 2 KB ads (p50/p95 after start-up
and one untimed round) with the packs as shipped and with the signal off. `--misses` lists dev-split errors for tuning; test errors are never listed.
`--batch v1|v2` restricts the figures to one batch of the set (rows without a `batch` field are v1, the
first set; v2 was written blind later, see docs/indicators.md); default: all rows.

    .venv/bin/python bench/indicators.py [--quick] [--seed 1] [--n 200] [--misses] [--batch v2] [--no-latency] [--split dev]
                                         [--lone-sign]
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import random
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from redflags.errors import ConfigError  # noqa: E402
from redflags.indicators import check  # noqa: E402
from redflags.indicators.pack import PACK_DIR, Pack, default_pack, resemblance_settings  # noqa: E402
from redflags.indicators.resemblance import load_model  # noqa: E402

DATA = ROOT / "bench" / "data" / "indicators_eval.jsonl"
POSITIVE = {"deceptive", "indicators"}


def load(path: Path = DATA) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    for row in rows:
        row["batch"] = row.get("batch") or "v1"
    return rows


def variants(lone_sign: bool = False) -> tuple[Pack, Pack | None]:
    """(rules only, rules + resemblance signal at its shipped settings); the second is None without a model.
    `lone_sign` switches on the opt-in lone-sign check (scoring.yaml `lone_sign:`) in the second."""
    pack = default_pack()
    rules = dataclasses.replace(pack, resemblance=None)
    try:
        _, _, _, path = resemblance_settings(pack.scoring, PACK_DIR)
        model = pack.resemblance or load_model(path)
    except ConfigError as e:
        print(f"resemblance signal unavailable: {e}")
        return rules, None
    scoring = {**pack.scoring, "resemblance": {**pack.scoring.get("resemblance", {}), "enabled": True}}
    if lone_sign:
        scoring["lone_sign"] = {**pack.scoring.get("lone_sign", {}), "enabled": True}
    return rules, dataclasses.replace(pack, resemblance=model, scoring=scoring)


def evaluate(rows: list[dict], rules: Pack, signal: Pack | None) -> list[dict]:
    """Each row plus the verdicts: `flagged` as shipped, `rules` (signal off), `signal` (rules + signal).

    One pass per pack (the matcher keeps one compiled form per pack version, so alternating two pack
    objects of one version would recompile every pattern on every ad)."""
    shipped_on = default_pack().resemblance is not None
    plain = [check(row["text"], pack=rules) for row in rows]
    extra = [check(row["text"], pack=signal) for row in rows] if signal else plain
    out = []
    for row, report, with_signal in zip(rows, plain, extra):
        flag_rules = report.score.level in ("medium", "high")
        flag_signal = with_signal.score.level in ("medium", "high")
        shown = with_signal if shipped_on else report
        out.append({**row, "flagged": flag_signal if shipped_on else flag_rules, "rules": flag_rules,
                    "signal": flag_signal, "score": shown.score.value,
                    "detected": report.detected_language, "got_type": report.ad_type,
                    "hits": sorted({h.indicator for h in shown.hits})})
    return out


def rate(rows: list[dict], key: str = "flagged") -> str:
    if not rows:
        return "  n/a"
    return f"{sum(r[key] for r in rows) / len(rows):5.2f} ({sum(r[key] for r in rows)}/{len(rows)})"


def print_rates(results: list[dict], split: str, ad_type: str, by: str = "lang", label: str = "") -> None:
    """Rules only, then rules + signal, per language (or per batch) and overall; lines start with `label`
    (default: the split)."""
    rows = [r for r in results if r["split"] == split and r["ad_type"] == ad_type]
    groups: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        groups[r[by]].append(r)
    pos_name, neg_name = ("deceptive", "legitimate") if ad_type == "job" else ("indicators", "none")
    for name in sorted(groups) + ["ALL"]:
        group = rows if name == "ALL" else groups[name]
        pos = [r for r in group if r["label"] in POSITIVE]
        neg = [r for r in group if r["label"] not in POSITIVE]
        print(f"{label or split:4} {ad_type:6} {name:3}  rules: detection[{pos_name}] {rate(pos, 'rules')} "
              f"false_alarm[{neg_name}] {rate(neg, 'rules')}  | +signal: detection {rate(pos, 'signal')} "
              f"false_alarm {rate(neg, 'signal')}")


def latency(rows: list[dict], n: int, seed: int, packs: dict[str, Pack | None]
            ) -> tuple[float, dict[str, tuple[float, float]]]:
    """Start-up time, and per pack p50/p95 of `check` on ~2 KB ads built from the eval texts of one language.

    Every pack runs over the ads twice, in turn; only the second round is timed, so no pack pays for
    lazy loads (phone metadata, word caches) that another one already paid."""
    rng = random.Random(seed)
    by_lang: dict[str, list[str]] = defaultdict(list)
    for r in rows:
        by_lang[r["lang"]].append(r["text"])
    ads = []
    for _ in range(n):
        texts = by_lang[rng.choice(sorted(by_lang))]
        ad = ""
        while len(ad.encode()) < 2048:
            ad += rng.choice(texts) + "\n"
        ads.append(ad.encode()[:2048].decode("utf-8", "ignore"))
    t0 = time.perf_counter()
    check("warm-up: loads the packs and the language model")
    startup = time.perf_counter() - t0
    out = {}
    for timed in (False, True):
        for name, pack in packs.items():
            check("warm-up: compiles this pack", pack=pack)
            times = []
            for ad in ads:
                t = time.perf_counter()
                check(ad, pack=pack)
                times.append((time.perf_counter() - t) * 1000)
            times.sort()
            if timed:
                out[name] = (statistics.median(times), times[int(0.95 * (len(times) - 1))])
    return startup, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="fewer latency samples (CI)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--n", type=int, default=300, help="latency samples")
    ap.add_argument("--misses", action="store_true", help="list dev-split errors (never test)")
    ap.add_argument("--batch", default="all", help="one batch (v1 ... v8) or all (default)")
    ap.add_argument("--no-latency", action="store_true", help="skip the latency measurement")
    ap.add_argument("--lone-sign", action="store_true",
                    help="+signal figures with the opt-in lone-sign check on (scoring.yaml lone_sign:)")
    ap.add_argument("--split", choices=("test", "dev", "both"), default="both",
                    help="print only this split's figures (tuning work uses dev)")
    args = ap.parse_args()
    rows = load()
    if args.batch != "all":
        rows = [r for r in rows if r["batch"] == args.batch]
        if not rows:
            sys.exit(f"no rows in batch {args.batch!r}")
    rules, signal = variants(args.lone_sign)
    if not args.no_latency:
        startup, lat = latency(rows, 30 if args.quick else args.n, args.seed,
                               {"packs as shipped": default_pack(), "signal off": rules})
    scored = rows if args.split == "both" else [r for r in rows if r["split"] == args.split]
    results = evaluate(scored, rules, signal)
    print(f"batch {args.batch}; eval set: {len(rows)} ads ({sum(r['ad_type'] == 'job' for r in rows)} job, "
          f"{sum(r['ad_type'] == 'escort' for r in rows)} commercial-sex); flagged = level medium or high")
    cfg = default_pack().scoring.get("resemblance", {})
    print(f"resemblance signal: {'on' if default_pack().resemblance else 'off'} by default; +signal = threshold "
          f"{cfg.get('threshold')}, weight {cfg.get('weight')}" if signal else "resemblance signal: no model")
    if args.lone_sign:
        lone = default_pack().scoring.get("lone_sign", {})
        print(f"+signal figures include the lone-sign check (off by default): below {lone.get('below')}, "
              f"cap {lone.get('cap')}")
    print("dev +signal figures are in-sample (the model was trained on the dev job ads; its out-of-fold dev "
          "figures are printed by `python -m redflags.indicators.train_resemblance`); v1 test shares templates "
          "with v1 dev; test-blind = test ads of v2 and later (writers who never saw the packs; test rows never read or tuned on)")
    for split in ("test", "dev") if args.split == "both" else (args.split,):
        for ad_type in ("job", "escort"):
            print_rates(results, split, ad_type)
        for ad_type in ("job", "escort"):
            print_rates(results, split, ad_type, by="batch")
        if split == "test":
            print_rates([r for r in results if r["batch"] != "v1"], split, "job", label="test-blind")
    shown = [r for r in results if args.split == "both" or r["split"] == args.split]  # tuning sees dev only
    lang_ok = sum(r["detected"] == r["lang"] for r in shown)
    type_ok = sum(r["got_type"] == r["ad_type"] for r in shown)
    where = "" if args.split == "both" else f" ({args.split})"
    print(f"language detection accuracy{where} {lang_ok / len(shown):.3f} ({lang_ok}/{len(shown)})")
    print(f"ad-type accuracy{where} {type_ok / len(shown):.3f} ({type_ok}/{len(shown)})")
    if not args.no_latency:
        print(f"check start-up {startup * 1000:.0f} ms; latency 2KB ad " +
              "; ".join(f"{name}: p50 {p50:.1f} ms p95 {p95:.1f} ms" for name, (p50, p95) in lat.items()))
    if args.misses:
        for r in results:
            wrong = r["flagged"] != (r["label"] in POSITIVE) or r["detected"] != r["lang"] \
                or r["got_type"] != r["ad_type"]
            if r["split"] == "dev" and wrong:
                print(f"MISS {r['id']} {r['batch']} {r['label']} flagged={r['flagged']} score={r['score']:.2f} "
                      f"lang={r['detected']} type={r['got_type']} hits={r['hits']} | {r['text'][:110]}")


if __name__ == "__main__":
    main()
