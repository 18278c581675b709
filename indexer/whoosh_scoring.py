"""BM25F relevance over the matching documents with numpy, for the top-k of a page.

whoosh scores posting by posting in Python; on Or-heavy queries (synonyms, prefixes, phrases as
bigrams) it was measured at seconds per query at 5,000 documents. Here each scoring term's
postings (ids and term frequencies) are read block by block into arrays, its BM25 contribution
(whoosh's formula and defaults: B=0.75, K1=1.2, idf = log(N/(df+1)) + 1; unscorable keyword
fields count their weight) is added to a per-document score array, and the page is a partial
sort of the matching documents. Field lengths come from whoosh's length columns, decoded once
per generation.

Terms of a ``Phrase`` count only where the phrase matched; negated parts never count.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from whoosh import query as wq
from whoosh.searching import Searcher
from whoosh.util.numeric import byte_to_length

from indexer.whoosh_masks import MaskEvaluator

B = 0.75
K1 = 1.2
_BYTE_LENGTHS = np.array([byte_to_length(i) for i in range(256)], dtype=np.float32)


class Scorer:
    """Per-generation scoring state: field length arrays and the evaluator's masks."""

    def __init__(self, searcher: Searcher, masks: MaskEvaluator) -> None:
        self.searcher = searcher
        self.masks = masks
        self.size = masks.size
        self.doc_count = max(1, searcher.doc_count())
        self._lengths: dict[str, np.ndarray] = {}

    def lengths(self, fieldname: str) -> np.ndarray:
        arr = self._lengths.get(fieldname)
        if arr is None:
            arr = np.ones(self.size, dtype=np.float32)
            for sub, offset in self.searcher.leaf_searchers():
                reader = sub.reader()
                count = reader.doc_count_all()
                arr[offset : offset + count] = self._segment_lengths(reader, fieldname, count)
            self._lengths[fieldname] = arr
        return arr

    @staticmethod
    def _segment_lengths(reader: Any, fieldname: str, count: int) -> np.ndarray:
        try:
            from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield

            col = reader._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
            raw = np.frombuffer(col._dbfile.get(col._basepos, col._count), dtype=np.uint8)
            codes = np.zeros(count, dtype=np.uint8)
            codes[: len(raw)] = raw[:count]
            return np.maximum(_BYTE_LENGTHS[codes], 1.0)
        except (AttributeError, ImportError, TypeError):
            return np.array(
                [reader.doc_field_length(d, fieldname, 1) for d in range(count)], dtype=np.float32
            )

    def scores(self, q: wq.Query) -> np.ndarray:
        """BM25F score of every document for ``q`` (0 where no scoring term occurs)."""
        out = np.zeros(self.size, dtype=np.float32)
        for fieldname, text, boost, restrict in self._terms(q, 1.0, None):
            ids, tf = self.masks.postings(fieldname, text)
            if not len(ids):
                continue
            field = self.searcher.schema[fieldname]
            if field.scorable:
                df = len(ids)
                idf = math.log(self.doc_count / (df + 1)) + 1
                avgfl = self.searcher.avg_field_length(fieldname, 1) or 1
                fl = self.lengths(fieldname)[ids]
                s = idf * (tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * fl / avgfl))
            else:
                s = tf
            s = s * boost
            if restrict is not None:
                s = s * restrict[ids]
            out[ids] += s.astype(np.float32)
        return out

    def _terms(
        self, q: wq.Query, boost: float, restrict: np.ndarray | None
    ) -> list[tuple[str, Any, float, np.ndarray | None]]:
        boost *= getattr(q, "boost", 1.0)
        if isinstance(q, wq.Term):
            return [(q.fieldname, q.text, boost, restrict)]
        if isinstance(q, wq.Not):
            return []
        if isinstance(q, wq.AndNot):
            return self._terms(q.a, boost, restrict)
        if isinstance(q, wq.And | wq.Or):
            out = []
            for c in q.subqueries:
                out.extend(self._terms(c, boost, restrict))
            return out
        if isinstance(q, wq.Phrase):
            where = self.masks.evaluate(q)
            return [(q.fieldname, w, boost, where) for w in dict.fromkeys(q.words)]
        if isinstance(q, wq.PatternQuery):
            reader = self.searcher.reader()
            return [(q.fieldname, t, boost, restrict) for t in q._btexts(reader)]
        return []

    def top(self, q: wq.Query, matches: np.ndarray, start: int, end: int
            ) -> list[tuple[int, float]]:
        """(docnum, score) of ranks ``start``..``end`` among ``matches``, best first; ties by
        document number (stable pages)."""
        docs = np.nonzero(matches)[0]
        if not len(docs):
            return []
        scores = self.scores(q)[docs]
        if end < len(docs):  # keep every document tied with the end-th: pages stay stable
            kth = np.partition(scores, len(scores) - end)[len(scores) - end]
            keep = scores >= kth
            docs, scores = docs[keep], scores[keep]
        order = np.lexsort((docs, -scores))[start:end]
        return [(int(docs[i]), float(scores[i])) for i in order]
