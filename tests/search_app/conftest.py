"""Web-app fixtures: real whoosh indexes built once per session — one from the hand-written
records of ``web_records.py`` (exact expectations), one from the generated sample corpus
(what users see; the browser tests run on it) — and apps + test clients over them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from staff_helpers import StaffClient, add_user
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


SAMPLE_COUNT = 40


@pytest.fixture(scope="session")
def sample_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real index of generated sample records (``corpus.sample``), as ``serve`` builds."""
    from corpus.sample.generate import write_records

    root = tmp_path_factory.mktemp("sample-index")
    records = write_records(root / "muestra", SAMPLE_COUNT, seed=0)
    report = build_index([records], root / "index", enrich=False)
    assert report.added == SAMPLE_COUNT and not report.failed, report.failed
    return root / "index"


@pytest.fixture(scope="session")
def sample_app(sample_index: Path) -> Iterator[Flask]:
    application = create_app({"TESTING": True, "INDEX_DIR": str(sample_index)})
    yield application
    application.extensions["precedentes"].close()


@pytest.fixture()
def sample_client(sample_app: Flask) -> FlaskClient:
    return sample_app.test_client()


@pytest.fixture()
def staff_app(web_index: Path, tmp_path: Path) -> Iterator[Flask]:
    """An app over the web-test index with its own empty staff database (CSRF on, as in
    production). Override this fixture in a test module to give ``staff_client`` another
    app (e.g. one with a writable index or a library folder)."""
    application = create_app({"TESTING": True, "INDEX_DIR": str(web_index),
                              "STAFF_DB": str(tmp_path / "staff.sqlite3")})
    yield application
    application.extensions["precedentes"].close()


@pytest.fixture()
def staff_client(staff_app: Flask) -> StaffClient:
    """A test client logged into ``staff_app``'s staff area as user ``personal``.

    ``staff_client.get(url)`` as a FlaskClient; ``staff_client.post(url, data={...})`` adds the
    session's CSRF token (``csrf=False`` to leave it out); ``staff_client.csrf_token()``;
    ``staff_client.client`` is the underlying FlaskClient, ``.app`` the app. More users:
    ``staff_helpers.add_user(app, name, password)`` then ``StaffClient(app, name, password)``.
    """
    add_user(staff_app)
    return StaffClient(staff_app)
