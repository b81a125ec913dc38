"""The Spark engine gives the embedded pipeline's answers: the same ads, identifiers, hits, scores,
quarantine, near-duplicate links, hubs and cluster partitions on one generated corpus (with bad lines,
a repeated record and an id re-sent with other content); its Parquet loads into a store; its connected
components equal union-find's. Spark runs in local mode with two cores."""
from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from functools import partial
from pathlib import Path

import numpy as np
import pytest

from redflags.demo import generate
from redflags.ingest import IngestOptions, ingest
from redflags.link import link_store
from redflags.link.union_find import UnionFind, components
from redflags.pipeline.stages import analyse_ad
from redflags.store import open_store

pytestmark = pytest.mark.slow

N, SEED = 1500, 6
COMPARED = {
    "ads": ("ads", ["seq", "id", "source", "title", "text", "posted_at", "content_sha256", "raw_sha256"]),
    "identifiers": ("identifiers", ["ad_id", "kind", "value", "start", "end", "obfuscated", "detail"]),
    "hits": ("hits", ["ad_id", "indicator", "category", "start", "end", "text", "weight", "language"]),
    "scores": ("scores", ["ad_id", "value", "level", "base", "contributions", "pack_version", "ad_type", "language"]),
    "quarantine": ("quarantine", ["locator", "reason", "excerpt"]),
    "links": ("links", ["a_seq", "b_seq", "type", "value", "weight"]),
    "hubs": ("hubs", ["kind", "value", "ads", "contexts", "reason"]),
    "clusters": ("cluster_members", ["ad_seq", "cluster_id"]),
}


@pytest.fixture(scope="module")
def spark():
    from redflags.pipeline.spark_engine import session

    s = session("local[2]", partitions=4)
    yield s
    s.stop()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("parity") / "ads.jsonl"
    ads = list(generate(N, SEED))
    lines = [json.dumps(a, ensure_ascii=False).encode() for a in ads]
    lines.insert(40, b'{"id": "broken", "text": ')                                  # bad JSON
    lines.insert(90, b'{"id": "bytes", "text": "caf\xe9 au lait"}')               # not UTF-8
    lines.insert(130, b"")                                                         # blank line
    lines.append(lines[10])                                                        # the same record again
    clash = dict(ads[20], text=ads[20]["text"] + " (edited)")
    lines.append(json.dumps(clash, ensure_ascii=False).encode())                   # same id, other content
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


@pytest.fixture(scope="module")
def local_db(corpus) -> Path:
    db = corpus.parent / "local.db"
    with open_store(db) as store:
        ingest(store, [str(corpus)], IngestOptions(workers=2), enrich=partial(analyse_ad, region="US"))
        link_store(store, workers=2)
    return db


@pytest.fixture(scope="module")
def spark_out(corpus, spark):
    from redflags.pipeline.spark_engine import run

    out = corpus.parent / "spark"
    report = run([str(corpus)], out, spark=spark, partitions=4)
    return out, report


def _parquet(folder: Path, columns: list[str]) -> list[tuple]:
    import pyarrow.dataset as ds

    table = ds.dataset(str(folder), format="parquet").to_table(columns=columns).to_pylist()
    return sorted(tuple(r[c] for c in columns) for r in table)


def _sqlite(db: Path, table: str, columns: list[str]) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        names = ", ".join(f'"{c}"' for c in columns)
        return sorted(tuple(r) for r in conn.execute(f"SELECT {names} FROM {table}"))
    finally:
        conn.close()


def test_spark_gives_the_local_engines_answers(local_db, spark_out):
    out, report = spark_out
    for name, (table, columns) in COMPARED.items():
        theirs, ours = _parquet(out / name, columns), _sqlite(local_db, table, columns)
        assert theirs == ours, f"{name}: {len(theirs)} rows from Spark, {len(ours)} from the local engine"
    assert report.ads == N + 2 - 1 - 1 and report.duplicates == 1 and report.quarantined == 3
    assert report.clusters > 50 and report.hubs >= 1 and report.links > 100, report


