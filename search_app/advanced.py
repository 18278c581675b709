"""The advanced-search form → the same query string the simple search uses.

Free-text fields become query-language clauses (``expediente:"…"``, ``"exact phrase"``,
``-word``); facet fields become filters; the date range becomes ``date_from``/``date_to``.
A pure function, so the form and the URL it builds are tested table by table.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from search_app.urlstate import DATE_FROM_KEY, DATE_TO_KEY

# form field → query-language field (indexer.fields.QUERY_FIELDS names, Spanish)
FIELD_CLAUSES: tuple[tuple[str, str], ...] = (
    ("expediente", "expediente"),
    ("sujeto", "sujeto"),
    ("ponente", "ponente"),
    ("articulo", "articulo"),
)
# form field → filter (facet) field
FILTER_FIELDS: tuple[tuple[str, str], ...] = (
    ("garante", "garante"),
    ("sentido", "sentido"),
    ("tema", "topics"),
    ("tipo", "doc_type"),
)
_QUOTES = re.compile(r'["“”«»]')
_WORD = re.compile(r"[^\s\"“”«»()\-]+")


def _clean(value: str) -> str:
    return " ".join(_QUOTES.sub(" ", value).split())


def build_query(form: Mapping[str, str]) -> list[tuple[str, str]]:
    """Query-string pairs for an advanced-search form (empty fields ignored)."""
    clauses: list[str] = []
    words = _clean(form.get("palabras", ""))
    if words:
        clauses.append(words)
    phrase = _clean(form.get("frase", ""))
    if phrase:
        clauses.append(f'"{phrase}"')
    for name, qfield in FIELD_CLAUSES:
        value = _clean(form.get(name, ""))
        if value:
            clauses.append(f'{qfield}:"{value}"' if " " in value or "/" in value
                           else f"{qfield}:{value}")
    for word in _WORD.findall(form.get("excluir", "")):
        clauses.append(f"-{word}")
    pairs: list[tuple[str, str]] = []
    if clauses:
        pairs.append(("q", " ".join(clauses)))
    for name, filter_field in FILTER_FIELDS:
        value = form.get(name, "").strip()
        if value:
            pairs.append((filter_field, value))
    for name, key in (("desde", DATE_FROM_KEY), ("hasta", DATE_TO_KEY)):
        value = form.get(name, "").strip()
        if value:
            pairs.append((key, value))
    return pairs
