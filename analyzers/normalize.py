"""Engine-neutral Spanish text analysis: the ONE implementation of folding, tokenising,
stopwords and stemming.

The whoosh analyzers (``analyzers.spanish``) wrap these functions, and any other engine
(tantivy) pre-analyses text with them, so both index exactly the same terms.

Chains (positions count every word, stopwords included, so removed stopwords leave gaps and
"cuenta pública" does not match "cuenta de la pública"):

* stemmed: lowercase → fold accents (ñ → n too) → drop stopwords (folded list) → restore the
  accent of -cion/-sion → Snowball Spanish → fold. "resolución" and "resoluciones" share a stem.
* exact: lowercase → fold; stopwords kept, no stemming (exact wording and phrases).
* shingles: word bigrams over the exact tokens ("acceso_a", "a_la", ...), for fast phrases.
* identifier: letters and digits split apart, zero padding dropped ("RR/DAI/0177/2023-PIII"
  → rr dai 177 2023 piii).

Numbers lose their zero padding in every chain ("0177" → "177"), and ordinals their mark
("6º", "6o." → "6").
"""

from __future__ import annotations

import hashlib
import itertools
import re
import unicodedata
from collections.abc import Iterator
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, NamedTuple

# Letters and digits; underscore excluded so it can join shingles unambiguously.
_WORD_RE = re.compile(r"[^\W_]+")
# Identifier parts: runs of letters, runs of digits.
_IDENT_RE = re.compile(r"[^\W\d_]+|\d+")
SHINGLE_SEP = "_"
# Bump whenever a chain's output changes (an index built before must be rebuilt).
ANALYSIS_VERSION = 2
DATA_DIR = Path(__file__).with_name("data")

# Length-preserving fold table for the common case; anything else goes through NFD.
_FOLD_CHARS = {
    "á": "a", "é": "e", "í": "i", "ó": "o", "ú": "u", "ü": "u", "ñ": "n",
    "à": "a", "è": "e", "ì": "i", "ò": "o", "ù": "u", "â": "a", "ê": "e",
    "î": "i", "ô": "o", "û": "u", "ä": "a", "ë": "e", "ï": "i", "ö": "o", "ç": "c",
    "º": " ", "ª": " ", "°": " ",  # ordinal marks separate, as in the tokenizer ("1º" → "1 ")
}  # fmt: skip
_FOLD_TABLE = str.maketrans(_FOLD_CHARS)
# Ordinal indicators and the degree sign glued to numbers ("1º", "3ª") become spaces.
_ORDINALS_TABLE = str.maketrans({"º": " ", "ª": " ", "°": " "})


class Term(NamedTuple):
    """One analysed term: its position (word index), character span in the input, text."""

    pos: int
    start: int
    end: int
    text: str


def fold(text: str) -> str:
    """Lowercase and strip accents (ñ → n, ü → u): the same on the index and query sides."""
    low = text.lower()
    if low.isascii():
        return low
    low = low.translate(_FOLD_TABLE)
    if low.isascii():
        return low
    return "".join(c for c in unicodedata.normalize("NFKD", low) if not unicodedata.combining(c))


def strip_zeros(token: str) -> str:
    """Drop the zero padding of a number ("0177" → "177", "000" → "0")."""
    if token.isdigit() and len(token) > 1 and token[0] == "0":
        return token.lstrip("0") or "0"
    return token


@cache
def stopwords() -> frozenset[str]:
    """The folded Spanish stopword list (analyzers/data/stopwords_es.txt)."""
    text = (DATA_DIR / "stopwords_es.txt").read_text("utf-8")
    return frozenset(
        fold(line.strip())
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    )


def analysis_fingerprint() -> str:
    """A short hash of what decides the indexed terms (chain version, stopword list), for an
    index to record and compare: a different value means the index must be rebuilt."""
    h = hashlib.sha256(f"v{ANALYSIS_VERSION}:{SHINGLE_SEP}:".encode())
    h.update("\n".join(sorted(stopwords())).encode())
    return h.hexdigest()[:16]


