"""SQL for the audit trail (migration 0004): who searched, viewed, exported or changed what, when, from where.

The table is append-only: SQLite triggers abort any UPDATE or DELETE, so neither the app nor a script
using the store can edit history.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Callable, ContextManager

import orjson


@dataclass(frozen=True, slots=True)
class AuditEntry:
    seq: int
    at: str
    actor: str | None
    role: str | None
    action: str
    target: str | None
    detail: dict[str, Any]
    client: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"seq": self.seq, "at": self.at, "actor": self.actor, "role": self.role, "action": self.action,
                "target": self.target, "detail": self.detail, "client": self.client}


class AuditLog:
    """Append and read audit entries."""

    def __init__(self, conn: sqlite3.Connection, transaction: Callable[[], ContextManager]) -> None:
        self.conn = conn
        self.transaction = transaction

    def record(self, action: str, *, actor: str | None, role: str | None, target: str | None = None,
               detail: dict[str, Any] | None = None, client: str | None = None) -> None:
        with self.transaction() as c:
            c.execute("INSERT INTO audit(at, actor, role, action, target, detail, client) VALUES (?, ?, ?, ?, ?, ?, ?)",
                      (datetime.now(timezone.utc).isoformat(timespec="milliseconds"), actor, role, action, target,
                       orjson.dumps(detail or {}).decode(), client))

    def entries(self, *, actor: str | None = None, action: str | None = None, limit: int = 100,
                before: int | None = None) -> list[AuditEntry]:
        """Newest first; `before` pages back by sequence number."""
        where, args = [], []
        for col, val in (("actor", actor), ("action", action)):
            if val:
                where.append(f"{col} = ?")
                args.append(val)
        if before:
            where.append("seq < ?")
            args.append(before)
        sql = ("SELECT seq, at, actor, role, action, target, detail, client FROM audit "
               + (f"WHERE {' AND '.join(where)} " if where else "") + "ORDER BY seq DESC LIMIT ?")
        rows = self.conn.execute(sql, (*args, limit)).fetchall()
        return [AuditEntry(r[0], r[1], r[2], r[3], r[4], r[5], orjson.loads(r[6] or "{}"), r[7]) for r in rows]
