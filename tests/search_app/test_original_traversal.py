"""The public original-file route (``/documentos/<id>/original``): a path in the request is never
a file name. Every traversal payload is a 404 (the same app serves a real original: the table
can fail), and withdrawn or held documents are not served, even when the index still has them."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient
from web_records import web_records

from indexer.build import build_index
from search_app import create_app
from search_app.admin import db, library
from search_app.admin.library import Entry

SECRET = "CONTENIDO-SECRETO-DE-PRUEBA"


@pytest.fixture(scope="module")
def traversal_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    root = tmp_path_factory.mktemp("traversal")
    (root / "secret.txt").write_text(SECRET, encoding="utf-8")  # beside the originals
    originals = root / "originales"
    originals.mkdir()
    records = []
    for record in web_records()[3:6]:
        path = originals / f"{record.id}.txt"
        path.write_text(f"ORIGINAL {record.id}", encoding="utf-8")
        record.source_path = str(path)
        records.append(record)
    jsonl = root / "r.jsonl"
    jsonl.write_text("\n".join(json.dumps(r.to_dict(), ensure_ascii=False) for r in records)
                     + "\n", encoding="utf-8")
    assert not build_index([jsonl], root / "index", enrich=False).failed
    app = create_app({"TESTING": True, "INDEX_DIR": str(root / "index"),
                      "STAFF_DB": str(root / "staff.sqlite3")})
    app.config["IDS"] = [r.id for r in records]
    yield app
    app.extensions["precedentes"].close()


@pytest.fixture()
def client(traversal_app: Flask) -> FlaskClient:
    return traversal_app.test_client()


PAYLOADS = [
    "../secret.txt",
    "..%2Fsecret.txt",
    "%2e%2e%2fsecret.txt",
    "%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
    "%252e%252e%252fsecret.txt",  # double-encoded
    "..%5csecret.txt",  # backslash
    "..\\secret.txt",
    "....//secret.txt",
    "..%c0%afsecret.txt",  # overlong UTF-8 slash
    "%c0%ae%c0%ae%c0%afsecret.txt",
    "/etc/passwd",
    "%2Fetc%2Fpasswd",
    "C:%5CWindows%5Cwin.ini",
    "file:%2F%2F%2Fetc%2Fpasswd",
    "secret.txt",
    "secret.txt%00",
    "%00",
    "{id}%00../../secret.txt",
    "{id}%2F..%2F..%2Fsecret.txt",
    "{id}/..",
    "..",
    ".",
    "%2e",
    "~",
    "x" * 301,
    "a" * 10_000,
    "{id}" + "/.." * 50,
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_traversal_payloads_are_404(client: FlaskClient, traversal_app: Flask,
                                    payload: str) -> None:
    doc_id = traversal_app.config["IDS"][0]
    url = f"/documentos/{payload.format(id=doc_id)}/original"
    with client.get(url) as response:
        assert response.status_code == 404, url
        assert SECRET.encode() not in response.data
        assert b"ORIGINAL" not in response.data


@pytest.mark.parametrize("suffix", ["/original/../../secret.txt", "/original/%2e%2e%2fsecret.txt",
                                    "/original?path=../secret.txt"])
def test_nothing_hangs_off_a_real_id(client: FlaskClient, traversal_app: Flask,
                                     suffix: str) -> None:
    doc_id = traversal_app.config["IDS"][0]
    with client.get(f"/documentos/{doc_id}{suffix}") as response:
        assert SECRET.encode() not in response.data
        if "?" not in suffix:
            assert response.status_code == 404
        else:  # the query string is ignored: the record's own original
            assert response.data == f"ORIGINAL {doc_id}".encode()


def test_a_real_original_is_served(client: FlaskClient, traversal_app: Flask) -> None:
    doc_id = traversal_app.config["IDS"][0]
    with client.get(f"/documentos/{doc_id}/original") as response:
        assert response.status_code == 200
        assert response.data == f"ORIGINAL {doc_id}".encode()


@pytest.mark.parametrize("state", ["retenido", "retirado", "rechazado"])
def test_withheld_documents_are_not_served(client: FlaskClient, traversal_app: Flask,
                                           state: str) -> None:
    """The store says hidden while the index still has the document (a write that found the
    index locked): the public pages and the original still refuse it."""
    doc_id = traversal_app.config["IDS"][1]
    conn = db.connect(traversal_app.config["STAFF_DB"])
    try:
        record = next(r for r in web_records() if r.id == doc_id)
        library.put(conn, Entry(id=doc_id, state=state, origin="indice", record=record))
        for url in (f"/documentos/{doc_id}/original", f"/documentos/{doc_id}",
                    f"/api/v1/documents/{doc_id}"):
            with client.get(url) as response:
                assert response.status_code == 404, url
        entry = library.get(conn, doc_id)
        assert entry is not None and entry.state == state
        library.set_state(conn, entry, "publicado")
        with client.get(f"/documentos/{doc_id}/original") as response:
            assert response.status_code == 200
    finally:
        conn.close()
