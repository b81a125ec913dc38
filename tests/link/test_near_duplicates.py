import numpy as np

from redflags.link.lsh import band_keys
from redflags.link.minhash import MinHasher
from redflags.link.near_duplicates import match_chunk


class _Stored:
    """In-memory stand-in for the bucket and signature tables."""

    def __init__(self):
        self.reps, self.sigs = {}, {}

    def known(self, keys):
        hit = [k for k in keys.tolist() if k in self.reps]
        return np.array(hit, dtype=np.int64), np.array([self.reps[k] for k in hit], dtype=np.int64)

    def signatures_of(self, seqs):
        return np.vstack([self.sigs[int(s)] for s in seqs])

    def run(self, seqs, keys, sigs, usable):
        m = match_chunk(seqs, keys, sigs, usable, self.known, self.signatures_of, 0.5)
        for k, r in zip(m.new_keys.tolist(), m.new_reps.tolist()):
            self.reps.setdefault(k, r)
        self.sigs.update({int(s): sigs[i] for i, s in enumerate(seqs)})
        return set(zip(m.a.tolist(), m.b.tolist()))


def _corpus(rng, n=120):
    templates = [rng.integers(0, 2**63, size=80, dtype=np.uint64) for _ in range(6)]
    sets = []
    for i in range(n):
        t = templates[i % 6] if i % 4 else rng.integers(0, 2**63, size=80, dtype=np.uint64)
        sets.append(np.concatenate([t[rng.random(80) < 0.9], rng.integers(0, 2**63, size=5, dtype=np.uint64)]))
    return sets


def test_one_pass_equals_several_passes_and_links_template_reposts():
    sets = _corpus(np.random.default_rng(3))
    sigs = MinHasher(64).signatures(sets)
    keys = band_keys(sigs, 16, 4)
    seqs = np.arange(1, len(sets) + 1, dtype=np.int64)
    usable = np.ones(len(sets), dtype=bool)
    once = _Stored().run(seqs, keys, sigs, usable)
    parts, stored = set(), _Stored()
    for lo, hi in ((0, 17), (17, 60), (60, 120)):
        parts |= stored.run(seqs[lo:hi], keys[lo:hi], sigs[lo:hi], usable[lo:hi])
    assert once == parts
    linked = {b for _, b in once} | {a for a, _ in once}
    reposts = {int(s) for i, s in enumerate(seqs) if i % 4}
    assert len(linked & reposts) >= 0.95 * len(reposts)
    assert all((a - 1) % 4 and (b - 1) % 4 and (a - b) % 6 == 0 for a, b in once)  # only same-template pairs


def test_unusable_ads_neither_link_nor_open_buckets():
    sets = _corpus(np.random.default_rng(4), 24)
    sigs = MinHasher(64).signatures(sets)
    keys = band_keys(sigs, 16, 4)
    seqs = np.arange(1, 25, dtype=np.int64)
    usable = np.ones(24, dtype=bool)
    usable[1] = False
    pairs = _Stored().run(seqs, keys, sigs, usable)
    assert all(2 not in p for p in pairs)
