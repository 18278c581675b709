"""The whoosh segment writer of this project: durable commits, the previous generation kept,
and a fast path for every non-positional field.

Fast path: whoosh sends every posting through a Python sorting pool and then through a
per-posting writer (about 30 µs per posting here; a 1,000-word document has ~2,500 postings
in the stemmed, exact and shingle fields), and each of the ~20 small fields through its
analyzer and token objects. For every Frequency field (the big text fields, pre-analysed and
counted by ``indexer.schema.preanalyze``; keyword fields, split by
``indexer.schema.keyword_terms``; title, sujeto and ponente through their own analyzer, see
``terms_of``) this writer keeps an in-memory inverted list per term (docnums and frequencies,
already in order) and at flush writes each term's posting blocks directly in whoosh's W3
format. Memory is bounded by the batch size (documents per commit). Positional fields
(title_exact, identifiers), the id, the date and columns go through whoosh's own path.

Writers that add documents never merge segments (merging would mix whoosh's pool and the
in-memory lists); ``merge_if_needed`` runs a merge-only writer when segments pile up.
"""

from __future__ import annotations

import itertools
import pickle
import struct
import zlib
from array import array
from collections import Counter
from collections.abc import Iterator
from itertools import groupby, repeat
from operator import itemgetter
from pathlib import Path
from typing import Any

from whoosh import formats
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC
from whoosh.filedb.structfile import StructFile
from whoosh.index import TOC
from whoosh.system import pack_int, pack_long, pack_ushort
from whoosh.util.numeric import length_to_byte
from whoosh.writing import SegmentWriter

from indexer import lifecycle

MERGE_AT = 24  # segments; past this a merge-only writer merges the smaller half
SMALL = 16  # terms; shorter lists are counted by a plain loop (a Counter costs more)
Terms = list[str] | dict[str, int]  # a document's terms in order, or term → frequency


def merge_policy(writer: Any, segments: list[Any]) -> list[Any]:
    """Merge the smaller half of the segments when there are more than ``MERGE_AT``."""
    if len(segments) <= MERGE_AT:
        return segments
    from whoosh.reading import SegmentReader

    ordered = sorted(segments, key=lambda s: s.doc_count())
    cut = len(ordered) // 2 + 1
    for seg in ordered[:cut]:
        reader = SegmentReader(writer.storage, writer.schema, seg)
        writer.add_reader(reader)
        reader.close()
    return ordered[cut:]


