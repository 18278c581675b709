"""Every kind of bad input is reported with its reason, and the batch goes on.

All inputs are generated here in ``tmp_path``: text PDFs with reportlab, a hand-written PDF whose
FlateDecode stream inflates to 400 MB, images with Pillow, zips with zipfile.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from pathlib import Path

import pytest
from PIL import Image
from reportlab.lib import pdfencrypt
from reportlab.pdfgen import canvas

from corpus.errors import IngestError
from corpus.extract import extract_bounded, extract_file, extract_many
from corpus.records import ExtractedText

GOOD_LINE = "Resolución del recurso: daño, Núñez y García."


def text_pdf(path: Path, lines: list[str], **canvas_kwargs: object) -> Path:
    c = canvas.Canvas(str(path), **canvas_kwargs)  # type: ignore[arg-type]
    y = 740
    for line in lines:
        c.drawString(72, y, line)
        y -= 14
    c.showPage()
    c.save()
    return path


def raw_pdf(content: bytes, filters: str = "/FlateDecode") -> bytes:
    """A one-page PDF written by hand around ``content`` (the page's content stream)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << >> >>",
        b"<< /Length %d /Filter %s >>\nstream\n" % (len(content), filters.encode())
        + content
        + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def zlib_bomb(megabytes: int) -> bytes:
    """A valid zlib stream of ``megabytes`` MiB of spaces, built in about a second.

    After a full flush deflate forgets its history, so every 1 MiB block compresses to the
    same bytes: compress one, repeat it, close with an empty final block and the checksum.
    """
    chunk = b" " * (1 << 20)
    deflater = zlib.compressobj(6)
    first = deflater.compress(chunk) + deflater.flush(zlib.Z_FULL_FLUSH)
    block = deflater.compress(chunk) + deflater.flush(zlib.Z_FULL_FLUSH)
    assert first[2:] == block
    adler = 1
    for _ in range(megabytes):
        adler = zlib.adler32(chunk, adler)
    return first[:2] + block * megabytes + b"\x03\x00" + adler.to_bytes(4, "big")


def image_bytes(fmt: str) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 10, 10)).save(buf, format=fmt)
    return buf.getvalue()


