"""Retention removes exactly what is past its period, never what an open case holds, keeps keyed
hashes when configured, logs every purge, and leaves the evidence checks passing."""
from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner

from redflags.cli import main
from redflags.errors import ConfigError, InputError
from redflags.evidence.bundle import case_ad_ids
from redflags.evidence.verify import verify_store
from redflags.privacy.keyed import keyed_hash, pseudonym_key
from redflags.privacy.retention import Policy, apply, forget, load_policy
from redflags.store import open_store
from tests.conftest import build_demo_store

OLD, NOW = "2024-01-10T00:00:00+00:00", datetime(2026, 11, 1, tzinfo=timezone.utc)


@pytest.fixture()
def aged(tmp_path_factory, tmp_path) -> tuple[Path, set[str], set[str], set[str]]:
    """A linked store with images where every third ad was stored in January 2024; an open case holds
    one cluster (and so some old ads), a closed case holds another."""
    base = tmp_path_factory.getbasetemp() / "retention-src.db"
    if not base.exists():
        build_demo_store(base, n=300, seed=4)
    db = tmp_path / "r.db"
    db.write_bytes(base.read_bytes())
    with open_store(db) as store:
        store.execute("UPDATE ads SET stored_at = ? WHERE seq % 3 = 0", (OLD,))
        old = {r[0] for r in store.execute("SELECT id FROM ads WHERE stored_at = ?", (OLD,))}
        clusters = [r[0] for r in store.execute(
            "SELECT m.cluster_id FROM cluster_members m JOIN ads a ON a.seq = m.ad_seq WHERE a.stored_at = ? "
            "GROUP BY m.cluster_id HAVING COUNT(*) >= 2 ORDER BY COUNT(*) DESC LIMIT 2", (OLD,))]
        open_case = store.cases.create("open", "t")
        store.cases.add_item(open_case, "cluster", clusters[0], "t")
        closed = store.cases.create("closed", "t")
        store.cases.add_item(closed, "cluster", clusters[1], "t")
        store.cases.set_status(closed, "closed")
        held = set(case_ad_ids(store, store.cases.get(open_case)))
    return db, old, held, {r for r in old if r not in held}


def _snapshot(db: Path) -> dict[str, dict]:
    with open_store(db) as store:
        ads = {r[0]: {"text": r[1], "title": r[2], "raw": r[3], "images": json.loads(r[4])}
               for r in store.execute("SELECT id, text, title, raw_sha256, images FROM ads")}
        items = {r[0] for r in store.execute("SELECT sha256 FROM evidence_items")}
        img = dict(store.execute("SELECT ref, sha256 FROM image_hashes"))
        for ad_id, a in ads.items():
            a["identifiers"] = {(r[0], r[1]) for r in store.execute(
                "SELECT kind, value FROM identifiers WHERE ad_id = ?", (ad_id,))}
            a["raw_kept"] = a["raw"] in items
            a["image_items"] = {img.get(ref) for ref in a["images"]} - {None}
            a["images_kept"] = a["image_items"] <= items
    return ads


