"""Ingest → analyse → index, streaming: ``build_index(paths, index_dir)``.

Inputs are record files (``.jsonl`` of ``DocumentRecord`` dicts, e.g. from
``precedentes sample-corpus OUT --records-only`` or ``precedentes ingest --out``) and document
files or folders (read by ``corpus.pipeline.ingest_paths``). Every record goes through
``analyzers.topics.enrich`` (topics, the normalised sujeto obligado) when that module is
present (in ``workers`` processes, with the text analysis), then into the engine's
incremental update, which commits durably every
``batch_size`` documents. Memory stays bounded: records are never all held at once.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, Protocol

from corpus.records import DocumentRecord
from indexer import open_engine
from indexer.engine import IndexReport
from indexer.prepare import Transform

RECORD_SUFFIXES: frozenset[str] = frozenset({".jsonl"})
DEFAULT_BATCH = 10_000
PRUNE_SKIPPED = (
    "no se eliminó ningún documento (--prune) porque hubo entradas fallidas: "
    "corrija los errores y vuelva a ejecutar"
)

Enricher = Transform


class RecordGate(Protocol):
    """A publication filter between the inputs and the engine (the personal-data gate and the
    staff's decisions: ``search_app.admin.index_gate.IndexGate``). It passes, corrects or
    withholds records; ``withheld_ids`` are removed from the index after the update."""

    withheld_ids: list[str]

    def filter(self, records: Iterable[DocumentRecord]) -> Iterator[DocumentRecord]: ...


def default_enricher() -> Enricher | None:
    """``analyzers.topics.enrich`` when the analysis package provides it, else None."""
    try:
        module = importlib.import_module("analyzers.topics")
    except ImportError:
        return None
    enrich = getattr(module, "enrich", None)
    return enrich if callable(enrich) else None


def split_inputs(paths: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """(record files, document files and folders). A path that does not exist raises
    ``FileNotFoundError``."""
    records, documents = [], []
    for path in paths:
        path = Path(path)
        if not path.exists():
            raise FileNotFoundError(str(path))
        if path.is_file() and path.suffix.lower() in RECORD_SUFFIXES:
            records.append(path)
        else:
            documents.append(path)
    return records, documents


def read_record_file(path: Path, failed: list[tuple[str, str]]) -> Iterator[DocumentRecord]:
    """The records of a JSON-lines file; a bad line is reported in ``failed`` and skipped."""
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
                if not isinstance(data, dict) or not data.get("id"):
                    raise ValueError("falta el campo «id»")
                yield DocumentRecord.from_dict(data)
            except (ValueError, TypeError) as exc:
                failed.append((f"{path}:{lineno}", f"registro inválido: {exc}"))


def iter_records(
    paths: Iterable[Path],
    *,
    garante: str | None,
    workers: int,
    failed: list[tuple[str, str]],
) -> Iterator[DocumentRecord]:
    """Records from record files, then from documents (their failures go to ``failed``)."""
    record_files, documents = split_inputs(paths)
    for path in record_files:
        yield from read_record_file(path, failed)
    if documents:
        from corpus.pipeline import IngestFailure, ingest_paths

        for item in ingest_paths(documents, garante=garante, workers=workers):
            if isinstance(item, IngestFailure):
                failed.append((item.source, item.message))
            else:
                yield item


def _counted(
    records: Iterable[DocumentRecord],
    progress: Callable[[int], Any] | None,
    seen: set[str],
) -> Iterator[DocumentRecord]:
    for record in records:
        seen.add(record.id)
        if progress is not None:
            progress(1)
        yield record


def build_index(
    paths: Iterable[Path],
    index_dir: Path,
    *,
    garante: str | None = None,
    workers: int = 1,
    progress: Callable[[int], Any] | None = None,
    batch_size: int = DEFAULT_BATCH,
    prune: bool = False,
    enrich: Enricher | bool | None = True,
    gate: RecordGate | None = None,
) -> IndexReport:
    """Build or update the index in ``index_dir`` from ``paths``; returns what was done.

    ``enrich``: True for ``analyzers.topics.enrich`` (when present), False/None for none, or a
    callable. ``progress(n)`` is called as records are read. ``prune`` deletes documents that
    are not in the input (skipped, and said so in ``failed``, when an input failed: a file
    that could not be read must not lose its document). ``gate`` filters the records first;
    the ids it withholds are deleted from the index (an older published version must go).
    """
    enricher = default_enricher() if enrich is True else (enrich or None)
    failed: list[tuple[str, str]] = []
    records = iter_records(paths, garante=garante, workers=workers, failed=failed)
    if gate is not None:
        records = gate.filter(records)
    seen: set[str] = set()
    engine: Any = open_engine(index_dir, create=True)
    try:
        report: IndexReport = engine.update(
            _counted(records, progress, seen), batch_size=batch_size, transform=enricher,
            workers=workers,
        )
        if prune and failed:
            failed.append(("--prune", PRUNE_SKIPPED))
        elif prune:
            report.deleted += engine.delete(sorted(set(engine.existing_hashes()) - seen))
        if gate is not None and gate.withheld_ids:
            report.deleted += engine.delete(sorted(set(gate.withheld_ids) - seen))
    finally:
        engine.close()
    report.failed[:0] = failed  # input failures first, then tagging failures
    return report
