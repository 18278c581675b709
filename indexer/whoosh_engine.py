"""The whoosh engine: the write side (update, delete), fetching records, and the shared
searcher. Search, similar documents, cited-by and the vocabulary live in
``indexer.whoosh_search`` and receive this engine.

Readers see only generations the manifest names (durable and verified, see
``indexer.lifecycle``); the searcher is reopened when the manifest moves on.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC, FileIndex
from whoosh.searching import Searcher

from corpus.records import DocumentRecord
from indexer import lifecycle
from indexer.engine import (
    IndexLockedError,
    IndexReport,
    SearchCoreDelegate,
)
from indexer.prepare import Transform, Unchanged, prepared
from indexer.schema import (
    HASH_COLUMN,
    ID_FIELD,
    RECORD_COLUMN,
    SAMPLE_FIELD,
    SCHEMA_VERSION,
    decode_record,
    record_digest,
    to_document,
)
from indexer.updates import apply_updates
from indexer.whoosh_writer import DurableSegmentWriter, merge_if_needed

ENGINE_NAME = "whoosh"
DEFAULT_BATCH = 2000
DEFAULT_LIMITMB = 256


def locked_message(index_dir: Path) -> str:
    return (
        f"El índice {index_dir} está bloqueado: otro proceso lo está actualizando. "
        "Espere a que termine y vuelva a intentarlo."
    )


class PinnedIndex(FileIndex):
    """A whoosh FileIndex that reads the generation the engine names (from the manifest),
    not simply the newest TOC file on disk."""

    def __init__(self, storage: FileStorage, generation: Any) -> None:
        # FileIndex.__init__ reads the newest TOC, which may be the damaged one: skip it.
        self.storage = storage
        self._schema = None
        self.indexname = lifecycle.INDEX_NAME
        self._generation = generation

    def latest_generation(self) -> int:
        return int(self._generation())

    def _read_toc(self) -> TOC:
        return TOC.read(self.storage, self.indexname, gen=self._generation())

    def reader(self, reuse: Any = None) -> Any:
        # Never reuse: whoosh-reloaded 2.7.5 appends the old reader's segments to the new
        # list, merged-away ones included, so Searcher.refresh() after a merge counted
        # documents twice (measured: 13 documents instead of 7).
        return super().reader(reuse=None)


class WhooshEngine(SearchCoreDelegate):
    """An open whoosh index (see ``indexer.engine.Engine``)."""

    name = ENGINE_NAME

    def __init__(self, index_dir: Path, *, limitmb: int = DEFAULT_LIMITMB) -> None:
        self.index_dir = Path(index_dir)
        self.limitmb = limitmb
        self.warnings: list[str] = []
        self.cache: dict[str, Any] = {}  # per-generation caches of the search side
        self._lock = threading.RLock()
        self._manifest_key: tuple[int, int, int] | None = None
        self._manifest: dict[str, Any] = {}
        self._gen = -1
        self._searcher: Searcher | None = None
        self._retired: list[Searcher] = []
        self._searcher_gen = -1
        self._record_columns: Any = None
        self._core: Any = None
        self._storage = FileStorage(str(self.index_dir))
        self.index = PinnedIndex(self._storage, self._current_generation)
        self._current_generation()

    # -- generation and manifest ---------------------------------------------------------

    def _current_generation(self) -> int:
        """The generation to read: re-resolved whenever the manifest file changes."""
        path = self.index_dir / lifecycle.MANIFEST_NAME
        try:
            st = path.stat()
        except FileNotFoundError:  # a write interrupted between the backup and the manifest
            st = path.with_name(lifecycle.MANIFEST_BACKUP).stat()
        key = (st.st_ino, st.st_mtime_ns, st.st_size)  # os.replace gives a new inode
        if key != self._manifest_key:
            with self._lock:
                manifest = lifecycle.read_manifest(self.index_dir) or {}
                resolved = lifecycle.resolve_generation(self.index_dir, manifest)
                if resolved.warning and resolved.warning not in self.warnings:
                    self.warnings.append(resolved.warning)
                self._manifest, self._gen, self._manifest_key = manifest, resolved.generation, key
        return self._gen

    @property
    def generation(self) -> int:
        return self._current_generation()

    @property
    def manifest(self) -> dict[str, Any]:
        self._current_generation()
        return dict(self._manifest)

    @property
    def all_sample(self) -> bool:
        """True when every document is sample data (the web app shows a banner)."""
        return bool(self.manifest.get("all_sample"))

    # -- reading -------------------------------------------------------------------------

    def searcher(self) -> Searcher:
        """The shared searcher, reopened after a commit."""
        gen = self._current_generation()
        with self._lock:
            if self._searcher is None or self._searcher_gen != gen:
                # A fresh searcher, not Searcher.refresh() (see PinnedIndex.reader). The one it
                # replaces may still be in use by another thread: it is closed one reopening
                # later (or at close()), not now.
                for old in self._retired:
                    old.close()
                self._retired = [self._searcher] if self._searcher is not None else []
                self._searcher = self.index.searcher()
                self._searcher_gen = gen
                self._record_columns = None
                self.cache.clear()
            return self._searcher

    def _record_column(self, searcher: Searcher) -> Any:
        with self._lock:
            if self._record_columns is None:
                self._record_columns = searcher.reader().column_reader(RECORD_COLUMN)
            return self._record_columns

    def get(self, doc_id: str) -> DocumentRecord | None:
        with self._lock:  # whoosh files are read by seek + read: one thread at a time
            s = self.searcher()
            docnum = s.document_number(**{ID_FIELD: doc_id}) if s.doc_count_all() else None
            if docnum is None:
                return None
            blob = self._record_column(s)[docnum]
        return decode_record(blob)

    def iter_records(self) -> Iterator[DocumentRecord]:
        with self._lock:
            s = self.searcher()
            if s.doc_count_all() == 0:
                return
            column = self._record_column(s)
            docnums = list(s.reader().all_doc_ids())
        for docnum in docnums:
            with self._lock:
                blob = column[docnum]
            yield decode_record(blob)

    def doc_count(self) -> int:
        return int(self.searcher().doc_count())

    def existing_hashes(self) -> dict[str, str]:
        """id → content hash of every live document (read from columns, no stored fields)."""
        with self._lock:
            reader = self.searcher().reader()
            if reader.doc_count_all() == 0:
                return {}
            ids = list(reader.column_reader(ID_FIELD))
            hashes = list(reader.column_reader(HASH_COLUMN))
            live = list(reader.all_doc_ids())
        return {ids[d]: hashes[d].decode("ascii") for d in live}

    # -- search side (indexer.whoosh_search) ----------------------------------------------

    def search_core(self) -> Any:
        """The search side over this index (created once, lazily): a ``SearchCore`` per lane,
        ordinary and costly queries apart (``indexer.whoosh_lanes``)."""
        with self._lock:
            core = self._core
            if core is None:
                module = importlib.import_module("indexer.whoosh_lanes")
                core = self._core = module.LanedSearch(self.index)
            return core

    # -- writing -------------------------------------------------------------------------

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
        that and the analysis run in worker processes (``indexer.prepare``)."""
        report = IndexReport()
        with _WriteSession(self) as session:
            existing = self.existing_hashes()
            docs = prepared(records, to_document, transform=transform, workers=workers,
                            failed=report.failed, known=existing, digest=record_digest)
            apply_updates(
                session,
                existing,
                ((doc_id, doc, doc.digest if isinstance(doc, Unchanged)
                  else doc["content_hash"].decode("ascii")) for doc_id, doc in docs),
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
            for doc_id in ids:
                if doc_id in existing:
                    session.remove(doc_id)
                    del existing[doc_id]
                    count += 1
            session.commit(None)
        return count

    def _record_commit(self, base_generation: int) -> None:
        """After a commit: verify the new generation and move the manifest to it."""
        new_gen = lifecycle.toc_generations(self.index_dir)[0]
        state = lifecycle.generation_state(self.index_dir, new_gen)
        problem = lifecycle.check_generation(self.index_dir, state)
        if problem:
            raise lifecycle.IndexCorruptError(f"La confirmación no se pudo verificar: {problem}")
        reader = PinnedIndex(self._storage, lambda: new_gen).reader()
        try:
            count = reader.doc_count()
            samples = _live_postings(reader, SAMPLE_FIELD, "1")
        finally:
            reader.close()
        old = self._manifest.get("last_good")
        previous = old if old and int(old["generation"]) == base_generation else None
        manifest = {
            **self._manifest,
            "engine": ENGINE_NAME,
            "schema_version": SCHEMA_VERSION,
            "doc_count": count,
            "sample_count": samples,
            "all_sample": count > 0 and samples == count,
            "last_good": state,
            "previous": previous,
        }
        lifecycle.write_manifest(self.index_dir, manifest)
        self._manifest_key = None  # re-read (and re-resolve) at the next access

    def close(self) -> None:
        with self._lock:
            if self._core is not None:
                self._core.close()
                self._core = None
            for searcher in [*self._retired, self._searcher]:
                if searcher is not None:
                    searcher.close()
            self._searcher, self._retired = None, []
            self._record_columns = None
            self.cache.clear()


def _live_postings(reader: Any, field_name: str, text: str) -> int:
    try:
        postings = reader.postings(field_name, text)
    except Exception:  # whoosh TermNotFound
        return 0
    return sum(1 for d in postings.all_ids() if not reader.is_deleted(d))


class _WriteSession:
    """Holds the index's write lock for a whole update; opens one whoosh writer per batch."""

    def __init__(self, engine: WhooshEngine) -> None:
        self.engine = engine
        self.lock = engine.index.lock("WRITELOCK")
        self.writer: DurableSegmentWriter | None = None
        self.pending = 0
        self._batch_ids: set[str] = set()
        self._removed: list[str] = []
        self._base = -1

    def __enter__(self) -> _WriteSession:
        if not self.lock.acquire(blocking=False):
            raise IndexLockedError(locked_message(self.engine.index_dir))
        try:
            lifecycle.discard_unverified(self.engine.index_dir, self.engine.generation)
            if self.engine.warnings:  # fell back, or read the manifest's backup: record the
                self.engine._record_commit(self.engine.generation)  # good state now
                self.engine.warnings = []
        except BaseException:
            self.lock.release()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            if self.writer is not None:
                self.writer.cancel()
                self.writer = None
        finally:
            self.lock.release()

    def _writer_args(self) -> dict[str, Any]:
        return {"_lk": False, "limitmb": self.engine.limitmb, "compound": False}

    def _writer(self) -> DurableSegmentWriter:
        if self.writer is None:
            self._base = self.engine.generation
            self.writer = DurableSegmentWriter(self.engine.index, **self._writer_args())
        return self.writer

    def put(self, doc_id: str, doc: dict[str, Any], *, replace: bool) -> None:
        if doc_id in self._batch_ids:
            # The same id twice in one batch: whoosh cannot delete an uncommitted document.
            self.commit(None)
            replace = True
        writer = self._writer()
        if replace:
            writer.delete_by_term(ID_FIELD, doc_id)
        writer.add_document(**doc)
        self._batch_ids.add(doc_id)
        self.pending += 1

    def remove(self, doc_id: str) -> None:
        self._writer().delete_by_term(ID_FIELD, doc_id)
        self._removed.append(doc_id)
        self.pending += 1

    def commit(self, on_commit: Any) -> None:
        if self.writer is None:
            return
        writer, self.writer = self.writer, None
        writer.commit()
        self.engine._record_commit(self._base)
        base = self.engine.generation
        if merge_if_needed(self.engine.index, **self._writer_args()):
            self.engine._record_commit(base)
        ids = sorted(self._batch_ids)
        self._batch_ids.clear()
        self._removed.clear()
        self.pending = 0
        if on_commit is not None:
            on_commit(ids)
