"""The tantivy engine's fast paths give exactly what the engine-neutral code gives: the bulk
tokenizer = ``normalize.tokenize``, the body terms = normalize's stemmed/shingle chains, the
record encoding = ``schema.encode_record``'s hash, the small fields = ``schema.to_document``'s,
the bounded snippet = ``snippets.make_snippet``."""

from __future__ import annotations

import itertools
import json
from collections import Counter

import pytest

from analyzers import normalize
from corpus.records import DocumentRecord
from indexer.schema import encode_record, to_document
from indexer.snippets import make_snippet
from indexer.tantivy_schema import body_terms, encode, exact_words, small_fields
from indexer.tantivy_snippets import Matcher, snippet

HOSTILE = [
    "", "   ", "0", "00", "000", "0177", "a0177", "0177a", "RR/DAI/0177/2023-PIII", "6o. 1a. 10a 0o",
    "6º 3ª 20° 1°.", "artículo 6o, fracción 1a", "x_0177_y", "__init__", "ÁÉÍÓÚ Ü Ñ ñandú",
    "Straße", "œuvre", "İstanbul", "ΣΑΣ σας", "a\u0301rbol", "«comillas» — guion … fin",
    "ﬁnanzas ½ ²", "٣٤ 12٣", "naïve façade", "Ø ø Å", "tab\tand\nnewline\r\nend",
    "mixto Acceso_a la INFORMACIÓN 0001/2019", "\x00nul\x1fsep", "ley¹ art.² 10³ ⁰⁷ 6º¹",
]


@pytest.fixture(scope="module")
def records(sample_records: list[DocumentRecord]) -> list[DocumentRecord]:
    return sample_records[:80]


@pytest.mark.parametrize("text", HOSTILE)
def test_bulk_tokenizer_equals_normalize_on_hostile_strings(text: str) -> None:
    assert exact_words(text) == normalize.tokenize(text)


def test_bulk_tokenizer_and_body_terms_equal_normalize_on_the_corpus(
    records: list[DocumentRecord],
) -> None:
    stops = normalize.stopwords()
    for record in records:
        for text in (record.text, record.title):
            words = normalize.tokenize(text)
            assert exact_words(text) == words
            stems, exact, shingles = body_terms(text)
            assert exact.split() == words
            assert Counter(stems.split()) == Counter(normalize.stem(w) for w in words if w not in stops)
            assert shingles.split() == normalize.shingles(words)


def test_encoding_and_small_fields_equal_the_whoosh_documents(records: list[DocumentRecord]) -> None:
    for record in records:
        rest, text, digest = encode(record)
        assert digest == encode_record(record)[1]
        assert json.loads(rest) == {**record.to_dict(), "text": ""}
        assert text.decode("utf-8") == record.text
        whoosh_doc = to_document(record)
        for name, value in small_fields(record).items():
            assert whoosh_doc[name] == value, name


QUERIES = [["información"], ["resoluciones"], ["acceso", "a", "la", "información"], ["zorzalito"],
           ["inexistencia", "búsqueda"], ["transpa*"], ["177"], ["IVAI", "REV", "9901"],
           ["nómina"], ["cenzontle"], ["de", "la"], ["organismo", "garante"], []]


def test_bounded_snippet_equals_make_snippet(records: list[DocumentRecord]) -> None:
    texts = [r.text for r in records[:25]] + HOSTILE + ["palabra " * 200 + "la información pública"]
    shared = {tuple(words): Matcher(words) for words in QUERIES}  # one per query, many texts
    for text, words in itertools.product(texts, QUERIES):
        for width in (240, 60) if len(text) < 2000 else (240,):
            expected = make_snippet(text, words, width)
            assert snippet(text, words, width) == expected, (words, text[:80])
            assert snippet(text, words, width, shared[tuple(words)]) == expected
