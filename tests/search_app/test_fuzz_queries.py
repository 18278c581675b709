"""Property-based fuzzing of every route that reads a search from the query string (issue 6,
"Hostile queries and load"): the search page, the JSON API, the exports, the Atom feed, the
document page and the statistics, over the web tests' small whoosh index and the same records
in a tantivy index.

Each request's query string comes from ``query_strategies`` (hostile queries, filters, sort,
page, dates, oddly percent-encoded). The property: no 5xx; a refusal is a 400 whose body (the
HTML page or ``{"ok": false, "error", "status"}``) carries a Spanish message, not a trace and not
English; a 200 is well formed (JSON parses with its fields, CSV has its columns, Atom is XML, a
page is a whole Spanish HTML page with the user's input escaped). Examples are derandomized (the
same requests on every run); the last test checks that at least 10,000 requests were sent.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from query_strategies import advanced_forms, query_strings
from web_records import web_records
from werkzeug.test import TestResponse

from search_app import create_app
from search_app.views.exports import CSV_COLUMNS

MIN_REQUESTS = 10_000
EXPORT_CAP = 4  # the web tests' app (conftest.py)
DOC_ID = "ivai-rev-275-2017-i"

SENT: Counter[str] = Counter()  # requests per engine and route
STATUSES: Counter[int] = Counter()
FINISHED: set[str] = set()  # fuzz tests that ran to the end (the volume test needs them all)


def fuzz_settings(examples: int) -> settings:
    return settings(
        max_examples=examples, deadline=None, derandomize=True, database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                               HealthCheck.large_base_example, HealthCheck.filter_too_much],
    )


# ------------------------------------------------------------------ what a response must be

_TRACE = re.compile(
    r"Traceback|File \"|\b\w+(?:Error|Exception)\b|\bline \d+\b|whoosh\.|tantivy\.|indexer\.|"
    r"search_app\.|<module>"
)
_ENGLISH = re.compile(
    r"\b(?:the|is|are|was|invalid|expected|must|cannot|unexpected|syntax|query|value|"
    r"missing|unknown|not found|bad request|internal|server)\b", re.IGNORECASE,
)
_SPANISH = re.compile(
    r"\b(?:de|la|el|los|las|que|no|es|un|una|del|falta|faltan|sobra|consulta|escriba|valor|"
    r"filtro|fecha|página|término|términos|paréntesis|comillas|campo|máximo|solicitud|válid[ao])\b",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"«[^»]*»")  # the user's own input, echoed back
_HTML_MESSAGE = re.compile(
    r'role="alert">\s*<p>(.*?)</p>|class="error-message">(.*?)</p>', re.DOTALL
)
_XSS = ("<script>alert(1)", "<img src=x onerror")


def spanish_problems(message: object) -> list[str]:
    """Why ``message`` is not a plain Spanish message for people (empty list when it is)."""
    if not isinstance(message, str) or not message.strip():
        return [f"mensaje vacío o no textual: {message!r}"]
    own_words = _QUOTED.sub(" ", message)
    problems = []
    if _TRACE.search(own_words):
        problems.append(f"parece una traza: {message!r}")
    if _ENGLISH.search(own_words):
        problems.append(f"parece inglés: {message!r}")
    if not _SPANISH.search(own_words):
        problems.append(f"no parece español: {message!r}")
    return problems


def is_json_route(path: str) -> bool:
    return path.startswith("/api/") or path.endswith((".json", ".csv"))


def check_refusal(path: str, resp: TestResponse) -> None:
    text = resp.get_data(as_text=True)
    if is_json_route(path):
        body = json.loads(text)
        assert body["ok"] is False and body["status"] == 400, body
        message = body["error"]
    else:
        assert resp.mimetype == "text/html", resp.mimetype
        found = _HTML_MESSAGE.search(text)
        assert found, "la página de error no muestra el mensaje"
        message = html.unescape(found.group(1) or found.group(2)).strip()
        assert '<html lang="es-MX"' in text
    problems = spanish_problems(message)
    assert not problems, problems


def check_ok(path: str, resp: TestResponse) -> None:
    text = resp.get_data(as_text=True)
    if path == "/api/v1/search":
        body = json.loads(text)
        assert body["ok"] is True and isinstance(body["total"], int) and body["total"] >= 0
        assert isinstance(body["hits"], list) and len(body["hits"]) <= body["page_size"] <= 100
        assert all(isinstance(h["id"], str) and h["url"] for h in body["hits"])
        assert isinstance(body["facets"], dict) and isinstance(body["pages"], int)
        for warning in body["warnings"]:
            assert not spanish_problems(warning), warning
    elif path == "/api/v1/stats":
        body = json.loads(text)
        assert body["ok"] is True and isinstance(body["tables"], list)
    elif path.endswith(".json"):
        body = json.loads(text)
        assert body["ok"] is True and isinstance(body["total"], int)
        assert len(body["hits"]) <= body["cap"] and body["truncated"] == (body["total"] > body["cap"])
    elif path.startswith("/estadisticas/"):
        assert text.startswith("\ufeff") and resp.mimetype == "text/csv"
        rows = list(csv.reader(io.StringIO(text[1:])))
        assert rows and all(len(r) == len(rows[0]) for r in rows)
    elif path.endswith(".csv"):
        assert text.startswith("\ufeff") and resp.mimetype == "text/csv"
        rows = list(csv.reader(io.StringIO(text[1:])))
        assert rows[0] == [name for name, _ in CSV_COLUMNS]
        assert all(len(r) == len(CSV_COLUMNS) for r in rows[1:]) and len(rows) <= EXPORT_CAP + 1
    elif path.endswith(".atom"):
        root = ET.fromstring(resp.get_data())
        assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    else:
        assert resp.mimetype == "text/html"
        assert text.lstrip().lower().startswith("<!doctype html") and '<html lang="es-MX"' in text
        assert text.rstrip().endswith("</html>")
    if not is_json_route(path):
        assert not any(x in text for x in _XSS), "la entrada del usuario no se escapó"


def send(client: FlaskClient, engine: str, path: str, query: str) -> None:
    """One request; the property checked on its response; counted."""
    resp = client.get(f"{path}?{query}")
    SENT[f"{engine} {path}"] += 1
    if path == ADVANCED_PATH and resp.status_code == 303:  # the form → the search it builds
        STATUSES[303] += 1
        location = resp.headers["Location"]
        assert location.partition("?")[0] == "/buscar", location  # never elsewhere
        path, _, query = location.partition("?")
        resp = client.get(location)
        SENT[f"{engine} {path}"] += 1
    STATUSES[resp.status_code] += 1
    assert resp.status_code < 500, resp.get_data(as_text=True)[:2000]
    assert resp.status_code in (200, 400), (resp.status_code, resp.get_data(as_text=True)[:500])
    if resp.status_code == 400:
        check_refusal(path, resp)
    else:
        check_ok(path, resp)


# ------------------------------------------------------------------ the tantivy app


@pytest.fixture(scope="module")
def tantivy_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    """The web tests' records in a tantivy index, served with the web tests' settings."""
    from indexer import open_engine
    from indexer.build import build_index

    root = tmp_path_factory.mktemp("fuzz-tantivy")
    records = root / "records.jsonl"
    records.write_text(
        "\n".join(json.dumps(r.to_dict(), ensure_ascii=False) for r in web_records()) + "\n",
        encoding="utf-8",
    )
    open_engine(root / "index", engine="tantivy", create=True).close()
    report = build_index([records], root / "index", enrich=False)
    assert not report.failed, report.failed
    application = create_app({"TESTING": True, "INDEX_DIR": str(Path(root / "index")),
                              "EXPORT_CAP": EXPORT_CAP, "EXPORT_BATCH": 3, "PAGE_SIZE": 3})
    yield application
    application.extensions["precedentes"].close()


# ------------------------------------------------------------------ the fuzz tests

SEARCH_PATHS = ("/buscar", "/buscar", "/buscar", "/")
API_PATHS = ("/api/v1/search",)
EXPORT_PATHS = ("/buscar.csv", "/buscar.json", "/buscar.atom")
OTHER_PATHS = (f"/documentos/{DOC_ID}", "/estadisticas", "/api/v1/stats",
               "/estadisticas/temas.csv")
ADVANCED_PATH = "/busqueda-avanzada"
# (engine, name, path groups, examples): each example sends its query string to one path of
# each group (generating a query costs about as much as answering it)
CASES: tuple[tuple[str, str, tuple[tuple[str, ...], ...], int], ...] = (
    ("whoosh", "page+api", (SEARCH_PATHS, API_PATHS), 2500),
    ("whoosh", "exports", (EXPORT_PATHS,), 700),
    ("whoosh", "document+stats", (OTHER_PATHS,), 200),
    ("tantivy", "page+api", (SEARCH_PATHS, API_PATHS), 1800),
    ("tantivy", "exports", (EXPORT_PATHS,), 300),
)
REGRESSIONS: tuple[str, ...] = (  # queries that once answered 500
    "q=x&page=%C2%B2", "q=x&page_size=%C2%B2",
)


@pytest.mark.parametrize(("engine", "name", "groups", "examples"), CASES,
                         ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_fuzz(request: pytest.FixtureRequest, engine: str, name: str,
              groups: tuple[tuple[str, ...], ...], examples: int) -> None:
    app: Flask = request.getfixturevalue("app" if engine == "whoosh" else "tantivy_app")
    client = app.test_client()
    for query in REGRESSIONS:
        for paths in groups:
            send(client, engine, paths[0], query)

    @fuzz_settings(examples)
    @given(choices=st.tuples(*(st.sampled_from(paths) for paths in groups)),
           query=query_strings())
    def run(choices: tuple[str, ...], query: str) -> None:
        for path in choices:
            send(client, engine, path, query)

    run()
    FINISHED.add(f"{engine}-{name}")


def test_fuzz_advanced_form(app: Flask) -> None:
    """The advanced form's fields, hostile, become a search that is answered like any other."""
    client = app.test_client()

    @fuzz_settings(300)
    @given(query=advanced_forms())
    def run(query: str) -> None:
        send(client, "whoosh", ADVANCED_PATH, query)

    run()
    FINISHED.add("whoosh-advanced")


