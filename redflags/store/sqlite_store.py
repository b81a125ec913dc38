"""The embedded store: one SQLite file in WAL mode, with FTS5 over ad titles and texts."""
from __future__ import annotations

import hashlib
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import ContextManager, TYPE_CHECKING, Any, Iterable, Iterator, Sequence

import orjson

from redflags.errors import NotFound, StoreError
from redflags.model import Ad, Analysis, Contribution, Hit, Identifier, Origin, Quarantined, Score
from redflags.pipeline.rows import AD_COLUMNS, ad_from_row, ad_row, hit_rows, identifier_rows, score_rows
from redflags.store.migrations import migrate

if TYPE_CHECKING:
    from redflags.evidence.custody_log import CustodyLog
    from redflags.store.accounts import Accounts
    from redflags.store.ad_queries import AdQueries
    from redflags.store.audit_log import AuditLog
    from redflags.store.cases import Cases
    from redflags.store.link_tables import LinkTables

_AD_COLUMNS = (*AD_COLUMNS, "stored_at")
_INSERT_AD = f"INSERT OR IGNORE INTO ads({', '.join(_AD_COLUMNS)}) VALUES ({', '.join('?' * len(_AD_COLUMNS))})"
_INSERT_IDENTIFIER = ('INSERT OR IGNORE INTO identifiers(ad_id, kind, value, start, "end", obfuscated, detail) '
                      "VALUES (?, ?, ?, ?, ?, ?, ?)")
