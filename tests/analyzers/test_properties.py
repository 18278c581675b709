"""Properties of the analysis chains on arbitrary text (hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from analyzers import normalize as n
from analyzers.spanish import exact_analyzer, stemmed_analyzer

# Spanish-looking text: letters with and without accents, digits, punctuation, spaces, ordinals
ALPHABET = "abcdeinorstuyzáéíóúüñÁÉÍÓÚÑABC0123456789 .,;:-/º\n"
texts = st.text(alphabet=ALPHABET, max_size=200)


@settings(max_examples=200, deadline=None)
@given(texts)
def test_fold_is_idempotent_and_ascii(text: str) -> None:
    folded = n.fold(text)
    assert n.fold(folded) == folded
    assert folded.isascii()


@settings(max_examples=200, deadline=None)
@given(texts)
def test_positions_and_offsets(text: str) -> None:
    exact = n.exact_terms(text)
    assert [t.pos for t in exact] == list(range(len(exact)))
    for t in exact:
        assert t.text and t.text.isascii() and t.text == n.fold(t.text)
        assert 0 <= t.start < t.end <= len(text)
    exact_positions = {t.pos for t in exact}
    stemmed = n.analyze_stemmed(text)
    assert {p for p, _ in stemmed} <= exact_positions
    assert all(
        w not in n.stopwords()
        for w, t in zip(n.tokenize(text), exact, strict=True)
        if t.pos in {p for p, _ in stemmed}
    )


@settings(max_examples=100, deadline=None)
@given(texts)
def test_whoosh_tokenizers_agree_with_normalize(text: str) -> None:
    assert [(t.pos, t.text) for t in stemmed_analyzer()(text, positions=True)] == n.analyze_stemmed(
        text
    )
    assert [(t.pos, t.text) for t in exact_analyzer()(text, positions=True)] == n.analyze_exact(
        text
    )


@settings(max_examples=200, deadline=None)
@given(texts)
def test_accents_and_case_do_not_change_the_terms(text: str) -> None:
    assert n.analyze_stemmed(text.upper()) == n.analyze_stemmed(n.fold(text))
    assert n.analyze_exact(text.upper()) == n.analyze_exact(n.fold(text))
