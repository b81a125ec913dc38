"""Train the "resembles deceptive job ads" model on the dev split, choosing every setting by grouped CV.

    python -m redflags.indicators.train_resemblance [--data bench/data/indicators_eval.jsonl]
                                                    [--out redflags/indicators/models/resemblance.json]
                                                    [--blind bench/data/indicators_blind_rules.jsonl]

Protocol (docs/indicators.md, "Statistical signal"):

- Only rows with `split == "dev"` and `ad_type == "job"` are kept; test rows are dropped as the file is read
  and never featurised, scored or printed. Label 1 = deceptive, 0 = legitimate.
- Model: sublinear tf-idf over character n-grams 2-5 inside words (`resemblance.py`), vocabulary = n-grams
  in at least `min_df` training ads, L2-regularised logistic regression (loss summed over ads + ||w||^2/(2C),
  intercept not penalised), solved exactly by Newton's method in the span of the training ads (NumPy only).
- Cross-validation: leave one batch out within dev. Each held-out batch is scored by a model trained on
  the other batches (vocabulary and idf included), which imitates new phrasings from new writers.
- The rules' score for each held-out ad is the score the rules gave *before that batch existed*
  (`bench/data/indicators_blind_rules.jsonl`, written by `bench/data/blind_rule_scores.py` from the git
  history): today's packs were tuned on these very dev ads, so their scores are in-sample and leave the
  signal nothing to add, while on new ads the rules miss about a third. v1 has no such packs (the first
  patterns were tuned on it); it trains the folds but takes no part in the choice.
- Combination: when P >= threshold on an ad the rules type as a job ad, one noisy-OR term of `weight` is added to the rules'
  score; flagged = level medium or high (as in `bench/indicators.py`).
- Choice, fixed before any test figure exists: over C x min_df x threshold x weight (grids below), keep
  the settings whose *added* false alarms (legitimate ads the signal flags that the rules did not) are
  <= 0.02 pooled over the blind batches and <= 0.04 in each, and among them maximise pooled detection -
  added false alarms; ties go to the higher threshold, then the lower weight, then the smaller C, then
  the smaller min_df. The signal is *enabled* by default only if that choice detects more blind dev ads
  than the rules alone. The final model is then refit on all dev job ads with the chosen C and min_df and
  written with its settings, its CV figures and the SHA-256 of the training rows. Deterministic: the same
  data gives the same file (`tests/indicators/test_resemblance.py`).
"""
from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import math
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Iterable, Sequence

import numpy as np

from redflags.indicators.resemblance import MODEL_PATH, NGRAM_SIZES, ngram_counts
from redflags.indicators.score import RESEMBLANCE_AD_TYPES

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "bench" / "data" / "indicators_eval.jsonl"
BLIND = ROOT / "bench" / "data" / "indicators_blind_rules.jsonl"
C_GRID = (0.3, 1.0, 3.0, 10.0, 30.0, 100.0)
MIN_DF_GRID = (2, 3)
THRESHOLDS = tuple(round(0.50 + 0.05 * i, 2) for i in range(10))      # 0.50 ... 0.95
WEIGHTS = (0.10, 0.15, 0.20, 0.25, 0.30, 0.35, 0.40)
MAX_ADDED_FALSE_ALARMS = 0.02
MAX_ADDED_PER_BATCH = 0.04
LONE_BELOW_GRID = (0.1, 0.2, 0.3, 0.4, 0.5)
MAX_LONE_DETECTION_LOSS = 0.02


def load_dev(path: Path = DATA) -> list[dict[str, Any]]:
    """Dev job ads only (id, lang, batch, label, text); test rows are dropped on reading."""
    rows = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            row = json.loads(line)
            if row.get("split") != "dev" or row.get("ad_type") != "job":
                continue
            rows.append({"id": row["id"], "lang": row["lang"], "batch": row.get("batch") or "v1",
                         "label": row["label"], "y": int(row["label"] == "deceptive"), "text": row["text"]})
    rows.sort(key=lambda r: r["id"])
    return rows


def data_sha256(rows: Iterable[dict[str, Any]]) -> str:
    """SHA-256 of the training rows (id, label, text), one canonical JSON line each, in id order."""
    h = hashlib.sha256()
    for r in rows:
        h.update(json.dumps([r["id"], r["label"], r["text"]], ensure_ascii=False).encode() + b"\n")
    return h.hexdigest()


