"""Extraction: a file (PDF, scanned PDF, HTML, DOCX, text) → clean ``ExtractedText``.

``extract_file`` runs in this process; ``extract_bounded`` and ``extract_many`` run it in child
processes bounded in time and memory, which is what ingestion of untrusted files should use.
"""

from corpus.extract.bounded import extract_bounded, extract_many
from corpus.extract.core import ExtractOptions, extract_file, make_options

__all__ = ["ExtractOptions", "extract_bounded", "extract_file", "extract_many", "make_options"]
