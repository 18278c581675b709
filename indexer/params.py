"""Raw request/CLI strings → a validated ``SearchParams`` (one clean object, built first).

The web app passes ``request.args`` (anything with ``getlist``, or a plain mapping of strings or
lists of strings); the CLI passes a dict. Unknown keys are ignored (pages carry other
parameters); bad values raise ``InvalidFilterError`` with a Spanish message saying how to fix it.

Filters come either as one key per field (``garante=IVAI&year=2019``) or as
``filter=FIELD=VALUE`` entries (``--filter`` in the CLI). Values of one field are OR-ed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from corpus.records import DOC_TYPES, SENTIDOS, VIGENCIAS
from indexer.engine import SORTS, InvalidFilterError, SearchParams
from indexer.fields import EXTRA_FILTERS, FACET_NAMES, FACETS

FILTER_FIELDS: tuple[str, ...] = FACET_NAMES + EXTRA_FILTERS
MAX_PAGE_SIZE = 100
MAX_PAGE = 500  # deep pages are refused: nobody reads page 501, robots do
MAX_RESULT_WINDOW = 10_000  # page × page size: how deep into a result list one may go
MAX_FILTERS = 40
MAX_VALUE_LENGTH = 200
MAX_QUERY_LENGTH = 1000


@dataclass(frozen=True)
class ParamLimits:
    """The request-side limits, checked before any search runs (the app builds them from its
    settings, the CLI keeps the defaults). Every refusal is an ``InvalidFilterError`` (400)."""

    max_query_length: int = MAX_QUERY_LENGTH  # characters of ``q``
    max_page: int = MAX_PAGE
    max_page_size: int = MAX_PAGE_SIZE
    max_result_window: int = MAX_RESULT_WINDOW  # page × page size
    max_filters: int = MAX_FILTERS
    max_value_length: int = MAX_VALUE_LENGTH  # characters of one filter value

SORT_ALIASES: dict[str, str] = {
    "": "relevance", "relevance": "relevance", "relevancia": "relevance",
    "date": "date", "fecha": "date", "date_desc": "date", "recientes": "date",
    "date_asc": "date_asc", "fecha_asc": "date_asc", "antiguos": "date_asc",
}
FIELD_ALIASES: dict[str, str] = {
    "organismo": "garante", "estado": "state", "tipo": "doc_type", "año": "year", "ano": "year",
    "anio": "year", "tema": "topics", "topic": "topics", "sujeto": "sujeto_obligado",
    "tipo_sujeto": "sujeto_kind", "articulo": "articles", "artículo": "articles",
    "fundamento": "articles",
}
CLOSED_VALUES: dict[str, tuple[str, ...]] = {
    "doc_type": DOC_TYPES, "sentido": SENTIDOS, "vigencia": VIGENCIAS,
}
_YEAR = re.compile(r"^\d{4}$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_FALSE = {"0", "false", "no", "off"}
FILTER_LABELS: dict[str, str] = {f.name: f.label for f in FACETS} | {
    "sujeto_obligado": "Sujeto obligado", "expediente": "Expediente", "id": "Documento",
}


def _values(args: Any, key: str) -> list[str]:
    """Every value of ``key``: ``getlist`` when present (MultiDict), else str or list."""
    if hasattr(args, "getlist"):
        raw = args.getlist(key)
    else:
        got = args.get(key)
        raw = [] if got is None else [got] if isinstance(got, str) else list(got)
    return [str(v) for v in raw]


def _one(args: Any, key: str, default: str = "") -> str:
    vals = _values(args, key)
    return vals[-1].strip() if vals else default


def _int(args: Any, key: str, default: int, low: int, high: int, label: str) -> int:
    raw = _one(args, key)
    if not raw:
        return default
    if not (raw.isascii() and raw.isdigit()) or not low <= int(raw) <= high:  # "²" isdigit
        raise InvalidFilterError(
            f"«{raw}» no es válido para {label}: escriba un número entre {low} y {high}."
        )
    return int(raw)


def _date(raw: str, label: str, end: bool) -> str | None:
    raw = raw.strip()
    if not raw:
        return None
    if _YEAR.match(raw):  # a bare year means its first or last day
        return f"{raw}-12-31" if end else f"{raw}-01-01"
    try:
        return dt.date.fromisoformat(raw).isoformat()
    except ValueError:
        raise InvalidFilterError(
            f"La fecha «{raw}» de {label} no es válida: use el formato AAAA-MM-DD "
            f"(por ejemplo, 2019-05-31) o sólo el año."
        ) from None


def canonical_filter_field(name: str) -> str | None:
    """The index field for a filter name (Spanish aliases accepted), or None."""
    name = name.strip().lower()
    name = FIELD_ALIASES.get(name, name)
    return name if name in FILTER_FIELDS else None


def _check_value(field_name: str, value: str, max_length: int = MAX_VALUE_LENGTH) -> str:
    value = _CONTROL.sub(" ", value).strip()
    label = FILTER_LABELS.get(field_name, field_name)
    if not value:
        raise InvalidFilterError(f"El filtro «{label}» está vacío: escriba un valor o quítelo.")
    if len(value) > max_length:
        raise InvalidFilterError(
            f"El valor del filtro «{label}» es demasiado largo (máximo {max_length})."
        )
    if field_name == "year" and not _YEAR.match(value):
        raise InvalidFilterError(f"«{value}» no es un año: escriba cuatro cifras, como 2019.")
    allowed = CLOSED_VALUES.get(field_name)
    if allowed is not None:
        folded = value.lower()
        if folded not in allowed:
            raise InvalidFilterError(
                f"«{value}» no es un valor de «{label}». Valores posibles: {', '.join(allowed)}."
            )
        value = folded
    return value


def params_from_args(args: Mapping[str, Any] | Any, limits: ParamLimits | None = None,
                     default_page_size: int = 20) -> SearchParams:
    """Validate raw strings into ``SearchParams``; raise ``InvalidFilterError`` (Spanish)."""
    limits = limits or ParamLimits()
    q = _CONTROL.sub(" ", _one(args, "q"))
    if len(q) > limits.max_query_length:
        raise InvalidFilterError(
            f"La consulta es demasiado larga ({len(q)} caracteres; máximo "
            f"{limits.max_query_length})."
        )
    sort_raw = _one(args, "sort").lower()
    sort = SORT_ALIASES.get(sort_raw)
    if sort is None or sort not in SORTS:
        raise InvalidFilterError(
            f"El orden «{sort_raw}» no existe: use relevance (relevancia), date (más recientes "
            f"primero) o date_asc (más antiguos primero)."
        )
    page = _int(args, "page", 1, 1, limits.max_page, "la página")
    page_size = _int(args, "page_size", min(default_page_size, limits.max_page_size), 1,
                     limits.max_page_size, "resultados por página")
    if page * page_size > limits.max_result_window:
        raise InvalidFilterError(
            f"La página {page} de {page_size} resultados llega demasiado lejos en la lista "
            f"(máximo {limits.max_result_window} resultados): acote la búsqueda con filtros "
            "o palabras, o exporte la lista."
        )

    pairs: list[tuple[str, str]] = []
    for entry in _values(args, "filter"):
        name, sep, value = entry.partition("=")
        if not sep:
            name, sep, value = entry.partition(":")
        field_name = canonical_filter_field(name)
        if not sep or field_name is None:
            raise InvalidFilterError(
                f"El filtro «{entry}» no es válido: escriba CAMPO=VALOR, con CAMPO uno de "
                f"{', '.join(FILTER_FIELDS)}."
            )
        pairs.append((field_name, value))
    keys = args.keys() if hasattr(args, "keys") else []
    for key in keys:
        field_name = canonical_filter_field(key) if key not in ("q", "filter") else None
        if field_name is not None:
            pairs.extend((field_name, v) for v in _values(args, key) if v.strip())
    if len(pairs) > limits.max_filters:
        raise InvalidFilterError(
            f"Demasiados filtros ({len(pairs)}; máximo {limits.max_filters})."
        )
    filters: list[tuple[str, str]] = []
    for field_name, value in pairs:
        item = (field_name, _check_value(field_name, value, limits.max_value_length))
        if item not in filters:
            filters.append(item)

    date_from = _date(_one(args, "date_from") or _one(args, "desde"), "«desde»", end=False)
    date_to = _date(_one(args, "date_to") or _one(args, "hasta"), "«hasta»", end=True)
    if date_from and date_to and date_from > date_to:
        raise InvalidFilterError(
            f"La fecha «desde» ({date_from}) es posterior a «hasta» ({date_to}): inviértalas."
        )
    return SearchParams(
        q=q,
        filters=tuple(filters),
        date_from=date_from,
        date_to=date_to,
        sort=sort,
        page=page,
        page_size=page_size,
        with_facets=_one(args, "facets").lower() not in _FALSE,
        with_snippets=_one(args, "snippets").lower() not in _FALSE,
    )
