"""The publication store: every document staff uploaded, held, released, withdrew or corrected,
with its state, in the staff database (one SQLite file, ``STAFF_DB``), and the uploaded
originals under server-made names in ``LIBRARY_DIR``.

The store is the truth about publication; the index follows it (``search_app.admin.publish``):
* ``publicado``: in the index, with its corrections applied;
* ``retenido``: held by the personal-data gate, not in the index until staff release it;
* ``retirado``: withdrawn by staff, kept out of the index across reindexes (reversible);
* ``rechazado``: held and then rejected by staff, never published.
A published document that staff never touched (indexed by ``precedentes index``) has no row;
it gets one, with its record as indexed, the first time staff withdraw or correct it.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from corpus.personal_data import Finding
from corpus.records import DocumentRecord
from search_app.admin.corrections import apply_overrides
from search_app.admin.db import register_schema

STATES: dict[str, str] = {
    "publicado": "Publicado",
    "retenido": "Retenido (datos personales)",
    "retirado": "Retirado",
    "rechazado": "Rechazado",
}
HIDDEN_STATES: tuple[str, ...] = ("retenido", "retirado", "rechazado")
ORIGINS: dict[str, str] = {
    "subida": "Subido por el personal",
    "indice": "Publicado por «precedentes index»",
}

SCHEMA = """
CREATE TABLE IF NOT EXISTS library_documents (
    id TEXT PRIMARY KEY,
    state TEXT NOT NULL,
    origin TEXT NOT NULL,
    record TEXT NOT NULL,
    overrides TEXT NOT NULL DEFAULT '{}',
    findings TEXT NOT NULL DEFAULT '[]',
    display_name TEXT NOT NULL DEFAULT '',
    sha256 TEXT NOT NULL DEFAULT '',
    released_sha256 TEXT,
    ingest_id INTEGER,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS library_documents_state ON library_documents (state, updated_at);
CREATE TABLE IF NOT EXISTS library_ingests (
    n INTEGER PRIMARY KEY AUTOINCREMENT,
    started_at TEXT NOT NULL,
    user TEXT NOT NULL DEFAULT '',
    garante TEXT,
    report TEXT NOT NULL DEFAULT '{}'
);
"""
register_schema(SCHEMA)  # every staff connection (app and CLI) ensures these tables


@dataclass(frozen=True)
class Entry:
    """One row of the store: the record as extracted, the staff's corrections, its state."""

    id: str
    state: str
    origin: str
    record: DocumentRecord  # as extracted (or as indexed), without corrections
    overrides: dict[str, Any] = field(default_factory=dict)
    findings: tuple[Finding, ...] = ()
    display_name: str = ""
    sha256: str = ""
    released_sha256: str | None = None
    ingest_id: int | None = None
    updated_at: str = ""
    updated_by: str = ""

    @property
    def effective(self) -> DocumentRecord:
        """The record as published: corrections applied."""
        return apply_overrides(self.record, self.overrides)

    @property
    def state_label(self) -> str:
        return STATES.get(self.state, self.state)

    @property
    def hidden(self) -> bool:
        return self.state in HIDDEN_STATES


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def get(conn: sqlite3.Connection, doc_id: str) -> Entry | None:
    row = conn.execute(f"SELECT {_COLUMNS} FROM library_documents WHERE id = ?", (doc_id,)).fetchone()
    return _entry(row) if row else None


def put(conn: sqlite3.Connection, entry: Entry, *, user: str = "") -> Entry:
    """Insert or replace ``entry`` (stamped now, by ``user``)."""
    stamped = Entry(**{**entry.__dict__, "updated_at": now(), "updated_by": user})
    with conn:
        conn.execute(
            f"INSERT OR REPLACE INTO library_documents ({_COLUMNS}) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            _row(stamped),
        )
    return stamped


def set_state(
    conn: sqlite3.Connection, entry: Entry, state: str, *, user: str = "",
    released_sha256: str | None = None,
) -> Entry:
    if state not in STATES:
        raise ValueError(state)
    changes: dict[str, Any] = {"state": state}
    if released_sha256 is not None:
        changes["released_sha256"] = released_sha256
    return put(conn, Entry(**{**entry.__dict__, **changes}), user=user)


def set_overrides(
    conn: sqlite3.Connection, entry: Entry, overrides: dict[str, Any], *, user: str = ""
) -> Entry:
    return put(conn, Entry(**{**entry.__dict__, "overrides": dict(overrides)}), user=user)


def entries(
    conn: sqlite3.Connection,
    *,
    states: Iterable[str] = (),
    q: str = "",
    limit: int = 100,
    offset: int = 0,
) -> list[Entry]:
    """Entries newest first, filtered by state and by ``q`` in the id, expediente or file name."""
    where, args = _where(states, q)
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM library_documents {where} "
        "ORDER BY updated_at DESC, id LIMIT ? OFFSET ?",
        (*args, limit, offset),
    ).fetchall()
    return [_entry(r) for r in rows]


def count(conn: sqlite3.Connection, *, states: Iterable[str] = (), q: str = "") -> int:
    where, args = _where(states, q)
    row = conn.execute(f"SELECT count(*) FROM library_documents {where}", args).fetchone()
    return int(row[0])


def iter_all(conn: sqlite3.Connection) -> Iterator[Entry]:
    """Every entry, in id order (reindexing)."""
    for row in conn.execute(f"SELECT {_COLUMNS} FROM library_documents ORDER BY id"):
        yield _entry(row)


