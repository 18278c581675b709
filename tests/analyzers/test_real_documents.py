"""The analysis on real public documents (shared/corpus/real): a Unidad de Transparencia's
response and the 2025 LGTAIP."""

from __future__ import annotations

import re
from pathlib import Path

from analyzers.articles import normalize_articles, parse_article_refs
from analyzers.sujetos import classify_sujeto
from analyzers.topics import get_tagger


def test_response_of_a_unidad_de_transparencia(shared_dir: Path) -> None:
    text = (shared_dir / "corpus/real/responses/RAC__Respuesta-73-19.md").read_text("utf-8")
    articles = normalize_articles(text)
    assert articles[:5] == [
        "LFTAIP 61 II",
        "LFTAIP 61 V",
        "LFTAIP 61 XII",
        "LFTAIP 134",
        "LFTAIP 135",
    ]
    tags = {t.slug: t for t in get_tagger(None, False).tag(text, articles, "2019-04-09")}
    assert "inexistencia" in tags
    assert "inexistencia de la información" in tags["inexistencia"].phrases
    # "Instituto Nacional de Transparencia, Acceso a la Información y Protección de Datos
    # Personales" is a name, not a mention of personal data
    assert "derechos-arco" not in tags
    assert classify_sujeto("PARTIDO ACCIÓN NACIONAL") == classify_sujeto("Partido Acción Nacional")
    assert classify_sujeto("Partido Acción Nacional").kind == "partido político"  # type: ignore[union-attr]


def test_article_references_of_the_lgtaip(shared_dir: Path) -> None:
    text = (shared_dir / "corpus/real/laws/lgtaip_extracted.txt").read_text("utf-8")
    refs = parse_article_refs(text)
    written = len(re.findall(r"\bart[íi]culos?\s+\d", text, re.IGNORECASE))
    assert len(refs) >= written  # every "artículo N" yields at least one reference
    canonical = re.compile(r"^(?:[A-Z]+ )?\d+(?: Bis| Ter| Quater)?(?: [IVXL]+)?$")
    assert all(canonical.match(r.canonical) for r in refs)
    # "... en el artículo 144 de la presente Ley" has no law abbreviation: none is invented
    assert any(r.law is None and r.article == "144" for r in refs)