# --- features -------------------------------------------------------------------------------------------

@dataclasses.dataclass
class Matrix:
    """Rows of tf-idf vectors in CSR form (NumPy arrays), over a fixed vocabulary."""

    indptr: np.ndarray
    indices: np.ndarray
    data: np.ndarray
    n_cols: int

    @property
    def n_rows(self) -> int:
        return len(self.indptr) - 1

    def row_ids(self) -> np.ndarray:
        return np.repeat(np.arange(self.n_rows), np.diff(self.indptr))

    def dot(self, w: np.ndarray) -> np.ndarray:
        """X @ w."""
        return np.bincount(self.row_ids(), weights=self.data * w[self.indices], minlength=self.n_rows)

    def tdot(self, u: np.ndarray) -> np.ndarray:
        """X.T @ u."""
        return np.bincount(self.indices, weights=self.data * u[self.row_ids()], minlength=self.n_cols)

    def gram(self, chunk: int = 8192) -> np.ndarray:
        """X @ X.T, built from dense column blocks."""
        n, rows = self.n_rows, self.row_ids()
        k = np.zeros((n, n))
        for lo in range(0, self.n_cols, chunk):
            m = (self.indices >= lo) & (self.indices < lo + chunk)
            block = np.zeros((n, min(chunk, self.n_cols - lo)))
            block[rows[m], self.indices[m] - lo] = self.data[m]
            k += block @ block.T
        return k


def vocabulary(counts: Sequence[Counter[str]], min_df: int) -> tuple[list[str], np.ndarray]:
    """N-grams in at least `min_df` ads (sorted) and their smoothed idf, log((1+n)/(1+df)) + 1."""
    df: Counter[str] = Counter()
    for c in counts:
        df.update(c.keys())
    grams = sorted(g for g, d in df.items() if d >= min_df)
    n = len(counts)
    idf = np.array([math.log((1 + n) / (1 + df[g])) + 1.0 for g in grams])
    return grams, idf


def tfidf_matrix(counts: Sequence[Counter[str]], grams: Sequence[str], idf: np.ndarray) -> Matrix:
    """Sublinear tf x idf rows, L2-normalised, as `resemblance.Model` computes them one ad at a time."""
    index = {g: i for i, g in enumerate(grams)}
    indptr, indices, data = [0], [], []
    for c in counts:
        items = sorted((index[g], (1.0 + math.log(k)) * idf[index[g]]) for g, k in c.items() if g in index)
        norm = math.sqrt(sum(v * v for _, v in items)) or 1.0
        indices += [i for i, _ in items]
        data += [v / norm for _, v in items]
        indptr.append(len(indices))
    return Matrix(np.array(indptr), np.array(indices, dtype=np.int64), np.array(data), len(grams))


# --- model ----------------------------------------------------------------------------------------------

def fit_logistic(x: Matrix, y: np.ndarray, c: float, tol: float = 1e-10, max_iter: int = 100
                 ) -> tuple[np.ndarray, float]:
    """L2-regularised logistic regression, exact: w lies in the span of the training rows, so with
    X X^T = U S^2 U^T the problem is a small one over z (w = X^T U S^-1 z), solved by Newton's method."""
    k = x.gram()
    evals, evecs = np.linalg.eigh(k)
    keep = evals > evals.max() * 1e-12
    s = np.sqrt(evals[keep])
    u = evecs[:, keep]
    a = np.hstack([np.ones((len(y), 1)), u * s])          # intercept column + Z = U S
    lam = np.full(a.shape[1], 1.0 / c)
    lam[0] = 0.0
    theta = np.zeros(a.shape[1])

    def loss(t: np.ndarray) -> float:
        f = a @ t
        return float(np.sum(np.logaddexp(0.0, f) - y * f) + 0.5 * np.sum(lam * t * t))

    current = loss(theta)
    for _ in range(max_iter):
        p = 1.0 / (1.0 + np.exp(-(a @ theta)))
        grad = a.T @ (p - y) + lam * theta
        if np.max(np.abs(grad)) < tol:
            break
        hess = (a * (p * (1 - p))[:, None]).T @ a + np.diag(lam)
        step = np.linalg.solve(hess + 1e-12 * np.eye(len(theta)), grad)
        t = 1.0
        while t > 1e-8:
            new = loss(theta - t * step)
            if new <= current:
                break
            t /= 2
        theta, current = theta - t * step, new
    w = x.tdot(u @ (theta[1:] / s))
    return w, float(theta[0])


