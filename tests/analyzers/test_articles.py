"""Article references written loosely → canonical "LAW ART FRACC" strings."""

from __future__ import annotations

import pytest

from analyzers.articles import article_terms, normalize_articles, parse_article_refs


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("art. 113 fr. V", ["113 V"]),
        ("artículo 113, fracción V", ["113 V"]),
        ("articulo 113 fraccion V", ["113 V"]),
        ("ARTÍCULO 113 FRACC. V", ["113 V"]),
        (
            "artículo 113, fracción V de la Ley General de Transparencia y Acceso a la Información Pública",
            ["LGTAIP 113 V"],
        ),
        ("LGTAIP 113 V", ["LGTAIP 113 V"]),
        ("fracción I del artículo 116 de la LGTAIP", ["LGTAIP 116 I"]),
        ("artículos 113 y 116 de la Ley General de Transparencia", ["LGTAIP 113", "LGTAIP 116"]),
        ("artículo 70, fracciones IX y XXVII de la Ley 875", ["LTAIPV 70 IX", "LTAIPV 70 XXVII"]),
        (
            "Artículo 6º, apartado A de la Constitución Política de los Estados Unidos Mexicanos",
            ["CPEUM 6"],
        ),
        ("el artículo 3, fracción 5, LFTAIP", ["LFTAIP 3 V"]),
        ("art. 23 bis", ["23 Bis"]),
        ("artículo 0113", ["113"]),
        ("sin referencia alguna, 113", []),
        (
            "artículos 61, fracciones II, V y XII, 134 y 135 de la Ley Federal de Transparencia y Acceso a la Información Pública",
            ["LFTAIP 61 II", "LFTAIP 61 V", "LFTAIP 61 XII", "LFTAIP 134", "LFTAIP 135"],
        ),
        ("artículo 113, fracción V y 116", ["113 V", "116"]),
        ("art. 3 fr. 5 y VI", ["3 V", "3 VI"]),
    ],
)
def test_normalize_articles(text: str, expected: list[str]) -> None:
    assert normalize_articles(text) == expected


def test_default_law_fills_a_missing_law() -> None:
    assert [r.canonical for r in parse_article_refs("art. 113 fr. V", "LGTAIP")] == ["LGTAIP 113 V"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("LGTAIP 113 V", ["lgtaip", "113", "v"]),
        ("art. 113 fr. V", ["113", "v"]),
        ("113 V", ["113", "v"]),
        ("113", ["113"]),
    ],
)
def test_article_terms(text: str, expected: list[str]) -> None:
    assert [t.text for t in article_terms(text)] == expected


def test_references_are_a_position_apart() -> None:
    terms = article_terms("LGTAIP 113 V; LGTAIP 116")
    assert [(t.pos, t.text) for t in terms] == [
        (0, "lgtaip"), (1, "113"), (2, "v"), (4, "lgtaip"), (5, "116"),
    ]  # fmt: skip
