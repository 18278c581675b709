"""Expedientes and article references recognised in a query, however they are typed.

``ivai rev 275 2017``, ``IVAI-REV/275/2017/I``, ``rr/dai/177/2023``, ``275/2017``; ``art. 113
fr. V``, ``artículo 113, fracción V``. Expediente patterns come from the per-body data file
(``corpus/data/garantes.toml``) and law abbreviations from its ``[laws]``; the parser
(``indexer.query``) asks ``match_identifier`` at the start of every word.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Identifier:
    """An expediente or article reference recognised in the query.

    ``kind`` is "expediente" or "article". For an expediente, ``canonical`` is the registry's
    canonical form when a body's pattern matched, else None (``number``/``year`` only, as in
    ``275/2017``). For an article, ``number``, ``fraccion`` and ``law`` (abbreviation) are set.
    ``raw`` is the text as typed.
    """

    kind: str
    raw: str
    canonical: str | None = None
    number: str | None = None
    year: str | None = None
    fraccion: str | None = None
    law: str | None = None


_ARTICLE = re.compile(
    r"\b(?:art[ií]culos?|arts?)\.?\s*(?P<number>\d{1,4})(?:\s*[o°º])?(?:\s*bis)?"
    r"(?:\s*,?\s*(?:fracci[oó]n|fracc?|fr)\.?\s*(?P<fraccion>[IVXL]{1,6}|\d{1,3})\b)?"
    r"(?:\s*,?\s*(?:de\s+la\s+|del\s+|de\s+)?(?P<law>[A-Z]{2,10})\b)?",
    re.IGNORECASE,
)
_NUMBER_YEAR = re.compile(r"\b(?P<number>\d{1,5})\s*/\s*(?P<year>\d{4}|\d{2})\b")

@dataclass(frozen=True)
class IdentifierPattern:
    """A compiled expediente pattern and a function rendering its canonical form."""

    pattern: re.Pattern[str]
    canonical: Callable[[re.Match[str]], str]


@lru_cache(maxsize=4)
def registry_patterns() -> tuple[IdentifierPattern, ...]:
    """Expediente patterns of every body in the per-body data file."""
    from corpus.garantes import load_registry

    out = []
    for g in load_registry().garantes.values():
        for fmt in g.expediente_formats:
            out.append(IdentifierPattern(fmt.pattern, fmt.canonical))
    return tuple(out)


def match_identifier(
    text: str, pos: int, patterns: tuple[IdentifierPattern, ...]
) -> tuple[Identifier, int] | None:
    """An identifier starting exactly at ``pos`` (and ending at a word boundary), if any."""
    if pos > 0 and (text[pos - 1].isalnum()):
        return None
    best: tuple[Identifier, int] | None = None
    for p in patterns:
        m = p.pattern.match(text, pos)
        if m and _ends_at_boundary(text, m.end()):
            ident = Identifier(
                "expediente", m.group(0), canonical=p.canonical(m),
                number=_group(m, "number"), year=_group(m, "year"),
            )
            if best is None or m.end() > best[1]:
                best = (ident, m.end())
    if best:
        return best
    m = _ARTICLE.match(text, pos)
    if m and _ends_at_boundary(text, m.end()):
        law = m.group("law")
        end = m.end()
        if law and law.upper() not in known_laws():  # "art 113 de la ley": no abbreviation
            law = None
            end = m.end("fraccion") if m.group("fraccion") else m.end("number")
        fr = m.group("fraccion")
        return Identifier(
            "article", text[pos:end].strip(), number=m.group("number"),
            fraccion=fr.upper() if fr else None, law=law.upper() if law else None,
        ), end
    m = _NUMBER_YEAR.match(text, pos)
    if m and _ends_at_boundary(text, m.end()):
        year = m.group("year")
        if len(year) == 2:
            year = ("20" if int(year) < 80 else "19") + year
        return Identifier("expediente", m.group(0), number=str(int(m.group("number"))),
                          year=year), m.end()
    return None


@lru_cache(maxsize=1)
def known_laws() -> frozenset[str]:
    """Law abbreviations of the per-body data file (LGTAIP, LTAIPV, ...)."""
    from corpus.garantes import load_registry

    return frozenset(load_registry().laws)


def _group(m: re.Match[str], name: str) -> str | None:
    try:
        value = m.group(name)
    except IndexError:
        return None
    if value and name == "number":
        return str(int(value))
    return value


def _ends_at_boundary(text: str, end: int) -> bool:
    return end >= len(text) or not text[end].isalnum()


def identifier_from_value(kind: str, value: str) -> Identifier | None:
    """``expediente:…`` / ``articulo:…`` values, recognised the same way as free text."""
    value = value.strip()
    if kind == "articles":
        found = match_identifier("art " + value, 0, ())
        if found and found[0].kind == "article" and found[1] == len(value) + 4:
            return found[0]
        return None
    found = match_identifier(value, 0, registry_patterns())
    if found and found[1] == len(value) and found[0].kind == "expediente":
        return found[0]
    return None
