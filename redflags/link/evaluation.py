"""Clustering quality against ground truth: pairwise precision/recall/F1 and B-cubed F1.

Pairwise: a predicted pair is two ads in one cluster; it is true when the ads share a true network.
With contingency counts n_ij (ads in predicted cluster i and true network j),
TP = Σ C(n_ij, 2), predicted pairs = Σ_i C(n_i., 2), true pairs = Σ_j C(n_.j, 2). Large networks weigh
quadratically, so one false merge of two big networks costs a lot of precision.

B-cubed (Bagga and Baldwin 1998): per ad, precision = |own cluster ∩ own network| / |own cluster|, recall =
the same over |own network|; averaged over ads, so every ad weighs the same. Independent posters are
singletons of the truth; an ad in no predicted cluster is a singleton of the prediction.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True, slots=True)
class Scores:
    precision: float
    recall: float
    f1: float
    bcubed_precision: float
    bcubed_recall: float
    bcubed_f1: float

    def line(self) -> str:
        return (f"pairwise P {self.precision:.4f} R {self.recall:.4f} F1 {self.f1:.4f} | "
                f"B-cubed P {self.bcubed_precision:.4f} R {self.bcubed_recall:.4f} F1 {self.bcubed_f1:.4f}")


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _pairs(counts: np.ndarray) -> float:
    c = counts.astype(np.float64)
    return float((c * (c - 1) / 2).sum())


def evaluate(predicted: np.ndarray, truth: np.ndarray) -> Scores:
    """Scores of predicted labels against true labels (both one integer per ad; singletons unique)."""
    if len(predicted) != len(truth):
        raise ValueError("predicted and truth labels differ in length")
    _, p_inv = np.unique(predicted, return_inverse=True)
    _, t_inv = np.unique(truth, return_inverse=True)
    joint = p_inv.astype(np.int64) * (t_inv.max() + 1) + t_inv
    _, j_inv, j_counts = np.unique(joint, return_inverse=True, return_counts=True)
    p_counts, t_counts = np.bincount(p_inv), np.bincount(t_inv)
    tp, pp, tt = _pairs(j_counts), _pairs(p_counts), _pairs(t_counts)
    precision = tp / pp if pp else 1.0
    recall = tp / tt if tt else 1.0
    overlap = j_counts[j_inv].astype(np.float64)
    bp = float((overlap / p_counts[p_inv]).mean()) if len(truth) else 1.0
    br = float((overlap / t_counts[t_inv]).mean()) if len(truth) else 1.0
    return Scores(precision, recall, _f1(precision, recall), bp, br, _f1(bp, br))


def truth_labels(networks: list[str | None]) -> np.ndarray:
    """Integer labels from truth `network` values; None (independent) becomes a singleton."""
    ids: dict[str, int] = {}
    out = np.empty(len(networks), dtype=np.int64)
    for i, net in enumerate(networks):
        out[i] = ids.setdefault(net, len(ids)) if net is not None else -1 - i
    return out
