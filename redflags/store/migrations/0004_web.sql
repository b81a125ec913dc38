-- Accounts, sessions, API tokens, the append-only audit trail, and cases (issue 6).
CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,            -- argon2id
    role          TEXT NOT NULL CHECK (role IN ('admin', 'analyst', 'viewer', 'auditor')),
    created_at    TEXT NOT NULL,
    disabled      INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,            -- sha256 of the cookie value; the value itself is never stored
    user_id    INTEGER NOT NULL REFERENCES users(id),
    csrf       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);

CREATE TABLE api_tokens (
    token_hash TEXT PRIMARY KEY,            -- sha256 of the token
    user_id    INTEGER NOT NULL REFERENCES users(id),
    label      TEXT,
    created_at TEXT NOT NULL
);

CREATE TABLE audit (
    seq    INTEGER PRIMARY KEY AUTOINCREMENT,
    at     TEXT NOT NULL,
    actor  TEXT,                            -- user name, NULL for anonymous
    role   TEXT,
    action TEXT NOT NULL,                   -- search, view_ad, view_cluster, export, ingest, case_*, user_*, login ...
    target TEXT,
    detail TEXT,                            -- JSON
    client TEXT                             -- client address
);
CREATE INDEX audit_actor ON audit(actor, at);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;

CREATE TABLE cases (
    id         INTEGER PRIMARY KEY,
    title      TEXT NOT NULL,
    status     TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed', 'archived')),
    created_by TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE case_items (
    case_id  INTEGER NOT NULL REFERENCES cases(id),
    kind     TEXT NOT NULL CHECK (kind IN ('ad', 'cluster')),
    ref      TEXT NOT NULL,
    added_by TEXT,
    added_at TEXT NOT NULL,
    PRIMARY KEY (case_id, kind, ref)
);

CREATE TABLE case_notes (
    id         INTEGER PRIMARY KEY,
    case_id    INTEGER NOT NULL REFERENCES cases(id),
    author     TEXT,
    body       TEXT NOT NULL,
    created_at TEXT NOT NULL
);
