"""Spelling suggestions from the index's own vocabulary ("inexistensia" → "inexistencia").

``Suggester`` ranks the vocabulary words within an edit distance of 2 (optimal string
alignment: substitutions, insertions, deletions, adjacent transpositions) by distance, then
document frequency. The distance is computed for all words of a similar length at once, with
numpy, one query character (row) at a time; words whose row minimum already exceeds the
bound are dropped as it goes. A 100k-word vocabulary costs a few MB and milliseconds per word
(``python -m analyzers.bench`` measures it).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from analyzers.normalize import fold

# Query-language words that are never corrected (operators are matched as typed).
_OPERATORS = frozenset({"AND", "OR", "NOT", "Y", "O", "NO"})
_QUERY_WORD_RE = re.compile(r"(?<![\w:*])([^\W\d_]+)(?![\w:*])")


@dataclass(frozen=True)
class _Bucket:
    """Vocabulary words of one length, as a (words × length) array of code points."""

    words: tuple[str, ...]
    codes: np.ndarray  # shape (n, length), uint32
    freqs: np.ndarray  # shape (n,), int64
    letters: np.ndarray  # shape (n, 27), int16: letter counts (a-z, other), a prefilter
    masks: np.ndarray  # shape (n,), uint32: which letters occur, a cheaper prefilter


class Suggester:
    """Suggest the likeliest vocabulary word for a misspelt one.

    ``vocabulary`` maps words (any case/accents: they are folded) to document frequency.
    ``min_length``: shorter words are never corrected; words of up to ``short_length`` letters
    get at most one edit, longer ones ``max_distance``. A word of the vocabulary is correct,
    unless it is rare (document frequency ≤ ``rare_max``) and a word one edit away is
    ``rare_ratio`` times commoner: a misspelling that made it into the index (OCR, typing)
    still gets its correction ("inexistensia" in 1 document, "inexistencia" in 800).
    """

    def __init__(
        self,
        vocabulary: Mapping[str, int],
        max_distance: int = 2,
        min_length: int = 4,
        short_length: int = 5,
        rare_max: int = 2,
        rare_ratio: int = 50,
    ) -> None:
        self.max_distance = max_distance
        self.rare_max = rare_max
        self.rare_ratio = rare_ratio
        self.min_length = min_length
        self.short_length = short_length
        merged: dict[str, int] = {}
        for word, freq in vocabulary.items():
            key = fold(word)
            if key.isalpha():
                merged[key] = merged.get(key, 0) + int(freq)
        self._freq = merged
        by_length: dict[int, list[str]] = {}
        for word in merged:
            by_length.setdefault(len(word), []).append(word)
        self._buckets: dict[int, _Bucket] = {}
        for length, words in by_length.items():
            words.sort()
            raw = "".join(words).encode("utf-32-le")
            codes = np.frombuffer(raw, dtype=np.uint32).reshape(len(words), length)
            freqs = np.array([merged[w] for w in words], dtype=np.int64)
            counts = _letter_counts(codes)
            self._buckets[length] = _Bucket(tuple(words), codes, freqs, counts, _masks(counts))

    def __contains__(self, word: str) -> bool:
        return fold(word) in self._freq

    def candidates(self, word: str, limit: int = 5) -> list[tuple[str, int, int]]:
        """Up to ``limit`` (word, distance, frequency), best first; [] for a known word
        (but see ``rare_max``)."""
        query = fold(word)
        if len(query) < self.min_length or not query.isalpha():
            return []
        known = self._freq.get(query, 0)
        if known > self.rare_max:
            return []
        bound = 1 if known or len(query) <= self.short_length else self.max_distance
        min_freq = self.rare_ratio * known
        q = np.array([ord(c) for c in query], dtype=np.uint32)
        q_letters = _letter_counts(q.reshape(1, -1))
        q_mask = _masks(q_letters)[0]
        found: list[tuple[int, int, str]] = []
        # same length first: when only the best is wanted, a word found at distance d rules
        # out lengths further than d and tightens the bound for the rest
        lengths = range(max(1, len(query) - bound), len(query) + bound + 1)
        for length in sorted(lengths, key=lambda n: abs(n - len(query))):
            bucket = self._buckets.get(length)
            if bucket is None or abs(length - len(query)) > bound:
                continue
            # each edit changes at most 2 letters of the set of letters, and the letter counts
            # by at most 2 in L1 distance: cheap filters before the edit distance itself
            rows = np.flatnonzero(np.bitwise_count(bucket.masks ^ q_mask) <= 2 * bound)
            near = np.abs(bucket.letters[rows] - q_letters).sum(axis=1) <= 2 * bound
            rows = rows[near]
            if not len(rows):
                continue
            idx, dist = _distances(q, bucket.codes[rows], bound)
            if not len(idx):
                continue
            idx = rows[idx]
            freqs = bucket.freqs[idx]
            if known:  # the word itself is in the vocabulary: only much commoner neighbours
                keep = (dist > 0) & (freqs >= min_freq)
                idx, dist, freqs = idx[keep], dist[keep], freqs[keep]
                if not len(idx):
                    continue
            # the best ``limit`` of this bucket: by distance, then frequency
            order = np.lexsort((-freqs, dist))[: limit * 4]
            for i, d, f in zip(
                idx[order].tolist(), dist[order].tolist(), freqs[order].tolist(), strict=True
            ):
                found.append((d, -f, bucket.words[i]))
            if limit == 1:
                bound = min(bound, int(dist.min()))
        found.sort()
        return [(w, d, -f) for d, f, w in found[:limit]]

    def suggest(self, word: str) -> str | None:
        """The best correction of ``word``, or None (known word, too short, nothing close)."""
        best = self.candidates(word, limit=1)
        return best[0][0] if best else None

    def correct_query(self, query: str) -> str | None:
        """The query with each unknown word replaced by its suggestion, or None if unchanged.

        Operators (AND/OR/NOT/Y/O/NO as typed), field names (``tema:``), prefixes (``acc*``)
        and numbers are left alone; quoted phrases are corrected word by word too.
        """
        changed = False

        def replace(m: re.Match[str]) -> str:
            nonlocal changed
            word = m.group(1)
            if word in _OPERATORS:
                return word
            suggestion = self.suggest(word)
            if suggestion is None:
                return word
            changed = True
            return suggestion

        corrected = _QUERY_WORD_RE.sub(replace, query)
        return corrected if changed else None


def _letter_counts(codes: np.ndarray) -> np.ndarray:
    """Per row, how many of each letter a-z (column 26: anything else)."""
    slots = codes.astype(np.int64) - ord("a")
    slots[(slots < 0) | (slots > 25)] = 26
    counts = np.zeros((codes.shape[0], 27), dtype=np.int16)
    rows = np.repeat(np.arange(codes.shape[0]), codes.shape[1])
    np.add.at(counts, (rows, slots.ravel()), 1)
    return counts


def _masks(counts: np.ndarray) -> np.ndarray:
    """Per row, a bit per letter that occurs."""
    bits = (np.uint32(1) << np.arange(27, dtype=np.uint32)).astype(np.uint32)
    return ((counts > 0).astype(np.uint32) * bits).sum(axis=1, dtype=np.uint32)


def _distances(query: np.ndarray, words: np.ndarray, bound: int) -> tuple[np.ndarray, np.ndarray]:
    """Indices into ``words`` (rows of code points) within ``bound`` OSA edits, and distances."""
    n, length = words.shape
    idx = np.arange(n)
    cols = np.arange(length + 1)
    cols = cols.astype(np.int16)
    prev = np.broadcast_to(cols, (n, length + 1)).copy()
    prevprev: np.ndarray | None = None
    for i in range(1, len(query) + 1):
        qc = query[i - 1]
        cost = (words != qc).astype(np.int16)  # (n, length)
        tmp = np.empty_like(prev)
        tmp[:, 0] = i
        tmp[:, 1:] = np.minimum(prev[:, 1:] + 1, prev[:, :-1] + cost)
        if prevprev is not None and length >= 2:
            # adjacent transposition: query[i-2:i] == word[j-1], word[j-2] swapped
            swap = (words[:, :-1] == qc) & (words[:, 1:] == query[i - 2])
            tmp[:, 2:] = np.where(swap, np.minimum(tmp[:, 2:], prevprev[:, :-2] + 1), tmp[:, 2:])
        # insertions: cur[j] = min over k <= j of tmp[k] + (j - k)
        cur = np.minimum.accumulate(tmp - cols, axis=1) + cols
        alive = cur.min(axis=1) <= bound
        if not alive.all():
            if not alive.any():
                return idx[:0], idx[:0]
            idx, words, cur, prev = idx[alive], words[alive], cur[alive], prev[alive]
        prevprev, prev = prev, cur
    dist = prev[:, length]
    keep = dist <= bound
    return idx[keep], dist[keep]
