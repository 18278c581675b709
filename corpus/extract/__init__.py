"""Extraction: a file (PDF, scanned PDF, HTML, DOCX, text) → clean ``ExtractedText``.

* ``extract_file(path, *, ocr=True, ocr_lang="spa", ...)`` runs in this process; the format is
  judged by content (``sniff``), never by the file name.
* ``extract_many(paths, *, workers=1, timeout_s, max_memory_mb, ...)`` yields one
  ``(path, ExtractedText | IngestError)`` per path, extracting in worker subprocesses bounded
  in wall-clock time and address space; ``extract_bounded`` does the same for one file and
  raises. Untrusted input should go through these.

Modules: ``sniff`` (format), ``pdf`` (pdfminer + layout repairs), ``pdf_guard`` (pdfminer
against hostile PDFs: bombs, cycles, lying counts), ``ocr`` (pypdfium2 +
Tesseract), ``ocr_repair`` (OCR's I/l/1 confusions), ``html``, ``docx``, ``clean`` (headers,
counters, hyphens, Unicode), ``core`` (dispatch, options), ``bounded`` + ``worker`` (limits).
"""

from corpus.extract.bounded import extract_bounded, extract_many
from corpus.extract.core import ExtractOptions, extract_file, make_options

__all__ = ["ExtractOptions", "extract_bounded", "extract_file", "extract_many", "make_options"]
