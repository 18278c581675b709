"""The tantivy engine (regional scale): the write side, fetching records, the manifest.
Search, similar, cited-by and the vocabulary live in ``indexer.tantivy_search``.

Layout: ``INDEX_DIR/manifest.json`` (the project's manifest: engine, schema and layout versions,
counts, whether every document is sample data) and ``INDEX_DIR/tantivy/`` (tantivy's files).

Durability: a tantivy commit writes and fsyncs the new segment files, then replaces
``meta.json`` atomically (temp file, fsync, rename, fsync of the directory); a reader opens the
segments the last ``meta.json`` names. So a process killed at any point leaves the last
committed state; files of an unfinished commit are garbage-collected by the next writer.
The manifest is rewritten (atomically) after each commit; it carries counts, not the state.
Writers: tantivy's lock file (an OS lock, released when the process dies) allows one.
"""

from __future__ import annotations

import importlib
import json
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import tantivy

from corpus.records import DocumentRecord
from indexer import IndexVersionError, lifecycle, tantivy_lifecycle
from indexer.engine import (
    IndexLockedError,
    IndexReport,
    SearchCoreDelegate,
)
from indexer.prepare import Transform, Unchanged, prepared
from indexer.schema import (
    HASH_COLUMN,
    ID_FIELD,
    SAMPLE_FIELD,
    SCHEMA_VERSION,
    analysis_fingerprint,
    record_digest,
)
from indexer.tantivy_schema import (
    DATA_DIR,
    LAYOUT_VERSION,
    build_schema,
    decode,
    hit_count,
    to_tantivy,
)
from indexer.updates import apply_updates

ENGINE_NAME = "tantivy"
DEFAULT_BATCH = 2000
WRITER_HEAP = 128_000_000
WRITER_THREADS = 1  # Python-side analysis holds one core; tantivy indexes on another


def locked_message(index_dir: Path) -> str:
    return (
        f"El índice {index_dir} está bloqueado: otro proceso lo está actualizando. "
        "Espere a que termine y vuelva a intentarlo."
    )


def create_tantivy(index_dir: Path) -> TantivyEngine:
    """An empty tantivy index in ``index_dir`` (reuses tantivy files left by an interrupted
    creation) and its manifest."""
    data = Path(index_dir) / DATA_DIR
    data.mkdir(parents=True, exist_ok=True)
    tantivy.Index(build_schema(), path=str(data), reuse=True)
    lifecycle.fsync_path(data)
    lifecycle.write_manifest(index_dir, _manifest({}, 0, 0))
    return TantivyEngine(index_dir)


def open_tantivy(index_dir: Path, manifest: dict[str, Any]) -> TantivyEngine:
    """Open an existing tantivy index, checking the schema, layout and analysis versions."""
    analysis = manifest.get("analysis")
    if analysis is not None and analysis != analysis_fingerprint():
        raise IndexVersionError(
            f"El índice en {index_dir} se construyó con otro análisis de texto (palabras "
            "vacías, raíces o normalización distintas) y sus búsquedas no serían fiables. "
            "Reconstrúyalo en una carpeta nueva con «precedentes index ARCHIVOS… --index DIR "
            "--engine tantivy»."
        )
    if manifest.get("schema_version") != SCHEMA_VERSION or manifest.get("tantivy_layout") != LAYOUT_VERSION:
        raise IndexVersionError(
            f"El índice en {index_dir} fue creado con otra versión del esquema "
            f"({manifest.get('schema_version')}/{manifest.get('tantivy_layout')}). "
            "Reconstrúyalo en una carpeta nueva con «precedentes index ARCHIVOS… --index DIR "
            "--engine tantivy»."
        )
    return TantivyEngine(index_dir)


def _manifest(base: dict[str, Any], count: int, samples: int) -> dict[str, Any]:
    return {
        **base,
        "engine": ENGINE_NAME,
        "schema_version": SCHEMA_VERSION,
        "tantivy_layout": LAYOUT_VERSION,
        "analysis": analysis_fingerprint(),
        "doc_count": count,
        "sample_count": samples,
        "all_sample": count > 0 and samples == count,
    }


