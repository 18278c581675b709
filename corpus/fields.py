"""Header fields of one document: garante, doc_type, expediente, sujeto obligado, ponente, folio.

Each function is pure over (text, folded text) and looks where the field lives: the header
labels ("EXPEDIENTE:", "SUJETO OBLIGADO:", "COMISIONADA PONENTE:", "FOLIO DE SOLICITUD:"), value
on the same line or the next one, in capitals or not. Values that are anonymisation marks
("C. [...]", "********", "[Eliminado]", "Dato protegido") are never taken.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from corpus import citations
from corpus import patterns as P
from corpus.garantes import Registry

HEADER_CHARS = 2500  # where the caption of a resolution lives, when no section heading says


def header_end(text: str, first_section: int | None, first_page: str | None = None) -> int:
    """Where the header (caption) ends: the first section heading, else ~the first page."""
    limit = min(len(text), HEADER_CHARS)
    if first_page:
        limit = max(limit, min(len(first_page), 4000))
    if first_section is not None and first_section > 200:
        return min(first_section, max(limit, 800))
    return limit


def _value_lines(text: str, start: int, end: int) -> str:
    """The label's value: the rest of the line, or the next non-empty line when that is empty."""
    return _value_and_end(text, start, end)[0]


def _value_and_end(text: str, start: int, end: int) -> tuple[str, int]:
    """The label's value and where its line ends (see ``_value_lines``).

    A caption laid out as a table may come out of a PDF with the document's title between a
    label and its value: such a title line is skipped.
    """
    value = text[start:end].strip(" \t*_")
    if value:
        return value, end
    pos = end
    for _ in range(6):
        nl = text.find("\n", pos + 1)
        if nl == -1 and pos >= len(text):
            break
        line_end = len(text) if nl == -1 else nl
        line = text[pos + 1 : line_end].strip(" \t*_>")
        pos = line_end
        if not line:
            continue
        folded = P.fold(line)
        if P.NEXT_LABEL.match(folded):
            return "", end
        if P.TITLE_LINE.match(folded):
            continue
        return line, line_end
    return "", end


def clean_value(value: str) -> str | None:
    """Tidy a header value; None for empty values and anonymisation marks."""
    value = re.sub(r"[*_]{1,3}", "", value)
    value = re.sub(r"\s+", " ", value).strip(" \t.,;:-–—|")
    if not value or P.ANONYMISED.match(P.fold(value)):
        return None
    return value


def _looks_like_label(line: str) -> bool:
    folded = P.fold(line.strip())
    return bool(P.NEXT_LABEL.match(folded) or P.LABEL_WORDS.match(folded) or ":" in line)


def _continuation(text: str, line_end: int, value: str) -> str:
    """Join a value wrapped onto the next line ("H. Ayuntamiento de\\nXalapa", "Fernando Cruz\\nCanché")."""
    nxt = re.match(r"\n[ \t]*([^\n]{1,80})(?:\n|$)", text[line_end : line_end + 100])
    after_blank = re.match(
        r"\n[ \t]*\n[ \t]*([^\n]{1,80})(?:\n|$)", text[line_end : line_end + 100]
    )
    if after_blank and (
        re.match(r"(?:de|del|de la|y|e|en)\s", after_blank.group(1))
        or (
            re.search(r"\b(?:de|del|de la|y|e|en)$", value)
            and not _looks_like_label(after_blank.group(1))
        )
    ):  # "Fiscalía General\n\ndel Estado de Campeche", "Ayuntamiento de\n\nTenosique" (OCR)
        return f"{value} {after_blank.group(1).strip()}"
    if not nxt:
        return value
    line = nxt.group(1).strip()
    folded = P.fold(line)
    if P.NEXT_LABEL.match(folded) or P.LABEL_WORDS.match(folded) or ":" in line:
        return value
    open_end = re.search(
        r"(?:\b(?:de|del|de la|y|e|para|en)|\b[A-Z]\.|,)$", value, re.IGNORECASE
    ) or re.match(r"(?:de|del|de la|y|e|en)\s", line)
    short_tail = (
        len(line.split()) <= 3
        and line[:1].isupper()
        and not (line.isupper() and not value.isupper())
        and not re.search(r"\d", line)
    )
    if open_end or short_tail:
        return f"{value} {line}"
    return value


