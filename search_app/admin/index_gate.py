"""The publication gate on the other way into the index, ``precedentes index``.

Each record is checked against the staff's publication store (when there is one) and the
personal-data gate before the engine sees it:
* withdrawn, rejected or still-held documents (same content) stay out of the index;
* staff corrections are applied (they survive re-ingestion of the same files);
* a document with personal-data findings is held: left out, reported, and put in the review
  queue (``/admin/revision``) when a store is available — unless ``hold=False``
  (``--sin-revision``), which publishes it and only reports it;
* content staff already released, or that was already published unchanged, is not re-checked.
The check runs in ``workers`` processes (about 100 documents/s per process on 7,000-character
resolutions); the store is read and written only here, in the parent.
"""

from __future__ import annotations

import itertools
import multiprocessing
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from corpus.personal_data import DEFAULT_OPTIONS, GateResult, ScanOptions, check
from corpus.records import DocumentRecord
from search_app.admin import library
from search_app.admin.library import Entry
from search_app.admin.publish import gate_text

CHUNK = 64


@dataclass
class GateReport:
    """What the gate did in one run (Spanish lines for the CLI)."""

    checked: int = 0
    held: list[tuple[str, str, dict[str, int]]] = field(default_factory=list)  # id, source, kinds
    published_with_findings: list[tuple[str, str, dict[str, int]]] = field(default_factory=list)
    kept_out: list[tuple[str, str]] = field(default_factory=list)  # id, state in the store
    corrected: int = 0
    store: str | None = None

    def lines(self) -> list[str]:
        out = [f"Revisión de datos personales: {self.checked} documentos revisados; "
               f"retenidos: {len(self.held)}; publicados con hallazgos (--sin-revision): "
               f"{len(self.published_with_findings)}"]
        if self.kept_out:
            out.append(f"Fuera por decisión del personal (retirados, rechazados o en "
                       f"revisión): {len(self.kept_out)}")
        if self.corrected:
            out.append(f"Con correcciones del personal aplicadas: {self.corrected}")
        for doc_id, source, kinds in self.held:
            out.append(f"RETENIDO {doc_id} ({source}): {_kinds(kinds)}")
        for doc_id, source, kinds in self.published_with_findings:
            out.append(f"AVISO publicado con posibles datos personales {doc_id} ({source}): "
                       f"{_kinds(kinds)}")
        if self.held:
            out.append(f"Los retenidos esperan revisión en /admin/revision (base {self.store})."
                       if self.store else
                       "Los retenidos no se indexaron. Para revisarlos en /admin/revision, "
                       "indique la base del personal con --staff-db.")
        return out


class IndexGate:
    """A filter over the records going into the index (see the module docstring)."""

    def __init__(self, store_path: Path | None, *, hold: bool = True, workers: int = 1,
                 options: ScanOptions = DEFAULT_OPTIONS, create_store: bool = False) -> None:
        self.store_path = store_path
        self.hold = hold
        self.workers = max(1, workers)
        self.options = options
        self.create_store = create_store
        self.withheld_ids: list[str] = []
        self.report = GateReport()
        self._conn: sqlite3.Connection | None = None

    # -- the store ----------------------------------------------------------------------

    def _store(self, create: bool = False) -> sqlite3.Connection | None:
        if self._conn is None and self.store_path is not None:
            exists = self.store_path.is_file()
            if exists or (create and self.create_store):
                from search_app.admin.db import connect

                self._conn = connect(self.store_path)
                self.report.store = str(self.store_path)
        return self._conn

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    # -- filtering ----------------------------------------------------------------------

    def filter(self, records: Iterable[DocumentRecord]) -> Iterator[DocumentRecord]:
        """The records that may be published, corrected; the others are reported."""
        stream = iter(records)
        pool: Any = None
        try:
            while chunk := list(itertools.islice(stream, CHUNK * self.workers)):
                plans = [self._plan(r) for r in chunk]
                todo = [gate_text(r) for r, entry, needs in plans if needs]
                if todo and self.workers > 1 and pool is None:
                    pool = multiprocessing.get_context("fork").Pool(self.workers)
                results = iter(pool.map(_check, [(t, self.options) for t in todo])
                               if pool is not None and len(todo) > 1
                               else [_check((t, self.options)) for t in todo])
                for record, entry, needs in plans:
                    result = next(results) if needs else None
                    out = self._decide(record, entry, result)
                    if out is not None:
                        yield out
        finally:
            if pool is not None:
                pool.close()
                pool.join()

    def _plan(self, record: DocumentRecord) -> tuple[DocumentRecord, Entry | None, bool]:
        """(record, its store entry, whether its text must be checked)."""
        conn = self._store()
        entry = library.get(conn, record.id) if conn is not None else None
        sha = record.source_sha256 or ""
        if entry is None:
            return record, None, True
        same = bool(sha) and entry.sha256 == sha
        if entry.state == "retirado" or (entry.state in ("retenido", "rechazado") and same):
            return record, entry, False
        released = bool(sha) and entry.released_sha256 == sha
        return record, entry, not (released or (entry.state == "publicado" and same))

    def _decide(self, record: DocumentRecord, entry: Entry | None,
                result: GateResult | None) -> DocumentRecord | None:
        sha = record.source_sha256 or ""
        if entry is not None and (entry.state == "retirado" or (
                entry.state in ("retenido", "rechazado") and entry.sha256 == sha)):
            self.report.kept_out.append((record.id, entry.state))
            self.withheld_ids.append(record.id)
            return None
        if result is not None:
            self.report.checked += 1
        source = record.source_path or record.id
        if result is not None and result.findings:
            counts = result.counts()
            if self.hold:
                self.report.held.append((record.id, source, counts))
                self.withheld_ids.append(record.id)
                self._put(entry, record, "retenido", result)
                return None
            self.report.published_with_findings.append((record.id, source, counts))
        if entry is not None:
            if entry.overrides:
                self.report.corrected += 1
            if entry.sha256 != sha or entry.state != "publicado":
                self._put(entry, record, "publicado", result)
            return replace(entry, record=record).effective
        return record

    def _put(self, entry: Entry | None, record: DocumentRecord, state: str,
             result: GateResult | None) -> None:
        conn = self._store(create=state == "retenido")
        if conn is None:
            return
        findings = result.findings if result is not None else ()
        base = entry or Entry(id=record.id, state=state, origin="indice", record=record)
        library.put(conn, replace(base, state=state, record=record, findings=findings,
                                  sha256=record.source_sha256 or ""), user="precedentes index")


def _check(item: tuple[str, ScanOptions]) -> GateResult:
    text, options = item
    return check(text, options)


def _kinds(counts: dict[str, int]) -> str:
    from corpus.personal_data import KIND_LABELS

    return ", ".join(f"{KIND_LABELS.get(k, k)} {n}" for k, n in sorted(counts.items()))
