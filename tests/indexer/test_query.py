"""The query language: valid queries → tree; invalid → Spanish message + corrected query."""

from __future__ import annotations

import pytest

from indexer.engine import QueryError, QuerySyntaxError, QueryTooComplexError
from indexer.query import (
    And,
    Identifier,
    MatchAll,
    Not,
    Or,
    Phrase,
    Prefix,
    Term,
    parse_query,
    resolve_field,
)

VALID = [
    ("", MatchAll()),
    ("   ", MatchAll()),
    ("reservada", Term("reservada")),
    ("información reservada", And((Term("información"), Term("reservada")))),
    ("a Y b", And((Term("a"), Term("b")))),
    ("a AND b", And((Term("a"), Term("b")))),
    ("a OR b", Or((Term("a"), Term("b")))),
    ("a O b", Or((Term("a"), Term("b")))),
    ("a || b", Or((Term("a"), Term("b")))),
    ("a o b", And((Term("a"), Term("o"), Term("b")))),  # lower-case "o" is a word
    ("a b OR c", Or((And((Term("a"), Term("b"))), Term("c")))),
    ("a (b OR c)", And((Term("a"), Or((Term("b"), Term("c")))))),
    ("a -b", And((Term("a"), Not(Term("b"))))),
    ("a NOT b", And((Term("a"), Not(Term("b"))))),
    ("a NO b", And((Term("a"), Not(Term("b"))))),
    ("a NOT NOT b", And((Term("a"), Term("b")))),
    ("contrato-marco", Term("contrato-marco")),  # an inner hyphen is not a NOT
    ('"acceso a la información"', Phrase(("acceso", "a", "la", "información"))),
    ("“acceso a la información”", Phrase(("acceso", "a", "la", "información"))),
    ('"reservada"', Term("reservada")),
    ('""', MatchAll()),
    ("reserv*", Prefix("reserv")),
    ("año:2019", Term("2019", "year")),
    ("ano:2019", Term("2019", "year")),
    ("AÑO:2019", Term("2019", "year")),
    ("tema:reservada", Term("reservada", "topics")),
    ('tema:"datos personales"', Phrase(("datos", "personales"), "topics")),
    ("título:inexistencia", Term("inexistencia", "title")),
    ("titulo:inexist*", Prefix("inexist", "title")),
    ("sujeto:ayuntamiento", Term("ayuntamiento", "sujeto_obligado")),
    ("garante:IVAI", Term("IVAI", "garante")),
    ("¿qué es?", And((Term("qué"), Term("es")))),  # stopwords are dropped by the analysis
    ("[a TO z]", And((Term("a"), Term("TO"), Term("z")))),
    ("a\x00b\x01c", And((Term("a"), Term("b"), Term("c")))),
    ("*:*", None),  # handled below: refused
]

IDENTIFIERS = [
    ("IVAI-REV/275/2017/I", "expediente", "IVAI-REV/275/2017/I"),
    ("ivai rev 275 2017", "expediente", "IVAI-REV/275/2017"),
    ("ivai-rev/0275/2017/I", "expediente", "IVAI-REV/275/2017/I"),
    ("rr/dai/177/2023", "expediente", "RR/DAI/177/2023"),
    ("RR/DAI/0177/2023-PIII", "expediente", "RR/DAI/177/2023-PIII"),
    ("RRA 1234/19", "expediente", "RRA 1234/19"),
    ("expediente:IVAI-REV/275/2017/I", "expediente", "IVAI-REV/275/2017/I"),
]

ARTICLES = [
    ("art. 113 fr. V", "113", "V", None),
    ("artículo 113, fracción V", "113", "V", None),
    ("articulo 113 fraccion v", "113", "V", None),
    ("art 113 de la LGTAIP", "113", None, "LGTAIP"),
    ("artículo 116", "116", None, None),
    ("articulo:113", "113", None, None),
]


@pytest.mark.parametrize("text, expected", [v for v in VALID if v[1] is not None])
def test_valid_queries_parse_to_tree(text: str, expected: object) -> None:
    assert parse_query(text).node == expected


