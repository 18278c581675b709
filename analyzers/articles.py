"""Article references typed or written loosely, normalised to the canonical "LAW ART FRACC" form.

"art. 113 fr. V", "artículo 113, fracción V", "articulo 113 fraccion V" → "113 V"; with a law
("... de la Ley General de Transparencia y Acceso a la Información Pública", "LGTAIP") →
"LGTAIP 113 V", the form of ``DocumentRecord.cites_articles``. Law names and abbreviations come
from corpus/data/garantes.toml (``[laws]``), the project's one list of laws. Every regex of this
concern lives here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from analyzers.normalize import Term, fold, identifier_terms, strip_zeros
from corpus.garantes import load_registry

_ROMAN = r"\b[ivxl]{1,7}\b"
# a fracción in arabic numerals only first ("fracción 5"), so "fracción V y 116" ends at V
_FRAC_VALUE = rf"(?:{_ROMAN}|\d{{1,2}}\b)"
_NUM = r"\d{1,4}(?:\s*(?:bis|ter|quater)\b)?"
_ART_WORD = r"\b(?:articulos?|arts?)\b\.?"
_FRAC_WORD = r"\b(?:fracciones|fraccion|fraccs?|fracs?|frs?)\b\.?"
_LIST_SEP = r"\s*(?:,|;|\by\b|\be\b)\s*"
_CONNECTOR = r"(?:,?\s*(?:de\s+la|de\s+los|del|de)\s+|,?\s*)"
# "apartado A", "párrafo segundo", "inciso b)" between the article and its fracción or law
_SUBDIVISION = r"(?:\s*,?\s*(?:apartado|parrafo|inciso)\s+\w+\)?)?"

_ORDINALS = str.maketrans({"º": " ", "ª": " ", "°": " "})
_ROMAN_VALUES = (
    (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip


@dataclass(frozen=True)
class ArticleRef:
    """One cited article: law abbreviation (None when not said), article, fracción."""

    law: str | None
    article: str
    fraccion: str | None = None

    @property
    def canonical(self) -> str:
        return " ".join(p for p in (self.law, self.article, self.fraccion) if p)


def _to_roman(number: int) -> str:
    out = []
    for value, letters in _ROMAN_VALUES:
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


def _fraccion(value: str) -> str:
    value = value.strip()
    return _to_roman(int(value)) if value.isdigit() else value.upper()


def _article(value: str) -> str:
    parts = value.split()
    number = strip_zeros(parts[0])
    return f"{number} {parts[1].capitalize()}" if len(parts) > 1 else number


@dataclass(frozen=True)
class _Patterns:
    forward: re.Pattern[str]  # "artículos 61, fracciones II y V, 134 y 135 de la LFTAIP"
    item: re.Pattern[str]  # one article of the list above, with its fracciones
    backward: re.Pattern[str]  # "fracción I del artículo 116 de la LGTAIP"
    bare: re.Pattern[str]  # the canonical form "LGTAIP 113 V"
    laws: dict[str, str]  # folded law name or abbreviation → abbreviation


@cache
def _patterns() -> _Patterns:
    names: dict[str, str] = {}
    for abbr, law_names in load_registry().laws.items():
        names[fold(abbr)] = abbr
        for name in law_names:
            names[" ".join(fold(name).split())] = abbr
    alternatives = sorted(names, key=len, reverse=True)
    law = "(?P<law>" + "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in alternatives) + r")\b"
    fracs = rf"{_FRAC_VALUE}(?:{_LIST_SEP}{_ROMAN})*"
    item = rf"{_NUM}{_SUBDIVISION}(?:\s*,?\s*{_FRAC_WORD}\s*{fracs})?"
    abbrs = "|".join(
        re.escape(fold(a)) for a in sorted(load_registry().laws, key=len, reverse=True)
    )
    return _Patterns(
        forward=re.compile(
            rf"{_ART_WORD}\s*(?P<items>{item}(?:{_LIST_SEP}{item})*)(?:{_CONNECTOR}{law})?"
        ),
        item=re.compile(
            rf"(?P<num>{_NUM}){_SUBDIVISION}(?:\s*,?\s*{_FRAC_WORD}\s*(?P<fracs>{fracs}))?"
        ),
        backward=re.compile(
            rf"{_FRAC_WORD}\s*(?P<fracs>{fracs})\s*,?\s*(?:del|de\s+los?)\s+{_ART_WORD}\s*"
            rf"(?P<num>{_NUM})(?:{_CONNECTOR}{law})?"
        ),
        bare=re.compile(rf"\b(?P<law>{abbrs})\s+(?P<num>\d{{1,4}})(?:\s+(?P<fracs>{_ROMAN}))?"),
        laws=names,
    )


def _refs(law: str | None, num: str, fracs_text: str | None) -> list[ArticleRef]:
    article = _article(num)
    if not fracs_text:
        return [ArticleRef(law, article)]
    return [ArticleRef(law, article, _fraccion(f)) for f in re.split(_LIST_SEP, fracs_text)]


def parse_article_refs(text: str, default_law: str | None = None) -> list[ArticleRef]:
    """Every article reference in ``text``, in order; ``default_law`` fills a missing law.

    "artículos 113 y 116" gives two references, each fracción one more ("artículos 61,
    fracciones II y V, 134 y 135 de la LFTAIP" → LFTAIP 61 II, 61 V, 134, 135); a law
    named after a list applies to the whole list.
    """
    folded = fold(text.translate(_ORDINALS))
    p = _patterns()
    found: list[tuple[int, list[ArticleRef]]] = []
    taken: list[tuple[int, int]] = []
    for pattern in (p.backward, p.forward, p.bare):
        for m in pattern.finditer(folded):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            law_text = m.group("law")
            law = p.laws[" ".join(law_text.split())] if law_text else default_law
            if pattern is p.forward:
                refs = [
                    ref
                    for item in p.item.finditer(m.group("items"))
                    for ref in _refs(law, item.group("num"), item.group("fracs"))
                ]
            else:
                refs = _refs(law, m.group("num"), m.group("fracs"))
            found.append((m.start(), refs))
    return [ref for _, refs in sorted(found, key=lambda item: item[0]) for ref in refs]


def normalize_articles(text: str, default_law: str | None = None) -> list[str]:
    """Canonical strings of the references in ``text`` ("LGTAIP 113 V"), duplicates removed."""
    return list(dict.fromkeys(r.canonical for r in parse_article_refs(text, default_law)))


def article_terms(text: str) -> list[Term]:
    """Terms of the article field: each reference's canonical parts, one position apart
    between references; text without a recognisable reference ("113 V", "113") is split as an
    identifier, so a query "113 V" matches the canonical "LGTAIP 113 V" as a phrase."""
    refs = normalize_articles(text)
    if not refs:
        return identifier_terms(text)
    terms: list[Term] = []
    pos = 0
    for ref in refs:
        for t in identifier_terms(ref):
            terms.append(Term(pos, t.start, t.end, t.text))
            pos += 1
        pos += 1  # a gap so that a phrase never spans two references
    return terms
