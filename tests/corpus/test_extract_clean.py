"""Table-driven tests of the text cleaning functions (pure, milliseconds)."""

from __future__ import annotations

import pytest

from corpus.extract.clean import (
    clean_pages,
    clean_text,
    collapse_whitespace,
    dehyphenate,
    find_running_lines,
    is_edge_counter,
    is_page_counter,
    normalize_chars,
    remove_running_lines,
    running_key,
)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Página 3 de 12", True),
        ("página 3 de 12", True),
        ("PÁGINA 3 DE 12", True),
        ("Pagina 3/12", True),
        ("Pág. 7", True),
        ("Hoja 1 de 4", True),
        ("Foja 12", True),
        ("1 de 64", True),
        ("64 de 64", True),
        ("- 3 -", True),
        ("— 12 —", True),
        ("65 de 64", False),  # not a counter: n > m
        ("3 de mayo", False),
        ("Página principal", False),
        ("Artículo 3 de la Ley", False),
        ("EXPEDIENTE: IVAI-REV/275/2017/I", False),
        ("I.", False),
        ("", False),
    ],
)
def test_is_page_counter(line: str, expected: bool) -> None:
    assert is_page_counter(line) is expected


@pytest.mark.parametrize(
    ("line", "page", "expected"),
    [
        ("3", 3, True),
        ("3", 4, False),  # a lone number that is not this page's number: maybe a table cell
        ("3", None, False),
        ("3/12", 7, True),
        ("13/12", 7, False),
        ("3.", 3, False),
    ],
)
def test_is_edge_counter(line: str, page: int | None, expected: bool) -> None:
    assert is_edge_counter(line, page) is expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("eﬁcacia y ﬂujo", "eficacia y flujo"),  # ligatures
        ("oﬃcial", "official"),
        ("infor\u00admación", "información"),  # invisible soft hyphen
        ("infor\u00ad\nmación", "infor-\nmación"),  # soft hyphen at a line end: a real break
        ("infor\ufffe\nmación", "infor-\nmación"),  # pdfium's hyphen mark
        ("Nu\u0301n\u0303ez", "Núñez"),  # NFD → NFC
        ("a\u200bb", "ab"),  # zero-width space
        ("línea\r\notra", "línea\notra"),
        ("a\x00b\x07c", "abc"),
    ],
)
def test_normalize_chars(raw: str, expected: str) -> None:
    assert normalize_chars(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  a   b  ", "a b"),
        ("a\u00a0\u2009b", "a b"),
        ("a\n\n\n\nb", "a\n\nb"),
        ("\n\na\n", "a"),
        ("celda 1 \t  celda 2", "celda 1\tcelda 2"),
        ("uno\n   \ndos", "uno\n\ndos"),
    ],
)
def test_collapse_whitespace(raw: str, expected: str) -> None:
    assert collapse_whitespace(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("la infor-\nmación pública", "la información pública"),
        ("procedi-\nmiento y plazo\nsiguiente", "procedimiento y plazo\nsiguiente"),
        ("EXPEDIENTE: IVAI-\nREV/275/2017/I", "EXPEDIENTE: IVAI-\nREV/275/2017/I"),  # capital
        ("IVAI-REV/275/2017/I", "IVAI-REV/275/2017/I"),
        ("proceso 2017-\n2018", "proceso 2017-\n2018"),  # digits: a range, not a hyphenation
        ("punto -\nseguido", "punto -\nseguido"),  # a dash after a space
        ("la infor-\n\nmación", "la infor-\n\nmación"),  # a paragraph break is not a line end
        ("Ciudad de Mé-\nxico", "Ciudad de México"),
        ("a-\nb", "a-\nb"),  # a one-letter "word" is not hyphenated
    ],
)
def test_dehyphenate(raw: str, expected: str) -> None:
    assert dehyphenate(raw) == expected


def test_running_key_masks_page_numbers() -> None:
    assert running_key("Página 3 — IVAI-REV/275/2017/I") == running_key(
        "Página  14 — IVAI-REV/275/2017/I"
    )
    assert running_key("RECURSO DE REVISIÓN") != running_key("RECURSO DE REVISION")


_BODY = [
    "En atención a su solicitud de información pública.",
    "Se declara la inexistencia de lo solicitado.",
    "El Comité de Transparencia confirmó la reserva.",
    "Se ordena la entrega de la versión pública.",
    "Notifíquese a las partes en sus domicilios.",
    "Así lo resolvieron por unanimidad de votos.",
]


_WORDS = ["uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho"]


def _body(i: int, count: int = 4) -> list[str]:
    """Body lines unique to page ``i`` (no digits, so masking cannot make them alike)."""
    return [f"{_BODY[(i + k) % len(_BODY)]} Hoja {_WORDS[i % len(_WORDS)]}." for k in range(count)]


