"""Format detection by content (magic bytes and markup sniffing), never by file name.

A PDF named ``.html`` is read as a PDF; a PNG named ``.pdf`` is reported as an image.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from corpus.errors import CorruptFileError, EmptyDocumentError, UnsupportedFormatError

SNIFF_BYTES = 8192

# magic prefix -> Spanish description, for the "unsupported" message.
_KNOWN_BINARIES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "imagen PNG"),
    (b"\xff\xd8\xff", "imagen JPEG"),
    (b"GIF87a", "imagen GIF"),
    (b"GIF89a", "imagen GIF"),
    (b"II*\x00", "imagen TIFF"),
    (b"MM\x00*", "imagen TIFF"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "documento de Office antiguo (.doc/.xls)"),
    (b"{\\rtf", "documento RTF"),
    (b"\x1f\x8b", "archivo comprimido gzip"),
    (b"Rar!", "archivo comprimido RAR"),
    (b"7z\xbc\xaf\x27\x1c", "archivo comprimido 7z"),
    (b"\x7fELF", "programa ejecutable"),
)
_HTML_TAG_RE = re.compile(
    rb"<(?:!doctype\s+html|html|head|body|meta|title|div|p|table|article|main|section|h[1-6])[\s>/]",
    re.IGNORECASE,
)
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_BINARY_CONTROL_RE = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def _zip_kind(path: Path) -> str:
    """Return "docx" for a Word document, else a Spanish description of the zip.

    A zip that cannot be opened (cut short, no central directory) raises ``CorruptFileError``.
    """
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise CorruptFileError(path, f"archivo ZIP dañado o incompleto: {exc}") from exc
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "hoja de cálculo (.xlsx)"
    if "ppt/presentation.xml" in names:
        return "presentación (.pptx)"
    if "content.xml" in names:
        return "documento OpenDocument"
    return "archivo ZIP"


def _looks_like_text(head: bytes) -> bool:
    return not _BINARY_CONTROL_RE.search(head)


def utf16_without_bom(head: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" when ``head`` reads as UTF-16 text with no BOM, else None.

    Text in a Latin script saved as UTF-16 has a NUL in every other byte; judged on the
    first 4 KiB, which must then decode to text without control characters.
    """
    sample = head[:4096]
    sample = sample[: len(sample) - len(sample) % 2]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    for encoding, zeros, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros.count(0) >= 0.9 * len(zeros) and other.count(0) == 0:
            try:
                text = sample.decode(encoding)
            except UnicodeDecodeError:
                return None
            return encoding if _looks_like_text(text.encode("utf-8")) else None
    return None


def sniff_format(path: Path, head: bytes | None = None) -> str:
    """Return "pdf", "docx", "html" or "txt" for ``path``, judged by its bytes.

    Raises ``EmptyDocumentError`` for an empty (or whitespace-only) file and
    ``UnsupportedFormatError`` for anything else (images, other zips, binaries).
    """
    if head is None:
        with path.open("rb") as fh:
            head = fh.read(SNIFF_BYTES)
    if not head.strip() and path.stat().st_size <= len(head):
        raise EmptyDocumentError(path, "el archivo está vacío")
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        kind = _zip_kind(path)
        if kind == "docx":
            return "docx"
        raise UnsupportedFormatError(path, kind)
    for magic, what in _KNOWN_BINARIES:
        if head.startswith(magic):
            raise UnsupportedFormatError(path, what)
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        raise UnsupportedFormatError(path, "imagen WebP")
    body = head
    for bom in _BOMS:
        if body.startswith(bom):
            if bom != b"\xef\xbb\xbf":
                # UTF-16: judge the decoded text
                body = head.decode("utf-16", errors="ignore").encode("utf-8")
            else:
                body = body[len(bom) :]
            break
    stripped = body.lstrip()
    if stripped.startswith(b"<") and _HTML_TAG_RE.search(body[:4096]):
        return "html"
    if _looks_like_text(body) or utf16_without_bom(body):
        return "txt"
    raise UnsupportedFormatError(path, "archivo binario de tipo desconocido")
