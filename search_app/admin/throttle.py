"""Failed-login throttle, kept in the staff database so every worker process sees it.

Each failure is recorded under two keys, the user name tried and the client address; a key
with ``max_failures`` failures inside the last ``window_s`` seconds is locked until the
oldest of them leaves the window. Names that do not exist are throttled the same way, so
the lock says nothing about which users exist.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable


def login_keys(username: str, address: str) -> tuple[str, str]:
    """The throttle keys of one login attempt."""
    return (f"user:{username}", f"addr:{address}")


def seconds_locked(conn: sqlite3.Connection, keys: Iterable[str], *, now: float,
                   max_failures: int, window_s: float) -> float:
    """Seconds until every key may try again (0 when none is locked)."""
    wait = 0.0
    for key in keys:
        rows = conn.execute(
            "SELECT at FROM login_failures WHERE key = ? AND at > ? ORDER BY at DESC LIMIT ?",
            (key, now - window_s, max_failures),
        ).fetchall()
        if len(rows) >= max_failures:
            oldest = rows[-1]["at"]
            wait = max(wait, oldest + window_s - now)
    return wait


def record_failure(conn: sqlite3.Connection, keys: Iterable[str], *, now: float,
                   window_s: float) -> None:
    """Count one failure against each key (and forget failures older than the window)."""
    with conn:
        conn.execute("DELETE FROM login_failures WHERE at <= ?", (now - window_s,))
        conn.executemany("INSERT INTO login_failures (key, at) VALUES (?, ?)",
                         [(key, now) for key in keys])


def reserve(conn: sqlite3.Connection, keys: Iterable[str], *, now: float,
            window_s: float) -> list[int]:
    """Count an attempt as a failure *before* its password is checked (the hash takes long
    enough for parallel guesses to pass a check made first); returns the rows, which
    ``release`` removes when the attempt succeeds or is refused unchecked."""
    with conn:
        conn.execute("DELETE FROM login_failures WHERE at <= ?", (now - window_s,))
        return [int(conn.execute("INSERT INTO login_failures (key, at) VALUES (?, ?)",
                                 (key, now)).lastrowid or 0) for key in keys]


def over_limit(conn: sqlite3.Connection, keys: Iterable[str], *, now: float,
               max_failures: int, window_s: float) -> bool:
    """Whether a key has more than ``max_failures`` failures (reserved ones included) in the
    window: the attempt that reserved the extra one must not be checked."""
    for key in keys:
        n = conn.execute("SELECT count(*) FROM login_failures WHERE key = ? AND at > ?",
                         (key, now - window_s)).fetchone()[0]
        if n > max_failures:
            return True
    return False


def release(conn: sqlite3.Connection, rows: Iterable[int]) -> None:
    """Forget reserved rows."""
    with conn:
        conn.executemany("DELETE FROM login_failures WHERE rowid = ?", [(r,) for r in rows])


def clear(conn: sqlite3.Connection, key: str) -> None:
    """Forget a key's failures (a successful login clears its user's count)."""
    with conn:
        conn.execute("DELETE FROM login_failures WHERE key = ?", (key,))
