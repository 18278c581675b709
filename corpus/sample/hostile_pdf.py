"""Hand-written PDF bytes for the hostile-file generator (``corpus.sample.hostile``).

Every PDF here is built object by object, so each defect is exactly the one asked for (a
``/Prev`` that points at its own xref, a ``Pages`` node that is its own kid, a stream that
inflates to gigabytes) and the bytes are the same on every run. Encryption (RC4 and AES-128,
the PDF "Standard" security handler, revisions 2–4) is written by hand too: reportlab writes
only RC4 and stamps dates and random ids into its output.
"""

from __future__ import annotations

import hashlib
import struct
import zlib
from collections.abc import Sequence

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
MEDIA_BOX = b"[0 0 612 792]"
# The 32-byte padding string of the Standard security handler (PDF 1.7, 7.6.3.3).
_PAD = bytes.fromhex(
    "28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A"
)
FILE_ID = hashlib.md5(b"precedentes-hostil").digest()


def pdf_string(text: str) -> bytes:
    """A PDF literal string in WinAnsi (cp1252), with its delimiters escaped."""
    raw = text.encode("cp1252", errors="replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def text_content(lines: Sequence[str], size: int = 11) -> bytes:
    """A page content stream that shows ``lines`` in Helvetica, top to bottom."""
    ops = [b"BT", b"/F1 %d Tf" % size, b"72 740 Td", b"%d TL" % (size + 3)]
    for line in lines:
        ops.append(pdf_string(line) + b" Tj T*")
    ops.append(b"ET")
    return b"\n".join(ops)


def stream(data: bytes, extra: bytes = b"", *, length: bytes | None = None) -> bytes:
    """A stream object body: ``<< /Length n extra >> stream ... endstream``."""
    declared = length if length is not None else b"%d" % len(data)
    return b"<< /Length " + declared + b" " + extra + b" >>\nstream\n" + data + b"\nendstream"


def serialize(
    objects: Sequence[bytes | None],
    *,
    root: int = 1,
    trailer_extra: bytes = b"",
    header: bytes = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n",
) -> tuple[bytes, int, list[int]]:
    """Objects 1..n (``None`` leaves a number free) → (file bytes, xref offset, offsets).

    The file ends with a classic xref table, a trailer and ``%%EOF``; callers that need a
    broken one patch the bytes, knowing where the xref starts.
    """
    out = bytearray(header)
    offsets: list[int] = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        if body is not None:
            out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset, body in zip(offsets, objects, strict=True):
        out += b"%010d 00000 n \n" % offset if body is not None else b"0000000000 00000 f \n"
    out += b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        root,
        trailer_extra,
        xref,
    )
    return bytes(out), xref, offsets


def page_objects(
    pages: Sequence[bytes], *, catalog_extra: bytes = b"", page_extra: bytes = b""
) -> list[bytes | None]:
    """Catalog (1), Pages (2), font (3), then a Page and its content per entry of ``pages``."""
    kids = b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(len(pages)))
    objects: list[bytes | None] = [
        b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b">>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % len(pages),
        FONT,
    ]
    for i, content in enumerate(pages):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox " + MEDIA_BOX
            + b" /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R " % (5 + 2 * i)
            + page_extra + b">>"
        )  # fmt: skip
        objects.append(stream(zlib.compress(content), b"/Filter /FlateDecode"))
    return objects


def text_pdf(pages: Sequence[Sequence[str]], **kwargs: bytes) -> bytes:
    """A plain text PDF, one list of lines per page."""
    return serialize(page_objects([text_content(p) for p in pages], **kwargs))[0]


def zlib_bomb(megabytes: int) -> bytes:
    """A valid zlib stream of ``megabytes`` MiB of spaces, about 1 KiB per MiB, built fast.

    After a full flush deflate forgets its history, so every 1 MiB block compresses to the
    same bytes: compress one, repeat it, close with an empty final block and the checksum.
    """
    chunk = b" " * (1 << 20)
    deflater = zlib.compressobj(9)
    first = deflater.compress(chunk) + deflater.flush(zlib.Z_FULL_FLUSH)
    block = deflater.compress(chunk) + deflater.flush(zlib.Z_FULL_FLUSH)
    return first[:2] + block * megabytes + b"\x03\x00" + repeated_adler32(chunk, megabytes)


