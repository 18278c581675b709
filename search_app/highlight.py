"""Highlight a query's words in a document's full text, and cut the text into sections.

The text is escaped and only ``<mark>`` is added, so the result is safe HTML. Matching folds
accents and case and accepts a shared stem-like prefix ("resoluciones" marks "resolución"),
because the index stems Spanish and a reader expects the same words marked.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from markupsafe import Markup, escape

from corpus.records import DocumentRecord

_TOKEN = re.compile(r"\w+", re.UNICODE)
_FIELD_PREFIX = re.compile(r"^[\wáéíóúñ]+:", re.IGNORECASE)
OPERATORS = frozenset({"and", "or", "not", "y", "o", "no"})
STOPWORDS = frozenset(
    ["de", "la", "el", "los", "las", "del", "en", "y", "a", "que", "por", "para", "con", "un", "una", "al", "se", "su", "sus", "lo", "es", "o"]
)
SECTION_TITLES = {
    "antecedentes": "Antecedentes",
    "considerandos": "Considerandos",
    "resolutivos": "Resolutivos",
}


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def query_terms(q: str) -> list[str]:
    """The folded words of a query worth marking: no operators, stopwords, excluded words."""
    terms: list[str] = []
    for raw in q.split():
        if raw.startswith("-"):
            continue
        word = _FIELD_PREFIX.sub("", raw)
        for token in _TOKEN.findall(fold(word)):
            if len(token) >= 3 and token not in OPERATORS and token not in STOPWORDS:
                terms.append(token)
    return list(dict.fromkeys(terms))


def _stem(term: str) -> str:
    return term if len(term) <= 4 else term[: max(4, len(term) - 3)]


def highlight(text: str, terms: list[str]) -> Markup:
    """``text`` escaped, with tokens that match a term wrapped in ``<mark>``."""
    if not terms:
        return escape(text)
    stems = tuple(_stem(t) for t in terms)
    out: list[str] = []
    pos = 0
    for m in _TOKEN.finditer(text):
        token = fold(m.group())
        if token.startswith(stems) and len(token) >= 3:
            out.append(str(escape(text[pos : m.start()])))
            out.append(f"<mark>{escape(m.group())}</mark>")
            pos = m.end()
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))


@dataclass(frozen=True)
class TextPart:
    anchor: str
    title: str
    html: Markup


def text_parts(record: DocumentRecord, terms: list[str]) -> list[TextPart]:
    """The full text as navigable parts: the heading before the first section, then each
    section (by its offsets), with the query's words marked."""
    text = record.text
    sections = sorted((s for s in record.sections if 0 <= s.start < s.end <= len(text)),
                      key=lambda s: s.start)
    if not sections:
        return [TextPart("texto", "Texto", highlight(text, terms))] if text else []
    parts: list[TextPart] = []
    if sections[0].start > 0 and text[: sections[0].start].strip():
        parts.append(TextPart("encabezado", "Encabezado",
                              highlight(text[: sections[0].start], terms)))
    seen: set[str] = set()
    for i, s in enumerate(sections):
        end = sections[i + 1].start if i + 1 < len(sections) else len(text)
        anchor = s.name if s.name not in seen else f"{s.name}-{i}"
        seen.add(s.name)
        title = SECTION_TITLES.get(s.name, s.heading.title() or s.name)
        parts.append(TextPart(anchor, title, highlight(text[s.start : end], terms)))
    return parts
