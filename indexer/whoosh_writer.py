"""The whoosh segment writer of this project: durable commits, the previous generation kept,
and a fast path for the big text fields.

Fast path: whoosh sends every posting through a Python sorting pool and then through a
per-posting writer (about 30 µs per posting here; a 1,000-word document has ~2,500 postings
in the stemmed, exact and shingle fields). For those fields (pre-analysed term lists, see
``indexer.schema.FastText``) this writer counts terms per document with a ``Counter``, keeps
an in-memory inverted list per term (docnums and frequencies, already in order), and at flush
writes each term's posting blocks directly in whoosh's W3 format. Memory is bounded by the
batch size (documents per commit). Every other field goes through whoosh's own path.

Writers that add documents never merge segments (merging would mix whoosh's pool and the
in-memory lists); ``merge_if_needed`` runs a merge-only writer when segments pile up.
"""

from __future__ import annotations

import pickle
import struct
import zlib
from array import array
from collections import Counter
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import Any

from whoosh import formats
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC
from whoosh.index import TOC
from whoosh.system import pack_int, pack_long, pack_uint, pack_ushort
from whoosh.util.numeric import length_to_byte
from whoosh.util.numlists import delta_encode
from whoosh.writing import SegmentWriter

from indexer import lifecycle

MERGE_AT = 24  # segments; past this a merge-only writer merges the smaller half


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
        self._inverted: dict[str, dict[str, array[int]]] = {
            name: {}
            for name, field in self.schema.items()
            if getattr(field, "preanalysed", False) and type(field.format) is formats.Frequency
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
                    if inverted is not None and isinstance(value, list):
                        length = _invert(inverted, value, docnum)
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
        self._inverted = {name: {} for name in self._inverted}
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


def _invert(inverted: dict[str, array[int]], terms: list[str], docnum: int) -> int:
    """Add one document's terms to the in-memory inverted lists; returns the field length."""
    get = inverted.get
    for term, freq in Counter(terms).items():
        postings = get(term)
        if postings is None:
            inverted[term] = postings = array("I")
        postings.append(docnum)
        postings.append(freq)
    return len(terms)


COMPRESS_FROM = 16  # postings; smaller blocks are written uncompressed (zlib gains nothing)
_TERMINFO = struct.Struct("!BfIBBfII")  # whoosh.codec.whoosh3.W3TermInfo._struct
_NO_LENGTH = length_to_byte(0)


def _write_field(writer: Any, name: str, field: Any, inverted: dict[str, array[int]]) -> None:
    """Write a field's terms (sorted: code point order is UTF-8 byte order) with their posting
    blocks, as whoosh's W3 writer would. A term whose postings fit in one block (nearly all)
    is written here directly; longer ones go through whoosh's postings writer."""
    boost = float(field.format.field_boost)
    writer.start_field(name, field)
    post = writer._postwriter
    limit = post._blocklimit
    level = post._compression
    postfile, tindex = writer._postfile, writer._tindex
    prefix = pack_ushort(writer._fieldid)
    for term in sorted(inverted):
        flat = inverted[term]
        ids, freqs = flat[0::2], flat[1::2]
        if len(ids) <= limit:
            _write_one_block(postfile, tindex, prefix + term.encode("utf-8"), ids, freqs, boost,
                             level if len(ids) >= COMPRESS_FROM else 0)
            continue
        writer.start_term(term.encode("utf-8"))
        for start in range(0, len(ids), limit):
            if start:
                post._write_block()
            chunk = freqs[start : start + limit]
            post._ids = ids[start : start + limit]
            post._weights = array("f", [f * boost for f in chunk])
            post._values = [pack_uint(f) for f in chunk]
            post._maxweight = max(post._weights)
            post._compression = level
        writer.finish_term()
    writer.finish_field()


def _write_one_block(postfile: Any, tindex: Any, key: bytes, ids: array[int],
                     freqs: array[int], boost: float, level: int) -> None:
    """One term, one (last) posting block, and its term-info row: byte for byte what
    W3PostingsWriter.finish_postings + W3FieldWriter.finish_term write for a Frequency field
    without length statistics."""
    weights = array("f", [f * boost for f in freqs])
    first = weights[0]
    if all(w == first for w in weights):
        mini_weights: Any = None if first == 1.0 else first
    else:
        mini_weights = tuple(weights)
    data = pickle.dumps((tuple(delta_encode(ids)), mini_weights,
                         b"".join(pack_uint(f) for f in freqs)), 2)
    if level:
        data = zlib.compress(data, level)
    maxweight = max(weights)
    info = pickle.dumps((len(ids), ids[-1], maxweight, level, 0, _NO_LENGTH), 2)
    offset = postfile.tell()
    postfile.write(WHOOSH3_HEADER_MAGIC)
    postfile.write_int(-(len(info) + len(data)))
    postfile.write(info)
    postfile.write(data)
    length = postfile.tell() - offset
    row = _TERMINFO.pack(0, sum(weights), len(ids), 0, _NO_LENGTH, maxweight, ids[0], ids[-1])
    tindex.add(key, row + pack_long(offset) + pack_int(length))


def merge_if_needed(ix: Any, **writer_args: Any) -> bool:
    """Run a merge-only writer when the index has more than ``MERGE_AT`` segments (call with
    the write lock held). Returns True when it committed a merge."""
    if len(ix._segments()) <= MERGE_AT:
        return False
    writer = DurableSegmentWriter(ix, **writer_args)
    writer.commit()
    return True
