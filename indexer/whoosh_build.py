"""The query tree (``indexer.query``) → whoosh query objects, for the schema of ``indexer.schema``.

Words go to the stemmed text and title fields; phrases to the word-bigram (shingle) field,
which answers them without positions (measured 7–13× faster than positional phrases), and to
the exact title field; identifiers to the ``identifiers`` and ``expediente`` fields, boosted so
that the document whose own expediente was typed ranks first; ``field:value`` to keyword
fields, matching the folded value or, failing that, the values that contain it. Prefixes are
expanded against the vocabulary and capped (``QueryLimits.max_expansions``) with a warning.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from whoosh import query as wq
from whoosh.searching import Searcher

from indexer import query as ast
from indexer.schema import (
    IDENTIFIERS_FIELD,
    TEXT_EXACT_FIELD,
    TEXT_FIELD,
    TEXT_SHINGLE_FIELD,
    TITLE_EXACT_FIELD,
    TITLE_FIELD,
    facet_term,
)

EXPEDIENTE_BOOST = 30.0  # the document whose own expediente was typed ranks first
IDENTIFIER_BOOST = 8.0
MAX_VALUE_MATCHES = 64  # keyword values a loose `field:value` may stand for
# `field:value` on these goes to an analysed text field instead of the keyword terms
TEXT_TWINS: dict[str, str] = {
    "sujeto_obligado": "sujeto_text",
    "ponente": "ponente_text",
    "title": TITLE_FIELD,
}
KEYWORD_QUERY_FIELDS = frozenset(
    {"garante", "state", "doc_type", "year", "sentido", "topics", "sujeto_kind", "articles",
     "vigencia", "expediente", "criteria", "sujeto_obligado", "ponente"}
)  # fmt: skip

Alternatives = Callable[[list[str]], list[tuple[int, int, list[list[str]]]]]


@dataclass
class BuildContext:
    """What building one query needs: the searcher, limits, warnings collected on the way."""

    searcher: Searcher
    limits: ast.QueryLimits
    keyword_values: Callable[[str], tuple[str, ...]]  # field -> its folded terms (cached)
    synonyms: Alternatives | None = None
    rewrites: Callable[[list[str]], list[tuple[str, ...]]] | None = None  # phrase synonyms
    warnings: list[str] = field(default_factory=list)
    expansions: int = 0


def analyze(searcher: Searcher, field_name: str, text: str) -> list[str]:
    """The terms of ``text`` under a field's own analyzer (query mode)."""
    fieldobj = searcher.schema[field_name]
    return [t for t in fieldobj.process_text(text, mode="query") if t]


def _terms_query(field_name: str, terms: list[str], boost: float = 1.0) -> wq.Query | None:
    if not terms:
        return None
    if len(terms) == 1:
        return wq.Term(field_name, terms[0], boost=boost)
    return wq.Phrase(field_name, terms, boost=boost)


def _or(parts: Iterable[wq.Query | None]) -> wq.Query | None:
    kept = [p for p in parts if p is not None]
    if not kept:
        return None
    return kept[0] if len(kept) == 1 else wq.Or(kept)


def word_query(ctx: BuildContext, text: str) -> wq.Query | None:
    """A plain word on the default fields (stemmed text, title). A stopword gives None."""
    stems = analyze(ctx.searcher, TEXT_FIELD, text)
    if len(stems) > 1:  # "IVAI-REV" and the like: the parts, in order
        return phrase_query(ctx, analyze(ctx.searcher, TEXT_EXACT_FIELD, text))
    return _or([_terms_query(TEXT_FIELD, stems), _terms_query(TITLE_FIELD, stems)])


def phrase_query(ctx: BuildContext, words: list[str]) -> wq.Query | None:
    """Exact words in order: in the body, the bigrams of the shingle field (all must occur;
    no positions read); in the title (a few words), all the words.

    A positional ``Phrase`` on titles was measured to dominate common phrases ("recurso de
    revisión" is in nearly every title), so titles answer a phrase by its words.
    """
    if not words:
        return None
    if len(words) == 1:
        return _or([wq.Term(TEXT_EXACT_FIELD, words[0]), wq.Term(TITLE_EXACT_FIELD, words[0])])
    bigrams = [a + "_" + b for a, b in itertools.pairwise(words)]
    body = wq.And([wq.Term(TEXT_SHINGLE_FIELD, b) for b in dict.fromkeys(bigrams)])
    title = wq.And([wq.Term(TITLE_EXACT_FIELD, w) for w in dict.fromkeys(words)])
    return _or([body, title])


