"""Per-document value arrays of one searcher generation: facet counts, filters, date order.

whoosh's ``groupedby`` was measured slow and ``FieldFacet(allow_overlap=True)`` rebuilds its
per-document values from postings on every search. Here each facet field is read from its
postings ONCE per searcher generation into two numpy arrays, ``docs`` and ``codes`` (one pair
per (document, value)); counting the values of all matches is then one ``bincount`` over a
boolean mask of matching documents. Filter masks are cached the same way.

Nothing here is shared across generations: ``SearchCore`` drops a ``DocArrays`` when the index
changes. Built lazily, field by field, under the core's lock.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

import numpy as np
from numpy.typing import NDArray

Mask = NDArray[np.bool_]
V = TypeVar("V")


@dataclass(frozen=True)
class FieldValues:
    """Every (document, value) pair of one field: ``values[codes[i]]`` is in ``docs[i]``."""

    values: tuple[str, ...]
    docs: NDArray[np.int32]
    codes: NDArray[np.int32]

    def code(self, value: str) -> int | None:
        try:
            return self.values.index(value)
        except ValueError:
            return None

    def counts(self, matches: Mask) -> NDArray[np.int64]:
        """How many matching documents carry each value (indexed like ``values``)."""
        if not len(self.docs):
            return np.zeros(len(self.values), dtype=np.int64)
        return np.bincount(self.codes[matches[self.docs]], minlength=len(self.values))

    def mask(self, wanted: Iterable[int], size: int) -> Mask:
        """Documents carrying any of the value codes ``wanted``."""
        out = np.zeros(size, dtype=bool)
        codes = np.fromiter(wanted, dtype=np.int32)
        if len(codes):
            out[self.docs[np.isin(self.codes, codes)]] = True
        return out


def field_values(
    terms: Iterable[tuple[str, Iterable[int]]], decode: Callable[[str], str] = str
) -> FieldValues:
    """Build the arrays from (term, docnums) pairs, as read from a field's postings."""
    values: list[str] = []
    doc_parts: list[NDArray[np.int32]] = []
    code_parts: list[NDArray[np.int32]] = []
    for code, (term, docnums) in enumerate(terms):
        ids = np.fromiter(docnums, dtype=np.int32)
        values.append(decode(term))
        doc_parts.append(ids)
        code_parts.append(np.full(len(ids), code, dtype=np.int32))
    if not values:
        empty = np.zeros(0, dtype=np.int32)
        return FieldValues((), empty, empty)
    return FieldValues(tuple(values), np.concatenate(doc_parts), np.concatenate(code_parts))


class LruCache(Generic[V]):
    """A tiny LRU (masks are ~150 KB each at 150k documents)."""

    def __init__(self, size: int = 64) -> None:
        self.size = size
        self._data: OrderedDict[object, V] = OrderedDict()

    def get(self, key: object) -> V | None:
        value = self._data.get(key)
        if value is not None:
            self._data.move_to_end(key)
        return value

    def put(self, key: object, value: V) -> None:
        self._data[key] = value
        self._data.move_to_end(key)
        while len(self._data) > self.size:
            self._data.popitem(last=False)


def top_values(
    fv: FieldValues, counts: NDArray[np.int64], limit: int, selected: Iterable[str]
) -> list[tuple[str, int]]:
    """The ``limit`` most frequent values with a non-zero count (ties by value), plus the
    selected ones whatever their count, so a page can always show what is ticked."""
    nonzero = np.nonzero(counts)[0]
    order = sorted(nonzero.tolist(), key=lambda c: (-int(counts[c]), fv.values[c]))[:limit]
    out = [(fv.values[c], int(counts[c])) for c in order]
    shown = {v for v, _ in out}
    for value in selected:
        if value not in shown:
            code = fv.code(value)
            out.append((value, int(counts[code]) if code is not None else 0))
            shown.add(value)
    return out
