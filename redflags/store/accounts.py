"""SQL for accounts (migration 0004): users with argon2id password hashes, login sessions, API tokens.

Session cookies and API tokens are random secrets handed to the client once; only their SHA-256 is
stored, so a copy of the store does not let anyone log in.
"""
from __future__ import annotations

import hashlib
import secrets
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Callable, ContextManager

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from redflags.errors import InputError, NotFound

ROLES = ("admin", "analyst", "viewer", "auditor")
_HASHER = PasswordHasher()  # argon2id with the library's current recommended parameters


@dataclass(frozen=True, slots=True)
class User:
    id: int
    name: str
    role: str


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class Accounts:
    """Users, sessions and API tokens, in the store's own transactions."""

    def __init__(self, conn: sqlite3.Connection, transaction: Callable[[], ContextManager]) -> None:
        self.conn = conn
        self.transaction = transaction

    # -- users ---------------------------------------------------------------------------------
    def add_user(self, name: str, password: str, role: str) -> User:
        name = name.strip()
        if not name:
            raise InputError("a user needs a name")
        if role not in ROLES:
            raise InputError(f"unknown role {role!r}: choose one of {', '.join(ROLES)}")
        if len(password) < 10:
            raise InputError("a password needs at least 10 characters")
        try:
            with self.transaction() as c:
                cur = c.execute("INSERT INTO users(name, password_hash, role, created_at) VALUES (?, ?, ?, ?)",
                                (name, _HASHER.hash(password), role, _now().isoformat(timespec="seconds")))
        except sqlite3.IntegrityError as e:
            raise InputError(f"a user named {name!r} exists already") from e
        return User(cur.lastrowid, name, role)

    def users(self) -> list[User]:
        rows = self.conn.execute("SELECT id, name, role FROM users WHERE disabled = 0 ORDER BY name").fetchall()
        return [User(*r) for r in rows]

    def user(self, name: str) -> User:
        row = self.conn.execute("SELECT id, name, role FROM users WHERE name = ? AND disabled = 0", (name,)).fetchone()
        if row is None:
            raise NotFound(f"no user named {name!r}")
        return User(*row)

    def verify(self, name: str, password: str) -> User | None:
        """The user if `password` is theirs, else None (same work for unknown names: no user probing)."""
        row = self.conn.execute("SELECT id, name, role, password_hash FROM users WHERE name = ? AND disabled = 0",
                                (name,)).fetchone()
        stored = row[3] if row else _DUMMY_HASH
        try:
            _HASHER.verify(stored, password)
        except (VerificationError, InvalidHashError):
            return None
        return User(row[0], row[1], row[2]) if row else None

    def set_role(self, name: str, role: str) -> User:
        if role not in ROLES:
            raise InputError(f"unknown role {role!r}: choose one of {', '.join(ROLES)}")
        user = self.user(name)
        with self.transaction() as c:
            c.execute("UPDATE users SET role = ? WHERE id = ?", (role, user.id))
            c.execute("DELETE FROM sessions WHERE user_id = ?", (user.id,))
        return User(user.id, user.name, role)

    def disable(self, name: str) -> None:
        user = self.user(name)
        with self.transaction() as c:
            c.execute("UPDATE users SET disabled = 1 WHERE id = ?", (user.id,))
            c.execute("DELETE FROM sessions WHERE user_id = ?", (user.id,))
            c.execute("DELETE FROM api_tokens WHERE user_id = ?", (user.id,))

    # -- sessions ------------------------------------------------------------------------------
    def start_session(self, user: User, hours: float) -> tuple[str, str]:
        """(cookie value, CSRF token) of a new session that lasts `hours`."""
        token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        now = _now()
        with self.transaction() as c:
            c.execute("DELETE FROM sessions WHERE expires_at < ?", (now.isoformat(),))
            c.execute("INSERT INTO sessions(token_hash, user_id, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                      (_digest(token), user.id, csrf, now.isoformat(), (now + timedelta(hours=hours)).isoformat()))
        return token, csrf

    def session(self, token: str) -> tuple[User, str] | None:
        """(user, CSRF token) for a live session cookie, else None."""
        row = self.conn.execute(
            "SELECT users.id, users.name, users.role, sessions.csrf FROM sessions JOIN users ON users.id = sessions.user_id "
            "WHERE sessions.token_hash = ? AND sessions.expires_at > ? AND users.disabled = 0",
            (_digest(token), _now().isoformat())).fetchone()
        return (User(row[0], row[1], row[2]), row[3]) if row else None

    def end_session(self, token: str) -> None:
        with self.transaction() as c:
            c.execute("DELETE FROM sessions WHERE token_hash = ?", (_digest(token),))

    # -- API tokens ----------------------------------------------------------------------------
    def new_token(self, name: str, label: str | None = None) -> str:
        """A new API token for user `name`, shown once."""
        user = self.user(name)
        token = "rf_" + secrets.token_urlsafe(32)
        with self.transaction() as c:
            c.execute("INSERT INTO api_tokens(token_hash, user_id, label, created_at) VALUES (?, ?, ?, ?)",
                      (_digest(token), user.id, label, _now().isoformat(timespec="seconds")))
        return token

    def token_user(self, token: str) -> User | None:
        row = self.conn.execute(
            "SELECT users.id, users.name, users.role FROM api_tokens JOIN users ON users.id = api_tokens.user_id "
            "WHERE api_tokens.token_hash = ? AND users.disabled = 0", (_digest(token),)).fetchone()
        return User(*row) if row else None


_DUMMY_HASH = _HASHER.hash("redflags: a password nobody has")
