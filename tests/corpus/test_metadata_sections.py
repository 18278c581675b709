"""Sections of a resolution and its sentido, read from the resolutivos only."""

from __future__ import annotations

import pytest

from corpus.sections import find_sections, resolutivos_text, sentido


@pytest.mark.parametrize(
    ("resolutivos", "expected"),
    [
        ("PRIMERO. Se CONFIRMA la respuesta del sujeto obligado.", ["confirma"]),
        (
            "PRIMERO. Se declaran infundados los agravios y se confirma la respuesta otorgada.",
            ["confirma"],
        ),
        (
            "PRIMERO. Al no actualizarse ninguna causal de improcedencia, se CONFIRMA la respuesta.",
            ["confirma"],
        ),
        (
            "PRIMERO. Se MODIFICA la respuesta. SEGUNDO. Se ordena al sujeto obligado que entregue la información.",
            ["modifica", "ordena"],
        ),
        (
            "PRIMERO.- Con fundamento en el artículo 157, se revoca la respuesta y se instruye al Ayuntamiento para que entregue lo pedido.",
            ["revoca", "ordena"],
        ),
        (
            "ÚNICO. Es fundado el agravio y se ORDENA a Sistema para el Desarrollo Integral de la Familia que dé respuesta.",
            ["ordena"],
        ),
        ("PRIMERO. Es procedente SOBRESEER el presente recurso de revisión.", ["sobresee"]),
        (
            "ÚNICO. Se decreta el SOBRESEIMIENTO del recurso de revisión, al haber quedado sin materia.",
            ["sobresee"],
        ),
        ("PRIMERO. Se desecha por improcedente el recurso de revisión.", ["desecha"]),
        # negations, asides and orders that are not rulings
        (
            "PRIMERO. No ha lugar a sobreseer el recurso. SEGUNDO. Se REVOCA la respuesta.",
            ["revoca"],
        ),
        (
            "PRIMERO. Se CONFIRMA la respuesta. SEGUNDO. Se ordena notificar a las partes. TERCERO. Archívese.",
            ["confirma"],
        ),
        (
            "PRIMERO. Se tiene por CUMPLIDA la resolución. SEGUNDO. Archívese el expediente como asunto concluido.",
            ["otro"],
        ),
        (
            "PRIMERO. Se declara INFUNDADA la denuncia presentada en contra del Ayuntamiento.",
            ["otro"],
        ),
        (
            "PRIMERO. Se revoca la respuesta. SEGUNDO. En caso de no cumplir, se podrá sobreseer o desechar.",
            ["revoca"],
        ),
        (
            "PRIMERO. Se modifica la respuesta.\n\nAsí lo resolvieron por unanimidad, quienes confirman con su firma.",
            ["modifica"],
        ),
        ("Notifíquese a las partes.", ["otro"]),
    ],
)
def test_sentido(resolutivos: str, expected: list[str]) -> None:
    assert sentido(resolutivos) == expected


DOC = """ÍNDICE
ANTECEDENTES
CONSIDERANDOS
RESOLUTIVOS

A N T E C E D E N T E S

1. El particular presentó una solicitud de información en la que pidió los contratos de obra.

C O N S I D E R A N D O S

PRIMERO. Competencia. Este Instituto es competente para conocer del asunto. Se analiza si
procede revocar, modificar o confirmar la respuesta.

Por lo expuesto y fundado, se:
R E S U E L V E

PRIMERO. Se confirma la respuesta del sujeto obligado en todos sus términos.
"""


def test_sections_skip_the_table_of_contents_and_read_letter_spaced_headings() -> None:
    sections = find_sections(DOC)
    assert [(s.name, s.heading) for s in sections] == [
        ("antecedentes", "A N T E C E D E N T E S"),
        ("considerandos", "C O N S I D E R A N D O S"),
        ("resolutivos", "Por lo expuesto y fundado, se:\nR E S U E L V E"),
    ]
    assert DOC[sections[0].start :].startswith("A N T E C E D E N T E S")
    assert sections[0].end == sections[1].start and sections[2].end == len(DOC)
    # the considerandos weigh revocar/modificar; only the resolutivos count
    assert sentido(resolutivos_text(DOC, sections)) == ["confirma"]


@pytest.mark.parametrize(
    ("headings", "names"),
    [
        (
            ("RESULTANDOS", "CONSIDERANDOS", "PUNTOS RESOLUTIVOS"),
            ["antecedentes", "considerandos", "resolutivos"],
        ),
        (
            ("Resultandos", "Considerandos", "Resolutivos"),
            ["antecedentes", "considerandos", "resolutivos"],
        ),
        (
            ("ANTECEDENTES", "CONSIDERANDO", "SE RESUELVE"),
            ["antecedentes", "considerandos", "resolutivos"],
        ),
        (
            ("RESULTANDO", "C O N S I D E R A N D O S", "RESUELVE:"),
            ["antecedentes", "considerandos", "resolutivos"],
        ),
        (
            ("Resultandos", "Considerandos", "A C U E R D A"),
            ["antecedentes", "considerandos", "resolutivos"],
        ),
        (
            ("**ANTECEDENTES**", "**CONSIDERANDOS**", "**RESOLUTIVOS**"),
            ["antecedentes", "considerandos", "resolutivos"],
        ),
    ],
)
def test_heading_styles(headings: tuple[str, str, str], names: list[str]) -> None:
    body = "Texto de la sección con suficiente contenido para no ser un índice de contenidos."
    text = "\n\n".join(f"{h}\n\n{body}" for h in headings)
    assert [s.name for s in find_sections(text)] == names


def test_heading_words_inside_a_sentence_are_not_headings() -> None:
    text = "En los considerandos de la resolución se dijo que se resuelve lo conducente.\n"
    assert find_sections(text) == []


def test_resolutivos_without_heading_fall_back_to_the_last_resuelve() -> None:
    text = "Vistos los autos, este Pleno resuelve: PRIMERO. Se revoca la respuesta."
    assert sentido(resolutivos_text(text, [])) == ["revoca"]


def test_resolutivos_with_a_garbled_heading_start_at_the_last_primero() -> None:
    text = (
        "CONSIDERANDOS\n\nPRIMERO. Competencia. Procedería revocar si hubiera agravio.\n\n"
        "RESUEEVE:\n\nPRIMERO. Se DESECHA por improcedente el recurso de revisión.\n"
    )
    assert sentido(resolutivos_text(text, find_sections(text))) == ["desecha"]