def predict(x: Matrix, w: np.ndarray, b: float) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-(x.dot(w) + b)))


def train(counts: Sequence[Counter[str]], y: np.ndarray, c: float, min_df: int
          ) -> tuple[list[str], np.ndarray, np.ndarray, float]:
    grams, idf = vocabulary(counts, min_df)
    w, b = fit_logistic(tfidf_matrix(counts, grams, idf), y, c)
    return grams, idf, w, b


def out_of_fold(rows: Sequence[dict], counts: Sequence[Counter[str]], c: float, min_df: int) -> np.ndarray:
    """P for every dev ad from a model trained on the other batches (leave one batch out)."""
    y = np.array([r["y"] for r in rows], dtype=float)
    p = np.zeros(len(rows))
    for batch in sorted({r["batch"] for r in rows}):
        test = [i for i, r in enumerate(rows) if r["batch"] == batch]
        trn = [i for i, r in enumerate(rows) if r["batch"] != batch]
        grams, idf, w, b = train([counts[i] for i in trn], y[trn], c, min_df)
        p[test] = predict(tfidf_matrix([counts[i] for i in test], grams, idf), w, b)
    return p


def auc(p: np.ndarray, y: np.ndarray) -> float:
    """Area under the ROC curve (ties count half)."""
    pos, neg = p[y == 1], p[y == 0]
    return float(((pos[:, None] > neg[None, :]).sum() + 0.5 * (pos[:, None] == neg[None, :]).sum())
                 / (len(pos) * len(neg)))


# --- rules and the combination --------------------------------------------------------------------------

def rule_scores(rows: Sequence[dict]) -> tuple[np.ndarray, list[str], dict[str, Any]]:
    """The shipped rules' score value and ad type for each row, with the signal off, plus the scoring."""
    from redflags.indicators import check
    from redflags.indicators.pack import default_pack

    pack = dataclasses.replace(default_pack(), resemblance=None)
    values, types = [], []
    for r in rows:
        report = check(r["text"], pack=pack)
        values.append(report.score.value)
        types.append(report.ad_type)
    return np.array(values), types, dict(pack.scoring)


def load_blind(path: Path = BLIND) -> dict[str, dict[str, Any]]:
    """id -> {score, ad_type, batch} from the rules as they were before each batch (dev job ads only)."""
    if not path.exists():
        return {}
    return {r["id"]: r for r in (json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip())}


def blind_rule_scores(rows: Sequence[dict], shipped: np.ndarray, types: Sequence[str],
                      blind: dict[str, dict[str, Any]]) -> tuple[np.ndarray, list[str], np.ndarray]:
    """Per row the pre-batch rules' score and ad type where known (else the shipped ones), and that mask."""
    known = np.array([r["id"] in blind for r in rows])
    values = np.array([blind[r["id"]]["score"] if k else v for r, k, v in zip(rows, known, shipped)])
    kinds = [blind[r["id"]]["ad_type"] if k else t for r, k, t in zip(rows, known, types)]
    return values, kinds, known


def combined_values(values: np.ndarray, types: Sequence[str], p: np.ndarray, threshold: float | None,
                    weight: float) -> np.ndarray:
    """Score values after adding the signal's noisy-OR term where it fires on a job ad (score.combine)."""
    if threshold is None:
        return values
    fire = _signal_applies(types) & (p >= threshold)
    return np.where(fire, 1.0 - (1.0 - values) * (1.0 - weight), values)


def combined_flags(values: np.ndarray, types: Sequence[str], p: np.ndarray, threshold: float | None,
                   weight: float, medium: float) -> np.ndarray:
    """Flagged (>= medium) after adding the signal's noisy-OR term where it fires on a job ad."""
    return combined_values(values, types, p, threshold, weight) >= medium - 1e-12


