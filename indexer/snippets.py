"""Snippets for the hits of the page shown: HTML-escaped text with the matches in ``<mark>``.

Engine-neutral: words of the stored text are compared with the query's words through the same
analysis as the index (folded, stemmed), so "resoluciones" marks "resolución". The text is
scanned only up to the first match plus one window, so a long document costs little.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from analyzers.normalize import fold, stem, stopwords, strip_zeros
from indexer import query as ast

_WORD = re.compile(r"[^\W_]+")


def query_words(node: ast.Node) -> list[str]:
    """The positive words of a query tree (negated parts are not highlighted)."""
    out: list[str] = []
    stack: list[ast.Node] = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, ast.And | ast.Or):
            stack.extend(n.children)
        elif isinstance(n, ast.Term) and n.field in (None, "title"):
            out.extend(_WORD.findall(n.text))
        elif isinstance(n, ast.Phrase) and n.field in (None, "title"):
            out.extend(w for word in n.words for w in _WORD.findall(word))
        elif isinstance(n, ast.Prefix) and n.field is None:
            out.append(n.text + "*")
        elif isinstance(n, ast.Identifier):
            out.extend(_WORD.findall(n.raw))
    return out


def _matcher(words: list[str]) -> tuple[set[str], set[str], tuple[str, ...]]:
    stops = stopwords()
    stems: set[str] = set()
    exact: set[str] = set()
    prefixes: list[str] = []
    for w in words:
        if w.endswith("*"):
            prefixes.append(fold(w[:-1]))
            continue
        f = strip_zeros(fold(w))
        if f in stops:
            continue
        exact.add(f)
        stems.add(stem(f))
    return stems, exact, tuple(prefixes)


def make_snippet(text: str, words: list[str], width: int = 240) -> str:
    """A window of ``text`` around the first match, escaped, matches wrapped in ``<mark>``.

    Without a match: the beginning of the text. Ellipses mark cut ends.
    """
    stems, exact, prefixes = _matcher(words)

    def is_match(word: str) -> bool:
        f = strip_zeros(fold(word))
        return f in exact or (bool(prefixes) and f.startswith(prefixes)) or (
            f.isalpha() and stem(f) in stems
        )

    first = None
    if stems or exact or prefixes:
        for m in _WORD.finditer(text):
            if is_match(m.group()):
                first = m
                break
    if first is None:
        start, end = 0, min(len(text), width)
    else:
        start = max(0, first.start() - width // 3)
        end = min(len(text), start + width)
    return render_window(text, start, end, is_match if first is not None else None)


def render_window(text: str, start: int, end: int,
                  is_match: Callable[[str], bool] | None) -> str:
    """``text[start:end]`` (ends moved to word boundaries) escaped, its matching words in
    ``<mark>``, whitespace collapsed, ellipses where the text was cut."""
    start, end = _snap(text, start, end)
    window = text[start:end]
    parts: list[str] = []
    last = 0
    if is_match is not None:
        for m in _WORD.finditer(window):
            if is_match(m.group()):
                parts.append(html.escape(window[last : m.start()]))
                parts.append(f"<mark>{html.escape(m.group())}</mark>")
                last = m.end()
    parts.append(html.escape(window[last:]))
    body = " ".join("".join(parts).split())
    return ("… " if start > 0 else "") + body + (" …" if end < len(text) else "")


def _snap(text: str, start: int, end: int) -> tuple[int, int]:
    """Move the window's ends to word boundaries."""
    if start > 0:
        space = text.find(" ", start, start + 30)
        if space != -1:
            start = space + 1
    if end < len(text):
        space = text.rfind(" ", max(start, end - 30), end)
        if space != -1:
            end = space
    return start, end
