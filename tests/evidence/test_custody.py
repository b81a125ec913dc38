"""Evidence: raw items kept as received, the hash-chained custody log, its signed head, and tamper detection."""
from __future__ import annotations

import hashlib
import json
import sqlite3

import pytest
from click.testing import CliRunner

from redflags.cli import main
from redflags.evidence.verify import verify_store
from redflags.ingest import IngestOptions, ingest
from redflags.store import open_store

LINES = [{"id": "e1", "text": "Waitress wanted abroad, pay 300 USD fee, call +44 7911 123456"},
         {"id": "e2", "text": "Cook wanted in Leeds, licensed agency, no fees"}]


@pytest.fixture()
def db(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_bytes(b"".join(json.dumps(x).encode() + b"\n" for x in LINES))
    path = tmp_path / "ev.db"
    with open_store(path) as store:
        ingest(store, [str(src)], IngestOptions(workers=1, actor="tester"))
        store.custody.append("view", actor="tester", target="e1")
    return path


def _raw(db, ad_id):
    with open_store(db) as store:
        ad = store.get_ad(ad_id)
        return ad.raw_sha256, store.evidence_item(ad.raw_sha256)


def test_each_record_is_kept_as_received_and_addressed_by_its_hash(db):
    sha, data = _raw(db, "e1")
    assert data == json.dumps(LINES[0]).encode()
    assert hashlib.sha256(data).hexdigest() == sha


def test_untouched_store_verifies(db):
    with open_store(db) as store:
        report = verify_store(store)
        entries = store.custody.entries()
    assert report.ok, report.problems
    assert report.items == 2 and [e["event"] for e in entries] == ["import", "view"]
    assert entries[0]["actor"] == "tester" and entries[0]["detail"]["file_sha256"]
    r = CliRunner().invoke(main, ["evidence", "verify", "--db", str(db)])
    assert r.exit_code == 0 and "OK: 2 custody entries, 2 raw items" in r.output


def test_log_is_append_only_inside_the_store(db):
    conn = sqlite3.connect(db)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("UPDATE custody_log SET actor = 'x'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("DELETE FROM custody_log")


def _attacker(db) -> sqlite3.Connection:
    """Someone with the file who drops the triggers first."""
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("DROP TRIGGER custody_no_update")
    conn.execute("DROP TRIGGER custody_no_delete")
    return conn


@pytest.mark.parametrize("tamper,expect", [
    ("UPDATE custody_log SET actor = 'someone else' WHERE seq = 1", "entry 1: content does not match"),
    ("UPDATE custody_log SET detail = '{\"x\": 1}' WHERE seq = 2", "entry 2: content does not match"),
    ("DELETE FROM custody_log WHERE seq = 2", "signed head is entry 2, the log ends at entry 1"),
    ("DELETE FROM custody_log WHERE seq = 1", "entry 2: expected sequence number 1"),
    # two hex digits of the signature changed to something they were not (a fixed '00' was a no-op 1 time in 256)
    ("UPDATE custody_head SET signature = substr(signature, 1, 10) || "
     "CASE substr(signature, 11, 2) WHEN '00' THEN 'ff' ELSE '00' END || substr(signature, 13)",
     "head signature does not verify"),
])
def test_any_change_to_the_log_is_detected(db, tamper, expect):
    _attacker(db).execute(tamper)
    with open_store(db) as store:
        report = verify_store(store)
    assert not report.ok and any(expect in p for p in report.problems), report.problems
    r = CliRunner().invoke(main, ["evidence", "verify", "--db", str(db)])
    assert r.exit_code == 1 and "FAIL" in r.output


def test_a_rewritten_chain_signed_with_another_key_is_detected(db, tmp_path):
    """Recomputing every hash is not enough: the head must be signed by this installation's key."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from redflags.evidence import keys
    from redflags.evidence.custody_log import entry_hash, head_message

    conn = _attacker(db)
    rows = conn.execute("SELECT seq, at, event, actor, target, detail FROM custody_log ORDER BY seq").fetchall()
    prev = "0" * 64
    for seq, at, event, _actor, target, detail in rows:
        body = {"seq": seq, "at": at, "event": event, "actor": "forger", "target": target, "detail": json.loads(detail)}
        digest = entry_hash(prev, body)
        conn.execute("UPDATE custody_log SET actor = 'forger', prev_hash = ?, entry_hash = ? WHERE seq = ?",
                     (prev, digest, seq))
        prev = digest
    other = Ed25519PrivateKey.generate()
    conn.execute("UPDATE custody_head SET entry_hash = ?, signature = ?, public_key = ?",
                 (prev, other.sign(head_message(len(rows), prev)).hex(), keys.public_hex(other)))
    with open_store(db) as store:
        report = verify_store(store)
    assert report.problems == ["head was signed by a different key than this installation's"]


def test_an_altered_raw_item_is_detected(db):
    sha, _ = _raw(db, "e2")
    sqlite3.connect(db, isolation_level=None).execute(
        "UPDATE evidence_items SET data = CAST('{\"id\": \"e2\", \"text\": \"changed\"}' AS BLOB) WHERE sha256 = ?", (sha,))
    with open_store(db) as store:
        report = verify_store(store)
    assert any("content does not match its SHA-256" in p for p in report.problems)


def test_key_file_is_private(db):
    from redflags.evidence.keys import key_path_for
    assert key_path_for(db).stat().st_mode & 0o077 == 0


def test_bad_records_are_kept_as_received_and_images_are_evidence_too(tmp_path):
    from tests.conftest import build_demo_store

    src = tmp_path / "bad.jsonl"
    src.write_bytes(b'{"id": "ok1", "text": "Cook wanted, no fees"}\n{"id": "broken", "text": \n{"id": "e"}\n')
    db = build_demo_store(tmp_path / "img.db", n=60, seed=2)
    with open_store(db) as store:
        ingest(store, [str(src)], IngestOptions(workers=1))
        q = {r[0]: r[1] for r in store.execute("SELECT locator, raw_sha256 FROM quarantine WHERE file = ?", (str(src),))}
        assert store.evidence_item(q["line 2"]) == b'{"id": "broken", "text":'
        assert store.evidence_item(q["line 3"]) == b'{"id": "e"}'  # no text: not an ad, but kept
        images = store.execute("SELECT sha256, data FROM evidence_items WHERE kind = 'image'")
        assert images and all(hashlib.sha256(bytes(d)).hexdigest() == s for s, d in images)
        assert [e["event"] for e in store.custody.entries()].count("capture") == 1
        victim = images[0][0]
    assert verify_store(open_store(db)).ok
    conn = sqlite3.connect(db)
    conn.execute("UPDATE evidence_items SET data = CAST(? AS BLOB) WHERE sha256 = ?", (b"\x89PNG altered", victim))
    conn.commit()
    conn.close()
    with open_store(db) as store:
        report = verify_store(store)
    assert not report.ok and any(victim[:16] in p for p in report.problems)
