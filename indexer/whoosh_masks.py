"""Which documents match a whoosh query, as a numpy boolean mask: the exact total and the input
of the facet counts, without scoring and without whoosh's per-document matcher loop.

A term's postings are read block by block (the W3 codec's pickled, delta-coded id arrays,
decoded with ``numpy.cumsum``, and the term frequencies the scorer needs) into arrays and a
mask, both cached per searcher generation; And, Or, Not and
AndNot are mask algebra. Queries with positions (Phrase) fall back to whoosh's own matcher.
Deleted documents are removed by AND-ing with the live mask at the end.

Reading the codec's block layout uses private attributes of ``W3LeafMatcher``; when they are
not there (another codec or whoosh release) the generic ``all_ids()`` path is used, so the
result is the same, only slower. The brute-force tests in tests/indexer check the totals.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from whoosh import query as wq
from whoosh.matching.wrappers import FilterMatcher
from whoosh.searching import Searcher

from indexer.whoosh_facets import LruCache, Mask


def block_postings(leaf: Any) -> tuple[np.ndarray, np.ndarray] | None:
    """(ids, weights) of a fresh W3 leaf matcher, block by block; None if the layout differs."""
    needed = ("_read_data", "_goto", "_lastblock", "_nextoffset", "_blocklength", "_byteids")
    if not all(hasattr(leaf, a) for a in needed) or leaf._byteids:
        return None
    ids, weights = [], []
    while True:
        leaf._read_data()
        ids.append(np.cumsum(np.asarray(leaf._data[0], dtype=np.int64)))
        w = leaf._data[1]
        if w is None or isinstance(w, float | int):
            weights.append(np.full(leaf._blocklength, 1.0 if w is None else float(w), np.float32))
        else:
            weights.append(np.asarray(w, dtype=np.float32))
        if leaf._lastblock:
            break
        leaf._goto(leaf._nextoffset)
    return np.concatenate(ids), np.concatenate(weights)


def generic_postings(matcher: Any) -> tuple[np.ndarray, np.ndarray]:
    """(ids, weights) through whoosh's matcher interface, posting by posting."""
    ids, weights = [], []
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        matcher.next()
    return np.array(ids, dtype=np.int64), np.array(weights, dtype=np.float32)


class MaskEvaluator:
    """Masks of whoosh queries over one searcher; term masks cached (LRU)."""

    def __init__(self, searcher: Searcher, live: Callable[[], Mask], cache_size: int = 256) -> None:
        self.searcher = searcher
        self.live = live
        self.size = searcher.reader().doc_count_all()
        self.terms: LruCache[Mask] = LruCache(cache_size)
        self.postings_cache: LruCache[tuple[np.ndarray, np.ndarray]] = LruCache(cache_size)
        self.leaves = searcher.leaf_searchers()

    def postings(self, fieldname: str, text: Any) -> tuple[np.ndarray, np.ndarray]:
        """(global ids, term frequencies) of the live documents containing a term (cached)."""
        key = ("postings", fieldname, text)
        cached = self.postings_cache.get(key)
        if cached is not None:
            return cached
        ids_parts, w_parts = [], []
        for sub, offset in self.leaves:
            reader = sub.reader()
            if (fieldname, text) not in reader:
                continue
            m = reader.postings(fieldname, text)
            got = block_postings(m.child if isinstance(m, FilterMatcher) else m)
            if got is None:
                got = generic_postings(reader.postings(fieldname, text))
            ids_parts.append(got[0] + offset)
            w_parts.append(got[1])
        if ids_parts:
            ids, weights = np.concatenate(ids_parts), np.concatenate(w_parts)
            alive = self.live()[ids]
            result = (ids[alive], weights[alive])
        else:
            result = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32))
        self.postings_cache.put(key, result)
        return result

    def term_ids(self, fieldname: str, text: Any) -> np.ndarray:
        """Global numbers of the live documents containing a term, ascending."""
        return self.postings(fieldname, text)[0]

    def term(self, fieldname: str, text: Any) -> Mask:
        """The mask of a term (cached; do not modify it)."""
        key = (fieldname, text)
        cached = self.terms.get(key)
        if cached is not None:
            return cached
        mask = np.zeros(self.size, dtype=bool)
        mask[self.term_ids(fieldname, text)] = True
        self.terms.put(key, mask)
        return mask

    def whoosh_docs(self, q: wq.Query) -> Mask:
        """The generic path: whoosh's matcher, document by document."""
        mask = np.zeros(self.size, dtype=bool)
        for sub, offset in self.leaves:
            ids = np.fromiter(q.docs(sub), dtype=np.int64)
            if len(ids):
                mask[ids + offset] = True
        return mask

    def evaluate(self, q: wq.Query, check: Callable[[], None] | None = None) -> Mask:
        """The mask of live documents matching ``q`` (a fresh array: callers may modify it).
        ``check`` is called between the terms of Or and wildcard expansions (a search's
        deadline: it raises to stop a runaway evaluation)."""
        self._check = check
        try:
            return self._eval(q) & self.live()
        finally:
            self._check = None

    _check: Callable[[], None] | None = None

    def _eval(self, q: wq.Query) -> Mask:
        if isinstance(q, wq.Term):
            return self.term(q.fieldname, q.text).copy()
        if q is wq.NullQuery or isinstance(q, type(wq.NullQuery)):
            return np.zeros(self.size, dtype=bool)
        if isinstance(q, wq.Every):
            return self.live().copy()
        if isinstance(q, wq.Not):
            return ~self._eval(q.query)
        if isinstance(q, wq.AndNot):
            return self._eval(q.a) & ~self._eval(q.b)
        if isinstance(q, wq.And):
            positive = [c for c in q.subqueries if not isinstance(c, wq.Not)]
            negative = [c.query for c in q.subqueries if isinstance(c, wq.Not)]
            out = self._eval(positive[0]) if positive else self.live().copy()
            for c in positive[1:]:
                out &= self._eval(c)
            for c in negative:
                out &= ~self._eval(c)
            return out
        if isinstance(q, wq.Or):
            out = np.zeros(self.size, dtype=bool)
            for c in q.subqueries:
                if self._check is not None:
                    self._check()
                out |= self._eval(c)
            return out
        if isinstance(q, wq.PatternQuery):  # Prefix and the like: expand, then OR the terms
            out = np.zeros(self.size, dtype=bool)
            for text in q._btexts(self.searcher.reader()):
                if self._check is not None:
                    self._check()
                out |= self.term(q.fieldname, text)
            return out
        return self.whoosh_docs(q)
