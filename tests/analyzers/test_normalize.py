"""Table-driven tests of the engine-neutral analysis chains."""

from __future__ import annotations

import pytest

from analyzers import normalize as n


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Información", "informacion"),
        ("DAÑO", "dano"),
        ("pingüino", "pinguino"),
        ("Ñandú", "nandu"),
        ("ASCII only", "ascii only"),
        ("Çà", "ca"),
        ("Ångström", "angstrom"),  # NFKD fallback
    ],
)
def test_fold(text: str, expected: str) -> None:
    assert n.fold(text) == expected


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("resolución", "resoluciones"),
        ("resolucion", "resoluciones"),
        ("información", "informaciones"),
        ("daño", "dano"),
        ("daños", "daño"),
        ("pública", "publicas"),
        ("revisión", "revisiones"),
        ("reservada", "reservadas"),
        ("sujeto obligado", "sujetos obligados"),
        ("fracción", "fracciones"),
        ("comisión", "comisiones"),
        ("autoridad", "autoridades"),
    ],
)
def test_singular_plural_and_accents_stem_alike(a: str, b: str) -> None:
    assert [t for _, t in n.analyze_stemmed(a)] == [t for _, t in n.analyze_stemmed(b)]


@pytest.mark.parametrize(
    ("a", "b"),
    [("resolución", "revisión"), ("reserva", "confidencial"), ("acceso", "acta")],
)
def test_different_words_stem_apart(a: str, b: str) -> None:
    assert n.analyze_stemmed(a) != n.analyze_stemmed(b)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("cuenta pública", [(0, "cuent"), (1, "public")]),
        # stopwords removed, positions kept: a gap of two
        ("cuenta de la pública", [(0, "cuent"), (3, "public")]),
        ("Más había está", []),  # accented stopwords are caught after folding
        ("el estado y el sentido", [(1, "estad"), (4, "sent")]),  # content words here
        ("fracción V", [(0, "fraccion"), (1, "v")]),
    ],
)
def test_analyze_stemmed(text: str, expected: list[tuple[int, str]]) -> None:
    assert n.analyze_stemmed(text) == expected


def test_every_stopword_is_removed() -> None:
    # The measured bug: fold → stop → stem let 77 accented stopwords through.
    from whoosh.lang import stopwords_for_language

    kept_on_purpose = {
        "estado",
        "estados",
        "estada",
        "estadas",
        "sentido",
        "sentidos",
        "sentida",
        "sentidas",
        "sentid",
    }
    words = [w for w in stopwords_for_language("es") if n.fold(w) not in kept_on_purpose]
    leaked = [w for w in words if n.analyze_stemmed(w)]
    assert leaked == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Acceso a la Información", [(0, "acceso"), (1, "a"), (2, "la"), (3, "informacion")]),
        ("Artículo 1º", [(0, "articulo"), (1, "1")]),
        ("artículo 6o. constitucional", [(0, "articulo"), (1, "6"), (2, "constitucional")]),
        ("la 1a. Sala", [(0, "la"), (1, "1"), (2, "sala")]),
        ("el folio 0a1", [(0, "el"), (1, "folio"), (2, "0a1")]),
        ("expediente 0177", [(0, "expediente"), (1, "177")]),
        ("snake_case", [(0, "snake"), (1, "case")]),
    ],
)
def test_analyze_exact(text: str, expected: list[tuple[int, str]]) -> None:
    assert n.analyze_exact(text) == expected


def test_shingles() -> None:
    assert n.analyze_shingles("acceso a la información") == [
        (0, "acceso_a"),
        (1, "a_la"),
        (2, "la_informacion"),
    ]
    assert n.shingles(["acceso", "a", "la"]) == ["acceso_a", "a_la"]
    assert n.analyze_shingles("sola") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("IVAI-REV/275/2017/I", "ivai rev 275 2017 i"),
        ("ivai rev 275 2017", "ivai rev 275 2017"),
        ("RR/DAI/0177/2023-PIII", "rr dai 177 2023 piii"),
        ("rr/dai/177/2023", "rr dai 177 2023"),
        ("RRA 1234/19", "rra 1234 19"),
        ("RRA1234/19", "rra 1234 19"),
        ("SO/007/2019", "so 7 2019"),
        ("Criterio 03/17", "criterio 3 17"),
        ("000", "0"),
    ],
)
def test_identifiers(text: str, expected: str) -> None:
    assert n.normalize_identifier(text) == expected


def test_char_offsets_point_into_the_original_text() -> None:
    text = "La resolución 0177, daño"
    for term in n.exact_terms(text):
        assert n.strip_zeros(n.fold(text[term.start : term.end])) == term.text


def test_stopword_file_is_folded() -> None:
    assert all(w == n.fold(w) for w in n.stopwords())
    assert {"mas", "habia", "esta", "el"} <= n.stopwords()


def test_analysis_fingerprint_follows_stopwords_and_version(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = n.analysis_fingerprint()
    assert len(before) == 16 and before == n.analysis_fingerprint()
    monkeypatch.setattr(n, "stopwords", lambda: frozenset({"de"}))
    assert n.analysis_fingerprint() != before
    monkeypatch.undo()
    monkeypatch.setattr(n, "ANALYSIS_VERSION", n.ANALYSIS_VERSION + 1)
    assert n.analysis_fingerprint() != before


BULK_TEXTS = [
    "", "   ", "0", "00", "0177", "a0177", "RR/DAI/0177/2023-PIII", "6o. 1a. 10a 0o 6oo o a",
    "6º 3ª 20° 1°.", "artículo 6o, fracción 1a", "x_0177_y", "__init__", "ÁÉÍÓÚ Ü Ñ ñandú",
    "Straße", "İstanbul", "ΣΑΣ σας", "a\u0301rbol", "«comillas» — guion … fin", "ﬁnanzas ½ ²",
    "٣٤ 12٣", "ley¹ art.² 10³ ⁰⁷ 6º¹", "El acceso a la información pública: 0177 resoluciones",
    "00o 007a 0a o0 a00 10oa 3ao 0177o", "artículo 6o 6o 6o; fracción 0001 0001",
    "más allá de había sido; de la resolución del Comité", "tab\tand\nnewline\r\nend",
]


@pytest.mark.parametrize("text", BULK_TEXTS)
def test_bulk_tokenizer_gives_tokenize_words(text: str) -> None:
    assert n.tokenize_bulk(text) == n.tokenize(text)


@pytest.mark.parametrize("text", BULK_TEXTS)
def test_body_terms_are_the_three_chains(text: str) -> None:
    stems, exact, shingles = n.body_terms(text)
    assert stems == [t for _, t in n.analyze_stemmed(text)]
    assert exact == [t for _, t in n.analyze_exact(text)]
    assert shingles == [t for _, t in n.analyze_shingles(text)]
    assert n.body_terms(text) == (stems, exact, shingles)  # the stem cache answers alike


def test_stems_of_drops_stopwords_and_stems_in_order() -> None:
    words = ["la", "resolucion", "de", "las", "resoluciones", "0177", "mas"]
    assert n.stems_of(words) == [n.stem("resolucion"), n.stem("resoluciones"), "0177"]
