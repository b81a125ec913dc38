"""Schema migrations: numbered SQL files applied in order, recorded in a version table."""
from __future__ import annotations

import sqlite3
from datetime import datetime, timezone
from importlib import resources

from redflags.errors import StoreError


def available() -> list[tuple[int, str]]:
    """(version, sql) for every migration file shipped in the package, in order."""
    found = []
    for entry in resources.files("redflags.store").joinpath("migrations").iterdir():
        name = entry.name
        if name.endswith(".sql") and name[:4].isdigit():
            found.append((int(name[:4]), entry.read_text(encoding="utf-8")))
    return sorted(found)


def current_version(conn: sqlite3.Connection) -> int:
    conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)")
    row = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
    return row[0] or 0


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the schema up to date; each migration commits with its version row or not at all."""
    have = current_version(conn)
    migrations = available()
    newest = migrations[-1][0] if migrations else 0
    if have > newest:
        raise StoreError(f"store schema is version {have}, newer than this Redflags understands ({newest}); upgrade Redflags")
    for version, sql in migrations:
        if version <= have:
            continue
        stamp = datetime.now(timezone.utc).isoformat(timespec="seconds")
        # executescript commits any open transaction; wrap the whole file in one explicit transaction.
        conn.executescript(
            "BEGIN;\n" + sql + f"\nINSERT INTO schema_version(version, applied_at) VALUES ({version}, '{stamp}');\nCOMMIT;"
        )
    return current_version(conn)
