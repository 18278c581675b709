"""Word documents (.docx): body paragraphs and tables in document order.

Running headers and footers live in separate parts of the package and are not body text, so
they are left out. Before python-docx opens the file, the zip's own directory is checked for
decompression bombs (total size, compression ratio, entry count) and the XML parts for DTDs
(entity-expansion bombs): a legitimate .docx never declares entities.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from corpus.errors import CorruptFileError, DecompressionBombError, EmptyDocumentError
from corpus.extract.clean import clean_text, has_words
from corpus.records import ExtractedText, PageText


@dataclass(frozen=True)
class ZipLimits:
    """What a .docx may unpack to before it is called a bomb."""

    max_total_mb: int = 300
    max_entries: int = 5000
    max_ratio: float = 200.0  # uncompressed / compressed, for members above ``ratio_floor_mb``
    ratio_floor_mb: int = 5


def check_zip(path: Path, limits: ZipLimits = ZipLimits()) -> None:
    """Raise ``DecompressionBombError`` (or ``CorruptFileError``) before anything is inflated."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            if len(infos) > limits.max_entries:
                raise DecompressionBombError(path, f"{len(infos)} entradas en el ZIP")
            total = sum(i.file_size for i in infos)
            if total > limits.max_total_mb * 1024 * 1024:
                raise DecompressionBombError(path, f"se descomprime a {total // (1024 * 1024)} MB")
            for info in infos:
                ratio = info.file_size / max(info.compress_size, 1)
                if (
                    info.file_size > limits.ratio_floor_mb * 1024 * 1024
                    and ratio > limits.max_ratio
                ):
                    raise DecompressionBombError(
                        path, f"{info.filename}: razón de compresión {ratio:.0f}:1"
                    )
            for info in infos:
                if info.filename.endswith((".xml", ".rels")) and _declares_entities(zf, info):
                    raise DecompressionBombError(path, f"{info.filename} declara entidades XML")
    except zipfile.BadZipFile as exc:
        raise CorruptFileError(path, f"ZIP inválido: {exc}") from exc
    except (zipfile.LargeZipFile, NotImplementedError, RuntimeError) as exc:
        raise CorruptFileError(path, str(exc)) from exc


def _declares_entities(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """True when an XML part holds a DOCTYPE or ENTITY declaration anywhere (not only in
    its first KiB: a comment can push the DOCTYPE far down). Markup only: in text, "<" is
    escaped. Read 1 MiB at a time; the sizes were checked before."""
    tail = b""
    with zf.open(info) as member:
        while block := member.read(1 << 20):
            window = tail + block
            if b"<!DOCTYPE" in window or b"<!ENTITY" in window:
                return True
            tail = window[-16:]
    return False


def docx_to_text(path: Path) -> str:
    """Body paragraphs and table rows (cells joined by a tab), in document order."""
    import docx  # python-docx; imported here to keep ``import corpus.extract`` light
    from docx.table import Table

    document = docx.Document(str(path))
    blocks: list[str] = []
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            rows = []
            for row in item.rows:
                cells: list[str] = []
                seen: set[int] = set()
                for cell in row.cells:
                    key = id(cell._tc)
                    if key in seen:  # a merged cell repeats across its span
                        continue
                    seen.add(key)
                    cells.append(" ".join(cell.text.split()))
                rows.append("\t".join(cells))
            blocks.append("\n".join(rows))
        else:
            blocks.append(item.text)
    return "\n\n".join(b for b in blocks if b.strip())


def extract_docx(path: Path, limits: ZipLimits = ZipLimits()) -> ExtractedText:
    """Extract one .docx as a one-page ``ExtractedText`` (method "docx")."""
    check_zip(path, limits)
    try:
        raw = docx_to_text(path)
    except (KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise CorruptFileError(path, f"documento de Word inválido: {exc}") from exc
    except Exception as exc:
        # python-docx and lxml raise their own types (PackageNotFoundError, XMLSyntaxError)
        if type(exc).__module__.startswith(("docx", "lxml")):
            raise CorruptFileError(path, f"documento de Word inválido: {exc}") from exc
        raise
    text = clean_text(raw)
    if not has_words(text):
        raise EmptyDocumentError(path, "el documento no tiene texto")
    return ExtractedText(source=str(path), format="docx", pages=(PageText(1, text, "docx"),))
