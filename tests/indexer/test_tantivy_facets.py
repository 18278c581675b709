"""tantivy facet counts: counting the documents that do NOT match and subtracting them from the
counts over every document (``TantivySearch.facet_counts``) gives exactly the counts of the
matches, deleted and replaced documents included; the per-state counts follow commits."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import tantivy

from corpus.records import DocumentRecord
from indexer.engine import SearchParams
from indexer.fields import FACETS
from indexer.schema import facet_values
from indexer.tantivy_search import (
    FacetPlan,
    _buckets,
    complement,
    facet_plan,
    facet_spec,
    postings_counts,
    subtract,
)

DELETED = 12  # records deleted after the build: their documents stay in the segments


@pytest.mark.parametrize(("everything", "rest", "expected"), [
    ([("a", 5), ("b", 3)], [], [("a", 5), ("b", 3)]),
    ([("a", 5), ("b", 3)], [("a", 5)], [("b", 3)]),  # nothing left: dropped
    ([("a", 5), ("b", 3)], [("a", 3)], [("a", 2), ("b", 3)][::-1]),  # re-sorted by count
    ([("b", 2), ("a", 4)], [("a", 2)], [("a", 2), ("b", 2)]),  # ties by value
    ([], [], []),
])
def test_subtract(everything: list[tuple[str, int]], rest: list[tuple[str, int]],
                  expected: list[tuple[str, int]]) -> None:
    assert subtract(everything, rest) == expected


def test_buckets_sorted_by_count_then_value() -> None:
    raw = {"f": {"buckets": [{"key": "b", "doc_count": 2}, {"key": "c", "doc_count": 5},
                             {"key": "a", "doc_count": 2}]}, "g": {}}
    assert _buckets(raw) == {"f": [("c", 5), ("a", 2), ("b", 2)], "g": []}


def test_buckets_of_value_sets_summed_into_values() -> None:
    """A facet column holds each document's value set; "" is a document without values."""
    raw = {"sentido": {"buckets": [{"key": "", "doc_count": 4}, {"key": "confirma", "doc_count": 3},
                                   {"key": "confirma\x1frevoca", "doc_count": 2}]},
           "articles": {"buckets": [{"key": "LGTAIP 7", "doc_count": 2}]}}
    assert _buckets(raw) == {"sentido": [("confirma", 5), ("revoca", 2)],
                             "articles": [("LGTAIP 7", 2)]}


@pytest.mark.parametrize(("total", "live", "known", "expected"), [
    (0, 600, True, FacetPlan(False, 0, frozenset())),
    (99, 600, True, FacetPlan(False, 99, frozenset())),  # few: their columns
    (101, 600, True, FacetPlan(False, 101, frozenset({"articles"}))),  # > 1/6: postings
    (300, 600, True, FacetPlan(False, 300, frozenset({"articles"}))),
    (301, 600, True, FacetPlan(True, 299, frozenset({"articles"}))),  # most: the rest
    (550, 600, True, FacetPlan(True, 50, frozenset())),
    (600, 600, True, FacetPlan(True, 0, frozenset())),  # all: the counts over everything
    (550, 600, False, FacetPlan(False, 550, frozenset({"articles"}))),  # state unknown
])
def test_facet_plan(total: int, live: int, known: bool, expected: FacetPlan) -> None:
    assert facet_plan(total, live, known) == expected


