"""SQL for cases (migration 0004): ads and clusters collected by an analyst, with notes and a status."""
from __future__ import annotations

import sqlite3
from datetime import datetime, timezone
from typing import Any, Callable, ContextManager

from redflags.errors import InputError, NotFound

STATUSES = ("open", "closed", "archived")


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Cases:
    """Create, read and change cases."""

    def __init__(self, conn: sqlite3.Connection, transaction: Callable[[], ContextManager]) -> None:
        self.conn = conn
        self.transaction = transaction

    def create(self, title: str, author: str | None) -> int:
        title = title.strip()
        if not title:
            raise InputError("a case needs a title")
        with self.transaction() as c:
            cur = c.execute("INSERT INTO cases(title, created_by, created_at, updated_at) VALUES (?, ?, ?, ?)",
                            (title, author, _now(), _now()))
        return cur.lastrowid

    def list(self, status: str | None = None) -> list[dict[str, Any]]:
        sql = ("SELECT cases.*, (SELECT COUNT(*) FROM case_items WHERE case_id = cases.id) AS items FROM cases "
               + ("WHERE status = ? " if status else "") + "ORDER BY updated_at DESC, id DESC")
        return [dict(r) for r in self.conn.execute(sql, (status,) if status else ()).fetchall()]

    def get(self, case_id: int) -> dict[str, Any]:
        row = self.conn.execute("SELECT * FROM cases WHERE id = ?", (case_id,)).fetchone()
        if row is None:
            raise NotFound(f"no case {case_id}")
        case = dict(row)
        case["items"] = [dict(r) for r in self.conn.execute(
            "SELECT kind, ref, added_by, added_at FROM case_items WHERE case_id = ? ORDER BY added_at, kind, ref",
            (case_id,)).fetchall()]
        case["notes"] = [dict(r) for r in self.conn.execute(
            "SELECT id, author, body, created_at FROM case_notes WHERE case_id = ? ORDER BY id", (case_id,)).fetchall()]
        return case

    def add_item(self, case_id: int, kind: str, ref: str, author: str | None) -> None:
        if kind not in ("ad", "cluster"):
            raise InputError(f"a case holds ads and clusters, not {kind!r}")
        self.get(case_id)
        with self.transaction() as c:
            c.execute("INSERT OR IGNORE INTO case_items(case_id, kind, ref, added_by, added_at) VALUES (?, ?, ?, ?, ?)",
                      (case_id, kind, ref, author, _now()))
            c.execute("UPDATE cases SET updated_at = ? WHERE id = ?", (_now(), case_id))

    def remove_item(self, case_id: int, kind: str, ref: str) -> None:
        self.get(case_id)
        with self.transaction() as c:
            c.execute("DELETE FROM case_items WHERE case_id = ? AND kind = ? AND ref = ?", (case_id, kind, ref))
            c.execute("UPDATE cases SET updated_at = ? WHERE id = ?", (_now(), case_id))

    def add_note(self, case_id: int, body: str, author: str | None) -> None:
        if not body.strip():
            raise InputError("a note needs some text")
        self.get(case_id)
        with self.transaction() as c:
            c.execute("INSERT INTO case_notes(case_id, author, body, created_at) VALUES (?, ?, ?, ?)",
                      (case_id, author, body.strip(), _now()))
            c.execute("UPDATE cases SET updated_at = ? WHERE id = ?", (_now(), case_id))

    def set_status(self, case_id: int, status: str) -> None:
        if status not in STATUSES:
            raise InputError(f"unknown status {status!r}: choose one of {', '.join(STATUSES)}")
        self.get(case_id)
        with self.transaction() as c:
            c.execute("UPDATE cases SET status = ?, updated_at = ? WHERE id = ?", (status, _now(), case_id))