def repeated_adler32(chunk: bytes, times: int) -> bytes:
    """Adler-32 of ``chunk * times`` without building it (zlib's adler32_combine, in a loop)."""
    base = 65521
    one = zlib.adler32(chunk)
    a_one, b_one, length = one & 0xFFFF, one >> 16, len(chunk) % base
    a, b = 1, 0
    for _ in range(times):
        a, b = (a + a_one - 1) % base, (b + b_one + length * (a - 1)) % base
    return ((b << 16) | a).to_bytes(4, "big")


# --- the Standard security handler (RC4 / AES-128), PDF 1.7 section 7.6.3 --------------------


def rc4(key: bytes, data: bytes) -> bytes:
    """RC4, for the Standard handler's key checks and RC4-encrypted streams."""
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def _padded(password: str) -> bytes:
    return (password.encode("latin-1") + _PAD)[:32]


def _owner_entry(owner: str, user: str, revision: int, n: int) -> bytes:
    digest = hashlib.md5(_padded(owner or user)).digest()
    if revision >= 3:
        for _ in range(50):
            digest = hashlib.md5(digest[:n]).digest()
    key = digest[:n]
    value = rc4(key, _padded(user))
    if revision >= 3:
        for i in range(1, 20):
            value = rc4(bytes(b ^ i for b in key), value)
    return value


def _file_key(user: str, o_entry: bytes, permissions: int, revision: int, n: int) -> bytes:
    digest = hashlib.md5(
        _padded(user) + o_entry + struct.pack("<i", permissions) + FILE_ID
    ).digest()
    if revision >= 3:
        for _ in range(50):
            digest = hashlib.md5(digest[:n]).digest()
    return digest[:n]


def _user_entry(key: bytes, revision: int) -> bytes:
    if revision == 2:
        return rc4(key, _PAD)
    value = rc4(key, hashlib.md5(_PAD + FILE_ID).digest())
    for i in range(1, 20):
        value = rc4(bytes(b ^ i for b in key), value)
    return value + b"\x00" * 16


def encrypt_objects(
    objects: Sequence[bytes | None],
    *,
    user: str,
    owner: str,
    cipher: str,
    iv_seed: int = 0,
) -> tuple[list[bytes | None], bytes]:
    """Encrypt every stream of ``objects``; returns (objects + the /Encrypt dict, trailer extra).

    ``cipher`` is "rc4-40" (R2), "rc4-128" (R3) or "aes-128" (R4, AESV2). Only streams are
    encrypted: the objects written here keep their text in content streams, never in strings.
    """
    revision, n, version = {"rc4-40": (2, 5, 1), "rc4-128": (3, 16, 2), "aes-128": (4, 16, 4)}[
        cipher
    ]
    permissions = -4
    o_entry = _owner_entry(owner, user, revision, n)
    key = _file_key(user, o_entry, permissions, revision, n)
    u_entry = _user_entry(key, revision)
    out: list[bytes | None] = []
    for number, body in enumerate(objects, start=1):
        if body is None or b"\nstream\n" not in body:
            out.append(body)
            continue
        head, rest = body.split(b"\nstream\n", 1)
        data = rest[: -len(b"\nendstream")]
        salt = b"sAlT" if cipher == "aes-128" else b""
        obj_key = hashlib.md5(key + number.to_bytes(4, "little")[:3] + b"\0\0" + salt).digest()
        obj_key = obj_key[: min(n + 5, 16)]
        if cipher == "aes-128":
            iv = hashlib.md5(b"%d:%d" % (iv_seed, number)).digest()
            pad = 16 - len(data) % 16
            encryptor = Cipher(algorithms.AES(obj_key), modes.CBC(iv)).encryptor()
            sealed = iv + encryptor.update(data + bytes([pad]) * pad) + encryptor.finalize()
        else:
            sealed = rc4(obj_key, data)
        # the stream's /Length is its first entry (see ``stream``): rewrite it
        length_at = head.index(b"/Length ") + len(b"/Length ")
        end = head.index(b" ", length_at)
        head = head[:length_at] + b"%d" % len(sealed) + head[end:]
        out.append(head + b"\nstream\n" + sealed + b"\nendstream")
    filters = b"/Filter /Standard /V %d /R %d /Length %d " % (version, revision, n * 8)
    if cipher == "aes-128":
        filters += (
            b"/CF << /StdCF << /CFM /AESV2 /AuthEvent /DocOpen /Length 16 >> >> "
            b"/StmF /StdCF /StrF /StdCF "
        )
    encrypt = b"<< " + filters + b"/O <%s> /U <%s> /P %d >>" % (
        o_entry.hex().encode(),
        u_entry.hex().encode(),
        permissions,
    )
    out.append(encrypt)
    trailer = b"/Encrypt %d 0 R /ID [<%s> <%s>] " % (
        len(out),
        FILE_ID.hex().encode(),
        FILE_ID.hex().encode(),
    )
    return out, trailer


