"""Guards around pdfminer for hostile PDFs: what it would otherwise loop on or inflate unbounded.

* ``check_streams``: every zlib stream (and a zlib stream inside one, as in
  ``/Filter [/FlateDecode /FlateDecode]``) is inflated once, counted and thrown away, before
  pdfminer inflates it whole with no cap.
* ``open_document``: an xref chain whose ``/Prev`` or ``/XRefStm`` points back at a section
  already read is cut there (pdfminer follows it until RecursionError).
* ``page_total``: the real number of pages, counted up to a cap, when ``/Count`` claims more
  than the cap (a lying ``/Count`` must not refuse a one-page file, nor a true one read 2,000
  pages before refusing).
* ``FastArcfour``: RC4 decryption in linear time (pdfminer's is quadratic).
* ``BoundedInterpreter``: Form XObjects that draw each other twice per level (2**40 draws in a
  few hundred bytes) stop after ``max_form_draws`` per page.

The ``bounded`` worker's time and memory limits remain the backstop for what these miss.
"""

from __future__ import annotations

import re
import zlib
from pathlib import Path
from typing import Any

from corpus.errors import (
    CorruptFileError,
    DecompressionBombError,
    EncryptedFileError,
    TruncatedFileError,
)

_STREAM_RE = re.compile(rb"(?<!end)stream\r?\n")
_FEED = 1 << 16  # input bytes handed to the inflater at a time
_OUT = 1 << 20  # output bytes asked of it at a time
MAX_FORM_DRAWS = 5_000  # per page; a real page draws a few dozen forms at most (~400 draws/s)


class FormBombError(Exception):
    """A page drew more Form XObjects than ``MAX_FORM_DRAWS``."""


def _zlib_header(head: bytes | memoryview) -> bool:
    return len(head) >= 2 and (head[0] & 0x0F) == 8 and ((head[0] << 8) | head[1]) % 31 == 0


def inflated_size(data: bytes | memoryview, limit: int, depth: int = 2) -> int:
    """Bytes that the zlib stream at the start of ``data`` inflates to, stopping past ``limit``.

    Input is fed 64 KiB at a time and output taken 1 MiB at a time, so neither memory nor
    copying grows with the stream. With ``depth`` > 1, output that is itself a zlib stream
    is measured too, and the larger of the two counts.
    """
    view = memoryview(data)
    inflater = zlib.decompressobj()
    inner: zlib._Decompress | None = None
    inner_total = 0
    total = 0
    pos = 0
    pending: bytes | memoryview = b""
    try:
        while total <= limit and inner_total <= limit and not inflater.eof:
            if not pending:
                if pos >= len(view):
                    break
                pending, pos = view[pos : pos + _FEED], pos + _FEED
            out = inflater.decompress(pending, _OUT)
            pending = inflater.unconsumed_tail
            total += len(out)
            if depth > 1:
                if inner is None and total == len(out) and _zlib_header(out):
                    inner = zlib.decompressobj()
                if inner is not None and not inner.eof:
                    inner_total += _drain(inner, out, limit - inner_total)
            if not out and not pending and pos >= len(view):
                break
    except zlib.error:
        pass
    return max(total, inner_total)


def _drain(inflater: Any, data: bytes, budget: int) -> int:
    """Inflate ``data`` with ``inflater`` 1 MiB at a time; output bytes (stops past budget)."""
    produced = 0
    try:
        while data and produced <= budget and not inflater.eof:
            out = inflater.decompress(data, _OUT)
            produced += len(out)
            data = inflater.unconsumed_tail
            if not out:
                break
    except zlib.error:
        pass
    return produced


def check_streams(data: bytes, path: Path, max_stream_mb: int) -> None:
    """Raise ``DecompressionBombError`` when a zlib stream inflates past ``max_stream_mb``."""
    limit = max_stream_mb * 1024 * 1024
    view = memoryview(data)
    for m in _STREAM_RE.finditer(data):
        start = m.end()
        if not _zlib_header(view[start : start + 2]):
            continue  # another filter, or encrypted
        if inflated_size(view[start:], limit) > limit:
            raise DecompressionBombError(
                path, f"un flujo comprimido se expande a más de {max_stream_mb} MB"
            )


_CATALOG_RE = re.compile(rb"(\d{1,10})\s+(\d{1,5})\s+obj\s*<<\s*/Type\s*/Catalog\b")


