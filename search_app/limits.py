"""The app's limit settings turned, once per app, into the objects the search core takes.

Every limit is a setting (``search_app.settings``, overridable by ``PRECEDENTES_*``): the
request-side ones become an ``indexer.params.ParamLimits`` (checked before any search: 400),
the query-side ones an ``indexer.query.QueryLimits`` and the time budget an
``indexer.budget.SearchSettings`` handed to the engine when it is opened. Views reach them
through ``current_limits()``; nothing in ``indexer/`` reads the app's configuration.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from flask import Flask, current_app

from indexer.budget import SearchSettings
from indexer.params import ParamLimits
from indexer.query import QueryLimits

EXTENSION_KEY = "precedentes.limits"

# setting name → (object, field): the one table that ties settings to the core's limits
PARAM_SETTINGS: dict[str, str] = {
    "MAX_QUERY_LENGTH": "max_query_length",
    "MAX_PAGE": "max_page",
    "MAX_PAGE_SIZE": "max_page_size",
    "MAX_RESULT_WINDOW": "max_result_window",
    "MAX_FILTERS": "max_filters",
}
QUERY_SETTINGS: dict[str, str] = {
    "MAX_QUERY_LENGTH": "max_length",
    "MAX_QUERY_TERMS": "max_terms",
    "MAX_QUERY_DEPTH": "max_depth",
    "MAX_WILDCARD_EXPANSIONS": "max_expansions",
    "MAX_QUERY_EXPANSIONS": "max_total_expansions",
}
SEARCH_SETTINGS: dict[str, str] = {
    "SEARCH_TIME_BUDGET_MS": "time_budget_ms",
    "FACET_TIME_BUDGET_MS": "facet_budget_ms",
    "SEARCH_QUEUE_WAIT_MS": "queue_wait_ms",
}


class LimitSettingError(ValueError):
    """A limit setting that is not a number in range (Spanish message, at startup)."""


@dataclass(frozen=True)
class AppLimits:
    """The limits of one app: request, query, time budget, and the list sizes of the views."""

    params: ParamLimits
    search: SearchSettings
    page_size: int  # results per page when the request does not say
    export_cap: int


def _number(config: Mapping[str, Any], name: str, low: float, floats: bool = False) -> Any:
    raw: Any = config.get(name)
    try:
        value = float(raw) if floats else int(raw)
    except (TypeError, ValueError):
        raise LimitSettingError(
            f"El ajuste {name} debe ser un número (se recibió «{raw}»)."
        ) from None
    if value < low:
        raise LimitSettingError(f"El ajuste {name} debe ser al menos {low:g} (es {value:g}).")
    return value


def limits_from_config(config: Mapping[str, Any]) -> AppLimits:
    """Build the limits from the app's settings; raise ``LimitSettingError`` when one is bad."""
    params = ParamLimits(**{f: _number(config, n, 1) for n, f in PARAM_SETTINGS.items()})
    query = QueryLimits(**{f: _number(config, n, 1) for n, f in QUERY_SETTINGS.items()})
    timing = {f: _number(config, n, 0, floats=True) for n, f in SEARCH_SETTINGS.items()}
    page_size = _number(config, "PAGE_SIZE", 1)
    if page_size > params.max_page_size:
        raise LimitSettingError(
            f"PAGE_SIZE ({page_size}) no puede ser mayor que MAX_PAGE_SIZE "
            f"({params.max_page_size})."
        )
    return AppLimits(
        params=params,
        search=SearchSettings(limits=query, **timing),
        page_size=page_size,
        export_cap=_number(config, "EXPORT_CAP", 1),
    )


def init_app(app: Flask) -> None:
    """Check the limit settings (a bad one stops the app at startup) and hand the search
    settings to the per-process engine state (``search_app.state``)."""
    limits = limits_from_config(app.config)
    app.extensions[EXTENSION_KEY] = limits
    from search_app.state import app_state_of

    app_state_of(app).search_settings = limits.search


def current_limits() -> AppLimits:
    """The limits of the app handling the current request."""
    limits: AppLimits = current_app.extensions[EXTENSION_KEY]
    return limits
