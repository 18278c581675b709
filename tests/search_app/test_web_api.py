"""The JSON API, the OpenAPI document and the one error body."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient
from openapi_spec_validator import validate

from search_app import create_app


def test_search_returns_hits_facets_total_and_toggle_urls(client: FlaskClient) -> None:
    resp = client.get("/api/v1/search?q=reservada&garante=ITAIP&page_size=2")
    assert resp.status_code == 200 and resp.is_json
    data = resp.get_json()
    assert data["ok"] is True and data["total"] == 3 and data["pages"] == 2
    assert len(data["hits"]) == 2 and all(h["garante"] == "ITAIP" for h in data["hits"])
    assert data["hits"][0]["url"].startswith("/documentos/")
    assert "source_path" not in data["hits"][0]
    garantes = {v["value"]: v for v in data["facets"]["garante"]["values"]}
    assert garantes["ITAIP"]["selected"] is True
    assert "garante=ITAIP" not in garantes["ITAIP"]["toggle_url"]
    assert data["is_sample"] is True


def test_document_and_citations(client: FlaskClient) -> None:
    doc = client.get("/api/v1/documents/itaip-rr-dai-0177-2023-piii").get_json()
    assert doc["ok"] and doc["document"]["expediente"] == "RR/DAI/0177/2023-PIII"
    assert doc["document"]["sections"][0]["name"] == "antecedentes"
    cit = client.get("/api/v1/documents/itaip-rr-dai-0177-2023-piii/citations").get_json()
    by_ref = {c["ref"]: c for c in cit["cites"]}
    assert by_ref["INAI 2/2021"]["id"] == "inai-criterio-02-21"
    assert by_ref["RRA 5555/20"]["id"] is None
    assert by_ref["LGTAIP 116"]["kind"] == "articulo"
    cited = client.get("/api/v1/documents/ivai-rev-275-2017-i/citations").get_json()
    assert {h["id"] for h in cited["cited_by"]} == {"ivai-rev-300-2019-ii",
                                                    "itaip-rr-dai-0177-2023-piii"}


def test_stats(client: FlaskClient) -> None:
    data = client.get("/api/v1/stats?garante=IVAI").get_json()
    tables = {t["key"]: t for t in data["tables"]}
    assert tables["por_organismo_y_anio"]["rows"] == [["IVAI", "2017", 1], ["IVAI", "2019", 1]]
    assert sorted(tables["sentido_por_organismo"]["rows"]) == [["IVAI", "confirma", 1],
                                                               ["IVAI", "revoca", 1]]


def test_openapi_document_validates(client: FlaskClient) -> None:
    spec = client.get("/api/v1/openapi.json").get_json()
    validate(spec)
    assert {"/search", "/documents/{doc_id}", "/documents/{doc_id}/citations", "/stats"} <= set(
        spec["paths"])


ERROR_CASES = [
    ("/api/v1/no-existe", "get", 404),
    ("/api/v1/documents/no-existe", "get", 404),
    ("/api/v1/documents/no-existe/citations", "get", 404),
    ("/api/v1/search", "post", 405),
    ("/api/v1/search?sentido=quizas", "get", 400),
    ("/api/v1/search?page=abc", "get", 400),
    ("/api/v1/search?date_from=2020-13-45", "get", 400),
    ("/buscar.csv?q=(reservada", "get", 400),
    ("/buscar.json?sort=nada", "get", 400),
    ("/api/v1/search?q=%3F*", "get", 400),
    ("/api/v1/search?q=" + "(" * 400 + "a" + ")" * 400, "get", 400),
    ("/api/v1/search?page=999", "get", 400),
]


@pytest.mark.parametrize(("url", "method", "status"), ERROR_CASES)
def test_one_error_body(client: FlaskClient, url: str, method: str, status: int) -> None:
    resp = getattr(client, method)(url)
    assert resp.status_code == status and resp.is_json
    body = resp.get_json()
    assert body["ok"] is False and body["status"] == status
    assert isinstance(body["error"], str) and body["error"]


def test_bad_query_has_spanish_message_and_suggestion(client: FlaskClient) -> None:
    body = client.get("/api/v1/search?q=%28reservada").get_json()
    assert body == {"ok": False, "error": "Falta cerrar un paréntesis «(».", "status": 400,
                    "suggestion": "(reservada)", "kind": "sintaxis"}


def test_500_uses_the_error_body(web_index: object) -> None:
    class Broken:
        name = "roto"

        def search(self, params: object) -> object:
            raise RuntimeError("boom")

        def close(self) -> None:
            pass

    app: Flask = create_app({"TESTING": False, "ENGINE_FACTORY": lambda _: Broken(),
                             "SAMPLE_BANNER": False})
    client = app.test_client()
    resp = client.get("/api/v1/search?q=x")
    assert resp.status_code == 500
    assert resp.get_json() == {"ok": False, "status": 500,
                               "error": "Ocurrió un error interno. Intente de nuevo más tarde."}
    page = client.get("/buscar?q=x")
    assert page.status_code == 500 and "Error 500" in page.get_data(as_text=True)
    assert "boom" not in page.get_data(as_text=True)


def test_missing_index_is_a_clear_503(tmp_path: object) -> None:
    app = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path)})
    resp = app.test_client().get("/api/v1/search?q=x")
    assert resp.status_code == 503 and "precedentes serve" in resp.get_json()["error"]


def test_engine_opened_once_per_process(web_index: object) -> None:
    from indexer import open_engine

    opened: list[object] = []

    def factory(path: object) -> object:
        opened.append(path)
        return open_engine(path)  # type: ignore[arg-type]

    app = create_app({"TESTING": True, "INDEX_DIR": str(web_index), "ENGINE_FACTORY": factory})
    try:
        client = app.test_client()
        for url in ("/", "/buscar?q=reservada", "/api/v1/search?q=x",
                    "/documentos/ivai-rev-275-2017-i", "/estadisticas"):
            assert client.get(url).status_code == 200
        assert len(opened) == 1
    finally:
        app.extensions["precedentes"].close()