def hidden_ids(conn: sqlite3.Connection) -> set[str]:
    """Ids that must not be in the index."""
    marks = ",".join("?" * len(HIDDEN_STATES))
    sql = f"SELECT id FROM library_documents WHERE state IN ({marks})"
    return {r[0] for r in conn.execute(sql, HIDDEN_STATES)}


def is_hidden(conn: sqlite3.Connection, doc_id: str) -> bool:
    row = conn.execute("SELECT state FROM library_documents WHERE id = ?", (doc_id,)).fetchone()
    return bool(row) and row[0] in HIDDEN_STATES


def is_hidden_at(db_path: str | Path | None, doc_id: str) -> bool:
    """``is_hidden`` for the public pages: read-only, and False when there is no staff
    database (or no store in it) — a site without a staff area publishes its index as is."""
    if not db_path or not Path(db_path).is_file():
        return False
    try:
        conn = sqlite3.connect(f"{Path(db_path).resolve().as_uri()}?mode=ro", uri=True,
                               timeout=5.0)
    except sqlite3.Error:
        return False
    try:
        return is_hidden(conn, doc_id)
    except sqlite3.OperationalError:  # no such table: the store was never used
        return False
    finally:
        conn.close()


def hidden_ids_at(db_path: str | Path | None) -> frozenset[str]:
    """``hidden_ids`` for the public pages (read-only; empty without a staff database)."""
    if not db_path or not Path(db_path).is_file():
        return frozenset()
    try:
        conn = sqlite3.connect(f"{Path(db_path).resolve().as_uri()}?mode=ro", uri=True,
                               timeout=5.0)
    except sqlite3.Error:
        return frozenset()
    try:
        return frozenset(hidden_ids(conn))
    except sqlite3.OperationalError:  # no such table: the store was never used
        return frozenset()
    finally:
        conn.close()


# -- ingestion reports ------------------------------------------------------------------


def add_ingest(conn: sqlite3.Connection, report: dict[str, Any], *, user: str = "",
               garante: str | None = None) -> int:
    with conn:
        cur = conn.execute(
            "INSERT INTO library_ingests (started_at, user, garante, report) VALUES (?, ?, ?, ?)",
            (now(), user, garante, json.dumps(report, ensure_ascii=False)),
        )
    return int(cur.lastrowid or 0)


def update_ingest(conn: sqlite3.Connection, n: int, report: dict[str, Any]) -> None:
    with conn:
        conn.execute("UPDATE library_ingests SET report = ? WHERE n = ?",
                     (json.dumps(report, ensure_ascii=False), n))


def get_ingest(conn: sqlite3.Connection, n: int) -> dict[str, Any] | None:
    row = conn.execute(
        "SELECT n, started_at, user, garante, report FROM library_ingests WHERE n = ?", (n,)
    ).fetchone()
    if row is None:
        return None
    return {"n": row[0], "started_at": row[1], "user": row[2], "garante": row[3],
            "report": json.loads(row[4])}


def recent_ingests(conn: sqlite3.Connection, limit: int = 20) -> list[dict[str, Any]]:
    rows = conn.execute(
        "SELECT n FROM library_ingests ORDER BY n DESC LIMIT ?", (limit,)
    ).fetchall()
    return [i for i in (get_ingest(conn, r[0]) for r in rows) if i is not None]


# -- rows ---------------------------------------------------------------------------------

_COLUMNS = (
    "id, state, origin, record, overrides, findings, display_name, sha256, released_sha256, "
    "ingest_id, updated_at, updated_by"
)


def _where(states: Iterable[str], q: str) -> tuple[str, tuple[Any, ...]]:
    clauses: list[str] = []
    args: list[Any] = []
    wanted = [s for s in states if s in STATES]
    if wanted:
        clauses.append(f"state IN ({','.join('?' * len(wanted))})")
        args.extend(wanted)
    q = q.strip()
    if q:
        like = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        clauses.append(
            "(id LIKE ? ESCAPE '\\' OR display_name LIKE ? ESCAPE '\\' "
            "OR json_extract(record, '$.expediente') LIKE ? ESCAPE '\\' "
            "OR json_extract(overrides, '$.expediente') LIKE ? ESCAPE '\\')"
        )
        args.extend([like] * 4)
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", tuple(args)


def _row(entry: Entry) -> tuple[Any, ...]:
    return (
        entry.id,
        entry.state,
        entry.origin,
        json.dumps(entry.record.to_dict(), ensure_ascii=False),
        json.dumps(entry.overrides, ensure_ascii=False, sort_keys=True),
        json.dumps([f.to_dict() for f in entry.findings], ensure_ascii=False),
        entry.display_name,
        entry.sha256,
        entry.released_sha256,
        entry.ingest_id,
        entry.updated_at,
        entry.updated_by,
    )


def _entry(row: Any) -> Entry:
    return Entry(
        id=row[0],
        state=row[1],
        origin=row[2],
        record=DocumentRecord.from_dict(json.loads(row[3])),
        overrides=json.loads(row[4]),
        findings=tuple(Finding.from_dict(f) for f in json.loads(row[5])),
        display_name=row[6],
        sha256=row[7],
        released_sha256=row[8],
        ingest_id=row[9],
        updated_at=row[10],
        updated_by=row[11],
    )