_INSERT_HIT = ('INSERT OR REPLACE INTO hits(ad_id, indicator, category, start, "end", text, weight, language) '
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
_UPSERT_SCORE = ("INSERT OR REPLACE INTO scores(ad_id, value, level, base, contributions, pack_version, ad_type, "
                 "language) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
_INSERT_EVIDENCE = ("INSERT OR IGNORE INTO evidence_items(sha256, size, data, first_seen, kind) "
                    "VALUES (?, ?, ?, ?, ?)")
_INSERT_QUARANTINE = ("INSERT OR IGNORE INTO quarantine(file, file_sha256, locator, reason, excerpt, stored_at, "
                      "raw_sha256) VALUES (?, ?, ?, ?, ?, ?, ?)")


@dataclass(slots=True)
class BatchResult:
    """What one committed batch did to the store."""

    inserted: int = 0
    duplicates: int = 0
    quarantined: list[Quarantined] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class StoredQuarantine:
    seq: int
    file: str
    file_sha256: str
    locator: str
    reason: str
    excerpt: str


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _ad_row(ad: Ad, stored_at: str) -> tuple:
    return (*ad_row(ad), stored_at)


def _row_ad(row: sqlite3.Row) -> Ad:
    return ad_from_row(row)


class SQLiteStore:
    """All reads and writes of the embedded store go through here, so another backend can follow."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self._conn.row_factory = sqlite3.Row
            for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "foreign_keys=ON", "busy_timeout=10000",
                           "temp_store=MEMORY", "cache_size=-16384"):
                self._conn.execute(f"PRAGMA {pragma}")
            self.schema_version = migrate(self._conn)
        except sqlite3.DatabaseError as e:
            raise StoreError(f"cannot open store {self.path}: {e}") from e

    # -- lifecycle -------------------------------------------------------------------------------
    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> "SQLiteStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writes ----------------------------------------------------------------------------------
    def write_batch(self, ads: Sequence[tuple[Ad, Analysis, Origin]],
                    quarantined: Sequence[Quarantined] = ()) -> BatchResult:
        """Store a batch of ads with what the pipeline found in them, and quarantine entries, in one transaction.

        An id already stored with the same content is a duplicate; with different content the newcomer
        is quarantined (the first capture is kept as evidence). Either way nothing stored is changed.
        """
        result = BatchResult()
        with self._transaction() as conn:
            known = self._known_contents([ad.id for ad, _, _ in ads])
            new: list[tuple[Ad, Analysis]] = []
            new_ids: set[str] = set()
            for ad, analysis, origin in ads:
                prior = known.get(ad.id)
                if prior is None:
                    known[ad.id] = ad.content_sha256
                    new.append((ad, analysis))
                    new_ids.add(ad.id)
                elif prior == ad.content_sha256:
                    result.duplicates += 1
                else:
                    result.quarantined.append(Quarantined(
                        origin, f"ad id {ad.id!r} is already stored with different content; first capture kept",
                        ad.text[:200]))
            now = _now()
            conn.executemany(_INSERT_AD, [_ad_row(ad, now) for ad, _ in new])
            conn.executemany(_INSERT_EVIDENCE, [
                (ad.raw_sha256, len(origin.raw), origin.raw, now, "record") for ad, _a, origin in ads
                if origin.raw is not None and ad.raw_sha256 and ad.id in new_ids])
            self._write_analyses(new)
            result.quarantined[:0] = quarantined
            rows = []
            for q in result.quarantined:  # the bad record as received is evidence too, when there is one
                raw = q.origin.raw
                sha = hashlib.sha256(raw).hexdigest() if raw is not None else None
                if sha:
                    conn.execute(_INSERT_EVIDENCE, (sha, len(raw), raw, now, "record"))
                rows.append((q.origin.file, q.origin.file_sha256, q.origin.locator, q.reason, q.excerpt, now, sha))
            conn.executemany(_INSERT_QUARANTINE, rows)
        result.inserted = len(new)
        return result

    def _write_analyses(self, items: Sequence[tuple[Ad, Analysis]]) -> None:
        conn = self._conn
        conn.executemany(_INSERT_IDENTIFIER, [r for ad, a in items for r in identifier_rows(ad, a)])
        conn.executemany(_INSERT_HIT, [r for ad, a in items for r in hit_rows(ad, a)])
        conn.executemany(_UPSERT_SCORE, [r for ad, a in items for r in score_rows(ad, a)])

    def replace_analyses(self, items: Sequence[tuple[Ad, Analysis]]) -> None:
        """Swap the stored hits and scores of these ads for new ones (re-scoring), in one transaction."""
        with self._transaction() as conn:
            ids = [(ad.id,) for ad, _ in items]
            conn.executemany("DELETE FROM hits WHERE ad_id = ?", ids)
            conn.executemany("DELETE FROM scores WHERE ad_id = ?", ids)
            self._write_analyses([(ad, Analysis(hits=a.hits, score=a.score, ad_type=a.ad_type, language=a.language))
                                  for ad, a in items])

    def transaction(self) -> "ContextManager[sqlite3.Connection]":
        """A write transaction for modules that own their tables (privacy, evidence): committed whole or not at all."""
        return self._transaction()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: committed whole, or rolled back on any error or interrupt. Inside an
        open transaction it joins it (the outer one commits or rolls back everything)."""
        conn = self._conn
        if conn.in_transaction:
            yield conn
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:  # an interrupt can land after COMMIT already finished
                conn.execute("ROLLBACK")
            raise

    def _known_contents(self, ids: list[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            sql = f"SELECT id, content_sha256 FROM ads WHERE id IN ({','.join('?' * len(chunk))})"
            found.update(self._conn.execute(sql, chunk).fetchall())
        return found

    def start_run(self, inputs: list[dict[str, Any]]) -> int:
        cur = self._conn.execute("INSERT INTO ingest_runs(started_at, inputs, status) VALUES (?, ?, 'running')",
                                 (_now(), orjson.dumps(inputs).decode()))
        return int(cur.lastrowid)

    def finish_run(self, run_id: int, ingested: int, duplicates: int, quarantined: int, status: str = "done") -> None:
        self._conn.execute("UPDATE ingest_runs SET finished_at=?, ingested=?, duplicates=?, quarantined=?, status=? "
                           "WHERE seq=?", (_now(), ingested, duplicates, quarantined, status, run_id))

    # -- reads -----------------------------------------------------------------------------------
    def get_ad(self, ad_id: str) -> Ad:
        row = self._conn.execute("SELECT * FROM ads WHERE id = ?", (ad_id,)).fetchone()
        if row is None:
            raise NotFound(f"no ad with id {ad_id!r}")
        return _row_ad(row)

    def identifiers_for(self, ad_id: str) -> list[Identifier]:
        rows = self._conn.execute('SELECT kind, value, start, "end", obfuscated, detail FROM identifiers '
                                  "WHERE ad_id = ? ORDER BY start", (ad_id,)).fetchall()
        return [Identifier(r[0], r[1], r[2], r[3], bool(r[4]), orjson.loads(r[5]) if r[5] else None) for r in rows]

    def hits_for(self, ad_id: str) -> list[Hit]:
        rows = self._conn.execute('SELECT indicator, category, start, "end", text, weight, language FROM hits '
                                  "WHERE ad_id = ? ORDER BY start", (ad_id,)).fetchall()
        return [Hit(*r) for r in rows]

    def score_for(self, ad_id: str) -> tuple[Score, str, str | None] | None:
        """(score, ad type, detected language) of an ad, or None before it is scored."""
        r = self._conn.execute("SELECT * FROM scores WHERE ad_id = ?", (ad_id,)).fetchone()
        if r is None:
            return None
        contributions = tuple(Contribution(**c) for c in orjson.loads(r["contributions"]))
        return Score(r["value"], r["level"], r["base"], contributions, r["pack_version"]), r["ad_type"], r["language"]

    def ads_needing_rescore(self, pack_version: str, batch: int = 1000) -> Iterator[Ad]:
        """Ads whose score was made by another pack version (or that have none), in batches."""
        last = 0
        while True:
            rows = self._conn.execute(
                "SELECT ads.* FROM ads LEFT JOIN scores ON scores.ad_id = ads.id WHERE ads.seq > ? "
                "AND (scores.pack_version IS NULL OR scores.pack_version != ?) ORDER BY ads.seq LIMIT ?",
                (last, pack_version, batch)).fetchall()
            if not rows:
                return
            last = rows[-1]["seq"]
            yield from (_row_ad(r) for r in rows)

    def iter_ads(self, batch: int = 1000) -> Iterator[Ad]:
        """Every stored ad in ingest order, read in batches so memory stays flat."""
        last = 0
        while True:
            rows = self._conn.execute("SELECT * FROM ads WHERE seq > ? ORDER BY seq LIMIT ?", (last, batch)).fetchall()
            if not rows:
                return
            last = rows[-1]["seq"]
            yield from (_row_ad(r) for r in rows)

    def fulltext(self, fts_query: str, limit: int = 20, offset: int = 0) -> list[tuple[Ad, str]]:
        """Ads matching an FTS5 query, best first, each with a highlighted snippet ([…] marks matches)."""
        sql = ("SELECT ads.*, snippet(ads_fts, 1, '[', ']', '…', 12) AS snip FROM ads_fts "
               "JOIN ads ON ads.seq = ads_fts.rowid WHERE ads_fts MATCH ? ORDER BY rank LIMIT ? OFFSET ?")
        try:
            rows = self._conn.execute(sql, (fts_query, limit, offset)).fetchall()
        except sqlite3.OperationalError as e:
            raise StoreError(f"full-text query {fts_query!r} failed: {e}") from e
        return [(_row_ad(r), r["snip"]) for r in rows]

    def substring_search(self, phrase: str, limit: int = 20) -> list[tuple[Ad, str]]:
        """Ads with Thai text whose title or text contains `phrase` (3+ characters), via the trigram index
        (migration 0005): Thai has no spaces between words for the word index to split on."""
        sql = ("SELECT ads.*, snippet(ads_trigram, 1, '[', ']', '…', 12) AS snip FROM ads_trigram "
               "JOIN ads ON ads.seq = ads_trigram.rowid WHERE ads_trigram MATCH ? ORDER BY rank LIMIT ?")
        rows = self._conn.execute(sql, ('"' + phrase.replace('"', '""') + '"', limit)).fetchall()
        return [(_row_ad(r), r["snip"]) for r in rows]

    def ads_with_identifier(self, kind: str | None, value: str, limit: int = 100) -> list[Ad]:
        """Ads in which an identifier with this normalised value was found."""
        where, args = ("kind = ? AND value = ?", (kind, value)) if kind else ("value = ?", (value,))
        rows = self._conn.execute(
            f"SELECT ads.* FROM ads WHERE id IN (SELECT ad_id FROM identifiers WHERE {where}) "
            "ORDER BY posted_at, id LIMIT ?", (*args, limit)).fetchall()
        return [_row_ad(r) for r in rows]

    def quarantined(self, limit: int = 100, offset: int = 0) -> list[StoredQuarantine]:
        rows = self._conn.execute("SELECT seq, file, file_sha256, locator, reason, excerpt FROM quarantine "
                                  "ORDER BY seq LIMIT ? OFFSET ?", (limit, offset)).fetchall()
        return [StoredQuarantine(*r) for r in rows]

    def stats(self) -> dict[str, Any]:
        """Counts a person checks first: ads, sources, languages, dates, identifiers, quarantine, runs."""
        q = self._conn.execute
        first, last = q("SELECT MIN(posted_at), MAX(posted_at) FROM ads").fetchone()
        return {
            "store": str(self.path),
            "schema_version": self.schema_version,
            "ads": q("SELECT COUNT(*) FROM ads").fetchone()[0],
            "sources": dict(q("SELECT source, COUNT(*) FROM ads GROUP BY source ORDER BY 2 DESC").fetchall()),
            "languages": dict(q("SELECT COALESCE(language, 'unknown'), COUNT(*) FROM ads GROUP BY 1 "
                                "ORDER BY 2 DESC").fetchall()),
            "posted": {"first": first, "last": last},
            "identifiers": dict(q("SELECT kind, COUNT(DISTINCT value) FROM identifiers GROUP BY kind "
                                  "ORDER BY kind").fetchall()),
            "ad_types": dict(q("SELECT ad_type, COUNT(*) FROM scores GROUP BY 1 ORDER BY 2 DESC").fetchall()),
            "risk_levels": dict(q("SELECT level, COUNT(*) FROM scores GROUP BY 1 ORDER BY 2 DESC").fetchall()),
            "indicators": dict(q("SELECT indicator, COUNT(DISTINCT ad_id) FROM hits GROUP BY 1 "
                                 "ORDER BY 2 DESC").fetchall()),
            "quarantined": q("SELECT COUNT(*) FROM quarantine").fetchone()[0],
            "ingest_runs": q("SELECT COUNT(*) FROM ingest_runs").fetchone()[0],
        }

    @property
    def link_tables(self) -> "LinkTables":
        """Reads and writes of the linking tables (migration 0003); SQL lives in `store/link_tables.py`."""
        from redflags.store.link_tables import LinkTables
        return LinkTables(self._conn, self._transaction)

    @property
    def custody(self) -> "CustodyLog":
        """The hash-chained custody log with its signed head (migration 0006; `evidence/custody_log.py`)."""
        from redflags.evidence.custody_log import CustodyLog
        from redflags.evidence.keys import key_path_for
        return CustodyLog(self._conn, self._transaction, key_path_for(self.path))

    def evidence_item(self, sha256: str) -> bytes:
        """A record's bytes as received, by their SHA-256."""
        row = self._conn.execute("SELECT data FROM evidence_items WHERE sha256 = ?", (sha256,)).fetchone()
        if row is None:
            raise NotFound(f"no evidence item {sha256}")
        return bytes(row[0])

    @property
    def ad_queries(self) -> "AdQueries":
        """Filtered ad lists and trend counts for the analyst views (SQL in `store/ad_queries.py`)."""
        from redflags.store.ad_queries import AdQueries
        return AdQueries(self._conn)

    @property
    def accounts(self) -> "Accounts":
        """Users, sessions and API tokens (migration 0004; SQL in `store/accounts.py`)."""
        from redflags.store.accounts import Accounts
        return Accounts(self._conn, self._transaction)

    @property
    def audit(self) -> "AuditLog":
        """The append-only audit trail (migration 0004; SQL in `store/audit_log.py`)."""
        from redflags.store.audit_log import AuditLog
        return AuditLog(self._conn, self._transaction)

    @property
    def cases(self) -> "Cases":
        """Cases of ads and clusters with notes (migration 0004; SQL in `store/cases.py`)."""
        from redflags.store.cases import Cases
        return Cases(self._conn, self._transaction)

    def execute(self, sql: str, args: Iterable[Any] = ()) -> list[sqlite3.Row]:
        """Read-only escape hatch for tests and benchmarks that compare whole tables."""
        return self._conn.execute(sql, tuple(args)).fetchall()