def is_stopword(word: str) -> bool:
    return fold(word) in stopwords()


@cache
def _stemmer() -> Any:
    from whoosh.lang.snowball.spanish import SpanishStemmer

    return SpanishStemmer()


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Snowball Spanish stem of one folded word, folded again.

    The accent of -ción/-sión is restored first so that singular and plural stem alike
    ("resolucion" → "resolución" → "resolu" = stem of "resoluciones"). Numbers and
    words with digits are returned unchanged.
    """
    if not word.isalpha():
        return word
    if word.endswith("cion"):
        word = word[:-4] + "ción"
    elif word.endswith("sion"):
        word = word[:-4] + "sión"
    return fold(_stemmer().stem(word))


def _words(text: str) -> Iterator[tuple[int, int, int, str]]:
    """(position, start, end, folded word) for every word of ``text``."""
    if not text.isascii():
        text = text.translate(_ORDINALS_TABLE)
    for pos, m in enumerate(_WORD_RE.finditer(text)):
        word = fold(m.group())
        if word[-1] in "oa" and word[:-1].isdigit():  # "6o." is how laws write "6º"
            word = word[:-1]
        yield pos, m.start(), m.end(), strip_zeros(word)


def tokenize(text: str) -> list[str]:
    """The folded words of ``text``, stopwords included."""
    return [w for _, _, _, w in _words(text)]


def stemmed_terms(text: str, keep_stops: bool = False) -> Iterator[tuple[Term, bool]]:
    """Stemmed terms with a flag saying whether the word is a stopword.

    Stopwords are skipped unless ``keep_stops`` (then yielded folded, flagged True); their
    positions are never reused, so gaps remain.
    """
    stops = stopwords()
    for pos, start, end, word in _words(text):
        if word in stops:
            if keep_stops:
                yield Term(pos, start, end, word), True
            continue
        yield Term(pos, start, end, stem(word)), False


def exact_terms(text: str) -> list[Term]:
    """Folded, unstemmed terms, stopwords kept."""
    return [Term(p, s, e, w) for p, s, e, w in _words(text)]


def shingle_terms(text: str) -> list[Term]:
    """Word bigrams over the exact terms, at the position of their first word."""
    words = exact_terms(text)
    return [
        Term(a.pos, a.start, b.end, a.text + SHINGLE_SEP + b.text)
        for a, b in itertools.pairwise(words)
    ]


def shingles(words: list[str]) -> list[str]:
    """Bigrams of already analysed exact words (query side of the shingle field)."""
    return [a + SHINGLE_SEP + b for a, b in itertools.pairwise(words)]


def identifier_terms(text: str) -> list[Term]:
    """Identifier parts: letters and digits split, folded, zero padding dropped."""
    if not text.isascii():
        text = text.translate(_ORDINALS_TABLE)
    return [
        Term(pos, m.start(), m.end(), strip_zeros(fold(m.group())))
        for pos, m in enumerate(_IDENT_RE.finditer(text))
    ]


def analyze_stemmed(text: str) -> list[tuple[int, str]]:
    """(position, term) of the stemmed chain; positions keep the gaps of stopwords."""
    return [(t.pos, t.text) for t, _ in stemmed_terms(text)]


def analyze_exact(text: str) -> list[tuple[int, str]]:
    """(position, term) of the exact chain: folded, unstemmed, stopwords kept."""
    return [(t.pos, t.text) for t in exact_terms(text)]


def analyze_shingles(text: str) -> list[tuple[int, str]]:
    """(position, bigram) of the shingle chain."""
    return [(t.pos, t.text) for t in shingle_terms(text)]


def analyze_identifier(text: str) -> list[tuple[int, str]]:
    """(position, part) of the identifier chain."""
    return [(t.pos, t.text) for t in identifier_terms(text)]


# -- bulk path: a whole document at once (indexing) -------------------------------------------
# On folded ASCII text with "_" made a space, word boundaries are _WORD_RE's.
_ASCII_WORD_RE = re.compile(r"[a-z0-9]+")
_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")
# Footnote marks glued to words ("ley¹"): fold's NFKD makes them digits ("ley1").
_SUPERSCRIPTS = dict(zip("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789", strict=True))
_BULK_FOLDS = tuple((*_FOLD_CHARS.items(), *_SUPERSCRIPTS.items()))


def _fold_text(text: str) -> str:
    low = text.lower()
    if low.isascii():
        return low
    for accented, plain in _BULK_FOLDS:
        if accented in low:
            low = low.replace(accented, plain)
    return low


def tokenize_bulk(text: str) -> list[str]:
    """``tokenize(text)`` computed on the whole text at once: the same words, several times
    faster (indexing rates depend on it).

    When the text, lowercased and folded with the fold table, is ASCII but for punctuation
    (nearly always), word boundaries are unchanged by the fold (it maps letters to letters;
    punctuation becomes spaces, it separates words either way), so the words are the ASCII
    words of the folded text, ordinal letters ("6o") and zero padding stripped per distinct
    word (``_WordFix``) as ``_words`` does; otherwise the text goes through ``tokenize``.
    Tests check the equality on the sample corpus and on hostile strings.
    """
    if not text.isascii():
        for sign in ("º", "ª", "°"):
            if sign in text:
                text = text.replace(sign, " ")
    folded = _fold_text(text)
    if len(folded) != len(text):  # lower() expanded a letter ("İ" → "i" + a combining dot)
        return tokenize(text)
    if not folded.isascii():
        for char in set(_NON_ASCII_RE.findall(folded)):
            if char.isalnum():  # a letter the fold table does not know: tokenize decides
                return tokenize(text)
            folded = folded.replace(char, " ")  # punctuation ("—", "“", "…"): a separator
    if "_" in folded:
        folded = folded.replace("_", " ")
    return list(map(_WORD_FIX.__getitem__, _ASCII_WORD_RE.findall(folded)))


class _WordFix(dict[str, str]):
    """ASCII word → the word ``_words`` makes of it (ordinal letter dropped: "6o" → "6"; then
    zero padding: "0177" → "177"); filled on first lookup, so a document costs one C-level
    dictionary lookup per word instead of two regex passes over its text."""

    def __missing__(self, word: str) -> str:
        if len(self) > 500_000:
            self.clear()
        fixed = word
        if fixed[-1] in "oa" and fixed[:-1].isdigit():
            fixed = fixed[:-1]
        value = self[word] = strip_zeros(fixed)
        return value


_WORD_FIX = _WordFix()


class _StemMap(dict[str, str]):
    """word → its stem, "" for a stopword; filled on first lookup. Legal vocabulary repeats
    heavily, so a document's stems are nearly all dictionary hits (C-level ``map``)."""

    def __missing__(self, word: str) -> str:
        if len(self) > 500_000:
            self.clear()
        value = self[word] = "" if word in stopwords() else stem(word)
        return value


_STEM_MAP = _StemMap()


def stems_of(words: list[str]) -> list[str]:
    """The stemmed chain's terms for already tokenised words, in order, stopwords dropped:
    ``[stem(w) for w in words if w not in stopwords()]``, from a per-word cache."""
    return list(filter(None, map(_STEM_MAP.__getitem__, words)))


def body_terms(text: str) -> tuple[list[str], list[str], list[str]]:
    """(stemmed, exact, shingle) terms of a document body from one tokenisation (positions =
    list index for exact and shingles; the stemmed list has stopwords removed)."""
    words = tokenize_bulk(text)
    return stems_of(words), words, list(map(SHINGLE_SEP.join, itertools.pairwise(words)))


def normalize_identifier(text: str) -> str:
    """A loose identifier as one comparable string: "RR/DAI/0177/2023-PIII" → "rr dai 177 2023 piii"."""
    return " ".join(t.text for t in identifier_terms(text))
