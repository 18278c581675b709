"""Search on a whoosh index: ``SearchParams`` → ``SearchResult``, plus similar, cited-by and the
vocabulary. ``WhooshEngine`` delegates to one ``SearchCore`` per open index.

A ``SearchCore`` holds ONE reused searcher, reopened when the index changes, and per-generation
caches (term and filter masks, facet arrays, keyword values, date keys, the suggester). A lock
makes it safe to share across threads (whoosh readers seek shared files).

Per query: parse (guarded) → whoosh query → matching documents as a boolean mask computed from
postings (``whoosh_masks``: the exact total, the input of facet counts over ALL matches) →
filters as cached masks → the page's hits (scored top-k by whoosh for relevance, cached date
keys for date order) → snippets for the page only → a suggestion when a word is unknown or
hits are few.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
from whoosh import query as wq
from whoosh.index import Index
from whoosh.searching import Searcher

from indexer import query as ast
from indexer import whoosh_build as wb
from indexer.budget import (
    FACETS_SKIPPED,
    SNIPPETS_SKIPPED,
    Deadline,
    SearchSettings,
    check_expansions,
)
from indexer.engine import FacetValue, Hit, SearchParams, SearchResult
from indexer.fields import FACETS
from indexer.schema import (
    CITES_CRITERIA_FIELD,
    CITES_EXPEDIENTES_FIELD,
    DATE_FIELD,
    ID_FIELD,
    RECORD_COLUMN,
    TEXT_EXACT_FIELD,
    TEXT_FIELD,
    decode_record,
    facet_column,
    facet_term,
    hit_values,
    split_column_value,
)
from indexer.snippets import make_snippet, query_words
from indexer.whoosh_facets import FieldValues, LruCache, Mask, field_values, top_values
from indexer.whoosh_masks import MaskEvaluator
from indexer.whoosh_scoring import Scorer

# Facets whose keyword terms are not one-to-one with display values (an article is also indexed
# without its fracción, for filters): counted from the facet column instead of the postings.
COLUMN_FACETS = frozenset({"articles"})


class Generation:
    """Caches valid for one searcher (one committed state of the index)."""

    def __init__(self, searcher: Searcher, settings: SearchSettings) -> None:
        self.searcher = searcher
        self.size = searcher.reader().doc_count_all()
        self._facets: dict[str, FieldValues] = {}
        self._keywords: dict[str, tuple[str, ...]] = {}
        self.filters: LruCache[Mask] = LruCache(settings.filter_cache)
        self._live: Mask | None = None
        self._dates: np.ndarray | None = None
        self._suggester: Any = None
        self._suggester_lock = threading.Lock()
        self._suggester_thread: threading.Thread | None = None
        self._suggester_ready = threading.Event()
        self.masks = MaskEvaluator(searcher, self.live, settings.term_cache)
        self.scorer = Scorer(searcher, self.masks)

    def live(self) -> Mask:
        if self._live is None:
            mask = np.zeros(self.size, dtype=bool)
            ids = np.fromiter(self.searcher.reader().all_doc_ids(), dtype=np.int64)
            mask[ids] = True
            self._live = mask
        return self._live

    def facet(self, name: str) -> FieldValues:
        """Display values of a facet per document (built once per generation).

        Documents per value come from the keyword field's postings (read as arrays); the
        display spelling of a value from the facet column of one document carrying it. Terms
        with no display value (the article-without-fracción filter terms) are not facet values.
        """
        fv = self._facets.get(name)
        if fv is None:
            reader = self.searcher.reader()
            column = facet_column(name)
            displays = reader.column_reader(column) if reader.has_column(column) else None
            pairs: list[tuple[str, np.ndarray]] = []
            if displays is not None and name in COLUMN_FACETS:
                pairs = self._pairs_from_column(displays)
            elif displays is not None:
                for term in self.keyword_values(name):
                    ids = self.masks.term_ids(name, term)
                    if not len(ids):
                        continue
                    shown = [v for v in split_column_value(displays[int(ids[0])])
                             if facet_term(v) == term]
                    if shown:
                        pairs.append((shown[0], ids))
            pairs.sort(key=lambda p: p[0])
            fv = field_values(pairs)
            self._facets[name] = fv
        return fv

    def _pairs_from_column(self, displays: Any) -> list[tuple[str, np.ndarray]]:
        by_value: dict[str, list[int]] = {}
        live = self.live()
        for docnum, raw in enumerate(displays):
            if live[docnum]:
                for value in split_column_value(raw):
                    by_value.setdefault(value, []).append(docnum)
        return [(v, np.asarray(d, dtype=np.int64)) for v, d in by_value.items()]

    def keyword_values(self, name: str) -> tuple[str, ...]:
        """The folded terms of a keyword field (for loose ``field:value``)."""
        values = self._keywords.get(name)
        if values is None:
            values = tuple(
                t.decode("utf-8") if isinstance(t, bytes) else t
                for t in self.searcher.reader().lexicon(name)
            )
            self._keywords[name] = values
        return values

    def dates(self) -> np.ndarray:
        """yyyymmdd per document (0 when undated), for date order and ranges."""
        if self._dates is None:
            keys = np.zeros(self.size, dtype=np.int32)
            reader = self.searcher.reader()
            if reader.has_column(DATE_FIELD):
                for docnum, value in enumerate(reader.column_reader(DATE_FIELD)):
                    if value and hasattr(value, "year") and value.year > 1900:
                        keys[docnum] = value.year * 10000 + value.month * 100 + value.day
            self._dates = keys
        return self._dates

    def vocabulary_counts(
        self, field_name: str, min_df: int = 1, reader: Any = None
    ) -> dict[str, int]:
        """term → document frequency, read segment by segment (a multi-segment reader's
        ``iter_field`` looks every term up in every segment: measured 20 s at 5k documents)."""
        reader = reader if reader is not None else self.searcher.reader()
        counts: dict[str, int] = {}
        for sub, _ in reader.leaf_readers():
            for t, info in sub.iter_field(field_name):
                text = t.decode("utf-8") if isinstance(t, bytes) else t
                counts[text] = counts.get(text, 0) + info.doc_frequency()
        return {t: n for t, n in counts.items() if n >= min_df}

    def suggester(self, wait: float) -> Any:
        """The analysis engineer's Suggester over this index's vocabulary, or None.

        Reading the vocabulary takes seconds on a large index, so it is built once per
        generation in a background thread with its own reader (whoosh readers must not be
        shared across threads); the search that starts the build waits at most ``wait``
        seconds for it, later searches do not wait.
        """
        with self._suggester_lock:
            started_here = self._suggester_thread is None
            if started_here:
                self._suggester_thread = threading.Thread(
                    target=self._build_suggester, name="precedentes-suggester", daemon=True
                )
                self._suggester_thread.start()
        # only the search that started the build waits; later ones go on without
        self._suggester_ready.wait(wait if started_here else 0)
        return self._suggester

    def _build_suggester(self) -> None:
        try:
            from analyzers.suggest import Suggester
        except ImportError:
            self._suggester_ready.set()
            return
        index = getattr(self.searcher, "_ix", None)
        reader = index.reader() if index is not None else None
        try:
            vocab = self.vocabulary_counts(TEXT_EXACT_FIELD, min_df=2, reader=reader)
            self._suggester = Suggester(vocab)
        except Exception:  # a suggestion is a courtesy: a failed build means no suggestions
            self._suggester = None
        finally:
            if reader is not None:
                reader.close()
            self._suggester_ready.set()


class SearchCore:
    """Search over one open index: its shared searcher and that searcher's caches.

    ``searcher_fn`` returns the current searcher (the engine reopens it after a commit);
    ``cache`` is a dict the engine clears when the generation changes; ``lock`` guards both.
    """

    def __init__(
        self,
        source: Callable[[], Searcher] | Index,
        cache: dict[str, Any] | None = None,
        lock: Any = None,
        settings: SearchSettings | None = None,
    ) -> None:
        """``source``: a function returning the engine's current searcher, or a whoosh
        ``Index`` (then this core keeps its own searcher, refreshed when the index changes)."""
        self._index: Index | None = None
        self._own: Searcher | None = None
        if callable(source):
            self.searcher_fn: Callable[[], Searcher] = source
        else:
            self._index = source
            self.searcher_fn = self._own_searcher
        self.cache = cache if cache is not None else {}
        self._lock = lock if lock is not None else threading.RLock()
        self.settings = settings or SearchSettings()
        self._synonyms: wb.Alternatives | None = _synonym_function()

    def _own_searcher(self) -> Searcher:
        with self._lock:
            if self._own is None:
                assert self._index is not None
                self._own = self._index.searcher()
            elif not self._own.up_to_date():
                fresh = self._own.refresh()
                if fresh is not self._own:
                    self._own.close()
                self._own = fresh
            return self._own

    def close(self) -> None:
        """Close this core's own searcher (an engine's shared searcher is the engine's)."""
        with self._lock:
            self.cache.pop("search.generation", None)
            if self._own is not None:
                self._own.close()
                self._own = None

    def generation(self) -> Generation:
        """The caches of the current searcher (rebuilt when the engine reopened it)."""
        with self._lock:
            searcher = self.searcher_fn()
            gen = self.cache.get("search.generation")
            if gen is None or gen.searcher is not searcher:
                gen = Generation(searcher, self.settings)
                self.cache["search.generation"] = gen
            return gen

    # -------------------------------------------------------------- search

    def search(self, params: SearchParams) -> SearchResult:
        """Run a validated search. Raises ``QueryError`` (Spanish) for a query that cannot run,
        ``SearchTimeoutError`` when matching does not fit the time budget, ``ServerBusyError``
        when the budget ran out waiting for the lock (``indexer.budget``: once matched,
        snippets, facets and the suggestion degrade instead)."""
        deadline = self.settings.deadline()
        parsed = ast.parse_query(params.q, self.settings.limits)
        with self._lock:
            if self.settings.queue_wait_ms is None:
                deadline.check_started()  # the wait for the lock counts: past the budget, 503
            else:  # the wait has its own allowance; the search's budget starts with its turn
                Deadline(self.settings.queue_wait_ms, deadline.started).check_started()
                deadline = self.settings.deadline()
            gen = self.generation()
            ctx = wb.BuildContext(gen.searcher, self.settings.limits, gen.keyword_values,
                                  self._synonyms, _phrase_rewrites())
            q = wb.build(ctx, parsed.node)
            check_expansions(ctx.expansions, self.settings.limits)
            warnings = list(parsed.warnings) + ctx.warnings
            if q is None:
                q = wq.NullQuery
                warnings.append("La consulta sólo tiene palabras vacías (de, la, que…).")
            deadline.check()
            matches = self._matches(gen, q, deadline)
            allowed = self._filter_mask(gen, params)
            if allowed is not None:
                matches &= allowed
            deadline.check()
            total = int(matches.sum())
            hits = self._page(gen, q, params, matches, total)
            if params.with_snippets and hits and not self._add_snippets(
                    gen, hits, parsed.node, deadline):
                warnings.append(SNIPPETS_SKIPPED)
            facets, incomplete = (
                self._facets(gen, params, matches, deadline) if params.with_facets else ({}, [])
            )
            if incomplete and deadline.expired():
                warnings.append(FACETS_SKIPPED)
            suggestion = (None if deadline.expired()
                          else self._suggest(gen, params, parsed.node, total))
        return SearchResult(
            params=params,
            total=total,
            hits=hits,
            facets=facets,
            suggestion=suggestion,
            warnings=warnings,
            facets_incomplete=incomplete,
            elapsed_ms=round(deadline.elapsed_ms(), 2),
        )

    def _matches(self, gen: Generation, q: wq.Query, deadline: Deadline | None = None) -> Mask:
        """Every matching live document, as a mask: the exact total and the facets' input."""
        return gen.masks.evaluate(q, check=deadline.check if deadline is not None else None)

    def _filter_mask(self, gen: Generation, params: SearchParams) -> Mask | None:
        """AND across fields of (OR within a field), and the date range; masks cached."""
        by_field: dict[str, list[str]] = {}
        for name, value in params.filters:
            by_field.setdefault(name, []).append(value)
        masks: list[Mask] = []
        for name, values in sorted(by_field.items()):
            key = (name, tuple(sorted(values)))
            mask = gen.filters.get(key)
            if mask is None:
                mask = np.zeros(gen.size, dtype=bool)
                for value in values:
                    mask |= gen.masks.term(name, facet_term(value))
                gen.filters.put(key, mask)
            masks.append(mask)
        if params.date_from or params.date_to:
            low = int((params.date_from or "0000-01-01").replace("-", ""))
            high = int((params.date_to or "9999-12-31").replace("-", ""))
            dates = gen.dates()
            masks.append((dates >= low) & (dates <= high))
        if not masks:
            return None
        out = masks[0].copy()
        for m in masks[1:]:
            out &= m
        return out

    def _page(
        self, gen: Generation, q: wq.Query, params: SearchParams, matches: Mask, total: int
    ) -> list[Hit]:
        start = (params.page - 1) * params.page_size
        if start >= total:
            return []
        end = start + params.page_size
        if params.sort in ("date", "date_asc") or isinstance(q, wq.Every):
            docs = np.nonzero(matches)[0]
            keys = gen.dates()[docs]
            if params.sort == "date_asc":
                order = np.lexsort((docs, keys))
            else:
                order = np.lexsort((docs, -keys.astype(np.int64)))
            chosen = [(int(d), 0.0) for d in docs[order[start:end]]]
        else:
            chosen = gen.scorer.top(q, matches, start, end)
        reader = gen.searcher.reader()
        return [Hit(**hit_values(reader.stored_fields(d)), score=round(s, 4)) for d, s in chosen]

    def _add_snippets(self, gen: Generation, hits: list[Hit], node: ast.Node,
                      deadline: Deadline | None = None) -> bool:
        """Snippets for the page's hits; False when the time budget ran out first (the hits
        left without one keep an empty snippet)."""
        words = query_words(node)
        reader = gen.searcher.reader()
        records = reader.column_reader(RECORD_COLUMN) if reader.has_column(RECORD_COLUMN) else None
        if records is None:
            return True
        for hit in hits:
            if deadline is not None and deadline.expired():
                return False
            docnum = gen.searcher.document_number(**{ID_FIELD: hit.id})
            if docnum is None:
                continue
            record = decode_record(records[docnum])
            hit.snippet = make_snippet(record.text, words, self.settings.snippet_chars)
        return True

    def _facets(
        self, gen: Generation, params: SearchParams, matches: Mask,
        deadline: Deadline | None = None,
    ) -> tuple[dict[str, list[FacetValue]], list[str]]:
        """Counts over all matches; facets past their own budget or the search's time budget
        are listed as incomplete instead."""
        budget = self.settings.facet_budget_ms / 1000
        spent = 0.0  # counting time only: building a generation's arrays is a one-off
        out: dict[str, list[FacetValue]] = {}
        incomplete: list[str] = []
        for f in FACETS:
            if spent > budget or (deadline is not None and deadline.expired()):
                incomplete.append(f.name)
                continue
            fv = gen.facet(f.name)
            started = time.perf_counter()
            selected = params.selected(f.name)
            counts = fv.counts(matches)
            out[f.name] = [
                FacetValue(v, c, v in selected)
                for v, c in top_values(fv, counts, self.settings.facet_limit, selected)
            ]
            spent += time.perf_counter() - started
        return out, incomplete

    def _suggest(
        self, gen: Generation, params: SearchParams, node: ast.Node, total: int
    ) -> str | None:
        """A corrected whole query when a word is unknown to the index or hits are few."""
        if not params.q.strip() or params.page > 1:
            return None
        narrowed = bool(params.filters or params.date_from or params.date_to)
        few = total < self.settings.suggest_below and not narrowed  # few hits by the words
        if not few and not _has_unknown_word(gen, node):
            return None
        suggester = gen.suggester(self.settings.suggest_wait_s)
        if suggester is None:
            return None
        try:
            fixed = suggester.correct_query(params.q)
        except Exception:  # a suggestion is a courtesy: never fail the search for it
            return None
        return str(fixed) if fixed and fixed != params.q else None

    # -------------------------------------------------------------- documents

    def _docnum(self, gen: Generation, doc_id: str) -> int | None:
        num = gen.searcher.document_number(**{ID_FIELD: doc_id})
        return int(num) if num is not None else None

    def _hits(self, gen: Generation, q: wq.Query, limit: int, exclude: int | None) -> list[Hit]:
        matches = gen.masks.evaluate(q)
        if exclude is not None:
            matches[exclude] = False
        reader = gen.searcher.reader()
        return [Hit(**hit_values(reader.stored_fields(d)), score=round(s, 4))
                for d, s in gen.scorer.top(q, matches, 0, limit)]

    def similar(self, doc_id: str, limit: int = 5) -> list[Hit]:
        """MoreLikeThis: the document's most distinctive stemmed terms (tf·idf) and topics."""
        with self._lock:
            gen = self.generation()
            docnum = self._docnum(gen, doc_id)
            if docnum is None:
                return []
            reader = gen.searcher.reader()
            record = decode_record(reader.column_reader(RECORD_COLUMN)[docnum])
            terms = key_terms(gen.searcher, record.title + "\n" + record.text, 12)
            parts: list[wq.Query] = [wq.Term(TEXT_FIELD, t, boost=w) for t, w in terms]
            parts += [wq.Term("topics", facet_term(t), boost=2.0) for t in record.topics]
            if not parts:
                return []
            return self._hits(gen, wq.Or(parts), limit, docnum)

    def cited_by(self, doc_id: str, limit: int = 50) -> list[Hit]:
        """Documents citing this one's expediente, or this criterion's "<GARANTE> <number>"."""
        with self._lock:
            gen = self.generation()
            docnum = self._docnum(gen, doc_id)
            if docnum is None:
                return []
            record = decode_record(gen.searcher.reader().column_reader(RECORD_COLUMN)[docnum])
            parts: list[wq.Query] = []
            if record.expediente:
                parts.append(wq.Term(CITES_EXPEDIENTES_FIELD, facet_term(record.expediente)))
            if record.doc_type == "criterio" and record.number:
                key = f"{record.garante} {record.number}" if record.garante else record.number
                parts.append(wq.Term(CITES_CRITERIA_FIELD, facet_term(key)))
            if not parts:
                return []
            return self._hits(gen, wq.Or(parts), limit, docnum)

    def vocabulary(self, field_name: str, prefix: str = "") -> Iterator[tuple[str, int]]:
        """(term, document frequency) of an indexed field, materialised under the lock."""
        with self._lock:
            reader = self.generation().searcher.reader()
            if field_name not in reader.schema:
                return iter(())
            terms = reader.expand_prefix(field_name, prefix) if prefix else reader.lexicon(field_name)
            out = []
            for t in terms:
                text = t.decode("utf-8") if isinstance(t, bytes) else t
                out.append((text, reader.doc_frequency(field_name, text)))
        return iter(out)


