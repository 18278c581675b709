"""A deterministic set of malformed and hostile files, with the outcome each must have.

``write_hostile(out_dir, seeds=2)`` writes ``out_dir/files/…`` (PDFs, HTML, DOCX, text, a
FIFO, symlinks) and ``out_dir/ground_truth.jsonl``: one line per file with ``name`` (relative to
``files/``), ``category``, ``expected`` — a reason code of ``corpus.errors.REASONS`` or
``"extracted"`` for a file that is bad but still readable — and ``heavy`` (slow to process:
left out of the default test run). Same seeds, same bytes.

Every file is test data: text that can be read says ``DOCUMENTO DE MUESTRA``. The PDF bytes
come from ``corpus.sample.hostile_pdf``; the rest is built here.
"""

from __future__ import annotations

import json
import os
import random
import zlib
from collections.abc import Callable, Collection, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from corpus.records import SAMPLE_MARKER
from corpus.sample import hostile_pdf as hp
from corpus.sample import hostile_zip as hz

Build = Callable[[Path], None]

_PHRASES = (
    "Resolución del recurso de revisión sobre la versión pública de la nómina.",
    "El sujeto obligado declaró la inexistencia de la información solicitada.",
    "Se modifica la respuesta y se ordena una búsqueda exhaustiva en sus áreas.",
    "La prueba de daño no justificó la reserva de los contratos de obra pública.",
    "Se sobresee el recurso porque el acto impugnado quedó sin materia.",
    "La información confidencial comprende los datos personales de la recurrente.",
)


@dataclass(frozen=True)
class HostileCase:
    """One file to write: where, what it tests, and what ingestion must say about it."""

    name: str
    category: str
    expected: str  # a reason code, or "extracted"
    build: Build
    heavy: bool = False

    def manifest(self) -> dict[str, object]:
        row = asdict(self)
        del row["build"]
        return row


def sample_lines(seed: int, count: int = 6) -> list[str]:
    """Readable Spanish lines for a file, different per seed, marked as sample data."""
    rng = random.Random(seed)
    return [f"{SAMPLE_MARKER} — archivo de prueba {seed}"] + [
        rng.choice(_PHRASES) for _ in range(count - 1)
    ]


def _bytes(data: bytes | Callable[[], bytes]) -> Build:
    def build(path: Path) -> None:
        path.write_bytes(data() if callable(data) else data)

    return build


def _text_html(lines: list[str]) -> str:
    return "".join(f"<p>{line}</p>" for line in lines)


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _symlink(target: str) -> Build:
    def build(path: Path) -> None:
        path.symlink_to(target)

    return build


def _inner_link(data: bytes) -> Build:
    """A symlink to a hidden file beside it (hidden files are not ingested themselves)."""

    def build(path: Path) -> None:
        target = path.with_name(f".destino_{path.stem}.pdf")
        target.write_bytes(data)
        path.symlink_to(target.name)

    return build


def _outside_target(path: Path) -> None:
    outside = path.parent.parent.parent / "fuera" / "secreto.txt"  # beside files/
    outside.parent.mkdir(exist_ok=True)
    outside.write_text(f"{SAMPLE_MARKER}: este archivo está fuera de la carpeta.\n")
    path.symlink_to(Path("..") / ".." / "fuera" / "secreto.txt")


