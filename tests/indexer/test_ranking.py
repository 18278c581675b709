"""Ranking on generated sample records: an expediente query puts that document first, however
it is typed; accentless and accented queries give the same results; synonyms work both ways."""

from __future__ import annotations

import re
from typing import Any

import pytest

from corpus.records import DocumentRecord
from indexer.engine import SearchParams


def top_ids(engine: Any, q: str, n: int = 10) -> list[str]:
    return [h.id for h in engine.search(SearchParams(q=q, page_size=n)).hits]


def all_ids(engine: Any, q: str) -> set[str]:
    return {h.id for h in engine.search(SearchParams(q=q, page_size=1000)).hits}


def typings(expediente: str) -> list[str]:
    """The ways a user types an expediente: as published, lower case, separators as spaces,
    without the ponencia."""
    spaced = re.sub(r"[-/]+", " ", expediente)
    without_ponencia = re.sub(r"(/|-P?)[IVX]+$", "", expediente)
    return list(dict.fromkeys([expediente, expediente.lower(), spaced, without_ponencia]))


def resolutions(records: list[DocumentRecord], n: int) -> list[DocumentRecord]:
    chosen = [r for r in records if r.doc_type == "resolucion" and r.expediente]
    return chosen[:: max(1, len(chosen) // n)][:n]


def test_expediente_query_puts_that_document_first(
    search_engine: Any, sample_records: list[DocumentRecord]
) -> None:
    failures = []
    for record in resolutions(sample_records, 12):
        assert record.expediente is not None
        for typed in typings(record.expediente):
            top = top_ids(search_engine, typed, 3)
            if not top or top[0] != record.id:
                failures.append(f"{typed!r} → {top} (wanted {record.id})")
    assert failures == []


def test_number_and_year_alone_find_the_expediente(
    search_engine: Any, sample_records: list[DocumentRecord]
) -> None:
    for record in resolutions(sample_records, 6):
        m = re.search(r"(\d+)\D+(\d{4})", record.expediente or "")
        assert m
        number, year = m.groups()
        assert record.id in top_ids(search_engine, f"{int(number)}/{year}", 5)


def test_expediente_with_zero_padding_is_found(search_engine: Any) -> None:
    assert top_ids(search_engine, "IVAI-REV/09902/2021", 1) == ["test-2"]
    assert top_ids(search_engine, "expediente:ivai-rev/9902/2021/ii", 1) == ["test-2"]


ACCENTS = [
    ("información reservada", "informacion reservada"),
    ("versión pública", "version publica"),
    ('"acceso a la información"', '"acceso a la informacion"'),
    ("resolución sobreseimiento", "RESOLUCION SOBRESEIMIENTO"),
    ("búsqueda exhaustiva", "busqueda exhaustiva"),
    ("compañía", "compania"),
]


@pytest.mark.parametrize("accented, plain", ACCENTS)
def test_accentless_and_accented_queries_agree(search_engine: Any, accented: str, plain: str) -> None:
    a = search_engine.search(SearchParams(q=accented, page_size=10))
    b = search_engine.search(SearchParams(q=plain, page_size=10))
    assert a.total == b.total and a.total > 0
    assert [h.id for h in a.hits] == [h.id for h in b.hits]


SYNONYMS = [
    # (query one way, query the other way, documents saying it each way)
    ("RR falta respuesta", "recurso de revisión falta respuesta", {"test-2", "test-3"}),
    ("LGTAIP colibrí", "Ley General de Transparencia y Acceso a la Información Pública colibrí",
     {"test-4", "test-5"}),
    ("organismo garante tecolote", "autoridad garante tecolote", {"test-6", "test-7"}),
]


@pytest.mark.parametrize("one, other, expected", SYNONYMS)
def test_synonyms_work_both_ways(search_engine: Any, one: str, other: str, expected: set[str]) -> None:
    assert expected <= all_ids(search_engine, one)
    assert expected <= all_ids(search_engine, other)


def test_quoted_synonym_phrase_also_expands(search_engine: Any) -> None:
    assert {"test-2", "test-3"} <= all_ids(search_engine, '"recurso de revisión" falta')
