"""Every limit is a setting, and each is enforced: just past it a 400 with a Spanish message
(on the page and in the API's JSON error body), at it a normal answer. Also: the time budget
reaches the engine (503 past it), bad limit settings stop the app at startup, and
``PRECEDENTES_*`` environment variables set them."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from search_app import create_app
from search_app.limits import LimitSettingError, current_limits, limits_from_config
from search_app.settings import defaults


def _app(web_index: Path, **settings: Any) -> Flask:
    return create_app({"TESTING": True, "INDEX_DIR": str(web_index), **settings})


@pytest.fixture()
def make_app(web_index: Path) -> Iterator[Any]:
    apps: list[Flask] = []

    def make(**settings: Any) -> Flask:
        app = _app(web_index, **settings)
        apps.append(app)
        return app

    yield make
    for app in apps:
        app.extensions["precedentes"].close()


# (setting, value, query string just past the limit, query string at it, Spanish message)
REFUSALS: list[tuple[str, int, str, str, str]] = [
    ("MAX_QUERY_LENGTH", 23, "q=información reservada sí", "q=información reservada",
     "demasiado larga"),
    ("MAX_QUERY_TERMS", 3, "q=información reservada prueba daño",
     "q=información reservada prueba", "demasiados términos"),
    ("MAX_QUERY_DEPTH", 2, "q=(((información)))", "q=((información))",
     "paréntesis anidados"),
    ("MAX_PAGE", 2, "q=información&page=3", "q=información&page=2", "la página"),
    ("MAX_PAGE_SIZE", 5, "q=información&page_size=6", "q=información&page_size=5",
     "resultados por página"),
    ("MAX_RESULT_WINDOW", 10, "q=información&page=3&page_size=4",
     "q=información&page=2&page_size=5", "demasiado lejos"),
    ("MAX_FILTERS", 2, "q=información&garante=IVAI&garante=ITAIP&garante=INAI",
     "q=información&garante=IVAI&garante=ITAIP", "Demasiados filtros"),
]


@pytest.mark.parametrize(("setting", "value", "past", "at", "message"), REFUSALS,
                         ids=[r[0] for r in REFUSALS])
def test_each_limit_setting_is_enforced(make_app: Any, setting: str, value: int, past: str,
                                        at: str, message: str) -> None:
    client = make_app(PAGE_SIZE=3, **{setting: value}).test_client()
    api = client.get(f"/api/v1/search?{past}")
    assert api.status_code == 400
    body = api.get_json()
    assert body["ok"] is False and body["status"] == 400 and message in body["error"]
    page = client.get(f"/buscar?{past}")
    assert page.status_code == 400 and message in page.get_data(as_text=True)
    assert client.get(f"/api/v1/search?{at}").status_code == 200
    assert client.get(f"/buscar?{at}").status_code == 200


def test_defaults_let_the_same_requests_through(make_app: Any) -> None:
    client = make_app().test_client()
    for _, _, past, _, _ in REFUSALS:
        assert client.get(f"/api/v1/search?{past}").status_code == 200, past


def test_wildcard_expansions_are_capped_with_a_warning(make_app: Any) -> None:
    capped = make_app(MAX_WILDCARD_EXPANSIONS=1).test_client().get("/api/v1/search?q=res*")
    roomy = make_app().test_client().get("/api/v1/search?q=res*")
    assert capped.status_code == roomy.status_code == 200
    assert any("más frecuentes" in w for w in capped.get_json()["warnings"])
    assert not roomy.get_json()["warnings"]
    assert capped.get_json()["total"] <= roomy.get_json()["total"]


def test_total_wildcard_expansions_setting(make_app: Any) -> None:
    client = make_app(MAX_WILDCARD_EXPANSIONS=1, MAX_QUERY_EXPANSIONS=1).test_client()
    assert client.get("/api/v1/search?q=res*").status_code == 200  # one word, capped
    past = client.get("/api/v1/search?q=res* inf*")
    assert past.status_code == 400 and "demasiadas palabras" in past.get_json()["error"]
    roomy = make_app(MAX_WILDCARD_EXPANSIONS=1, MAX_QUERY_EXPANSIONS=2).test_client()
    assert roomy.get("/api/v1/search?q=res* inf*").status_code == 200


@pytest.mark.parametrize("cap", [1, 2])
def test_export_cap_setting(make_app: Any, cap: int) -> None:
    resp = make_app(EXPORT_CAP=cap, EXPORT_BATCH=1).test_client().get(
        "/buscar.csv?q=información")
    rows = resp.get_data(as_text=True).strip().splitlines()
    assert resp.status_code == 200 and len(rows) == 1 + cap
    assert resp.headers["X-Export-Truncated"] == "true" and resp.headers["X-Export-Cap"] == str(cap)


def test_export_past_the_time_budget_ends_early_but_valid(
        make_app: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    from indexer.engine import SearchTimeoutError
    from indexer.whoosh_search import SearchCore

    original = SearchCore.search

    def later_pages_time_out(self: SearchCore, params: Any) -> Any:
        if params.page > 1:
            raise SearchTimeoutError("tardó demasiado")
        return original(self, params)

    monkeypatch.setattr(SearchCore, "search", later_pages_time_out)
    client = make_app(EXPORT_CAP=4, EXPORT_BATCH=1).test_client()
    csv_rows = client.get("/buscar.csv?q=información").get_data(as_text=True).strip()
    assert len(csv_rows.splitlines()) == 2  # header + the first batch
    body = json.loads(client.get("/buscar.json?q=información").get_data(as_text=True))
    assert body["ok"] is True and len(body["hits"]) == 1


def test_time_budget_reaches_the_engine(make_app: Any) -> None:
    app = make_app(SEARCH_TIME_BUDGET_MS=1234, FACET_TIME_BUDGET_MS=56, MAX_QUERY_TERMS=7)
    settings = app.extensions["precedentes"].engine().search_core().settings
    assert settings.time_budget_ms == 1234 and settings.facet_budget_ms == 56
    assert settings.limits.max_terms == 7


def test_search_past_the_time_budget_is_a_400(make_app: Any,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from indexer.whoosh_search import SearchCore

    original = SearchCore._filter_mask

    def slow(*args: Any) -> Any:
        time.sleep(0.3)
        return original(*args)

    client = make_app(SEARCH_TIME_BUDGET_MS=100).test_client()
    client.get("/api/v1/search?q=información")  # caches of the index built before the clock
    monkeypatch.setattr(SearchCore, "_filter_mask", slow)
    api = client.get("/api/v1/search?q=información")
    body = api.get_json()
    assert api.status_code == 400 and body["status"] == 400 and body["kind"] == "tiempo_agotado"
    assert "tardó demasiado" in body["error"]
    page = client.get("/buscar?q=información")
    assert page.status_code == 400 and "tardó demasiado" in page.get_data(as_text=True)


def _while_busy(core: Any, seconds: float, request: Any) -> Any:
    """``request()`` made while another thread holds the process's whoosh searcher."""
    held = threading.Event()

    def hold() -> None:
        with core._lock:
            held.set()
            time.sleep(seconds)

    holder = threading.Thread(target=hold)
    holder.start()
    held.wait(10)
    try:
        return request()
    finally:
        holder.join(10)


