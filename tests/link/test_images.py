import itertools

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from redflags.demo import render_image
from redflags.errors import InputError
from redflags.link.images import MAX_DISTANCE, as_matrix, hamming, near_pairs, pdq_hash


def _brute(m: np.ndarray, d: int) -> set:
    return {(i, j) for i, j in itertools.combinations(range(len(m)), 2) if hamming(m[i:i + 1], m[j:j + 1])[0] <= d}


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(5, 40), st.lists(st.integers(0, 40), min_size=1, max_size=20))
def test_index_finds_exactly_the_pairs_within_distance(seed, n, flips):
    rng = np.random.default_rng(seed)
    base = rng.integers(0, 256, size=(n, 32), dtype=np.uint8)
    rows = [base]
    for k in flips:  # planted near copies at distance k (some beyond the threshold)
        src = base[rng.integers(0, n)].copy()
        bits = np.unpackbits(src)
        bits[rng.choice(256, size=k, replace=False)] ^= 1
        rows.append(np.packbits(bits)[None, :])
    m = np.vstack(rows)
    i, j, d = near_pairs(m, MAX_DISTANCE, block=7)
    assert set(zip(i.tolist(), j.tolist())) == _brute(m, MAX_DISTANCE)
    assert (d <= MAX_DISTANCE).all()


def test_demo_reposts_match_and_different_pictures_do_not():
    key, other = "img/0123456789abcdef.jpg", "img/fedcba9876543210.jpg"
    hashes = [pdq_hash(render_image(k))[0] for k in (key, key[:-4] + "_v1.jpg", key[:-4] + "_v2.jpg", other)]
    m = as_matrix(hashes)
    assert hamming(m[0:1], m[1:2])[0] <= MAX_DISTANCE
    assert hamming(m[0:1], m[2:3])[0] <= MAX_DISTANCE
    assert hamming(m[0:1], m[3:4])[0] > 64


def test_undecodable_image_is_an_input_error():
    with pytest.raises(InputError):
        pdq_hash(b"not an image", "img/x.jpg")


def test_exact_chunk_probing_finds_everything_up_to_15_bits():
    rng = np.random.default_rng(9)
    base = rng.integers(0, 256, size=(200, 32), dtype=np.uint8)
    bits = np.unpackbits(base, axis=1)
    for row, k in zip(bits, rng.integers(0, 16, size=200)):
        row[rng.choice(256, size=k, replace=False)] ^= 1
    m = np.vstack([base, np.packbits(bits, axis=1)])
    i, j, _d = near_pairs(m, 15, radius=0)
    assert set(zip(i.tolist(), j.tolist())) == _brute(m, 15)