def rule_terms(entry: dict[str, Any] | None) -> int:
    """How many rule terms (distinct indicators and identifier signals) a pre-batch report scored."""
    return len({h[0] for h in entry.get("hits", ())}) if entry else 0


def _signal_applies(types: Sequence[str]) -> np.ndarray:
    """Per ad: is it of a type the model scores (score.RESEMBLANCE_AD_TYPES)?"""
    return np.array([t in RESEMBLANCE_AD_TYPES for t in types])


def lone_sign_flags(flags: np.ndarray, values: np.ndarray, types: Sequence[str], rule_terms: np.ndarray,
                    p: np.ndarray, threshold: float, below: float, high: float) -> np.ndarray:
    """`flags` after the opt-in lone-sign check (score.lower_lone_sign): a job ad flagged by one rule term
    below the high level, on which the signal did not fire and P < below, is no longer flagged."""
    lowered = flags & _signal_applies(types) & (rule_terms == 1) & (values < high - 1e-12) & (p < threshold) & (p < below)
    return flags & ~lowered


def choose_lone_below(flags: np.ndarray, values: np.ndarray, types: Sequence[str], rule_terms: np.ndarray,
                      p: np.ndarray, threshold: float, high: float, y: np.ndarray, known: np.ndarray
                      ) -> float | None:
    """The `below` of the lone-sign check that removes most blind dev false alarms while losing at most
    MAX_LONE_DETECTION_LOSS of the blind detection (ties: the lower value); None if none removes any."""
    d0, nd, f0, _ = rates(flags, y, known)
    best: tuple[int, float] | None = None
    for below in LONE_BELOW_GRID:
        d, _, f, _ = rates(lone_sign_flags(flags, values, types, rule_terms, p, threshold, below, high), y, known)
        if (d0 - d) / nd > MAX_LONE_DETECTION_LOSS + 1e-12 or f >= f0:
            continue
        if best is None or f < best[0]:
            best = (f, below)
    return None if best is None else best[1]


def rates(flags: np.ndarray, y: np.ndarray, mask: np.ndarray | None = None) -> tuple[int, int, int, int]:
    """(detected, deceptive, false alarms, legitimate) within `mask`."""
    m = np.ones(len(y), dtype=bool) if mask is None else mask
    return (int((flags & m & (y == 1)).sum()), int((m & (y == 1)).sum()),
            int((flags & m & (y == 0)).sum()), int((m & (y == 0)).sum()))


def fmt(r: tuple[int, int, int, int]) -> str:
    d, nd, f, nf = r
    return f"det {d / nd:.2f} ({d}/{nd}) fa {f / nf:.2f} ({f}/{nf})" if nd and nf else "-"


@dataclasses.dataclass(frozen=True)
class Choice:
    c: float
    min_df: int
    threshold: float
    weight: float
    detection: float
    added_false_alarms: float

    def key(self) -> tuple:
        return (-(self.detection - self.added_false_alarms), -self.threshold, self.weight, self.c, self.min_df)


def added_false_alarms(flags: np.ndarray, rules: np.ndarray, y: np.ndarray, mask: np.ndarray) -> float:
    """Share of the legitimate ads in `mask` that the signal flags and the rules alone did not."""
    legit = mask & (y == 0)
    return float((flags & ~rules & legit).sum() / legit.sum())


def choose(rows: Sequence[dict], oof: dict[tuple[float, int], np.ndarray], values: np.ndarray,
           types: Sequence[str], known: np.ndarray, medium: float) -> Choice | None:
    """The feasible setting with the best blind detection - added false alarms (module docstring), or None."""
    y = np.array([r["y"] for r in rows])
    batch = np.array([r["batch"] for r in rows])
    blind_batches = sorted(set(batch[known]))
    rules = combined_flags(values, types, np.zeros(len(rows)), None, 0.0, medium)
    best: Choice | None = None
    for (c, min_df), p in oof.items():
        for t in THRESHOLDS:
            for w in WEIGHTS:
                flags = combined_flags(values, types, p, t, w, medium)
                added = added_false_alarms(flags, rules, y, known)
                if added > MAX_ADDED_FALSE_ALARMS + 1e-12:
                    continue
                if any(added_false_alarms(flags, rules, y, known & (batch == b)) > MAX_ADDED_PER_BATCH + 1e-12
                       for b in blind_batches):
                    continue
                d, nd, _, _ = rates(flags, y, known)
                cand = Choice(c, min_df, t, w, d / nd, added)
                if best is None or cand.key() < best.key():
                    best = cand
    return best