def _label_stands_alone(text: str, m: re.Match[str]) -> bool:
    """A label needs its colon, unless written in capitals ("SUJETO OBLIGADO Ayuntamiento"),
    set off by a tab or spaces, or alone on its line."""
    sep = m.group("sep") or ""
    if re.search(r"[:.\-–—]", sep) or "\t" in sep or "  " in sep or not m.group("value").strip():
        return True
    label = text[m.start("lab") : m.end("lab")]
    return label.isupper()


def labelled(
    text: str,
    folded: str,
    pattern: re.Pattern[str],
    end: int,
    reject: re.Pattern[str] | None = None,
) -> str | None:
    """The first clean value of a label before ``end`` (one matching ``reject`` is skipped).

    Labels set off clearly (a colon, capitals, a tab) are tried first; then, for captions
    whose colons a table layout lost, a title-case label followed by its value.
    """
    for strict in (True, False):
        for m in pattern.finditer(folded, 0, end):
            if "sep" in m.groupdict() and _label_stands_alone(text, m) != strict:
                continue
            raw, line_end = _value_and_end(text, m.start("value"), m.end("value"))
            cleaned = clean_value(_continuation(text, line_end, raw) if raw else raw)
            if cleaned and reject is not None and reject.match(P.fold(cleaned)):
                continue
            if cleaned:
                return cleaned
    return None


# --- expediente ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ExpedienteFound:
    raw: str
    canonical: str
    garante: str | None  # the body whose format matched, None for an unknown format
    known_format: bool
    variants: tuple[str, ...] = ()  # how the caption garbled it (OCR): not citations either


def own_expediente(
    text: str, folded: str, registry: Registry, end: int, *, unlabelled: bool = True
) -> ExpedienteFound | None:
    """The expediente of THIS document, from its header label (see the module docstring).

    With ``unlabelled``, an expediente opening a caption line counts when no label is found.
    """
    labels = list(P.EXPEDIENTE_LABEL.finditer(folded, 0, end))
    # "Expediente:" before "Recurso de revisión …" (which is also a running header's wording)
    labels.sort(key=lambda m: m.group("label").startswith(("recurso", "denuncia", "procedimiento")))
    for m in labels:
        value = _value_lines(text, m.start("value"), m.end("value"))
        hit = citations.match_expediente(value, registry)
        if hit is None or P.OCR_PONENCIA.search(value):
            # OCR reads a closing roman ponencia "/I" as "/1" or "/l"
            fixed = P.OCR_PONENCIA.sub(lambda m: "/" + "I" * len(m.group(1)), value)
            hit = citations.match_expediente(fixed, registry) or hit
        if hit is None:
            # a caption table read out of order: the value a few lines below, before another label
            window = _until_next_label(text, folded, m.end("value"), m.end("value") + 250)
            hit = citations.match_expediente(window, registry)
        if hit:
            confirmed = _confirmed_ponencia(hit, text[: end + 2000], registry)
            variants = (hit[1],) if confirmed[1] != hit[1] else ()
            return ExpedienteFound(confirmed[2].strip(), confirmed[1], confirmed[0], True, variants)
        cleaned = clean_value(value)
        label = m.group("label")
        if (
            cleaned
            and re.search(r"\d", cleaned)
            and len(cleaned) <= 60
            and not label.startswith("recurso")
        ):
            raw = cleaned.split()[0] if len(cleaned.split()) > 3 else cleaned
            near = _closest_expediente(raw, text, registry)
            if near is not None:  # an OCR misreading of the one written in the text
                return near
            return ExpedienteFound(raw, re.sub(r"\s+", "", raw).upper(), None, False)
    # no label: an expediente opening a caption line ("RECURSO DE REVISIÓN RRA 1234/19") or
    # named by the caption sentence ("… en el recurso de revisión RR/1/2024/INAIP, interpuesto …")
    hits = (
        []
        if not unlabelled
        else [
            h
            for h in citations.expediente_matches(text[: min(end, 1500)], registry)
            if re.fullmatch(
                r"[ \t*#_]*(?:[a-z ]{0,40}[:.]?)?[ \t]*",
                folded[folded.rfind("\n", 0, h[0]) + 1 : h[0]],
            )
            or P.CAPTION_EXPEDIENTE_CONTEXT.search(folded[max(0, h[0] - 60) : h[0]])
        ]
    )
    if hits:
        return ExpedienteFound(hits[0][4].strip(), hits[0][3], hits[0][2], True)
    return None


