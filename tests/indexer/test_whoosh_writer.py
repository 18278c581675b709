"""The whoosh writer's fast path indexes exactly what whoosh's own per-field path would: for
every Frequency field, ``terms_of`` counts the terms ``field.index`` yields."""

from __future__ import annotations

import itertools
from collections import Counter
from typing import Any

import pytest

from corpus.records import DocumentRecord
from indexer import schema as sc
from indexer.whoosh_writer import terms_of

KEYWORD_VALUES = [
    "IVAI", "  Información   Reservada ", "Yucatán\x1fVeracruz", "a\x1f\x1fb", "\x1f", " \x1fx",
    "LGTAIP 113 V\x1fLGTAIP 113", "Señalamiento ÑANDÚ", "Æsir Œuvre ß", "dup\x1fdup\x1fDUP", "",
]
TEXT_VALUES = [
    "Recurso de revisión RR/DAI/0177/2023-PIII", "José Pérez Ñandú", "de la", "", "6º y 3a.",
    "Ayuntamiento de Xalapa Ayuntamiento",
]


def _fast_fields() -> dict[str, Any]:
    from whoosh import formats

    return {name: f for name, f in sc.build_schema().items()
            if f.indexed and type(f.format) is formats.Frequency and not f.vector}


def _whoosh_counts(field: Any, value: Any) -> Counter[str]:
    return Counter({t.decode("utf-8"): freq for t, freq, _w, _v in field.index(value)})


def test_every_small_field_takes_the_fast_path() -> None:
    names = set(_fast_fields())
    assert set(sc.KEYWORD_FIELDS) <= names
    assert {sc.TITLE_FIELD, "sujeto_text", "ponente_text", sc.TEXT_FIELD} <= names
    assert sc.TITLE_EXACT_FIELD not in names  # positional: whoosh's own path


@pytest.mark.parametrize("value", KEYWORD_VALUES)
def test_keyword_terms_equal_the_keyword_analyzer(value: str) -> None:
    for name in sc.KEYWORD_FIELDS:
        field = sc.build_schema()[name]
        assert Counter(terms_of(field, value)) == _whoosh_counts(field, value), name


@pytest.mark.parametrize("value", TEXT_VALUES)
def test_text_terms_equal_the_field_analyzer(value: str) -> None:
    for name, field in _fast_fields().items():
        if name not in sc.KEYWORD_FIELDS:
            assert Counter(terms_of(field, value)) == _whoosh_counts(field, value), name


def test_documents_index_the_same_terms(sample_records: list[DocumentRecord]) -> None:
    fields = _fast_fields()
    for record in sample_records[:40]:
        for name, value in sc.to_document(record).items():
            if name in fields:
                assert Counter(terms_of(fields[name], value)) == _whoosh_counts(
                    fields[name], value), name


def _reference_weights(freqs: list[int], boost: float) -> tuple[Any, float, float]:
    """The block weights computed the plain way (each weight, then min/max/sum)."""
    from array import array

    weights: Any = [float(f) for f in freqs] if boost == 1.0 else array("f", [f * boost for f in freqs])
    first = weights[0]
    mini = (None if first == 1.0 else first) if all(w == first for w in weights) else tuple(weights)
    return mini, max(weights), sum(weights)


@pytest.mark.parametrize("freqs", [[1], [1, 1, 1], [2], [3, 3], [1, 2, 1], [7, 1, 40], [5] * 128])
@pytest.mark.parametrize("boost", [1.0, 3.0, 4.0])
def test_block_weights_equal_the_plain_computation(freqs: list[int], boost: float) -> None:
    from indexer.whoosh_writer import _block_weights

    got = _block_weights(freqs, boost)
    assert got == _reference_weights(freqs, boost)
    assert [type(v) for v in got] == [type(v) for v in _reference_weights(freqs, boost)]


def _reference_write_term(postfile: Any, tindex: Any, key: bytes, deltas: list[int],
                          freqs: list[int], freq_bytes: bytes, boost: float, level: int,
                          limit: int) -> None:
    """The block-by-block writing of a term through the StructFile methods (the general path
    of ``_write_term``, for any number of blocks)."""
    import itertools
    import pickle
    import zlib

    from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC
    from whoosh.system import pack_int, pack_long

    from indexer.whoosh_writer import _NO_LENGTH, _TERMINFO, COMPRESS_FROM

    offset = postfile.tell()
    postfile.write(WHOOSH3_HEADER_MAGIC)
    count = len(deltas)
    ids = list(itertools.accumulate(deltas))
    total, maxweight = 0.0, 0.0
    for a in range(0, count, limit):
        b = min(a + limit, count)
        block_deltas = deltas[a:b] if a == 0 else [ids[a], *deltas[a + 1 : b]]
        mini, block_max, block_sum = _reference_weights(freqs[a:b], boost)
        total += block_sum
        maxweight = max(maxweight, block_max)
        comp = level if b - a >= COMPRESS_FROM else 0
        data = pickle.dumps((tuple(block_deltas), mini, freq_bytes[4 * a : 4 * b]), 2)
        if comp:
            data = zlib.compress(data, comp)
        info = pickle.dumps((b - a, ids[b - 1], block_max, comp, 0, _NO_LENGTH), 2)
        size = len(info) + len(data)
        postfile.write_int(-size if b == count else size)
        postfile.write(info)
        postfile.write(data)
    length = postfile.tell() - offset
    row = _TERMINFO.pack(0, total, count, 0, _NO_LENGTH, maxweight, deltas[0], ids[-1])
    tindex.add(key, row + pack_long(offset) + pack_int(length))


class _Rows:
    def __init__(self) -> None:
        self.rows: list[tuple[bytes, bytes]] = []

    def add(self, key: bytes, value: bytes) -> None:
        self.rows.append((key, value))


@pytest.mark.parametrize("count", [1, 2, 15, 16, 17, 128, 129, 300])
@pytest.mark.parametrize("boost", [1.0, 3.0])
def test_write_term_writes_what_the_block_by_block_path_writes(count: int, boost: float) -> None:
    import random
    from io import BytesIO

    from whoosh.filedb.structfile import StructFile

    from indexer.whoosh_writer import _write_term

    rng = random.Random(count)
    docs = sorted(rng.sample(range(5000), count))
    deltas = [docs[0], *(b - a for a, b in itertools.pairwise(docs))]
    freqs = [rng.choice([1, 1, 1, 2, 5]) for _ in docs]
    freq_bytes = b"".join(f.to_bytes(4, "big") for f in freqs)
    got, want = StructFile(BytesIO()), StructFile(BytesIO())
    got_rows, want_rows = _Rows(), _Rows()
    for f, rows, write in ((got, got_rows, _write_term), (want, want_rows, _reference_write_term)):
        f.write(b"head")  # offsets are not 0
        write(f, rows, b"\x00\x01term", deltas, freqs, freq_bytes, boost, 3, 128)
    assert got.file.getvalue() == want.file.getvalue()
    assert got_rows.rows == want_rows.rows
