"""The whoosh writer's fast path indexes exactly what whoosh's own per-field path would: for
every Frequency field, ``terms_of`` counts the terms ``field.index`` yields."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from corpus.records import DocumentRecord
from indexer import schema as sc
from indexer.whoosh_writer import terms_of

KEYWORD_VALUES = [
    "IVAI", "  Información   Reservada ", "Yucatán\x1fVeracruz", "a\x1f\x1fb", "\x1f", " \x1fx",
    "LGTAIP 113 V\x1fLGTAIP 113", "Señalamiento ÑANDÚ", "Æsir Œuvre ß", "dup\x1fdup\x1fDUP", "",
]
TEXT_VALUES = [
    "Recurso de revisión RR/DAI/0177/2023-PIII", "José Pérez Ñandú", "de la", "", "6º y 3a.",
    "Ayuntamiento de Xalapa Ayuntamiento",
]


def _fast_fields() -> dict[str, Any]:
    from whoosh import formats

    return {name: f for name, f in sc.build_schema().items()
            if f.indexed and type(f.format) is formats.Frequency and not f.vector}


def _whoosh_counts(field: Any, value: Any) -> Counter[str]:
    return Counter({t.decode("utf-8"): freq for t, freq, _w, _v in field.index(value)})


def test_every_small_field_takes_the_fast_path() -> None:
    names = set(_fast_fields())
    assert set(sc.KEYWORD_FIELDS) <= names
    assert {sc.TITLE_FIELD, "sujeto_text", "ponente_text", sc.TEXT_FIELD} <= names
    assert sc.TITLE_EXACT_FIELD not in names  # positional: whoosh's own path


@pytest.mark.parametrize("value", KEYWORD_VALUES)
def test_keyword_terms_equal_the_keyword_analyzer(value: str) -> None:
    for name in sc.KEYWORD_FIELDS:
        field = sc.build_schema()[name]
        assert Counter(terms_of(field, value)) == _whoosh_counts(field, value), name


@pytest.mark.parametrize("value", TEXT_VALUES)
def test_text_terms_equal_the_field_analyzer(value: str) -> None:
    for name, field in _fast_fields().items():
        if name not in sc.KEYWORD_FIELDS:
            assert Counter(terms_of(field, value)) == _whoosh_counts(field, value), name


def test_documents_index_the_same_terms(sample_records: list[DocumentRecord]) -> None:
    fields = _fast_fields()
    for record in sample_records[:40]:
        for name, value in sc.to_document(record).items():
            if name in fields:
                assert Counter(terms_of(fields[name], value)) == _whoosh_counts(
                    fields[name], value), name


def _reference_weights(freqs: list[int], boost: float) -> tuple[Any, float, float]:
    """The block weights computed the plain way (each weight, then min/max/sum)."""
    from array import array

    weights: Any = [float(f) for f in freqs] if boost == 1.0 else array("f", [f * boost for f in freqs])
    first = weights[0]
    mini = (None if first == 1.0 else first) if all(w == first for w in weights) else tuple(weights)
    return mini, max(weights), sum(weights)


@pytest.mark.parametrize("freqs", [[1], [1, 1, 1], [2], [3, 3], [1, 2, 1], [7, 1, 40], [5] * 128])
@pytest.mark.parametrize("boost", [1.0, 3.0, 4.0])
def test_block_weights_equal_the_plain_computation(freqs: list[int], boost: float) -> None:
    from indexer.whoosh_writer import _block_weights

    got = _block_weights(freqs, boost)
    assert got == _reference_weights(freqs, boost)
    assert [type(v) for v in got] == [type(v) for v in _reference_weights(freqs, boost)]
