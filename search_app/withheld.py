"""What staff withheld from publication, left out of every public list.

The staff's publication store (``search_app.admin.library``) is the truth about publication
and the index follows it; but the two can disagree for a while: a held upload whose older,
published version could not be deleted (the index stayed locked), or ``precedentes index`` run
against another staff database. The document page already refuses such a document; this module
lets the lists (search page, API, exports, feeds, cited-by, similar, citation links) leave it
out too. The withheld ids are read (read-only) only when the store changed; none without a staff area.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable
from typing import Any

from flask import current_app, g

from indexer.engine import Hit, SearchResult

_G_KEY = "_withheld_ids"
_CACHE_KEY = "precedentes_withheld"  # in app.extensions: {"stamp": ..., "ids": ...}


def _stamp(path: str | None) -> tuple[int, ...] | None:
    """What changes whenever the store is written: the database file's and its WAL's
    modification time and size (a stat costs microseconds, a read of the store milliseconds)."""
    if not path:
        return None
    out: list[int] = []
    for name in (path, path + "-wal"):
        try:
            st = os.stat(name)
        except OSError:
            out += [0, 0]
            continue
        out += [st.st_mtime_ns, st.st_size]
    return tuple(out) if out[0] else None


def withheld_ids() -> frozenset[str]:
    """Ids the store holds back (held, withdrawn, rejected): read again only when the store
    changed, checked once per request."""
    ids: frozenset[str] | None = g.get(_G_KEY)
    if ids is None:
        from search_app.admin.library import hidden_ids_at

        path = current_app.config.get("STAFF_DB")
        stamp = _stamp(str(path) if path else None)
        cache: dict[str, Any] = current_app.extensions.setdefault(_CACHE_KEY, {})
        if stamp is not None and cache.get("stamp") == stamp:
            ids = cache["ids"]
        else:
            ids = hidden_ids_at(path)
            cache.update(stamp=stamp, ids=ids)
        setattr(g, _G_KEY, ids)
    return ids


def visible(hits: Iterable[Hit], hidden: frozenset[str] | None = None) -> list[Hit]:
    """``hits`` without withheld documents (``hidden``: the ids, when read beforehand)."""
    hidden = withheld_ids() if hidden is None else hidden
    return [h for h in hits if h.id not in hidden]


def visible_result(result: SearchResult) -> SearchResult:
    """``result`` with withheld hits left out (the same object when there are none)."""
    hidden = withheld_ids()
    if not hidden or not any(h.id in hidden for h in result.hits):
        return result
    return dataclasses.replace(result, hits=visible(result.hits, hidden))