def test_apply_purges_exactly_what_is_due_and_keeps_open_cases(aged):
    db, old, held, due = aged
    before = _snapshot(db)
    assert due and held & old, "some old ads are held by the open case"
    policy = Policy({"raw_text": timedelta(days=365), "images": timedelta(days=365),
                     "identifiers": timedelta(days=365), "audit": None}, keyed_hashes=True)
    with open_store(db) as store:
        report = apply(store, policy, now=NOW, actor="tester")
    assert report.purged == {"raw_text": len(due), "images": len(due), "identifiers": len(due)}
    assert report.held == len(held & old)
    after = _snapshot(db)
    shown_by_kept = {sha for ad_id, a in before.items() if ad_id not in due for sha in a["image_items"]}
    for ad_id, a in after.items():
        b = before[ad_id]
        if ad_id in due:
            assert a["text"] == "" and a["title"] is None and not a["identifiers"], ad_id
            assert not a["raw_kept"] or any(x["raw"] == a["raw"] for i, x in before.items() if i not in due)
        else:  # new ads and everything the open case holds are untouched
            assert a == b, ad_id
    with open_store(db) as store:
        items = {r[0] for r in store.execute("SELECT sha256 FROM evidence_items WHERE kind = 'image'")}
    only_due = {sha for ad_id in due for sha in before[ad_id]["image_items"]} - shown_by_kept
    assert only_due and not (only_due & items), "images only due ads showed are deleted"
    assert shown_by_kept <= items, "images a kept ad also shows stay"
    with open_store(db) as store:
        assert verify_store(store).ok
        deletions = [e for e in store.custody.entries() if e["event"] == "deletion"]
        assert {e["detail"]["kind"] for e in deletions} == {"raw_text", "images", "identifiers"}
        assert all(set(e["detail"]["ad_ids"]) == due for e in deletions)
        key = pseudonym_key(store.path)
        kept = {(r[0], r[1], r[2]) for r in store.execute("SELECT ad_id, kind, keyed FROM identifier_hashes")}
        assert store.execute("SELECT COUNT(*) FROM ads_fts WHERE ads_fts MATCH 'hotel OR waitress OR job'")[0][0] <= \
            len(before) - len(due)
    expected = {(ad_id, k, keyed_hash(key, k, v)) for ad_id in due for k, v in before[ad_id]["identifiers"]
                if k in ("phone", "email", "wallet", "handle")}
    assert kept == expected and expected
    with open_store(db) as store:  # a second run finds nothing more to do
        assert apply(store, policy, now=NOW).purged == {"raw_text": 0, "images": 0, "identifiers": 0}


def test_dry_run_changes_nothing(aged):
    db, _old, _held, due = aged
    before = _snapshot(db)
    r = CliRunner().invoke(main, ["retention", "apply", "--dry-run", "--now", NOW.isoformat(), "--json", "--db", str(db)])
    assert r.exit_code == 0, r.output
    out = json.loads(r.output)
    assert out["purged"] == {"raw_text": len(due), "images": len(due), "identifiers": len(due), "audit": 0}
    assert _snapshot(db) == before


def test_audit_entries_past_their_period_go_and_only_through_retention(aged):
    import sqlite3

    db, *_ = aged
    with open_store(db) as store:
        store.audit.record("search", actor="a", role="analyst")
        n = store.execute("SELECT COUNT(*) FROM audit")[0][0]
    conn = sqlite3.connect(db)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("DELETE FROM audit")
    conn.close()
    policy = Policy({"raw_text": None, "images": None, "identifiers": None, "audit": timedelta(days=30)})
    with open_store(db) as store:
        assert apply(store, policy, now=datetime.now(timezone.utc)).purged == {"audit": 0}
        assert apply(store, policy, now=datetime.now(timezone.utc) + timedelta(days=31)).purged == {"audit": n}
        assert store.execute("SELECT COUNT(*) FROM audit")[0][0] == 0
        assert store.execute("SELECT COUNT(*) FROM purge_permit")[0][0] == 0
        assert store.custody.entries()[-1]["detail"] == {"kind": "audit", "entries": n, "before": store.custody.entries()[-1]["detail"]["before"]}


def test_forget_purges_named_ads_and_refuses_held_ones(aged):
    db, _old, held, _due = aged
    with open_store(db) as store:
        free = store.execute("SELECT id FROM ads WHERE stored_at != ? LIMIT 2", (OLD,))
        ids = [r[0] for r in free]
        forget(store, ids, actor="dpo", reason="request 2026-17")
        for ad_id in ids:
            ad = store.get_ad(ad_id)
            assert ad.text == "" and not store.identifiers_for(ad_id)
        assert store.custody.entries()[-1]["detail"]["reason"] == "request 2026-17"
        with pytest.raises(InputError, match="open case"):
            forget(store, [sorted(held)[0]])


def test_policy_errors_name_the_problem(tmp_path):
    bad = tmp_path / "p.toml"
    bad.write_text('[periods]\nraw_text = "a year"\n')
    with pytest.raises(ConfigError, match="raw_text"):
        load_policy(bad)
    bad.write_text('[periods]\nphotos = "30d"\n')
    with pytest.raises(ConfigError, match="photos"):
        load_policy(bad)
    default = load_policy()
    assert default.periods["raw_text"].days == 365 and default.keyed_hashes
