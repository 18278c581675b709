"""Citations: expedientes of every registry format, criteria, and law articles to the fracción."""

from __future__ import annotations

import pytest

from corpus.citations import (
    cited_articles,
    cited_criteria,
    cited_expedientes,
    criterion_number,
    dedupe,
    match_expediente,
)
from corpus.garantes import Registry, load_registry


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry()


@pytest.mark.parametrize(
    ("written", "garante", "canonical"),
    [
        ("IVAI-REV/275/2017/I", "IVAI", "IVAI-REV/275/2017/I"),
        ("IVAI-REV/0275/2017/I", "IVAI", "IVAI-REV/275/2017/I"),
        ("ivai-rev/275/2017/iii", "IVAI", "IVAI-REV/275/2017/III"),
        ("IVAI - REV / 275 / 2017 / II", "IVAI", "IVAI-REV/275/2017/II"),
        ("IVAI-RDP/12/2020", "IVAI", "IVAI-RDP/12/2020"),
        ("RR/DAI/0177/2023-PIII", "ITAIP", "RR/DAI/177/2023-PIII"),
        ("RR/DAI/875/2017-PII", "ITAIP", "RR/DAI/875/2017-PII"),
        ("RR/DAI/875/2017 - P II", "ITAIP", "RR/DAI/875/2017-PII"),
        ("ITAIP-RR-DAI-12-2020", "ITAIP", "RR/DAI/12/2020"),
        ("COTAIPEC/RR/045/2021", "COTAIPEC", "COTAIPEC/RR/45/2021"),
        ("COTAIPEC-DI-7-2019", "COTAIPEC", "COTAIPEC/DI/7/2019"),
        ("ITAIPCH/RR/0101/2022", "ITAIPCH", "ITAIPCH/RR/101/2022"),
        ("RR/0312/2019/INAIP", "INAIP", "RR/312/2019/INAIP"),
        ("INAIP RR 312 2019 INAIP", "INAIP", "RR/312/2019/INAIP"),
        ("RR/0088/2020/IDAIPQROO/II", "IDAIPQROO", "RR/88/2020/IDAIPQROO/II"),
        ("DI/5/2021/IDAIPQROO", "IDAIPQROO", "DI/5/2021/IDAIPQROO"),
        ("RRA 1234/19", "INAI", "RRA 1234/19"),
        ("RRA 01234/19", "INAI", "RRA 1234/19"),
        ("RRA1234/19", "INAI", "RRA 1234/19"),
        ("RRD 123/20", "INAI", "RRD 123/20"),
        ("RRA 2959/2016", "INAI", "RRA 2959/2016"),
    ],
)
def test_expediente_formats(registry: Registry, written: str, garante: str, canonical: str) -> None:
    hit = match_expediente(f"visto el expediente {written}, resuelto", registry)
    assert hit is not None
    assert hit[0] == garante
    assert hit[1] == canonical


@pytest.mark.parametrize("text", ["el año 2017/2018", "folio 00123417", "RR/2020", "REV/275/2017"])
def test_not_expedientes(registry: Registry, text: str) -> None:
    assert match_expediente(text, registry) is None


def test_cited_expedientes_dedupe_and_exclude_own(registry: Registry) -> None:
    text = (
        "Como en el IVAI-REV/12/2016/II y en el RRA 1234/17 (véase IVAI-REV/0012/2016/II), "
        "este expediente IVAI-REV/275/2017/I se resuelve igual que el RR/DAI/0177/2023-PIII."
    )
    assert cited_expedientes(text, registry, exclude=["IVAI-REV/275/2017/I"]) == [
        "IVAI-REV/12/2016/II",
        "RRA 1234/17",
        "RR/DAI/177/2023-PIII",
    ]


@pytest.mark.parametrize(
    ("args", "number"),
    [
        ((None, "03", "17"), "3/2017"),
        (("so", "007", "2019"), "SO/7/2019"),
        ((None, "12", "2020"), "12/2020"),
    ],
)
def test_criterion_number(args: tuple[str | None, str, str], number: str) -> None:
    assert criterion_number(*args) == number


