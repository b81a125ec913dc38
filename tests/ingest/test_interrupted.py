"""Kill a real ingest subprocess mid-run, run it again, and compare with one uninterrupted run."""
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from tests.conftest import sample_records, write_jsonl

pytestmark = pytest.mark.slow

N = 6_000
TABLES = {"ads": "SELECT * FROM ads ORDER BY seq",
          "identifiers": 'SELECT * FROM identifiers ORDER BY ad_id, kind, value, start',
          "hits": 'SELECT * FROM hits ORDER BY ad_id, indicator, start',
          "scores": "SELECT * FROM scores ORDER BY ad_id",
          "quarantine": "SELECT * FROM quarantine ORDER BY seq"}


def _ingest_cmd(db, path):
    return [sys.executable, "-m", "redflags", "ingest", str(path), "--db", str(db), "--no-progress"]


def _env():
    return {**os.environ, "REDFLAGS_BATCH_SIZE": "100"}


def _dump(db):
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("INSERT INTO ads_fts(ads_fts) VALUES ('integrity-check')") is not None
        out = {}
        for name, sql in TABLES.items():
            cur = conn.execute(sql)
            keep = [i for i, d in enumerate(cur.description) if d[0] != "stored_at"]  # when, not what
            out[name] = [tuple(row[i] for i in keep) for row in cur.fetchall()]
        return out
    finally:
        conn.close()


def _count(db):
    try:
        conn = sqlite3.connect(db, timeout=1)
        try:
            return conn.execute("SELECT COUNT(*) FROM ads").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.OperationalError:
        return 0


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("interrupt")
    bad = {i: b'{"broken json line ' + str(i).encode() for i in range(100, N, 197)}
    path = write_jsonl(tmp / "ads.jsonl", sample_records(N, seed=5), bad=bad)
    reference = tmp / "reference.db"
    subprocess.run(_ingest_cmd(reference, path), check=True, env=_env(), capture_output=True)
    return path, _dump(reference)


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_interrupted_ingest_rerun_equals_uninterrupted(corpus, tmp_path, sig):
    path, reference = corpus
    assert len(reference["ads"]) == N and len(reference["quarantine"]) >= 30
    db = tmp_path / "interrupted.db"
    proc = subprocess.Popen(_ingest_cmd(db, path), env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while _count(db) < N // 4 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.02)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode != 0, "ingest finished before it could be interrupted; make the corpus larger"
    partial = _count(db)
    assert 0 < partial < N
    if sig == signal.SIGINT:
        assert b"run the same command again" in err
    rerun = subprocess.run(_ingest_cmd(db, path), env=_env(), capture_output=True, text=True, check=True)
    assert f"{N - partial} ingested, {partial} duplicates" in rerun.stdout
    assert _dump(db) == reference
