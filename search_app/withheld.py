"""What staff withheld from publication, left out of every public list.

The staff's publication store (``search_app.admin.library``) is the truth about publication
and the index follows it; but the two can disagree for a while: a held upload whose older,
published version could not be deleted (the index stayed locked), or ``precedentes index`` run
against another staff database. The document page already refuses such a document; this module
lets the lists (search page, API, exports, feeds, cited-by, similar, citation links) leave it
out too. The withheld ids are read once per request (read-only; none without a staff area).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from flask import current_app, g

from indexer.engine import Hit, SearchResult

_G_KEY = "_withheld_ids"


def withheld_ids() -> frozenset[str]:
    """Ids the store holds back (held, withdrawn, rejected), read once per request."""
    ids: frozenset[str] | None = g.get(_G_KEY)
    if ids is None:
        from search_app.admin.library import hidden_ids_at

        ids = hidden_ids_at(current_app.config.get("STAFF_DB"))
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