@pytest.mark.parametrize(
    ("text", "own", "keys"),
    [
        ("conforme al Criterio 03/17", "IVAI", ["INAI 3/2017"]),
        (
            "de conformidad con lo dispuesto en el **Criterio 07/17** , emitido por el Pleno",
            None,
            ["INAI 7/2017"],
        ),
        ("el criterio SO/007/2019", "ITAIP", ["INAI SO/7/2019"]),
        ("véase SO/007/2019 y SO/002/2021", "ITAIP", ["INAI SO/7/2019", "INAI SO/2/2021"]),
        ("el criterio 3/2018 de este Instituto", "ITAIP", ["ITAIP 3/2018"]),
        ("el criterio 3/2018 emitido por el Pleno de este Órgano Garante", "IVAI", ["IVAI 3/2018"]),
        ("el criterio 2/2018 del IVAI", "ITAIP", ["IVAI 2/2018"]),
        ("el criterio 5/2019 del Instituto Tabasqueño de Transparencia", "IVAI", ["ITAIP 5/2019"]),
        (
            "los criterios 03/17 y 07/17 emitidos por el INAI",
            "IVAI",
            ["INAI 3/2017", "INAI 7/2017"],
        ),
        ("Criterio de interpretación número 4/2020", "INAIP", ["INAIP 4/2020"]),
        ("Criterio 01/19. Criterio 01/19.", None, ["INAI 1/2019"]),
        ("el expediente RR/DAI/0177/2023-PIII", "ITAIP", []),
        ("la fracción 3/2017 del acuerdo", "ITAIP", []),
    ],
)
def test_cited_criteria(registry: Registry, text: str, own: str | None, keys: list[str]) -> None:
    assert cited_criteria(text, registry, own_garante=own) == keys


def test_cited_criteria_excludes_own_number(registry: Registry) -> None:
    text = "Criterio 3/2018\nVéase también el criterio 2/2017 de este Instituto."
    assert cited_criteria(text, registry, own_garante="IVAI", exclude=["IVAI 3/2018"]) == [
        "IVAI 2/2017"
    ]