# --- the run --------------------------------------------------------------------------------------------

def cross_validate(rows: Sequence[dict], counts: Sequence[Counter[str]], blind: dict[str, dict[str, Any]],
                   out=sys.stdout) -> tuple[Choice | None, bool, dict[str, Any]]:
    """Grouped CV over the grids: prints the figures, returns the choice, enabled?, and a summary."""
    y = np.array([r["y"] for r in rows])
    batch = np.array([r["batch"] for r in rows])
    lang = np.array([r["lang"] for r in rows])
    batches = sorted(set(batch))
    shipped, shipped_types, scoring = rule_scores(rows)
    medium = float(scoring["levels"]["medium"])
    values, types, known = blind_rule_scores(rows, shipped, shipped_types, blind)
    if not known.any():
        raise SystemExit("no pre-batch rule scores for any dev ad: run bench/data/blind_rule_scores.py")
    in_sample = combined_flags(shipped, shipped_types, np.zeros(len(rows)), None, 0.0, medium)
    rules = combined_flags(values, types, np.zeros(len(rows)), None, 0.0, medium)
    blind_batches = sorted(set(batch[known]))
    print(f"dev job ads: {len(rows)} ({int(y.sum())} deceptive); leave-one-batch-out over {', '.join(batches)}; "
          f"the choice uses {', '.join(blind_batches)} ({int(known.sum())} ads) scored by the rules from before "
          f"each batch", file=out)
    print(f"shipped rules (tuned on these dev ads, in-sample): {fmt(rates(in_sample, y))}", file=out)
    print(f"rules from before each batch, on {', '.join(blind_batches)}: {fmt(rates(rules, y, known))}", file=out)
    oof: dict[tuple[float, int], np.ndarray] = {}
    print("model alone, out of fold: AUC, and det/fa at P >= 0.5", file=out)
    for min_df in MIN_DF_GRID:
        for c in C_GRID:
            p = oof[(c, min_df)] = out_of_fold(rows, counts, c, min_df)
            per = " ".join(f"{b} {auc(p[batch == b], y[batch == b]):.3f}" for b in batches)
            print(f"  C={c:<6g} min_df={min_df}  AUC {auc(p, y):.3f} ({per})  {fmt(rates(p >= 0.5, y))}",
                  file=out)
    choice = choose(rows, oof, values, types, known, medium)
    summary: dict[str, Any] = {"blind_batches": blind_batches, "rules_only": rates(rules, y, known)}
    if choice is None:
        print(f"no setting keeps added false alarms <= {MAX_ADDED_FALSE_ALARMS}: the signal ships disabled", file=out)
        return None, False, summary
    p = oof[(choice.c, choice.min_df)]
    both = combined_flags(values, types, p, choice.threshold, choice.weight, medium)
    alone = p >= choice.threshold
    print(f"chosen: C={choice.c:g} min_df={choice.min_df} threshold={choice.threshold} weight={choice.weight}",
          file=out)
    print(f"{'held out':10} {'rules before the batch':34} {'rules + signal':34} {'signal alone (P >= threshold)'}",
          file=out)
    groups = [(b, known & (batch == b)) for b in blind_batches] + \
        [(x, known & (lang == x)) for x in sorted(set(lang))] + [("ALL", known)]
    for name, m in groups:
        print(f"{name:10} {fmt(rates(rules, y, m)):34} {fmt(rates(both, y, m)):34} {fmt(rates(alone, y, m))}",
              file=out)
    high = float(scoring["levels"]["high"])
    terms = np.array([rule_terms(blind[r["id"]]) if k else 0 for r, k in zip(rows, known)])
    print(f"lone-sign check (off by default; one rule term, below high, P < below -> not flagged), "
          f"blind v2+ dev:", file=out)
    for below in LONE_BELOW_GRID:
        lowered = lone_sign_flags(both, values, types, terms, p, choice.threshold, below, high)
        print(f"  below={below:<4} {fmt(rates(lowered, y, known))}  per batch: " + " ".join(
            f"{b} {fmt(rates(lowered, y, known & (batch == b)))}" for b in blind_batches), file=out)
    lone_below = choose_lone_below(both, values, types, terms, p, choice.threshold, high, y, known)
    lone: dict[str, Any] | None = None
    if lone_below is not None:
        lowered = lone_sign_flags(both, values, types, terms, p, choice.threshold, lone_below, high)
        lone = {"below": lone_below, "rules_plus_signal_lowered": rates(lowered, y, known)}
        print(f"lone-sign check: below={lone_below} (most false alarms removed for a detection loss <= "
              f"{MAX_LONE_DETECTION_LOSS}): {fmt(lone['rules_plus_signal_lowered'])}", file=out)
        for x in sorted(set(lang)):
            print(f"  {x:8} {fmt(rates(lowered, y, known & (lang == x)))}", file=out)
    enabled = rates(both, y, known)[0] > rates(rules, y, known)[0]
    print(f"enabled by default: {'yes' if enabled else 'no'} (rules + signal detect "
          f"{rates(both, y, known)[0] - rates(rules, y, known)[0]:+d} blind dev ads vs rules only; "
          f"added false alarms {choice.added_false_alarms:.3f})", file=out)
    summary.update({"rules_plus_signal": rates(both, y, known), "signal_alone": rates(alone, y, known),
                    "per_batch": {b: {"rules_only": rates(rules, y, known & (batch == b)),
                                      "rules_plus_signal": rates(both, y, known & (batch == b)),
                                      "signal_alone": rates(alone, y, batch == b),
                                      "auc": round(auc(p[batch == b], y[batch == b]), 4)} for b in batches},
                    "auc": round(auc(p, y), 4),
                    "lone_sign": lone})
    return choice, enabled, summary


