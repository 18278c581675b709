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
_FRAC_VALUE = rf"(?:{_ROMAN}|\d{{1,3}}\b)"
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


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], dict[str, str]]:
    """(article-first, fracción-first, bare canonical, folded law name → abbreviation)."""
    names: dict[str, str] = {}
    for abbr, law_names in load_registry().laws.items():
        names[fold(abbr)] = abbr
        for name in law_names:
            names[" ".join(fold(name).split())] = abbr
    alternatives = sorted(names, key=len, reverse=True)
    law = "(?P<law>" + "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in alternatives) + r")\b"
    nums = rf"(?P<nums>{_NUM}(?:{_LIST_SEP}{_NUM})*)"
    fracs = rf"(?P<fracs>{_FRAC_VALUE}(?:{_LIST_SEP}{_FRAC_VALUE})*)"
    forward = re.compile(
        rf"{_ART_WORD}\s*{nums}{_SUBDIVISION}(?:\s*,?\s*{_FRAC_WORD}\s*{fracs})?(?:{_CONNECTOR}{law})?"
    )
    backward = re.compile(
        rf"{_FRAC_WORD}\s*{fracs}\s*,?\s*(?:del|de\s+los?)\s+{_ART_WORD}\s*(?P<nums>{_NUM})"
        rf"(?:{_CONNECTOR}{law})?"
    )
    abbrs = "|".join(
        re.escape(fold(a)) for a in sorted(load_registry().laws, key=len, reverse=True)
    )
    bare = re.compile(rf"\b(?P<law>{abbrs})\s+(?P<nums>\d{{1,4}})(?:\s+(?P<fracs>{_ROMAN}))?")
    return forward, backward, bare, names


def parse_article_refs(text: str, default_law: str | None = None) -> list[ArticleRef]:
    """Every article reference in ``text``, in order; ``default_law`` fills a missing law.

    "artículos 113 y 116" gives two references; fracciones attach to the last article
    ("artículo 113, fracciones V y VI" → 113 V, 113 VI).
    """
    folded = fold(text.translate(_ORDINALS))
    forward, backward, bare, names = _patterns()
    found: list[tuple[int, list[ArticleRef]]] = []
    taken: list[tuple[int, int]] = []
    for pattern in (backward, forward, bare):
        for m in pattern.finditer(folded):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            law_text = m.group("law")
            law = names[" ".join(law_text.split())] if law_text else default_law
            nums = [_article(n) for n in re.split(_LIST_SEP, m.group("nums")) if n.strip()]
            fracs_text = m.group("fracs")
            fracs = [_fraccion(f) for f in re.split(_LIST_SEP, fracs_text)] if fracs_text else []
            refs = [ArticleRef(law, n) for n in nums[:-1]]
            refs += [ArticleRef(law, nums[-1], f) for f in fracs] or [ArticleRef(law, nums[-1])]
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