class TantivyEngine(SearchCoreDelegate):
    """An open tantivy index (see ``indexer.engine.Engine``)."""

    name = ENGINE_NAME

    def __init__(self, index_dir: Path) -> None:
        self.index_dir = Path(index_dir)
        # the live directory, or a snapshot of the last good state when it is damaged
        self.index, self.data_dir, self.warnings = tantivy_lifecycle.open_index(
            self.index_dir, self.manifest)
        self.schema = self.index.schema
        self._lock = threading.RLock()
        self._core: Any = None
        self._seen: tuple[int, int, int] | None = None
        self._generation: tuple[tuple[int, int, int], int] | None = None

    # -- state ----------------------------------------------------------------------------

    def state_key(self) -> tuple[int, int, int]:
        """Names the committed state: ``meta.json`` is replaced (new inode) at every commit."""
        st = (self.data_dir / "meta.json").stat()
        return st.st_ino, st.st_mtime_ns, st.st_size

    @property
    def generation(self) -> int:
        """The last commit's opstamp (from ``meta.json``): changes with every commit."""
        key = self.state_key()
        if self._generation is None or self._generation[0] != key:
            meta = json.loads((self.data_dir / "meta.json").read_text(encoding="utf-8"))
            self._generation = (key, int(meta.get("opstamp", 0)))
        return self._generation[1]

    def searcher(self) -> tantivy.Searcher:
        """A searcher on the last commit, this process's or another's (tantivy's own reload
        watches ``meta.json`` with a delay; a stat per call makes it immediate)."""
        key = self.state_key()
        if key != self._seen:
            with self._lock:
                self.index.reload()
                self._seen = key
        return self.index.searcher()

    @property
    def manifest(self) -> dict[str, Any]:
        return lifecycle.read_manifest(self.index_dir) or {}

    @property
    def all_sample(self) -> bool:
        """True when every document is sample data (the web app shows a banner)."""
        return bool(self.manifest.get("all_sample"))

    # -- reading --------------------------------------------------------------------------

    def search_core(self) -> Any:
        with self._lock:
            if self._core is None:
                module = importlib.import_module("indexer.tantivy_search")
                self._core = module.TantivySearch(self.searcher, self.schema, self.state_key)
            return self._core

    def get(self, doc_id: str) -> DocumentRecord | None:
        searcher = self.searcher()
        address = self.search_core().address(searcher, doc_id)
        if address is None:
            return None
        return decode(searcher.doc(address))

    def _all_docs(self) -> Iterator[tantivy.Document]:
        searcher = self.searcher()
        n = searcher.num_docs
        if n:
            for _, address in searcher.search(tantivy.Query.all_query(), limit=n, count=False).hits:
                yield searcher.doc(address)

    def iter_records(self) -> Iterator[DocumentRecord]:
        for doc in self._all_docs():
            yield decode(doc)

    def doc_count(self) -> int:
        return int(self.searcher().num_docs)

    def existing_hashes(self) -> dict[str, str]:
        """id → content hash of every live document."""
        return {str(doc.get_first(ID_FIELD)): str(doc.get_first(HASH_COLUMN))
                for doc in self._all_docs()}

    # -- writing --------------------------------------------------------------------------

    def update(
        self,
        records: Iterable[DocumentRecord],
        *,
        prune: bool = False,
        batch_size: int = DEFAULT_BATCH,
        on_commit: Any = None,
        transform: Transform | None = None,
        workers: int = 1,
    ) -> IndexReport:
        """Add new records, replace changed ones (content hash), skip unchanged; with ``prune``
        delete documents not in ``records``. Commits durably every ``batch_size`` writes;
        ``on_commit(ids)`` is called after each commit with the ids it made durable.
        ``transform`` (topic tagging) is applied to each record first; with ``workers > 1``
        that and the analysis run in worker processes (``indexer.prepare``; tantivy documents
        pickle)."""
        report = IndexReport()
        with _WriteSession(self) as session:
            existing = self.existing_hashes()
            docs = prepared(records, to_tantivy, transform=transform, workers=workers,
                            failed=report.failed, known=existing, digest=record_digest)
            apply_updates(
                session,
                existing,
                ((doc_id, None, doc.digest) if isinstance(doc, Unchanged) else (doc_id, *doc)
                 for doc_id, doc in docs),
                report,
                prune=prune,
                batch_size=batch_size,
                on_commit=on_commit,
            )
            session.commit(on_commit)
        return report

    def delete(self, ids: Iterable[str]) -> int:
        """Delete documents by id; returns how many existed."""
        with _WriteSession(self) as session:
            existing = self.existing_hashes()
            count = 0
            for doc_id in dict.fromkeys(ids):
                if doc_id in existing:
                    session.remove(doc_id)
                    count += 1
            session.commit(None)
        return count

    def _record_commit(self) -> None:
        """After a commit: make it visible here, snapshot it as the last good state and write
        the manifest's counts."""
        self.index.reload()
        searcher = self.searcher()
        samples = hit_count(searcher.search(
            tantivy.Query.term_query(self.schema, SAMPLE_FIELD, "1", index_option="basic"),
            limit=1, count=True,
        ))
        manifest = tantivy_lifecycle.record_commit(self.index_dir, self.manifest)
        lifecycle.write_manifest(
            self.index_dir, _manifest(manifest, int(searcher.num_docs), int(samples or 0))
        )

    def _restore_if_fallen_back(self) -> None:
        """Before writing: a damaged live state is replaced by the snapshot being read, and a
        manifest read from its backup is rewritten (even when the update changes nothing)."""
        if not self.warnings:
            return
        live = self.index_dir / DATA_DIR
        if self.data_dir != live:
            tantivy_lifecycle.restore(self.index_dir, self.data_dir)
            with self._lock:
                if self._core is not None:
                    self._core.close()
                self._core, self._seen, self._generation = None, None, None
                self.data_dir = live
                self.index = tantivy.Index.open(str(live))
        self._record_commit()
        self.warnings = []

    def close(self) -> None:
        with self._lock:
            if self._core is not None:
                self._core.close()
            self._core = None