def test_fuzz_volume(capsys: pytest.CaptureFixture[str]) -> None:
    """At least 10,000 fuzzed requests in all, zero 5xx (the figures for the closing note)."""
    if len(FINISHED) < len(CASES) + 1:
        pytest.skip("sólo cuenta cuando corren todas las pruebas de fuzz de este módulo")
    total = sum(SENT.values())
    with capsys.disabled():
        print(f"\nfuzz: {total} solicitudes; por estado {dict(sorted(STATUSES.items()))}; "
              f"por ruta {dict(sorted(SENT.items()))}")
    assert total >= MIN_REQUESTS
    assert not any(status >= 500 for status in STATUSES)


@pytest.mark.parametrize(
    ("message", "ok"),
    [
        ("Falta cerrar las comillas de la frase.", True),
        ("«²» no es válido para la página: escriba un número entre 1 y 500.", True),
        ("La consulta tiene demasiados términos (70; máximo 64).", True),
        ("Invalid query: the value is missing", False),
        ("ValueError: invalid literal for int() with base 10: '²'", False),
        ("Traceback (most recent call last):", False),
        ("", False),
        (None, False),
        ("«the query is invalid» no es un año", True),  # the user's own words are not judged
    ],
)
def test_spanish_message_check(message: object, ok: bool) -> None:
    assert (not spanish_problems(message)) is ok