def with_trailer(data: bytes) -> bytes:
    """``data`` plus a trailer naming its catalog, when it has no trailer of its own (an xref
    stream's dictionary counts) and a catalog object can be found."""
    if b"trailer" in data or b"/XRef" in data:
        return data
    m = _CATALOG_RE.search(data)
    if m is None:
        return data
    return data + b"\ntrailer\n<< /Root %s %s R >>\n" % (m.group(1), m.group(2))


class FastArcfour:
    """pdfminer's ``Arcfour`` interface on OpenSSL's RC4.

    pdfminer's own RC4 grows its output with ``bytes +=``: quadratic, 30 s for a 512 KB
    stream here, so any RC4-encrypted PDF with a large image could exhaust the time limit.
    Key sizes OpenSSL does not take fall back to a linear pure-Python loop.
    """

    def __init__(self, key: bytes) -> None:
        self.key = bytes(key)

    def process(self, data: bytes) -> bytes:
        from cryptography.hazmat.decrepit.ciphers.algorithms import ARC4
        from cryptography.hazmat.primitives.ciphers import Cipher

        try:
            cipher = Cipher(ARC4(self.key), mode=None)
        except ValueError:
            return _rc4_python(self.key, data)
        return cipher.decryptor().update(bytes(data))

    encrypt = decrypt = process


