"""The search core's brute-force tests (tests/indexer/test_search.py) run again on the tantivy
engine, over the same records: exact totals, facet counts over all matches, filters, date
range, sorting, pages, snippets, suggestion, similar, cited-by, vocabulary, threads. Plus what
is tantivy's own: the prefix cap, and a searcher that follows commits."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from corpus.records import DocumentRecord
from indexer.engine import SearchParams
from tests.indexer.test_search import (  # noqa: F401  (collected here with the fixture below)
    run,
    test_cited_by_expediente_and_criterion,
    test_cited_by_matches_the_records,
    test_concurrent_searches_agree,
    test_date_range_filter,
    test_date_sort_newest_first_and_oldest_first,
    test_filtered_totals_and_facets_match_brute_force,
    test_misspelt_word_gets_a_whole_query_suggestion,
    test_no_snippets_when_not_asked,
    test_or_and_not_totals_match_brute_force,
    test_pages_partition_the_results,
    test_phrase_totals_match_brute_force,
    test_relevance_scores_descend,
    test_selected_filter_values_are_flagged,
    test_similar_excludes_itself_and_shares_terms,
    test_snippet_is_escaped_and_marks_the_match,
    test_snippet_marks_stemmed_forms,
    test_stopword_only_query_is_empty_with_a_warning,
    test_vocabulary_lists_terms_with_frequencies,
    test_word_totals_match_brute_force,
)


@pytest.fixture(scope="module")
def search_engine(
    sample_records: list[DocumentRecord], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Any]:
    """A read-only tantivy engine over ``sample_records`` (overrides conftest's whoosh one)."""
    from indexer import open_engine

    engine = open_engine(tmp_path_factory.mktemp("tantivy-index"), engine="tantivy", create=True)
    engine.update(sample_records)
    assert engine.name == "tantivy"
    yield engine
    engine.close()


def test_prefix_expansion_is_capped_with_a_warning(search_engine: Any) -> None:
    from indexer.query import QueryLimits
    from indexer.tantivy_search import TantivySearch
    from indexer.whoosh_search import SearchSettings

    core = TantivySearch(search_engine.searcher, search_engine.schema, search_engine.state_key,
                         SearchSettings(limits=QueryLimits(max_expansions=2)))
    capped = core.search(SearchParams(q="info*", page_size=1000))
    full = run(search_engine, "info*")
    assert any("más frecuentes" in w for w in capped.warnings)
    assert not full.warnings and 0 < capped.total <= full.total


def test_searcher_follows_index_changes(tmp_path: Path, sample_records: list[DocumentRecord]) -> None:
    from indexer import open_engine

    engine: Any = open_engine(tmp_path / "ix", engine="tantivy", create=True)
    try:
        engine.update(sample_records[:20])
        before = run(engine, "zorzalito").total
        facets_before = run(engine).facets["garante"]
        engine.update(sample_records[:20] + [r for r in sample_records if r.id == "test-1"])
        assert run(engine, "zorzalito").total == before + 1
        assert sum(v.count for v in run(engine).facets["garante"]) == sum(
            v.count for v in facets_before) + 1
        engine.delete(["test-1"])
        assert run(engine, "zorzalito").total == before
    finally:
        engine.close()
