"""Integration over the generated sample corpus: every document renders, its citations resolve
to pages that exist, and the API, exports and statistics agree with the search."""

from __future__ import annotations

from flask.testing import FlaskClient


def _all_ids(client: FlaskClient) -> list[str]:
    data = client.get("/api/v1/search?page_size=100&facets=0&snippets=0").get_json()
    assert data["total"] == len(data["hits"]) > 0
    return [h["id"] for h in data["hits"]]


def test_every_document_page_renders_and_its_links_resolve(sample_client: FlaskClient) -> None:
    resolved = 0
    for doc_id in _all_ids(sample_client):
        page = sample_client.get(f"/documentos/{doc_id}")
        assert page.status_code == 200, doc_id
        assert "Corpus de muestra." in page.get_data(as_text=True)
        cites = sample_client.get(f"/api/v1/documents/{doc_id}/citations").get_json()
        for c in cites["cites"]:
            if c["id"]:
                resolved += 1
                assert sample_client.get(c["url"]).status_code == 200, c
    assert resolved > 0, "no citation of the sample corpus resolved to a document"


def test_facet_counts_match_filtered_totals(sample_client: FlaskClient) -> None:
    data = sample_client.get("/api/v1/search").get_json()
    for value in data["facets"]["garante"]["values"][:3]:
        filtered = sample_client.get(value["toggle_url"])
        assert filtered.get_json()["total"] == value["count"], value


def test_stats_totals_agree_with_search(sample_client: FlaskClient) -> None:
    stats = sample_client.get("/api/v1/stats").get_json()
    rows = next(t for t in stats["tables"] if t["key"] == "por_organismo_y_anio")["rows"]
    resolutions = sample_client.get("/api/v1/search?doc_type=resolucion&page_size=1").get_json()
    assert sum(n for _, _, n in rows) == resolutions["total"]
    page = sample_client.get("/estadisticas")
    assert page.status_code == 200 and page.get_data(as_text=True).count("<svg") >= 3


def test_export_lists_the_whole_result(sample_client: FlaskClient) -> None:
    total = sample_client.get("/api/v1/search?q=informaci%C3%B3n").get_json()["total"]
    body = sample_client.get("/buscar.csv?q=informaci%C3%B3n").get_data(as_text=True)
    assert total > 0 and len(body.strip().splitlines()) == total + 1
