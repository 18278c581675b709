"""Staff uploads: each file streamed to disk under a size cap, judged by its content (never
its name), kept under a server-made name (``<sha256>.<format>`` in ``LIBRARY_DIR/originales``)
and run through the real ingestion pipeline (bounded child processes: time and memory caps).

The user's file name is kept only as display metadata (path parts and control characters
stripped, length capped; pages escape it). The ingestion report of a batch is a plain dict
(JSON in the store), rendered by ``/admin/ingestas/<n>``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Any

from corpus.errors import IngestError
from corpus.extract.sniff import sniff_format
from corpus.pipeline import IngestFailure, IngestSummary, ingest_paths
from corpus.records import DocumentRecord

ORIGINALS = "originales"
INCOMING = "entrantes"
FORMATS: frozenset[str] = frozenset({"pdf", "docx", "html", "txt"})
DISPLAY_MAX = 200
CHUNK = 1 << 16
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class IngestLimits:
    """Caps for one upload (from the settings, passed in by the view)."""

    max_file_bytes: int
    timeout_s: float = 300.0
    max_memory_mb: int = 2048
    workers: int = 1


@dataclass(frozen=True)
class Stored:
    """A file kept in the library."""

    display_name: str
    sha256: str
    size: int
    format: str
    path: str


@dataclass(frozen=True)
class Refused:
    """A file not kept, with why (Spanish)."""

    display_name: str
    reason: str  # "too_large", "unsupported", "empty", "duplicate"...
    message: str


def display_name(filename: str | None) -> str:
    """The user's file name as safe display text: last path part, no control characters."""
    name = re.split(r"[\\/]", filename or "")[-1]
    name = _CONTROL.sub("", name).strip() or "(sin nombre)"
    return name[:DISPLAY_MAX]


def store_upload(stream: IO[bytes], filename: str | None, library_dir: Path,
                 max_bytes: int) -> Stored | Refused:
    """Copy ``stream`` into the library (at most ``max_bytes``), sniff it, name it by hash."""
    shown = display_name(filename)
    incoming = library_dir / INCOMING
    originals = library_dir / ORIGINALS
    incoming.mkdir(parents=True, exist_ok=True)
    originals.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    fd, tmp_name = tempfile.mkstemp(dir=incoming, suffix=".part")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            while block := stream.read(CHUNK):
                size += len(block)
                if size > max_bytes:
                    mb = max_bytes / (1 << 20)
                    return Refused(shown, "too_large",
                                   f"{shown}: supera el límite de {mb:g} MB por archivo.")
                digest.update(block)
                out.write(block)
        try:
            fmt = sniff_format(tmp)
        except IngestError as exc:
            return Refused(shown, exc.reason, f"{shown}: {exc.summary}")
        if fmt not in FORMATS:
            return Refused(shown, "unsupported", f"{shown}: formato no admitido ({fmt}).")
        sha = digest.hexdigest()
        final = originals / f"{sha}.{fmt}"
        if final.exists():
            tmp.unlink()
        else:
            os.replace(tmp, final)
        return Stored(shown, sha, size, fmt, str(final.resolve()))
    finally:
        if tmp.exists():
            tmp.unlink()


@dataclass(frozen=True)
class Ingested:
    """One stored file after the pipeline: its record or its failure."""

    stored: Stored
    result: DocumentRecord | IngestFailure


def ingest_stored(
    files: Iterable[Stored],
    *,
    garante: str | None,
    limits: IngestLimits,
    enrich: Callable[[DocumentRecord], DocumentRecord | None] | None = None,
    summary: IngestSummary | None = None,
) -> list[Ingested]:
    """Run stored files through ``corpus.pipeline.ingest_paths`` (bounded workers)."""
    by_path = {f.path: f for f in files}
    out: list[Ingested] = []
    for item in ingest_paths(
        [Path(p) for p in by_path], garante=garante, workers=limits.workers,
        timeout_s=limits.timeout_s, max_memory_mb=limits.max_memory_mb, summary=summary,
    ):
        source = item.source if isinstance(item, IngestFailure) else item.source_path
        stored = by_path[str(source)]
        if isinstance(item, DocumentRecord) and enrich is not None:
            try:
                item = enrich(item) or item
            except Exception as exc:  # topics are a convenience: the document is kept untagged
                warnings = [*item.extraction.get("warnings", []), f"temas: {exc}"]
                item = dataclasses.replace(item, extraction={**item.extraction,
                                                             "warnings": warnings})
        out.append(Ingested(stored, item))
    return out


def failure_message(failure: IngestFailure, stored: Stored) -> str:
    """The pipeline's Spanish message, naming the user's file instead of the server's."""
    return failure.message.replace(stored.path, stored.display_name)


def file_row(stored: Stored | None, **extra: Any) -> dict[str, Any]:
    """A report row for one file (JSON-ready)."""
    row = asdict(stored) if stored is not None else {}
    row.pop("path", None)
    row.update(extra)
    return row


def pages(record: DocumentRecord) -> dict[str, int]:
    """Pages by how their text was obtained."""
    methods = list((record.extraction or {}).get("methods", []))
    text = methods.count("text")
    ocr = methods.count("ocr")
    return {"pages_text": text, "pages_ocr": ocr, "pages_other": len(methods) - text - ocr}
