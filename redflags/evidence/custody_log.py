"""The custody log: append-only, each entry hash-chained to the one before, the newest hash signed.

entry_hash = SHA-256(prev_hash || canonical JSON of {seq, at, event, actor, target, detail}); the head row
holds an Ed25519 signature over "redflags-custody-head:{seq}:{entry_hash}". Changing, removing or
reordering any entry breaks the chain; replacing the whole chain needs the private key.
"""
from __future__ import annotations

import sqlite3
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, ContextManager

import orjson

from redflags.evidence import keys
# One definition of the hashed bytes, shared with the standalone bundle verifier.
from redflags.evidence.bundle_verify import GENESIS, _canonical as canonical, _entry_hash as entry_hash


def head_message(seq: int, digest: str) -> bytes:
    return f"redflags-custody-head:{seq}:{digest}".encode()


class CustodyLog:
    """Append events and read them back; signing uses the key file next to the store."""

    def __init__(self, conn: sqlite3.Connection, transaction: Callable[[], ContextManager], key_path: Path) -> None:
        self.conn = conn
        self.transaction = transaction
        self.key_path = key_path

    def append(self, event: str, *, actor: str | None = None, target: str | None = None,
               detail: dict[str, Any] | None = None) -> int:
        """Add one event and re-sign the head; returns its sequence number."""
        key = keys.load_or_create(self.key_path)
        with self.transaction() as c:
            row = c.execute("SELECT seq, entry_hash FROM custody_log ORDER BY seq DESC LIMIT 1").fetchone()
            seq, prev = (row[0] + 1, row[1]) if row else (1, GENESIS)
            at = datetime.now(timezone.utc).isoformat(timespec="milliseconds")
            entry = {"seq": seq, "at": at, "event": event, "actor": actor, "target": target, "detail": detail or {}}
            digest = entry_hash(prev, entry)
            c.execute("INSERT INTO custody_log(seq, at, event, actor, target, detail, prev_hash, entry_hash) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                      (seq, at, event, actor, target, canonical(detail or {}).decode(), prev, digest))
            c.execute("INSERT OR REPLACE INTO custody_head(id, seq, entry_hash, signature, public_key, signed_at) "
                      "VALUES (1, ?, ?, ?, ?, ?)",
                      (seq, digest, key.sign(head_message(seq, digest)).hex(), keys.public_hex(key), at))
        return seq

    def entries(self, since: int = 0) -> list[dict[str, Any]]:
        rows = self.conn.execute("SELECT seq, at, event, actor, target, detail, prev_hash, entry_hash FROM custody_log "
                                 "WHERE seq > ? ORDER BY seq", (since,)).fetchall()
        return [{"seq": r[0], "at": r[1], "event": r[2], "actor": r[3], "target": r[4],
                 "detail": orjson.loads(r[5]), "prev_hash": r[6], "entry_hash": r[7]} for r in rows]

    def head(self) -> dict[str, Any] | None:
        r = self.conn.execute("SELECT seq, entry_hash, signature, public_key, signed_at FROM custody_head").fetchone()
        return dict(zip(("seq", "entry_hash", "signature", "public_key", "signed_at"), r)) if r else None


def check_chain(entries: list[dict[str, Any]], head: dict[str, Any] | None,
                trusted_public_key: str | None = None) -> list[str]:
    """Problems with a custody chain (empty when it verifies): broken links, altered entries, a head that
    does not match the last entry, a bad signature, or a signing key other than `trusted_public_key`."""
    problems: list[str] = []
    prev = GENESIS
    for n, e in enumerate(entries, 1):
        if e["seq"] != n:
            problems.append(f"entry {e['seq']}: expected sequence number {n} (entries missing or reordered)")
        if e["prev_hash"] != prev:
            problems.append(f"entry {e['seq']}: does not link to the entry before it")
        body = {k: e[k] for k in ("seq", "at", "event", "actor", "target", "detail")}
        if entry_hash(e["prev_hash"], body) != e["entry_hash"]:
            problems.append(f"entry {e['seq']}: content does not match its hash (altered)")
        prev = e["entry_hash"]
    if entries:
        if head is None:
            problems.append("no signed head")
        else:
            last = entries[-1]
            if (head["seq"], head["entry_hash"]) != (last["seq"], last["entry_hash"]):
                problems.append(f"signed head is entry {head['seq']}, the log ends at entry {last['seq']}")
            if not keys.verify(head["public_key"], head["signature"], head_message(head["seq"], head["entry_hash"])):
                problems.append("head signature does not verify")
            if trusted_public_key and head["public_key"] != trusted_public_key:
                problems.append("head was signed by a different key than this installation's")
    return problems
