"""HTML pages of sample documents with the site noise of the bodies' portals: menus,
breadcrumbs, sidebars ("Resoluciones recientes", "Otros criterios"), footers and scripts.
Some pages are UTF-8 with a declared charset, some cp1252 with none, some UTF-8 with none."""

from __future__ import annotations

import random
from datetime import date, timedelta
from html import escape

from corpus.sample.model import MARKER_LINE, Block, SampleDoc, line_of

HTML_LAYOUTS = ("portal", "legacy", "simple")

_MENU = ("Inicio", "El Instituto", "Transparencia", "Resoluciones", "Criterios", "Sesiones del Pleno",
         "Datos personales", "Capacitación", "Contacto")


def _block_html(block: Block, caps_headings: bool) -> str:
    if block.kind == "marker":
        return f'<p class="aviso-muestra"><strong>{escape(block.text)}</strong></p>'
    if block.kind == "masthead":
        return f"<h1>{escape(block.text)}</h1>"
    if block.kind == "title":
        return f"<h2>{escape(block.text)}</h2>"
    if block.kind == "heading":
        return f"<h3>{escape(block.text.upper() if caps_headings else block.text)}</h3>"
    if block.kind == "field":
        attr = ' class="caratula" style="margin-left:50%"' if block.align == "right" else ""
        if block.inline:
            return f"<p{attr}><strong>{escape(block.label)}</strong> {escape(block.text)}</p>"
        return f"<p{attr}><strong>{escape(block.label)}</strong><br>\n{escape(block.text)}</p>"
    if block.kind == "table":
        head, *rows = block.rows
        cells = "".join(f"<th>{escape(c)}</th>" for c in head)
        body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>\n" for row in rows)
        return f'<table class="tabla">\n<thead><tr>{cells}</tr></thead>\n<tbody>\n{body}</tbody>\n</table>'
    if block.kind == "sign":
        return "".join(f'<p class="firma">{escape(chunk).replace(chr(10), "<br>")}</p>' for chunk in block.text.split("\n\n"))
    if block.kind == "note":
        return f'<p class="nota-al-pie"><small>{escape(block.text)}</small></p>'
    if block.kind == "place_date":
        return f'<p class="lugar-fecha" style="text-align:right">{escape(block.text)}</p>'
    return f"<p>{escape(block.text).replace(chr(10), '<br>' + chr(10))}</p>"


def _content(doc: SampleDoc, layout: str, rng: random.Random, caps: bool) -> str:
    """The document's blocks as HTML; caption fields as a table or a <dl> on some sites."""
    grouping = "table" if layout == "legacy" else ("dl" if rng.random() < 0.4 else "")
    parts: list[str] = []
    fields: list[Block] = []

    def flush() -> None:
        if not fields:
            return
        if grouping == "table":
            rows = "".join(f"<tr><td><b>{escape(f.label)}</b></td><td>{escape(f.text)}</td></tr>\n" for f in fields)
            parts.append(f'<table class="datos" border="1">\n{rows}</table>')
        else:
            items = "".join(f"<dt>{escape(f.label)}</dt><dd>{escape(f.text)}</dd>\n" for f in fields)
            parts.append(f'<dl class="caratula">\n{items}</dl>')
        fields.clear()

    if layout == "simple" and rng.random() < 0.5:  # old CMS: one <div>, paragraphs split by <br>
        return "<div class=\"entry\">\n" + "<br><br>\n".join(
            escape(line_of(b)).replace("\n", "<br>\n") for b in doc.blocks if line_of(b)) + "\n</div>"
    for block in doc.blocks:
        if grouping and block.kind == "field" and block.label and doc.truth.doc_type != "criterio":
            fields.append(block)
            continue
        flush()
        parts.append(_block_html(block, caps))
    flush()
    return "\n".join(parts)


def _noise_links(doc: SampleDoc, rng: random.Random, title: str) -> str:
    """A sidebar listing other documents of the site, in the body's own expediente format:
    site noise that extraction must drop (they are not citations of this document)."""
    from corpus.sample.plan import expediente_kind, make_expediente, render_expediente

    year = doc.truth.year
    items = []
    for _ in range(rng.randrange(3, 6)):
        n = rng.randrange(30000, 39999)  # never a number of the corpus
        if doc.truth.doc_type == "criterio":
            label = f"Criterio {rng.randrange(1, 20):02d}/{year - rng.randrange(0, 3)}"
        else:
            exp = make_expediente(doc.truth.garante, expediente_kind(doc.truth.garante, "recurso"), n, year, None)
            label = f"Recurso de revisión {render_expediente(exp, rng)}"
        items.append(f'<li><a href="/resoluciones/{year}/{n}">{escape(label)}</a></li>')
    return f'<aside class="sidebar"><h4>{title}</h4><ul>{"".join(items)}</ul></aside>'