def key_terms(searcher: Searcher, text: str, count: int) -> list[tuple[str, float]]:
    """The ``count`` stemmed terms of ``text`` with the highest tf·idf, weights scaled to ≤ 3."""
    from collections import Counter

    tf = Counter(wb.analyze(searcher, TEXT_FIELD, text))
    reader = searcher.reader()
    n = max(1, reader.doc_count())
    scored = []
    frequent = [(t, f) for t, f in tf.most_common() if len(t) >= 3 and not t.isdigit()]
    for term, freq in frequent[: count * 4]:  # document frequencies cost a lookup per segment
        df = reader.doc_frequency(TEXT_FIELD, term)
        if df <= 1:
            continue
        scored.append((term, freq * float(np.log(n / df))))
    scored.sort(key=lambda x: -x[1])
    top = scored[:count]
    if not top:
        return []
    high = top[0][1]
    return [(t, round(1 + 2 * w / high, 3)) for t, w in top]


def _has_unknown_word(gen: Generation, node: ast.Node) -> bool:
    reader = gen.searcher.reader()
    for leaf in ast.leaves(node):
        if isinstance(leaf, ast.Term) and leaf.field is None:
            for term in wb.analyze(gen.searcher, TEXT_FIELD, leaf.text):  # stems: a plural
                if not reader.doc_frequency(TEXT_FIELD, term):  # of a known word is known
                    return True
    return False


def _synonym_function() -> wb.Alternatives | None:
    """The analysis engineer's query-side synonym function, adapted (None when absent)."""
    try:
        from analyzers.synonyms import synonym_alternatives
    except ImportError:
        return None

    def alternatives(words: list[str]) -> list[tuple[int, int, list[list[str]]]]:
        return [(m.start, m.end, [list(a) for a in m.alternatives])
                for m in synonym_alternatives(words)]

    return alternatives


def _phrase_rewrites() -> Callable[[list[str]], list[tuple[str, ...]]] | None:
    """Whole rewritings of a quoted phrase with its synonyms (None when absent)."""
    try:
        from analyzers.synonyms import expand_phrase
    except ImportError:
        return None
    return expand_phrase
