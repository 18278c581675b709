"""whoosh analyzers: same output as ``normalize``, picklable, and right on a real index."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from whoosh import fields, index
from whoosh.qparser import QueryParser
from whoosh.query import And, Term

from analyzers import normalize, spanish
from analyzers.spanish import ChainTokenizer

SAMPLES = [
    "La cuenta pública del derecho de acceso a la información; resoluciones y daños.",
    "EXPEDIENTE: IVAI-REV/275/2017/I; RR/DAI/0177/2023-PIII",
    "artículo 113, fracción V de la Ley General de Transparencia",
    "Ñandú 1º más había",
]

ANALYZERS = {
    "stemmed": spanish.stemmed_analyzer,
    "exact": spanish.exact_analyzer,
    "shingle": spanish.shingle_analyzer,
    "identifier": spanish.identifier_analyzer,
    "article": spanish.article_analyzer,
}


def run(analyzer: ChainTokenizer, text: str, **kwargs: object) -> list[tuple[int, str, int, int]]:
    return [
        (t.pos, t.text, t.startchar, t.endchar)
        for t in analyzer(text, positions=True, chars=True, **kwargs)
    ]


def schema() -> fields.Schema:
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        body=fields.TEXT(analyzer=spanish.stemmed_analyzer()),
        body_exact=fields.TEXT(analyzer=spanish.exact_analyzer()),
        body_shingles=fields.TEXT(analyzer=spanish.shingle_analyzer(), phrase=False),
        expediente=fields.TEXT(analyzer=spanish.identifier_analyzer()),
        articles=fields.TEXT(analyzer=spanish.article_analyzer()),
    )


@pytest.mark.parametrize("text", SAMPLES)
def test_whoosh_output_equals_normalize(text: str) -> None:
    assert [
        (p, t) for p, t, _, _ in run(spanish.stemmed_analyzer(), text)
    ] == normalize.analyze_stemmed(text)
    assert [
        (p, t) for p, t, _, _ in run(spanish.exact_analyzer(), text)
    ] == normalize.analyze_exact(text)
    assert [
        (p, t) for p, t, _, _ in run(spanish.shingle_analyzer(), text)
    ] == normalize.analyze_shingles(text)


def test_schema_pickle_round_trip_keeps_the_analysis() -> None:
    original = schema()
    restored = pickle.loads(pickle.dumps(original))
    for name in ("body", "body_exact", "body_shingles", "expediente", "articles"):
        before, after = original[name].analyzer, restored[name].analyzer
        assert type(after) is ChainTokenizer
        assert after == before
        for text in SAMPLES:
            assert run(after, text) == run(before, text)


@pytest.mark.parametrize("name", list(ANALYZERS))
def test_every_analyzer_pickles(name: str) -> None:
    a = ANALYZERS[name]()
    assert pickle.loads(pickle.dumps(a)) == a


def test_unknown_chain_is_refused() -> None:
    with pytest.raises(ValueError, match="desconocida"):
        ChainTokenizer("nope")


def test_stopped_tokens_are_flagged_for_the_highlighter() -> None:
    tokens = [
        (t.text, t.stopped)
        for t in spanish.stemmed_analyzer()("cuenta de la pública", removestops=False)
    ]
    assert tokens == [("cuent", False), ("de", True), ("la", True), ("public", False)]


def test_untokenized_value_is_folded_not_stemmed() -> None:
    (t,) = list(spanish.stemmed_analyzer()("Informació", tokenize=False))
    assert t.text == "informacio"


@pytest.fixture(scope="module")
def small_index(tmp_path_factory: pytest.TempPathFactory) -> index.Index:
    ix = index.create_in(str(tmp_path_factory.mktemp("ix")), schema())
    docs = {
        "a": (
            "La cuenta pública y el derecho de acceso a la información.",
            "IVAI-REV/275/2017/I",
            "LGTAIP 113 V",
        ),
        "b": (
            "Se revisó la cuenta de la pública; informaciones sobre el daño.",
            "RR/DAI/0177/2023-PIII",
            "LGTAIP 116",
        ),
        "c": ("Acceso información, a la entrega.", "IVAI-REV/1275/2018/II", "LTAIPV 113 V"),
    }
    with ix.writer() as w:
        for key, (text, exp, art) in docs.items():
            w.add_document(
                id=key, body=text, body_exact=text, body_shingles=text, expediente=exp, articles=art
            )
    return ix


def ids(ix: index.Index, field: str, query: str) -> set[str]:
    with ix.searcher() as s:
        q = QueryParser(field, ix.schema).parse(query)
        return {hit["id"] for hit in s.search(q, limit=None)}


@pytest.mark.parametrize(
    ("field", "query", "expected"),
    [
        ("body", "informacion", {"a", "b", "c"}),  # accents and plural
        ("body", "dano", {"b"}),  # ñ folded on both sides
        ("body", "daños", {"b"}),
        ("body", '"cuenta pública"', {"a"}),  # the stopword gap is kept
        ("body_exact", '"acceso a la información"', {"a"}),  # stopwords inside a phrase
        ("body_exact", '"acceso a la informacion"', {"a"}),
        ("body_exact", "informac*", {"a", "b", "c"}),  # prefixes: the exact field
        ("body_exact", "INFORMAC*", {"a", "b", "c"}),  # folded, not stemmed (tokenize=False)
        ("expediente", '"ivai rev 275 2017"', {"a"}),
        ("expediente", '"275/2017"', {"a"}),
        ("expediente", '"rr/dai/177/2023"', {"b"}),
        ("expediente", '"RR/DAI/0177/2023"', {"b"}),
        ("articles", '"art. 113 fr. V"', {"a", "c"}),
        ("articles", '"artículo 113, fracción V de la LGTAIP"', {"a"}),
        ("articles", '"LGTAIP 116"', {"b"}),
    ],
)
def test_search(small_index: index.Index, field: str, query: str, expected: set[str]) -> None:
    assert ids(small_index, field, query) == expected


def test_shingle_phrase(small_index: index.Index) -> None:
    bigrams = normalize.shingles(normalize.tokenize("acceso a la información"))
    with small_index.searcher() as s:
        hits = s.search(And([Term("body_shingles", b) for b in bigrams]))
        assert {h["id"] for h in hits} == {"a"}


def test_index_dir_is_reopenable(small_index: index.Index) -> None:
    reopened = index.open_dir(Path(small_index.storage.folder))
    assert reopened.schema["body"].analyzer == spanish.stemmed_analyzer()