def render_html(doc: SampleDoc, layout: str, rng: random.Random) -> bytes:
    """Render ``doc`` as an HTML page; the encoding depends on the layout."""
    caps = rng.random() < 0.5
    content = _content(doc, layout, rng, caps)
    key = doc.truth.garante
    title = escape(f"{doc.truth.title} | {key}")
    menu = "".join(f'<li><a href="/{m.lower().replace(" ", "-")}">{escape(m)}</a></li>' for m in _MENU)
    sidebar_title = "Otros criterios" if doc.truth.doc_type == "criterio" else "Resoluciones recientes"
    script = ("<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}"
              "gtag('js',new Date());document.addEventListener('DOMContentLoaded',function(){var m=document.querySelector('.menu');"
              "if(m){m.classList.add('listo');}});</script>")
    published = ""
    if rng.random() < 0.5:  # the site's publication date: not the resolution's
        when = date.fromisoformat(doc.truth.date) + timedelta(days=rng.randrange(3, 30))
        published = f'<p class="meta">Publicado el {when.day:02d}/{when.month:02d}/{when.year} · Sección {"Criterios" if doc.truth.doc_type == "criterio" else "Resoluciones"}</p>'
    if layout == "portal":
        page = f"""<!DOCTYPE html>
<html lang="es">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<meta name="description" content="{escape(MARKER_LINE)}">
<link rel="stylesheet" href="/static/portal.css">
{script}
</head>
<body>
<header class="cabecera"><a class="logo" href="/">{escape(doc.body_name)}</a>
<nav class="menu" aria-label="Menú principal"><ul>{menu}</ul></nav></header>
<nav class="breadcrumb" aria-label="Ruta"><a href="/">Inicio</a> &gt; <a href="/pleno">Pleno</a> &gt; <a href="/resoluciones">{"Criterios" if doc.truth.doc_type == "criterio" else "Resoluciones"}</a> &gt; <span>{doc.truth.year}</span></nav>
<div class="contenedor">
<main id="contenido"><article class="documento">
{published}
{content}
</article></main>
{_noise_links(doc, rng, sidebar_title)}
</div>
<footer class="pie"><p>{escape(doc.body_name)} · Todos los derechos reservados © {doc.truth.year + 1}</p>
<p>Horario de atención: lunes a viernes de 9:00 a 15:00 horas · Tel. (01) 800 {rng.randrange(100, 999)} {rng.randrange(1000, 9999)}</p>
<ul class="redes"><li><a href="#">Facebook</a></li><li><a href="#">X</a></li><li><a href="#">YouTube</a></li></ul></footer>
<script src="/static/analytics.js"></script>
</body>
</html>
"""
        return page.encode("utf-8")
    if layout == "legacy":
        page = f"""<html>
<head>
<title>{title}</title>
<style>td.menu {{ background:#336; color:#fff }} .contenido p {{ text-align: justify }}</style>
{script}
</head>
<body bgcolor="#ffffff">
<table width="100%" border="0"><tr><td colspan="3" class="banner"><img src="/img/banner.gif" alt="{escape(doc.body_name)}"></td></tr>
<tr><td class="menu" width="18%" valign="top"><ul>{menu}</ul></td>
<td class="contenido" valign="top">
<div id="migas">Usted está en: Inicio &raquo; Transparencia &raquo; Resoluciones del Pleno</div>
{content}
</td>
<td width="20%" valign="top" class="lateral">{_noise_links(doc, rng, sidebar_title)}
<div class="lateral"><h4>Avisos</h4><p>Consulte el calendario de días inhábiles del año {doc.truth.year}.</p></div></td></tr>
<tr><td colspan="3" class="pie"><font size="1">{escape(doc.body_name)} &middot; Página actualizada en {doc.truth.year}</font></td></tr>
</table>
</body>
</html>
"""
        return page.encode("cp1252", errors="xmlcharrefreplace")
    page = f"""<!doctype html>
<html><head><title>{title}</title></head>
<body>
<div id="top-menu">{" | ".join(escape(m) for m in _MENU[:5])}</div>
<div class="post">
{content}
</div>
<div class="widget">{_noise_links(doc, rng, sidebar_title)}</div>
<div class="footer">Sitio oficial · {escape(doc.body_name)}</div>
{script}
</body></html>
"""
    return page.encode("utf-8")
