"""params_from_args: raw strings → validated SearchParams, or a Spanish InvalidFilterError."""

from __future__ import annotations

from typing import Any

import pytest

from indexer.engine import InvalidFilterError, SearchParams
from indexer.params import params_from_args


class MultiDict:
    """The shape of werkzeug's request.args: ``getlist`` and ``keys``."""

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        self.pairs = pairs

    def getlist(self, key: str) -> list[str]:
        return [v for k, v in self.pairs if k == key]

    def keys(self) -> list[str]:
        return list(dict.fromkeys(k for k, _ in self.pairs))


VALID: list[tuple[dict[str, Any], dict[str, Any]]] = [
    ({}, {"q": "", "filters": (), "sort": "relevance", "page": 1, "page_size": 20}),
    ({"q": "  reservada  "}, {"q": "reservada"}),
    ({"q": "a\x00b"}, {"q": "a b"}),
    ({"sort": "fecha"}, {"sort": "date"}),
    ({"sort": "date_asc"}, {"sort": "date_asc"}),
    ({"sort": "RELEVANCIA"}, {"sort": "relevance"}),
    ({"page": "3", "page_size": "50"}, {"page": 3, "page_size": 50}),
    ({"garante": "IVAI"}, {"filters": (("garante", "IVAI"),)}),
    ({"año": "2019"}, {"filters": (("year", "2019"),)}),
    ({"tema": "datos personales"}, {"filters": (("topics", "datos personales"),)}),
    ({"sentido": "Revoca"}, {"filters": (("sentido", "revoca"),)}),
    ({"filter": ["garante=IVAI", "year=2019"]}, {"filters": (("garante", "IVAI"), ("year", "2019"))}),
    ({"filter": "tipo:criterio"}, {"filters": (("doc_type", "criterio"),)}),
    ({"filter": ["garante=IVAI", "garante=IVAI"]}, {"filters": (("garante", "IVAI"),)}),
    ({"desde": "2018"}, {"date_from": "2018-01-01"}),
    ({"hasta": "2018"}, {"date_to": "2018-12-31"}),
    ({"date_from": "2018-05-02", "date_to": "2019-01-31"},
     {"date_from": "2018-05-02", "date_to": "2019-01-31"}),
    ({"facets": "0", "snippets": "no"}, {"with_facets": False, "with_snippets": False}),
    ({"otro": "x", "utm_source": "y"}, {"filters": ()}),  # unknown keys are ignored
]


@pytest.mark.parametrize("args, expected", VALID)
def test_valid_arguments(args: dict[str, Any], expected: dict[str, Any]) -> None:
    params = params_from_args(args)
    assert isinstance(params, SearchParams)
    for key, value in expected.items():
        assert getattr(params, key) == value


def test_multidict_values_of_one_field_are_all_kept() -> None:
    args = MultiDict([("q", "plazo"), ("garante", "IVAI"), ("garante", "ITAIP"), ("year", "2020")])
    params = params_from_args(args)
    assert params.q == "plazo"
    assert params.filters == (("garante", "IVAI"), ("garante", "ITAIP"), ("year", "2020"))
    assert params.selected("garante") == ["IVAI", "ITAIP"]


INVALID = [
    ({"sort": "popular"}, "orden"),
    ({"page": "0"}, "página"),
    ({"page": "dos"}, "página"),
    ({"page": "100000"}, "página"),
    ({"page_size": "1000"}, "por página"),
    ({"filter": "color=rojo"}, "CAMPO=VALOR"),
    ({"filter": "garante"}, "CAMPO=VALOR"),
    ({"garante": "   "}, None),  # an empty value is simply not a filter
    ({"filter": "garante="}, "vacío"),
    ({"year": "19"}, "año"),
    ({"sentido": "gana"}, "Valores posibles"),
    ({"tipo": "sentencia"}, "Valores posibles"),
    ({"vigencia": "eterna"}, "Valores posibles"),
    ({"desde": "31/12/2019"}, "AAAA-MM-DD"),
    ({"hasta": "2019-02-30"}, "AAAA-MM-DD"),
    ({"desde": "2020", "hasta": "2019"}, "posterior"),
    ({"q": "x" * 1001}, "demasiado larga"),
    ({"filter": [f"garante=G{i}" for i in range(41)]}, "Demasiados filtros"),
    ({"garante": "x" * 201}, "demasiado largo"),
]


@pytest.mark.parametrize("args, words", INVALID)
def test_invalid_arguments_raise_a_spanish_message(args: dict[str, Any], words: str | None) -> None:
    if words is None:
        assert params_from_args(args).filters == ()
        return
    with pytest.raises(InvalidFilterError) as info:
        params_from_args(args)
    assert words in info.value.message
