"""The chunked first-match search of ``indexer.tantivy_snippets`` gives exactly
``snippets.make_snippet``'s snippet on long texts: a match in any chunk or at a chunk's edge,
chunks that cannot be folded length for length (scanned word by word), candidates that are not
matches, and the word memo shared across queries."""

from __future__ import annotations

import pytest

from analyzers.normalize import stem
from indexer.snippets import make_snippet
from indexer.tantivy_snippets import CHUNK, Matcher, analysed, snippet

FILLER = "palabra de relleno sin nada "  # no query word in it (28 characters)


def _at(position: int, needle: str, tail: str = "") -> str:
    """Filler text with ``needle`` starting just after ``position``, then ``tail``."""
    pad = FILLER * (position // len(FILLER) + 2)
    return pad[: pad.find(" ", position) + 1] + needle + " " + FILLER * 20 + tail


TEXTS = [
    _at(10, "información"),
    _at(CHUNK - 12, "información"),  # the match's word straddles the first cut's position
    _at(CHUNK - 1, "Información"),
    _at(CHUNK, "INFORMACIÓN"),
    _at(CHUNK + 1, "informaciones"),
    _at(3 * CHUNK + 7, "informativo"),  # a candidate ("informa…") that is not a match first?
    _at(CHUNK // 2, "informal", tail="la información al final"),  # candidate, not a match
    _at(2 * CHUNK, "información", tail="İstanbul"),  # an unfoldable chunk after the match
    _at(10, "İstanbul", tail="y la información"),  # an unfoldable first chunk (İ lowers to 2)
    _at(CHUNK + 5, "ﬁnanzas información"),  # a ligature: that chunk is scanned word by word
    _at(4 * CHUNK, "Straße, información"),
    FILLER * 400,  # no match anywhere: the beginning
    "información",
    "",
    "x" * (3 * CHUNK),  # one long word, no space to cut at
    ("x" * (CHUNK + 3)) + " información",
]
QUERIES = [["información"], ["informaciones"], ["informa*"], ["transparencia", "información"],
           ["finanzas"], ["istanbul"], ["de", "la"], ["relleno"]]


@pytest.mark.parametrize("words", QUERIES, ids=" ".join)
def test_chunked_snippet_equals_make_snippet(words: list[str]) -> None:
    shared = Matcher(words)
    for text in TEXTS:
        for width in (240, 40):
            expected = make_snippet(text, words, width)
            assert snippet(text, words, width) == expected, text[-80:]
            assert snippet(text, words, width, shared) == expected, text[-80:]


def test_the_texts_reach_past_the_first_chunk() -> None:
    """The texts above test the later chunks: their match lies beyond the first cut."""
    late = [t for t in TEXTS if t.lower().find("nformac") > CHUNK]
    assert len(late) >= 6
    assert all("<mark>" in snippet(t, ["información"]) for t in late if "nformaci" in t)


@pytest.mark.parametrize(("word", "folded", "stemmed"), [
    ("Información", "informacion", True),
    ("0177", "177", False),
    ("RESOLUCIONES", "resoluciones", True),
    ("6o", "6o", False),
])
def test_analysed_word_is_fold_then_stem(word: str, folded: str, stemmed: bool) -> None:
    expected = (folded, stem(folded) if stemmed else None)
    assert analysed(word) == expected
    assert analysed(word) == expected  # the remembered answer is the same
