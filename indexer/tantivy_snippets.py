"""``indexer.snippets.make_snippet`` made cheap on long texts, with exactly the same output.

``make_snippet`` analyses the text word by word (fold, stem) from the start until the first
match, and through the whole text when nothing matches (a hit found by its title, a synonym,
an identifier): measured as the largest share of a tantivy search. Here a lower bound of the
first match is found with plain substring searches over the folded text, and ``make_snippet``
runs on the text from a little before it; when no candidate occurs at all, nothing can match
and the snippet is the text's beginning (``make_snippet`` with no words gives the same).

Why the bound is safe: a word matches when its folded form equals a query word, starts with a
query prefix, or has a query word's stem; Snowball Spanish only cuts or rewrites the last
letters of a word (the largest rewrite, -encia → -ente, keeps all but two letters of the stem),
so the folded word contains the query word, the prefix, or the stem minus its last two
letters. The text is folded with ``normalize``'s length-preserving table; a text it cannot fold
that way (a letter outside the table) goes to ``make_snippet`` whole. Why the output is the
same: ``make_snippet`` places its window from the first match (a third of the width before it,
then snapped to a space within 30 characters), so starting the text ``width // 3 + 40``
characters before the bound, at a space, changes neither the window nor the ellipses, once
the first match is found there (a snippet with a ``<mark>``); otherwise (a candidate that was
not a match) the whole text is analysed, as before.
tests/indexer/test_tantivy_analysis.py compares both on the sample corpus.
"""

from __future__ import annotations

import re

from analyzers import normalize
from indexer.snippets import _matcher, make_snippet

_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")
MARGIN = 40  # characters kept before the window's start, beyond make_snippet's 30-char snap


def _folded(text: str) -> str | None:
    """``text`` lowercased and folded character by character (same length), or None."""
    low = text.lower()
    if len(low) != len(text):
        return None
    if low.isascii():
        return low
    for accented, plain in normalize._FOLD_CHARS.items():
        if accented in low:
            low = low.replace(accented, plain)
    if any(c.isalnum() for c in set(_NON_ASCII_RE.findall(low))):
        return None  # a letter normalize.fold would decompose: no bound, the whole text
    return low


def _candidates(words: list[str]) -> list[str] | None:
    stems, exact, prefixes = _matcher(words)
    out = [*exact, *prefixes, *(s[: max(1, len(s) - 2)] for s in stems)]
    return None if any(not c for c in out) else out


def snippet(text: str, words: list[str], width: int = 240) -> str:
    """``make_snippet(text, words, width)``, computed on the part of the text that matters."""
    candidates = _candidates(words)
    folded = _folded(text) if candidates is not None else None
    if candidates is None or folded is None:
        return make_snippet(text, words, width)
    found = [i for i in (folded.find(c) for c in candidates) if i >= 0]
    if not found:
        return make_snippet(text, [], width)  # nothing can match: the beginning, unmarked
    start = min(found) - width // 3 - MARGIN
    if start <= 0:
        return make_snippet(text, words, width)
    start = text.rfind(" ", 0, start) + 1
    if start <= 0:
        return make_snippet(text, words, width)
    found_snippet = make_snippet(text[start:], words, width)
    if "<mark>" not in found_snippet:  # a candidate that was no match: let make_snippet decide
        return make_snippet(text, words, width)
    return found_snippet