class DurableSegmentWriter(SegmentWriter):
    """A whoosh segment writer whose commit is durable and keeps the previous generation.

    Commit order: fsync the new segment files → write the TOC (temp + rename) → fsync the TOC
    and the directory → delete files that belong neither to this generation nor to the one
    this writer started from.
    """

    def __init__(self, ix: Any, **kwargs: Any) -> None:
        super().__init__(ix, **kwargs)
        self._base_generation = self.generation - 1
        self._base_segments = {s.segment_id() for s in self.segments}
        self._dir = Path(self.storage.folder)
        self._inverted: dict[str, _Inverted] = {
            name: _Inverted(field.scorable, _is_keyword(field))
            for name, field in self.schema.items()
            if field.indexed and type(field.format) is formats.Frequency and not field.vector
        }

    # -- documents -----------------------------------------------------------------------

    def add_document(self, **fields: Any) -> None:
        """whoosh's add_document, with pre-analysed lists of fast fields inverted in memory.
        (No per-document boosts, term vectors or spelling fields: the schema has none.)"""
        self._check_state()
        perdoc = self.perdocwriter
        schema = self.schema
        docnum = self.docnum
        add_post = self.pool.add
        names = sorted(n for n in fields if not n.startswith("_"))
        self._check_fields(schema, names)
        perdoc.start_doc(docnum)
        try:
            for name in names:
                value = fields[name]
                if value is None:
                    continue
                field = schema[name]
                length = 0
                if field.indexed:
                    inverted = self._inverted.get(name)
                    if inverted is not None:
                        length = inverted.add(terms_of(field, value, inverted.keyword), docnum)
                    else:
                        scorable = field.scorable
                        for tbytes, freq, weight, vbytes in field.index(value):
                            if scorable:
                                length += freq
                            add_post((name, tbytes, docnum, weight, vbytes))
                custom = fields.get(f"_stored_{name}", value)
                perdoc.add_field(name, field, custom if field.stored else None, length)
                column = field.column_type
                if column and custom is not None:
                    perdoc.add_column_value(name, column, field.to_column_value(custom))
        except Exception:
            perdoc.cancel_doc()
            raise
        perdoc.finish_doc()
        self._added = True
        self.docnum += 1

    # -- commit ----------------------------------------------------------------------------

    def _merge_segments(self, mergetype: Any, optimize: Any, merge: Any) -> list[Any]:
        if self._added:
            return list(self.segments)  # see the module docstring: merge in a later writer
        return list(super()._merge_segments(mergetype or merge_policy, optimize, merge))

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        writer = self.fieldwriter
        # Fields must be written in name order (multi-segment readers merge term iterators
        # by (field name, term)), so ours are interleaved with the pool's field groups.
        # No per-posting length statistics: block-max bounds stay conservative (scores are
        # unchanged; whoosh may only skip fewer blocks).
        fast = sorted(name for name, inverted in self._inverted.items() if inverted)
        for name, group in groupby(self.pool.iter_postings(), key=itemgetter(0)):
            while fast and fast[0] < name:
                ours = fast.pop(0)
                _write_field(writer, ours, self.schema[ours], self._inverted[ours])
            writer.add_postings(self.schema, None, group)
        for ours in fast:
            _write_field(writer, ours, self.schema[ours], self._inverted[ours])
        self._inverted = {name: _Inverted(inv.scorable) for name, inv in self._inverted.items()}
        writer.close()

    def _commit_toc(self, segments: list[Any]) -> None:
        new_ids = {s.segment_id() for s in segments}
        for name in lifecycle.segment_files(self._dir, new_ids - self._base_segments):
            lifecycle.fsync_path(self._dir / name)
        toc = TOC(self.schema, segments, self.generation)
        toc.write(self.storage, self.indexname)
        lifecycle.fsync_path(self._dir / lifecycle.toc_name(self.generation))
        lifecycle.fsync_path(self._dir)
        lifecycle.clean_files(
            self._dir, {self.generation, self._base_generation}, new_ids | self._base_segments
        )


def _is_keyword(field: Any) -> bool:
    from indexer.schema import KEYWORD_ANALYZER

    return bool(field.analyzer == KEYWORD_ANALYZER)  # compares whoosh's big charset table


def terms_of(field: Any, value: Any, keyword: bool | None = None) -> Terms:
    """The terms a Frequency field indexes for ``value``, as ``field.index(value)`` would
    count them: pre-analysed terms (a list, or a term → frequency dict) as they are; a keyword
    field's value split and normalised as its analyzer does (``indexer.schema.keyword_terms``);
    any other text through the field's own analyzer (unstopped tokens). ``keyword``: whether
    the field has the keyword analyzer, when the caller knows. Tests compare this with
    ``field.index`` field by field."""
    if isinstance(value, (list, dict)):
        return value
    if keyword is None:
        keyword = _is_keyword(field)
    if keyword:
        from indexer.schema import keyword_terms

        return keyword_terms(value)
    return [t.text for t in field.analyzer(value, mode="index", boosts=True) if not t.stopped]


