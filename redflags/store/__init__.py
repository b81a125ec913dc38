"""The one way into persisted data. Callers use `open_store`; the backend behind it can change."""
from __future__ import annotations

from pathlib import Path

from redflags.store.sqlite_store import BatchResult, SQLiteStore, StoredQuarantine

Store = SQLiteStore

__all__ = ["BatchResult", "Store", "StoredQuarantine", "open_store"]


def open_store(location: str | Path) -> Store:
    """Open (creating and migrating if needed) the store at `location`: a SQLite file path."""
    return SQLiteStore(location)