def docx_zip(path: Path, document_xml: bytes, extra: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", b'<?xml version="1.0"?><Types/>')
        zf.writestr("word/document.xml", document_xml)
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return path


@pytest.fixture(scope="module")
def bomb_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bomb") / "bomba.pdf"
    path.write_bytes(raw_pdf(zlib_bomb(400)))
    return path


def bad_inputs(folder: Path) -> dict[Path, str]:
    """Each bad file → the reason it must be reported with."""
    cases: dict[Path, str] = {}
    ok = text_pdf(folder / "correcto.pdf", [GOOD_LINE] * 5)
    data = ok.read_bytes()
    (folder / "truncado.pdf").write_bytes(data[: len(data) // 2])
    cases[folder / "truncado.pdf"] = "truncated"
    (folder / "danado.pdf").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 40 + b"\n%%EOF\n")
    cases[folder / "danado.pdf"] = "corrupt"
    text_pdf(
        folder / "cifrado.pdf",
        [GOOD_LINE],
        encrypt=pdfencrypt.StandardEncryption("secreta", "propietario"),
    )
    cases[folder / "cifrado.pdf"] = "encrypted"
    (folder / "vacio.pdf").write_bytes(b"")
    cases[folder / "vacio.pdf"] = "empty"
    (folder / "espacios.txt").write_bytes(b" \n\t\n ")
    cases[folder / "espacios.txt"] = "empty"
    (folder / "foto.png").write_bytes(image_bytes("PNG"))
    cases[folder / "foto.png"] = "unsupported"
    (folder / "escaneo.jpg").write_bytes(image_bytes("JPEG"))
    cases[folder / "escaneo.jpg"] = "unsupported"
    (folder / "imagen_con_nombre_de.pdf").write_bytes(image_bytes("PNG"))
    cases[folder / "imagen_con_nombre_de.pdf"] = "unsupported"
    (folder / "programa.bin").write_bytes(bytes(range(256)) * 8)
    cases[folder / "programa.bin"] = "unsupported"
    (folder / "antiguo.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    cases[folder / "antiguo.doc"] = "unsupported"
    with zipfile.ZipFile(folder / "anexos.zip", "w") as zf:
        zf.writestr("anexo.txt", "texto")
    cases[folder / "anexos.zip"] = "unsupported"
    docx_zip(folder / "bomba.docx", b"<w:document/>", {"word/media/x.bin": b"\0" * (12 << 20)})
    cases[folder / "bomba.docx"] = "bomb"
    entities = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        b"<w:document>&lol2;</w:document>"
    )
    docx_zip(folder / "entidades.docx", entities)
    cases[folder / "entidades.docx"] = "bomb"
    (folder / "noexiste.pdf").symlink_to(folder / "nada")
    cases[folder / "noexiste.pdf"] = "unreadable"
    return cases


def test_batch_reports_each_bad_file_and_keeps_the_good_ones(tmp_path: Path) -> None:
    cases = bad_inputs(tmp_path)
    good = [tmp_path / "correcto.pdf"]
    # a PDF named .html is still a PDF; a cp1252 page without charset keeps its accents
    (tmp_path / "pdf_con_nombre_de.html").write_bytes((tmp_path / "correcto.pdf").read_bytes())
    good.append(tmp_path / "pdf_con_nombre_de.html")
    (tmp_path / "latin.html").write_bytes(
        f"<html><body><main><p>{GOOD_LINE}</p></main></body></html>".encode("cp1252")
    )
    good.append(tmp_path / "latin.html")
    order = [*cases][:7] + good + [*cases][7:]
    results = list(extract_many(order, workers=2, timeout_s=120, max_memory_mb=1024))
    assert [path for path, _ in results] == order  # one result per file, in input order
    by_path = dict(results)
    for path, reason in cases.items():
        result = by_path[path]
        assert isinstance(result, IngestError), f"{path.name}: {result!r}"
        assert result.reason == reason, f"{path.name}: {result.message}"
        assert result.message.startswith(f"{path}: ")
    for path in good:
        result = by_path[path]
        assert isinstance(result, ExtractedText), f"{path.name}: {result!r}"
        assert GOOD_LINE in result.text
    assert by_path[tmp_path / "pdf_con_nombre_de.html"].format == "pdf"  # type: ignore[union-attr]


def test_unreadable_paths_are_typed_errors(tmp_path: Path) -> None:
    (tmp_path / "carpeta.pdf").mkdir()
    for path in (tmp_path / "carpeta.pdf", tmp_path / "no-existe.pdf"):
        with pytest.raises(IngestError) as err:
            extract_file(path)
        assert err.value.reason == "unreadable"
        assert err.value.message.startswith(str(path))


def test_pdf_with_empty_user_password_is_read(tmp_path: Path) -> None:
    path = text_pdf(
        tmp_path / "abierto.pdf", [GOOD_LINE], encrypt=pdfencrypt.StandardEncryption("", "dueño")
    )
    assert GOOD_LINE in extract_file(path).text


def test_broken_xref_is_recovered(tmp_path: Path) -> None:
    data = text_pdf(tmp_path / "x.pdf", [GOOD_LINE]).read_bytes()
    broken = re.sub(rb"startxref\s+\d+", b"startxref\n999999", data)
    assert broken != data
    (tmp_path / "x.pdf").write_bytes(broken)
    assert GOOD_LINE in extract_file(tmp_path / "x.pdf").text


def test_page_cap(tmp_path: Path) -> None:
    c = canvas.Canvas(str(tmp_path / "largo.pdf"))
    for i in range(5):
        c.drawString(72, 700, f"{GOOD_LINE} {i}")
        c.showPage()
    c.save()
    with pytest.raises(IngestError) as err:
        extract_file(tmp_path / "largo.pdf", max_pages=3)
    assert err.value.reason == "too_large"
    assert len(extract_file(tmp_path / "largo.pdf", max_pages=5).pages) == 5


def test_input_size_cap(tmp_path: Path) -> None:
    path = tmp_path / "grande.txt"
    path.write_bytes(b"texto " * 400_000)  # 2.4 MB
    with pytest.raises(IngestError) as err:
        extract_file(path, max_file_mb=1)
    assert err.value.reason == "too_large"


def test_flate_bomb_is_caught_before_pdfminer_inflates_it(bomb_pdf: Path) -> None:
    with pytest.raises(IngestError) as err:
        extract_bounded(bomb_pdf, timeout_s=120, max_memory_mb=1024)
    assert err.value.reason == "bomb"


def test_memory_limit_is_the_backstop(bomb_pdf: Path, tmp_path: Path) -> None:
    # with the stream check switched off, pdfminer inflates the stream and hits RLIMIT_AS;
    # a normal PDF under the same limit is read, so the limit itself is not what fails
    normal = text_pdf(tmp_path / "normal.pdf", [GOOD_LINE])
    results = dict(
        extract_many([bomb_pdf, normal], timeout_s=120, max_memory_mb=320, max_stream_mb=100_000)
    )
    assert isinstance(results[bomb_pdf], IngestError)
    assert results[bomb_pdf].reason == "memory"
    assert isinstance(results[normal], ExtractedText)
    assert GOOD_LINE in results[normal].text


def test_timeout_kills_the_worker_and_the_batch_goes_on(tmp_path: Path) -> None:
    slow = tmp_path / "lento.pdf"
    c = canvas.Canvas(str(slow))
    for _ in range(150):
        for row in range(50):
            c.drawString(72, 760 - row * 14, GOOD_LINE * 2)
        c.showPage()
    c.save()
    quick = text_pdf(tmp_path / "rapido.pdf", [GOOD_LINE])
    results = dict(extract_many([slow, quick, slow], workers=1, timeout_s=1.0))
    assert isinstance(results[slow], IngestError)
    assert results[slow].reason == "timeout"
    assert isinstance(results[quick], ExtractedText)
    assert GOOD_LINE in results[quick].text


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text().split()
        found += [int(p) for p in text]
    return found


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc")
def test_a_killed_worker_costs_only_its_own_file(tmp_path: Path) -> None:
    import os
    import signal
    import threading
    import time

    slow = tmp_path / "lento.pdf"
    c = canvas.Canvas(str(slow))
    for _ in range(150):
        for row in range(50):
            c.drawString(72, 760 - row * 14, GOOD_LINE * 2)
        c.showPage()
    c.save()
    quick = text_pdf(tmp_path / "rapido.pdf", [GOOD_LINE])
    killed: list[int] = []

    def kill_the_worker() -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not killed:
            for pid in _children(os.getpid()):
                if b"corpus.extract.worker" in Path(f"/proc/{pid}/cmdline").read_bytes():
                    time.sleep(1.0)  # let it start on the slow file
                    os.kill(pid, signal.SIGKILL)
                    killed.append(pid)
                    break
            time.sleep(0.05)

    killer = threading.Thread(target=kill_the_worker)
    killer.start()
    results = list(extract_many([slow, quick], workers=1, timeout_s=120))
    killer.join()
    assert killed
    assert [path for path, _ in results] == [slow, quick]
    slow_result, quick_result = results[0][1], results[1][1]
    assert isinstance(slow_result, IngestError)
    assert slow_result.reason == "memory"  # SIGKILL: what the kernel's OOM killer sends
    assert isinstance(quick_result, ExtractedText)
    assert GOOD_LINE in quick_result.text
