"""Staff corrections of extracted metadata: validate a form into overrides, apply overrides.

A correction never touches the extracted record itself: it is kept as ``overrides`` (field →
value) beside it in the publication store (``search_app.admin.library``), and applied each
time the record is published or reindexed, so it survives re-ingestion. The document id never
changes (permalinks stay valid). Pure functions, tested table-driven.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from corpus.garantes import Registry, load_registry
from corpus.records import SENTIDOS, DocumentRecord

# field → Spanish label, in form order
FIELDS: dict[str, str] = {
    "title": "Título",
    "garante": "Organismo garante",
    "expediente": "Expediente",
    "date": "Fecha (AAAA-MM-DD)",
    "sujeto_obligado": "Sujeto obligado",
    "ponente": "Ponente",
    "sentido": "Sentido",
}
MAX_LENGTH: dict[str, int] = {
    "title": 500,
    "expediente": 120,
    "sujeto_obligado": 300,
    "ponente": 200,
}
EARLIEST_YEAR = 1990  # no access-to-information body resolved anything before
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class CorrectionResult:
    """What a submitted form amounts to: overrides to store, or Spanish errors per field."""

    overrides: dict[str, Any]
    errors: dict[str, str]

    @property
    def ok(self) -> bool:
        return not self.errors


def current_values(record: DocumentRecord) -> dict[str, Any]:
    """The correctable fields of a record, as the form shows them."""
    return {name: getattr(record, name) for name in FIELDS}


def validate(
    form: Mapping[str, Any],
    record: DocumentRecord,
    *,
    today: dt.date | None = None,
    registry: Registry | None = None,
) -> CorrectionResult:
    """Check a submitted correction against ``record`` (the extracted record, before any
    correction). ``form`` maps field → str (``sentido``: a list of values). Returns the
    overrides that differ from the extracted values; a field left empty clears an optional
    value (not the title)."""
    registry = registry or load_registry()
    today = today or dt.date.today()
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    for name in ("title", "sujeto_obligado", "ponente"):
        text, problem = _clean_text(form.get(name), MAX_LENGTH[name])
        if problem:
            errors[name] = problem
        values[name] = text or None
    if not values["title"] and "title" not in errors:
        errors["title"] = "El título no puede quedar vacío."
    values["title"] = values["title"] or ""

    garante_key = record.garante
    raw_garante = str(form.get("garante") or "").strip()
    if raw_garante:
        body = registry.get(raw_garante)
        if body is None:
            errors["garante"] = f"Organismo desconocido «{raw_garante[:40]}»."
        else:
            garante_key = body.key
    else:
        garante_key = None
    values["garante"] = garante_key

    expediente, problem = _expediente(form.get("expediente"), garante_key, registry)
    if problem:
        errors["expediente"] = problem
    values["expediente"] = expediente

    date, problem = _date(form.get("date"), today)
    if problem:
        errors["date"] = problem
    values["date"] = date

    sentido, problem = _sentido(form.get("sentido"))
    if problem:
        errors["sentido"] = problem
    values["sentido"] = sentido

    if errors:
        return CorrectionResult({}, errors)
    base = current_values(record)
    overrides = {k: v for k, v in values.items() if v != _normal(k, base[k])}
    return CorrectionResult(overrides, {})


def apply_overrides(
    record: DocumentRecord, overrides: Mapping[str, Any], registry: Registry | None = None
) -> DocumentRecord:
    """A copy of ``record`` with the staff's corrections; fields that follow from a corrected
    one follow it too (year from date, state from garante, the sujeto's canonical name)."""
    changes = {k: v for k, v in overrides.items() if k in FIELDS}
    if not changes:
        return record
    if "sentido" in changes:
        changes["sentido"] = list(changes["sentido"] or [])
    if "date" in changes:
        changes["year"] = int(changes["date"][:4]) if changes["date"] else None
    if "garante" in changes:
        body = (registry or load_registry()).get(changes["garante"]) if changes["garante"] else None
        changes["state"] = body.state if body else None
    if "expediente" in changes:
        changes["expediente_raw"] = changes["expediente"]
    if "sujeto_obligado" in changes:
        changes.update(_sujeto(changes["sujeto_obligado"], changes.get("state", record.state)))
    return dataclasses.replace(record, **changes)


def _sujeto(name: str | None, state: str | None) -> dict[str, Any]:
    try:
        from analyzers.sujetos import classify_sujeto
    except ImportError:  # the analysis package is optional here
        return {"sujeto_obligado_canonical": None, "sujeto_obligado_kind": None}
    sujeto = classify_sujeto(name, None, state)
    return {
        "sujeto_obligado_canonical": sujeto.canonical if sujeto else None,
        "sujeto_obligado_kind": sujeto.kind if sujeto else None,
    }


def _normal(name: str, value: Any) -> Any:
    if name == "sentido":
        return list(value or [])
    if name == "title":
        return value or ""
    return value or None


def _clean_text(value: Any, limit: int) -> tuple[str, str | None]:
    text = " ".join(str(value or "").split())
    if _CONTROL.search(text):
        return "", "Contiene caracteres de control."
    if len(text) > limit:
        return "", f"Demasiado largo: máximo {limit} caracteres."
    return text, None


def _expediente(
    value: Any, garante: str | None, registry: Registry
) -> tuple[str | None, str | None]:
    """The canonical expediente when it matches one of the body's formats."""
    text, problem = _clean_text(value, MAX_LENGTH["expediente"])
    if problem or not text:
        return None, problem
    body = registry.get(garante) if garante else None
    if body is None or not body.expediente_formats:
        return text, None
    for fmt in body.expediente_formats:
        match = fmt.pattern.fullmatch(text)
        if match:
            return fmt.canonical(match), None
    return None, (
        f"«{text[:60]}» no tiene un formato de expediente de {body.key} (los formatos están "
        "en corpus/data/garantes.toml)."
    )


def _date(value: Any, today: dt.date) -> tuple[str | None, str | None]:
    text = str(value or "").strip()
    if not text:
        return None, None
    if not _ISO_DATE.fullmatch(text):
        return None, "Escriba la fecha como AAAA-MM-DD, p. ej. 2023-05-17."
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        return None, "La fecha no existe."
    if day.year < EARLIEST_YEAR or day > today:
        return None, f"La fecha debe estar entre {EARLIEST_YEAR} y hoy."
    return day.isoformat(), None


def _sentido(value: Any) -> tuple[list[str], str | None]:
    items = [value] if isinstance(value, str) else list(value or [])
    out: list[str] = []
    for item in items:
        item = str(item).strip()
        if not item:
            continue
        if item not in SENTIDOS:
            return [], f"Sentido desconocido «{item[:30]}»; opciones: {', '.join(SENTIDOS)}."
        if item not in out:
            out.append(item)
    return out, None
