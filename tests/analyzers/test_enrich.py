"""enrich(): a record gets topics with evidence and its normalised sujeto obligado."""

from __future__ import annotations

from analyzers.topics import enrich, get_tagger
from corpus.records import DocumentRecord


def test_enrich_fills_topics_evidence_and_sujeto() -> None:
    record = DocumentRecord(
        id="ivai-rev-275-2017-i",
        date="2017-09-01",
        state="Veracruz",
        sujeto_obligado="H. Ayuntamiento Constitucional de Xalapa, Ver.",
        sentido=["sobresee"],
        title="Recurso de revisión IVAI-REV/275/2017/I",
        text="El sujeto obligado entregó una versión pública del contrato.",
        cites_articles=["LGTAIP 113 V"],
        cites_criteria=["INAI 3/2017"],
    )
    out = enrich(record, tagger=get_tagger(None, False))
    assert out is not record and record.topics == []
    assert out.sujeto_obligado_canonical == "Ayuntamiento de Xalapa"
    assert out.sujeto_obligado_kind == "ayuntamiento"
    assert set(out.topics) == {
        "informacion-reservada",
        "version-publica",
        "sobreseimiento",
        "documentos-ad-hoc",
    }
    assert out.topic_evidence["documentos-ad-hoc"] == ["INAI 3/2017"]
    assert out.topic_evidence["informacion-reservada"] == ["LGTAIP 113 V"]
    assert out.topic_evidence["version-publica"] == ["versión pública"]
    assert out.topic_evidence["sobreseimiento"] == ["sentido: sobresee"]
    assert list(out.topic_evidence) == out.topics
    # the record still serialises
    assert DocumentRecord.from_dict(out.to_dict()) == out


def test_enrich_without_sujeto_or_topics() -> None:
    out = enrich(
        DocumentRecord(id="x", text="Nada relevante aquí."), tagger=get_tagger(None, False)
    )
    assert out.topics == [] and out.topic_evidence == {}
    assert out.sujeto_obligado_canonical is None and out.sujeto_obligado_kind is None
