"""The query tree (``indexer.query``) → tantivy queries: the same translation as
``indexer.whoosh_build`` (same fields, same boosts, same synonym handling), so both engines
match the same documents.

Words go to the stemmed text and title fields; phrases to the word-bigram (shingle) field (all
bigrams must occur, as on whoosh: a true positional phrase would be cheap on tantivy, but
would match fewer documents than whoosh) and to the exact title words; identifiers to the
``identifiers`` and ``expediente`` fields, boosted; ``field:value`` to keyword fields (the
folded value or the values containing it); prefixes are expanded against the term
dictionary, capped with a warning. whoosh's field boosts (title ×3, identifiers ×4) are
applied here as query boosts.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import tantivy

from indexer import query as ast
from indexer.schema import (
    IDENTIFIERS_BOOST,
    IDENTIFIERS_FIELD,
    TEXT_EXACT_FIELD,
    TEXT_FIELD,
    TEXT_SHINGLE_FIELD,
    TITLE_BOOST,
    TITLE_EXACT_FIELD,
    TITLE_FIELD,
    facet_term,
)
from indexer.tantivy_schema import analyze, index_option
from indexer.whoosh_build import (
    EXPEDIENTE_BOOST,
    IDENTIFIER_BOOST,
    KEYWORD_QUERY_FIELDS,
    MAX_VALUE_MATCHES,
    TEXT_TWINS,
    Alternatives,
)

Q = tantivy.Query
FIELD_BOOSTS: dict[str, float] = {
    TITLE_FIELD: TITLE_BOOST, TITLE_EXACT_FIELD: TITLE_BOOST, IDENTIFIERS_FIELD: IDENTIFIERS_BOOST,
}


@dataclass
class BuildContext:
    """What building one query needs: schema, searcher, limits, warnings collected on the way."""

    schema: tantivy.Schema
    searcher: tantivy.Searcher
    limits: ast.QueryLimits
    keyword_values: Callable[[str], tuple[str, ...]]  # field -> its folded terms, sorted (cached)
    synonyms: Alternatives | None = None
    rewrites: Callable[[list[str]], list[tuple[str, ...]]] | None = None
    warnings: list[str] = field(default_factory=list)
    expansions: int = 0


def _boost(q: tantivy.Query, boost: float) -> tantivy.Query:
    return q if boost == 1.0 else Q.boost_query(q, boost)


def term(ctx: BuildContext, field_name: str, text: str, boost: float = 1.0) -> tantivy.Query:
    q = Q.term_query(ctx.schema, field_name, text, index_option=index_option(field_name))
    return _boost(q, boost * FIELD_BOOSTS.get(field_name, 1.0))


def _terms_query(
    ctx: BuildContext, field_name: str, terms: list[str], boost: float = 1.0
) -> tantivy.Query | None:
    if not terms:
        return None
    if len(terms) == 1:
        return term(ctx, field_name, terms[0], boost)
    q = Q.phrase_query(ctx.schema, field_name, list[str | tuple[int, str]](terms))
    return _boost(q, boost * FIELD_BOOSTS.get(field_name, 1.0))


def _distinct(parts: Iterable[tantivy.Query]) -> list[tantivy.Query]:
    """``parts`` without repeats (synonym alternatives can analyse to the same terms: "sobresee"
    gave "sobres" twice), compared by their full description. A repeat matches nothing more
    and costs another pass over its postings (it only added its score twice)."""
    return list({repr(p): p for p in parts}.values())


def or_(parts: Iterable[tantivy.Query | None]) -> tantivy.Query | None:
    kept = _distinct(p for p in parts if p is not None)
    if not kept:
        return None
    return kept[0] if len(kept) == 1 else Q.boolean_query([(tantivy.Occur.Should, p) for p in kept])


def and_(parts: list[tantivy.Query]) -> tantivy.Query:
    parts = _distinct(parts)
    return parts[0] if len(parts) == 1 else Q.boolean_query([(tantivy.Occur.Must, p) for p in parts])


def word_query(ctx: BuildContext, text: str) -> tantivy.Query | None:
    """A plain word on the stemmed text and title. A stopword gives None."""
    stems = analyze(TEXT_FIELD, text)
    if len(stems) > 1:  # "IVAI-REV" and the like: the parts, in order
        return phrase_query(ctx, analyze(TEXT_EXACT_FIELD, text))
    return or_([_terms_query(ctx, TEXT_FIELD, stems), _terms_query(ctx, TITLE_FIELD, stems)])


def phrase_query(ctx: BuildContext, words: list[str]) -> tantivy.Query | None:
    """Body: every bigram of the shingle field; title: every word (see whoosh_build)."""
    if not words:
        return None
    if len(words) == 1:
        return or_([term(ctx, TEXT_EXACT_FIELD, words[0]), term(ctx, TITLE_EXACT_FIELD, words[0])])
    bigrams = [a + "_" + b for a, b in itertools.pairwise(words)]
    body = and_([term(ctx, TEXT_SHINGLE_FIELD, b) for b in dict.fromkeys(bigrams)])
    title = and_([term(ctx, TITLE_EXACT_FIELD, w) for w in dict.fromkeys(words)])
    return or_([body, title])


def expand_prefix(ctx: BuildContext, field_name: str, folded: str, boost: float = 1.0,
                  cap: int | None = None, typed: str = "") -> tantivy.Query:
    """OR of the dictionary terms starting with ``folded`` (the most frequent ``cap``, with a
    warning when there are more)."""
    limit = None if cap is None else cap + 1
    found = ctx.searcher.terms_with_prefix(field_name, folded, limit=limit)
    terms = [t for t, _ in found]
    if cap is not None and len(terms) > cap:
        terms = terms[:cap]
        ctx.warnings.append(
            f"«{typed}*» abarca demasiadas palabras: se buscaron sólo las {cap} más frecuentes."
        )
    ctx.expansions += len(terms)
    if not terms:
        return Q.empty_query()
    return or_(term(ctx, field_name, t, boost) for t in sorted(terms)) or Q.empty_query()


def prefix_query(ctx: BuildContext, text: str, field_name: str) -> tantivy.Query | None:
    if field_name == TEXT_EXACT_FIELD:
        parts = analyze(TEXT_EXACT_FIELD, text)
        folded = parts[0] if len(parts) == 1 else ""
    else:
        folded = facet_term(text)
    if not folded:
        return None
    return expand_prefix(ctx, field_name, folded, cap=ctx.limits.max_expansions, typed=text)


def identifier_query(ctx: BuildContext, ident: ast.Identifier) -> tantivy.Query | None:
    """An expediente or article: its own field (boosted) and, for expedientes, the text."""
    if ident.kind == "article":
        key = " ".join(p for p in (ident.law, ident.number, ident.fraccion) if p)
        parts = analyze(IDENTIFIERS_FIELD, key)
        exact = facet_term(key) if ident.law else None
        return or_([
            _terms_query(ctx, IDENTIFIERS_FIELD, parts, IDENTIFIER_BOOST),
            term(ctx, "articles", exact, IDENTIFIER_BOOST) if exact else None,
        ])
    raw = ident.canonical or ident.raw
    parts = analyze(IDENTIFIERS_FIELD, raw)
    own: list[tantivy.Query | None] = [_terms_query(ctx, IDENTIFIERS_FIELD, parts, IDENTIFIER_BOOST)]
    if ident.canonical:
        key = facet_term(ident.canonical)
        own.append(term(ctx, "expediente", key, EXPEDIENTE_BOOST))
        own.append(expand_prefix(ctx, "expediente", key, EXPEDIENTE_BOOST / 2))
    mentions = phrase_query(ctx, analyze(TEXT_EXACT_FIELD, raw))
    return or_([*own, mentions])


def keyword_query(ctx: BuildContext, field_name: str, value: str) -> tantivy.Query | None:
    """``field:value`` on a keyword field: the folded value, else the values containing it."""
    key = facet_term(value)
    values = ctx.keyword_values(field_name)
    if key in values:
        return term(ctx, field_name, key)
    words = key.split()
    loose = [v for v in values if all(w in v for w in words)][: MAX_VALUE_MATCHES + 1]
    if len(loose) > MAX_VALUE_MATCHES:
        ctx.warnings.append(f"«{value}» coincide con demasiados valores; se usaron los primeros.")
        loose = loose[:MAX_VALUE_MATCHES]
    return or_(term(ctx, field_name, v) for v in loose) or Q.empty_query()


def fielded_query(ctx: BuildContext, field_name: str, text: str, phrase: bool) -> tantivy.Query | None:
    if field_name in TEXT_TWINS:
        twin = TEXT_TWINS[field_name]
        if field_name == "title" and phrase:
            return _terms_query(ctx, TITLE_EXACT_FIELD, analyze(TITLE_EXACT_FIELD, text))
        parts = analyze(twin, text)
        if not parts:
            return None
        text_q = and_([term(ctx, twin, p) for p in parts])
        if field_name in KEYWORD_QUERY_FIELDS:
            return or_([text_q, keyword_query(ctx, field_name, text)])
        return text_q
    if field_name in KEYWORD_QUERY_FIELDS:
        return keyword_query(ctx, field_name, text)
    return _terms_query(ctx, field_name, analyze(field_name, text))


def _not(q: tantivy.Query) -> tantivy.Query:
    return Q.boolean_query([(tantivy.Occur.Must, Q.all_query()), (tantivy.Occur.MustNot, q)])


def build(ctx: BuildContext, node: ast.Node) -> tantivy.Query | None:
    """The tantivy query for a tree; None when nothing searchable is left (only stopwords)."""
    if isinstance(node, ast.MatchAll):
        return Q.all_query()
    if isinstance(node, ast.Term):
        if node.field is None:
            parts = _words_with_synonyms(ctx, [node.text])
            return parts[0] if parts else None
        return fielded_query(ctx, node.field, node.text, phrase=False)
    if isinstance(node, ast.Phrase):
        if node.field is None:
            words = analyze(TEXT_EXACT_FIELD, " ".join(node.words))
            rewrites = ctx.rewrites(words) if ctx.rewrites else []
            return or_([phrase_query(ctx, words), *(_alternative(ctx, list(w)) for w in rewrites)])
        return fielded_query(ctx, node.field, " ".join(node.words), phrase=True)
    if isinstance(node, ast.Prefix):
        if node.field is None:
            return prefix_query(ctx, node.text, TEXT_EXACT_FIELD)
        return prefix_query(ctx, node.text, TEXT_TWINS.get(node.field, node.field))
    if isinstance(node, ast.Identifier):
        return identifier_query(ctx, node)
    if isinstance(node, ast.Not):
        inner = build(ctx, node.child)
        return _not(inner) if inner is not None else None
    if isinstance(node, ast.Or):
        return or_(build(ctx, c) for c in node.children)
    if isinstance(node, ast.And):
        return and_query(ctx, node.children)
    raise TypeError(node)


def and_query(ctx: BuildContext, children: tuple[ast.Node, ...]) -> tantivy.Query | None:
    """AND of the children (negated ones as MUST_NOT); runs of plain words get synonyms."""
    must: list[tantivy.Query] = []
    must_not: list[tantivy.Query] = []
    i = 0
    while i < len(children):
        j = i
        while j < len(children) and _plain_word(children[j]):
            j += 1
        if j > i:
            must.extend(_words_with_synonyms(ctx, [c.text for c in children[i:j]]))  # type: ignore[union-attr]
            i = j
            continue
        child = children[i]
        if isinstance(child, ast.Not):
            inner = build(ctx, child.child)
            if inner is not None:
                must_not.append(inner)
        else:
            q = build(ctx, child)
            if q is not None:
                must.append(q)
        i += 1
    if not must:
        return None
    if not must_not:
        return and_(must)
    return Q.boolean_query([*((tantivy.Occur.Must, q) for q in must),
                            *((tantivy.Occur.MustNot, q) for q in must_not)])


def _plain_word(node: ast.Node) -> bool:
    return isinstance(node, ast.Term) and node.field is None


def _words_with_synonyms(ctx: BuildContext, words: list[str]) -> list[tantivy.Query]:
    """Each word's query; where the synonym function finds a span, the span OR its synonyms."""
    spans = ctx.synonyms(words) if ctx.synonyms else []
    out: list[tantivy.Query] = []
    i = 0
    for start, end, alternatives in sorted(spans):
        if start < i:
            continue
        out.extend(q for q in (word_query(ctx, w) for w in words[i:start]) if q is not None)
        own_parts = [q for q in (word_query(ctx, w) for w in words[start:end]) if q is not None]
        own = and_(own_parts) if own_parts else None
        combined = or_([own, *(_alternative(ctx, alt) for alt in alternatives)])
        if combined is not None:
            out.append(combined)
        i = end
    out.extend(q for q in (word_query(ctx, w) for w in words[i:]) if q is not None)
    return out


def _alternative(ctx: BuildContext, words: list[str]) -> tantivy.Query | None:
    if len(words) == 1:
        return word_query(ctx, words[0])
    return phrase_query(ctx, analyze(TEXT_EXACT_FIELD, " ".join(words)))
