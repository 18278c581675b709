"""whoosh analyzers built on ``analyzers.normalize`` (the one analysis implementation).

Each analyzer is a single tokenizer object, ``ChainTokenizer(chain)``, that emits the terms of
one named chain of ``normalize``. The index pickles these objects into its schema: the class
names, module path and the chain names below are part of the index format and must never be
renamed (add new chains instead).

Which field answers what:

* stemmed: ordinary words (singular/plural, accents); stopwords removed with position gaps.
* exact: exact wording and phrases with stopwords ("acceso a la información"): positional;
  also prefixes ("informac*" finds nothing in the stemmed field, whose term is "inform").
* shingle: the same phrases, faster: a phrase of n words is n-1 bigram terms that must all
  occur (optionally as a positional phrase over the bigrams).
* identifier: expedientes, criterion numbers ("ivai rev 275 2017", "275/2017").
* article: cited articles, "art. 113 fr. V" = "artículo 113, fracción V" → 113 v.

A phrase over the stemmed field cannot see the stopword gaps of the query (whoosh's Phrase has
no per-word positions), so phrases go to the exact or shingle field.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from whoosh.analysis import Token, Tokenizer

from analyzers import normalize
from analyzers.articles import article_terms

# chain name → function(text, keep_stops) → iterable of (Term, stopped)
_CHAINS: dict[str, Callable[[str, bool], Any]] = {
    "stemmed": normalize.stemmed_terms,
    "exact": lambda text, _keep: ((t, False) for t in normalize.exact_terms(text)),
    "shingle": lambda text, _keep: ((t, False) for t in normalize.shingle_terms(text)),
    "identifier": lambda text, _keep: ((t, False) for t in normalize.identifier_terms(text)),
    "article": lambda text, _keep: ((t, False) for t in article_terms(text)),
}
CHAIN_NAMES: tuple[str, ...] = tuple(_CHAINS)


class ChainTokenizer(Tokenizer):
    """A whoosh tokenizer running one named chain of ``analyzers.normalize``.

    Picklable (its only state is the chain name). With ``tokenize=False`` (whoosh does this
    for prefix and wildcard terms) the whole value is only folded, never stemmed.
    """

    def __init__(self, chain: str = "stemmed") -> None:
        if chain not in _CHAINS:
            raise ValueError(f"cadena de análisis desconocida: {chain!r}")
        self.chain = chain

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ChainTokenizer) and other.chain == self.chain

    def __hash__(self) -> int:
        return hash((ChainTokenizer, self.chain))

    def __repr__(self) -> str:
        return f"ChainTokenizer({self.chain!r})"

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            t.original = t.text = normalize.fold(value)
            t.boost = 1.0
            t.stopped = False
            if positions:
                t.pos = start_pos
            if chars:
                t.startchar = start_char
                t.endchar = start_char + len(value)
            yield t
            return
        for term, stopped in _CHAINS[self.chain](value, not removestops):
            t.text = term.text
            t.boost = 1.0
            t.stopped = stopped
            if keeporiginal:
                t.original = value[term.start : term.end]
            if positions:
                t.pos = start_pos + term.pos
            if chars:
                t.startchar = start_char + term.start
                t.endchar = start_char + term.end
            yield t


def stemmed_analyzer() -> ChainTokenizer:
    """Folded, stopwords removed (gaps kept), Snowball-stemmed words."""
    return ChainTokenizer("stemmed")


def exact_analyzer() -> ChainTokenizer:
    """Folded, unstemmed words, stopwords kept: exact wording and phrases."""
    return ChainTokenizer("exact")


def shingle_analyzer() -> ChainTokenizer:
    """Word bigrams over the exact words ("acceso_a", "a_la", "la_informacion")."""
    return ChainTokenizer("shingle")


def identifier_analyzer() -> ChainTokenizer:
    """Expedientes and criterion numbers typed loosely: letters/digits split, no zero padding."""
    return ChainTokenizer("identifier")


def article_analyzer() -> ChainTokenizer:
    """Cited articles: references normalised to "LAW ART FRACCION" parts, then split."""
    return ChainTokenizer("article")