@pytest.mark.parametrize(
    ("text", "refs"),
    [
        ("artículo 113, fracción V de la Ley General de Transparencia", ["LGTAIP 113 V"]),
        (
            "artículo 113, fracción V, de la Ley General de Transparencia y Acceso a la Información Pública",
            ["LGTAIP 113 V"],
        ),
        (
            "fracciones I, II y IV del artículo 113 de la LGTAIP",
            ["LGTAIP 113 I", "LGTAIP 113 II", "LGTAIP 113 IV"],
        ),
        ("fracción VI del artículo 113 de la Ley General", ["LGTAIP 113 VI"]),
        ("artículos 116 y 120 de la Ley General de Transparencia", ["LGTAIP 116", "LGTAIP 120"]),
        (
            "artículo 6, apartado A, de la Constitución Política de los Estados Unidos Mexicanos",
            ["CPEUM 6"],
        ),
        ("artículo 6o. constitucional", ["CPEUM 6"]),
        ("el artículo 16 de la Constitución Federal", ["CPEUM 16"]),
        (
            "artículos 61, fracciones II, V y XII, 134 y\n135 de la Ley Federal de Transparencia y Acceso a la Información Pública",
            ["LFTAIP 61 II", "LFTAIP 61 V", "LFTAIP 61 XII", "LFTAIP 134", "LFTAIP 135"],
        ),
        (
            "artículo 143, fracciones I a la IV, de la Ley 875 de Transparencia",
            ["LTAIPV 143 I", "LTAIPV 143 II", "LTAIPV 143 III", "LTAIPV 143 IV"],
        ),
        (
            "artículo 3, fracción XII de la Ley de Transparencia y Acceso a la Información Pública del Estado de Tabasco",
            ["LTAIPET 3 XII"],
        ),
        (
            "el art. 70 de la LGTAIP y los arts. 23 y 24 de la misma ley",
            ["LGTAIP 70", "LGTAIP 23", "LGTAIP 24"],
        ),
        ("artículo 1 Bis de la Ley General de Archivos", ["LGA 1-Bis"]),
        (
            "artículos 63 a 66 de la Ley General de Protección de Datos Personales en Posesión de Sujetos Obligados",
            ["LGPDPPSO 63", "LGPDPPSO 64", "LGPDPPSO 65", "LGPDPPSO 66"],
        ),
        # what OCR makes of "6°", "I" and "artículo 201"
        ("el artículo 6? de la Constitución Federal", ["CPEUM 6"]),
        ("el artículo 6” de la Constitución General", ["CPEUM 6"]),
        (
            "el artículo 60. de la Constitución Federal y el artículo 60 de la LGTAIP",
            ["CPEUM 6", "LGTAIP 60"],
        ),
        ("el artículo.201 de la LGTAIP", ["LGTAIP 201"]),
        ("artículo 155, fracción l, de la Ley General", ["LGTAIP 155 I"]),
        ("artículo 70, fracción L, de la Ley General", ["LGTAIP 70 L"]),
        ("artículo 41, fracción Il de la Ley General", ["LGTAIP 41 II"]),
        ("artículo 41, fracción IL de la Ley General", ["LGTAIP 41 II"]),
        (
            "artículo 70, fracciones XLIX, XXXVIII y L de la LGTAIP",
            ["LGTAIP 70 XLIX", "LGTAIP 70 XXXVIII", "LGTAIP 70 L"],
        ),
        ("artículo 41, fracción 11\nde la Ley General", ["LGTAIP 41 II"]),
        (
            "artículo 156, fracción III, en relación con el diverso 155, fracción I, ambos de la Ley General",
            ["LGTAIP 156 III", "LGTAIP 155 I"],
        ),
        # laws the registry does not know are left out, not guessed
        ("artículo 38, del Estatuto de MORENA", []),
        ("el artículo 7 de la Constitución Política del Estado de Veracruz", []),
        ("artículo 12 del Reglamento Interior", []),
        ("artículo 1916 del Código Civil Federal", []),
    ],
)
def test_cited_articles(registry: Registry, text: str, refs: list[str]) -> None:
    assert cited_articles(text, registry) == refs


@pytest.mark.parametrize(
    ("text", "default", "refs"),
    [
        # no law named: the law named before in the paragraph …
        (
            "el artículo 113 de la Ley General. Asimismo, el artículo 116 señala",
            None,
            ["LGTAIP 113", "LGTAIP 116"],
        ),
        # … else the document's default (its body's state law) …
        ("conforme al artículo 145, fracción II, procede", "LTAIPV", ["LTAIPV 145 II"]),
        (
            "el artículo 113 de la Ley General.\n\nEl artículo 145 fija el plazo.",
            "LTAIPV",
            ["LGTAIP 113", "LTAIPV 145"],
        ),
        # … and "la Ley de la materia" is the state law too
        ("artículo 143 de la Ley de la materia", "LTAIPET", ["LTAIPET 143"]),
        # with neither, nothing is guessed
        ("conforme al artículo 145 procede", None, []),
    ],
)
def test_article_without_law_named(
    registry: Registry, text: str, default: str | None, refs: list[str]
) -> None:
    assert cited_articles(text, registry, default_law=default) == refs


def test_law_text_headings_are_not_citations_and_this_law_is_its_own(registry: Registry) -> None:
    text = (
        "Artículo 5. La presente Ley es de orden público.\n"
        "Artículo 6. En términos del artículo 113 de esta Ley y del artículo 6o. de la Constitución.\n"
    )
    assert cited_articles(text, registry, own_law="LGTAIP") == ["LGTAIP 113", "CPEUM 6"]
    assert cited_articles(text, registry) == ["CPEUM 6"]


def test_dedupe_keeps_first_seen_order() -> None:
    assert dedupe(["b", "a", "b", "c", "a"], exclude=["c"]) == ["b", "a"]