# --- hostile variants: each returns the whole file --------------------------------------------


def with_startxref(data: bytes, value: int) -> bytes:
    """``data`` with its ``startxref`` pointing at ``value`` (0, past the end, mid-object)."""
    head, _sep, _tail = data.rpartition(b"startxref\n")
    return head + b"startxref\n%d\n%%%%EOF\n" % value


def shifted_xref(lines: Sequence[str], shift: int = 7) -> bytes:
    """Every xref offset off by ``shift`` bytes (pdfminer must fall back to a scan)."""
    data, xref, offsets = serialize(page_objects([text_content(lines)]))
    table = data[xref:]
    for offset in offsets:
        table = table.replace(b"%010d 00000 n" % offset, b"%010d 00000 n" % (offset + shift), 1)
    return data[:xref] + table


def without_xref(lines: Sequence[str], keep_trailer: bool) -> bytes:
    """No xref table at all; with or without the trailer dictionary."""
    data, xref, _ = serialize(page_objects([text_content(lines)]))
    trailer = data[data.index(b"trailer", xref) :].split(b"startxref")[0]
    return data[:xref] + (trailer if keep_trailer else b"") + b"startxref\n0\n%%EOF\n"


def xref_loop(lines: Sequence[str], key: bytes = b"Prev") -> bytes:
    """The trailer's ``/Prev`` (or ``/XRefStm``) points back at its own xref table."""
    objects = page_objects([text_content(lines)])
    _data, xref, _ = serialize(objects)
    # the xref offset does not move: the trailer comes after it
    return serialize(objects, trailer_extra=b"/%s %d " % (key, xref))[0]


def xref_pair_loop(lines: Sequence[str]) -> bytes:
    """Two xref sections whose ``/Prev`` entries point at each other (an incremental update)."""
    objects = page_objects([text_content(lines)])
    first, xref1, _ = serialize(objects, trailer_extra=b"/Prev 0000000000 ")
    body = first.rpartition(b"startxref")[0]
    xref2 = len(body)
    body = body.replace(b"/Prev 0000000000", b"/Prev %010d" % xref2)
    update = b"xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size %d /Root 1 0 R /Prev %d >>\n" % (
        len(objects) + 1,
        xref1,
    )
    return body + update + b"startxref\n%d\n%%%%EOF\n" % xref2


def self_kid_pages(lines: Sequence[str]) -> bytes:
    """The Pages node lists itself among its kids (a cycle in the page tree)."""
    objects = page_objects([text_content(lines)])
    objects[1] = b"<< /Type /Pages /Kids [2 0 R 4 0 R 2 0 R] /Count 3 >>"
    return serialize(objects)[0]


def cyclic_pages(lines: Sequence[str]) -> bytes:
    """Two Pages nodes that are each other's kid, with the real page under the second."""
    objects = page_objects([text_content(lines)])
    objects[1] = b"<< /Type /Pages /Kids [6 0 R] /Count 1 >>"
    objects.append(b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 4 0 R] /Count 1 >>")
    objects[3] = objects[3].replace(b"/Parent 2 0 R", b"/Parent 6 0 R")  # type: ignore[union-attr]
    return serialize(objects)[0]


