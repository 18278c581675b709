"""Synonyms and legal abbreviations expand both ways."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzers.normalize import tokenize
from analyzers.synonyms import expand_phrase, load_synonyms, synonym_alternatives


def alternatives(query: str) -> list[set[str]]:
    return [{" ".join(a) for a in m.alternatives} for m in synonym_alternatives(tokenize(query))]


@pytest.mark.parametrize(
    ("query", "expected_alternative"),
    [
        ("RR", "recurso de revision"),
        ("recurso de revisión", "rr"),
        ("Recursos de Revisión", "rr"),  # plural, case
        ("SO", "sujeto obligado"),
        ("sujetos obligados", "so"),
        ("UT", "unidad de transparencia"),
        ("unidad de transparencia", "ut"),
        ("CT", "comite de transparencia"),
        ("comité de transparencia", "ct"),
        ("PNT", "plataforma nacional de transparencia"),
        ("plataforma nacional de transparencia", "pnt"),
        ("LGTAIP", "ley general de transparencia y acceso a la informacion publica"),
        ("Ley General de Transparencia y Acceso a la Información Pública", "lgtaip"),
        ("organismo garante", "autoridad garante"),
        ("autoridades garantes", "organismo garante"),
        ("INAI", "ifai"),
        ("IFAI", "inai"),
        ("SIPOT", "sistema de portales de obligaciones de transparencia"),
        ("solicitud de acceso", "solicitud de informacion"),
    ],
)
def test_both_ways(query: str, expected_alternative: str) -> None:
    found = alternatives(query)
    assert len(found) == 1
    assert expected_alternative in found[0]


def test_span_and_surrounding_words() -> None:
    words = tokenize("el RR contra la UT del ayuntamiento")
    matches = synonym_alternatives(words)
    assert [(m.start, m.end, m.matched) for m in matches] == [(1, 2, ("rr",)), (4, 5, ("ut",))]


def test_longest_match_wins() -> None:
    words = tokenize("Ley General de Transparencia y Acceso a la Información Pública")
    (m,) = synonym_alternatives(words)
    assert (m.start, m.end) == (0, len(words))


def test_no_match_for_plain_words() -> None:
    assert synonym_alternatives(tokenize("información reservada tren maya")) == []


def test_stem_alike_wording_is_still_an_alternative() -> None:
    # the exact field needs "órgano garante" even if it stems like "organismo garante"
    assert "organo garante" in alternatives("organismo garante")[0]


def test_expand_phrase() -> None:
    rewrites = expand_phrase(tokenize("recurso de revisión ante la UT"))
    assert ("rr", "ante", "la", "ut") in rewrites
    assert ("recurso", "de", "revision", "ante", "la", "unidad", "de", "transparencia") in rewrites
    assert tuple(tokenize("recurso de revisión ante la UT")) not in rewrites
    assert len(expand_phrase(tokenize("RR UT"), limit=3)) == 3


def test_bad_data_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "syn.toml"
    path.write_text('[[group]]\nterms = ["RR", "recurso"]\n[[group]]\nterms = ["recursos", "x"]\n')
    with pytest.raises(ValueError, match="another group"):
        load_synonyms(path)


@pytest.mark.parametrize(
    ("query", "expected_alternative"),
    [
        (
            "IVAI",
            "instituto veracruzano de acceso a la informacion y proteccion de datos personales",
        ),
        ("Instituto Tabasqueño de Transparencia y Acceso a la Información Pública", "itaip"),
        ("itaipch", "itaip chiapas"),
        ("INAI", "ifai"),  # the file's group, extended with the registry's full name
        (
            "INAI",
            "instituto nacional de transparencia acceso a la informacion y proteccion de datos personales",
        ),
    ],
)
def test_bodies_from_the_registry(query: str, expected_alternative: str) -> None:
    (found,) = alternatives(query)
    assert expected_alternative in found
    assert "i v a i" not in found


def test_extra_groups_merge_into_the_file(tmp_path: Path) -> None:
    path = tmp_path / "syn.toml"
    path.write_text('[[group]]\nterms = ["RR", "recurso de revisión"]\n')
    table = load_synonyms(
        path, extra_groups=[["recurso de revisión", "medio de impugnación"], ["X1", "equis uno"]]
    )
    assert len(table.groups) == 2
    (m,) = synonym_alternatives(tokenize("medio de impugnación"), table)
    assert {" ".join(a) for a in m.alternatives} == {"rr", "recurso de revision"}
