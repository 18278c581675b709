"""One staff upload: ``receive`` stores each file (cap, sniff, server-made name) inside the
request; ``process`` ingests the kept ones through the bounded pipeline and admits each record
through the personal-data gate (publish or hold) — in the request or in a background thread
(OCR can take minutes) — and keeps the ingestion report in the store (``/admin/ingestas/<n>``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from corpus.personal_data import DEFAULT_OPTIONS, ScanOptions
from corpus.pipeline import IngestFailure, IngestSummary
from corpus.records import DocumentRecord
from indexer.engine import Engine
from search_app.admin import library, publish
from search_app.admin.uploads import (
    IngestLimits,
    Refused,
    Stored,
    failure_message,
    file_row,
    ingest_stored,
    pages,
    store_upload,
)

OUTCOME_LABELS: dict[str, str] = {
    "publicado": "Publicado",
    "retenido": "Retenido para revisión (datos personales)",
    "retirado": "No publicado: el documento está retirado",
    "rechazado": "No publicado: rechazado antes",
    "fallido": "Falló",
    "en_proceso": "En proceso",
    "rechazado_archivo": "No admitido",
}


@dataclass(frozen=True)
class Received:
    """An upload after its files were stored: the ingest number, the files to ingest and the
    report rows of the files refused already."""

    n: int
    kept: tuple[Stored, ...]
    rows: tuple[dict[str, Any], ...]


def receive(
    conn: sqlite3.Connection,
    files: Iterable[tuple[IO[bytes], str | None]],
    *,
    library_dir: Path,
    max_file_bytes: int,
    garante: str | None = None,
    user: str = "",
) -> Received:
    """Store an upload's files (inside the request: the streams end with it) and open its
    ingest report, "en proceso"."""
    rows: list[dict[str, Any]] = []
    kept: dict[str, Stored] = {}
    for stream, filename in files:
        outcome = store_upload(stream, filename, library_dir, max_file_bytes)
        if isinstance(outcome, Refused):
            rows.append(file_row(None, display_name=outcome.display_name,
                                 outcome="rechazado_archivo", reason=outcome.reason,
                                 message=outcome.message))
        elif outcome.sha256 in kept:
            rows.append(file_row(outcome, outcome="rechazado_archivo", reason="duplicate",
                                 message=f"{outcome.display_name}: el mismo archivo ya va en "
                                 "esta subida."))
        else:
            kept[outcome.sha256] = outcome
    waiting = [file_row(f, outcome="en_proceso") for f in kept.values()]
    n = library.add_ingest(conn, {"files": rows + waiting, "summary": [], "counts": {},
                                  "index_errors": [], "state": "en proceso"},
                           user=user, garante=garante)
    return Received(n, tuple(kept.values()), tuple(rows))


def process(
    conn: sqlite3.Connection,
    engine: Engine,
    received: Received,
    *,
    limits: IngestLimits,
    garante: str | None = None,
    user: str = "",
    enrich: Callable[[DocumentRecord], DocumentRecord | None] | None = None,
    options: ScanOptions = DEFAULT_OPTIONS,
) -> dict[str, Any]:
    """Ingest the stored files, admit each record through the gate, close the report.
    An unexpected error is kept in the report (state "falló"), never lost in a thread."""
    rows = list(received.rows)
    summary = IngestSummary()
    index_errors: list[str] = []
    state = "terminada"
    try:
        for item in ingest_stored(received.kept, garante=garante, limits=limits, enrich=enrich,
                                  summary=summary):
            rows.append(_admit(conn, engine, item.stored, item.result, received.n, user,
                               options, index_errors))
    except Exception as exc:  # reported on the ingest page; the files stay in the library
        state = "falló"
        index_errors.append(f"La ingesta se interrumpió: {exc!r}")
    report = {
        "files": rows,
        "summary": summary.lines(),
        "counts": _counts(rows),
        "index_errors": index_errors,
        "state": state,
    }
    library.update_ingest(conn, received.n, report)
    return report


def _admit(conn: sqlite3.Connection, engine: Engine, stored: Stored,
           result: DocumentRecord | IngestFailure, n: int, user: str, options: ScanOptions,
           index_errors: list[str]) -> dict[str, Any]:
    if isinstance(result, IngestFailure):
        return file_row(stored, outcome="fallido", reason=result.reason,
                        message=failure_message(result, stored))
    admission = publish.admit(conn, engine, result, origin="subida",
                              display_name=stored.display_name, ingest_id=n, user=user,
                              options=options)
    entry = admission.entry
    if admission.index_error and admission.index_error not in index_errors:
        index_errors.append(admission.index_error)
    return file_row(
        stored, outcome=entry.state, doc_id=entry.id, title=entry.effective.title,
        expediente=entry.effective.expediente, garante=entry.effective.garante,
        findings=len(entry.findings) if entry.state == "retenido" else 0,
        note=admission.note, warnings=[str(w) for w in
                                       (result.extraction or {}).get("warnings", [])][:10],
        **pages(result),
    )


def _counts(rows: list[dict[str, Any]]) -> dict[str, int]:
    out: dict[str, int] = {}
    for row in rows:
        out[row["outcome"]] = out.get(row["outcome"], 0) + 1
    return out