def _pdf_cases(seed: int) -> Iterator[HostileCase]:
    lines = sample_lines(seed)
    tag = f"s{seed}"
    base = hp.text_pdf([sample_lines(seed * 10 + p, 30) for p in range(3)])
    for k in range(25):
        cut = 16 + (len(base) - 40) * (k * 4 + seed + 1) // 104
        yield HostileCase(f"pdf/truncado_{tag}_{cut:06d}.pdf", "pdf-truncado", "truncated",
                          _bytes(base[:cut]))  # fmt: skip
    one = hp.text_pdf([lines])
    xref_at = one.rindex(b"xref\n0 ")
    for label, value in (("cero", 0), ("fuera", len(one) * 10), ("medio", xref_at // 2)):
        yield HostileCase(f"pdf/startxref_{label}_{tag}.pdf", "pdf-xref", "extracted",
                          _bytes(hp.with_startxref(one, value)))  # fmt: skip
    yield HostileCase(f"pdf/xref_desplazada_{tag}.pdf", "pdf-xref", "extracted",
                      _bytes(hp.shifted_xref(lines)))  # fmt: skip
    yield HostileCase(f"pdf/sin_xref_{tag}.pdf", "pdf-xref", "extracted",
                      _bytes(hp.without_xref(lines, keep_trailer=True)))  # fmt: skip
    yield HostileCase(f"pdf/sin_xref_ni_trailer_{tag}.pdf", "pdf-xref", "extracted",
                      _bytes(hp.without_xref(lines, keep_trailer=False)))  # fmt: skip
    yield HostileCase(f"pdf/xref_prev_ciclo_{tag}.pdf", "pdf-xref-ciclo", "extracted",
                      _bytes(hp.xref_loop(lines)))  # fmt: skip
    yield HostileCase(f"pdf/xrefstm_ciclo_{tag}.pdf", "pdf-xref-ciclo", "extracted",
                      _bytes(hp.xref_loop(lines, b"XRefStm")))  # fmt: skip
    yield HostileCase(f"pdf/xref_par_ciclo_{tag}.pdf", "pdf-xref-ciclo", "extracted",
                      _bytes(hp.xref_pair_loop(lines)))  # fmt: skip
    yield HostileCase(f"pdf/pages_hijo_de_si_{tag}.pdf", "pdf-arbol-ciclo", "extracted",
                      _bytes(hp.self_kid_pages(lines)))  # fmt: skip
    yield HostileCase(f"pdf/pages_ciclo_{tag}.pdf", "pdf-arbol-ciclo", "extracted",
                      _bytes(hp.cyclic_pages(lines)))  # fmt: skip
    yield HostileCase(f"pdf/objstm_de_si_{tag}.pdf", "pdf-objstm", "corrupt",
                      _bytes(hp.self_object_stream(lines)))  # fmt: skip
    for label, count in (("enorme", b"999999999999"), ("negativo", b"-1"), ("nombre", b"/Muchas")):
        yield HostileCase(f"pdf/count_{label}_{tag}.pdf", "pdf-count", "extracted",
                          _bytes(hp.declared_count(lines, count)))  # fmt: skip
    for cipher in ("rc4-40", "rc4-128", "aes-128"):
        yield HostileCase(f"pdf/cifrado_{cipher}_abierto_{tag}.pdf", "pdf-cifrado", "extracted",
                          _bytes(hp.encrypted(lines, user="", cipher=cipher, seed=seed)))  # fmt: skip
        yield HostileCase(f"pdf/cifrado_{cipher}_clave_{tag}.pdf", "pdf-cifrado", "encrypted",
                          _bytes(hp.encrypted(lines, user="secreta", cipher=cipher, seed=seed)))  # fmt: skip
    for kind in ("javascript", "launch", "adjunto"):
        yield HostileCase(f"pdf/activo_{kind}_{tag}.pdf", "pdf-activo", "extracted",
                          _bytes(hp.active_content(lines, kind)))  # fmt: skip
    for kind in ("garbage", "not_stream", "bad_flate"):
        yield HostileCase(f"pdf/tounicode_{kind}_{tag}.pdf", "pdf-tounicode", "extracted",
                          _bytes(hp.broken_to_unicode(lines, kind)))  # fmt: skip
    rng = random.Random(seed)
    noise = bytes(rng.getrandbits(8) for _ in range(30_000))
    yield HostileCase(f"pdf/basura_{tag}.pdf", "pdf-basura", "corrupt",
                      _bytes(b"%PDF-1.7\n" + noise + b"\n%%EOF\n"))  # fmt: skip
    for label, length in (("enorme", b"999999999"), ("negativa", b"-5")):
        objects = hp.page_objects([hp.text_content(lines)])
        objects[4] = hp.stream(zlib.compress(hp.text_content(lines)), b"/Filter /FlateDecode",
                               length=length)  # fmt: skip
        yield HostileCase(f"pdf/length_{label}_{tag}.pdf", "pdf-length", "extracted",
                          _bytes(hp.serialize(objects)[0]))  # fmt: skip


def _pdf_single_cases() -> Iterator[HostileCase]:
    lines = sample_lines(99)
    cases = [
        ("pdf/arbol_profundo_50.pdf", "pdf-arbol-ciclo", "extracted",
         lambda: hp.deep_page_tree(lines, 50)),
        ("pdf/arbol_profundo_5000.pdf", "pdf-arbol-ciclo", "corrupt",
         lambda: hp.deep_page_tree(lines, 5000)),
        ("pdf/bomba_flate_1gb.pdf", "pdf-bomba", "bomb",
         lambda: hp.content_pdf(hp.zlib_bomb(1024))),
        ("pdf/bomba_flate_4gb.pdf", "pdf-bomba", "bomb",
         lambda: hp.content_pdf(hp.zlib_bomb(4096))),
        ("pdf/bomba_flate_doble.pdf", "pdf-bomba", "bomb",
         lambda: hp.content_pdf(zlib.compress(hp.zlib_bomb(2048), 9),
                                b"/Filter [/FlateDecode /FlateDecode]")),
        ("pdf/bomba_cifrada.pdf", "pdf-bomba", "bomb",
         lambda: _encrypted_bomb(512)),
        ("pdf/paginas_10000.pdf", "pdf-paginas", "too_large",
         lambda: hp.many_pages(lines, 10_000)),
        ("pdf/paginas_10000_count_1.pdf", "pdf-paginas", "too_large",
         lambda: hp.many_pages(lines, 10_000, declared=1)),
        ("pdf/cifrado_desconocido.pdf", "pdf-cifrado", "encrypted",
         lambda: hp.unknown_security_handler(lines)),
        ("pdf/tounicode_rango_enorme.pdf", "pdf-tounicode", "extracted",
         lambda: hp.broken_to_unicode(lines, "huge_range")),
        ("pdf/solo_encabezado.pdf", "pdf-basura", "corrupt",
         lambda: b"%PDF-1.4\n%%EOF\n"),
        ("pdf/arreglos_anidados.pdf", "pdf-anidado", "extracted",
         lambda: hp.content_pdf(b"[" * 100_000 + b"]" * 100_000 + b"\n" + hp.text_content(lines), b"")),
        ("pdf/arreglos_sin_cerrar.pdf", "pdf-anidado", "empty",
         lambda: hp.content_pdf(b"[" * 100_000 + b"\n" + hp.text_content(lines), b"")),
        ("pdf/diccionarios_anidados.pdf", "pdf-anidado", "extracted",
         lambda: hp.text_pdf([lines], catalog_extra=b"/X " + b"<< /A " * 50_000 + b"1 " + b">> " * 50_000)),
        ("pdf/forma_se_dibuja.pdf", "pdf-forma", "extracted",
         lambda: hp.form_fanout(lines, 0)),
        ("pdf/forma_abanico_2e40.pdf", "pdf-forma", "corrupt",
         lambda: hp.form_fanout(lines, 40)),
        ("pdf/mediabox_enorme.pdf", "pdf-mediabox", "extracted",
         lambda: hp.text_pdf([lines], page_extra=b"/MediaBox [0 0 1e9 1e9] ")),
        ("pdf/sin_root.pdf", "pdf-basura", "corrupt",
         lambda: hp.text_pdf([lines]).replace(b"/Root 1 0 R", b"/Rot 1 0 R")),
        ("pdf/prefijo_basura.pdf", "pdf-xref", "extracted",
         lambda: b"Content-Type: application/pdf\r\n" * 20 + hp.text_pdf([lines])),
        ("pdf/xref_subseccion_enorme.pdf", "pdf-xref", "extracted",
         lambda: hp.text_pdf([lines]).replace(b"xref\n0 6\n", b"xref\n0 999999999\n")),
        ("pdf/imagen_blanca.pdf", "pdf-imagen", "empty",
         lambda: hp.image_only(200, 260, b"\xff" * (200 * 260))),
        ("pdf/imagen_ruido.pdf", "pdf-imagen", "empty",
         lambda: hp.image_only(64, 64, bytes(random.Random(5).getrandbits(8) for _ in range(4096)))),
    ]  # fmt: skip
    heavy = {"pdf/imagen_blanca.pdf", "pdf/imagen_ruido.pdf", "pdf/bomba_flate_4gb.pdf",
             "pdf/paginas_10000_count_1.pdf", "pdf/arbol_profundo_5000.pdf",
             "pdf/forma_abanico_2e40.pdf", "pdf/arreglos_anidados.pdf",
             "pdf/arreglos_sin_cerrar.pdf", "pdf/diccionarios_anidados.pdf",
             "pdf/bomba_flate_doble.pdf"}  # fmt: skip
    for name, category, expected, make in cases:
        yield HostileCase(name, category, expected, _bytes(make), heavy=name in heavy)


def _encrypted_bomb(megabytes: int) -> bytes:
    objects = hp.page_objects([b""])
    objects[4] = hp.stream(hp.zlib_bomb(megabytes), b"/Filter /FlateDecode")
    sealed, trailer = hp.encrypt_objects(objects, user="", owner="x", cipher="rc4-128")
    return hp.serialize(sealed, trailer_extra=trailer)[0]


def _markup_cases(seed: int) -> Iterator[HostileCase]:
    lines = sample_lines(seed + 500)
    tag = f"s{seed}"
    body = _text_html(lines)
    page = f"<html><head><title>Prueba</title></head><body><main>{body}</main></body></html>"
    laughs = hz.billion_laughs(b"html") + b"<html><body><p>&lol9;</p>" + body.encode() + b"</body></html>"
    yield HostileCase(f"html/mil_millones_risas_{tag}.html", "html-entidades", "extracted",
                      _bytes(laughs))  # fmt: skip
    nul = page.encode().replace(b"</p><p>", b"</p>\x00\x00<p>\x00")
    yield HostileCase(f"html/bytes_nulos_{tag}.html", "html-nul", "extracted", _bytes(nul))
    mixed = (f'<html><head><meta charset="utf-8"></head><body><p>{lines[1]}</p>'.encode()
             + f"<p>{lines[2]}</p></body></html>".encode("cp1252"))  # fmt: skip
    yield HostileCase(f"html/codificacion_mixta_{tag}.html", "html-codificacion", "extracted",
                      _bytes(mixed))  # fmt: skip
    script = "<script>" + "document.write('<p>x</p>');" * 2000 + "</script>"
    yield HostileCase(f"html/script_{tag}.html", "html-script", "extracted",
                      _bytes(page.replace("<main>", "<main>" + script).encode()))  # fmt: skip
    rels = hz.docx_bytes(lines)
    yield HostileCase(f"docx/valido_{tag}.docx", "docx-control", "extracted", _bytes(rels))
    yield HostileCase(f"docx/truncado_{tag}.docx", "docx-truncado", "corrupt",
                      _bytes(rels[: len(rels) * (seed + 1) // 4]))  # fmt: skip
    latin = "\n".join(lines).encode("cp1252") + b"\n\xff\xfe\x81 bytes sueltos\n"
    yield HostileCase(f"txt/utf8_invalido_{tag}.txt", "txt-codificacion", "extracted",
                      _bytes(latin))  # fmt: skip
    text = "\n".join(lines)
    yield HostileCase(f"txt/utf16le_sin_bom_{tag}.txt", "txt-codificacion", "extracted",
                      _bytes(text.encode("utf-16-le")))  # fmt: skip
    yield HostileCase(f"txt/utf16be_sin_bom_{tag}.txt", "txt-codificacion", "extracted",
                      _bytes(text.encode("utf-16-be")))  # fmt: skip


def _single_cases() -> Iterator[HostileCase]:
    lines = sample_lines(777)
    text = "\n".join(lines)
    body = _text_html(lines)
    page = f"<html><body><main>{body}</main></body></html>"
    png = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
                        "0000000d49444154789c6360000002000100e221bc330000000049454e44ae426082")  # fmt: skip
    elf = b"\x7fELF\x02\x01\x01" + b"\x00" * 9 + b"\x02\x00>\x00" + b"\x00" * 200
    zipped = hz.zip_bytes({"anexo.txt": text.encode()})
    pdf = hp.text_pdf([lines])
    docx = hz.docx_bytes(lines)
    deep = "<html><body>" + "<div>" * 100_000 + "<p>" + lines[1] + "</p>" + "</div>" * 100_000
    cases: list[tuple[str, str, str, bytes | Callable[[], bytes]]] = [
        # wrong extensions: judged by content
        ("ext/png_como.pdf", "extension", "unsupported", png),
        ("ext/png_como.html", "extension", "unsupported", png),
        ("ext/png_como.docx", "extension", "unsupported", png),
        ("ext/zip_como.pdf", "extension", "unsupported", zipped),
        ("ext/elf_como.docx", "extension", "unsupported", elf),
        ("ext/gzip_como.txt", "extension", "unsupported", b"\x1f\x8b\x08\x00" + bytes(100)),
        ("ext/pdf_como.docx", "extension", "extracted", pdf),
        ("ext/html_como.pdf", "extension", "extracted", page.encode()),
        ("ext/docx_como.pdf", "extension", "extracted", docx),
        # tiny files
        ("diminuto/vacio.pdf", "diminuto", "empty", b""),
        ("diminuto/vacio.html", "diminuto", "empty", b""),
        ("diminuto/vacio.docx", "diminuto", "empty", b""),
        ("diminuto/vacio.txt", "diminuto", "empty", b""),
        ("diminuto/un_byte_pct.pdf", "diminuto", "empty", b"%"),
        ("diminuto/un_byte_nul.pdf", "diminuto", "unsupported", b"\x00"),
        ("diminuto/un_byte_espacio.txt", "diminuto", "empty", b" "),
        ("diminuto/un_byte_menor.html", "diminuto", "empty", b"<"),
        ("diminuto/un_byte_pk.docx", "diminuto", "extracted", b"P"),
        # HTML
        ("html/anidado_100k.html", "html-anidado", "extracted", deep.encode()),
        ("html/una_linea_50mb.html", "html-grande", "too_large",
         lambda: b"<html><body><p>" + (lines[1] + " ").encode() * (50_000_000 // 80) + b"</p></body></html>"),
        ("html/solo_script.html", "html-script", "empty",
         b"<html><body><script>alert(1)</script><style>p{}</style></body></html>"),
        ("html/comentario_sin_cerrar.html", "html-roto", "empty",
         b"<html><body><!-- " + body.encode() + b"</body></html>"),
        ("html/utf7_declarado.html", "html-codificacion", "extracted",
         b'<html><head><meta charset="utf-7"></head><body><p>+ADw-script+AD4-alert(1)+ADw-/script+AD4- '
         + lines[1].encode("utf-7") + b"</p></body></html>"),
        ("html/charset_desconocido.html", "html-codificacion", "extracted",
         b'<html><head><meta charset="x-marciano"></head><body>' + body.encode() + b"</body></html>"),
        ("html/atributos_100k.html", "html-atributos", "extracted",
         b"<html><body><p " + b" ".join(b"a%d=x" % i for i in range(100_000)) + b">"
         + lines[1].encode() + b"</p></body></html>"),
        ("html/tabla_5k_filas.html", "html-grande", "extracted",
         b"<html><body><table>" + b"<tr><td>celda</td><td>dato</td></tr>" * 5_000
         + b"</table><p>" + lines[1].encode() + b"</p></body></html>"),
        ("html/entidades_1m.html", "html-entidades", "extracted",
         b"<html><body><p>" + lines[1].encode() + b" " + b"&amp;" * 1_000_000 + b"</p></body></html>"),
        ("html/utf16_con_bom.html", "html-codificacion", "extracted",
         b"\xff\xfe" + page.encode("utf-16-le")),
        # XML
        ("xml/mil_millones_risas.xml", "xml-bomba", "extracted",
         hz.billion_laughs(b"doc") + b"<doc>&lol9;</doc>"),
        ("xml/explosion_cuadratica.xml", "xml-bomba", "extracted",
         b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "' + b"x" * 50_000 + b'">]><d>'
         + b"&a;" * 50_000 + b"</d>"),
        ("xml/entidad_externa.xml", "xml-xxe", "extracted",
         b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><d>&x;</d>'),
        ("xml/xhtml_risas.xhtml", "xml-bomba", "extracted",
         hz.billion_laughs(b"html") + b'<html xmlns="http://www.w3.org/1999/xhtml"><body><p>&lol9;</p>'
         + body.encode() + b"</body></html>"),
        # DOCX
        ("docx/bomba_razon.docx", "docx-bomba", "bomb",
         lambda: hz.big_member_docx(lines, "word/media/relleno.xml", 1024)),
        ("docx/bomba_medios.docx", "docx-bomba", "bomb",
         lambda: hz.docx_bytes(lines, {"word/media/x.bin": b"\0" * (8 << 20)})),
        ("docx/entradas_10k.docx", "docx-bomba", "bomb", lambda: hz.many_entries_zip(lines, 10_000)),
        ("docx/entradas_100k.docx", "docx-bomba", "bomb", lambda: hz.many_entries_zip(lines, 100_000)),
        ("docx/zip_anidado.docx", "docx-anidado", "extracted", lambda: hz.nested_zip(lines)),
        ("docx/tamanos_falsos.docx", "docx-bomba", "corrupt", lambda: hz.lying_zip_sizes(lines)),
        ("docx/entradas_superpuestas.docx", "docx-bomba", "bomb", lambda: hz.overlapping_zip(lines, 200)),
        ("docx/entidad_externa.docx", "docx-xxe", "bomb",
         hz.docx_with_document(lines, hz.document_xml(
             lines, b'<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
             b"<w:p><w:r><w:t>&x;</w:t></w:r></w:p>"))),
        ("docx/mil_millones_risas.docx", "docx-xxe", "bomb",
         hz.docx_with_document(lines, hz.billion_laughs(b"w:document")
                    + hz.document_xml(lines).split(b"?>", 1)[1])),
        ("docx/doctype_tras_relleno.docx", "docx-xxe", "bomb",
         hz.docx_with_document(lines, hz.document_xml(
             lines, b"<!--" + b" " * 8000 + b'-->\n<!DOCTYPE w:document [<!ENTITY x SYSTEM '
             b'"file:///etc/passwd">]>', b"<w:p><w:r><w:t>&x;</w:t></w:r></w:p>"))),
        ("docx/sin_document_xml.docx", "docx-roto", "unsupported",
         hz.zip_bytes({"[Content_Types].xml": hz.CONTENT_TYPES, "_rels/.rels": hz.RELS})),
        ("docx/document_xml_basura.docx", "docx-roto", "corrupt",
         hz.docx_with_document(lines, bytes(range(256)) * 10)),
        ("docx/sin_content_types.docx", "docx-roto", "corrupt",
         hz.zip_bytes({"_rels/.rels": hz.RELS, "word/document.xml": hz.document_xml(lines)})),
        ("docx/anidado_100k.docx", "docx-anidado", "corrupt",
         hz.docx_with_document(lines, hz.document_xml(
             lines, body_extra=b"<w:p>" + b"<w:r>" * 100_000 + b"</w:r>" * 100_000 + b"</w:p>"))),
        ("docx/ruta_escapa.docx", "docx-roto", "extracted",
         hz.docx_bytes(lines, {"../../../tmp/fuga.txt": b"x"})),
        # text
        ("txt/utf16_con_bom.txt", "txt-codificacion", "extracted", text.encode("utf-16")),
        ("txt/bytes_nulos.txt", "txt-binario", "unsupported", text.encode().replace(b" ", b"\x00")),
        ("txt/escapes_ansi.txt", "txt-control", "extracted",
         b"\x1b[2J\x1b[1;1H" + text.encode() + b"\x1b[31m rojo\x1b[0m"),
        ("txt/una_linea_20mb.txt", "txt-grande", "extracted",
         lambda: (lines[1] + " ").encode() * (20_000_000 // 80)),
    ]  # fmt: skip
    heavy = {"html/una_linea_50mb.html", "docx/entradas_100k.docx", "docx/bomba_razon.docx",
             "html/entidades_1m.html", "html/atributos_100k.html",
             "txt/una_linea_20mb.txt", "html/anidado_100k.html"}  # fmt: skip
    for name, category, expected, data in cases:
        yield HostileCase(name, category, expected, _bytes(data), heavy=name in heavy)
    # special files and names
    yield HostileCase("especial/tuberia_fifo.pdf", "especial", "unsupported", _fifo)
    yield HostileCase("especial/enlace_roto.pdf", "especial", "unreadable", _symlink("no-existe.pdf"))
    yield HostileCase("especial/enlace_ciclo.pdf", "especial", "unreadable",
                      _symlink("enlace_ciclo.pdf"))  # fmt: skip
    yield HostileCase("especial/enlace_fuera.txt", "especial", "outside", _outside_target)
    yield HostileCase("especial/enlace_dentro.pdf", "especial", "extracted", _inner_link(pdf))
    long_name = "especial/" + "resolución_" * 20 + ".pdf"
    yield HostileCase(long_name, "especial", "extracted", _bytes(pdf))
    yield HostileCase("especial/nombre_\udcff\udcfe_latin1.pdf", "especial", "bad_name", _bytes(pdf))
    yield HostileCase("especial/nombre\ncon salto.pdf", "especial", "extracted", _bytes(pdf))


def hostile_cases(seeds: int = 2) -> list[HostileCase]:
    """The whole catalogue: per-seed variants for ``range(seeds)``, then the one-off files."""
    cases: list[HostileCase] = []
    for seed in range(seeds):
        cases += _pdf_cases(seed)
        cases += _markup_cases(seed)
    cases += _pdf_single_cases()
    cases += _single_cases()
    names = [c.name for c in cases]
    assert len(names) == len(set(names)), "duplicate hostile file names"
    return cases


def write_hostile(
    out_dir: Path,
    seeds: int = 2,
    *,
    light: bool = False,
    only: Collection[str] | None = None,
) -> list[HostileCase]:
    """Write the files under ``out_dir/files`` and ``out_dir/ground_truth.jsonl``.

    ``light`` leaves out the ``heavy`` cases (for the default test run); ``only`` keeps the
    cases of those names.
    """
    files = out_dir / "files"
    cases = [
        c
        for c in hostile_cases(seeds)
        if not (light and c.heavy) and (only is None or c.name in only)
    ]
    for case in cases:
        path = files / case.name
        path.parent.mkdir(parents=True, exist_ok=True)
        case.build(path)
    with open(out_dir / "ground_truth.jsonl", "w", encoding="utf-8") as fh:
        for case in cases:
            fh.write(json.dumps(case.manifest(), ensure_ascii=True) + "\n")
    return cases
