"""Web-app fixtures: one real whoosh index per session, built from the hand-written records
of ``records.py`` (marked as sample), and an app + test client over it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from web_records import web_records

from indexer.build import build_index
from search_app import create_app


@pytest.fixture(scope="session")
def web_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real index of the eight web-test records (built once per session)."""
    root = tmp_path_factory.mktemp("web-index")
    records = root / "records.jsonl"
    records.write_text(
        "\n".join(json.dumps(r.to_dict(), ensure_ascii=False) for r in web_records()) + "\n",
        encoding="utf-8",
    )
    original = root / "original.txt"
    original.write_text("ORIGINAL DE PRUEBA\n", encoding="utf-8")
    report = build_index([records], root / "index", enrich=False)
    assert not report.failed, report.failed
    return root / "index"


@pytest.fixture(scope="session")
def app(web_index: Path) -> Iterator[Flask]:
    application = create_app({"TESTING": True, "INDEX_DIR": str(web_index), "EXPORT_CAP": 4,
                              "EXPORT_BATCH": 3, "PAGE_SIZE": 3})
    yield application
    application.extensions["precedentes"].close()


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()
