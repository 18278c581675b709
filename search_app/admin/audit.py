"""The audit log: who changed what in the staff area, when and from where.

``audit(...)`` is what views call (user and address from the request); ``record(...)`` is the
same write for code without a request (the ``precedentes staff`` command). Entries are only
ever appended; the audit page lists them newest first.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from flask import has_request_context

from search_app.admin.db import get_db
from search_app.admin.users import utc_now_iso

# Spanish labels of the actions this module's callers record; other actions show as recorded.
ACTION_LABELS: dict[str, str] = {
    "auth.login": "Entrada",
    "auth.login_failed": "Entrada fallida",
    "auth.locked": "Entrada bloqueada (demasiados intentos)",
    "auth.logout": "Salida",
    "staff.create_user": "Alta de usuario",
    "staff.passwd": "Cambio de contraseña",
    "staff.disable": "Baja de usuario (desactivado)",
    "staff.enable": "Usuario reactivado",
    "documentos.subir": "Subida de archivos",
    "documentos.ingesta": "Ingesta terminada",
    "documento.liberar": "Documento liberado tras la revisión",
    "documento.rechazar": "Documento rechazado en la revisión",
    "documento.retirar": "Documento retirado de la publicación",
    "documento.republicar": "Documento publicado de nuevo",
    "documento.corregir": "Corrección de metadatos",
    "indice.reindexar": "Reindexación",
}
MAX_FIELD = 500  # characters kept of target (a form field could be anything)


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: str
    username: str
    address: str
    action: str
    target: str
    detail: Any

    @property
    def label(self) -> str:
        return ACTION_LABELS.get(self.action, self.action)

    @property
    def detail_text(self) -> str:
        if self.detail in ("", None, {}):
            return ""
        if isinstance(self.detail, str):
            return self.detail
        return json.dumps(self.detail, ensure_ascii=False, sort_keys=True)


def record(conn: sqlite3.Connection, *, username: str, address: str, action: str,
           target: str = "", detail: Mapping[str, Any] | str = "") -> None:
    """Append one entry (time in UTC, ISO 8601; detail stored as JSON)."""
    payload = json.dumps(detail if isinstance(detail, str) else dict(detail),
                         ensure_ascii=False, sort_keys=True, default=str)
    with conn:
        conn.execute(
            "INSERT INTO audit_log (at, username, address, action, target, detail) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (utc_now_iso(), username, address, action, str(target)[:MAX_FIELD], payload),
        )


def audit(action: str, target: str = "", detail: Mapping[str, Any] | str = "") -> None:
    """Record an action of the current request's staff user (or of an anonymous client)."""
    from search_app.admin.auth import client_address, current_staff

    username = address = ""
    if has_request_context():
        username = current_staff() or ""
        address = client_address()
    record(get_db(), username=username, address=address, action=action, target=target,
           detail=detail)


def _entry(row: sqlite3.Row) -> AuditEntry:
    try:
        detail = json.loads(row["detail"])
    except ValueError:
        detail = row["detail"]
    return AuditEntry(row["id"], row["at"], row["username"], row["address"], row["action"],
                      row["target"], detail)


@dataclass(frozen=True)
class AuditFilter:
    """What the audit page narrows to: a user, an action, text within the target."""

    username: str = ""
    action: str = ""
    target: str = ""

    def where(self) -> tuple[str, tuple[str, ...]]:
        clauses: list[str] = []
        args: list[str] = []
        if self.username:
            clauses.append("username = ?")
            args.append(self.username)
        if self.action:
            clauses.append("action = ?")
            args.append(self.action)
        if self.target:
            clauses.append("instr(lower(target), lower(?)) > 0")
            args.append(self.target)
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), tuple(args)


def recent(limit: int = 50, offset: int = 0, *, conn: sqlite3.Connection | None = None,
           where: AuditFilter | None = None) -> list[AuditEntry]:
    """The newest entries first (``offset`` for pagination, ``where`` to narrow)."""
    conn = conn or get_db()
    sql, args = (where or AuditFilter()).where()
    rows = conn.execute(
        "SELECT id, at, username, address, action, target, detail FROM audit_log"
        f"{sql} ORDER BY id DESC LIMIT ? OFFSET ?", (*args, max(0, limit), max(0, offset))
    ).fetchall()
    return [_entry(r) for r in rows]


def count(*, conn: sqlite3.Connection | None = None, where: AuditFilter | None = None) -> int:
    conn = conn or get_db()
    sql, args = (where or AuditFilter()).where()
    total: int = conn.execute(f"SELECT count(*) FROM audit_log{sql}", args).fetchone()[0]
    return total


def actions(*, conn: sqlite3.Connection | None = None) -> list[tuple[str, str]]:
    """The actions recorded so far, as (action, Spanish label), for the page's filter."""
    conn = conn or get_db()
    found = [r[0] for r in conn.execute("SELECT DISTINCT action FROM audit_log ORDER BY action")]
    return [(a, ACTION_LABELS.get(a, a)) for a in found]
