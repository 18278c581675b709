"""Per-body facts, loaded from ``corpus/data/garantes.toml`` (the one data file for them).

A new body or expediente format is added to the data file, not here. ``load_registry`` is
cached per path; pass another path to use another data file (tests, a deployment's own).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DEFAULT_DATA = Path(__file__).with_name("data") / "garantes.toml"

_OPTIONAL_PART = re.compile(r"\[([^\[\]]*)\]")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class ExpedienteFormat:
    """One expediente pattern of a body and its canonical template."""

    pattern: re.Pattern[str]
    canonical_template: str
    keep_short_year: bool = False

    def canonical(self, match: re.Match[str]) -> str:
        """Render the canonical form of a match: no zero padding, 4-digit year, upper case."""
        groups = {k: _normalise_group(k, v, self.keep_short_year) for k, v in match.groupdict().items()}

        def optional(part: re.Match[str]) -> str:
            names = _PLACEHOLDER.findall(part.group(1))
            if all(groups.get(n) for n in names):
                return part.group(1)
            return ""

        template = _OPTIONAL_PART.sub(optional, self.canonical_template)
        return _PLACEHOLDER.sub(lambda m: groups.get(m.group(1)) or "", template)


def _normalise_group(name: str, value: str | None, keep_short_year: bool) -> str | None:
    if value is None:
        return None
    value = re.sub(r"\s+", "", value).upper()
    if name == "number":
        return str(int(value))
    if name == "year" and len(value) == 2 and not keep_short_year:
        return ("20" if int(value) < 80 else "19") + value
    return value


@dataclass(frozen=True)
class Garante:
    """A guarantor body (organismo/autoridad garante)."""

    key: str  # "IVAI"
    name: str
    aliases: tuple[str, ...]
    state: str
    city: str
    cities: tuple[str, ...]
    ponencias: tuple[str, ...]
    expediente_formats: tuple[ExpedienteFormat, ...]
    state_law: str | None = None
    national: bool = False


@dataclass(frozen=True)
class Registry:
    """Every body and law abbreviation known to the project."""

    garantes: dict[str, Garante]
    laws: dict[str, tuple[str, ...]]  # abbreviation -> names as written in texts

    def get(self, key: str) -> Garante | None:
        """The body for a key or alias, case-insensitively ("ivai", "INAIP Yucatán")."""
        wanted = key.strip().casefold()
        for g in self.garantes.values():
            if g.key.casefold() == wanted or any(a.casefold() == wanted for a in g.aliases):
                return g
        return None

    def by_state(self, state: str) -> Garante | None:
        wanted = state.strip().casefold()
        return next((g for g in self.garantes.values() if g.state.casefold() == wanted), None)


@lru_cache(maxsize=8)
def load_registry(path: Path = DEFAULT_DATA) -> Registry:
    """Load and compile the data file; raise ``ValueError`` naming the bad entry."""
    with open(path, "rb") as fh:
        data = tomllib.load(fh)
    garantes: dict[str, Garante] = {}
    for key, entry in data.get("garantes", {}).items():
        formats = []
        for i, fmt in enumerate(entry.get("expedientes", [])):
            try:
                compiled = re.compile(fmt["pattern"], re.IGNORECASE)
            except (re.error, KeyError) as exc:
                raise ValueError(f"{path}: garantes.{key}.expedientes[{i}]: {exc}") from exc
            formats.append(
                ExpedienteFormat(compiled, fmt["canonical"], bool(fmt.get("keep_short_year")))
            )
        garantes[key] = Garante(
            key=key,
            name=entry["name"],
            aliases=tuple(entry.get("aliases", [])),
            state=entry["state"],
            city=entry.get("city", ""),
            cities=tuple(entry.get("cities", [])),
            ponencias=tuple(entry.get("ponencias", [])),
            expediente_formats=tuple(formats),
            state_law=entry.get("state_law"),
            national=bool(entry.get("national", False)),
        )
    laws = {abbr: tuple(v.get("names", [])) for abbr, v in data.get("laws", {}).items()}
    return Registry(garantes=garantes, laws=laws)
