"""The document page and the download of originals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from web_records import web_records

from indexer.build import build_index
from indexer.engine import ServerBusyError
from search_app import create_app


def html(client: FlaskClient, url: str) -> str:
    resp = client.get(url)
    assert resp.status_code == 200, url
    return resp.get_data(as_text=True)


def test_metadata_sections_and_highlight(client: FlaskClient) -> None:
    page = html(client, "/documentos/itaip-rr-dai-0177-2023-piii?q=versiones+p%C3%BAblicas")
    assert '<th scope="row">Expediente</th><td>RR/DAI/0177/2023-PIII</td>' in page
    assert '<th scope="row">Fecha</th><td>18 de abril de 2023</td>' in page
    for anchor in ("antecedentes", "considerandos", "resolutivos"):
        assert f'href="#{anchor}"' in page and f'id="{anchor}"' in page
    assert "<mark>versión</mark> <mark>pública</mark>" in page
    assert 'href="/buscar?q=versiones+p%C3%BAblicas"' in page  # back to the results


def test_citations_link_to_documents_or_searches(client: FlaskClient) -> None:
    page = html(client, "/documentos/itaip-rr-dai-0177-2023-piii")
    assert '<a href="/documentos/inai-criterio-02-21">INAI 2/2021</a>' in page
    assert '<a href="/documentos/ivai-rev-275-2017-i">IVAI-REV/275/2017/I</a>' in page
    assert '<a href="/buscar?q=%22INAI+9%2F2099%22">INAI 9/2099</a>' in page
    assert 'href="/buscar?q=expediente%3A%22RRA+5555%2F20%22"' in page
    assert '<a href="/buscar?articles=LGTAIP+116">LGTAIP 116</a>' in page


def test_cited_by_similar_and_topics_why(client: FlaskClient) -> None:
    page = html(client, "/documentos/ivai-rev-275-2017-i")
    cited = page[page.index('id="citado-por"'):page.index('id="similares"')]
    assert "/documentos/ivai-rev-300-2019-ii" in cited
    assert "/documentos/itaip-rr-dai-0177-2023-piii" in cited
    similar = page[page.index('id="similares"'):]
    assert similar.count("/documentos/") >= 1
    assert "Asignado por: «prueba de daño»" in page


def test_criterion_precedents_vigencia_and_successor(client: FlaskClient) -> None:
    page = html(client, "/documentos/inai-criterio-03-17")
    assert "badge-historico" in page and "Histórico" in page
    assert 'superado por <a href="/documentos/inai-criterio-02-21">INAI 02/21</a>' in page
    assert "RRA 1234/16" in page and "Secretaría de Salud" in page
    current = html(client, "/documentos/inai-criterio-02-21")
    assert "badge-vigente" in current
    assert '<a href="/documentos/ivai-rev-275-2017-i">IVAI-REV/275/2017/I</a>' in current


def test_unknown_document_is_404(client: FlaskClient) -> None:
    resp = client.get("/documentos/no-existe")
    assert resp.status_code == 404
    assert "no está en el índice" in resp.get_data(as_text=True)


def test_original_missing_is_404_and_not_linked(client: FlaskClient) -> None:
    assert "Descargar el documento original" not in html(client, "/documentos/ivai-rev-275-2017-i")
    assert client.get("/documentos/ivai-rev-275-2017-i/original").status_code == 404


def test_original_served_by_id_only(tmp_path: Path) -> None:
    original = tmp_path / "resolucion.txt"
    original.write_text("TEXTO ORIGINAL", encoding="utf-8")
    record = web_records()[3]
    record.source_path = str(original)
    records = tmp_path / "r.jsonl"
    records.write_text(json.dumps(record.to_dict(), ensure_ascii=False) + "\n", encoding="utf-8")
    build_index([records], tmp_path / "index", enrich=False)
    app = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "index")})
    try:
        client = app.test_client()
        assert "Descargar el documento original" in html(client, f"/documentos/{record.id}")
        resp = client.get(f"/documentos/{record.id}/original")
        assert resp.status_code == 200 and resp.data == b"TEXTO ORIGINAL"
        assert "attachment" in resp.headers["Content-Disposition"]
        resp.close()
        # a path in the request is never a file name: traversal attempts are plain 404s
        for url in ("/documentos/..%2F..%2Fetc%2Fpasswd/original",
                    "/documentos/original?path=/etc/passwd"):
            assert client.get(url).status_code == 404
        assert "source_path" not in client.get(f"/api/v1/documents/{record.id}").get_json()[
            "document"]
    finally:
        app.extensions["precedentes"].close()


@pytest.mark.parametrize("url", ["/documentos/" + "x" * 400])
def test_overlong_ids_are_404(client: FlaskClient, url: str) -> None:
    assert client.get(url).status_code == 404


def test_busy_lookups_leave_their_sections_out_not_the_page(
        app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch) -> None:
    """A saturated server (ServerBusyError from the engine's lookups) still shows the document:
    each lookup that could not run is a notice in its section, the page is a 200."""
    engine = app.extensions["precedentes"].engine()

    def busy(*args: object, **kwargs: object) -> None:
        raise ServerBusyError("ocupado")

    for name in ("cited_by", "similar", "search"):
        monkeypatch.setattr(engine, name, busy)
    page = html(client, "/documentos/inai-criterio-03-17")
    assert "Histórico" in page  # the document itself is there
    for section in ("citas", "citado-por", "similares"):
        part = page[page.index(f'id="{section}"'):]
        assert "el servidor está ocupado" in part[:400], section
    assert "No se pudieron consultar ahora los precedentes" in page