def model_dict(rows: Sequence[dict], counts: Sequence[Counter[str]], c: float, min_df: int,
               settings: dict[str, Any], cv: dict[str, Any]) -> dict[str, Any]:
    """The final model, fit on every dev job ad, in its shipped JSON form."""
    y = np.array([r["y"] for r in rows], dtype=float)
    grams, idf, w, b = train(counts, y, c, min_df)
    return {"format": "redflags-resemblance-1",
            "meta": {"what": "P(job ad resembles the deceptive job ads of the shipped examples)",
                     "features": {"ngram_sizes": list(NGRAM_SIZES), "within_words": True, "lowercase": True,
                                  "digits": "0", "fold": "latin diacritics", "tf": "1+log", "idf": "smooth",
                                  "norm": "l2", "min_df": min_df},
                     "model": {"kind": "logistic regression, L2", "C": c},
                     "training_data": {"file": "bench/data/indicators_eval.jsonl",
                                       "rows": "split=dev, ad_type=job", "n": len(rows),
                                       "deceptive": int(y.sum()), "sha256": data_sha256(rows)},
                     "chosen_by_dev_cv": settings, "dev_cv": cv},
            "intercept": float(f"{b:.10g}"),
            "ngrams": grams,
            "idf": [float(f"{v:.10g}") for v in idf],
            "coef": [float(f"{v:.10g}") for v in w]}


def dump(model: dict[str, Any]) -> str:
    return json.dumps(model, ensure_ascii=False, separators=(",", ":")) + "\n"


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--blind", type=Path, default=BLIND)
    args = ap.parse_args(argv)
    rows = load_dev(args.data)
    counts = [ngram_counts(r["text"]) for r in rows]
    choice, enabled, cv = cross_validate(rows, counts, load_blind(args.blind))
    if choice is None:
        c, min_df = C_GRID[len(C_GRID) // 2], MIN_DF_GRID[0]
        settings: dict[str, Any] = {"enabled": False, "C": c, "min_df": min_df}
    else:
        c, min_df = choice.c, choice.min_df
        settings = {"enabled": enabled, "C": c, "min_df": min_df, "threshold": choice.threshold,
                    "weight": choice.weight}
    model = model_dict(rows, counts, c, min_df, settings, cv)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(dump(model), encoding="utf-8")
    print(f"wrote {args.out} ({len(model['ngrams'])} n-grams); scoring.yaml resemblance: {settings}")


if __name__ == "__main__":
    main()
