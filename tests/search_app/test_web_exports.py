"""CSV/JSON exports (streamed, capped), the Atom feed and the statistics page."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

from flask.testing import FlaskClient

ATOM = "{http://www.w3.org/2005/Atom}"


def test_csv_export_streams_every_hit_up_to_the_cap(client: FlaskClient) -> None:
    # the test app has EXPORT_CAP=4 and EXPORT_BATCH=3: two engine pages, cut at 4
    resp = client.get("/buscar.csv?q=reservada")
    assert resp.status_code == 200 and resp.mimetype == "text/csv"
    assert resp.is_streamed
    assert resp.headers["X-Total-Count"] == "5" and resp.headers["X-Export-Truncated"] == "true"
    rows = list(csv.DictReader(io.StringIO(resp.get_data(as_text=True).lstrip("\ufeff"))))
    assert len(rows) == 4 and len({r["id"] for r in rows}) == 4
    assert rows[0]["muestra"] == "sí"


def test_csv_export_not_truncated_below_the_cap(client: FlaskClient) -> None:
    resp = client.get("/buscar.csv?q=reservada&garante=ITAIP")
    assert resp.headers["X-Export-Truncated"] == "false"
    rows = list(csv.DictReader(io.StringIO(resp.get_data(as_text=True).lstrip("\ufeff"))))
    assert {r["organismo"] for r in rows} == {"ITAIP"} and len(rows) == 3


def test_json_export_is_valid_json(client: FlaskClient) -> None:
    resp = client.get("/buscar.json?q=reservada")
    data = json.loads(resp.get_data(as_text=True))
    assert data["ok"] and data["total"] == 5 and data["truncated"] and data["cap"] == 4
    assert len(data["hits"]) == 4 and "source_path" not in data["hits"][0]


def test_atom_feed_is_newest_first(client: FlaskClient) -> None:
    resp = client.get("/buscar.atom?q=reservada")
    assert resp.mimetype == "application/atom+xml"
    root = ET.fromstring(resp.data)
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 5
    updated = [e.findtext(f"{ATOM}updated") or "" for e in entries]
    assert updated == sorted(updated, reverse=True)
    assert root.findtext(f"{ATOM}updated") == updated[0]
    link = entries[0].find(f"{ATOM}link")
    assert link is not None and "/documentos/itaip-rr-dai-0100-2024-pi" in link.get("href", "")


def test_feed_escapes_text(client: FlaskClient) -> None:
    resp = client.get("/buscar.atom?q=%3Ctitle%3E")
    ET.fromstring(resp.data)  # still well-formed XML


def test_statistics_page_charts_tables_and_csv(client: FlaskClient) -> None:
    page = client.get("/estadisticas").get_data(as_text=True)
    assert "Resoluciones por organismo garante y año" in page
    assert page.count('<svg class="chart') >= 4
    assert "<title>Resoluciones de IVAI por año</title>" in page
    assert "Sentido de las resoluciones" in page and "Temas más frecuentes" in page
    for key in ("por_organismo_y_anio", "sentido_por_organismo", "temas", "sujetos_obligados"):
        assert f"/estadisticas/{key}.csv" in page
    resp = client.get("/estadisticas/sujetos_obligados.csv?garante=ITAIP")
    rows = list(csv.reader(io.StringIO(resp.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows == [["sujeto_obligado", "documentos"], ["Ayuntamiento de Centro", "2"],
                    ["Secretaría de Salud", "1"]]
    assert client.get("/estadisticas/otra.csv").status_code == 404


def test_statistics_filtered_by_facets(client: FlaskClient) -> None:
    page = client.get("/estadisticas?garante=IVAI").get_data(as_text=True)
    assert "Resoluciones de IVAI por año" in page
    assert "Resoluciones de ITAIP por año" not in page
    assert "Quitar filtros" in page
