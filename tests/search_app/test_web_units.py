"""Table-driven tests of the web app's pure functions: the advanced-search builder, the
highlighter, the SVG charts, URL state and the Spanish date filter."""

from __future__ import annotations

import re

import pytest

from corpus.records import DocumentRecord, Section
from indexer.engine import FacetValue, SearchParams, SearchResult
from search_app.advanced import build_query
from search_app.charts import bar_chart, column_chart, stacked_chart
from search_app.citations import _norm_number
from search_app.highlight import highlight, query_terms, text_parts
from search_app.templating import date_es, safe_snippet
from search_app.urlstate import facet_views, page_links, query_args, with_filter_toggled

ADVANCED_CASES = [
    ({}, []),
    ({"palabras": "  nómina  policía "}, [("q", "nómina policía")]),
    ({"frase": "prueba de daño"}, [("q", '"prueba de daño"')]),
    ({"frase": 'con "comillas"'}, [("q", '"con comillas"')]),
    ({"expediente": "IVAI-REV/275/2017/I"}, [("q", 'expediente:"IVAI-REV/275/2017/I"')]),
    ({"sujeto": "Ayuntamiento de Mérida"}, [("q", 'sujeto:"Ayuntamiento de Mérida"')]),
    ({"ponente": "Pérez"}, [("q", "ponente:Pérez")]),
    ({"articulo": "LGTAIP 113 V"}, [("q", 'articulo:"LGTAIP 113 V"')]),
    ({"excluir": "sobresee, desecha"}, [("q", "-sobresee, -desecha")]),
    ({"palabras": "reservada", "excluir": "sobresee"}, [("q", "reservada -sobresee")]),
    ({"garante": "IVAI", "sentido": "revoca", "tema": "versión pública", "tipo": "criterio"},
     [("garante", "IVAI"), ("sentido", "revoca"), ("topics", "versión pública"),
      ("doc_type", "criterio")]),
    ({"desde": "2019-01-01", "hasta": "2020-12-31"},
     [("date_from", "2019-01-01"), ("date_to", "2020-12-31")]),
]


@pytest.mark.parametrize(("form", "expected"), ADVANCED_CASES)
def test_build_query(form: dict[str, str], expected: list[tuple[str, str]]) -> None:
    assert build_query(form) == expected


TERM_CASES = [
    ("información reservada", ["informacion", "reservada"]),
    ("la versión de los datos", ["version", "datos"]),
    ("reservada -sobresee", ["reservada"]),
    ("expediente:IVAI-REV/275 AND tema:nómina", ["ivai", "rev", "275", "nomina"]),
    ('"prueba de daño" OR reserva*', ["prueba", "dano", "reserva"]),
    ("", []),
]


@pytest.mark.parametrize(("q", "expected"), TERM_CASES)
def test_query_terms(q: str, expected: list[str]) -> None:
    assert query_terms(q) == expected


HIGHLIGHT_CASES = [
    ("La información reservada", ["reservada"], "La información <mark>reservada</mark>"),
    ("Resoluciones y resolución", ["resoluciones"],
     "<mark>Resoluciones</mark> y <mark>resolución</mark>"),
    ("<b>reservada</b> & más", ["reservada"], "&lt;b&gt;<mark>reservada</mark>&lt;/b&gt; &amp; más"),
    ("sin coincidencias", ["nomina"], "sin coincidencias"),
    ("a <i>", [], "a &lt;i&gt;"),
]


@pytest.mark.parametrize(("text", "terms", "expected"), HIGHLIGHT_CASES)
def test_highlight_escapes_and_marks(text: str, terms: list[str], expected: str) -> None:
    assert str(highlight(text, terms)) == expected


def test_text_parts_follow_sections() -> None:
    text = "ENCABEZADO\nRESULTANDOS uno\nCONSIDERANDOS dos\nRESOLUTIVOS tres"
    a, c, r = text.index("RESULTANDOS"), text.index("CONSIDERANDOS"), text.index("RESOLUTIVOS")
    record = DocumentRecord(id="x", text=text, sections=[
        Section("considerandos", "CONSIDERANDOS", c, r), Section("antecedentes", "RESULTANDOS", a, c),
        Section("resolutivos", "RESOLUTIVOS", r, len(text)), Section("resolutivos", "X", 0, 999)])
    parts = text_parts(record, ["dos"])
    assert [p.anchor for p in parts] == ["encabezado", "antecedentes", "considerandos",
                                         "resolutivos"]
    assert "".join(str(p.html) for p in parts).replace("<mark>dos</mark>", "dos") == text
    assert "<mark>dos</mark>" in str(parts[2].html)
    assert [p.anchor for p in text_parts(DocumentRecord(id="y", text="solo"), [])] == ["texto"]
    assert text_parts(DocumentRecord(id="z"), []) == []


