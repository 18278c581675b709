"""Staff actions on publication: admit an ingested record through the personal-data gate,
release or reject a held one, withdraw or restore, correct metadata, reindex.

The store (``search_app.admin.library``) says what is published; each action changes the
index first and the store after, so an ``IndexLockedError`` (another writer: its Spanish
message is for the staff) leaves both as they were. The one exception is publishing a new
upload while the index is busy: the store then says "publicado" and the next reindex (or
upload) writes it — a late publication, never a late withdrawal.

Every action returns ``(before, after)`` entries for the audit log. Engines and connections
are passed in; nothing here reads settings.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from corpus.personal_data import DEFAULT_OPTIONS, Finding, ScanOptions, check
from corpus.records import DocumentRecord
from indexer.engine import Engine, IndexLockedError
from search_app.admin import library
from search_app.admin.library import Entry

LOCK_RETRY_S = 0.25
MIN_WORDS = 30  # fewer words: a failed extraction or not a resolution at all; staff decide


class PatientEngine:
    """An engine whose writes wait up to ``wait_s`` seconds for the index's write lock.

    With several gunicorn workers (or an upload ingesting in the background) two staff actions
    often meet at the lock; the engines refuse at once (``IndexLockedError``), so without this
    the second staff member gets a "try again" page for a lock held a fraction of a second.
    Every other attribute is the wrapped engine's."""

    def __init__(self, engine: Engine, wait_s: float,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self._engine = engine
        self._wait_s = max(0.0, float(wait_s))
        self._sleep = sleep

    def __getattr__(self, name: str) -> Any:
        return getattr(self._engine, name)

    def _patiently(self, write: Callable[[], Any]) -> Any:
        waited = 0.0
        while True:
            try:
                return write()
            except IndexLockedError:
                if waited + LOCK_RETRY_S > self._wait_s:
                    raise
                self._sleep(LOCK_RETRY_S)
                waited += LOCK_RETRY_S

    def update(self, records: Iterable[DocumentRecord], **kwargs: Any) -> Any:
        batch = list(records)  # a retry writes the same records again
        return self._patiently(lambda: self._engine.update(batch, **kwargs))

    def delete(self, ids: Iterable[str]) -> int:
        batch = list(ids)
        return int(self._patiently(lambda: self._engine.delete(batch)))


class ActionError(ValueError):
    """An action that does not apply to the document's state (Spanish message)."""


@dataclass(frozen=True)
class Admission:
    """What happened to one ingested record."""

    entry: Entry
    indexed: bool  # False: the index was busy (``index_error``) or the record is not public
    index_error: str | None = None
    note: str = ""  # Spanish, e.g. "estaba retirado; sigue retirado"


def gate_text(record: DocumentRecord) -> str:
    """What the gate scans: every text a reader would see."""
    return "\n\n".join(p for p in (record.title, record.rubro or "", record.text) if p)


def too_little_text(record: DocumentRecord, min_words: int = MIN_WORDS) -> Finding | None:
    """A finding when the document's text is nearly empty (an image-only scan without OCR, an
    entity bomb reduced to its entity name, a cover page): held for a look like personal data."""
    words = record.text.split()
    if len(words) >= min_words:
        return None
    return Finding(kind="texto_insuficiente", value=f"{len(words)} palabras", start=0, end=0,
                   rule="pocas_palabras", confidence="high", before="",
                   after=" " + " ".join(words)[:160])


def admit(
    conn: sqlite3.Connection,
    engine: Engine,
    record: DocumentRecord,
    *,
    origin: str = "subida",
    display_name: str = "",
    ingest_id: int | None = None,
    user: str = "",
    options: ScanOptions = DEFAULT_OPTIONS,
) -> Admission:
    """Store an ingested record and publish it when the gate finds nothing (or staff already
    released this very content). A withdrawn document stays withdrawn; a rejected one stays
    rejected unless its content changed."""
    sha = record.source_sha256 or ""
    old = library.get(conn, record.id)
    base = Entry(id=record.id, state="retenido", origin=origin, record=record,
                 display_name=display_name, sha256=sha, ingest_id=ingest_id,
                 overrides=old.overrides if old else {},
                 released_sha256=old.released_sha256 if old else None)
    if old is not None and old.state == "retirado":
        entry = library.put(conn, replace(base, state="retirado"), user=user)
        return Admission(entry, False, note="el documento estaba retirado; sigue retirado")
    if old is not None and old.state == "rechazado" and old.sha256 == sha:
        entry = library.put(conn, replace(base, state="rechazado"), user=user)
        return Admission(entry, False, note="este mismo archivo ya había sido rechazado")
    result = check(gate_text(record), options)
    empty = too_little_text(record)
    findings = result.findings + ((empty,) if empty else ())
    released = bool(sha) and base.released_sha256 == sha
    if findings and not released:
        held = replace(base, findings=findings)
        try:
            _delete(engine, [record.id])  # an older published version must not stay public
        except IndexLockedError as exc:  # stored as held: the public pages check the store
            return Admission(library.put(conn, held, user=user), False, index_error=str(exc))
        return Admission(library.put(conn, held, user=user), False)
    published = replace(base, state="publicado", findings=result.findings)
    try:
        engine.update([published.effective])
    except IndexLockedError as exc:
        return Admission(library.put(conn, published, user=user), False, index_error=str(exc))
    return Admission(library.put(conn, published, user=user), True)


def release(conn: sqlite3.Connection, engine: Engine, entry: Entry, *, user: str = ""
            ) -> tuple[Entry, Entry]:
    """Publish a held document: staff checked its findings."""
    _require(entry, ("retenido", "rechazado"), "liberar")
    engine.update([entry.effective])
    after = library.set_state(conn, entry, "publicado", user=user,
                              released_sha256=entry.sha256 or "liberado")
    return entry, after


def reject(conn: sqlite3.Connection, engine: Engine, entry: Entry, *, user: str = ""
           ) -> tuple[Entry, Entry]:
    """Keep a held document out of publication for good (a new version may be uploaded)."""
    _require(entry, ("retenido",), "rechazar")
    _delete(engine, [entry.id])
    return entry, library.set_state(conn, entry, "rechazado", user=user)


def withdraw(conn: sqlite3.Connection, engine: Engine, doc_id: str, *, user: str = ""
             ) -> tuple[Entry, Entry]:
    """Take a published document out of the index; it stays out across reindexes."""
    entry = entry_for(conn, engine, doc_id)
    _require(entry, ("publicado",), "retirar")
    _delete(engine, [entry.id])
    return entry, library.set_state(conn, entry, "retirado", user=user)


def restore(conn: sqlite3.Connection, engine: Engine, entry: Entry, *, user: str = ""
            ) -> tuple[Entry, Entry]:
    """Undo a withdrawal."""
    _require(entry, ("retirado",), "volver a publicar")
    engine.update([entry.effective])
    return entry, library.set_state(conn, entry, "publicado", user=user)


def correct(conn: sqlite3.Connection, engine: Engine, entry: Entry, overrides: dict[str, Any],
            *, user: str = "") -> tuple[Entry, Entry]:
    """Store corrections (``search_app.admin.corrections.validate``'s overrides); a published
    document is rewritten in the index at once."""
    after = replace(entry, overrides=dict(overrides))
    if entry.state == "publicado":
        engine.update([after.effective])
    return entry, library.set_overrides(conn, entry, overrides, user=user)


def entry_for(conn: sqlite3.Connection, engine: Engine, doc_id: str) -> Entry:
    """The store's entry of ``doc_id``; for an indexed document staff never touched, a new
    one holding the record as indexed (not stored until an action changes it)."""
    entry = library.get(conn, doc_id)
    if entry is not None:
        return entry
    record = engine.get(doc_id)
    if record is None:
        raise LookupError(doc_id)
    return Entry(id=doc_id, state="publicado", origin="indice", record=record,
                 display_name="", sha256=record.source_sha256 or "")


@dataclass
class ReindexReport:
    """What a reindex did (Spanish lines for the page and the audit log)."""

    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    removed: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)

    def lines(self) -> list[str]:
        return [
            f"Publicados agregados: {self.added}; reescritos: {self.replaced}; sin cambios: "
            f"{self.unchanged}",
            f"Quitados del índice (retenidos, retirados o rechazados): {self.removed}",
            *(f"Falló {source}: {reason}" for source, reason in self.failed),
        ]


def reindex(conn: sqlite3.Connection, engine: Engine) -> ReindexReport:
    """Make the index agree with the store: every published entry written with its
    corrections, every hidden one removed. Documents the store does not know (indexed by
    ``precedentes index`` and never touched by staff) are left as they are."""
    published = (e.effective for e in library.iter_all(conn) if e.state == "publicado")
    report = engine.update(published)
    removed = _delete(engine, sorted(library.hidden_ids(conn)))
    return ReindexReport(report.added, report.replaced, report.unchanged, removed,
                         list(report.failed))


def _delete(engine: Engine, ids: list[str]) -> int:
    return engine.delete(ids) if ids else 0


def _require(entry: Entry, states: tuple[str, ...], verb: str) -> None:
    if entry.state not in states:
        raise ActionError(
            f"No se puede {verb} un documento en estado «{entry.state_label}»."
        )
