"""`redflags store import DIR`: load a Spark run's Parquet tables into the embedded store, so the web app,
cases and evidence tools work on what the cluster computed. Needs pyarrow (the `spark` extra)."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from redflags.errors import ConfigError, InputError, StoreError
from redflags.pipeline.rows import AD_COLUMNS, HIT_COLUMNS, IDENTIFIER_COLUMNS, SCORE_COLUMNS
from redflags.store import Store

TABLES = ("ads", "identifiers", "hits", "scores", "quarantine", "links", "hubs", "clusters")


@dataclass
class ImportReport:
    ads: int = 0
    identifiers: int = 0
    hits: int = 0
    scores: int = 0
    quarantined: int = 0
    links: int = 0
    clusters: int = 0


def _batches(folder: Path, columns: list[str], size: int = 5000) -> Iterator[list[tuple]]:
    import pyarrow.dataset as ds

    table = ds.dataset(str(folder), format="parquet")
    for batch in table.to_batches(columns=columns, batch_size=size):
        cols = [batch.column(c).to_pylist() for c in columns]
        yield list(zip(*cols))


def import_parquet(store: Store, folder: Path) -> ImportReport:
    """Load every table of a Spark run into an empty store (refused if it already holds ads)."""
    try:
        import pyarrow  # noqa: F401
    except ImportError as e:
        raise ConfigError("store import needs pyarrow: pip install 'redflags[spark]'") from e
    missing = [t for t in TABLES if not (folder / t).is_dir()]
    if missing:
        raise InputError(f"{folder}: not a Redflags Spark output (missing {', '.join(missing)})")
    if store.execute("SELECT COUNT(*) FROM ads")[0][0]:
        raise StoreError(f"{store.path} already holds ads; import a Spark run into a new store")
    report = ImportReport()
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    cols = ", ".join(f'"{c}"' for c in ("seq", *AD_COLUMNS, "stored_at"))
    with store.transaction() as c:
        for rows in _batches(folder / "ads", ["seq", *AD_COLUMNS, "raw"]):
            c.executemany(f"INSERT INTO ads({cols}) VALUES ({', '.join('?' * (len(AD_COLUMNS) + 2))})",
                          [(*r[:-1], now) for r in rows])
            c.executemany("INSERT OR IGNORE INTO evidence_items(sha256, size, data, first_seen, kind) "
                          "VALUES (?, ?, ?, ?, 'record')", [(r[-2], len(r[-1]), r[-1], now) for r in rows if r[-1]])
            report.ads += len(rows)
        for table, columns in (("identifiers", IDENTIFIER_COLUMNS), ("hits", HIT_COLUMNS), ("scores", SCORE_COLUMNS)):
            names = ", ".join(f'"{x}"' for x in columns)
            for rows in _batches(folder / table, list(columns)):
                c.executemany(f"INSERT OR IGNORE INTO {table}({names}) VALUES ({', '.join('?' * len(columns))})", rows)
                setattr(report, table, getattr(report, table) + len(rows))
        for rows in _batches(folder / "quarantine", ["file", "file_sha256", "locator", "reason", "excerpt", "raw"]):
            for file, digest, locator, reason, excerpt, raw in rows:
                sha = hashlib.sha256(raw).hexdigest() if raw else None
                if sha:
                    c.execute("INSERT OR IGNORE INTO evidence_items(sha256, size, data, first_seen, kind) "
                              "VALUES (?, ?, ?, ?, 'record')", (sha, len(raw), raw, now))
                c.execute("INSERT OR IGNORE INTO quarantine(file, file_sha256, locator, reason, excerpt, stored_at, "
                          "raw_sha256) VALUES (?, ?, ?, ?, ?, ?, ?)", (file, digest, locator, reason, excerpt, now, sha))
                report.quarantined += 1
        for rows in _batches(folder / "links", ["a_seq", "b_seq", "type", "value", "weight"]):
            c.executemany("INSERT OR IGNORE INTO links(a_seq, b_seq, type, value, weight) VALUES (?, ?, ?, ?, ?)", rows)
            report.links += len(rows)
        hubs = [r for rows in _batches(folder / "hubs", ["kind", "value", "ads", "contexts", "reason"]) for r in rows]
        members = [r for rows in _batches(folder / "clusters", ["ad_seq", "cluster_id"]) for r in rows]
        # no feature_version in the state: the next `redflags link` rebuilds its text index from scratch
        store.link_tables.replace_results(hubs, members, {"imported_from": str(folder), "imported_at": now})
    report.clusters = store.execute("SELECT COUNT(*) FROM clusters")[0][0]
    store.custody.append("import", target=str(folder), detail={"format": "spark-parquet", "ads": report.ads,
                                                                "quarantined": report.quarantined})
    return report
