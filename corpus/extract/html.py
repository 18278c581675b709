"""HTML pages of the bodies' websites: our own decoding, then the main content as lines.

Decoding is done here, not by the parser: charset guessing turned "daño", "Núñez" and "García"
into garbage on Latin-1 pages without a declared charset. Order: BOM, a declared charset that is
valid and decodes cleanly, strict UTF-8, then cp1252 (which WHATWG also uses for "latin-1").
"""

from __future__ import annotations

import codecs
import re
import warnings
from pathlib import Path

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, XMLParsedAsHTMLWarning
from bs4.element import NavigableString, Tag

from corpus.errors import EmptyDocumentError
from corpus.extract.clean import clean_text, has_words
from corpus.extract.sniff import utf16_without_bom
from corpus.records import ExtractedText, PageText

_CHARSET_RE = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-.:]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-.]+)""",
    re.IGNORECASE,
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# Labels that mean cp1252 in practice (WHATWG encoding standard).
_AS_CP1252 = {"latin-1", "latin1", "iso-8859-1", "iso8859-1", "iso_8859-1", "us-ascii", "ascii"}

# Elements that are never content.
_DROP_TAGS = (
    "script", "style", "noscript", "template", "form", "iframe", "svg", "canvas", "button",
    "input", "select", "textarea", "nav", "aside", "object", "embed", "dialog", "link", "meta",
)  # fmt: skip
# Page chrome dropped when outside the chosen main block.
_CHROME_TAGS = ("header", "footer")
_NOISE_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar"}
_NOISE_ATTR_RE = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|menus|breadcrumbs?|migas|sidebar|side-bar|lateral|"
    r"widget|widgets|footer|pie|pie-de-pagina|cookie|cookies|share|social|redes|related|"
    r"relacionad[oa]s|recientes|recent|otros|comments?|comentarios|pagination|paginacion|"
    r"skip|banner|toolbar|search|buscador|ads?|publicidad)(?:$|[\s_-])",
    re.IGNORECASE,
)
_BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "header", "footer", "h1", "h2", "h3", "h4", "h5",
    "h6", "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "pre", "table", "tr", "thead",
    "tbody", "tfoot", "caption", "figure", "figcaption", "address", "hr", "center", "body",
}  # fmt: skip
_PARAGRAPH_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "ul",
                   "ol", "dl", "address", "figure"}  # fmt: skip


def decode_html(data: bytes) -> tuple[str, list[str]]:
    """Decode page bytes: BOM, declared charset, strict UTF-8, cp1252. Returns (text, warnings)."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(enc, errors="replace"), []
    notes: list[str] = []
    m = _CHARSET_RE.search(data[:4096])
    if m:
        label = (m.group(1) or m.group(2)).decode("ascii", "replace").strip().lower()
        enc = "cp1252" if label in _AS_CP1252 else label
        try:
            codecs.lookup(enc)
        except LookupError:
            notes.append(f"juego de caracteres declarado desconocido: {label}")
        else:
            try:
                return data.decode(enc), notes
            except UnicodeDecodeError:
                notes.append(
                    f"el juego de caracteres declarado ({label}) no corresponde al contenido"
                )
    return decode_plain(data, notes)


def decode_plain(data: bytes, notes: list[str] | None = None) -> tuple[str, list[str]]:
    """Strict UTF-8 (BOM allowed), UTF-16 (with a BOM, or without one when every other byte
    is NUL), else cp1252 with undefined bytes taken as Latin-1."""
    notes = list(notes or [])
    for bom, enc in _BOMS[1:]:
        if data.startswith(bom):
            return data[len(bom) :].decode(enc, errors="replace"), notes
    utf16 = utf16_without_bom(data)
    if utf16:
        notes.append(f"texto en {utf16.upper()} sin marca de orden de bytes")
        return data.decode(utf16, errors="replace"), notes
    try:
        return data.decode("utf-8-sig"), notes
    except UnicodeDecodeError:
        pass
    notes.append("texto no UTF-8: leído como Windows-1252")
    return data.decode("cp1252", errors="latin1fallback"), notes


def _latin1_fallback(err: UnicodeError) -> tuple[str, int]:
    assert isinstance(err, UnicodeDecodeError)
    bad = err.object[err.start : err.end]
    return bytes(bad).decode("latin-1"), err.end


codecs.register_error("latin1fallback", _latin1_fallback)


def _is_noise(tag: Tag) -> bool:
    if tag.attrs is None:
        return False
    role = str(tag.get("role") or "").lower()
    if role in _NOISE_ROLES:
        return True
    if tag.name in ("body", "main", "article", "html"):
        return False
    raw_classes: str | list[str] = tag.get("class") or []
    classes: list[str] = [raw_classes] if isinstance(raw_classes, str) else list(raw_classes)
    attr = " ".join([*classes, str(tag.get("id") or "")])
    return bool(attr.strip()) and bool(_NOISE_ATTR_RE.search(attr))