def prefix_query(ctx: BuildContext, text: str, field_name: str) -> wq.Query | None:
    """Expand against the vocabulary; past the cap, keep the most frequent and warn."""
    reader = ctx.searcher.reader()
    folded = facet_term(text) if field_name != TEXT_EXACT_FIELD else _fold_word(ctx, text)
    if not folded:
        return None
    cap = ctx.limits.max_expansions
    terms: list[str] = []
    for term in reader.expand_prefix(field_name, folded):
        terms.append(term.decode("utf-8") if isinstance(term, bytes) else term)
        if len(terms) > cap * 8:  # do not walk an unbounded lexicon just to count it
            break
    if len(terms) > cap:
        terms.sort(key=lambda t: -reader.doc_frequency(field_name, t))
        terms = terms[:cap]
        ctx.warnings.append(
            f"«{text}*» abarca demasiadas palabras: se buscaron sólo las {cap} más frecuentes."
        )
    ctx.expansions += len(terms)
    if not terms:
        return wq.NullQuery
    return wq.Or([wq.Term(field_name, t) for t in terms])


def _fold_word(ctx: BuildContext, text: str) -> str:
    parts = analyze(ctx.searcher, TEXT_EXACT_FIELD, text)
    return parts[0] if len(parts) == 1 else ""


def identifier_query(ctx: BuildContext, ident: ast.Identifier) -> wq.Query | None:
    """An expediente or article: its own field (boosted) and, for expedientes, the text."""
    if ident.kind == "article":
        key = " ".join(p for p in (ident.law, ident.number, ident.fraccion) if p)
        parts = analyze(ctx.searcher, IDENTIFIERS_FIELD, key)
        exact = facet_term(key) if ident.law else None
        return _or([
            _terms_query(IDENTIFIERS_FIELD, parts, IDENTIFIER_BOOST),
            wq.Term("articles", exact, boost=IDENTIFIER_BOOST) if exact else None,
        ])
    raw = ident.canonical or ident.raw
    parts = analyze(ctx.searcher, IDENTIFIERS_FIELD, raw)
    own: list[wq.Query | None] = [_terms_query(IDENTIFIERS_FIELD, parts, IDENTIFIER_BOOST)]
    if ident.canonical:
        term = facet_term(ident.canonical)
        own.append(wq.Term("expediente", term, boost=EXPEDIENTE_BOOST))
        own.append(wq.Prefix("expediente", term, boost=EXPEDIENTE_BOOST / 2))
    mentions = phrase_query(ctx, analyze(ctx.searcher, TEXT_EXACT_FIELD, raw))
    return _or([*own, mentions])


def keyword_query(ctx: BuildContext, field_name: str, value: str) -> wq.Query | None:
    """``field:value`` on a keyword field: the folded value, else the values containing it."""
    term = facet_term(value)
    values = ctx.keyword_values(field_name)
    if term in values:
        return wq.Term(field_name, term)
    words = term.split()
    loose = [v for v in values if all(w in v for w in words)][: MAX_VALUE_MATCHES + 1]
    if len(loose) > MAX_VALUE_MATCHES:
        ctx.warnings.append(f"«{value}» coincide con demasiados valores; se usaron los primeros.")
        loose = loose[:MAX_VALUE_MATCHES]
    if not loose:
        return wq.NullQuery
    return wq.Or([wq.Term(field_name, v) for v in loose])


def fielded_query(ctx: BuildContext, field_name: str, text: str, phrase: bool) -> wq.Query | None:
    if field_name in TEXT_TWINS:
        twin = TEXT_TWINS[field_name]
        parts = analyze(ctx.searcher, twin, text)
        if field_name == "title" and phrase:
            parts = analyze(ctx.searcher, TITLE_EXACT_FIELD, text)
            return _terms_query(TITLE_EXACT_FIELD, parts)
        if not parts:
            return None
        text_q = wq.And([wq.Term(twin, p) for p in parts]) if len(parts) > 1 else wq.Term(twin, parts[0])
        if field_name in KEYWORD_QUERY_FIELDS:
            return _or([text_q, keyword_query(ctx, field_name, text)])
        return text_q
    if field_name in KEYWORD_QUERY_FIELDS:
        return keyword_query(ctx, field_name, text)
    return _terms_query(field_name, analyze(ctx.searcher, field_name, text))