def _rc4_python(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray(len(data))
    i = j = 0
    for n, byte in enumerate(data):
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out[n] = byte ^ s[(s[i] + s[j]) % 256]
    return bytes(out)


def open_document(fh: object, path: Path, truncated: bool, *, rebuild: bool = False) -> Any:
    """A pdfminer ``PDFDocument`` (empty password), errors turned into ``IngestError``s.

    With ``rebuild`` the file's xref is ignored and pdfminer's fallback scan finds the
    objects (for offsets that point at the wrong bytes, which pdfminer trusts otherwise).
    """
    from pdfminer import pdfdocument
    from pdfminer.pdfdocument import (
        PDFDocument,
        PDFEncryptionError,
        PDFNoValidXRef,
        PDFPasswordIncorrect,
    )
    from pdfminer.pdfparser import PDFParser
    from pdfminer.psexceptions import PSException

    pdfdocument.Arcfour = FastArcfour  # type: ignore[misc,assignment]  # see FastArcfour

    class _Document(PDFDocument):
        """Reads each xref section once: a ``/Prev`` cycle ends where it closes."""

        def find_xref(self, parser: Any) -> int:
            if rebuild:
                raise PDFNoValidXRef("se reconstruye la tabla xref")
            return int(super().find_xref(parser))

        def read_xref_from(self, parser: Any, start: int, xrefs: list[Any]) -> None:
            seen: set[int] = self.__dict__.setdefault("_xref_starts", set())
            if start in seen:
                return
            seen.add(start)
            super().read_xref_from(parser, start, xrefs)

    try:
        return _Document(PDFParser(fh), password="")  # type: ignore[arg-type]
    except PDFPasswordIncorrect as exc:
        raise EncryptedFileError(path, "el PDF pide una contraseña") from exc
    except PDFEncryptionError as exc:
        raise EncryptedFileError(path, f"cifrado no admitido: {exc}") from exc
    except RecursionError as exc:
        raise CorruptFileError(path, "PDF ilegible: referencias en ciclo") from exc
    except (PSException, KeyError, ValueError, TypeError, AttributeError, IndexError) as exc:
        if truncated:
            raise TruncatedFileError(path, "el PDF termina antes de tiempo") from exc
        raise CorruptFileError(path, f"PDF ilegible: {exc}") from exc


def declared_pages(doc: Any) -> int | None:
    """The catalog's ``/Pages /Count``, or None when it is missing or not a number."""
    from pdfminer.pdftypes import resolve1

    try:
        pages = resolve1(doc.catalog["Pages"])
        count = resolve1(pages.get("Count"))
        return int(count) if isinstance(count, int | float) else None
    except Exception:
        return None


def page_total(doc: Any, cap: int) -> int:
    """The number of page leaves in the tree, counted up to ``cap + 1`` (cheap: page
    dictionaries are read, content streams are not)."""
    from pdfminer.pdfpage import PDFPage

    total = 0
    try:
        for _page in PDFPage.create_pages(doc):
            total += 1
            if total > cap:
                break
    except Exception:
        pass  # a damaged tree: the page loop reports it
    return total


def bounded_interpreter(manager: Any, device: Any, max_form_draws: int = MAX_FORM_DRAWS) -> Any:
    """A ``PDFPageInterpreter`` whose Form XObject draws per page are capped.

    Sub-interpreters (one per form) share the page's counter; ``process_page`` resets it.
    """
    from pdfminer.pdfinterp import PDFPageInterpreter

    class BoundedInterpreter(PDFPageInterpreter):
        def __init__(self, rsrcmgr: Any, device: Any) -> None:
            super().__init__(rsrcmgr, device)
            self.draws = [0]  # sub-interpreters get the page's list (see dup)

        def dup(self) -> PDFPageInterpreter:
            twin = self.__class__(self.rsrcmgr, self.device)
            twin.draws = self.draws
            return twin

        def process_page(self, page: Any) -> None:
            self.draws[0] = 0
            super().process_page(page)

        def do_Do(self, xobjid_arg: Any) -> None:
            self.draws[0] += 1
            if self.draws[0] > max_form_draws:
                raise FormBombError(f"más de {max_form_draws} objetos dibujados en una página")
            super().do_Do(xobjid_arg)

    return BoundedInterpreter(manager, device)


def check_encrypted_streams(doc: Any, path: Path, max_stream_mb: int) -> None:
    """``check_streams`` for an encrypted PDF opened with the empty password: its streams
    are only zlib once deciphered, so each Flate stream is deciphered and measured here."""
    from pdfminer.pdftypes import LITERALS_FLATE_DECODE, PDFStream

    if getattr(doc, "decipher", None) is None:
        return
    limit = max_stream_mb * 1024 * 1024
    for xref in doc.xrefs:
        for objid in xref.get_objids():
            try:
                obj = doc.getobj(objid)
            except Exception:
                continue  # unreadable objects are pdfminer's to report, page by page
            if not isinstance(obj, PDFStream) or obj.rawdata is None or obj.decipher is None:
                continue
            if obj.objid is None or obj.genno is None:
                continue
            if not any(f in LITERALS_FLATE_DECODE for f, _params in obj.get_filters()):
                continue
            data = obj.decipher(obj.objid, obj.genno, obj.rawdata, obj.attrs)
            if inflated_size(data, limit) > limit:
                raise DecompressionBombError(
                    path, f"un flujo comprimido cifrado se expande a más de {max_stream_mb} MB"
                )


_CMAP_RANGES_RE = re.compile(rb"begin(?:bf|cid)range(.*?)end(?:bf|cid)range", re.DOTALL)
_CMAP_PAIR_RE = re.compile(rb"<([0-9A-Fa-f\s]{1,40})>\s*<([0-9A-Fa-f\s]{1,40})>")
MAX_CMAP_SPAN = 1 << 17  # codes in one range; a 2-byte range has at most 65,536


def cmap_too_large(data: bytes) -> bool:
    """True when an embedded CMap maps a range of more than ``MAX_CMAP_SPAN`` codes.

    pdfminer fills a dict entry per code of a ``bfrange``/``cidrange``: one
    ``<00000000> <FFFFFFFF>`` line is four billion entries (minutes, then memory).
    """
    for section in _CMAP_RANGES_RE.finditer(data):
        for m in _CMAP_PAIR_RE.finditer(section.group(1)):
            start = int(b"".join(m.group(1).split()) or b"0", 16)
            end = int(b"".join(m.group(2).split()) or b"0", 16)
            if end - start > MAX_CMAP_SPAN:
                return True
    return False


def guarded_resource_manager() -> Any:
    """A ``PDFResourceManager`` that drops a font's embedded CMap (``/ToUnicode`` or an
    ``/Encoding`` stream) when ``cmap_too_large``: the text then comes out by the font's
    own encoding, or as unmapped glyphs (which send the page to OCR)."""
    from pdfminer.pdfinterp import PDFResourceManager
    from pdfminer.pdftypes import PDFStream, resolve1

    class GuardedResourceManager(PDFResourceManager):
        def get_font(self, objid: object, spec: Any) -> Any:
            if not (objid and objid in self._cached_fonts):
                for key in ("ToUnicode", "Encoding"):
                    value = resolve1(spec.get(key)) if hasattr(spec, "get") else None
                    if isinstance(value, PDFStream) and cmap_too_large(value.get_data()):
                        spec = {k: v for k, v in spec.items() if k != key}
            return super().get_font(objid, spec)

    return GuardedResourceManager(caching=True)