def _text_len(tag: Tag) -> int:
    return len(" ".join(tag.get_text(" ").split()))


def _link_text_len(tag: Tag) -> int:
    return sum(_text_len(a) for a in tag.find_all("a"))


def _densest_block(body: Tag) -> Tag:
    """The element holding most paragraph text (readability-style score), else ``body``."""
    scores: dict[int, float] = {}
    tags: dict[int, Tag] = {}
    for para in body.find_all(["p", "li", "td", "pre", "h1", "h2", "h3", "blockquote"]):
        length = _text_len(para)
        if length < 25:
            continue
        parent = para.parent
        for weight in (1.0, 0.5):
            if not isinstance(parent, Tag) or parent.name in ("html", "[document]"):
                break
            scores[id(parent)] = scores.get(id(parent), 0.0) + weight * length
            tags[id(parent)] = parent
            parent = parent.parent
    if not scores:
        return body
    best = tags[max(scores, key=lambda k: scores[k])]
    # descend while one child holds nearly all the text (a table row around the content cell)
    while True:
        total = _text_len(best)
        inner = next(
            (c for c in best.find_all(recursive=False) if _text_len(c) >= 0.85 * total), None
        )
        if inner is None or total == 0:
            break
        best = inner
    # climb while the parent adds substantial non-link text (content split over siblings)
    while isinstance(best.parent, Tag) and best.parent.name not in ("body", "html"):
        parent = best.parent
        if _text_len(parent) - _link_text_len(parent) > 1.3 * _text_len(best):
            best = parent
        else:
            break
    return best


def _main_block(soup: BeautifulSoup) -> Tag:
    body = soup.body or soup
    for finder in (
        lambda: soup.find_all("main"),
        lambda: soup.find_all(role="main"),
        lambda: soup.find_all("article"),
    ):
        found = [t for t in finder() if isinstance(t, Tag) and _text_len(t) > 0]
        if found:
            return max(found, key=_text_len)
    assert isinstance(body, Tag)
    return _densest_block(body)


def _render(node: Tag, out: list[str]) -> None:
    """Append text to ``out``; block elements start new lines, tables become rows of cells."""
    for child in node.children:
        if isinstance(child, NavigableString):
            if type(child) is NavigableString:  # not a comment, CDATA, doctype
                out.append(str(child))
            continue
        if not isinstance(child, Tag):
            continue
        name = child.name
        if name == "br":
            out.append("\n")
        elif name == "tr":
            cells = [  # direct children, not find_all: one call per row was 70% of a big table
                " ".join(c.get_text(" ").split())
                for c in child.children
                if isinstance(c, Tag) and c.name in ("td", "th")
            ]
            out.append("\n" + "\t".join(c for c in cells) + "\n")
        elif name in _BLOCK_TAGS:
            sep = "\n\n" if name in _PARAGRAPH_TAGS else "\n"
            out.append(sep)
            _render(child, out)
            out.append(sep)
        else:
            _render(child, out)


def html_to_text(markup: str) -> str:
    """Main content of an HTML page as clean lines (no menus, sidebars, header, footer)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        soup = BeautifulSoup(markup, "lxml")
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    total = _text_len(soup)
    for tag in soup.find_all(_is_noise):
        if tag.decomposed:
            continue
        holds_main = tag.find(["main", "article"]) or tag.find(role="main")
        if holds_main or _text_len(tag) > 0.6 * total:
            continue  # a layout wrapper with a noisy class name, not a sidebar
        tag.decompose()
    main = _main_block(soup)
    # header/footer are chrome outside the main block; inside it they may hold the title
    for tag in soup.find_all(_CHROME_TAGS):
        if tag.decomposed or tag is main:
            continue
        if any(p is main for p in tag.parents) or any(p is tag for p in main.parents):
            continue
        tag.decompose()
    parts: list[str] = []
    title = soup.title.get_text(" ").strip() if soup.title else ""
    _render(main, parts)
    text = clean_text("".join(parts))
    if not text and title:
        text = clean_text(title)
    return text


def extract_html(path: Path, data: bytes | None = None) -> ExtractedText:
    """Extract one HTML file as a one-page ``ExtractedText`` (method "html")."""
    raw = path.read_bytes() if data is None else data
    markup, notes = decode_html(raw)
    text = html_to_text(markup)
    if not has_words(text):
        raise EmptyDocumentError(path, "la página no tiene contenido de texto")
    return ExtractedText(
        source=str(path),
        format="html",
        pages=(PageText(1, text, "html"),),
        warnings=tuple(notes),
    )
