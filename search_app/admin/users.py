"""Staff users in the staff database: names, password policy, hashing and verification.

Passwords are hashed with werkzeug's scrypt (salted, memory-hard); verification compares in
constant time, and an unknown name is checked against a dummy hash so that it costs the same
time as a known one. Plain functions over a connection: the app and the CLI share them.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache

from werkzeug.security import check_password_hash, generate_password_hash

USERNAME_RE = re.compile(r"[a-z0-9][a-z0-9._-]{1,39}")
MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 1024  # hashing megabytes of "password" is a cheap denial of service
DEFAULT_METHOD = "scrypt"


class UserError(ValueError):
    """A refused user operation; ``message`` is Spanish, for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class StaffUser:
    username: str
    created_at: str
    updated_at: str
    active: bool


def utc_now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def normalize_username(name: str) -> str:
    """The canonical form of a user name (lower case), or UserError when it is not valid."""
    canonical = name.strip().lower()
    if not USERNAME_RE.fullmatch(canonical):
        raise UserError("El nombre de usuario debe tener de 2 a 40 caracteres: letras sin "
                        "acentos, dígitos, punto, guion o guion bajo, y empezar con letra o "
                        "dígito.")
    return canonical


def check_password_policy(password: str) -> None:
    """UserError (Spanish) when a new password is too short or too long."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(f"La contraseña es demasiado corta: use al menos {MIN_PASSWORD_LENGTH} "
                        "caracteres.")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise UserError(f"La contraseña es demasiado larga: use como máximo "
                        f"{MAX_PASSWORD_LENGTH} caracteres.")
    if not password.strip():
        raise UserError("La contraseña no puede estar formada sólo por espacios.")


def create_user(conn: sqlite3.Connection, name: str, password: str, *,
                method: str = DEFAULT_METHOD) -> str:
    """Add a staff user; returns the canonical name. UserError if it exists or is invalid."""
    username = normalize_username(name)
    check_password_policy(password)
    now = utc_now_iso()
    try:
        with conn:
            conn.execute(
                "INSERT INTO staff_users (username, password_hash, created_at, updated_at) "
                "VALUES (?, ?, ?, ?)",
                (username, generate_password_hash(password, method=method), now, now),
            )
    except sqlite3.IntegrityError:
        raise UserError(f"Ya existe el usuario «{username}».") from None
    return username


def set_password(conn: sqlite3.Connection, name: str, password: str, *,
                 method: str = DEFAULT_METHOD) -> str:
    """Change a user's password and end all of that user's sessions."""
    username = normalize_username(name)
    check_password_policy(password)
    with conn:
        changed = conn.execute(
            "UPDATE staff_users SET password_hash = ?, updated_at = ? WHERE username = ?",
            (generate_password_hash(password, method=method), utc_now_iso(), username),
        ).rowcount
        if not changed:
            raise UserError(f"No existe el usuario «{username}».")
        conn.execute("DELETE FROM staff_sessions WHERE username = ?", (username,))
    return username


def set_active(conn: sqlite3.Connection, name: str, active: bool) -> str:
    """Enable or disable a user (a disabled user cannot log in; its sessions end)."""
    username = normalize_username(name)
    with conn:
        changed = conn.execute(
            "UPDATE staff_users SET active = ?, updated_at = ? WHERE username = ?",
            (int(active), utc_now_iso(), username),
        ).rowcount
        if not changed:
            raise UserError(f"No existe el usuario «{username}».")
        if not active:
            conn.execute("DELETE FROM staff_sessions WHERE username = ?", (username,))
    return username


def list_users(conn: sqlite3.Connection) -> list[StaffUser]:
    rows = conn.execute(
        "SELECT username, created_at, updated_at, active FROM staff_users ORDER BY username"
    ).fetchall()
    return [StaffUser(r["username"], r["created_at"], r["updated_at"], bool(r["active"]))
            for r in rows]


@cache
def _dummy_hash() -> str:
    return generate_password_hash("contraseña de relleno para igualar tiempos",
                                  method=DEFAULT_METHOD)


def verify_password(conn: sqlite3.Connection, name: str, password: str) -> str | None:
    """The canonical user name when ``password`` is that active user's, else None.

    Costs one hash check whether or not the user exists (no timing oracle)."""
    try:
        username = normalize_username(name)
    except UserError:
        username = ""
    row = conn.execute(
        "SELECT password_hash FROM staff_users WHERE username = ? AND active = 1", (username,)
    ).fetchone() if username else None
    if len(password) > MAX_PASSWORD_LENGTH:
        password = password[:MAX_PASSWORD_LENGTH + 1]  # still a wrong password, cheaply
    if row is None:
        check_password_hash(_dummy_hash(), password)
        return None
    return username if check_password_hash(row["password_hash"], password) else None
