"""The in-memory index of a text pass: sorted runs against a dict, signatures by sequence number, and runs
that probe the stored buckets or resume after an interruption giving the same links as one batch run."""
from __future__ import annotations

import numpy as np
import pytest

from redflags.ingest import IngestOptions, ingest
from redflags.link import incremental, link_store
from redflags.link.run_index import RunSignatures, SortedRuns
from redflags.store import open_store
from tests.link.conftest import identifiers_only


def test_sorted_runs_answer_like_a_dict():
    rng = np.random.default_rng(3)
    pool = rng.choice(np.iinfo(np.int64).max, size=80_000, replace=False) - (1 << 62)
    runs, ref, start = SortedRuns(), {}, 0
    for size in rng.integers(0, 3_000, size=25):
        keys = pool[start:start + size]
        values = rng.integers(0, 10**9, size=len(keys))
        runs.add(keys, values)
        ref.update(zip(keys.tolist(), values.tolist()))
        start += size
        probe = np.concatenate([pool[:start + 500], rng.integers(-(1 << 62), 1 << 62, size=200)])
        found, values_got = runs.get(probe)
        want = [k in ref for k in probe.tolist()]
        assert found.tolist() == want
        assert values_got[found].tolist() == [ref[k] for k in probe[found].tolist()]
    assert len(runs) == len(ref) == start
    assert len(runs.runs) <= 2 * np.log2(start) + 1  # merged like a binary counter, not one run per add


def test_run_signatures_find_this_runs_signatures_only():
    sigs = RunSignatures(capacity=2, width=3)  # grows past its first capacity
    sigs.add(np.array([5, 7]), np.array([[1, 2, 3], [4, 5, 6]], dtype=np.uint16))
    sigs.add(np.array([9]), np.array([[7, 8, 9]], dtype=np.uint16))
    found, held = sigs.get(np.array([1, 5, 8, 9, 12]))
    assert found.tolist() == [False, True, False, True, False]
    assert held.tolist() == [[1, 2, 3], [7, 8, 9]]
    assert RunSignatures(4, 3).get(np.array([1]))[0].tolist() == [False]


def _ingest(path, source, lines):
    source.write_text("".join(lines), encoding="utf-8")
    with open_store(path) as store:
        ingest(store, [str(source)], IngestOptions(workers=1), enrich=identifiers_only)


def _links(store):
    return store.execute("SELECT a_seq, b_seq, type, value, weight FROM links ORDER BY a_seq, b_seq, type")


def _buckets(store):
    return store.execute("SELECT key, rep_seq FROM lsh_buckets ORDER BY key")


@pytest.fixture(scope="module")
def batch_linked(corpus_dir, tmp_path_factory):
    lines = (corpus_dir / "ads.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    folder = tmp_path_factory.mktemp("runindex")
    _ingest(folder / "full.db", folder / "all.jsonl", lines)
    with open_store(folder / "full.db") as store:
        link_store(store, batch=300)
        return lines, _links(store), _buckets(store)


def test_a_small_run_on_a_large_store_probes_the_stored_buckets(batch_linked, tmp_path, monkeypatch):
    lines, links, buckets = batch_linked
    probes = []
    db = tmp_path / "inc.db"
    _ingest(db, tmp_path / "a.jsonl", lines[:-60])
    with open_store(db) as store:
        link_store(store, batch=300)
        real = type(store.link_tables).bucket_reps
        monkeypatch.setattr(type(store.link_tables), "bucket_reps",
                            lambda self, keys: probes.append(len(keys)) or real(self, keys))
    _ingest(db, tmp_path / "b.jsonl", lines[-60:])  # 60 new ads against ~1,940 stored: probe, don't load
    with open_store(db) as store:
        assert link_store(store, batch=300).new_ads == 60
        assert probes and sum(probes) > 0
        assert _links(store) == links and _buckets(store) == buckets


def test_an_interrupted_run_resumes_from_its_last_checkpoint(batch_linked, tmp_path, monkeypatch):
    lines, links, buckets = batch_linked
    db = tmp_path / "cut.db"
    _ingest(db, tmp_path / "all.jsonl", lines)
    monkeypatch.setattr(incremental, "CHECKPOINT_ADS", 700)
    real, calls = incremental._match_and_save, []

    def failing(*args):
        calls.append(1)
        if len(calls) == 5:  # batches of 300: a checkpoint after 900 ads, batch 4 saved but not checkpointed
            raise KeyboardInterrupt
        return real(*args)

    monkeypatch.setattr(incremental, "_match_and_save", failing)
    with open_store(db) as store, pytest.raises(KeyboardInterrupt):
        link_store(store, batch=300)
    monkeypatch.setattr(incremental, "_match_and_save", real)
    with open_store(db) as store:
        ninehundredth = store.execute("SELECT seq FROM ads ORDER BY seq LIMIT 1 OFFSET 899")[0][0]
        assert int(store.link_tables.state()["last_seq"]) == ninehundredth
        assert store.execute("SELECT COUNT(*) FROM link_signatures")[0][0] == 1200
        assert link_store(store, batch=300).new_ads == len(lines) - 900
        assert _links(store) == links and _buckets(store) == buckets