@pytest.fixture(scope="module")
def engine(sample_records: list[DocumentRecord],
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A tantivy index of the sample records, some then deleted and some replaced."""
    from indexer import open_engine

    eng: Any = open_engine(tmp_path_factory.mktemp("facets") / "ix", engine="tantivy", create=True)
    eng.update(sample_records)
    eng.delete([r.id for r in sample_records[:DELETED]])
    changed = [dataclasses.replace(r, sentido=["revoca"], topics=[]) for r in sample_records[-5:]]
    eng.update(sample_records[DELETED:-5] + changed)
    yield eng
    eng.close()


def _live_records(sample_records: list[DocumentRecord]) -> list[DocumentRecord]:
    changed = [dataclasses.replace(r, sentido=["revoca"], topics=[]) for r in sample_records[-5:]]
    return sample_records[DELETED:-5] + changed


QUERIES = ["", "información", "recurso", "solicitud", "respuesta", "zorzalito", "reservada",
           "información -reservada", '"sujeto obligado"', "garante:IVAI"]


@pytest.mark.parametrize("q", QUERIES)
def test_complement_counts_equal_direct_counts(engine: Any, q: str) -> None:
    core = engine.search_core()
    searcher = engine.searcher()
    state = engine.state_key()
    full = _query(engine, q)
    total = int(searcher.search(full, limit=1, count=True).count)
    direct = core.facet_counts(searcher, full, total, None)
    via_rest = core.facet_counts(searcher, full, total, state)
    assert via_rest == direct
    assert set(direct) == {f.name for f in FACETS}


@pytest.mark.parametrize("q", QUERIES)
def test_postings_counts_equal_column_counts(engine: Any, q: str) -> None:
    """The cited articles counted from their postings = from their column, deleted documents
    excluded both ways."""
    searcher = engine.searcher()
    with_deleted = sum(n for _, n in searcher.terms_with_prefix("fc_garante", ""))
    assert with_deleted > searcher.num_docs  # deleted documents are still in the segments
    full = _query(engine, q)
    spec = {"articles": facet_spec()["articles"]}
    assert postings_counts(searcher, "articles", full) == _buckets(
        searcher.aggregate(full, spec))["articles"]


def test_the_mix_takes_the_complement_path(engine: Any) -> None:
    """More than half of the live documents match some queries above (else the test above
    would only compare the direct path with itself)."""
    searcher = engine.searcher()
    live = int(searcher.num_docs)
    totals = [int(searcher.search(_query(engine, q), limit=1, count=True).count) for q in QUERIES]
    assert live in totals
    assert any(live // 2 < t < live for t in totals)


def test_counts_over_everything_match_the_records(engine: Any,
                                                  sample_records: list[DocumentRecord]) -> None:
    """Match-all: the cached counts over every live document, against the records themselves
    (deleted ones absent, replaced ones with their new values)."""
    live = _live_records(sample_records)
    result = engine.search(SearchParams(q="", page_size=1, with_snippets=False))
    assert result.total == len(live)
    for name in ("sentido", "topics", "garante", "year"):
        expected = Counter(v for r in live for v in facet_values(r)[name])
        shown = {v.value: v.count for v in result.facets[name]}
        assert shown == {k: expected[k] for k in shown}, name
        assert len(shown) == min(len(expected), 30), name


def test_counts_over_everything_follow_commits(tmp_path: Path,
                                               sample_records: list[DocumentRecord]) -> None:
    from indexer import open_engine

    eng: Any = open_engine(tmp_path / "ix", engine="tantivy", create=True)
    try:
        eng.update(sample_records[:40])
        before = {v.value: v.count for v in _facets(eng, "")["garante"]}
        eng.delete([sample_records[0].id])
        after = {v.value: v.count for v in _facets(eng, "")["garante"]}
        gone = sample_records[0].garante
        assert after.get(gone, 0) == before[gone] - 1
        broad = _facets(eng, "información")  # more than half match: the complement path
        assert sum(v.count for v in broad["doc_type"]) == eng.search(
            SearchParams(q="información", page_size=1, with_facets=False)).total
    finally:
        eng.close()


def _facets(engine: Any, q: str) -> Any:
    return engine.search(SearchParams(q=q, page_size=1, with_snippets=False)).facets


def _query(engine: Any, q: str) -> tantivy.Query:
    """The tantivy query the engine runs for ``q`` (parsed and built as in a search)."""
    from indexer import query as ast
    from indexer import tantivy_query as tq

    core = engine.search_core()
    ctx = tq.BuildContext(engine.schema, engine.searcher(), core.settings.limits,
                          core.keyword_values, core._synonyms, core._rewrites)
    built = tq.build(ctx, ast.parse_query(q).node)
    assert built is not None
    return built


def test_complement_matches_the_rest(engine: Any) -> None:
    searcher = engine.searcher()
    q = _query(engine, "zorzalito")
    hits = int(searcher.search(q, limit=1, count=True).count)
    rest = int(searcher.search(complement(q), limit=1, count=True).count)
    assert hits > 0 and hits + rest == searcher.num_docs


def test_recent_facet_counts_serve_other_pages_until_a_commit(
        tmp_path: Path, sample_records: list[DocumentRecord],
        monkeypatch: pytest.MonkeyPatch) -> None:
    from indexer import open_engine

    eng: Any = open_engine(tmp_path / "ix", engine="tantivy", create=True)
    try:
        eng.update(sample_records[:40])
        core = eng.search_core()
        core.facet_cache = 2
        counted: list[int] = []
        real = core.facet_counts

        def counting(*args: Any) -> Any:
            counted.append(args[2])
            return real(*args)

        monkeypatch.setattr(core, "facet_counts", counting)

        def page(q: str, n: int, **kw: Any) -> Any:
            return eng.search(SearchParams(q=q, page=n, page_size=5, with_snippets=False, **kw))

        first = page("información", 1)
        assert page("información", 2, sort="date").facets == first.facets
        assert len(counted) == 1
        page("recurso", 1)
        page("solicitud", 1)  # cache of 2: "información" is out
        assert page("información", 1).facets == first.facets and len(counted) == 4
        page("información", 1, filters=(("garante", sample_records[0].garante or ""),))
        assert len(counted) == 5
        eng.delete([sample_records[0].id])
        after = page("información", 1)  # a commit: counted again
        assert len(counted) == 6
        assert sum(v.count for v in after.facets["doc_type"]) == after.total
    finally:
        eng.close()


def test_repeated_alternatives_are_built_once(engine: Any) -> None:
    """A query tree never holds the same subquery twice at one level (synonyms of "sobresee"
    analyse to the same stem); the matches are those of the single query."""
    from indexer.tantivy_query import and_, or_

    searcher = engine.searcher()
    one = _query(engine, "información")
    other = _query(engine, "recurso")
    assert repr(or_([one, other, one])) == repr(or_([one, other]))
    assert repr(and_([one, one])) == repr(one)
    assert repr(or_([one, None, one])) == repr(one)
    twice = tantivy.Query.boolean_query([(tantivy.Occur.Should, one), (tantivy.Occur.Should, one)])
    assert searcher.search(twice, limit=1).count == searcher.search(one, limit=1).count


@pytest.mark.parametrize("q", QUERIES)
def test_one_facet_thread_counts_the_same(engine: Any, q: str) -> None:
    """With one facet thread every column count is one aggregation; with two, the cited
    articles are counted apart: the same counts either way."""
    core = engine.search_core()
    searcher = engine.searcher()
    state = engine.state_key()
    full = _query(engine, q)
    total = int(searcher.search(full, limit=1, count=True).count)
    default = core.facet_threads
    try:
        core.facet_threads = 2
        two = core.facet_counts(searcher, full, total, state)
        core.facet_threads = 1
        assert core.facet_counts(searcher, full, total, state) == two
        assert core.facet_counts(searcher, full, total, None) == two
    finally:
        core.facet_threads = default
