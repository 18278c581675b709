"""The project's query language, parsed into an engine-neutral tree, with the guard.

Words must all match (AND by default); ``"phrases"``; ``OR``/``O``; ``NOT``/``NO``/``-word``;
parentheses; ``field:value`` with the names of ``indexer.fields.QUERY_FIELDS`` (accents
optional); ``prefix*`` with at least three letters. Expedientes and article references typed
loosely (``ivai rev 275 2017``, ``art. 113 fr. V``) become ``Identifier`` nodes.

A hand-written recursive-descent parser (not whoosh's ``QueryParser``, which enables ranges and
``*:*``) with explicit ``QueryLimits``: the nesting depth is checked by a linear scan before any
recursion, so no input raises ``RecursionError``. Errors are ``QuerySyntaxError`` /
``QueryTooComplexError`` with a Spanish message and, where possible, a corrected query.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from indexer.engine import QuerySyntaxError, QueryTooComplexError
from indexer.fields import QUERY_FIELDS
from indexer.query_identifiers import (
    Identifier,
    IdentifierPattern,
    identifier_from_value,
    match_identifier,
    registry_patterns,
)

__all__ = [
    "And", "Identifier", "IdentifierPattern", "MatchAll", "Node", "Not", "Or", "ParsedQuery",
    "Phrase", "Prefix", "QueryLimits", "Term", "leaves", "parse_query", "registry_patterns",
    "resolve_field",
]  # fmt: skip


@dataclass(frozen=True)
class QueryLimits:
    """The guard's limits; passed in by the caller (the CLI/app read them from settings)."""

    max_length: int = 1000  # characters
    max_terms: int = 64  # leaves of the tree
    max_depth: int = 12  # nested parentheses
    max_expansions: int = 256  # vocabulary terms a prefix may expand to (capped, with a warning)
    max_total_expansions: int = 256  # all the prefixes together (past it: refused); within
    # whoosh's per-generation term cache (SearchSettings.term_cache), so no term is read twice
    min_prefix: int = 3  # letters before a trailing *


# ---------------------------------------------------------------- the tree


@dataclass(frozen=True)
class Term:
    text: str
    field: str | None = None  # index field; None = the default text fields


@dataclass(frozen=True)
class Phrase:
    words: tuple[str, ...]
    field: str | None = None


@dataclass(frozen=True)
class Prefix:
    text: str
    field: str | None = None


@dataclass(frozen=True)
class And:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    child: Node


@dataclass(frozen=True)
class MatchAll:
    """An empty query: every document (filters may narrow it)."""


Node = Term | Phrase | Prefix | Identifier | And | Or | Not | MatchAll


@dataclass(frozen=True)
class ParsedQuery:
    node: Node
    warnings: tuple[str, ...] = ()


def leaves(node: Node) -> Iterable[Node]:
    """The leaf nodes of a tree (iteratively: trees from the parser are shallow anyway)."""
    stack: list[Node] = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, And | Or):
            stack.extend(reversed(n.children))
        elif isinstance(n, Not):
            stack.append(n.child)
        else:
            yield n


# ------------------------------------------- syntax regexes (identifiers: query_identifiers)

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_QUOTES = str.maketrans({"“": '"', "”": '"', "«": '"', "»": '"', "„": '"', "＂": '"'})
_OPERATORS = {"OR": "OR", "O": "OR", "||": "OR", "AND": "AND", "Y": "AND", "&&": "AND",
              "NOT": "NOT", "NO": "NOT"}
