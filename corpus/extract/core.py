"""``extract_file``: sniff the format from the bytes, run the matching extractor, in process.

For untrusted input use ``corpus.extract.bounded`` (child processes with time and memory
limits); this module is what runs inside them.
"""

from __future__ import annotations

import stat
from dataclasses import dataclass, field
from pathlib import Path

from corpus.errors import (
    CorruptFileError,
    EmptyDocumentError,
    FileTooLargeError,
    IngestError,
    UnsupportedFormatError,
)
from corpus.extract.clean import clean_text, has_words
from corpus.extract.docx import ZipLimits, extract_docx
from corpus.extract.html import decode_plain, extract_html
from corpus.extract.pdf import PdfOptions, extract_pdf
from corpus.extract.sniff import SNIFF_BYTES, sniff_format
from corpus.records import ExtractedText, PageText

DEFAULT_MAX_FILE_MB = 200
# A web page of a body's site weighs well under 5 MB; past this, parsing it into a tree
# would take minutes and gigabytes (50 MB of one line measured a timeout at 60 s).
DEFAULT_MAX_HTML_MB = 20


@dataclass(frozen=True)
class ExtractOptions:
    """Everything extraction can be told; picklable, so it travels to worker processes."""

    pdf: PdfOptions = field(default_factory=PdfOptions)
    zip_limits: ZipLimits = field(default_factory=ZipLimits)
    max_file_mb: int = DEFAULT_MAX_FILE_MB
    max_html_mb: int = DEFAULT_MAX_HTML_MB


def make_options(
    *,
    ocr: bool = True,
    ocr_lang: str = "spa",
    ocr_dpi: int = 300,
    tesseract_cmd: str = "tesseract",
    max_pages: int = 2000,
    max_file_mb: int = DEFAULT_MAX_FILE_MB,
    max_stream_mb: int = 256,
    min_page_chars: int = 20,
) -> ExtractOptions:
    """Build ``ExtractOptions`` from the keyword arguments the public functions share."""
    return ExtractOptions(
        pdf=PdfOptions(
            ocr=ocr,
            ocr_lang=ocr_lang,
            ocr_dpi=ocr_dpi,
            tesseract_cmd=tesseract_cmd,
            max_pages=max_pages,
            min_page_chars=min_page_chars,
            max_stream_mb=max_stream_mb,
        ),
        max_file_mb=max_file_mb,
    )


def extract_plain(path: Path, data: bytes) -> ExtractedText:
    """A plain text file (.txt, .md): UTF-8, or cp1252 with a warning."""
    text, notes = decode_plain(data)
    cleaned = clean_text(text)
    if not has_words(cleaned):
        raise EmptyDocumentError(path, "el archivo no tiene texto")
    return ExtractedText(
        source=str(path),
        format="txt",
        pages=(PageText(1, cleaned, "plain"),),
        warnings=tuple(notes),
    )


def extract_with(path: Path, options: ExtractOptions) -> ExtractedText:
    """Extract ``path`` with ready-made options (what worker processes call)."""
    path = Path(path)
    try:
        info = path.stat()
    except OSError as exc:
        raise IngestError(path, f"no se pudo abrir: {exc.strerror or exc}") from exc
    if stat.S_ISDIR(info.st_mode):
        raise IngestError(path, "no se pudo abrir: es una carpeta")
    if not stat.S_ISREG(info.st_mode):  # opening a FIFO would block; a device never ends
        raise UnsupportedFormatError(path, "no es un archivo regular (tubería, dispositivo o socket)")
    size = info.st_size
    if size > options.max_file_mb * 1024 * 1024:
        raise FileTooLargeError(
            path, f"{size / 1024 / 1024:.0f} MB; el límite es {options.max_file_mb} MB"
        )
    if size == 0:
        raise EmptyDocumentError(path, "el archivo está vacío")
    try:
        with path.open("rb") as fh:
            head = fh.read(SNIFF_BYTES)
    except OSError as exc:  # a folder, no permission, a vanished file
        raise IngestError(path, f"no se pudo abrir: {exc.strerror or exc}") from exc
    kind = sniff_format(path, head)
    if kind == "docx":
        return extract_docx(path, options.zip_limits)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CorruptFileError(path, f"no se pudo leer: {exc}") from exc
    if kind == "pdf":
        return extract_pdf(path, options.pdf, data)
    if kind == "html":
        if size > options.max_html_mb * 1024 * 1024:
            raise FileTooLargeError(
                path,
                f"página HTML de {size / 1024 / 1024:.0f} MB; el límite es {options.max_html_mb} MB",
            )
        return extract_html(path, data)
    return extract_plain(path, data)


def extract_file(
    path: str | Path,
    *,
    ocr: bool = True,
    ocr_lang: str = "spa",
    ocr_dpi: int = 300,
    tesseract_cmd: str = "tesseract",
    max_pages: int = 2000,
    max_file_mb: int = DEFAULT_MAX_FILE_MB,
    max_stream_mb: int = 256,
    min_page_chars: int = 20,
) -> ExtractedText:
    """Extract the clean text of one file, judged by content (PDF, DOCX, HTML, plain text).

    Raises an ``IngestError`` subclass for a file that cannot be read; its ``reason`` says why.
    Runs in this process with no time or memory bound: see ``extract_bounded`` for that.
    """
    options = make_options(
        ocr=ocr,
        ocr_lang=ocr_lang,
        ocr_dpi=ocr_dpi,
        tesseract_cmd=tesseract_cmd,
        max_pages=max_pages,
        max_file_mb=max_file_mb,
        max_stream_mb=max_stream_mb,
        min_page_chars=min_page_chars,
    )
    return extract_with(Path(path), options)