class _Inverted:
    """One field's postings for the documents of a batch, as three flat arrays (term id,
    docnum, frequency): a document costs a Counter and three C-level extends, not a Python
    loop per posting. ``groups()`` sorts them into per-term runs with numpy at flush.
    (Every Frequency field goes this way, small ones too: whoosh's own per-field path costs
    ~20 µs per field and posting, the fields besides the body text cost a third of indexing.)"""

    __slots__ = ("docs", "freqs", "keyword", "scorable", "tids", "vocab")

    def __init__(self, scorable: bool = True, keyword: bool = False) -> None:
        self.scorable, self.keyword = scorable, keyword
        self.vocab: dict[str, int] = {}
        self.tids: array[int] = array("I")
        self.docs: array[int] = array("I")
        self.freqs: array[int] = array("I")

    def __bool__(self) -> bool:
        return bool(self.vocab)

    def add(self, terms: Terms, docnum: int) -> int:
        """Add one document's terms (a list, or term → frequency); returns the field length
        (0 when not scorable)."""
        if not terms:
            return 0
        vocab = self.vocab
        if type(terms) is list and len(terms) < SMALL:  # titles, keyword values: no Counter
            tids, freqs = self.tids, self.freqs
            seen: dict[str, int] = {}
            for term in terms:
                seen[term] = seen.get(term, 0) + 1
            for term, n in seen.items():
                tid = vocab.get(term)
                if tid is None:
                    tid = vocab[term] = len(vocab)
                tids.append(tid)
                freqs.append(n)
            self.docs.extend(repeat(docnum, len(seen)))
            return len(terms) if self.scorable else 0
        counts: dict[str, int] = Counter(terms) if isinstance(terms, list) else terms
        for term in set(counts).difference(vocab):  # iterates the document's terms only
            vocab[term] = len(vocab)
        self.tids.extend(map(vocab.__getitem__, counts))
        self.freqs.extend(counts.values())
        self.docs.extend(repeat(docnum, len(counts)))
        if not self.scorable:
            return 0
        return len(terms) if isinstance(terms, list) else sum(counts.values())

    def groups(self) -> Iterator[tuple[str, list[int], list[int], bytes]]:
        """(term, docnum deltas, frequencies, frequencies as big-endian uint32) per term, in
        term order (code point order is UTF-8 byte order), docnums ascending."""
        import numpy as np

        names = list(self.vocab)  # index = term id
        order = sorted(range(len(names)), key=names.__getitem__)
        rank = np.empty(len(names), dtype=np.int64)
        rank[order] = np.arange(len(names))
        keys = rank[np.frombuffer(self.tids, dtype=np.uint32)]
        perm = np.argsort(keys, kind="stable")  # stable: docnums stay ascending in a term
        keys = keys[perm]
        docs = np.frombuffer(self.docs, dtype=np.uint32)[perm].astype(np.int64)
        freqs = np.frombuffer(self.freqs, dtype=np.uint32)[perm]
        starts = np.flatnonzero(np.diff(keys, prepend=-1))
        del keys, perm
        deltas = np.diff(docs, prepend=0)
        deltas[starts] = docs[starts]  # whoosh delta-encodes each block from 0
        del docs
        freq_bytes = freqs.astype(">u4").tobytes()
        bounds = [*starts.tolist(), len(deltas)]
        # Python lists per term, not for the whole field: a list of 16 million ints is ~600 MB
        for rank_, (a, b) in enumerate(itertools.pairwise(bounds)):
            yield (names[order[rank_]], deltas[a:b].tolist(), freqs[a:b].tolist(),
                   freq_bytes[4 * a : 4 * b])


COMPRESS_FROM = 16  # postings; smaller blocks are written uncompressed (zlib gains nothing)
_TERMINFO = struct.Struct("!BfIBBfII")  # whoosh.codec.whoosh3.W3TermInfo._struct
_NO_LENGTH = length_to_byte(0)


def _write_field(writer: Any, name: str, field: Any, inverted: _Inverted) -> None:
    """Write a field's terms with their posting blocks and term-info rows, as whoosh's W3
    writer would (see ``_write_term``)."""
    boost = float(field.format.field_boost)
    writer.start_field(name, field)
    post = writer._postwriter
    limit, level = post._blocklimit, post._compression
    postfile, tindex = writer._postfile, writer._tindex
    prefix = pack_ushort(writer._fieldid)
    for term, deltas, freqs, freq_bytes in inverted.groups():
        _write_term(postfile, tindex, prefix + term.encode("utf-8"), deltas, freqs, freq_bytes,
                    boost, level, limit)
    writer.finish_field()


