"""Records → engine documents, in worker processes when asked: the CPU-bound part of
indexing (topic tagging, tokenising, encoding the record) runs beside the single writer.

``prepared(records, convert, transform=..., workers=N)`` yields ``(record id, document)`` in
input order. With ``workers > 1`` it keeps at most two chunks in flight (bounded memory on a
150,000-record stream): while the writer indexes one chunk, the pool prepares the next. A
``transform`` that raises (a tagging bug) leaves the record as it was and reports the failure:
a 150,000-document build does not stop for one document.

With ``known`` (id → content hash of the documents already indexed) and ``digest`` (a record's
content hash), a record whose hash is unchanged is not analysed: its document is
``Unchanged(hash)``, which the update loop counts and skips (re-running ``index`` over an
unchanged corpus costs hashing, not analysis).
"""

from __future__ import annotations

import itertools
import multiprocessing
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from corpus.records import DocumentRecord

Transform = Callable[[DocumentRecord], DocumentRecord | None]
Convert = Callable[[DocumentRecord], Any]
Digest = Callable[[DocumentRecord], str]
Prepared = tuple[str, Any, tuple[str, str] | None]  # (id, document, failure)

CHUNK = 64

_STATE: dict[str, Any] = {}  # set in each worker by _init (fork: inherited, not pickled)


@dataclass(frozen=True)
class Unchanged:
    """The document of a record whose content hash equals the indexed one (not analysed)."""

    digest: str


def _init(convert: Convert, transform: Transform | None,
          known: Mapping[str, str] | None = None, digest: Digest | None = None) -> None:
    _STATE.update(convert=convert, transform=transform, known=known, digest=digest)


def _prepare_one(record: DocumentRecord) -> Prepared:
    failure = None
    transform = _STATE.get("transform")
    if transform is not None:
        try:
            record = transform(record) or record
        except Exception as exc:  # reported, the record is indexed untagged
            failure = (record.source_path or record.id, f"temas: {exc}")
    known, digest = _STATE.get("known"), _STATE.get("digest")
    if known and digest is not None and record.id in known:
        value = digest(record)
        if known[record.id] == value:
            return record.id, Unchanged(value), failure
    return record.id, _STATE["convert"](record), failure


def prepared(
    records: Iterable[DocumentRecord],
    convert: Convert,
    *,
    transform: Transform | None = None,
    workers: int = 1,
    failed: list[tuple[str, str]] | None = None,
    known: Mapping[str, str] | None = None,
    digest: Digest | None = None,
) -> Iterator[tuple[str, Any]]:
    """(record id, ``convert(transform(record))``) for every record, in order; the document
    is ``Unchanged(hash)`` when ``known`` has the record's ``digest``."""
    failures = failed if failed is not None else []
    if workers <= 1:
        _init(convert, transform, known, digest)
        for record in records:
            doc_id, doc, failure = _prepare_one(record)
            if failure:
                failures.append(failure)
            yield doc_id, doc
        return
    ctx = multiprocessing.get_context("fork")
    stream = iter(records)
    with ctx.Pool(workers, initializer=_init, initargs=(convert, transform, known, digest)) as pool:
        pending = None
        while True:
            chunk = list(itertools.islice(stream, CHUNK * workers))
            result = pool.map_async(_prepare_one, chunk, chunksize=CHUNK) if chunk else None
            if pending is not None:
                yield from _drain(pending, failures)
            if result is None:
                return
            pending = result


def _drain(result: Any, failures: list[tuple[str, str]]) -> Iterator[tuple[str, Any]]:
    for doc_id, doc, failure in result.get():
        if failure:
            failures.append(failure)
        yield doc_id, doc
