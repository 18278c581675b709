"""Zip and XML bytes for the hostile-file generator (``corpus.sample.hostile``): minimal
.docx packages, and the ways to break them — members that inflate to gigabytes, sizes that lie,
one member listed hundreds of times, 100,000 entries, entity bombs.

Big members are built from repeated deflate blocks (after a full flush, deflate forgets its
history, so each 1 MiB block of spaces compresses to the same bytes), not by compressing
gigabytes.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib


def zip_bytes(entries: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A zip with the given members (a .docx when they make one)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as zf:
        for name, data in entries.items():
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = method
            zf.writestr(info, data)
    return buf.getvalue()


CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    b'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
_W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def document_xml(lines: list[str], prolog: bytes = b"", body_extra: bytes = b"") -> bytes:
    paras = b"".join(
        b"<w:p><w:r><w:t>" + line.encode("utf-8") + b"</w:t></w:r></w:p>" for line in lines
    )
    return (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' + prolog
        + b"<w:document " + _W + b"><w:body>" + paras + body_extra + b"</w:body></w:document>"
    )  # fmt: skip


def docx_bytes(lines: list[str], parts: dict[str, bytes] | None = None) -> bytes:
    """A minimal valid .docx; ``parts`` add or replace members by name."""
    entries = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": RELS,
        "word/document.xml": document_xml(lines),
    }
    entries.update(parts or {})
    return zip_bytes(entries)


def docx_with_document(lines: list[str], xml: bytes) -> bytes:
    """A .docx whose word/document.xml is ``xml`` (hostile or broken)."""
    return docx_bytes(lines, {"word/document.xml": xml})


def big_member_docx(lines: list[str], name: str, megabytes: int) -> bytes:
    """A .docx whose member ``name`` inflates to ``megabytes`` MiB of spaces, built in a
    second: raw deflate blocks repeated after full flushes (see ``hostile_pdf.zlib_bomb``)."""
    chunk = b" " * (1 << 20)
    deflater = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = deflater.compress(chunk) + deflater.flush(zlib.Z_FULL_FLUSH)
    block = deflater.compress(chunk) + deflater.flush(zlib.Z_FULL_FLUSH)
    raw = first + block * (megabytes - 1) + b"\x03\x00"
    crc = 0
    for _ in range(megabytes):
        crc = zlib.crc32(chunk, crc)
    head = docx_bytes(lines)
    return _append_member(head, name.encode(), raw, crc, megabytes << 20)


def _append_member(archive: bytes, name: bytes, raw: bytes, crc: int, size: int) -> bytes:
    """Add a deflated member (given compressed) to a small zip built by ``zipfile``."""
    end_at = archive.rindex(b"PK\x05\x06")
    count, cd_size, cd_at = struct.unpack_from("<HII", archive, end_at + 10)
    local_at = cd_at
    local = struct.pack(
        "<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(raw), size, len(name), 0
    ) + name + raw  # fmt: skip
    entry = struct.pack(
        "<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc, len(raw), size,
        len(name), 0, 0, 0, 0, 0, local_at,
    ) + name  # fmt: skip
    central = archive[cd_at : cd_at + cd_size] + entry
    new_cd_at = local_at + len(local)
    end = struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, count + 1, count + 1, len(central), new_cd_at, 0
    )
    return archive[:cd_at] + local + central + end


def lying_zip_sizes(lines: list[str]) -> bytes:
    """word/document.xml declares 1 KB but inflates to 16 MB of spaces (sizes patched)."""
    big = document_xml(lines) + b" " * (16 << 20)
    data = bytearray(docx_with_document(lines, big))
    for sig, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(sig)
        while at >= 0:
            name_len = struct.unpack_from("<H", data, at + (26 if sig == b"PK\x03\x04" else 28))[0]
            name_at = at + (30 if sig == b"PK\x03\x04" else 46)
            if data[name_at : name_at + name_len] == b"word/document.xml":
                struct.pack_into("<I", data, size_at + at, 1024)
            at = data.find(sig, at + 4)
    return bytes(data)


def overlapping_zip(lines: list[str], copies: int) -> bytes:
    """One compressed member referenced ``copies`` times by the central directory."""
    member = zlib.compressobj(9, zlib.DEFLATED, -15)
    payload = document_xml(lines) + b" " * (8 << 20)
    raw = member.compress(payload) + member.flush()
    crc = zlib.crc32(payload)
    name = b"word/document.xml"
    local = struct.pack(
        "<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(raw), len(payload), len(name), 0
    ) + name + raw  # fmt: skip
    central = bytearray()
    for i in range(copies):
        entry = name if i == 0 else b"word/media/copia%05d.xml" % i
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc, len(raw), len(payload),
            len(entry), 0, 0, 0, 0, 0, 0,
        ) + entry  # fmt: skip
    end = struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, copies, copies, len(central), len(local), 0
    )
    return local + bytes(central) + end


def many_entries_zip(lines: list[str], count: int) -> bytes:
    entries = {"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": RELS,
               "word/document.xml": document_xml(lines)}  # fmt: skip
    for i in range(count):
        entries[f"word/media/p{i:06d}.xml"] = b"<a/>"
    return zip_bytes(entries, zipfile.ZIP_STORED)


def nested_zip(lines: list[str]) -> bytes:
    """A .docx carrying a zip bomb as an attachment (never opened by extraction)."""
    inner = zip_bytes({"bomba.txt": b"\0" * (16 << 20)})
    return docx_bytes(lines, {"word/embeddings/anexo.zip": inner})


def billion_laughs(root: bytes, levels: int = 10) -> bytes:
    ents = [b'<!ENTITY lol0 "lol">'] + [
        b'<!ENTITY lol%d "%s">' % (i, b"".join(b"&lol%d;" % (i - 1) for _ in range(10)))
        for i in range(1, levels)
    ]
    return b'<?xml version="1.0"?>\n<!DOCTYPE %s [\n%s\n]>\n' % (root, b"\n".join(ents))
