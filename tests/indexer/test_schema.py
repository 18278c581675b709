"""The schema: pickles, turns records into documents, and its fast text path indexes exactly
what the fields' own analyzers would."""

from __future__ import annotations

import json
import pickle
import zlib
from typing import Any

import pytest

from corpus.records import DocumentRecord, Precedent, Section
from indexer import schema as sc


def _record(**kw: object) -> DocumentRecord:
    values: dict[str, object] = {
        "id": "ivai-rev-275-2017-i", "garante": "IVAI", "state": "Veracruz",
        "doc_type": "resolucion", "expediente": "IVAI-REV/275/2017/I", "date": "2017-08-30",
        "year": 2017, "title": "Recurso de revisión", "sentido": ["revoca", "ordena"],
        "text": "El Sujeto Obligado clasificó la información como reservada; la resolución "
                "de las resoluciones del Comité de Transparencia 0177.",
        "cites_articles": ["LGTAIP 113 V", "LTAIPV 70"], "topics": ["Información reservada"],
        "ponente": "José Pérez", "sujeto_obligado": "Ayuntamiento de Xalapa",
        "sujeto_obligado_kind": "ayuntamiento", "is_sample": True,
    }
    values.update(kw)
    return DocumentRecord(**values)  # type: ignore[arg-type]


def _describe(field: Any) -> tuple[object, ...]:
    """What a field is (whoosh column objects have no equality of their own)."""
    column = getattr(field, "column_type", None)
    fmt = getattr(field, "format", None)
    return (
        type(field).__name__,
        getattr(field, "analyzer", None),
        type(column).__name__ if column else None,
        type(fmt).__name__ if fmt else None,
        getattr(fmt, "field_boost", None),
        field.stored,
        getattr(field, "unique", False),
        field.scorable,
    )


def test_schema_pickle_round_trip() -> None:
    schema = sc.build_schema()
    again = pickle.loads(pickle.dumps(schema, 2))
    assert sorted(again.names()) == sorted(schema.names())
    for name in schema.names():
        assert _describe(again[name]) == _describe(schema[name]), name
    for name in (sc.TEXT_FIELD, sc.TEXT_EXACT_FIELD, sc.TEXT_SHINGLE_FIELD, sc.IDENTIFIERS_FIELD):
        text = "Información RESERVADA del expediente RR/DAI/0177/2023-PIII"
        assert list(again[name].process_text(text)) == list(schema[name].process_text(text))


@pytest.mark.parametrize(
    ("value", "term"),
    [
        ("IVAI", "ivai"),
        ("  Información   Reservada ", "informacion reservada"),
        ("Yucatán", "yucatan"),
        ("Señalamiento", "senalamiento"),
        ("LGTAIP 113 V", "lgtaip 113 v"),
    ],
)
def test_facet_term_normalises(value: str, term: str) -> None:
    assert sc.facet_term(value) == term


def test_keyword_fields_index_facet_terms() -> None:
    doc = sc.to_document(_record())
    schema = sc.build_schema()
    indexed = {t.decode() for t, *_ in schema["articles"].index(doc["articles"])}
    # each article, and the article without fracción, folded like facet_term()
    assert indexed == {"lgtaip 113 v", "lgtaip 113", "ltaipv 70"}
    topics = {t.decode() for t, *_ in schema["topics"].index(doc["topics"])}
    assert topics == {sc.facet_term("Información reservada")}


@pytest.mark.parametrize(
    ("values", "column"),
    [([], b""), (["revoca"], b"revoca"), (["revoca", "ordena"], b"revoca\x1fordena")],
)
def test_facet_columns_round_trip(values: list[str], column: bytes) -> None:
    doc = sc.to_document(_record(sentido=values))
    assert doc.get(sc.facet_column("sentido"), b"") == column
    assert sc.split_column_value(column) == tuple(values)


def test_record_blob_round_trips_a_full_record() -> None:
    record = _record(
        sections=[Section("resolutivos", "RESOLUTIVOS", 3, 20)],
        precedentes=[Precedent("IVAI-REV/1/2017/I", "Ayuntamiento", "Ponente")],
        topic_evidence={"Información reservada": ["reservada"]},
        extraction={"format": "pdf", "pages": 3, "methods": ["text", "ocr", "text"]},
    )
    blob, digest = sc.encode_record(record)
    assert sc.decode_record(blob) == record
    as_dict = json.dumps(record.to_dict(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    assert zlib.decompress(blob) == as_dict.encode("utf-8")  # exactly to_dict()'s JSON
    assert digest == sc.encode_record(sc.decode_record(blob))[1]
    assert digest != sc.encode_record(_record(title="Otro"))[1]


def test_hit_values_fill_defaults() -> None:
    doc = sc.to_document(_record(title="", sentido=[]))
    values = sc.hit_values({"id": doc["id"], "hit": doc["hit"]})
    assert values["id"] == "ivai-rev-275-2017-i"
    assert values["sentido"] == [] and values["topics"] == ["Información reservada"]
    assert values["is_sample"] is True
    assert sc.hit_values({"id": "x"})["doc_type"] == "otro"


def test_criterion_key_and_criteria_field() -> None:
    crit = _record(doc_type="criterio", number="7/2019", garante="INAI", expediente=None)
    assert sc.criterion_key(crit) == "INAI 7/2019"
    assert sc.criterion_key(_record()) is None
    doc = sc.to_document(_record(cites_criteria=["INAI 3/2017"]))
    assert doc[sc.CITES_CRITERIA_FIELD] == "INAI 3/2017"


@pytest.mark.parametrize(
    "text",
    [
        "El acceso a la información pública: 0177 resoluciones y la resolución del Comité.",
        "Datos personales — versión pública (art. 113, fr. V); más allá de había sido ñandú.",
        "",
    ],
)
def test_fast_text_path_indexes_what_the_analyzer_would(text: str) -> None:
    """The pre-analysed lists give the same postings as the pickled analyzers on the text."""
    if sc.preanalyze("x") is None:
        pytest.skip("analyzers.normalize is absent: the fast path is off")
    schema = sc.build_schema()
    terms = sc.preanalyze(text)
    assert terms is not None
    for name, listed in zip(
        (sc.TEXT_FIELD, sc.TEXT_EXACT_FIELD, sc.TEXT_SHINGLE_FIELD), terms, strict=True
    ):
        fast = sorted(schema[name].index(listed))
        slow = sorted(schema[name].index(text)) if text else []
        assert fast == slow, name


@pytest.mark.parametrize(
    "text",
    [
        "Artículo 6º, 1ª fracción 0177 y 000; ÁRBOL Ñandú über İstanbul",
        "artículo 6o. y 3a. fracción; 10o 0o 6oo o a",
        "plain ascii 007 text",
        "",
    ],
)
def test_fast_tokenizer_matches_the_analysis_module(text: str) -> None:
    normalize = pytest.importorskip("analyzers.normalize")
    assert normalize.tokenize_bulk(text) == normalize.tokenize(text)