def _block_weights(freqs: list[int], boost: float) -> tuple[Any, float, float]:
    """(minified weights as whoosh pickles them, max weight, sum of weights) of one block."""
    if boost == 1.0:  # frequencies are exact in float32: no rounding to emulate
        low, high = min(freqs), max(freqs)
        if low == high:
            return (None if low == 1 else float(low)), float(high), float(high * len(freqs))
        return tuple(map(float, freqs)), float(high), float(sum(freqs))
    weights = array("f", [f * boost for f in freqs])
    first = weights[0]
    if all(w == first for w in weights):
        mini: Any = None if first == 1.0 else first
    else:
        mini = tuple(weights)
    return mini, max(weights), sum(weights)


def _write_term(postfile: Any, tindex: Any, key: bytes, deltas: list[int], freqs: list[int],
                freq_bytes: bytes, boost: float, level: int, limit: int) -> None:
    """One term's posting blocks and term-info row: what W3PostingsWriter and
    W3FieldWriter.finish_term write for a Frequency field without length statistics (blocks
    of ``limit`` postings, the last one with a negative length; small blocks uncompressed).
    A term of one block (nearly all) is written with one call on the underlying file."""
    count = len(deltas)
    if count <= limit:
        raw = postfile.file if type(postfile) is StructFile else postfile
        offset = raw.tell()
        last_id = sum(deltas)
        mini, block_max, total = _block_weights(freqs, boost)
        comp = level if count >= COMPRESS_FROM else 0
        data = pickle.dumps((tuple(deltas), mini, freq_bytes), 2)
        if comp:
            data = zlib.compress(data, comp)
        info = pickle.dumps((count, last_id, block_max, comp, 0, _NO_LENGTH), 2)
        block = WHOOSH3_HEADER_MAGIC + pack_int(-(len(info) + len(data))) + info + data
        raw.write(block)
        row = _TERMINFO.pack(0, total, count, 0, _NO_LENGTH, block_max, deltas[0], last_id)
        tindex.add(key, row + pack_long(offset) + pack_int(len(block)))
        return
    offset = postfile.tell()
    postfile.write(WHOOSH3_HEADER_MAGIC)
    ids = deltas if count <= limit else list(itertools.accumulate(deltas))
    total, maxweight = 0.0, 0.0
    for a in range(0, count, limit):
        b = min(a + limit, count)
        block_deltas = deltas[a:b] if a == 0 else [ids[a], *deltas[a + 1 : b]]
        mini, block_max, block_sum = _block_weights(freqs[a:b], boost)
        total += block_sum
        maxweight = max(maxweight, block_max)
        comp = level if b - a >= COMPRESS_FROM else 0
        data = pickle.dumps((tuple(block_deltas), mini, freq_bytes[4 * a : 4 * b]), 2)
        if comp:
            data = zlib.compress(data, comp)
        last_id = ids[b - 1] if count > limit else sum(deltas)
        info = pickle.dumps((b - a, last_id, block_max, comp, 0, _NO_LENGTH), 2)
        size = len(info) + len(data)
        postfile.write_int(-size if b == count else size)
        postfile.write(info)
        postfile.write(data)
    length = postfile.tell() - offset
    first_id, last_id = deltas[0], (ids[-1] if count > limit else sum(deltas))
    row = _TERMINFO.pack(0, total, count, 0, _NO_LENGTH, maxweight, first_id, last_id)
    tindex.add(key, row + pack_long(offset) + pack_int(length))


def merge_if_needed(ix: Any, **writer_args: Any) -> bool:
    """Run a merge-only writer when the index has more than ``MERGE_AT`` segments (call with
    the write lock held). Returns True when it committed a merge."""
    if len(ix._segments()) <= MERGE_AT:
        return False
    writer = DurableSegmentWriter(ix, **writer_args)
    writer.commit()
    return True
