"""Sujetos obligados: a canonical name and a kind, from rules and a gazetteer (data, not code).

"H. Ayuntamiento Constitucional de Xalapa, Ver." → ("Ayuntamiento de Xalapa", "ayuntamiento");
"Secretaría de Finanzas y Planeación" → poder ejecutivo; "PAN" → ("Partido Acción Nacional",
"partido político"). spaCy's NER is not used: measured poor on this text (Yucatán → PER,
"Ayuntamiento de Mérida" → LOC).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from analyzers.normalize import DATA_DIR, fold

KINDS: tuple[str, ...] = (
    "ayuntamiento",
    "poder ejecutivo",
    "fiscalía",
    "poder judicial",
    "poder legislativo",
    "órgano autónomo",
    "universidad",
    "partido político",
    "sindicato",
    "fideicomiso",
    "otro",
)

_STATES = (
    r"ver(?:acruz)?(?: de ignacio de la llave)?|tab(?:asco)?|yuc(?:atan)?|camp(?:eche)?"
    r"|chis|chiapas|q\.?\s*roo|quintana roo"
)
# on folded text: honorifics, a trailing ", Ver." and the like
_HONORIFIC_RE = re.compile(r"^(?:(?:el|la)\s+)?(?:h\.\s*|honorable\s+)", re.IGNORECASE)
_TRAILING_STATE_RE = re.compile(rf"\s*,\s*(?:{_STATES})\.?\s*$", re.IGNORECASE)
_AYUNTAMIENTO_RE = re.compile(
    r"\b(?:ayuntamiento|municipio)(?:\s+constitucional)?(?:\s+del\s+municipio)?\s+de\s+"
    r"(?P<name>[^,;()]+?)\s*(?:[,;(]|$)",
    re.IGNORECASE,
)
# Names that say "the State" without saying which: completed with the record's state.
_GENERIC_RE = re.compile(
    r"^(?:poder (?:legislativo|ejecutivo|judicial)|gobierno|congreso|fiscalia general"
    r"|tribunal superior de justicia|organo de fiscalizacion superior|auditoria superior)"
    r"(?: del estado)?$"
)
_LOWER_WORDS = frozenset({"de", "del", "la", "las", "los", "el", "y", "e", "en", "a"})


@dataclass(frozen=True)
class Sujeto:
    """A sujeto obligado's canonical name and kind (one of ``KINDS``)."""

    canonical: str
    kind: str


@dataclass(frozen=True)
class SujetoRules:
    gazetteer: dict[str, Sujeto]  # folded alias → sujeto
    rules: tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]  # (kind, patterns), in order
    municipios: dict[str, str]  # folded alias → municipality name


def load_sujetos(path: Path | None = None) -> SujetoRules:
    """Read the gazetteer and rules; ``ValueError`` names a bad entry."""
    data = tomllib.loads((path or DATA_DIR / "sujetos.toml").read_text("utf-8"))
    gazetteer: dict[str, Sujeto] = {}
    for i, entry in enumerate(data.get("sujeto", [])):
        if entry.get("kind") not in KINDS:
            raise ValueError(f"sujetos: sujeto {i} has an unknown kind {entry.get('kind')!r}")
        sujeto = Sujeto(entry["canonical"], entry["kind"])
        for alias in [entry["canonical"], *entry.get("aliases", [])]:
            gazetteer[_key(alias)] = sujeto
    rules = []
    for i, entry in enumerate(data.get("rule", [])):
        if entry.get("kind") not in KINDS:
            raise ValueError(f"sujetos: rule {i} has an unknown kind {entry.get('kind')!r}")
        try:
            patterns = tuple(re.compile(p) for p in entry["patterns"])
        except re.error as exc:
            raise ValueError(f"sujetos: rule {i} ({entry['kind']}): {exc}") from exc
        rules.append((entry["kind"], patterns))
    municipios = {_key(k): v for k, v in data.get("municipios", {}).items()}
    return SujetoRules(gazetteer, tuple(rules), municipios)


@cache
def default_sujetos() -> SujetoRules:
    return load_sujetos()


def _clean(name: str) -> str:
    """Whitespace collapsed, honorific and trailing state removed, trailing period dropped."""
    name = " ".join(name.split()).strip(" .;:-")
    name = _HONORIFIC_RE.sub("", name)
    name = _TRAILING_STATE_RE.sub("", name)
    return name.strip(" ,;:-")


def _key(name: str) -> str:
    return " ".join(fold(_clean(name)).replace(".", " ").replace(",", " ").split())


def _titled(text: str) -> str:
    """Title case for names written in capitals ("XALAPA DE ENRÍQUEZ" → "Xalapa de Enríquez")."""
    if not text.isupper():
        return text
    words = text.lower().split()
    return " ".join(
        w if (w in _LOWER_WORDS and i) else w[:1].upper() + w[1:] for i, w in enumerate(words)
    )


def classify_sujeto(
    name: str | None, rules: SujetoRules | None = None, state: str | None = None
) -> Sujeto | None:
    """The canonical name and kind of a sujeto obligado as written; None for an empty name.

    Order: gazetteer (whole name or alias) → kind rules on the folded name (first match) →
    "otro". Ayuntamientos are named "Ayuntamiento de <municipio>" whatever the wording
    ("H. Ayuntamiento Constitucional de", "Municipio de", a trailing ", Ver."). With the
    record's ``state``, a name that does not say which State is completed ("Poder Legislativo"
    → "Poder Legislativo del Estado de Veracruz", "Congreso del Estado" → "Congreso del Estado
    de Veracruz"), so that the same body of two States are two sujetos.
    """
    if not name or not name.strip():
        return None
    rules = rules or default_sujetos()
    cleaned = _clean(name)
    known = rules.gazetteer.get(_key(cleaned))
    if known is not None:
        return known
    folded = fold(cleaned)
    kind = next(
        (k for k, patterns in rules.rules if any(p.search(folded) for p in patterns)), "otro"
    )
    canonical = _titled(cleaned)
    if kind == "ayuntamiento":
        m = _AYUNTAMIENTO_RE.search(canonical)
        if m:
            municipio = _TRAILING_STATE_RE.sub("", m.group("name")).strip()
            municipio = rules.municipios.get(_key(municipio), municipio)
            canonical = f"Ayuntamiento de {municipio}"
    elif state and state != "Nacional" and _GENERIC_RE.match(fold(canonical)):
        canonical += (
            f" de {state}"
            if fold(canonical).endswith(" del estado")
            else (f" del Estado de {state}")
        )
    return Sujeto(canonical, kind)