def deep_page_tree(lines: Sequence[str], depth: int) -> bytes:
    """A page under ``depth`` nested Pages nodes (recursion depth for tree walkers)."""
    objects = page_objects([text_content(lines)])
    first = len(objects) + 1
    for level in range(depth):
        number = first + level
        parent = 2 if level == 0 else number - 1
        kid = b"%d 0 R" % (number + 1) if level + 1 < depth else b"4 0 R"
        objects.append(b"<< /Type /Pages /Parent %d 0 R /Kids [%s] /Count 1 >>" % (parent, kid))
    objects[1] = b"<< /Type /Pages /Kids [%d 0 R] /Count 1 >>" % first
    return serialize(objects)[0]


def self_object_stream(lines: Sequence[str]) -> bytes:
    """PDF 1.5: an xref stream says the page lives in object stream 6, and that object 6
    itself lives in object stream 6 (the stream needed to read it is itself)."""
    content = text_content(lines)
    page = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox " + MEDIA_BOX
        + b" /Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>"
    )  # fmt: skip
    packed = b"4 0 " + page
    objstm = stream(packed, b"/Type /ObjStm /N 1 /First 4 /Extends 6 0 R")
    objects: list[bytes | None] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        FONT,
        None,
        stream(zlib.compress(content), b"/Filter /FlateDecode"),
        objstm,
    ]
    data, xref, offsets = serialize(objects, header=b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    body = data[:xref]
    rows = [b"\x00" + b"\x00\x00\x00\x00" + b"\xff\xff"]
    for number, offset in enumerate(offsets, start=1):
        if number in (4, 6):
            rows.append(b"\x02" + (6).to_bytes(4, "big") + (0).to_bytes(2, "big"))
        else:
            rows.append(b"\x01" + offset.to_bytes(4, "big") + (0).to_bytes(2, "big"))
    xref_at = len(body)
    rows.append(b"\x01" + xref_at.to_bytes(4, "big") + (0).to_bytes(2, "big"))
    xref_stream = stream(
        b"".join(rows), b"/Type /XRef /Size %d /W [1 4 2] /Root 1 0 R" % (len(rows))
    )
    return body + b"%d 0 obj\n" % (len(rows) - 1) + xref_stream + (
        b"\nendobj\nstartxref\n%d\n%%%%EOF\n" % xref_at
    )


def content_pdf(content: bytes, filters: bytes = b"/Filter /FlateDecode", **kw: bytes) -> bytes:
    """A one-page PDF whose content stream is ``content`` as given (already encoded)."""
    objects = page_objects([b""], **kw)
    objects[4] = stream(content, filters)
    return serialize(objects)[0]


def many_pages(lines: Sequence[str], pages: int, declared: int | None = None) -> bytes:
    """``pages`` pages that share one content stream; ``/Count`` says ``declared``."""
    objects: list[bytes | None] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",
        FONT,
        stream(zlib.compress(text_content(lines)), b"/Filter /FlateDecode"),
    ]
    page = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox " + MEDIA_BOX
        + b" /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>"
    )  # fmt: skip
    objects += [page] * pages
    kids = b" ".join(b"%d 0 R" % (5 + i) for i in range(pages))
    count = pages if declared is None else declared
    objects[1] = b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % count
    return serialize(objects)[0]


def declared_count(lines: Sequence[str], count: bytes) -> bytes:
    """One real page, with ``/Count`` set to anything (a huge number, -1, a name)."""
    objects = page_objects([text_content(lines)])
    objects[1] = b"<< /Type /Pages /Kids [4 0 R] /Count " + count + b" >>"
    return serialize(objects)[0]


def encrypted(lines: Sequence[str], *, user: str, cipher: str, seed: int = 0) -> bytes:
    """A text PDF under the Standard handler; an empty ``user`` password opens without asking."""
    objects, trailer = encrypt_objects(
        page_objects([text_content(lines)]), user=user, owner="propietario", cipher=cipher,
        iv_seed=seed,
    )  # fmt: skip
    return serialize(objects, trailer_extra=trailer)[0]


def unknown_security_handler(lines: Sequence[str]) -> bytes:
    objects = page_objects([text_content(lines)])
    objects.append(b"<< /Filter /FOOLock /V 9 /R 9 /Length 128 >>")
    trailer = b"/Encrypt %d 0 R /ID [<%s> <%s>] " % (
        len(objects), FILE_ID.hex().encode(), FILE_ID.hex().encode(),
    )  # fmt: skip
    return serialize(objects, trailer_extra=trailer)[0]