def _confirmed_ponencia(
    hit: tuple[str, str, str], text: str, registry: Registry
) -> tuple[str, str, str]:
    """The labelled expediente, or the one the text repeats when they differ only in the
    ponencia (OCR's "-PIIII" in the caption for the "-PIII" written in the VISTOS paragraph)."""
    base = P.PONENCIA_TAIL.sub("", hit[1])
    found = citations.expediente_matches(text, registry)
    if base == hit[1] or sum(h[3] == hit[1] for h in found) >= 2:
        return hit
    variants = [
        h
        for h in found
        if h[3] != hit[1] and h[3] != base and P.PONENCIA_TAIL.sub("", h[3]) == base
    ]
    if variants:
        return (variants[0][2], variants[0][3], variants[0][4])
    return hit


_OCR_SIMILARITY = 0.8  # how alike a garbled labelled value and an expediente of the text must be


def _closest_expediente(raw: str, text: str, registry: Registry) -> ExpedienteFound | None:
    """The expediente of the text most like ``raw`` (an OCR-garbled label value), if close."""
    key = re.sub(r"[\W_]+", "", raw).upper()
    # OCR's "-PIL" for "-PII" elsewhere in the text: read the ponencia's strokes as "I"
    text = P.OCR_PONENCIA_STROKES.sub(lambda m: re.sub(r"[Ll1|]", "I", m.group(0)), text)
    best: tuple[float, ExpedienteFound] | None = None
    for _s, _e, garante, canonical, found in citations.expediente_matches(text, registry):
        ratio = SequenceMatcher(None, key, re.sub(r"[\W_]+", "", found).upper()).ratio()
        if ratio >= _OCR_SIMILARITY and (best is None or ratio > best[0]):
            best = (ratio, ExpedienteFound(found.strip(), canonical, garante, True))
    return best[1] if best else None


def _until_next_label(text: str, folded: str, start: int, end: int) -> str:
    """The lines from ``start`` up to the next "Label:" line (or ``end``)."""
    pos = start
    while pos < min(end, len(text)):
        nl = folded.find("\n", pos + 1)
        nl = len(folded) if nl == -1 else nl
        line = folded[pos:nl].strip()
        if pos > start and P.NEXT_LABEL.match(line):
            break
        pos = nl
    return text[start : min(pos, end)]


# --- garante -------------------------------------------------------------------------------

# Where a body is named says whether it issued the document: its masthead (the first lines)
# counts most, then the caption and the closing vote formula; mentions in the body (a cited
# criterion "emitido por el INAI") count least, and repeated mentions add little. A
# "Name (KEY)" pair counts once.
_MASTHEAD_CHARS, _CAPTION_CHARS = 400, 1200
_MASTHEAD_WEIGHT, _HEADER_WEIGHT, _CLOSING_WEIGHT, _BODY_WEIGHT = 20, 4, 3, 1
_PLACE_WEIGHT, _EXPEDIENTE_WEIGHT, _MAX_REPEAT_BONUS = 2, 10, 5


def detect_garante(
    text: str, folded: str, registry: Registry, header: int, own_exp_garante: str | None = None
) -> str | None:
    """The body that issued the document: names and places weighted by where they appear."""
    weights: dict[str, list[int]] = {}
    caption = min(header, _CAPTION_CHARS)
    closing = max(caption, len(folded) - 1500)

    def weight(pos: int) -> int:
        if pos < _MASTHEAD_CHARS:
            return _MASTHEAD_WEIGHT
        if pos < caption:
            return _HEADER_WEIGHT
        if pos >= closing:
            return _CLOSING_WEIGHT
        return _BODY_WEIGHT

    last: tuple[str, int] | None = None
    for m in P.garante_names(registry).finditer(folded):
        if m.lastgroup:
            key = P.garante_of_group(registry, m.lastgroup)
            if last and last[0] == key and m.start() - last[1] < 12:
                last = (key, m.end())
                continue  # "Instituto … (IVAI)": one mention
            last = (key, m.end())
            weights.setdefault(key, []).append(weight(m.start()))
    for m in P.garante_places(registry).finditer(folded, 0, caption):
        if m.lastgroup:
            weights.setdefault(P.garante_of_group(registry, m.lastgroup), []).append(_PLACE_WEIGHT)
    if own_exp_garante:
        weights.setdefault(own_exp_garante, []).append(_EXPEDIENTE_WEIGHT)
    if not weights:
        return None
    scores = {k: max(w) + min(len(w) - 1, _MAX_REPEAT_BONUS) for k, w in weights.items()}
    best = max(scores.items(), key=lambda kv: kv[1])
    return best[0] if best[1] >= 2 else None


