"""A deterministic generator of SAMPLE resolutions and criteria of the six bodies, marked as
sample data in every file, with their ground truth (see ``generate``)."""

from __future__ import annotations

from corpus.sample.generate import (
    DEFAULT_COUNT,
    iter_records,
    to_record,
    write_corpus,
    write_records,
)

__all__ = ["DEFAULT_COUNT", "iter_records", "to_record", "write_corpus", "write_records"]
