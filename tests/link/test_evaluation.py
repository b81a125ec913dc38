import numpy as np
import pytest

from redflags.link.evaluation import evaluate, truth_labels


def test_perfect_and_merged_clusterings():
    truth = truth_labels(["n1", "n1", "n2", "n2", None])
    perfect = evaluate(np.array([0, 0, 1, 1, 2]), truth)
    assert perfect.precision == perfect.recall == perfect.bcubed_f1 == 1.0
    merged = evaluate(np.array([0, 0, 0, 0, 2]), truth)
    assert merged.recall == 1.0 and merged.precision == pytest.approx(2 / 6)
    assert merged.bcubed_precision == pytest.approx((0.5 * 4 + 1) / 5)
    split = evaluate(np.arange(5), truth)
    assert split.recall == 0.0 and split.precision == 1.0 and split.bcubed_recall == pytest.approx((0.5 * 4 + 1) / 5)


def test_independents_are_singletons():
    t = truth_labels([None, None])
    assert t[0] != t[1]
