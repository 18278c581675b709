"""The "¿quiso decir…?" suggestion, checked before anyone sees it.

The engines build their suggesters from their term dictionaries, and both whoosh and tantivy
keep the words of deleted documents there until their segments merge: a document staff
withdrew, held for personal data, or rewrote with a correction. Suggesting such a word tells
anyone that a withheld document contains it (a surname, an address). So each word a suggestion
adds to the query must find a published document by itself; otherwise there is no suggestion
(which also spares users a suggestion that finds nothing).
"""

from __future__ import annotations

import dataclasses
import re

from indexer.engine import Engine, QueryError, SearchParams, SearchResult

_WORD = re.compile(r"\w+")
OPERATORS = frozenset({"AND", "OR", "NOT", "Y", "O", "NO"})
MAX_CHECKED_WORDS = 8  # a suggestion changing more words than this is not offered


def added_words(q: str, suggestion: str) -> list[str]:
    """The words of ``suggestion`` that ``q`` does not have (case-insensitive), in order."""
    have = {w.casefold() for w in _WORD.findall(q)}
    out: list[str] = []
    for word in _WORD.findall(suggestion):
        key = word.casefold()
        if key not in have and word not in OPERATORS and key not in {w.casefold() for w in out}:
            out.append(word)
    return out


def checked_suggestion(engine: Engine, q: str, suggestion: str | None) -> str | None:
    """``suggestion`` when every word it adds to ``q`` finds a document in ``engine``."""
    if not suggestion:
        return None
    words = added_words(q, suggestion)
    if len(words) > MAX_CHECKED_WORDS:
        return None
    for word in words:
        probe = SearchParams(q=word, page_size=1, with_facets=False, with_snippets=False)
        try:
            if engine.search(probe).total == 0:
                return None
        except QueryError:
            return None
    return suggestion


def with_checked_suggestion(engine: Engine, result: SearchResult) -> SearchResult:
    """``result`` with its suggestion checked (a copy when the suggestion is dropped)."""
    if not result.suggestion:
        return result
    checked = checked_suggestion(engine, result.params.q, result.suggestion)
    return result if checked == result.suggestion else dataclasses.replace(result,
                                                                            suggestion=checked)
