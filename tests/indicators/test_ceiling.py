"""bench/indicators_ceiling.py: the threshold search and the out-of-batch combination it reports."""
from __future__ import annotations

import numpy as np

from tests.bench_script import load_bench_script


def script():
    return load_bench_script("indicators_ceiling.py")


def test_best_threshold_takes_the_most_detection_within_the_false_alarm_budget():
    mod = script()
    scores = np.array([0.9, 0.8, 0.7, 0.6, 0.5])
    y = np.array([1, 0, 1, 1, 0])
    assert mod.best_threshold(scores, y, 0.0) == (0.9, 1 / 3, 0.0)
    assert mod.best_threshold(scores, y, 0.5) == (0.6, 1.0, 0.5)
    assert mod.best_threshold(scores, y, 1.0) == (0.5, 1.0, 1.0)


def test_best_threshold_never_splits_a_tie():
    mod = script()
    scores = np.array([0.4, 0.4, 0.4, 0.0])
    y = np.array([1, 1, 0, 0])
    # flagging the two deceptive ads at 0.4 flags the legitimate one too (false alarms 1/2 > 0.05)
    assert mod.best_threshold(scores, y, 0.05) == (float("inf"), 0.0, 0.0)
    t, det, fa = mod.best_threshold(scores, y, 0.5)
    assert (t, det, fa) == (0.4, 1.0, 0.5)
    assert mod.flagged_rates(scores, y, t) == (1.0, 0.5)


def test_out_of_batch_linear_never_sees_the_labels_of_the_batch_it_scores():
    mod = script()
    rng = np.random.default_rng(3)
    x = rng.normal(size=(60, 3))
    y = (x[:, 0] > 0).astype(float)
    batch = np.repeat(np.array(["a", "b", "c"]), 20)
    base = mod.out_of_batch_linear(x, y, batch)
    flipped = y.copy()
    flipped[batch == "b"] = 1 - flipped[batch == "b"]
    other = mod.out_of_batch_linear(x, flipped, batch)
    assert np.allclose(base[batch == "b"], other[batch == "b"])
    assert not np.allclose(base[batch == "a"], other[batch == "a"])
    # the feature that decides the label is learned: held-out scores fall on the right side of 0
    assert ((base > 0) == (y == 1)).mean() >= 0.9