def _pages(n: int, header: str, footer: str) -> list[list[str]]:
    """``n`` pages of four unique body lines between a header and a footer."""
    return [[header.format(n=i), *_body(i), footer.format(n=i)] for i in range(1, n + 1)]


def test_running_headers_and_footers_go_first_page_header_stays() -> None:
    pages = _pages(5, "EXPEDIENTE: IVAI-REV/275/2017/I", "Página {n} de 5 · Av. Juárez 123, Xalapa")
    headers, footers = find_running_lines(pages)
    assert running_key("EXPEDIENTE: IVAI-REV/275/2017/I") in headers
    assert running_key("Página 1 de 5 · Av. Juárez 123, Xalapa") in footers
    cleaned = remove_running_lines(pages)
    assert cleaned[0][0] == "EXPEDIENTE: IVAI-REV/275/2017/I"  # the caption, once
    for i, lines in enumerate(cleaned, start=1):
        assert len(lines) == (5 if i == 1 else 4)
        assert not any("Av. Juárez" in ln for ln in lines)
        if i > 1:
            assert not any("EXPEDIENTE" in ln for ln in lines)


def test_sentence_repeated_at_varying_places_is_not_a_footer() -> None:
    # a short reply that repeats one sentence near the end of each page (a real case)
    pages = [
        ["Pregunta uno.", "Respuesta.", "Uno.", "Dos.", "Le sugiere contacto directo.", "Fin."],
        ["Pregunta dos.", "Tres.", "Le sugiere contacto directo.", "Cuatro.", "Cinco.", "Fin."],
        ["Pregunta tres.", "Seis.", "Siete.", "Ocho.", "Nueve.", "Le sugiere contacto directo."],
    ]
    cleaned = remove_running_lines(pages)
    assert sum(ln == "Le sugiere contacto directo." for p in cleaned for ln in p) == 3


def test_short_document_needs_the_line_on_every_page() -> None:
    pages = [["Encabezado", "a"], ["Encabezado", "b"], ["c", "d"]]
    assert find_running_lines(pages) == (set(), set())


@pytest.mark.parametrize(
    ("pages", "expected"),
    [
        # page counters anywhere in a page, in several styles
        (["Texto uno.\nPágina 1 de 2", "Hoja 2 de 2\nTexto dos."], ["Texto uno.", "Texto dos."]),
        (["- 1 -\nUno.", "- 2 -\nDos."], ["Uno.", "Dos."]),
        # a bare number is a page number only as first/last line and when it matches the page
        (["Uno.\n1", "Dos.\n2"], ["Uno.", "Dos."]),
        (["Total\n7", "Dos."], ["Total\n7", "Dos."]),
        # hyphenation and ligatures inside pages; boundaries kept
        (["la infor-\nmación ﬁnal", "otra"], ["la información final", "otra"]),
    ],
)
def test_clean_pages(pages: list[str], expected: list[str]) -> None:
    assert clean_pages(pages) == expected


def test_clean_pages_law_like_headers() -> None:
    header = [
        "LEY GENERAL DE ARCHIVOS",
        "CÁMARA DE DIPUTADOS DEL H. CONGRESO DE LA UNIÓN",
        "Secretaría General",
    ]
    pages = [
        "\n".join([*header, f"Artículo {i * 7 + 3}.", *_body(i, 3), f"{i} de 6"])
        for i in range(1, 7)
    ]
    cleaned = clean_pages(pages)
    assert cleaned[0].startswith("LEY GENERAL DE ARCHIVOS")
    for i, text in enumerate(cleaned[1:], start=2):
        assert text == "\n".join([f"Artículo {i * 7 + 3}.", *_body(i, 3)])


def test_header_whose_number_follows_the_page_is_running() -> None:
    # "foja 11" on page 1, "foja 12" on page 2, ...: the number moves with the page
    pages = _pages(6, "IVAI-REV/275/2017/I — foja {n}", "Av. Juárez 123")
    pages = [
        [ln.replace(f"foja {i}", f"foja {i + 10}") for ln in p] for i, p in enumerate(pages, 1)
    ]
    assert pages[1][0] == "IVAI-REV/275/2017/I — foja 12"
    cleaned = remove_running_lines(pages)
    assert cleaned[0][0] == "IVAI-REV/275/2017/I — foja 11"
    assert all(not any("foja" in ln for ln in p) for p in cleaned[1:])


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "EXPEDIENTE: IVAI-REV/275/2017/I\nSUJETO OBLIGADO: Ayuntamiento",
            "EXPEDIENTE: IVAI-REV/275/2017/I\nSUJETO OBLIGADO: Ayuntamiento",
        ),
        ("RESULTANDOS\n\n\n\nPrimero.  Texto", "RESULTANDOS\n\nPrimero. Texto"),
        ("Página 1 de 3\nTexto", "Texto"),
        ("daño  y   perjuicio", "daño y perjuicio"),
    ],
)
def test_clean_text_keeps_line_structure(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected
