"""Rate limiting per client: 429 + Retry-After + a Spanish message on the pages, the API and
the exports; one counter per route group and client; off in tests unless asked; and counts
shared by processes (the SQLite storage, and a real gunicorn with two workers)."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from search_app import create_app
from search_app.ratelimit import SQLiteStorage, sqlite_path

# ------------------------------------------------------------------ the storage


@pytest.mark.parametrize(("uri", "path"), [
    ("sqlite:///var/ratelimit.sqlite", Path("var/ratelimit.sqlite")),
    ("sqlite:////srv/app/rl.sqlite", Path("/srv/app/rl.sqlite")),
])
def test_sqlite_uri_paths(uri: str, path: Path) -> None:
    assert sqlite_path(uri) == path


@pytest.mark.parametrize("uri", ["sqlite://", "sqlite:///", "memory://", "redis://x:1"])
def test_bad_sqlite_uris_are_refused_in_spanish(uri: str) -> None:
    with pytest.raises(ValueError, match="URI de almacenamiento no válida"):
        sqlite_path(uri)


class _Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def time(self) -> float:
        return self.now


def test_storage_counts_in_fixed_windows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    clock = _Clock()
    monkeypatch.setattr("search_app.ratelimit.time", clock)
    store = SQLiteStorage(f"sqlite:///{tmp_path}/rl.sqlite")
    assert store.check() and store.get("k") == 0
    assert [store.incr("k", 60) for _ in range(3)] == [1, 2, 3]
    assert store.incr("k", 60, amount=2) == 5 and store.get("k") == 5
    assert store.get_expiry("k") == clock.now + 60
    clock.now += 59.9
    assert store.incr("k", 60) == 6  # same window
    clock.now += 0.2
    assert store.get("k") == 0 and store.incr("k", 60) == 1  # a new window
    assert store.get_expiry("k") == clock.now + 60
    store.incr("other", 60)
    store.clear("k")
    assert store.get("k") == 0 and store.get("other") == 1
    assert store.reset() == 1 and store.get("other") == 0


def _hammer(uri: str, n: int) -> int:
    store = SQLiteStorage(uri)
    last = 0
    for _ in range(n):
        last = store.incr("shared", 600)
    return last


def test_storage_is_atomic_across_processes(tmp_path: Path) -> None:
    uri = f"sqlite:///{tmp_path}/rl.sqlite"
    with ProcessPoolExecutor(4, mp_context=get_context("fork")) as pool:
        list(pool.map(_hammer, [uri] * 4, [50] * 4))
    assert SQLiteStorage(uri).get("shared") == 200  # no lost update between processes


# ------------------------------------------------------------------ the app


@pytest.fixture()
def make_app(web_index: Path, tmp_path: Path) -> Iterator[Any]:
    apps: list[Flask] = []

    def make(**settings: Any) -> Flask:
        config = {"TESTING": True, "INDEX_DIR": str(web_index), "RATE_LIMIT_ENABLED": True,
                  "RATE_LIMIT_STORAGE_URI": f"sqlite:///{tmp_path}/rl-{len(apps)}.sqlite",
                  **settings}
        app = create_app(config)
        apps.append(app)
        return app

    yield make
    for app in apps:
        app.extensions["precedentes"].close()


# (group setting, URL, whether errors come as the JSON body)
GROUPS: list[tuple[str, str, bool]] = [
    ("RATE_LIMIT_PAGES", "/buscar?q=información", False),
    ("RATE_LIMIT_API", "/api/v1/search?q=información", True),
    ("RATE_LIMIT_EXPORT", "/buscar.csv?q=información", True),
]


@pytest.mark.parametrize(("setting", "url", "as_json"), GROUPS, ids=[g[0] for g in GROUPS])
def test_past_the_limit_429_with_retry_after(make_app: Any, setting: str, url: str,
                                             as_json: bool) -> None:
    client = make_app(**{setting: "2/minute"}).test_client()
    assert [client.get(url).status_code for _ in range(2)] == [200, 200]
    resp = client.get(url)
    assert resp.status_code == 429
    assert 1 <= int(resp.headers["Retry-After"]) <= 60
    if as_json:
        body = resp.get_json()
        assert body["ok"] is False and body["status"] == 429
        assert "Demasiadas solicitudes" in body["error"] and body["retry_after"] >= 1
    else:
        text = resp.get_data(as_text=True)
        assert "Demasiadas solicitudes" in text and "segundos" in text


def test_groups_count_apart_and_pages_share_one_counter(make_app: Any) -> None:
    client = make_app(RATE_LIMIT_PAGES="2/minute", RATE_LIMIT_API="5/minute").test_client()
    assert client.get("/buscar?q=información").status_code == 200
    assert client.get("/estadisticas").status_code in (200, 404)  # same group as /buscar
    assert client.get("/buscar?q=reservada").status_code == 429
    assert client.get("/api/v1/search?q=información").status_code == 200  # its own counter


@pytest.mark.parametrize("costly", [
    "/buscar?q=reserv*", "/api/v1/search?q=reserv*",
    "/api/v1/search?q=informaci%C3%B3n&page_size=100",  # a large page
    "/buscar.csv?q=" + "+OR+".join(f"w{i}" for i in range(12)),  # many terms
])
def test_costly_searches_have_their_own_smaller_allowance(make_app: Any, costly: str) -> None:
    """Costly searches (indexer.budget.heavy_query) count against RATE_LIMIT_COSTLY as well
    as their group; ordinary searches of the same client do not touch that counter."""
    client = make_app(RATE_LIMIT_COSTLY="2/minute").test_client()
    assert [client.get(costly).status_code for _ in range(2)] == [200, 200]
    refused = client.get(costly)
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) >= 1
    assert "Demasiadas solicitudes" in refused.get_data(as_text=True)
    for url in ("/buscar?q=informaci%C3%B3n", "/api/v1/search?q=informaci%C3%B3n&page=2",
                "/buscar?q=reserv", "/buscar?q=%22reserv*"):  # the last does not parse: a 400
        assert client.get(url).status_code in (200, 400), url


def test_each_client_has_its_own_counter(make_app: Any) -> None:
    client = make_app(RATE_LIMIT_API="1/minute").test_client()
    url = "/api/v1/search?q=información"
    assert client.get(url, environ_base={"REMOTE_ADDR": "10.0.0.1"}).status_code == 200
    assert client.get(url, environ_base={"REMOTE_ADDR": "10.0.0.1"}).status_code == 429
    assert client.get(url, environ_base={"REMOTE_ADDR": "10.0.0.2"}).status_code == 200


@pytest.mark.parametrize(("hops", "second"), [(0, 429), (1, 200)])
def test_forwarded_for_is_trusted_only_behind_a_proxy(make_app: Any, hops: int,
                                                      second: int) -> None:
    client = make_app(RATE_LIMIT_API="1/minute", PROXY_FIX_HOPS=hops).test_client()
    url = "/api/v1/search?q=información"
    codes = [client.get(url, headers={"X-Forwarded-For": ip}).status_code
             for ip in ("203.0.113.1", "203.0.113.2")]
    assert codes == [200, second]


@pytest.mark.parametrize(("hops", "cleared"), [(0, True), (2, False)])
def test_waitress_passes_forwarded_headers_only_behind_a_proxy(
        make_app: Any, monkeypatch: pytest.MonkeyPatch, hops: int, cleared: bool) -> None:
    import waitress

    from search_app.server import run_threaded

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(waitress, "serve", lambda app, **kw: calls.append(kw))
    run_threaded(make_app(PROXY_FIX_HOPS=hops), "127.0.0.1", 8000)
    assert calls[0]["clear_untrusted_proxy_headers"] is cleared


@pytest.mark.parametrize("settings", [{}, {"RATE_LIMIT_ENABLED": None}])
def test_off_in_tests_unless_asked(web_index: Path, settings: dict[str, Any]) -> None:
    app = create_app({"TESTING": True, "INDEX_DIR": str(web_index), "RATE_LIMIT_API": "1/hour",
                      **settings})
    try:
        client = app.test_client()
        assert {client.get("/api/v1/search?q=x").status_code for _ in range(3)} == {200}
    finally:
        app.extensions["precedentes"].close()


def test_static_files_are_not_limited(make_app: Any) -> None:
    client = make_app(RATE_LIMIT_PAGES="1/minute").test_client()
    assert client.get("/buscar?q=x").status_code == 200
    static = [r.rule for r in client.application.url_map.iter_rules()
              if r.endpoint == "static"]
    assert static
    assert client.get("/static/nada.css").status_code == 404  # not 429


# ------------------------------------------------------------------ gunicorn, two workers


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _status(url: str) -> tuple[int, str | None]:
    try:
        with urllib.request.urlopen(url, timeout=30) as resp:
            resp.read()
            return resp.status, None
    except urllib.error.HTTPError as exc:
        exc.read()
        return exc.code, exc.headers.get("Retry-After")


@pytest.mark.slow
def test_limit_holds_across_gunicorn_workers(web_index: Path, tmp_path: Path) -> None:
    """Two gunicorn workers, each recycled after 3 requests (``--max-requests``): no process
    ever sees more than 3 requests, so a per-process counter could never refuse; the shared
    store refuses exactly past the limit, whichever process answers."""
    port, limit, total = _free_port(), 5, 12
    log = tmp_path / "access.log"
    env = {**os.environ, "PRECEDENTES_INDEX_DIR": str(web_index),
           "PRECEDENTES_RATE_LIMIT_API": f"{limit}/minute",
           "PRECEDENTES_RATE_LIMIT_STORAGE_URI": f"sqlite:///{tmp_path}/rl.sqlite"}
    # sync workers: a recycled worker has no accepted connection left unanswered; --preload:
    # recycled workers fork from the loaded app (fast), each still with its own memory
    cmd = [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", "2",
           "--worker-class", "sync", "--max-requests", "3", "--preload",
           "--access-logfile", str(log), "--access-logformat", "%(p)s %(s)s %(U)s",
           "search_app:create_app()"]
    proc = subprocess.Popen(cmd, cwd=tmp_path, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:  # wait for the server: a cheap page outside the API group
            try:
                urllib.request.urlopen(f"{base}/static/nada.css", timeout=5)
            except urllib.error.HTTPError:
                break
            except OSError:
                assert proc.poll() is None and time.monotonic() < deadline, "server did not start"
                time.sleep(0.3)
        results = [_status(f"{base}/api/v1/search?q=reservada") for _ in range(total)]
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=30)
    codes = [code for code, _ in results]
    assert codes == [200] * limit + [429] * (total - limit), err.decode()[-2000:]
    assert all(retry is not None and int(retry) >= 1 for _, retry in results[limit:])
    served = [line.split() for line in log.read_text().splitlines() if "/api/v1/search" in line]
    pids = {pid for pid, _, _ in served}
    assert len(served) == total and len(pids) >= 3  # ≥ 3 processes: ≤ 3 requests each
    assert re.search(r"Booting worker", err.decode())