# punctuation a word may not start or end with (kept inside: IVAI-REV/275/2017/I, 3.5)
_EDGE_PUNCT = "¿?¡!.,;:[]{}^~<>=+'`´|&@#$%\\"
_FIELD = re.compile(r"([^\W\d_][\w]*):(?=\S|$)", re.UNICODE)
_WS = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower case without accents (ñ kept): for field names and comparisons."""
    decomposed = unicodedata.normalize("NFD", text.casefold().replace("ñ", "\0"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("\0", "ñ")


_FOLDED_FIELDS = {fold(k): v for k, v in QUERY_FIELDS.items()}
_FOLDED_FIELDS.update({fold(k).replace("ñ", "n"): v for k, v in QUERY_FIELDS.items()})


def resolve_field(name: str) -> str | None:
    """The index field for a query field name typed with or without accents."""
    return _FOLDED_FIELDS.get(fold(name)) or _FOLDED_FIELDS.get(fold(name).replace("ñ", "n"))


# ---------------------------------------------------------------- tokens


@dataclass(frozen=True)
class _Tok:
    kind: str  # WORD PHRASE LP RP OR AND NOT MINUS FIELD IDENT
    text: str
    start: int
    end: int
    ident: Identifier | None = None


@dataclass
class _Lexer:
    text: str
    patterns: tuple[IdentifierPattern, ...]
    max_tokens: int = 1 << 30
    tokens: list[_Tok] = field(default_factory=list)

    def run(self) -> list[_Tok]:
        """The tokens; stops early past ``max_tokens`` (the caller refuses the query)."""
        text, i, n = self.text, 0, len(self.text)
        while i < n and len(self.tokens) <= self.max_tokens:
            c = text[i]
            if c.isspace():
                i += 1
            elif c == "(":
                self.tokens.append(_Tok("LP", c, i, i + 1))
                i += 1
            elif c == ")":
                self.tokens.append(_Tok("RP", c, i, i + 1))
                i += 1
            elif c == '"':
                close = text.find('"', i + 1)
                if close < 0:
                    raise QuerySyntaxError(
                        "Falta cerrar las comillas de la frase.",
                        suggestion=_clean(text.rstrip() + '"'),
                    )
                self.tokens.append(_Tok("PHRASE", text[i + 1 : close], i, close + 1))
                i = close + 1
            elif c == "-" and i + 1 < n and not text[i + 1].isspace() and (
                i == 0 or text[i - 1].isspace() or text[i - 1] == "("
            ):
                self.tokens.append(_Tok("MINUS", c, i, i + 1))
                i += 1
            else:
                found = match_identifier(text, i, self.patterns)
                if found is not None:
                    ident, end = found
                    self.tokens.append(_Tok("IDENT", text[i:end], i, end, ident))
                    i = end
                    continue
                m = _FIELD.match(text, i)
                if m:
                    self.tokens.append(_Tok("FIELD", m.group(1), i, m.end()))
                    i = m.end()
                    continue
                j = i
                while j < n and not text[j].isspace() and text[j] not in '()"':
                    j += 1
                word = text[i:j]
                op = _OPERATORS.get(word)
                self.tokens.append(_Tok(op or "WORD", word, i, j))
                i = j
        return self.tokens


def _clean(text: str) -> str:
    return _WS.sub(" ", text).strip()


# ---------------------------------------------------------------- the parser


class _Parser:
    def __init__(self, text: str, tokens: list[_Tok], limits: QueryLimits) -> None:
        self.text = text
        self.toks = tokens
        self.pos = 0
        self.limits = limits
        self.warnings: list[str] = []

    def peek(self) -> _Tok | None:
        return self.toks[self.pos] if self.pos < len(self.toks) else None

    def take(self) -> _Tok:
        tok = self.toks[self.pos]
        self.pos += 1
        return tok

    def without(self, tok: _Tok) -> str | None:
        """The query with one token removed: a suggested correction (None when empty)."""
        return _clean(self.text[: tok.start] + " " + self.text[tok.end :]) or None

    def parse(self) -> Node:
        node = self.or_expr(0)
        tok = self.peek()
        if tok is not None:  # only a stray ")" can stop or_expr early
            raise QuerySyntaxError(
                "Sobra un paréntesis de cierre «)».", suggestion=self.without(tok)
            )
        return node

    def or_expr(self, depth: int) -> Node:
        parts = [self.and_expr(depth)]
        while (tok := self.peek()) is not None and tok.kind == "OR":
            op = self.take()
            nxt = self.peek()
            if nxt is None or nxt.kind in ("RP", "OR"):
                raise QuerySyntaxError(
                    f"Falta un término después de «{op.text}».", suggestion=self.without(op)
                )
            parts.append(self.and_expr(depth))
        return parts[0] if len(parts) == 1 else Or(tuple(parts))

    def and_expr(self, depth: int) -> Node:
        parts: list[Node] = []
        while (tok := self.peek()) is not None and tok.kind not in ("OR", "RP"):
            if tok.kind == "AND":
                op = self.take()
                nxt = self.peek()
                if not parts or nxt is None or nxt.kind in ("RP", "OR", "AND"):
                    raise QuerySyntaxError(
                        f"Falta un término a cada lado de «{op.text}».",
                        suggestion=self.without(op),
                    )
                continue
            node = self.unary(depth)
            if node is not None:
                parts.append(node)
        if not parts:
            tok = self.peek()
            if tok is not None and tok.kind == "OR":
                raise QuerySyntaxError(
                    f"Falta un término antes de «{tok.text}».", suggestion=self.without(tok)
                )
            if tok is not None and tok.kind == "RP" and depth > 0:
                raise QuerySyntaxError(
                    "Los paréntesis están vacíos.",
                    suggestion=_clean(self.text[: tok.start - 1] + self.text[tok.end :]) or None
                    if tok.start > 0 and self.text[tok.start - 1] == "("
                    else None,
                )
            return MatchAll()
        return parts[0] if len(parts) == 1 else And(tuple(parts))

    def unary(self, depth: int) -> Node | None:
        negate = False
        while (tok := self.peek()) is not None and tok.kind in ("NOT", "MINUS"):
            op = self.take()
            negate = not negate
            nxt = self.peek()
            if nxt is None or nxt.kind in ("RP", "OR", "AND"):
                raise QuerySyntaxError(
                    f"Falta el término que se quiere excluir después de «{op.text}».",
                    suggestion=self.without(op),
                )
        node = self.primary(depth)
        if node is None:
            return None
        return Not(node) if negate else node

    def primary(self, depth: int) -> Node | None:
        tok = self.take()
        if tok.kind == "LP":
            if depth + 1 > self.limits.max_depth:
                raise QueryTooComplexError(
                    f"La consulta tiene demasiados paréntesis anidados "
                    f"(máximo {self.limits.max_depth} niveles)."
                )
            node = self.or_expr(depth + 1)
            close = self.peek()
            if close is None or close.kind != "RP":
                raise QuerySyntaxError(
                    "Falta cerrar un paréntesis «(».", suggestion=_clean(self.text) + ")"
                )
            self.take()
            return node
        if tok.kind == "PHRASE":
            return _phrase(tok.text, None)
        if tok.kind == "IDENT":
            assert tok.ident is not None
            return tok.ident
        if tok.kind == "FIELD":
            return self.fielded(tok)
        return self.word(tok.text, None)

    def fielded(self, tok: _Tok) -> Node | None:
        index_field = resolve_field(tok.text)
        value = self.peek()
        if value is None or value.start != tok.end or value.kind in ("RP", "OR", "AND"):
            raise QuerySyntaxError(
                f"Falta el valor después de «{tok.text}:».", suggestion=self.without(tok)
            )
        if index_field is None:
            known = ", ".join(sorted({k for k in QUERY_FIELDS if k.isascii()}))
            self.warnings.append(
                f"El campo «{tok.text}» no existe; se buscó como texto. Campos: {known}."
            )
            return self.word(tok.text, None)  # the value is parsed next, as a plain word
        value = self.take()
        if value.kind in ("PHRASE", "WORD", "IDENT", "NOT"):
            raw = value.text
        else:
            raise QuerySyntaxError(
                f"El valor de «{tok.text}:» debe ser una palabra o una frase entre comillas.",
                suggestion=self.without(tok),
            )
        if index_field in ("expediente", "articles"):
            ident = identifier_from_value(index_field, raw)
            if ident is not None:
                return ident
        if value.kind == "PHRASE":
            return _phrase(raw, index_field)
        return self.word(raw, index_field)

    def word(self, raw: str, index_field: str | None) -> Node | None:
        text = raw.strip(_EDGE_PUNCT)
        if "*" in text or "?" in text:
            return self.wildcard(raw, text, index_field)
        if not any(c.isalnum() for c in text):
            return None
        return Term(text, index_field)

    def wildcard(self, raw: str, text: str, index_field: str | None) -> Node:
        stem = text.rstrip("*")
        msg = (
            f"«{raw}»: el comodín * sólo se admite al final de una palabra de al menos "
            f"{self.limits.min_prefix} letras (por ejemplo, «reserv*»)."
        )
        letters = stem.strip(_EDGE_PUNCT)
        if "*" in stem or "?" in stem or not letters.isalnum():
            bare = "".join(c for c in text if c.isalnum())
            raise QuerySyntaxError(msg, suggestion=_clean(self.text.replace(raw, bare)) or None)
        if len(letters) < self.limits.min_prefix:
            raise QueryTooComplexError(msg, suggestion=_clean(self.text.replace(raw, letters)) or None)
        return Prefix(letters, index_field)


def _phrase(text: str, index_field: str | None) -> Node | None:
    words = tuple(w for w in (t.strip(_EDGE_PUNCT + "*") for t in text.split()) if w)
    if not words:
        return None
    if len(words) == 1:
        return Term(words[0], index_field)
    return Phrase(words, index_field)


def _and_opt(nodes: list[Node | None]) -> Node | None:
    kept = [n for n in nodes if n is not None]
    if not kept:
        return None
    return kept[0] if len(kept) == 1 else And(tuple(kept))


# ---------------------------------------------------------------- entry point


def _check_nesting(text: str, limits: QueryLimits) -> None:
    """Linear scan for depth and balance before any recursion (quotes respected)."""
    depth = deepest = 0
    in_quote = False
    for c in text:
        if c == '"':
            in_quote = not in_quote
        elif in_quote:
            continue
        elif c == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif c == ")":
            depth -= 1
            if depth < 0:
                idx = _first_unbalanced_close(text)
                raise QuerySyntaxError(
                    "Sobra un paréntesis de cierre «)».",
                    suggestion=_clean(text[:idx] + text[idx + 1 :]) or None,
                )
    if deepest > limits.max_depth:
        raise QueryTooComplexError(
            f"La consulta tiene demasiados paréntesis anidados ({deepest}; máximo "
            f"{limits.max_depth} niveles)."
        )
    if depth > 0 and not in_quote:
        raise QuerySyntaxError(
            "Falta cerrar un paréntesis «(»." if depth == 1
            else f"Faltan {depth} paréntesis de cierre «)».",
            suggestion=_clean(text) + ")" * depth,
        )


def _first_unbalanced_close(text: str) -> int:
    depth = 0
    in_quote = False
    for i, c in enumerate(text):
        if c == '"':
            in_quote = not in_quote
        elif not in_quote and c == "(":
            depth += 1
        elif not in_quote and c == ")":
            depth -= 1
            if depth < 0:
                return i
    return len(text)


def normalize_query(text: str) -> str:
    """NFC, typographic quotes made plain, control characters (NUL included) made spaces."""
    text = unicodedata.normalize("NFC", text).translate(_QUOTES)
    return _CONTROL.sub(" ", text)


def parse_query(
    text: str,
    limits: QueryLimits | None = None,
    patterns: tuple[IdentifierPattern, ...] | None = None,
) -> ParsedQuery:
    """Parse a user query into a tree; raise ``QueryError`` (Spanish) when it cannot be run."""
    limits = limits or QueryLimits()
    if len(text) > limits.max_length:
        raise QueryTooComplexError(
            f"La consulta es demasiado larga ({len(text)} caracteres; máximo {limits.max_length})."
        )
    text = normalize_query(text)
    if text.count('"') % 2:
        raise QuerySyntaxError(
            "Falta cerrar las comillas de la frase.", suggestion=_clean(text) + '"'
        )
    _check_nesting(text, limits)
    tokens = _Lexer(
        text, registry_patterns() if patterns is None else patterns, limits.max_terms * 3
    ).run()
    if len(tokens) > limits.max_terms * 3:
        raise QueryTooComplexError(
            f"La consulta tiene demasiados términos (máximo {limits.max_terms})."
        )
    parser = _Parser(text, tokens, limits)
    node = parser.parse()
    count = sum(1 for _ in leaves(node))
    if count > limits.max_terms:
        raise QueryTooComplexError(
            f"La consulta tiene demasiados términos ({count}; máximo {limits.max_terms})."
        )
    if _only_negative(node):
        raise QuerySyntaxError(
            "La consulta sólo excluye términos: agregue al menos uno que deba aparecer."
        )
    return ParsedQuery(node, tuple(parser.warnings))


def _only_negative(node: Node) -> bool:
    if isinstance(node, Not):
        return True
    if isinstance(node, And):
        return all(isinstance(c, Not) for c in node.children)
    if isinstance(node, Or):
        return any(_only_negative(c) for c in node.children)
    return False
