"""Hash lists: two stores built from overlapping data find exactly the identifiers they share, through
keyed hashes only; PDQ image hashes match; lists under another key are refused; no raw value is in a list."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from redflags.cli import main
from redflags.demo import generate
from redflags.privacy.hash_lists import SHARED_KINDS, build_list, import_list, match
from redflags.privacy.keyed import keyed_hash, write_new_key
from redflags.store import open_store
from tests.conftest import build_demo_store

N, SEED = 600, 9


@pytest.fixture(scope="module")
def two_stores(tmp_path_factory) -> tuple[Path, Path, Path]:
    """Store A holds demo ads 0–399, store B ads 250–599 of the same corpus (150 in common)."""
    base = tmp_path_factory.mktemp("share")
    ids = [ad["id"] for ad in generate(N, SEED)]
    a = build_demo_store(base / "a.db", N, SEED, images=True, ids=set(ids[:400]))
    b = build_demo_store(base / "b.db", N, SEED, images=True, ids=set(ids[250:]))
    key = base / "shared.key"
    write_new_key(key)
    return a, b, key


def _identifiers(db: Path) -> set[tuple[str, str]]:
    kinds = ",".join(f"'{k}'" for k in SHARED_KINDS)
    with open_store(db) as store:
        return {(k, v) for k, v in store.execute(f"SELECT kind, value FROM identifiers WHERE kind IN ({kinds})")}


def _pdqs(db: Path) -> set[str]:
    with open_store(db) as store:
        return {bytes(r[0]).hex() for r in store.execute(
            "SELECT h.pdq FROM ads a, json_each(a.images) j JOIN image_hashes h ON h.ref = j.value WHERE h.pdq IS NOT NULL")}


def test_round_trip_finds_exactly_the_shared_identifiers(two_stores, tmp_path):
    a, b, key_file = two_stores
    out = tmp_path / "a-list.json"
    r = CliRunner().invoke(main, ["share", "export", "--all", "--key", str(key_file), "--out", str(out),
                                  "--source", "NGO A", "--db", str(a)])
    assert r.exit_code == 0, r.output
    r = CliRunner().invoke(main, ["share", "import", str(out), "--partner", "NGO A", "--key", str(key_file),
                                  "--db", str(b)])
    assert r.exit_code == 0, r.output
    r = CliRunner().invoke(main, ["share", "match", "--key", str(key_file), "--json", "--db", str(b)])
    assert r.exit_code == 0, r.output
    rows = json.loads(r.output)

    key = bytes.fromhex(key_file.read_text().strip())
    shared = _identifiers(a) & _identifiers(b)
    assert 50 < len(shared) < len(_identifiers(b)), "the overlap is partial"
    expected = {(k, keyed_hash(key, k, v)) for k, v in shared}
    got = {(row["kind"], row["hash"]) for row in rows if row["kind"] != "pdq"}
    assert got == expected
    # every local ad holding a shared identifier is reported with it
    with open_store(b) as store:
        for row in rows:
            if row["kind"] == "pdq":
                continue
            value = next(v for k, v in shared if k == row["kind"] and keyed_hash(key, k, v) == row["hash"])
            holders = {x[0] for x in store.execute("SELECT ad_id FROM identifiers WHERE kind = ? AND value = ?",
                                                   (row["kind"], value))}
            assert set(row["ads"]) == holders and row["partner"] == "NGO A"
    pdq_found = {row["hash"] for row in rows if row["kind"] == "pdq"}
    exact = _pdqs(a) & _pdqs(b)
    assert exact and exact <= pdq_found


def test_a_list_holds_no_raw_identifier_and_no_text(two_stores):
    a, _b, key_file = two_stores
    key = bytes.fromhex(key_file.read_text().strip())
    with open_store(a) as store:
        ids = [r[0] for r in store.execute("SELECT id FROM ads")]
        doc = build_list(store, key, ids)
        texts = [r[0] for r in store.execute("SELECT text FROM ads LIMIT 50")]
    blob = json.dumps(doc)
    raw = {v for _k, v in _identifiers(a)} | {v.split(":", 1)[1] for k, v in _identifiers(a) if k in ("handle", "wallet")}
    assert [v for v in raw if v in blob] == []
    assert not any(t[:40] in blob for t in texts)
    assert set(doc["entries"][0]) == {"kind", "hash", "categories", "first_seen", "last_seen"}


def test_list_under_another_key_is_refused_and_matches_nothing(two_stores, tmp_path):
    from redflags.errors import InputError

    a, b, key_file = two_stores
    other = tmp_path / "other.key"
    other_key = write_new_key(other)
    with open_store(a) as store:
        doc = build_list(store, other_key, [r[0] for r in store.execute("SELECT id FROM ads LIMIT 100")])
    data = json.dumps(doc).encode()
    key = bytes.fromhex(key_file.read_text().strip())
    with open_store(b) as store:
        with pytest.raises(InputError, match="not the shared key"):
            import_list(store, data, "NGO C", key)
        import_list(store, data, "NGO C")  # kept without a key check, but only matched under its own key
        assert all(row["partner"] != "NGO C" for row in match(store, key))
        assert any(row["partner"] == "NGO C" for row in match(store, other_key, "NGO C"))
        with pytest.raises(InputError, match="already imported"):
            import_list(store, data, "NGO C")


def test_broken_list_is_refused_with_the_entry_named(two_stores):
    from redflags.errors import InputError

    _a, b, _k = two_stores
    bad = {"format": "redflags-hash-list/1", "entries": [{"kind": "phone", "hash": "ab" * 32},
                                                         {"kind": "phone", "hash": "+15551234567"}]}
    with open_store(b) as store, pytest.raises(InputError, match="entry 2"):
        import_list(store, json.dumps(bad).encode(), "X")