def build(ctx: BuildContext, node: ast.Node) -> wq.Query | None:
    """The whoosh query for a tree; None when nothing searchable is left (only stopwords)."""
    if isinstance(node, ast.MatchAll):
        return wq.Every()
    if isinstance(node, ast.Term):
        if node.field is None:
            return single_word_query(ctx, node.text)
        return fielded_query(ctx, node.field, node.text, phrase=False)
    if isinstance(node, ast.Phrase):
        if node.field is None:
            words = analyze(ctx.searcher, TEXT_EXACT_FIELD, " ".join(node.words))
            rewrites = ctx.rewrites(words) if ctx.rewrites else []
            return _or([phrase_query(ctx, words), *(_alternative(ctx, list(w)) for w in rewrites)])
        return fielded_query(ctx, node.field, " ".join(node.words), phrase=True)
    if isinstance(node, ast.Prefix):
        if node.field is None:
            return prefix_query(ctx, node.text, TEXT_EXACT_FIELD)
        return prefix_query(ctx, node.text, TEXT_TWINS.get(node.field, node.field))
    if isinstance(node, ast.Identifier):
        return identifier_query(ctx, node)
    if isinstance(node, ast.Not):
        inner = build(ctx, node.child)
        return wq.Not(inner) if inner is not None else None
    if isinstance(node, ast.Or):
        return _or(build(ctx, c) for c in node.children)
    if isinstance(node, ast.And):
        return and_query(ctx, node.children)
    raise TypeError(node)


def and_query(ctx: BuildContext, children: tuple[ast.Node, ...]) -> wq.Query | None:
    """AND of the children; runs of plain words get their synonyms as alternatives."""
    built: list[wq.Query] = []
    i = 0
    while i < len(children):
        j = i
        while j < len(children) and _plain_word(children[j]):
            j += 1
        if j > i:
            built.extend(_words_with_synonyms(ctx, [c.text for c in children[i:j]]))  # type: ignore[union-attr]
            i = j
            continue
        q = build(ctx, children[i])
        if q is not None:
            built.append(q)
        i += 1
    positives = [q for q in built if not isinstance(q, wq.Not)]
    if not positives:
        return None
    return built[0] if len(built) == 1 else wq.And(built)


def _plain_word(node: ast.Node) -> bool:
    return isinstance(node, ast.Term) and node.field is None


def single_word_query(ctx: BuildContext, word: str) -> wq.Query | None:
    """One word with its synonym alternatives (a query of one word has no And around it)."""
    parts = _words_with_synonyms(ctx, [word])
    return parts[0] if parts else None


def _words_with_synonyms(ctx: BuildContext, words: list[str]) -> list[wq.Query]:
    """Each word's query; where the synonym function finds a span, the span OR its synonyms."""
    spans = ctx.synonyms(words) if ctx.synonyms else []
    out: list[wq.Query] = []
    i = 0
    for start, end, alternatives in sorted(spans):
        if start < i:
            continue
        out.extend(q for q in (word_query(ctx, w) for w in words[i:start]) if q is not None)
        span_words = words[start:end]
        own = _and_words(ctx, span_words)
        alts = [_alternative(ctx, alt) for alt in alternatives]
        combined = _or([own, *alts])
        if combined is not None:
            out.append(combined)
        i = end
    out.extend(q for q in (word_query(ctx, w) for w in words[i:]) if q is not None)
    return out


def _and_words(ctx: BuildContext, words: list[str]) -> wq.Query | None:
    parts = [q for q in (word_query(ctx, w) for w in words) if q is not None]
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else wq.And(parts)


def _alternative(ctx: BuildContext, words: list[str]) -> wq.Query | None:
    if len(words) == 1:
        return word_query(ctx, words[0])
    return phrase_query(ctx, analyze(ctx.searcher, TEXT_EXACT_FIELD, " ".join(words)))
