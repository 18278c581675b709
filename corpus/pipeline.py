"""Ingestion: files and folders → ``DocumentRecord``s, one bounded extraction per file.

Extraction runs in child processes with time and memory limits (``corpus.extract``); metadata
and citations are parsed here in the parent (``corpus.metadata``). A file that fails becomes an
``IngestFailure`` with a reason code and a Spanish message; the batch goes on.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from corpus.errors import BadFileNameError, IngestError, OutsideRootError
from corpus.extract import extract_many
from corpus.extract.bounded import FileStats
from corpus.metadata import build_record
from corpus.records import DocumentRecord, ExtractedText

# Data files that sit beside documents (record sets, ground truth, manifests): not documents.
DATA_SUFFIXES: frozenset[str] = frozenset({".jsonl", ".json", ".toml", ".csv"})

DEFAULT_TIMEOUT_S = 300.0
DEFAULT_MAX_MEMORY_MB = 2048


@dataclass(frozen=True)
class IngestFailure:
    """A file that could not be turned into a record."""

    source: str
    reason: str  # machine code: "unsupported", "corrupt", "encrypted", "timeout", ...
    message: str  # Spanish, names the file


@dataclass
class IngestSummary:
    """Counts for the closing summary of a batch."""

    documents: int = 0
    pages_text: int = 0
    pages_ocr: int = 0
    pages_other: int = 0
    skipped_data_files: int = 0
    skipped_done: int = 0
    formats: Counter[str] = field(default_factory=Counter)
    failures: Counter[str] = field(default_factory=Counter)
    warnings: int = 0

    def add(self, item: DocumentRecord | IngestFailure) -> None:
        if isinstance(item, IngestFailure):
            self.failures[item.reason] += 1
            return
        self.documents += 1
        extraction = item.extraction or {}
        self.formats[str(extraction.get("format", "?"))] += 1
        for method in extraction.get("methods", []):
            if method == "text":
                self.pages_text += 1
            elif method == "ocr":
                self.pages_ocr += 1
            else:
                self.pages_other += 1
        self.warnings += len(extraction.get("warnings", []))

    @property
    def failed(self) -> int:
        return sum(self.failures.values())

    def lines(self) -> list[str]:
        """The summary in Spanish, one line per fact."""
        out = [
            f"Documentos: {self.documents}",
            f"Páginas con capa de texto: {self.pages_text}; por OCR: {self.pages_ocr}; "
            f"HTML/DOCX/texto: {self.pages_other}",
        ]
        if self.formats:
            out.append("Formatos: " + ", ".join(f"{k} {v}" for k, v in sorted(self.formats.items())))
        if self.warnings:
            out.append(f"Advertencias: {self.warnings}")
        if self.skipped_data_files:
            out.append(f"Archivos de datos omitidos (.jsonl, .json…): {self.skipped_data_files}")
        if self.skipped_done:
            out.append(f"Ya ingeridos en una ejecución anterior (omitidos): {self.skipped_done}")
        if self.failures:
            detail = ", ".join(f"{k} {v}" for k, v in sorted(self.failures.items()))
            out.append(f"Fallidos: {self.failed} ({detail})")
        else:
            out.append("Fallidos: 0")
        return out


def iter_source_files(paths: Iterable[Path], summary: IngestSummary | None = None) -> Iterator[Path]:
    """Files under ``paths``, recursively, in a stable order; hidden files and data files are
    skipped. A path that does not exist raises ``FileNotFoundError``."""
    for path in paths:
        if not path.exists():
            raise FileNotFoundError(str(path))
        if not path.is_dir():  # a file, or a FIFO/device named directly: reported, not dropped
            yield path
            continue
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if name.startswith("."):
                    continue
                candidate = Path(root) / name
                if candidate.suffix.lower() in DATA_SUFFIXES:
                    if summary is not None:
                        summary.skipped_data_files += 1
                    continue
                yield candidate


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def ingest_paths(
    paths: Iterable[Path],
    *,
    garante: str | None = None,
    workers: int = 1,
    timeout_s: float = DEFAULT_TIMEOUT_S,
    max_memory_mb: int = DEFAULT_MAX_MEMORY_MB,
    summary: IngestSummary | None = None,
    on_file: Callable[[Path], None] | None = None,
    skip_sha256: Collection[str] = (),
    on_stats: Callable[[Path, FileStats], None] | None = None,
) -> Iterator[DocumentRecord | IngestFailure]:
    """Extract and parse every file under ``paths``; yield a record or a failure per file.

    ``on_file`` is called once per finished file (progress bars); ``on_stats`` with each
    extracted file's time and peak memory. Files whose sha256 is in ``skip_sha256`` (done by
    an interrupted run, see ``resume_jsonl``) are skipped and counted. A symlink that leads
    out of the given folders is reported (reason "outside"), never read.
    """
    roots = list(paths)
    files = list(iter_source_files(roots, summary))
    if skip_sha256:
        done = set(skip_sha256)
        pending = [f for f in files if _sha256_or_none(f) not in done]
        if summary is not None:
            summary.skipped_done += len(files) - len(pending)
        files = pending
    refused = refuse_unread(files, roots)
    for path, error in refused:
        failure = IngestFailure(str(path), error.reason, error.message)
        if summary is not None:
            summary.add(failure)
        if on_file is not None:
            on_file(path)
        yield failure
    skipped = {path for path, _error in refused}
    files = [f for f in files if f not in skipped]
    results = extract_many(
        files, workers=workers, timeout_s=timeout_s, max_memory_mb=max_memory_mb,
        on_stats=on_stats,
    )  # fmt: skip
    for path, result in results:
        item = _to_record(path, result, garante)
        if summary is not None:
            summary.add(item)
        if on_file is not None:
            on_file(path)
        yield item


def refuse_unread(files: list[Path], roots: list[Path]) -> list[tuple[Path, IngestError]]:
    """Files refused before anything reads them: names that are not UTF-8 (a Latin-1 name
    unpacked from a zip) and symlinks that lead out of ``roots``."""
    outside = set(links_outside(files, roots))
    refused: list[tuple[Path, IngestError]] = []
    for path in files:
        if _undecodable(path):
            refused.append((path, BadFileNameError(path)))
        elif path in outside:
            refused.append((path, OutsideRootError(path)))
    return refused


def _undecodable(path: Path) -> bool:
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def links_outside(files: Iterable[Path], roots: Iterable[Path]) -> list[Path]:
    """The symlinks among ``files`` whose target lies outside every one of ``roots``.

    A folder of uploads holding ``acta.pdf -> /etc/shadow`` must not be read into the index.
    """
    bases = [Path(os.path.realpath(root)) for root in roots]
    out: list[Path] = []
    for path in files:
        if not path.is_symlink():
            continue
        target = Path(os.path.realpath(path))  # never raises, even on a symlink loop
        if not any(target == base or target.is_relative_to(base) for base in bases):
            out.append(path)
    return out


def _sha256_or_none(path: Path) -> str | None:
    """``file_sha256`` of a regular file; None for a FIFO (reading one would block), a
    dangling link or an unreadable file (they are reported by extraction instead)."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return None
        return file_sha256(path)
    except OSError:
        return None


