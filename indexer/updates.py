"""The incremental-update loop shared by every engine: add, replace on a changed content hash,
skip the unchanged, prune what the input no longer has, commit every ``batch_size`` writes."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from indexer.engine import IndexReport


class WriteSession(Protocol):
    """An engine's open writer, as the update loop uses it."""

    @property
    def pending(self) -> int: ...

    def put(self, doc_id: str, doc: Any, *, replace: bool) -> None: ...

    def remove(self, doc_id: str) -> None: ...

    def commit(self, on_commit: Any) -> None: ...


def apply_updates(
    session: WriteSession,
    existing: dict[str, str],
    docs: Iterable[tuple[str, Any, str]],
    report: IndexReport,
    *,
    prune: bool,
    batch_size: int,
    on_commit: Any,
) -> None:
    """Write ``docs`` — (id, engine document, content hash) — against ``existing`` (id → hash
    of the live documents), counting into ``report``; the last commit is the caller's."""
    seen: set[str] = set()
    for doc_id, doc, digest in docs:
        seen.add(doc_id)
        old = existing.get(doc_id)
        if old == digest:
            report.unchanged += 1
            continue
        session.put(doc_id, doc, replace=old is not None)
        existing[doc_id] = digest
        if old is None:
            report.added += 1
        else:
            report.replaced += 1
        if session.pending >= batch_size:
            session.commit(on_commit)
    if prune:
        for doc_id in sorted(set(existing) - seen):
            session.remove(doc_id)
            report.deleted += 1
