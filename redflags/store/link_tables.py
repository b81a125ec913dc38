"""SQL for the linking tables (migration 0003): signatures, LSH buckets, image hashes, links, hubs, clusters.

`LinkTables` wraps the store's connection; every method is one query or one batch of writes, so the
linking code (`redflags.link`) stays free of SQL and another backend can provide the same methods.
"""
from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from datetime import datetime, timezone
from typing import Any, Callable, ContextManager, Iterable, Iterator, Sequence

import numpy as np
import orjson

from redflags.errors import NotFound

_CHUNK = 500


class LinkTables:
    """Reads and writes of the linking tables, in the store's own transactions."""

    def __init__(self, conn: sqlite3.Connection, transaction: Callable[[], ContextManager]) -> None:
        self.conn = conn
        self.transaction = transaction

    @contextmanager
    def bulk(self, cache_mb: int = 2048, checkpoint_pages: int = 16384) -> Iterator[None]:
        """A larger page cache and rarer WAL checkpoints for a long linking run, restored afterwards: at a
        million ads the LSH bucket table holds millions of random keys, and most of the run otherwise goes
        into fetching B-tree pages and checkpointing them after every batch. SQLite takes cache pages only
        as it uses them, so a small store costs no more memory."""
        old_cache = self.conn.execute("PRAGMA cache_size").fetchone()[0]
        old_checkpoint = self.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
        self.conn.execute(f"PRAGMA cache_size = {-1024 * int(cache_mb)}")
        self.conn.execute(f"PRAGMA wal_autocheckpoint = {int(checkpoint_pages)}")
        try:
            yield
        finally:
            self.conn.execute(f"PRAGMA cache_size = {int(old_cache)}")
            self.conn.execute(f"PRAGMA wal_autocheckpoint = {int(old_checkpoint)}")

    # -- state ---------------------------------------------------------------------------------
    def state(self) -> dict[str, str]:
        return dict(self.conn.execute("SELECT key, value FROM link_state").fetchall())

    def set_state(self, values: dict[str, Any]) -> None:
        self.conn.executemany("INSERT OR REPLACE INTO link_state(key, value) VALUES (?, ?)",
                              [(k, str(v)) for k, v in values.items()])

    def reset(self) -> None:
        """Forget every linking result (after a configuration change): the next run starts over."""
        with self.transaction() as c:
            for table in ("link_signatures", "lsh_buckets", "links", "hubs", "clusters", "cluster_members",
                          "link_state"):
                c.execute(f"DELETE FROM {table}")

    # -- ads to link ---------------------------------------------------------------------------
    def ad_count(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM ads").fetchone()[0]

    def max_seq(self) -> int:
        return self.conn.execute("SELECT COALESCE(MAX(seq), 0) FROM ads").fetchone()[0]

    def ads_after(self, seq: int, batch: int) -> Iterator[list[tuple[int, str, str, str]]]:
        """Batches of (seq, id, text, images JSON) of ads with seq > `seq`, in seq order."""
        last = seq
        while True:
            rows = self.conn.execute("SELECT seq, id, text, images FROM ads WHERE seq > ? ORDER BY seq LIMIT ?",
                                     (last, batch)).fetchall()
            if not rows:
                return
            last = rows[-1][0]
            yield [tuple(r) for r in rows]

    def spans_for(self, ad_ids: Sequence[str]) -> dict[str, list[tuple[str, int, int]]]:
        """(kind, start, end) of the identifiers found in each ad, for masking."""
        out: dict[str, list[tuple[str, int, int]]] = {}
        for i in range(0, len(ad_ids), _CHUNK):
            chunk = list(ad_ids[i:i + _CHUNK])
            sql = f'SELECT ad_id, kind, start, "end" FROM identifiers WHERE ad_id IN ({",".join("?" * len(chunk))})'
            for ad_id, kind, start, end in self.conn.execute(sql, chunk):
                out.setdefault(ad_id, []).append((kind, start, end))
        return out

    def seq_ids(self) -> tuple[np.ndarray, list[str]]:
        """(seqs, ids) of every ad in seq order."""
        rows = self.conn.execute("SELECT seq, id FROM ads ORDER BY seq").fetchall()
        return np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows)), [r[1] for r in rows]

    def identifier_keys(self, kinds: Sequence[str]) -> Iterator[tuple[int, str, str]]:
        """(ad seq, kind, value) of every stored identifier of the linkable kinds."""
        sql = (f"SELECT DISTINCT ads.seq, i.kind, i.value FROM identifiers i JOIN ads ON ads.id = i.ad_id "
               f"WHERE i.kind IN ({','.join('?' * len(kinds))})")
        return self.conn.execute(sql, list(kinds))

    def image_refs(self) -> Iterator[tuple[int, str]]:
        """(ad seq, image reference) of every ad that has images."""
        for seq, images in self.conn.execute("SELECT seq, images FROM ads WHERE images != '[]'"):
            for ref in orjson.loads(images):
                yield seq, ref

    # -- signatures and buckets ---------------------------------------------------------------
    def save_signatures(self, seqs: np.ndarray, shingles: np.ndarray, sigs: np.ndarray) -> None:
        data = sigs.astype("<u2")
        self.conn.executemany("INSERT OR REPLACE INTO link_signatures(ad_seq, shingles, signature) VALUES (?, ?, ?)",
                              [(int(s), int(n), data[i].tobytes()) for i, (s, n) in enumerate(zip(seqs, shingles))])

    def signatures(self, seqs: np.ndarray, width: int) -> np.ndarray:
        """Stored signatures of `seqs` (sorted, all present), as (len, width) uint16."""
        found: dict[int, bytes] = {}
        for i in range(0, len(seqs), _CHUNK):
            chunk = [int(s) for s in seqs[i:i + _CHUNK]]
            sql = f"SELECT ad_seq, signature FROM link_signatures WHERE ad_seq IN ({','.join('?' * len(chunk))})"
            found.update(self.conn.execute(sql, chunk).fetchall())
        try:
            return np.frombuffer(b"".join(found[int(s)] for s in seqs), dtype="<u2").reshape(len(seqs), width)
        except KeyError as e:
            raise NotFound(f"no stored signature for ad seq {e}") from e

    def bucket_reps(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(keys, representative seqs) of the given band keys that are already stored."""
        ks, reps = [], []
        for i in range(0, len(keys), _CHUNK):
            chunk = [int(k) for k in keys[i:i + _CHUNK]]
            sql = f"SELECT key, rep_seq FROM lsh_buckets WHERE key IN ({','.join('?' * len(chunk))})"
            for k, r in self.conn.execute(sql, chunk):
                ks.append(k)
                reps.append(r)
        return np.asarray(ks, dtype=np.int64), np.asarray(reps, dtype=np.int64)

    def bucket_count(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM lsh_buckets").fetchone()[0]

    def all_buckets(self) -> tuple[np.ndarray, np.ndarray]:
        """(keys, representative seqs) of every stored bucket, in key order."""
        rows = self.conn.execute("SELECT key, rep_seq FROM lsh_buckets ORDER BY key").fetchall()
        arr = np.asarray(rows, dtype=np.int64).reshape(-1, 2)
        return arr[:, 0].copy(), arr[:, 1].copy()

    def save_buckets(self, keys: np.ndarray, reps: np.ndarray) -> None:
        self.conn.executemany("INSERT OR IGNORE INTO lsh_buckets(key, rep_seq) VALUES (?, ?)",
                              zip(keys.tolist(), reps.tolist()))

    def save_links(self, rows: Iterable[tuple[int, int, str, str, float]]) -> None:
        self.conn.executemany("INSERT OR REPLACE INTO links(a_seq, b_seq, type, value, weight) VALUES (?, ?, ?, ?, ?)",
                              rows)

    def link_pairs(self, link_type: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(earlier seqs, later seqs, weights) of the stored links of one type."""
        rows = self.conn.execute("SELECT a_seq, b_seq, weight FROM links WHERE type = ?", (link_type,)).fetchall()
        arr = np.asarray(rows, dtype=float).reshape(-1, 3)
        return arr[:, 0].astype(np.int64), arr[:, 1].astype(np.int64), arr[:, 2]

    # -- images --------------------------------------------------------------------------------
    def known_image_refs(self) -> set[str]:
        return {r[0] for r in self.conn.execute("SELECT ref FROM image_hashes")}

    def save_image_hashes(self, rows: Sequence[tuple[str, bytes | None, int, str | None, bytes | None]]) -> None:
        """Hashes of resolved images; the image bytes themselves are kept as evidence items by SHA-256."""
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        with self.transaction() as c:
            c.executemany("INSERT OR REPLACE INTO image_hashes(ref, pdq, quality, sha256) VALUES (?, ?, ?, ?)",
                          [r[:4] for r in rows])
            c.executemany("INSERT OR IGNORE INTO evidence_items(sha256, size, data, first_seen, kind) "
                          "VALUES (?, ?, ?, ?, 'image')", [(r[3], len(r[4]), r[4], now) for r in rows if r[4]])

    def image_hashes(self, min_quality: int) -> list[tuple[str, bytes]]:
        return self.conn.execute("SELECT ref, pdq FROM image_hashes WHERE pdq IS NOT NULL AND quality >= ? "
                                 "ORDER BY ref", (min_quality,)).fetchall()

    def hashes_to_pair(self) -> tuple[list[tuple[str, bytes]], list[int]]:
        """Every readable hash in reference order, and the positions of those whose pairs are not stored yet."""
        rows = self.conn.execute("SELECT ref, pdq, paired FROM image_hashes WHERE pdq IS NOT NULL ORDER BY ref").fetchall()
        return [(r, h) for r, h, _ in rows], [k for k, (_, _, done) in enumerate(rows) if not done]

    def save_image_pairs(self, pairs: Iterable[tuple[str, str, int]], paired: Sequence[str]) -> None:
        """Pairs (a < b) found for newly hashed pictures, and mark those pictures paired, in one transaction."""
        with self.transaction() as c:
            c.executemany("INSERT OR IGNORE INTO image_pairs(a, b, distance) VALUES (?, ?, ?)", pairs)
            c.executemany("UPDATE image_hashes SET paired = 1 WHERE ref = ?", [(r,) for r in paired])

    def image_pairs(self, max_distance: int) -> list[tuple[str, str]]:
        return self.conn.execute("SELECT a, b FROM image_pairs WHERE distance <= ?", (max_distance,)).fetchall()

    # -- hubs and clusters ---------------------------------------------------------------------
    def replace_results(self, hubs: Sequence[tuple[str, str, int, int, str]],
                        members: Sequence[tuple[int, str]], state: dict[str, Any]) -> None:
        """Swap in this run's hubs and cluster memberships, then the per-cluster summaries, in one transaction."""
        with self.transaction() as c:
            for table in ("hubs", "clusters", "cluster_members"):
                c.execute(f"DELETE FROM {table}")
            c.executemany("INSERT INTO hubs(kind, value, ads, contexts, reason) VALUES (?, ?, ?, ?, ?)", hubs)
            c.executemany("INSERT INTO cluster_members(ad_seq, cluster_id) VALUES (?, ?)", members)
            self._write_summaries(c)
            self.set_state(state)

    def _write_summaries(self, c: sqlite3.Connection) -> None:
        summary: dict[str, dict] = {}
        spans = c.execute("SELECT m.cluster_id, COUNT(*), MIN(a.posted_at), MAX(a.posted_at) FROM cluster_members m "
                          "JOIN ads a ON a.seq = m.ad_seq GROUP BY m.cluster_id").fetchall()
        for cid, size, first, last in spans:
            summary[cid] = {"size": size, "first": first, "last": last, "places": {}, "indicators": {},
                            "risk": {"max": 0.0, "mean": 0.0, "scored": 0, "levels": {}}}
        for cid, place, n in c.execute("SELECT m.cluster_id, a.location, COUNT(*) FROM cluster_members m JOIN ads a "
                                       "ON a.seq = m.ad_seq WHERE a.location IS NOT NULL GROUP BY 1, 2"):
            summary[cid]["places"][place] = n
        for cid, ind, n in c.execute("SELECT m.cluster_id, h.indicator, COUNT(DISTINCT h.ad_id) FROM cluster_members m "
                                     "JOIN ads a ON a.seq = m.ad_seq JOIN hits h ON h.ad_id = a.id GROUP BY 1, 2"):
            summary[cid]["indicators"][ind] = n
        for cid, level, n, top, total in c.execute(
                "SELECT m.cluster_id, s.level, COUNT(*), MAX(s.value), SUM(s.value) FROM cluster_members m "
                "JOIN ads a ON a.seq = m.ad_seq JOIN scores s ON s.ad_id = a.id GROUP BY 1, 2"):
            risk = summary[cid]["risk"]
            risk["levels"][level] = n
            risk["max"] = max(risk["max"], top)
            risk["mean"] += total
            risk["scored"] += n
        rows = []
        for cid, s in summary.items():
            risk = s["risk"]
            risk["mean"] = round(risk["mean"] / risk["scored"], 4) if risk["scored"] else 0.0
            s["places"] = dict(sorted(s["places"].items(), key=lambda kv: (-kv[1], kv[0])))
            s["indicators"] = dict(sorted(s["indicators"].items(), key=lambda kv: (-kv[1], kv[0])))
            rows.append((cid, s.pop("size"), s.pop("first"), s.pop("last"), orjson.dumps(s).decode()))
        c.executemany("INSERT INTO clusters(cluster_id, size, first_posted, last_posted, summary) VALUES (?, ?, ?, ?, ?)",
                      rows)

    def hubs(self) -> list[tuple[str, str, int, int, str]]:
        return self.conn.execute("SELECT kind, value, ads, contexts, reason FROM hubs ORDER BY ads DESC, kind, value"
                                 ).fetchall()

    def clusters(self, min_size: int = 2, limit: int | None = None) -> list[tuple[str, int, str, str, dict]]:
        """(cluster id, size, first posted, last posted, summary) largest first."""
        sql = ("SELECT cluster_id, size, first_posted, last_posted, summary FROM clusters WHERE size >= ? "
               "ORDER BY size DESC, cluster_id")
        rows = self.conn.execute(sql + (f" LIMIT {int(limit)}" if limit else ""), (min_size,)).fetchall()
        return [(r[0], r[1], r[2], r[3], orjson.loads(r[4])) for r in rows]

    def cluster(self, cluster_id: str) -> tuple[str, int, str, str, dict]:
        r = self.conn.execute("SELECT cluster_id, size, first_posted, last_posted, summary FROM clusters "
                              "WHERE cluster_id = ?", (cluster_id,)).fetchone()
        if r is None:
            raise NotFound(f"no cluster with id {cluster_id!r} (run `redflags link` first?)")
        return r[0], r[1], r[2], r[3], orjson.loads(r[4])

    def members(self, cluster_id: str | None = None) -> list[tuple[str, int, str, str | None, str | None]]:
        """(cluster id, ad seq, ad id, posted_at, location) of members, by cluster then posting time."""
        where, args = ("WHERE m.cluster_id = ?", (cluster_id,)) if cluster_id else ("", ())
        return self.conn.execute(
            "SELECT m.cluster_id, a.seq, a.id, a.posted_at, a.location FROM cluster_members m "
            f"JOIN ads a ON a.seq = m.ad_seq {where} ORDER BY m.cluster_id, a.posted_at, a.seq", args).fetchall()

    def cluster_keys(self, cluster_id: str, kinds: Sequence[str]) -> list[tuple[int, str, str]]:
        """(ad seq, kind, value) of the linkable identifiers of a cluster's members."""
        return self.conn.execute(
            "SELECT DISTINCT a.seq, i.kind, i.value FROM cluster_members m JOIN ads a ON a.seq = m.ad_seq "
            f"JOIN identifiers i ON i.ad_id = a.id WHERE m.cluster_id = ? AND i.kind IN ({','.join('?' * len(kinds))}) "
            "ORDER BY i.kind, i.value, a.seq", (cluster_id, *kinds)).fetchall()

    def cluster_images(self, cluster_id: str) -> list[tuple[int, str]]:
        rows = self.conn.execute("SELECT a.seq, a.images FROM cluster_members m JOIN ads a ON a.seq = m.ad_seq "
                                 "WHERE m.cluster_id = ? AND a.images != '[]'", (cluster_id,)).fetchall()
        return [(seq, ref) for seq, images in rows for ref in orjson.loads(images)]

    def cluster_links(self, cluster_id: str) -> list[tuple[int, int, str, str, float]]:
        return self.conn.execute(
            "SELECT l.a_seq, l.b_seq, l.type, l.value, l.weight FROM links l JOIN cluster_members m ON m.ad_seq = l.b_seq "
            "WHERE m.cluster_id = ? ORDER BY l.a_seq, l.b_seq", (cluster_id,)).fetchall()

    def texts(self, seqs: Sequence[int]) -> dict[int, tuple[str, str]]:
        """seq → (ad id, text) for a few ads (template display)."""
        out = {}
        for i in range(0, len(seqs), _CHUNK):
            chunk = [int(s) for s in seqs[i:i + _CHUNK]]
            sql = f"SELECT seq, id, text FROM ads WHERE seq IN ({','.join('?' * len(chunk))})"
            out.update({r[0]: (r[1], r[2]) for r in self.conn.execute(sql, chunk)})
        return out
