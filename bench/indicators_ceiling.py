"""How far can any threshold take the scorers on ads they have not seen? Dev rows only (never test).

The blind batches' dev job ads are scored by the rules as they were before each batch existed
(bench/data/indicators_blind_rules.jsonl) and by the resemblance model trained without the ad's batch
(leave one batch out, the shipped model's C and min_df). For each scorer it prints the best detection any
one threshold reaches with false alarms <= 0.05 pooled, what that threshold gives per language, and an
upper bound: the best each language reaches with a threshold of its own chosen on its own ads. Scorers:
the rules; the model alone; rules + signal as combined in score.py (shipped threshold and weight, the flag
level swept); a linear combination of rule score, model log-odds and hit counts fitted on the other
batches (which may lower a rule flag, unlike the shipped signal).

    .venv/bin/python bench/indicators_ceiling.py [--max-fa 0.05] [--min-detection 0.90]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from redflags.indicators.pack import default_pack, resemblance_numbers  # noqa: E402
from redflags.indicators.resemblance import load_model, ngram_counts  # noqa: E402
from redflags.indicators.train_resemblance import (combined_values, load_blind, load_dev, out_of_fold,  # noqa: E402
                                                   rule_terms)


def best_threshold(scores: np.ndarray, y: np.ndarray, max_fa: float) -> tuple[float, float, float]:
    """(threshold, detection, false alarms) of `scores >= threshold` with the most detection whose
    false-alarm rate stays <= max_fa; ties are never split (threshold inf: nothing flagged)."""
    neg, pos = np.sort(scores[y == 0]), scores[y == 1]
    for t in np.unique(scores):
        fa = (len(neg) - np.searchsorted(neg, t, side="left")) / max(len(neg), 1)
        if fa <= max_fa:
            return float(t), float((pos >= t).mean()) if len(pos) else 0.0, float(fa)
    return float("inf"), 0.0, 0.0


def flagged_rates(scores: np.ndarray, y: np.ndarray, t: float) -> tuple[float, float]:
    """(detection, false alarms) of `scores >= t`."""
    f = scores >= t
    return float(f[y == 1].mean()), float(f[y == 0].mean())


def out_of_batch_linear(features: np.ndarray, y: np.ndarray, batch: np.ndarray) -> np.ndarray:
    """Scores of a least-squares linear combination of standardised features, fitted without each batch."""
    x = (features - features.mean(0)) / np.where(features.std(0) > 0, features.std(0), 1.0)
    x = np.c_[x, np.ones(len(x))]
    out = np.zeros(len(y))
    for b in np.unique(batch):
        held = batch == b
        w = np.linalg.lstsq(x[~held], 2.0 * y[~held] - 1.0, rcond=None)[0]
        out[held] = x[held] @ w
    return out


def report(name: str, scores: np.ndarray, y: np.ndarray, lang: np.ndarray, max_fa: float, min_det: float
           ) -> None:
    t, det, fa = best_threshold(scores, y, max_fa)
    langs = sorted(set(lang))
    at = {g: flagged_rates(scores[lang == g], y[lang == g], t) for g in langs}
    own = {g: best_threshold(scores[lang == g], y[lang == g], max_fa)[1] for g in langs}
    both = sum(d >= min_det and f <= max_fa for d, f in at.values())
    print(f"\n{name}")
    print(f"  one threshold for all languages: detection {det:.2f}, false alarms {fa:.3f}; "
          f"languages meeting both targets: {both}/{len(langs)}")
    print("  per language at that threshold: " + ", ".join(f"{g} {d:.2f}/{f:.2f}" for g, (d, f) in at.items()))
    reach = sum(d >= min_det for d in own.values())
    print(f"  upper bound, a threshold per language: {', '.join(f'{g} {d:.2f}' for g, d in own.items())}; "
          f"languages reaching {min_det:.2f}: {reach}/{len(langs)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--max-fa", type=float, default=0.05)
    ap.add_argument("--min-detection", type=float, default=0.90)
    args = ap.parse_args()
    pack = default_pack()
    meta = (pack.resemblance or load_model()).meta
    c, min_df = float(meta["model"]["C"]), int(meta["features"]["min_df"])  # type: ignore[index]
    threshold, weight = resemblance_numbers(pack.scoring)
    rows = load_dev()
    blind = load_blind()
    print(f"out-of-fold model probabilities for {len(rows)} dev job ads (C={c:g}, min_df={min_df}) ...",
          flush=True)
    p_all = out_of_fold(rows, [ngram_counts(r["text"]) for r in rows], c, min_df)
    keep = np.array([r["id"] in blind for r in rows])
    rows = [r for r, k in zip(rows, keep) if k]
    p = p_all[keep]
    y = np.array([r["y"] for r in rows])
    lang = np.array([r["lang"] for r in rows])
    batch = np.array([r["batch"] for r in rows])
    pre = [blind[r["id"]] for r in rows]
    rules = np.array([b["score"] for b in pre])
    hits = np.array([rule_terms(b) for b in pre], dtype=float)
    types = [b["ad_type"] for b in pre]
    print(f"blind batches {', '.join(sorted(set(batch)))}: {int(y.sum())} deceptive, {int((y == 0).sum())} "
          f"legitimate dev job ads; targets: detection >= {args.min_detection:.2f} with false alarms <= "
          f"{args.max_fa:.2f} in every language; figures are detection/false alarms")
    report("rules as they were before each batch", rules, y, lang, args.max_fa, args.min_detection)
    report("resemblance model alone (out of batch)", p, y, lang, args.max_fa, args.min_detection)
    shipped = combined_values(rules, types, p, threshold, weight)
    report(f"rules + signal as score.py adds it (threshold {threshold:g}, weight {weight:g} from scoring.yaml; "
           "flag level swept)", shipped, y, lang, args.max_fa, args.min_detection)
    logit = np.log(np.clip(p, 1e-9, 1 - 1e-9) / np.clip(1 - p, 1e-9, 1))
    stacked = out_of_batch_linear(np.c_[rules, logit, hits, hits == 1, rules * p], y, batch)
    report("linear combination of rules and model, fitted on the other batches (can lower rule flags)",
           stacked, y, lang, args.max_fa, args.min_detection)


if __name__ == "__main__":
    main()
