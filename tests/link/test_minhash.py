import numpy as np
import pytest

from redflags.link.lsh import band_keys, candidate_probability
from redflags.link.minhash import MinHasher, jaccard_estimate


def _pair(rng, j: float, size: int = 400):
    """Two sets of random 64-bit values with Jaccard exactly j (shared / union)."""
    union = size
    shared = int(round(j * union))
    values = rng.integers(0, 2**63, size=union + (union - shared), dtype=np.uint64)
    common, rest = values[:shared], values[shared:]
    half = (len(rest)) // 2
    a = np.concatenate([common, rest[:half]])
    b = np.concatenate([common, rest[half:]])
    true = shared / len(np.union1d(a, b))
    return a, b, true


@pytest.mark.parametrize("j", [0.2, 0.5, 0.8])
def test_estimate_is_unbiased_with_the_stated_error(j):
    rng = np.random.default_rng(5)
    hasher = MinHasher(128, seed=1)
    errors, truths = [], []
    for _ in range(200):
        a, b, true = _pair(rng, j)
        sig = hasher.signatures([a, b])
        errors.append(float(jaccard_estimate(sig[0], sig[1])) - true)
        truths.append(true)
    t = float(np.mean(truths))
    sd = np.sqrt(t * (1 - t) / 128)
    assert abs(np.mean(errors)) < 3 * sd / np.sqrt(200)  # no bias
    assert 0.7 * sd < np.std(errors) < 1.3 * sd         # spread as the formula says


def test_signatures_do_not_depend_on_batching_and_empty_sets_never_match():
    rng = np.random.default_rng(1)
    sets = [rng.integers(0, 2**63, size=rng.integers(0, 50), dtype=np.uint64) for _ in range(300)]
    sets[7] = np.empty(0, dtype=np.uint64)
    h = MinHasher(64)
    whole = h.signatures(sets)
    parts = np.vstack([h.signatures(sets[:100], block=10), h.signatures(sets[100:], block=1000)])
    assert (whole == parts).all()
    assert (whole[7] == 0xFFFF).all()


def test_band_keys_equal_exactly_when_band_equal():
    sig = np.array([[1, 2, 3, 4, 5, 6], [1, 2, 3, 9, 5, 6], [1, 2, 3, 4, 5, 6]], dtype=np.uint16)
    keys = band_keys(sig, 2, 3)
    assert keys[0, 0] == keys[1, 0] and keys[0, 1] != keys[1, 1]
    assert (keys[0] == keys[2]).all()
    assert keys[0, 0] != keys[0, 1]


def test_candidate_probability_is_an_s_curve():
    assert candidate_probability(0.7, 16, 4) > 0.98
    assert candidate_probability(0.2, 16, 4) < 0.03