def test_search_that_could_not_start_in_time_is_a_503(make_app: Any) -> None:
    app = make_app(SEARCH_QUEUE_WAIT_MS=100)
    client = app.test_client()
    client.get("/api/v1/search?q=información")
    core = app.extensions["precedentes"].engine().search_core()
    api = _while_busy(core, 0.4, lambda: client.get("/api/v1/search?q=información"))
    page = _while_busy(core, 0.4, lambda: client.get("/buscar?q=información"))
    assert api.status_code == 503 and api.get_json()["kind"] == "ocupado"
    assert api.headers["Retry-After"] == "5"
    assert page.status_code == 503 and page.headers["Retry-After"] == "5"
    assert "muy ocupado" in page.get_data(as_text=True)
    assert client.get("/api/v1/search?q=información").status_code == 200  # once free again


def test_a_queued_search_runs_when_its_wait_is_within_the_queue_allowance(
        make_app: Any) -> None:
    """The wait for a turn has its own allowance (SEARCH_QUEUE_WAIT_MS, 10 s by default): a
    search queued longer than its time budget still runs, its budget starting with its turn."""
    app = make_app(SEARCH_TIME_BUDGET_MS=100)
    client = app.test_client()
    client.get("/api/v1/search?q=información")
    core = app.extensions["precedentes"].engine().search_core()
    api = _while_busy(core, 0.4, lambda: client.get("/api/v1/search?q=información"))
    assert api.status_code == 200 and api.get_json()["total"]


BAD_SETTINGS: list[tuple[dict[str, Any], str]] = [
    ({"MAX_PAGE_SIZE": "muchos"}, "MAX_PAGE_SIZE debe ser un número"),
    ({"MAX_QUERY_TERMS": 0}, "MAX_QUERY_TERMS debe ser al menos 1"),
    ({"SEARCH_TIME_BUDGET_MS": -1}, "SEARCH_TIME_BUDGET_MS debe ser al menos 0"),
    ({"PAGE_SIZE": 50, "MAX_PAGE_SIZE": 10}, "PAGE_SIZE (50) no puede ser mayor"),
]


@pytest.mark.parametrize(("bad", "message"), BAD_SETTINGS, ids=[m for _, m in BAD_SETTINGS])
def test_bad_limit_settings_stop_the_app(web_index: Path, bad: dict[str, Any],
                                         message: str) -> None:
    with pytest.raises(LimitSettingError, match=re.escape(message)):
        _app(web_index, **bad)


def test_every_limit_has_a_setting_with_a_default() -> None:
    limits = limits_from_config(defaults())
    assert limits.params.max_query_length == limits.search.limits.max_length == 1000
    assert limits.search.time_budget_ms > 0 and limits.export_cap > 0
    assert limits.params.max_page * limits.page_size <= limits.params.max_result_window


def test_limits_from_the_environment(monkeypatch: pytest.MonkeyPatch, web_index: Path,
                                     tmp_path: Path) -> None:
    monkeypatch.setenv("PRECEDENTES_INDEX_DIR", str(web_index))
    monkeypatch.setenv("PRECEDENTES_MAX_PAGE", "7")
    monkeypatch.setenv("PRECEDENTES_SEARCH_TIME_BUDGET_MS", "750")
    monkeypatch.setenv("PRECEDENTES_RATE_LIMIT_STORAGE_URI", f"sqlite:///{tmp_path}/rl.sqlite")
    monkeypatch.chdir(tmp_path)  # instance/ and var/ of this app stay in the test's folder
    app = create_app()
    try:
        with app.test_request_context("/"):
            assert current_limits().params.max_page == 7
            assert current_limits().search.time_budget_ms == 750
        assert app.test_client().get("/api/v1/search?q=x&page=8").status_code == 400
    finally:
        app.extensions["precedentes"].close()
