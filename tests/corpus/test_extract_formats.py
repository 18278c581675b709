"""Extraction of each format from files generated here: HTML, DOCX, text PDFs, plain text."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from reportlab.pdfgen import canvas

from corpus.errors import IngestError
from corpus.extract import extract_file
from corpus.extract.html import decode_html, html_to_text
from corpus.extract.sniff import sniff_format

# --- sniffing ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"%PDF-1.7\n...", "pdf"),
        (b"\n\n%PDF-1.4 junk before the header is allowed", "pdf"),
        (b"<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
        (b"\xef\xbb\xbf  <html><p>hola</p></html>", "html"),
        (b"<div class='x'><p>fragmento</p></div>", "html"),
        ("Resolución del Pleno\nEXPEDIENTE: IVAI-REV/1/2020/I".encode(), "txt"),
        ("# Ley\n\n**Artículo 1.** Texto".encode(), "txt"),
        ("daño en cp1252".encode("cp1252"), "txt"),
    ],
)
def test_sniff_format(tmp_path: Path, data: bytes, expected: str) -> None:
    path = tmp_path / "archivo.dat"  # the name says nothing
    path.write_bytes(data)
    assert sniff_format(path) == expected


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 50, "PNG"),
        (b"\xff\xd8\xff\xe0" + b"\0" * 50, "JPEG"),
        (b"GIF89a" + b"\0" * 50, "GIF"),
        (b"RIFF\0\0\0\0WEBPVP8 " + b"\0" * 50, "WebP"),
        (b"{\\rtf1\\ansi hola}", "RTF"),
        (b"\x1f\x8b\x08\x00" + b"\0" * 50, "gzip"),
        (b"\x00\x01\x02\x03binario", "binario"),
    ],
)
def test_sniff_rejects(tmp_path: Path, data: bytes, what: str) -> None:
    path = tmp_path / "documento.pdf"
    path.write_bytes(data)
    with pytest.raises(IngestError) as err:
        sniff_format(path)
    assert err.value.reason == "unsupported"
    assert what in err.value.message


# --- HTML ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "text", "warned"),
    [
        ("<p>daño Núñez García</p>".encode("cp1252"), "daño Núñez García", True),
        ("<p>daño Núñez García</p>".encode(), "daño Núñez García", False),
        (
            '<meta charset="iso-8859-1"><p>daño “comillas”</p>'.encode("cp1252"),
            "daño “comillas”",
            False,
        ),
        ('<meta charset="utf-8"><p>Núñez</p>'.encode("cp1252"), "Núñez", True),  # a false label
        ('<meta charset="x-no-such"><p>Núñez</p>'.encode(), "Núñez", True),
        ("\ufeff<p>García</p>".encode("utf-16-le"), "García", False),
        (b"\xef\xbb\xbf<p>Garc\xc3\xada</p>", "García", False),
    ],
)
def test_decode_html(data: bytes, text: str, warned: bool) -> None:
    decoded, notes = decode_html(data)
    assert text in decoded
    assert bool(notes) is warned


PORTAL = """<!DOCTYPE html><html lang="es"><head><meta charset="utf-8"><title>Resolución</title>
<style>.x{color:red}</style><script>var menu = "Inicio";</script></head><body>
<header class="site-header"><a href="/">Instituto</a><nav><a href="/">Inicio</a> <a href="/r">Resoluciones</a></nav></header>
<div class="breadcrumb">Inicio » Resoluciones » IVAI-REV/275/2017/I</div>
<main><article>
<header class="entry-header"><h1>Recurso de revisión IVAI-REV/275/2017/I</h1></header>
<p><strong>EXPEDIENTE:</strong> IVAI-REV/275/2017/I</p>
<p>SUJETO OBLIGADO: Ayuntamiento de Xalapa</p>
<h2>RESULTANDOS</h2>
<p>Primero. El particular presentó su solicitud<br>por la Plataforma Nacional.</p>
<table><tr><th>Actuación</th><th>Fecha</th></tr><tr><td>Admisión</td><td>12/05/2017</td></tr></table>
<ul><li>Uno</li><li>Dos</li></ul>
<form><input name="q"><button>Buscar</button></form>
</article></main>
<aside class="sidebar"><h3>Resoluciones recientes</h3><ul><li><a href="/1">IVAI-REV/1/2017/I</a></li></ul></aside>
<div id="otros-criterios"><h3>Otros criterios</h3><p>Criterio 5/2018 del Instituto sobre versiones públicas.</p></div>
<footer>Av. Ávila Camacho 191, Xalapa · Aviso de privacidad</footer>
</body></html>"""


def test_html_keeps_main_content_only() -> None:
    text = html_to_text(PORTAL)
    lines = text.split("\n")
    assert lines[0] == "Recurso de revisión IVAI-REV/275/2017/I"  # the article's own header stays
    assert "EXPEDIENTE: IVAI-REV/275/2017/I" in lines
    assert "SUJETO OBLIGADO: Ayuntamiento de Xalapa" in lines
    assert "RESULTANDOS" in lines
    assert "Primero. El particular presentó su solicitud" in lines  # <br> is a line break
    assert "Actuación\tFecha" in lines and "Admisión\t12/05/2017" in lines  # rows of cells
    assert "Uno" in lines and "Dos" in lines
    for noise in ("Inicio", "Resoluciones recientes", "Otros criterios", "Aviso de privacidad",
                  "Buscar", "var menu", "color:red", "IVAI-REV/1/2017/I"):  # fmt: skip
        assert noise not in text


LEGACY = """<html><head><title>Resolución</title></head><body>
<table><tr><td class="menu"><a href="/a">Inicio</a><br><a href="/b">Transparencia</a></td>
<td class="contenido"><div id="migas">Usted está en: Inicio » Resoluciones</div>
<p>EXPEDIENTE: RR/DAI/0177/2023-PIII</p>
<p>Villahermosa, Tabasco, a diecisiete de mayo de dos mil veintitrés.</p>
<p>VISTO el expediente del recurso de revisión interpuesto en contra de la Secretaría de Salud.</p>
<p>RESOLUTIVOS: Se revoca la respuesta del sujeto obligado y se ordena una nueva búsqueda.</p>
</td><td class="lateral"><h4>Avisos</h4><p>Consulte el calendario de días inhábiles del año.</p></td></tr>
<tr><td colspan="3" class="pie">Instituto Tabasqueño · Página actualizada en 2023</td></tr></table>
</body></html>"""


def test_html_densest_block_without_main_element() -> None:
    text = html_to_text(LEGACY)
    assert text.split("\n")[0] == "EXPEDIENTE: RR/DAI/0177/2023-PIII"
    assert "RESOLUTIVOS: Se revoca" in text
    for noise in ("Inicio", "Usted está en", "Avisos", "días inhábiles", "Página actualizada"):
        assert noise not in text


def test_html_file_in_cp1252_without_charset(tmp_path: Path) -> None:
    path = tmp_path / "resolucion.htm"
    path.write_bytes(
        LEGACY.replace("Secretaría", "Secretaría de Salud, daño, Núñez").encode("cp1252")
    )
    extracted = extract_file(path)
    assert extracted.format == "html"
    assert "daño, Núñez" in extracted.text
    assert extracted.pages[0].method == "html"
    assert extracted.warnings  # decoded as cp1252, and it says so


def test_html_without_text_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "vacia.html"
    path.write_text(
        "<html><body><nav><a href='/'>Inicio</a></nav><script>x()</script></body></html>"
    )
    with pytest.raises(IngestError) as err:
        extract_file(path)
    assert err.value.reason == "empty"


# --- DOCX ----------------------------------------------------------------------------------


def test_docx_body_and_tables_in_order_without_running_header(tmp_path: Path) -> None:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "ENCABEZADO CORRIDO IVAI"
    document.sections[0].footer.paragraphs[0].text = "Pie de página con dirección"
    document.add_paragraph("EXPEDIENTE: IVAI-REV/275/2017/I")
    document.add_paragraph("SUJETO OBLIGADO: Ayuntamiento de Córdoba")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Actuación", "Fecha"
    table.cell(1, 0).text, table.cell(1, 1).text = "Admisión", "12/05/2017"
    document.add_paragraph("RESOLUTIVOS")
    document.add_paragraph("PRIMERO. Se modifica la respuesta; la infor-\nmación se entrega.")
    path = tmp_path / "resolucion.docx"
    document.save(str(path))
    extracted = extract_file(path)
    assert extracted.format == "docx"
    assert extracted.methods == ["docx"]
    lines = [ln for ln in extracted.text.split("\n") if ln]
    assert lines == [
        "EXPEDIENTE: IVAI-REV/275/2017/I",
        "SUJETO OBLIGADO: Ayuntamiento de Córdoba",
        "Actuación\tFecha",
        "Admisión\t12/05/2017",
        "RESOLUTIVOS",
        "PRIMERO. Se modifica la respuesta; la información se entrega.",
    ]


def test_docx_named_pdf_is_read_as_docx(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Criterio 07/17 del Pleno")
    path = tmp_path / "en_realidad_word.pdf"
    document.save(str(path))
    assert extract_file(path).format == "docx"


# --- text PDFs -----------------------------------------------------------------------------


def _pdf(path: Path, pages: list[list[tuple[float, float, str]]], font_size: int = 10) -> Path:
    """A PDF with text drawn at (x, y) positions, one list per page."""
    c = canvas.Canvas(str(path), pagesize=(612, 792))
    for page in pages:
        c.setFont("Helvetica", font_size)
        for x, y, text in page:
            c.drawString(x, y, text)
        c.showPage()
    c.save()
    return path


def test_pdf_running_headers_counters_and_hyphens(tmp_path: Path) -> None:
    pages = []
    for n in range(1, 5):
        body = [
            (
                72,
                700 - 14 * k,
                f"Línea {w} del cuerpo de la página {['uno', 'dos', 'tres', 'cuatro'][n - 1]}.",
            )
            for k, w in enumerate(["primera", "segunda", "tercera"])
        ]
        pages.append([
            (72, 760, "EXPEDIENTE: IVAI-REV/275/2017/I"),
            (400, 760, "Instituto Veracruzano"),
            *body,
            (72, 600, f"{['en', 'de', 'con', 'sin'][n - 1]} la infor-"),
            (72, 586, f"mación {['pública', 'reservada', 'confidencial', 'inexistente'][n - 1]} del IVAI-REV"),
            (290, 40, f"Página {n} de 4"),
        ])  # fmt: skip
    extracted = extract_file(_pdf(tmp_path / "corrido.pdf", pages))
    assert extracted.methods == ["text"] * 4
    first, *rest = (p.text for p in extracted.pages)
    assert first.startswith("EXPEDIENTE: IVAI-REV/275/2017/I")  # the caption stays once
    for text in extracted.text.split("\n"):
        assert "Página" not in text
    for text in rest:
        assert "EXPEDIENTE" not in text and "Instituto Veracruzano" not in text
        assert re.search(r"^\w+ la información \w+ del IVAI-REV$", text, re.MULTILINE)


def test_pdf_two_columns_read_column_by_column(tmp_path: Path) -> None:
    left = [(72, 700 - 14 * k, f"izquierda renglón {w}") for k, w in enumerate("abcdefgh")]
    right = [(320, 700 - 14 * k, f"derecha renglón {w}") for k, w in enumerate("abcdefgh")]
    extracted = extract_file(_pdf(tmp_path / "columnas.pdf", [[*left, *right]]))
    lines = [ln for ln in extracted.text.split("\n") if ln]
    assert lines == [f"izquierda renglón {w}" for w in "abcdefgh"] + [
        f"derecha renglón {w}" for w in "abcdefgh"
    ]


def test_pdf_list_markers_and_caption_labels_join_their_text(tmp_path: Path) -> None:
    page = [
        (72, 700, "EXPEDIENTE:"),
        (250, 700, "RR/DAI/0177/2023-PIII"),
        (72, 670, "SUJETO OBLIGADO:"),
        (72, 658, "Secretaría de Salud"),
        (85, 620, "I."),
        (128, 620, "Establecer los principios y bases generales del derecho;"),
        (85, 600, "II."),
        (128, 600, "Distribuir las competencias de las autoridades garantes;"),
    ]
    extracted = extract_file(_pdf(tmp_path / "marcas.pdf", [page]))
    lines = [ln for ln in extracted.text.split("\n") if ln]
    assert lines == [
        "EXPEDIENTE: RR/DAI/0177/2023-PIII",
        "SUJETO OBLIGADO: Secretaría de Salud",
        "I. Establecer los principios y bases generales del derecho;",
        "II. Distribuir las competencias de las autoridades garantes;",
    ]


def test_pdf_table_cells_become_rows(tmp_path: Path) -> None:
    page = [
        (72, 720, "PRECEDENTES"),
        (72, 700, "Expediente"), (220, 700, "Sujeto obligado"), (380, 700, "Ponente"), (500, 700, "Fecha"),
        (72, 676, "RR/1/2018/INAIP"), (220, 682, "Instituto Electoral y de"),
        (220, 670, "Participación Ciudadana"), (380, 676, "Claudia Reyes Solís"), (500, 676, "17/01/2018"),
        (72, 640, "Texto posterior a la tabla, a todo lo ancho de la página, como un párrafo normal."),
    ]  # fmt: skip
    lines = [ln for ln in extract_file(_pdf(tmp_path / "tabla.pdf", [page])).text.split("\n") if ln]
    assert lines == [
        "PRECEDENTES",
        "Expediente\tSujeto obligado\tPonente\tFecha",
        "RR/1/2018/INAIP\tInstituto Electoral y de Participación Ciudadana\tClaudia Reyes Solís\t17/01/2018",
        "Texto posterior a la tabla, a todo lo ancho de la página, como un párrafo normal.",
    ]


def test_pdf_centred_headings_keep_their_order(tmp_path: Path) -> None:
    page = [
        (285, 700, "Capítulo I"),
        (247, 684, "Disposiciones Preliminares"),
        (72, 660, "Artículo 1. " + "Texto de la ley " * 5 + "Texto de la ley"),
    ]
    lines = [ln for ln in extract_file(_pdf(tmp_path / "t.pdf", [page])).text.split("\n") if ln]
    assert lines == [
        "Capítulo I",
        "Disposiciones Preliminares",
        "Artículo 1. " + "Texto de la ley " * 5 + "Texto de la ley",
    ]


def test_pdf_without_any_text_or_image_is_empty(tmp_path: Path) -> None:
    path = _pdf(tmp_path / "blanco.pdf", [[]])
    with pytest.raises(IngestError) as err:
        extract_file(path)
    assert err.value.reason == "empty"


def test_plain_text_file(tmp_path: Path) -> None:
    path = tmp_path / "nota.md"
    path.write_text("# Criterio 07/17\n\nCasos en los que no es necesario  que el Comité...\n")
    extracted = extract_file(path)
    assert extracted.format == "txt"
    assert extracted.text == "# Criterio 07/17\n\nCasos en los que no es necesario que el Comité..."