# --- doc type --------------------------------------------------------------------------------


def _title_kind(head: str) -> str | None:
    for m in P.TITLE_KIND.finditer(head[:2000]):
        if P.NOT_A_TITLE.match(m.group("rest")):
            continue
        return "acuerdo" if m.group("kind") == "acuerdo" else "resolucion"
    return None


def doc_type(folded: str, header: int, sections: list[str], criterion_number: bool) -> str:
    """resolucion / criterio / acuerdo / ley / otro, from the header and the structure."""
    head = folded[:header]
    if "resolutivos" not in sections and criterion_number:
        return "criterio"
    title = _title_kind(head)
    if title == "acuerdo":
        return "acuerdo"
    if (
        len(P.LAW_ARTICLE.findall(folded)) >= 10
        and P.LAW_TITLE.search(folded[:3000])
        and "resolutivos" not in sections
    ):
        return "ley"
    if title or "resolutivos" in sections or P.RESOLUTION_HINT.search(head[:1500]):
        return "resolucion"
    return "otro"


def law_title(folded: str, registry: Registry) -> str | None:
    """The registry abbreviation of a law text, from its title near the top."""
    m = P.LAW_TITLE.search(folded[:3000])
    if not m:
        return None
    title = re.sub(r"\s+", " ", m.group(0)).strip(" \n\t#*")
    named = P.law_names(registry).match(title)
    if named and named.lastgroup and len(named.group(0)) >= len(title) - 3:
        return P.law_of_group(registry, named.lastgroup)
    return None


# --- sujeto obligado, ponente, folio ------------------------------------------------------


def sujeto_obligado(text: str, folded: str, header: int) -> str | None:
    """The sujeto obligado: its header label, else the Unidad de Transparencia's own letterhead."""
    value = labelled(text, folded, P.SUJETO_LABEL, header)
    if value:
        return value
    m = P.SUJETO_SENTENCE.search(folded, 0, header)
    if m:
        found = clean_value(text[m.start("value") : m.end("value")])
        if found:
            return found
    m = P.UT_HEADER.match(folded)
    if m and P.INSTITUTION_START.match(m.group("value").strip(" *#")):
        return clean_value(text[m.start("value") : m.end("value")])
    m = P.UT_SIGNATURE.search(folded)
    if m:
        lines = [
            ln.strip(" *_#")
            for ln in text[m.start("value") : m.end("value")].split("\n")
            if ln.strip()
        ]
        value = " ".join(lines)
        if P.INSTITUTION_START.match(P.fold(value)):
            return clean_value(_title_case(value) if value.isupper() else value)
    return None


_LOWER_WORDS = {"de", "del", "la", "las", "los", "y", "e", "en", "el", "para", "a"}


def _title_case(value: str) -> str:
    words = value.lower().split()
    return " ".join(
        w if i and w in _LOWER_WORDS else w[:1].upper() + w[1:] for i, w in enumerate(words)
    )


def strip_honorific(name: str | None) -> str | None:
    """ "Mtra. Yolli García" → "Yolli García": the person, without title."""
    if not name:
        return name
    return P.HONORIFIC.sub("", name).strip() or None


def ponente(text: str, folded: str, header: int) -> str | None:
    """The ponente, without title: the caption label ("COMISIONADA PONENTE:", "Ponente:",
    "Ponencia:"), else a sentence of the caption or of the vote ("siendo ponente la Comisionada …").
    """
    value = labelled(text, folded, P.PONENTE_LABEL, header, reject=P.NOT_A_NAME)
    if value is None:
        m = P.PONENTE_SENTENCE.search(folded)
        if m:
            value = clean_value(text[m.start("value") : m.end("value")])
    return strip_honorific(value)


def folio(text: str, folded: str, header: int, exclude: str | None = None) -> str | None:
    """The folio de solicitud (6–20 digits): the header first, then anywhere."""
    for lo, hi in ((0, header), (header, len(folded))):
        for m in P.FOLIO.finditer(folded, lo, hi):
            digits = re.sub(r"\s+", "", m.group("value"))
            if 6 <= len(digits) <= 20 and digits != exclude:
                return digits
    return None
