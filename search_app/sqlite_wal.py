"""SQLite's WAL mode, switched on safely when several processes open a new file at once."""

from __future__ import annotations

import sqlite3
import time


def enable_wal(conn: sqlite3.Connection, timeout: float) -> None:
    """``PRAGMA journal_mode=WAL``, retried until ``timeout``: SQLite does not wait on its busy
    timeout for this statement, so gunicorn workers starting together on a new database got
    "database is locked" (7 of 30 trials of 8 processes) and a worker could fail its start."""
    deadline = time.monotonic() + max(timeout, 1.0)
    while True:
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.02)
