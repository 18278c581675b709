"""Jinja set-up: Spanish date and label filters, and the values every page needs (the sample
banner, the navigation). Autoescaping stays on; only snippets built by the engine or by
``search_app.highlight`` (escaped text + ``<mark>``) are marked safe."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from flask import Flask, request
from markupsafe import Markup, escape

from indexer.fields import DOC_TYPE_LABELS, FACETS, SENTIDO_LABELS
from search_app.state import app_state
from search_app.urlstate import topic_label, value_label

MONTHS = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
          "septiembre", "octubre", "noviembre", "diciembre")

NAV: tuple[tuple[str, str], ...] = (
    ("pages.search", "Buscar"),
    ("pages.advanced", "Búsqueda avanzada"),
    ("stats.statistics", "Estadísticas"),
    ("pages.api_help", "API y descargas"),
)


def date_es(value: str | None) -> str:
    """"2023-05-17" → "17 de mayo de 2023"; anything unparseable is returned as is."""
    if not value:
        return ""
    try:
        d = date.fromisoformat(value[:10])
    except ValueError:
        return value
    return f"{d.day} de {MONTHS[d.month - 1]} de {d.year}"


_MARK_TAG = re.compile(r"</?mark>")


def safe_snippet(value: str | None) -> Markup:
    """An engine snippet: escaped text with ``<mark>`` (the contract of ``engine.Hit``).
    Checked, not trusted: any other tag means the text was not escaped, so it is escaped
    whole (marks dropped) rather than passed through."""
    value = value or ""
    if "<" in _MARK_TAG.sub("", value) or ">" in _MARK_TAG.sub("", value):
        return escape(_MARK_TAG.sub("", value))
    return Markup(value)


def _context() -> dict[str, Any]:
    try:
        sample = app_state().is_sample()
    except Exception:  # the banner must never break a page (e.g. no index yet)
        sample = False
    return {"sample_corpus": sample, "nav": NAV, "current_endpoint": request.endpoint,
            "facet_labels": {f.name: f.label for f in FACETS}}


def init_templating(app: Flask) -> None:
    app.jinja_env.filters["fecha"] = date_es
    app.jinja_env.filters["snippet"] = safe_snippet
    app.jinja_env.filters["doc_type_label"] = lambda v: DOC_TYPE_LABELS.get(v or "", v or "")
    app.jinja_env.filters["sentido_label"] = lambda v: SENTIDO_LABELS.get(v or "", v or "")
    app.jinja_env.filters["topic_label"] = topic_label
    app.jinja_env.globals["value_label"] = value_label
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.context_processor(_context)
