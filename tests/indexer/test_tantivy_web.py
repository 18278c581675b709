"""The web app and its JSON API over a tantivy index: the API and page tests of
tests/search_app run again with the same hand-written records indexed by tantivy (the app,
the CLI and the API do not change with the engine)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from search_app import create_app
from tests.search_app.test_web_api import (  # noqa: F401  (collected here with the fixtures below)
    test_bad_query_has_spanish_message_and_suggestion,
    test_document_and_citations,
    test_one_error_body,
    test_search_returns_hits_facets_total_and_toggle_urls,
    test_stats,
)
from tests.search_app.web_records import web_records


@pytest.fixture(scope="module")
def web_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The web tests' records in a tantivy index (overrides tests/search_app's whoosh one)."""
    from indexer import open_engine
    from indexer.build import build_index

    root = tmp_path_factory.mktemp("web-tantivy")
    records = root / "records.jsonl"
    records.write_text(
        "\n".join(json.dumps(r.to_dict(), ensure_ascii=False) for r in web_records()) + "\n",
        encoding="utf-8",
    )
    (root / "original.txt").write_text("ORIGINAL DE PRUEBA\n", encoding="utf-8")
    open_engine(root / "index", engine="tantivy", create=True).close()
    report = build_index([records], root / "index", enrich=False)
    assert not report.failed, report.failed
    return root / "index"


@pytest.fixture(scope="module")
def app(web_index: Path) -> Iterator[Flask]:
    application = create_app({"TESTING": True, "INDEX_DIR": str(web_index), "EXPORT_CAP": 4,
                              "EXPORT_BATCH": 3, "PAGE_SIZE": 3})
    yield application
    application.extensions["precedentes"].close()


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def test_the_app_serves_the_tantivy_index(client: FlaskClient, web_index: Path) -> None:
    assert json.loads((web_index / "manifest.json").read_text())["engine"] == "tantivy"
    page = client.get("/?q=información")
    assert page.status_code == 200 and "<mark>" in page.get_data(as_text=True)