def active_content(lines: Sequence[str], kind: str) -> bytes:
    """JavaScript on open, a Launch action, or an embedded (executable-looking) file."""
    objects = page_objects([text_content(lines)])
    if kind == "javascript":
        objects.append(b"<< /S /JavaScript /JS (app.alert\\('hola'\\); this.exportDataObject\\(\\)) >>")
        extra = b"/OpenAction %d 0 R /Names << /JavaScript << /Names [(a) %d 0 R] >> >> " % (
            len(objects), len(objects),
        )  # fmt: skip
    elif kind == "launch":
        objects.append(b"<< /S /Launch /F (cmd.exe) /Win << /F (cmd.exe) /P (/c calc) >> >>")
        extra = b"/OpenAction %d 0 R " % len(objects)
    else:
        objects.append(stream(b"MZ\x90\x00" + b"\x00" * 60 + b"This program", b"/Type /EmbeddedFile"))
        objects.append(b"<< /Type /Filespec /F (anexo.exe) /EF << /F %d 0 R >> >>" % len(objects))
        extra = b"/Names << /EmbeddedFiles << /Names [(anexo.exe) %d 0 R] >> >> " % len(objects)
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R " + extra + b">>"
    return serialize(objects)[0]


def broken_to_unicode(lines: Sequence[str], kind: str) -> bytes:
    """Helvetica with a ``/ToUnicode`` that is garbage, not a stream, or a 4-billion range."""
    objects = page_objects([text_content(lines)])
    if kind == "garbage":
        target = stream(bytes(range(256)) * 4)
    elif kind == "not_stream":
        target = b"42"
    elif kind == "bad_flate":
        target = stream(b"x\x9c" + b"\xff" * 200, b"/Filter /FlateDecode")
    else:  # "huge_range": every 4-byte code mapped, 4,294,967,296 entries
        cmap = (
            b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            b"1 begincodespacerange <00000000> <FFFFFFFF> endcodespacerange\n"
            b"1 beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange\n"
            b"endcmap CMapName currentdict /CMap defineresource pop end end"
        )
        target = stream(cmap)
    objects.append(target)
    objects[2] = FONT[:-2] + b"/ToUnicode %d 0 R >>" % len(objects)
    return serialize(objects)[0]


def image_only(width: int, height: int, pixels: bytes) -> bytes:
    """A page that is one grey image and no text (a scan) — OCR's business."""
    objects = page_objects([b"q 612 0 0 792 0 0 cm /Im1 Do Q"])
    objects.append(
        stream(
            zlib.compress(pixels),
            b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
            b"/BitsPerComponent 8 /Filter /FlateDecode" % (width, height),
        )
    )
    objects[3] = objects[3].replace(  # type: ignore[union-attr]
        b"/Resources << /Font << /F1 3 0 R >> >>",
        b"/Resources << /Font << /F1 3 0 R >> /XObject << /Im1 %d 0 R >> >>" % len(objects),
    )
    return serialize(objects)[0]


def form_fanout(lines: Sequence[str], levels: int) -> bytes:
    """Form XObjects that each draw the next one twice: 2**levels draws of one line of text
    (a "billion laughs" of PDF drawing operators); ``levels=0`` makes a form draw itself."""
    objects = page_objects([b"/X0 Do\n" + text_content(lines)])
    first = len(objects) + 1
    for level in range(max(levels, 1)):
        number = first + level
        if levels == 0:
            body, xobjects = b"/X0 Do /X0 Do", b"/X0 %d 0 R" % number
        elif level + 1 < levels:
            body, xobjects = b"/X1 Do /X1 Do", b"/X1 %d 0 R" % (number + 1)
        else:
            body, xobjects = text_content(lines[:1]), b""
        objects.append(
            stream(
                body,
                b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << "
                b"/Font << /F1 3 0 R >> /XObject << " + xobjects + b" >> >>",
            )
        )
    objects[3] = objects[3].replace(  # type: ignore[union-attr]
        b"/Resources << /Font << /F1 3 0 R >> >>",
        b"/Resources << /Font << /F1 3 0 R >> /XObject << /X0 %d 0 R >> >>" % first,
    )
    return serialize(objects)[0]
