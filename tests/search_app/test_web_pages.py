"""Page routes through Flask's test client, over a real (small) index."""

from __future__ import annotations

import re
from pathlib import Path

from flask.testing import FlaskClient
from werkzeug.test import TestResponse


def text(resp: TestResponse) -> str:
    return resp.get_data(as_text=True)


def test_home_has_search_box_examples_and_landmarks(client: FlaskClient) -> None:
    resp = client.get("/")
    assert resp.status_code == 200
    html = text(resp)
    assert 'lang="es-MX"' in html
    assert '<label for="q">' in html and 'id="q"' in html
    assert 'class="skip-link" href="#contenido"' in html and 'id="contenido"' in html
    assert "<header" in html and "<nav" in html and "<main" in html and "<footer" in html
    assert "Ejemplos" in html and "expediente:IVAI-REV/275/2017/I" in html


def test_sample_banner_on_every_page(client: FlaskClient) -> None:
    for url in ("/", "/buscar?q=reservada", "/busqueda-avanzada", "/estadisticas",
                "/documentos/ivai-rev-275-2017-i", "/ayuda/api", "/no-existe"):
        assert "Corpus de muestra." in text(client.get(url)), url


def test_no_banner_when_turned_off(web_index: Path) -> None:
    from search_app import create_app

    app = create_app({"TESTING": True, "INDEX_DIR": str(web_index), "SAMPLE_BANNER": False})
    assert "Corpus de muestra." not in app.test_client().get("/").get_data(as_text=True)


def test_results_show_fields_snippet_and_facets(client: FlaskClient) -> None:
    html = text(client.get("/buscar?q=reservada&page_size=10"))
    assert "5 documentos" in html
    assert "RR/DAI/0177/2023-PIII" in html and "IVAI-REV/275/2017/I" in html
    assert "<mark>" in html
    assert "badge-sentido badge-revoca" in html and "Revoca" in html
    assert "18 de abril de 2023" in html
    assert "Organismo garante" in html and "ITAIP" in html
    assert "Temas:" in html


def test_user_text_is_escaped(client: FlaskClient) -> None:
    html = text(client.get("/buscar?q=%3Cscript%3Ealert(1)%3C/script%3E+seguridad"))
    assert "<script>alert(1)" not in html
    html = text(client.get("/documentos/itaip-rr-dai-0100-2024-pi?q=%3Cb%3Ex%3C/b%3E"))
    assert "<script>alert(1)" not in html and "&lt;script&gt;" in html
    assert "<b>x</b>" not in html


def test_facet_toggle_adds_and_removes_filter(client: FlaskClient) -> None:
    html = text(client.get("/buscar?q=reservada"))
    link = re.search(r'href="([^"]*garante=ITAIP[^"]*)"', html)
    assert link, "no toggle link for ITAIP"
    url = link.group(1).replace("&amp;", "&")
    filtered = text(client.get(url))
    assert "3 documentos" in filtered
    assert "Filtros aplicados" in filtered and "Quitar filtros" in filtered
    off = re.search(r'href="([^"]*)" aria-label="Quitar filtro Organismo garante: ITAIP"', filtered)
    assert off
    assert "5 documentos" in text(client.get(off.group(1).replace("&amp;", "&")))


def test_sort_and_pagination_links_keep_state(client: FlaskClient) -> None:
    html = text(client.get("/buscar?q=reservada&garante=ITAIP&sort=date"))
    assert 'aria-current="true">Más recientes' in html
    first = html.index("RR/DAI/0100/2024-PI")
    assert first < html.index("RR/DAI/0177/2023-PIII")
    page2 = text(client.get("/buscar?q=reservada&page=2"))
    assert 'aria-current="page">2<' in page2
    assert "garante=ITAIP" in html and "sort=date" in html


def test_empty_state_is_helpful(client: FlaskClient) -> None:
    resp = client.get("/buscar?q=zzzzqqqq")
    assert resp.status_code == 200
    html = text(resp)
    assert "No encontramos documentos" in html and "Cómo escribir una búsqueda" in html


def test_bad_filter_is_a_spanish_400_on_the_page(client: FlaskClient) -> None:
    resp = client.get("/buscar?q=x&sentido=quizas")
    assert resp.status_code == 400
    html = text(resp)
    assert "no es un valor de" in html and 'role="alert"' in html and 'id="q"' in html


def test_bad_query_shows_spanish_message_and_suggestion(client: FlaskClient) -> None:
    resp = client.get("/buscar?q=%28reservada")
    assert resp.status_code == 400
    html = text(resp)
    assert 'role="alert"' in html and "paréntesis" in html
    assert "Pruebe con:" in html and "q=%28reservada%29" in html


def test_advanced_search_builds_the_same_url(client: FlaskClient) -> None:
    form = client.get("/busqueda-avanzada")
    assert form.status_code == 200
    html = text(form)
    for field in ("expediente", "sujeto", "ponente", "garante", "sentido", "tema", "articulo",
                  "desde", "hasta", "tipo", "frase", "excluir"):
        assert f'id="f-{field}"' in html and f'<label for="f-{field}"' in html, field
    assert '<option value="ITAIP">' in html
    resp = client.get("/busqueda-avanzada?enviar=1&frase=prueba+de+da%C3%B1o&garante=IVAI"
                      "&desde=2018-01-01")
    assert resp.status_code == 303
    target = resp.headers["Location"]
    assert target.startswith("/buscar?")
    assert "garante=IVAI" in target and "date_from=2018-01-01" in target
    html = text(client.get(target))
    assert "1 documento" in html and "IVAI-REV/300/2019/II" in html
    assert "Desde: 1 de enero de 2018" in html  # the date range is shown and removable
    chip = re.search(r'href="([^"]*)" aria-label="Quitar filtro Desde', html)
    assert chip and "date_from" not in chip.group(1) and "garante=IVAI" in chip.group(1)


def test_api_help_documents_the_export_cap(client: FlaskClient) -> None:
    html = text(client.get("/ayuda/api"))
    assert "/api/v1/openapi.json" in html and "hasta 4 documentos" in html


def test_security_headers(client: FlaskClient) -> None:
    resp = client.get("/")
    csp = resp.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp and "unsafe" not in csp
    assert resp.headers["X-Content-Type-Options"] == "nosniff"


def test_pages_have_no_inline_scripts_styles_or_external_urls(client: FlaskClient) -> None:
    for url in ("/", "/buscar?q=reservada", "/documentos/ivai-rev-275-2017-i", "/estadisticas",
                "/busqueda-avanzada"):
        html = text(client.get(url))
        assert "<script" not in html and "<style" not in html, url
        assert not re.search(r"\sstyle=", html), url
        assert not re.search(r'(src|href)="(https?:)?//', html), url
