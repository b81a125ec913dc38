"""Pseudonymised hash lists shared between organisations.

A list holds, for the identifiers of chosen ads (phones, e-mails, wallets, handles), HMAC-SHA-256 of
"kind:value" under a key the partners share, plus PDQ image hashes as they are (already one-way), each
with the indicator categories and the first and last dates seen — never text. A partner who imports
the list matches it against their own data by hashing their identifiers under the same key: neither
side sees the other's raw identifiers. Anyone holding the key can test guesses (phone numbers are few
enough to try), so the key must stay among the partners (`keyed.py`).
"""
from __future__ import annotations

import hashlib
from collections import defaultdict
from datetime import datetime, timezone
from typing import Any, Iterable

import orjson

from redflags.errors import InputError
from redflags.privacy.keyed import key_id, keyed_hash
from redflags.store import Store

FORMAT = "redflags-hash-list/1"
SHARED_KINDS = ("phone", "email", "wallet", "handle")
PDQ_MAX_DISTANCE = 31  # the PDQ authors' match threshold (bits of 256)


def _day(ts: str | None) -> str | None:
    return ts[:10] if ts else None


def _chunks(items: list[str], size: int = 500) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def build_list(store: Store, key: bytes, ad_ids: list[str], *, source: str | None = None) -> dict[str, Any]:
    """The hash list for `ad_ids`: one entry per distinct identifier or image hash."""
    entries: dict[tuple[str, str], dict[str, Any]] = {}

    def add(kind: str, digest: str, categories: set[str], posted: str | None) -> None:
        e = entries.setdefault((kind, digest), {"kind": kind, "hash": digest, "categories": set(),
                                                "first_seen": None, "last_seen": None})
        e["categories"] |= categories
        day = _day(posted)
        if day:
            e["first_seen"] = min(filter(None, (e["first_seen"], day)))
            e["last_seen"] = max(filter(None, (e["last_seen"], day)))

    for chunk in _chunks(ad_ids):
        marks = ",".join("?" * len(chunk))
        cats: dict[str, set[str]] = defaultdict(set)
        for ad_id, category in store.execute(f"SELECT DISTINCT ad_id, category FROM hits WHERE ad_id IN ({marks})", chunk):
            cats[ad_id].add(category)
        posted = dict(store.execute(f"SELECT id, posted_at FROM ads WHERE id IN ({marks})", chunk))
        kinds = ",".join(f"'{k}'" for k in SHARED_KINDS)
        for ad_id, kind, value in store.execute(
                f"SELECT DISTINCT ad_id, kind, value FROM identifiers WHERE ad_id IN ({marks}) AND kind IN ({kinds})", chunk):
            add(kind, keyed_hash(key, kind, value), cats[ad_id], posted.get(ad_id))
        for ad_id, pdq in store.execute(
                f"SELECT a.id, h.pdq FROM ads a, json_each(a.images) j JOIN image_hashes h ON h.ref = j.value "
                f"WHERE a.id IN ({marks}) AND h.pdq IS NOT NULL", chunk):
            add("pdq", bytes(pdq).hex(), cats[ad_id], posted.get(ad_id))
    rows = sorted(entries.values(), key=lambda e: (e["kind"], e["hash"]))
    for e in rows:
        e["categories"] = sorted(e["categories"])
    return {"format": FORMAT, "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "source": source, "key_id": key_id(key), "ads": len(ad_ids), "entries": rows}


def parse_list(data: bytes, name: str = "hash list") -> dict[str, Any]:
    """A hash list read back, every entry checked; a clear error naming the entry otherwise."""
    try:
        doc = orjson.loads(data)
    except orjson.JSONDecodeError as e:
        raise InputError(f"{name}: not JSON ({e})") from e
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise InputError(f"{name}: not a Redflags hash list (format {FORMAT})")
    for n, e in enumerate(doc.get("entries", []), 1):
        if not isinstance(e, dict) or e.get("kind") not in (*SHARED_KINDS, "pdq"):
            raise InputError(f"{name}: entry {n} has no known kind")
        want = 64
        h = e.get("hash")
        if not isinstance(h, str) or len(h) != want or any(c not in "0123456789abcdef" for c in h):
            raise InputError(f"{name}: entry {n} hash is not {want} lower-case hex digits")
    return doc


def import_list(store: Store, data: bytes, partner: str, key: bytes | None = None, name: str = "hash list") -> int:
    """Store a partner's list; returns its number. With `key`, refuse a list made under another key."""
    doc = parse_list(data, name)
    if key is not None and doc.get("key_id") != key_id(key):
        raise InputError(f"{name}: made with key {doc.get('key_id')}, not the shared key given ({key_id(key)})")
    digest = hashlib.sha256(data).hexdigest()
    if store.execute("SELECT 1 FROM shared_lists WHERE file_sha256 = ?", (digest,)):
        raise InputError(f"{name}: this list was already imported")
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    with store.transaction() as c:
        cur = c.execute("INSERT INTO shared_lists(partner, file_sha256, key_id, created_at, imported_at, entries) "
                        "VALUES (?, ?, ?, ?, ?, ?)", (partner, digest, doc.get("key_id", ""), doc.get("created_at"), now,
                                                      len(doc["entries"])))
        list_id = cur.lastrowid
        c.executemany("INSERT OR IGNORE INTO shared_entries(list_id, kind, hash, categories, first_seen, last_seen) "
                      "VALUES (?, ?, ?, ?, ?, ?)",
                      [(list_id, e["kind"], e["hash"], orjson.dumps(e.get("categories", [])).decode(),
                        e.get("first_seen"), e.get("last_seen")) for e in doc["entries"]])
    store.custody.append("import", target=f"hash_list:{list_id}",
                         detail={"partner": partner, "file_sha256": digest, "entries": len(doc["entries"])})
    return list_id


def match(store: Store, key: bytes, partner: str | None = None) -> list[dict[str, Any]]:
    """Local ads whose identifiers or images are on an imported list: one row per matched list entry,
    with the local ads and clusters, the partner and what the partner says of it."""
    where, args = ("WHERE l.partner = ?", (partner,)) if partner else ("", ())
    lists = store.execute(f"SELECT l.id, l.partner, l.key_id FROM shared_lists l {where}", args)
    ours = key_id(key)
    usable = {r[0]: r[1] for r in lists if r[2] == ours}
    if not usable:
        return []
    ids = ",".join(str(i) for i in usable)
    # Hash every local identifier of the shared kinds once and look the hashes up.
    local: dict[tuple[str, str], set[str]] = defaultdict(set)
    kinds = ",".join(f"'{k}'" for k in SHARED_KINDS)
    for ad_id, kind, value in store.execute(f"SELECT DISTINCT ad_id, kind, value FROM identifiers WHERE kind IN ({kinds})"):
        local[(kind, keyed_hash(key, kind, value))].add(ad_id)
    for ad_id, kind, keyed in store.execute(f"SELECT ad_id, kind, keyed FROM identifier_hashes WHERE kind IN ({kinds})"):
        local[(kind, keyed)].add(ad_id)  # identifiers purged by retention, kept as keyed hashes
    found: dict[tuple[int, str, str], set[str]] = defaultdict(set)
    for list_id, kind, digest in store.execute(f"SELECT list_id, kind, hash FROM shared_entries WHERE list_id IN ({ids}) "
                                               f"AND kind != 'pdq'"):
        if (kind, digest) in local:
            found[(list_id, kind, digest)] |= local[(kind, digest)]
    found.update(_pdq_matches(store, ids))
    return _describe(store, found, usable)


def _pdq_matches(store: Store, list_ids: str) -> dict[tuple[int, str, str], set[str]]:
    from redflags.link.images import HammingIndex, as_matrix

    theirs = store.execute(f"SELECT list_id, hash FROM shared_entries WHERE list_id IN ({list_ids}) AND kind = 'pdq'")
    mine = store.execute("SELECT a.id, h.pdq FROM ads a, json_each(a.images) j JOIN image_hashes h ON h.ref = j.value "
                         "WHERE h.pdq IS NOT NULL")
    if not theirs or not mine:
        return {}
    index = HammingIndex(as_matrix([bytes(r[1]) for r in mine]))
    queries = as_matrix([bytes.fromhex(r[1]) for r in theirs])
    q, rows, _dist = index.query(queries, PDQ_MAX_DISTANCE, radius=1)
    found: dict[tuple[int, str, str], set[str]] = defaultdict(set)
    for qi, ri in zip(q.tolist(), rows.tolist()):
        found[(theirs[qi][0], "pdq", theirs[qi][1])].add(mine[ri][0])
    return found


def _describe(store: Store, found, partners: dict[int, str]) -> list[dict[str, Any]]:
    out = []
    for (list_id, kind, digest), ad_ids in sorted(found.items()):
        row = store.execute("SELECT categories, first_seen, last_seen FROM shared_entries WHERE list_id = ? AND "
                            "kind = ? AND hash = ?", (list_id, kind, digest))[0]
        ads = sorted(ad_ids)
        clusters = sorted({c for c in (store.ad_queries.cluster_of(a) for a in ads) if c})
        out.append({"partner": partners[list_id], "list": list_id, "kind": kind, "hash": digest,
                    "partner_categories": orjson.loads(row[0]), "partner_first_seen": row[1],
                    "partner_last_seen": row[2], "ads": ads, "clusters": clusters})
    return out