def count_source_files(paths: Iterable[Path]) -> int:
    return sum(1 for _ in iter_source_files(paths))


def _to_record(
    path: Path, result: ExtractedText | IngestError, garante: str | None
) -> DocumentRecord | IngestFailure:
    if isinstance(result, IngestError):
        return IngestFailure(str(path), result.reason, result.message)
    try:
        return build_record(
            result,
            garante=garante,
            source_path=str(path),
            source_sha256=file_sha256(path),
        )
    except Exception as exc:  # a parser bug must not stop the batch; it is reported
        return IngestFailure(
            str(path), "metadata", f"{path}: no se pudieron extraer los metadatos ({exc!r})"
        )


@dataclass(frozen=True)
class ResumeState:
    """What an interrupted ``ingest --out`` left: the sources already done (by sha256), the
    records kept, and the bytes of a torn or invalid tail that were cut off."""

    done_sha256: frozenset[str]
    records: int
    dropped_bytes: int


def resume_jsonl(path: Path) -> ResumeState:
    """Make an output file of records safe to append to after a crash: keep the complete,
    valid lines and cut the file at the first torn or invalid one (a kill mid-line), fsynced.
    A missing file is an empty state."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        return ResumeState(frozenset(), 0, 0)
    done: set[str] = set()
    good_end, records = 0, 0
    for line in data.splitlines(keepends=True):
        if not line.endswith(b"\n"):
            break  # torn: the last write did not finish
        if line.strip():
            try:
                item = json.loads(line)
            except ValueError:
                break
            if not isinstance(item, dict) or not item.get("id"):
                break
            if item.get("source_sha256"):
                done.add(str(item["source_sha256"]))
            records += 1
        good_end += len(line)
    if good_end < len(data):
        with open(path, "r+b") as fh:
            fh.truncate(good_end)
            fh.flush()
            os.fsync(fh.fileno())
    return ResumeState(frozenset(done), records, len(data) - good_end)
