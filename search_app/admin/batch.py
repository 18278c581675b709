"""One staff upload, end to end: store each file (cap, sniff, server-made name), ingest the
kept ones through the bounded pipeline, admit each record through the personal-data gate
(publish or hold), and keep the ingestion report in the store (``/admin/ingestas/<n>``)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
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
    "rechazado_archivo": "No admitido",
}


def run_batch(
    conn: sqlite3.Connection,
    engine: Engine,
    files: Iterable[tuple[IO[bytes], str | None]],
    *,
    library_dir: Path,
    limits: IngestLimits,
    garante: str | None = None,
    user: str = "",
    enrich: Callable[[DocumentRecord], DocumentRecord | None] | None = None,
    options: ScanOptions = DEFAULT_OPTIONS,
) -> tuple[int, dict[str, Any]]:
    """Process an upload; returns (ingest number, report)."""
    rows: list[dict[str, Any]] = []
    kept: dict[str, Stored] = {}
    for stream, filename in files:
        outcome = store_upload(stream, filename, library_dir, limits.max_file_bytes)
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
    n = library.add_ingest(conn, {"files": rows, "summary": [], "state": "en proceso"},
                           user=user, garante=garante)
    summary = IngestSummary()
    index_errors: list[str] = []
    for item in ingest_stored(kept.values(), garante=garante, limits=limits, enrich=enrich,
                              summary=summary):
        stored, result = item.stored, item.result
        if isinstance(result, IngestFailure):
            rows.append(file_row(stored, outcome="fallido", reason=result.reason,
                                 message=failure_message(result, stored)))
            continue
        admission = publish.admit(conn, engine, result, origin="subida",
                                  display_name=stored.display_name, ingest_id=n, user=user,
                                  options=options)
        entry = admission.entry
        if admission.index_error and admission.index_error not in index_errors:
            index_errors.append(admission.index_error)
        rows.append(file_row(
            stored, outcome=entry.state, doc_id=entry.id, title=entry.effective.title,
            expediente=entry.effective.expediente, garante=entry.effective.garante,
            findings=len(entry.findings) if entry.state == "retenido" else 0,
            note=admission.note, **pages(result),
        ))
    report = {
        "files": rows,
        "summary": summary.lines(),
        "counts": _counts(rows),
        "index_errors": index_errors,
        "state": "terminada",
    }
    library.update_ingest(conn, n, report)
    return n, report


def _counts(rows: list[dict[str, Any]]) -> dict[str, int]:
    out: dict[str, int] = {}
    for row in rows:
        out[row["outcome"]] = out.get(row["outcome"], 0) + 1
    return out