def test_bar_chart_scales_and_escapes() -> None:
    svg = str(bar_chart("Temas <x>", [("a<b", 10), ("c", 5), ("d", 0)]))
    assert svg.startswith('<svg class="chart"') and "<title>Temas &lt;x&gt;</title>" in svg
    widths = [int(w) for w in re.findall(r'<rect [^>]*width="(\d+)"', svg)]
    assert widths[0] == 2 * widths[1] and widths[2] == 0
    assert "a&lt;b" in svg and "a<b" not in svg
    assert 'viewBox="0 0 640 78"' in svg


def test_stacked_chart_parts_fill_the_bar() -> None:
    svg = str(stacked_chart("S", [("IVAI", [("confirma", 3), ("revoca", 1)])]))
    widths = [float(w) for w in re.findall(r'<rect [^>]* width="([\d.]+)"', svg)]
    assert widths[0] == pytest.approx(3 * widths[1], rel=0.01)
    assert "75%" in svg and "#1b6e3a" in svg and "#b3261e" in svg


DATE_CASES = [("2023-05-17", "17 de mayo de 2023"), ("2019-12-01", "1 de diciembre de 2019"),
              ("", ""), (None, ""), ("mayo", "mayo")]


@pytest.mark.parametrize(("value", "expected"), DATE_CASES)
def test_date_es(value: str | None, expected: str) -> None:
    assert date_es(value) == expected


NUMBER_CASES = [("03/17", "3/17"), ("3/2017", "3/17"), ("SO/007/2019", "SO/7/19"),
                ("SO/7/19", "SO/7/19"), ("2/2021", "2/21")]


@pytest.mark.parametrize(("number", "expected"), NUMBER_CASES)
def test_criterion_numbers_compare_loosely(number: str, expected: str) -> None:
    assert _norm_number(number) == expected


def test_query_args_round_trip_and_toggle() -> None:
    params = SearchParams(q="x", filters=(("garante", "IVAI"),), date_from="2019-01-01",
                          sort="date", page=3)
    assert query_args(params) == [("q", "x"), ("garante", "IVAI"), ("date_from", "2019-01-01"),
                                  ("sort", "date"), ("page", "3")]
    on = with_filter_toggled(params, "sentido", "revoca")
    assert on.filters == (("garante", "IVAI"), ("sentido", "revoca")) and on.page == 1
    assert with_filter_toggled(on, "garante", "IVAI").filters == (("sentido", "revoca"),)


def test_facet_views_keep_selected_values_and_link_toggles() -> None:
    params = SearchParams(q="x", filters=(("garante", "IVAI"), ("sentido", "desecha")))
    result = SearchResult(params=params, total=3, hits=[], facets={
        "garante": [FacetValue("IVAI", 3, True), FacetValue("ITAIP", 2)],
        "sentido": [FacetValue("revoca", 3)]})
    views = {v.name: v for v in facet_views(result, "/buscar")}
    assert list(views) == ["garante", "sentido"]
    ivai, itaip = views["garante"].entries
    assert ivai.selected and ivai.toggle_url == "/buscar?q=x&sentido=desecha"
    assert not itaip.selected and "garante=ITAIP" in itaip.toggle_url
    desecha = views["sentido"].entries[0]
    assert (desecha.value, desecha.selected, desecha.count, desecha.label) == (
        "desecha", True, 0, "Desecha")


def test_page_links_window() -> None:
    links = page_links(SearchParams(q="x", page=6), 20, "/buscar")
    assert [n for n, _ in links] == [1, 4, 5, 6, 7, 8, 20]
    assert links[0][1] == "/buscar?q=x"


def test_column_charts_share_a_scale() -> None:
    small = str(column_chart("A", [("2019", 1), ("2020", 2)], top=4))
    large = str(column_chart("B", [("2019", 4), ("2020", 0)], top=4))
    heights = [int(h) for h in re.findall(r'<rect [^>]*height="(\d+)"', small + large)]
    assert abs(heights[0] * 2 - heights[1]) <= 1 and abs(heights[2] - heights[0] * 4) <= 2
    assert heights[3] == 0 and heights[2] == max(heights)
    assert "<title>2019: 1</title>" in small


SNIPPET_CASES = [
    ("la <mark>reservada</mark> &lt;b&gt;", "la <mark>reservada</mark> &lt;b&gt;"),
    ("<script>x</script> <mark>a</mark>", "&lt;script&gt;x&lt;/script&gt; a"),
    ("a > b", "a &gt; b"),
    (None, ""),
]


@pytest.mark.parametrize(("snippet", "expected"), SNIPPET_CASES)
def test_snippets_pass_only_marks(snippet: str | None, expected: str) -> None:
    assert str(safe_snippet(snippet)) == expected
