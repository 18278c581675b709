"""Two search lanes over one whoosh index, so that a runaway query does not queue the others.

A whoosh ``SearchCore`` serialises the searches of a process under one lock (its searcher's
files are read by seek + read). One client sending costly queries (wildcards, dozens of
terms, deep or large pages: ``indexer.budget.heavy_query``) would hold that lock for up to
the time budget per query, and every other search of the process would wait behind it.
``LanedSearch`` keeps a second core — its own searcher, lock and caches — for the costly
kind: they queue among themselves, the ordinary searches go on in the light lane. Documents,
similar and cited-by use the light lane.

The price: a second searcher and second per-generation caches (facet arrays, masks) per
process, built only once a costly query comes.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

from whoosh.index import Index

from indexer import query as ast
from indexer.budget import SearchSettings, heavy_query
from indexer.engine import Hit, QueryError, SearchParams, SearchResult
from indexer.whoosh_search import SearchCore


class LanedSearch:
    """A light and a heavy ``SearchCore`` over the same index (see the module docstring)."""

    def __init__(self, index: Index, settings: SearchSettings | None = None) -> None:
        self._index = index
        self._settings = settings or SearchSettings()
        self.light = SearchCore(index, settings=self._settings)
        self._heavy: SearchCore | None = None
        self._heavy_lock = threading.Lock()

    @property
    def settings(self) -> SearchSettings:
        return self._settings

    @settings.setter
    def settings(self, settings: SearchSettings) -> None:
        self._settings = settings
        self.light.settings = settings
        if self._heavy is not None:
            self._heavy.settings = settings

    def heavy(self) -> SearchCore:
        """The costly queries' core, created on first use."""
        with self._heavy_lock:
            if self._heavy is None:
                self._heavy = SearchCore(self._index, settings=self._settings)
            return self._heavy

    def lane(self, params: SearchParams) -> SearchCore:
        """The core a search runs on (a query that does not parse: the light one, which
        raises the same error)."""
        try:
            node = ast.parse_query(params.q, self._settings.limits).node
        except QueryError:
            return self.light
        return self.heavy() if heavy_query(node, params) else self.light

    def search(self, params: SearchParams) -> SearchResult:
        return self.lane(params).search(params)

    def vocabulary(self, field_name: str, prefix: str = "") -> Iterator[tuple[str, int]]:
        return self.light.vocabulary(field_name, prefix)

    def similar(self, doc_id: str, limit: int = 5) -> list[Hit]:
        return self.light.similar(doc_id, limit)

    def cited_by(self, doc_id: str, limit: int = 50) -> list[Hit]:
        return self.light.cited_by(doc_id, limit)

    def __getattr__(self, name: str) -> Any:
        """Anything else a caller reaches for on a core (``generation``, caches): the light
        lane's."""
        if name == "light":  # not yet set (during __init__ or unpickling)
            raise AttributeError(name)
        return getattr(self.light, name)

    def close(self) -> None:
        self.light.close()
        with self._heavy_lock:
            if self._heavy is not None:
                self._heavy.close()
                self._heavy = None
