"""The time budget per search (``indexer.budget``): refuse while matching, degrade after.

Slow phases are simulated by monkeypatching one phase to sleep past a small budget; the only
wall-time assertions are generous guards (a search answers in well under its slowed phases'
total), never speed goals.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

import pytest

from corpus.records import DocumentRecord
from indexer.budget import (
    FACETS_SKIPPED,
    NO_DEADLINE,
    SNIPPETS_SKIPPED,
    Deadline,
    SearchSettings,
    timeout_message,
)
from indexer.engine import QueryError, SearchParams, SearchTimeoutError, ServerBusyError
from indexer.fields import FACET_NAMES

BUDGET_MS = 300.0
SLOW_S = 0.4  # a slowed phase: past the budget on its own


def _slow(original: Callable[..., Any], delay: float = SLOW_S) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        time.sleep(delay)
        return original(*args, **kwargs)
    return wrapper


# ------------------------------------------------------------------ the deadline itself


@pytest.mark.parametrize(("budget_ms", "sleep_s", "expired"), [
    (0, 0.02, False),  # no budget: never expires
    (-5, 0.02, False),
    (10_000, 0.0, False),
    (5, 0.03, True),
])
def test_deadline_expiry(budget_ms: float, sleep_s: float, expired: bool) -> None:
    deadline = Deadline(budget_ms)
    time.sleep(sleep_s)
    assert deadline.expired() is expired
    if expired:
        with pytest.raises(SearchTimeoutError) as err:
            deadline.check()
        assert err.value.kind == "tiempo_agotado" and err.value.status == 400
    else:
        deadline.check()


@pytest.mark.parametrize(("budget_ms", "shown"), [(2000, "2 s"), (1500, "1.5 s"), (250, "0.2 s")])
def test_timeout_message_is_spanish_and_says_the_budget(budget_ms: float, shown: str) -> None:
    message = timeout_message(budget_ms)
    assert f"más de {shown}" in message and "Pruebe" in message


def test_timeout_is_a_query_error_and_no_deadline_never_expires() -> None:
    assert issubclass(SearchTimeoutError, QueryError)
    assert issubclass(ServerBusyError, SearchTimeoutError) and ServerBusyError.status == 503
    assert NO_DEADLINE.remaining() == float("inf") and not NO_DEADLINE.expired()
    assert SearchSettings(time_budget_ms=0).deadline().remaining() == float("inf")


# ------------------------------------------------------------------ whoosh


@pytest.fixture()
def whoosh_core(search_engine: Any) -> Any:
    from indexer.whoosh_search import SearchCore

    core = SearchCore(search_engine.searcher, settings=SearchSettings(time_budget_ms=BUDGET_MS))
    _warm(core)
    return core


def _warm(core: Any) -> None:
    """One search first, so that the per-generation caches are not what the budget measures."""
    with contextlib.suppress(SearchTimeoutError):
        core.search(SearchParams(q="información"))


def test_whoosh_search_within_budget_is_complete(search_engine: Any) -> None:
    from indexer.whoosh_search import SearchCore

    core = SearchCore(search_engine.searcher, settings=SearchSettings(time_budget_ms=60_000))
    result = core.search(SearchParams(q="información", page_size=3))
    assert result.total and set(result.facets) == set(FACET_NAMES)
    assert not result.facets_incomplete and result.hits[0].snippet
    assert SNIPPETS_SKIPPED not in result.warnings


def test_whoosh_slow_matching_is_refused(whoosh_core: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from indexer.whoosh_search import SearchCore

    monkeypatch.setattr(SearchCore, "_filter_mask", _slow(SearchCore._filter_mask))
    started = time.perf_counter()
    with pytest.raises(SearchTimeoutError) as err:
        whoosh_core.search(SearchParams(q="información"))
    assert "tardó demasiado" in err.value.message
    assert time.perf_counter() - started < 5


@contextlib.contextmanager
def _lock_held(lock: Any, seconds: float) -> Iterator[None]:
    """Another thread holds ``lock`` (a search running) until ``seconds`` from now."""
    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        with lock:
            held.set()
            release.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    held.wait(10)
    timer = threading.Timer(seconds, release.set)
    timer.start()
    try:
        yield
    finally:
        release.set()
        holder.join(10)
        timer.cancel()


def test_whoosh_search_that_waited_past_its_budget_is_busy(whoosh_core: Any) -> None:
    """A search queued behind a long one (the core serialises searches) is shed with 503."""
    with _lock_held(whoosh_core._lock, BUDGET_MS / 1000 * 2):
        with pytest.raises(ServerBusyError) as err:
            whoosh_core.search(SearchParams(q="información"))
        assert err.value.status == 503 and "ocupado" in err.value.message


@pytest.mark.parametrize(("queue_wait_ms", "busy"), [(60_000.0, False), (BUDGET_MS, True)])
def test_whoosh_queue_wait_has_its_own_allowance(whoosh_core: Any, queue_wait_ms: float,
                                                 busy: bool) -> None:
    """With ``queue_wait_ms`` (the web app's SEARCH_QUEUE_WAIT_MS) a search queued longer than
    its time budget still runs, its budget starting with its turn; past the allowance, 503."""
    whoosh_core.settings = replace(whoosh_core.settings, queue_wait_ms=queue_wait_ms)
    with _lock_held(whoosh_core._lock, BUDGET_MS / 1000 * 2):  # twice the search's budget
        if busy:
            with pytest.raises(ServerBusyError):
                whoosh_core.search(SearchParams(q="información"))
        else:
            assert whoosh_core.search(SearchParams(q="información")).total


def test_whoosh_or_loop_stops_at_the_deadline(whoosh_core: Any,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """The deadline is checked between the terms of an OR, not only after the whole match."""
    from indexer.whoosh_masks import MaskEvaluator

    calls: list[object] = []
    original = MaskEvaluator.term

    def slow_term(self: MaskEvaluator, fieldname: str, text: Any) -> Any:
        calls.append(text)
        time.sleep(0.1)
        return original(self, fieldname, text)

    monkeypatch.setattr(MaskEvaluator, "term", slow_term)
    words = "información OR datos OR reserva OR plazo OR sujeto OR pública OR recurso OR acceso"
    with pytest.raises(SearchTimeoutError):
        whoosh_core.search(SearchParams(q=words))
    assert 0 < len(calls) < 8 * 2  # stopped part-way (each word has a body and a title term)


def test_whoosh_slow_ranking_degrades(whoosh_core: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from indexer.whoosh_search import SearchCore

    monkeypatch.setattr(SearchCore, "_page", _slow(SearchCore._page))
    monkeypatch.setattr(SearchCore, "_suggest",
                        lambda *a: pytest.fail("no suggestion past the budget"))
    started = time.perf_counter()
    result = whoosh_core.search(SearchParams(q="información", page_size=3))
    assert result.total and result.hits  # the hits are kept
    assert all(h.snippet == "" for h in result.hits)
    assert SNIPPETS_SKIPPED in result.warnings and FACETS_SKIPPED in result.warnings
    assert set(result.facets_incomplete) == set(FACET_NAMES) and not result.facets
    assert result.suggestion is None
    assert time.perf_counter() - started < 5


def test_whoosh_slow_snippets_stop_part_way(whoosh_core: Any,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    import indexer.whoosh_search as ws

    monkeypatch.setattr(ws, "make_snippet", _slow(ws.make_snippet, BUDGET_MS / 1000 / 3))
    result = whoosh_core.search(SearchParams(q="información", page_size=10))
    made = [h for h in result.hits if h.snippet]
    assert len(result.hits) == 10 and 0 < len(made) < 10
    assert SNIPPETS_SKIPPED in result.warnings


def test_whoosh_without_budget_waits_for_every_phase(search_engine: Any,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from indexer.whoosh_search import SearchCore

    core = SearchCore(search_engine.searcher, settings=SearchSettings(time_budget_ms=0))
    monkeypatch.setattr(SearchCore, "_page", _slow(SearchCore._page))
    result = core.search(SearchParams(q="información", page_size=3))
    assert not result.facets_incomplete and result.hits[0].snippet


# ------------------------------------------------------------------ tantivy


@pytest.fixture(scope="module")
def tantivy_engine(sample_records: list[DocumentRecord],
                   tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from indexer import open_engine

    engine = open_engine(tmp_path_factory.mktemp("budget-tantivy"), engine="tantivy",
                         create=True)
    engine.update(sample_records)
    yield engine
    engine.close()


@pytest.fixture()
def tantivy_core(tantivy_engine: Any) -> Any:
    from indexer.tantivy_search import TantivySearch

    core = TantivySearch(tantivy_engine.searcher, tantivy_engine.schema,
                         tantivy_engine.state_key, SearchSettings(time_budget_ms=BUDGET_MS))
    _warm(core)
    return core


def test_tantivy_slow_expansion_is_refused(tantivy_core: Any,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import indexer.tantivy_query as tq

    monkeypatch.setattr(tq, "build", _slow(tq.build))
    with pytest.raises(SearchTimeoutError):
        tantivy_core.search(SearchParams(q="info*"))


def test_tantivy_slow_hits_degrade(tantivy_core: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from indexer.tantivy_search import TantivySearch

    monkeypatch.setattr(TantivySearch, "_hit", _slow(TantivySearch._hit, SLOW_S / 2))
    monkeypatch.setattr(TantivySearch, "facets",
                        lambda *a: pytest.fail("no facet counting past the budget"))
    result = tantivy_core.search(SearchParams(q="información", page_size=3))
    assert result.total and len(result.hits) == 3
    assert set(result.facets_incomplete) == set(FACET_NAMES) and not result.facets
    assert FACETS_SKIPPED in result.warnings and result.suggestion is None


def test_tantivy_search_within_budget_is_complete(tantivy_engine: Any) -> None:
    from indexer.tantivy_search import TantivySearch

    core = TantivySearch(tantivy_engine.searcher, tantivy_engine.schema,
                         tantivy_engine.state_key, SearchSettings(time_budget_ms=60_000))
    result = core.search(SearchParams(q="información", page_size=3))
    assert result.total and set(result.facets) == set(FACET_NAMES)
    assert not result.facets_incomplete and result.hits[0].snippet


def test_engine_configure_hands_the_settings_to_its_core(tantivy_engine: Any) -> None:
    settings = SearchSettings(time_budget_ms=1234)
    default = tantivy_engine.search_core().settings
    try:
        tantivy_engine.configure(settings)
        assert tantivy_engine.search_core().settings is settings
    finally:
        tantivy_engine.configure(replace(default))


# ------------------------------------------------------------------ whoosh lanes


@pytest.mark.parametrize(("q", "page", "size", "heavy"), [
    ("información reservada", 1, 20, False),
    ("reserv*", 1, 20, True),
    ("uno dos tres cuatro cinco seis siete ocho", 1, 20, False),
    ("uno dos tres cuatro cinco seis siete ocho nueve", 1, 20, True),
    ("información", 1, 50, False),
    ("información", 1, 51, True),
    ("información", 50, 20, False),
    ("información", 51, 20, True),
    ("", 1, 20, False),
])
def test_heavy_query_classes(q: str, page: int, size: int, heavy: bool) -> None:
    from indexer.budget import heavy_query
    from indexer.query import parse_query

    params = SearchParams(q=q, page=page, page_size=size)
    assert heavy_query(parse_query(q).node, params) is heavy


@pytest.fixture()
def lanes(search_engine: Any) -> Iterator[Any]:
    from indexer.whoosh_lanes import LanedSearch

    laned = LanedSearch(search_engine.index, SearchSettings(time_budget_ms=BUDGET_MS))
    yield laned
    laned.close()


def test_light_searches_do_not_wait_behind_a_heavy_one(lanes: Any) -> None:
    """With the heavy lane busy past the budget, an ordinary search still answers; a costly
    one is shed (it waited for its lane)."""
    lanes.search(SearchParams(q="información"))  # warm caches
    lanes.search(SearchParams(q="info*"))
    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        with lanes.heavy()._lock:
            held.set()
            release.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    held.wait(10)
    try:
        started = time.perf_counter()
        light = lanes.search(SearchParams(q="información", page_size=3))
        assert light.total and time.perf_counter() - started < 5
        timer = threading.Timer(BUDGET_MS / 1000 * 2, release.set)
        timer.start()
        with pytest.raises(ServerBusyError):
            lanes.search(SearchParams(q="info*"))
    finally:
        release.set()
        holder.join(10)


@pytest.mark.parametrize("params", [
    SearchParams(q="información", page_size=5), SearchParams(q="info*", page_size=5),
    SearchParams(q="información", page=3, page_size=60),
])
def test_both_lanes_answer_as_one_core(search_engine: Any, lanes: Any,
                                       params: SearchParams) -> None:
    from indexer.whoosh_search import SearchCore

    roomy = replace(lanes.settings, time_budget_ms=0)
    lanes.settings = roomy
    laned = lanes.search(params)
    core = SearchCore(search_engine.index, settings=roomy)
    try:
        alone = core.search(params)
    finally:
        core.close()
    assert laned.total == alone.total
    assert [h.id for h in laned.hits] == [h.id for h in alone.hits]


def test_whoosh_engine_searches_in_lanes_and_configures_both(search_engine: Any) -> None:
    from indexer.whoosh_lanes import LanedSearch

    core = search_engine.search_core()
    assert isinstance(core, LanedSearch)
    before = core.settings
    settings = SearchSettings(time_budget_ms=4321)
    try:
        search_engine.configure(settings)
        assert core.light.settings is settings and core.heavy().settings is settings
    finally:
        search_engine.configure(before)