def test_partitions_are_the_same_sets_of_ads(local_db, spark_out):
    out, _ = spark_out
    groups = lambda rows: sorted(sorted(s for s, c in rows if c == cid) for cid in {c for _, c in rows})  # noqa: E731
    assert groups(_parquet(out / "clusters", ["ad_seq", "cluster_id"])) == \
        groups(_sqlite(local_db, "cluster_members", ["ad_seq", "cluster_id"]))


def test_store_import_loads_the_spark_run_for_the_web_app(local_db, spark_out, tmp_path):
    from redflags.evidence.verify import verify_store
    from redflags.pipeline.parquet_import import import_parquet

    out, _ = spark_out
    db = tmp_path / "imported.db"
    with open_store(db) as store:
        report = import_parquet(store, out)
        assert verify_store(store).ok
    assert report.ads == N
    for name, (table, columns) in COMPARED.items():
        if name == "quarantine":
            continue
        assert _sqlite(db, table, columns) == _sqlite(local_db, table, columns), name
    assert _sqlite(db, "clusters", ["cluster_id", "size", "summary"]) == \
        _sqlite(local_db, "clusters", ["cluster_id", "size", "summary"])


def test_connected_components_equal_union_find(spark):
    from redflags.pipeline.spark_engine import connected_components

    rng = np.random.default_rng(3)
    n = 400
    edges = [(int(a), int(b)) for a, b in rng.integers(0, n, size=(300, 2))]
    edges += [(i, i + 1) for i in range(1000, 1060)]                  # a long chain
    edges += [(2000, j) for j in range(2001, 2050)] + [(7, 7)]        # a star and a self-loop
    df = spark.createDataFrame(edges, "src long, dst long")
    labels, rounds = connected_components(df)
    got = {}
    for r in labels.collect():
        got.setdefault(r["label"], []).append(r["node"])
    nodes = sorted({x for e in edges for x in e})
    index = {v: i for i, v in enumerate(nodes)}
    uf = UnionFind(len(nodes))
    uf.union_pairs(np.array([index[a] for a, _ in edges]), np.array([index[b] for _, b in edges]))
    want = sorted(sorted(nodes[i] for i in g) for g in components(uf.labels()))
    assert sorted(sorted(g) for g in got.values()) == want
    assert all(label == min(g) for label, g in got.items())
    assert rounds < 15


def test_import_redflags_does_not_import_pyspark():
    code = "import sys, redflags, redflags.cli, redflags.pipeline, redflags.api; print('pyspark' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_csv_and_parquet_inputs_give_the_same_ads_as_local_csv_ingest(spark, tmp_path):
    import csv

    import pyarrow as pa
    import pyarrow.parquet as pq

    from redflags.pipeline.spark_engine import run

    ads = list(generate(60, 2))
    fields = ["id", "title", "text", "url", "posted_at", "location"]
    path = tmp_path / "ads.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fields)
        w.writeheader()
        w.writerows({k: a.get(k, "") for k in fields} for a in ads)
    pq.write_table(pa.Table.from_pylist([{k: a.get(k) for k in fields} for a in ads]), tmp_path / "ads.parquet")
    db = tmp_path / "csv.db"
    with open_store(db) as store:
        ingest(store, [str(path)], IngestOptions(workers=1), enrich=partial(analyse_ad, region="US"))
    want = _sqlite(db, "identifiers", ["ad_id", "kind", "value", "start", "end"])
    for name in ("ads.csv", "ads.parquet"):
        out = tmp_path / f"out-{name}"
        report = run([str(tmp_path / name)], out, spark=spark, partitions=2)
        assert report.ads == 60 and report.quarantined == 0, name
        assert _parquet(out / "identifiers", ["ad_id", "kind", "value", "start", "end"]) == want, name
        assert _parquet(out / "ads", ["id", "text"]) == _sqlite(db, "ads", ["id", "text"]), name
