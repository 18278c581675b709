"""The staff database: one SQLite file (setting ``STAFF_DB``) for staff users, their sessions,
failed logins and the audit log — and for the tables of the rest of the staff area, which
add their DDL with ``register_schema``.

WAL mode plus a busy timeout make one file safe for several gunicorn workers and threads. A
connection is never shared between threads: the app opens one per request (``get_db``, kept in
``flask.g`` and closed at teardown), the CLI one per command (``connect``).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from pathlib import Path

from flask import Flask, current_app, g

from search_app.sqlite_wal import enable_wal

SCHEMA = """
CREATE TABLE IF NOT EXISTS staff_users (
    username TEXT PRIMARY KEY,
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE IF NOT EXISTS staff_sessions (
    id TEXT PRIMARY KEY,
    username TEXT NOT NULL REFERENCES staff_users(username) ON DELETE CASCADE,
    created REAL NOT NULL,
    last_seen REAL NOT NULL,
    address TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS staff_sessions_user ON staff_sessions(username);
CREATE TABLE IF NOT EXISTS login_failures (
    key TEXT NOT NULL,
    at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS login_failures_key_at ON login_failures(key, at);
CREATE TABLE IF NOT EXISTS audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    username TEXT NOT NULL,
    address TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    detail TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_log_action ON audit_log(action);
"""

BUSY_TIMEOUT_S = 10.0
_G_KEY = "_staff_db"

# DDL scripts of other staff-area modules (CREATE ... IF NOT EXISTS), applied after SCHEMA.
_extra_schemas: list[str] = []
# (database path, pid, number of scripts) already brought up to date in this process
_ready: set[tuple[str, int, int]] = set()
_ready_lock = threading.Lock()


def register_schema(script: str) -> None:
    """Add DDL (``CREATE TABLE IF NOT EXISTS ...``) that every staff connection ensures.

    Call at import time of the module that owns the tables, so the app and the CLI both
    see them; idempotent."""
    if script not in _extra_schemas:
        _extra_schemas.append(script)


def _ensure_schema(conn: sqlite3.Connection, path: Path) -> None:
    memory = str(path) == ":memory:"  # a new empty database on every connect
    key = (str(path.resolve()), os.getpid(), len(_extra_schemas))
    if key in _ready and not memory:
        return
    with _ready_lock:
        if key in _ready:
            return
        enable_wal(conn, BUSY_TIMEOUT_S)
        conn.executescript(SCHEMA)
        for script in _extra_schemas:
            conn.executescript(script)
        if not memory:
            _ready.add(key)


def _create_private(path: Path) -> None:
    """Create the database file readable by its owner only (it holds password hashes and
    session ids); SQLite gives its -wal and -shm files the same mode."""
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def connect(path: str | Path) -> sqlite3.Connection:
    """Open the staff database (creating the file, its folder and the schema if missing)."""
    path = Path(path)
    if str(path) != ":memory:":
        path.parent.mkdir(parents=True, exist_ok=True)
        _create_private(path)
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA synchronous=NORMAL")
    _ensure_schema(conn, path)
    return conn


def get_db() -> sqlite3.Connection:
    """The request's connection to the staff database (opened on first use)."""
    conn: sqlite3.Connection | None = g.get(_G_KEY)
    if conn is None:
        conn = connect(current_app.config["STAFF_DB"])
        setattr(g, _G_KEY, conn)
    return conn


def _close(_exc: BaseException | None = None) -> None:
    conn: sqlite3.Connection | None = g.pop(_G_KEY, None)
    if conn is not None:
        conn.close()


def init_app(app: Flask) -> None:
    app.teardown_appcontext(_close)