class _WriteSession:
    """Holds tantivy's writer (and so its lock) for a whole update."""

    def __init__(self, engine: TantivyEngine) -> None:
        self.engine = engine
        self.writer: Any = None
        self.pending = 0
        self._ids: set[str] = set()

    def __enter__(self) -> _WriteSession:
        self.engine._restore_if_fallen_back()
        try:
            self.writer = self.engine.index.writer(WRITER_HEAP, WRITER_THREADS)
        except ValueError as exc:
            if "Lock" in str(exc):
                raise IndexLockedError(locked_message(self.engine.index_dir)) from exc
            raise
        # A process killed mid-commit leaves files no meta.json names; the next commit may
        # want the same names (a delete file is named by opstamp, and opstamps restart at the
        # last commit's): "FileAlreadyExists". Remove them first (found by the kill test).
        self.writer.garbage_collect_files()
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        writer, self.writer = self.writer, None
        if writer is None:
            return
        if exc_type is not None:
            writer.rollback()
        writer.wait_merging_threads()  # finishes merges and releases the lock

    def put(self, doc_id: str, doc: tantivy.Document, *, replace: bool) -> None:
        if replace or doc_id in self._ids:
            self.writer.delete_documents_by_term(ID_FIELD, doc_id)
        self.writer.add_document(doc)
        self._ids.add(doc_id)
        self.pending += 1

    def remove(self, doc_id: str) -> None:
        self.writer.delete_documents_by_term(ID_FIELD, doc_id)
        self.pending += 1

    def commit(self, on_commit: Any) -> None:
        if not self.pending:
            return
        self.writer.commit()
        self.engine._record_commit()
        ids = sorted(set(self._ids))
        self._ids.clear()
        self.pending = 0
        if on_commit is not None:
            on_commit(ids)


def check_tantivy(index_dir: Path) -> lifecycle.CheckResult:
    """Verify a tantivy index: it opens, every stored record reads back, no id twice, and the
    counts agree with the manifest. Messages are Spanish (``precedentes index --check``)."""
    index_dir = Path(index_dir)
    lines: list[str] = [f"Índice: {index_dir}"]
    manifest = lifecycle.read_manifest(index_dir) or {}
    lines.append(f"Motor: tantivy; esquema versión {manifest.get('schema_version')}, formato "
                 f"{manifest.get('tantivy_layout')}; documentos según el manifiesto: "
                 f"{manifest.get('doc_count')}")
    try:
        engine = open_tantivy(index_dir, manifest)
    except (RuntimeError, ValueError, OSError) as exc:
        return lifecycle.CheckResult(lines, [f"El índice no abre: {exc}"])
    problems: list[str] = list(engine.warnings)  # fell back to a snapshot: the live state is bad
    try:
        ids: set[str] = set()
        bad = 0
        for doc in engine._all_docs():
            try:
                ids.add(decode(doc).id)
            except (ValueError, TypeError):
                bad += 1
        count = engine.doc_count()
        lines.append(f"Documentos: {count}; registros legibles: {len(ids)}; "
                     f"segmentos: {engine.searcher().num_segments}")
        if bad:
            problems.append(f"{bad} registros guardados no se pueden leer.")
        if len(ids) + bad != count:
            problems.append(f"Hay documentos repetidos: {count} documentos, {len(ids)} distintos.")
        recorded = int((manifest.get("last_good") or {}).get("opstamp", -1))
        if manifest.get("doc_count") != count and engine.generation > recorded:
            lines.append(f"El manifiesto dice {manifest.get('doc_count')} documentos y el índice "
                         f"tiene {count}: la última confirmación (durable) no llegó a registrarse "
                         "en el manifiesto; la próxima actualización lo hará.")
        elif manifest.get("doc_count") != count and not engine.warnings:
            problems.append(f"El manifiesto dice {manifest.get('doc_count')} documentos y el "
                            f"índice tiene {count} (una actualización se interrumpió: vuelva a "
                            "ejecutarla).")
    finally:
        engine.close()
    return lifecycle.CheckResult(lines, problems)
