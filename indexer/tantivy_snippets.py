"""``indexer.snippets.make_snippet`` made cheap on long texts, with exactly the same output.

``make_snippet`` analyses the text word by word (fold, stem) from the start until the first
match, and through the whole text when nothing matches (a hit found by its title, a synonym,
an identifier): measured as the largest share of a tantivy search. Here:

* when no candidate string occurs in the folded text, nothing can match, and the snippet is
  the text's beginning (``make_snippet`` with no words gives the same). A word matches when
  its folded form equals a query word, starts with a query prefix, or has a query word's stem;
  Snowball Spanish only cuts or rewrites a word's last letters (the largest rewrite,
  -encia → -ente, keeps all but two letters of the stem), so a matching word contains the
  query word, the prefix, or the stem minus its last two letters. The text is folded with
  ``normalize``'s length-preserving table; a text it cannot fold that way is scanned;
* otherwise the first match is looked for only at the words where a candidate occurs (one
  regex pass over the folded text), then ``make_snippet``'s own steps run, with its match
  test remembered per distinct word: a copy of 20 lines, kept equal by the tests below;
* the text is folded and searched a chunk at a time (``CHUNK`` characters, cut at a space so
  that no word is split), stopping at the first chunk with a match: the first match is usually
  near the start, and folding whole texts was half of a snippet's cost. A chunk that cannot be
  folded length for length is scanned word by word, as ``make_snippet`` does.
  Moving that memo into ``indexer.snippets`` would let this module shrink to the first
  point.

tests/indexer/test_tantivy_analysis.py compares both on the sample corpus and odd strings.
"""

from __future__ import annotations

import re

from analyzers import normalize
from analyzers.normalize import fold, stem, strip_zeros
from indexer.snippets import _WORD, _matcher, make_snippet, render_window

_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")
CHUNK = 2048  # characters folded and searched at a time (see above)


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


class Matcher:
    """``make_snippet``'s match test for one query, each distinct word tested once (share one
    across the hits of a page)."""

    def __init__(self, words: list[str]) -> None:
        self.stems, self.exact, self.prefixes = _matcher(words)
        self.seen: dict[str, bool] = {}
        self.candidates = _candidates(words)
        self.pattern = None if not self.candidates else re.compile("|".join(
            re.escape(c) for c in sorted(set(self.candidates), key=len, reverse=True)))

    def __call__(self, word: str) -> bool:
        hit = self.seen.get(word)
        if hit is None:
            f, stemmed = analysed(word)
            hit = self.seen[word] = f in self.exact or (
                bool(self.prefixes) and f.startswith(self.prefixes)) or (
                stemmed is not None and stemmed in self.stems)
        return hit


_ANALYSED: dict[str, tuple[str, str | None]] = {}  # word -> analysed(word): texts share words
_ANALYSED_MAX = 200_000


def analysed(word: str) -> tuple[str, str | None]:
    """(the folded word without zero padding, its stem when it is all letters), remembered
    across queries (stemming is most of a snippet's match test)."""
    found = _ANALYSED.get(word)
    if found is None:
        if len(_ANALYSED) >= _ANALYSED_MAX:
            _ANALYSED.clear()
        f = strip_zeros(fold(word))
        found = _ANALYSED[word] = (f, stem(f) if f.isalpha() else None)
    return found


def _first_at_candidates(text: str, folded: str, pattern: re.Pattern[str], is_match: Matcher,
                         offset: int = 0) -> re.Match[str] | None:
    """The first matching word, testing only the words where a candidate occurs (in text
    order: a candidate is letters and digits, so each occurrence lies inside one word).
    ``folded`` is ``text[offset:]``'s start, folded; ``offset`` is 0 or follows a space."""
    tested = -1
    for occurrence in pattern.finditer(folded):
        start = offset + occurrence.start()
        if start < tested:
            continue  # inside the word just tested
        while start > offset and text[start - 1].isalnum():
            start -= 1
        word = _WORD.match(text, start)
        if word is None:
            continue
        if is_match(word.group()):
            return word
        tested = word.end()
    return None


def _first_match(text: str, is_match: Matcher) -> re.Match[str] | None:
    """The first word of ``text`` that ``is_match``, searched ``CHUNK`` characters at a time."""
    pattern = is_match.pattern
    start = 0
    while start < len(text):
        end = text.find(" ", start + CHUNK) if len(text) - start > CHUNK else -1
        end = len(text) if end == -1 else end
        folded = _folded(text[start:end])
        if folded is not None and pattern is not None:
            first = _first_at_candidates(text, folded, pattern, is_match, start)
        else:
            first = next((m for m in _WORD.finditer(text, start, end) if is_match(m.group())),
                         None)
        if first is not None:
            return first
        start = end
    return None


def snippet(text: str, words: list[str], width: int = 240, matcher: Matcher | None = None) -> str:
    """``make_snippet(text, words, width)``, computed with less work (same steps, same output).
    ``matcher``: ``Matcher(words)`` shared by the snippets of one query."""
    is_match = matcher if matcher is not None else Matcher(words)
    candidates = is_match.candidates
    if not candidates:
        return make_snippet(text, words, width)
    if all(c.isalnum() for c in candidates):
        first = _first_match(text, is_match)
    else:
        first = next((m for m in _WORD.finditer(text) if is_match(m.group())), None)
    if first is None:
        return make_snippet(text, [], width)
    # from here on, make_snippet's own steps
    start = max(0, first.start() - width // 3)
    return render_window(text, start, min(len(text), start + width), is_match)