@pytest.mark.parametrize("text, kind, canonical", IDENTIFIERS)
def test_expedientes_typed_loosely_are_identifiers(text: str, kind: str, canonical: str) -> None:
    node = parse_query(text).node
    assert isinstance(node, Identifier)
    assert (node.kind, node.canonical) == (kind, canonical)


def test_number_slash_year_is_an_expediente_without_body() -> None:
    node = parse_query("275/2017").node
    assert node == Identifier("expediente", "275/2017", number="275", year="2017")


@pytest.mark.parametrize("text, number, fraccion, law", ARTICLES)
def test_article_references_are_identifiers(
    text: str, number: str, fraccion: str | None, law: str | None
) -> None:
    node = parse_query(text).node
    assert isinstance(node, Identifier) and node.kind == "article"
    assert (node.number, node.fraccion, node.law) == (number, fraccion, law)


def test_identifier_inside_a_longer_query_keeps_the_other_words() -> None:
    node = parse_query("reservada ivai rev 275 2017 tren").node
    assert isinstance(node, And)
    assert node.children[0] == Term("reservada")
    assert isinstance(node.children[1], Identifier)
    assert node.children[2] == Term("tren")


def test_unknown_field_is_searched_as_text_with_a_warning() -> None:
    parsed = parse_query("color:rojo")
    assert parsed.node == And((Term("color"), Term("rojo")))
    assert "no existe" in parsed.warnings[0]


@pytest.mark.parametrize(
    "name, field", [("año", "year"), ("ano", "year"), ("anio", "year"), ("Tema", "topics"),
                    ("artículo", "articles"), ("articulo", "articles"), ("RUBRO", "title"),
                    ("nada", None)],
)
def test_field_names_accents_optional(name: str, field: str | None) -> None:
    assert resolve_field(name) == field


INVALID = [
    # (query, error type, words the message must contain, suggested query)
    ('"acceso a la', QuerySyntaxError, "comillas", '"acceso a la"'),
    ("(a b", QuerySyntaxError, "paréntesis", "(a b)"),
    ("((a b", QuerySyntaxError, "paréntesis", "((a b))"),
    ("a b)", QuerySyntaxError, "Sobra", "a b"),
    ("a OR", QuerySyntaxError, "OR", "a"),
    ("OR a", QuerySyntaxError, "OR", "a"),
    ("a OR OR b", QuerySyntaxError, "OR", "a OR b"),
    ("a AND", QuerySyntaxError, "AND", "a"),
    ("a -", None, None, None),  # a lone "-" is punctuation: parsed as "a"
    ("NOT", QuerySyntaxError, "excluir", None),
    ("a NOT", QuerySyntaxError, "excluir", "a"),
    ("-a", QuerySyntaxError, "sólo excluye", None),
    ("NOT a NOT b", QuerySyntaxError, "sólo excluye", None),
    ("año:", QuerySyntaxError, "Falta el valor", None),
    ("reservada año:", QuerySyntaxError, "Falta el valor", "reservada"),
    ("()", QuerySyntaxError, "vacíos", None),
    ("?*", QuerySyntaxError, "comodín", None),
    ("*a*", QuerySyntaxError, "comodín", "a"),
    ("*:*", QuerySyntaxError, "comodín", None),
    ("re?erva", QuerySyntaxError, "comodín", "reerva"),
    ("a*", QueryTooComplexError, "al menos 3 letras", "a"),
    ("ab*", QueryTooComplexError, "al menos 3 letras", "ab"),
]


@pytest.mark.parametrize("text, error, words, suggestion", INVALID)
def test_invalid_queries_say_what_is_wrong_in_spanish(
    text: str, error: type[QueryError] | None, words: str | None, suggestion: str | None
) -> None:
    if error is None:
        parse_query(text)
        return
    assert words is not None
    with pytest.raises(error) as info:
        parse_query(text)
    assert words in info.value.message
    assert info.value.suggestion == suggestion
    if suggestion is not None:  # the suggested correction itself parses
        parse_query(suggestion)
