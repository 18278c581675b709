"""The public search page (``/``, ``/buscar``), the advanced search and the API help page."""

from __future__ import annotations

from dataclasses import replace

from flask import Blueprint, current_app, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from indexer.budget import BUSY_RETRY_AFTER_S
from indexer.engine import QueryError, SearchParams, SearchResult
from indexer.fields import FACETS
from search_app.advanced import build_query
from search_app.state import get_engine
from search_app.suggestions import with_checked_suggestion
from search_app.templating import date_es
from search_app.urlstate import (
    facet_views,
    href,
    page_links,
    query_args,
    request_params,
    sort_url,
    value_label,
    without_filters,
)
from search_app.withheld import visible_result

bp = Blueprint("pages", __name__)

EXAMPLES: tuple[tuple[str, str], ...] = (
    ("información reservada", "palabras: deben aparecer todas"),
    ('"versión pública"', "frase exacta, entre comillas"),
    ("inexistencia -sobresee", "excluir una palabra con el signo menos"),
    ("expediente:IVAI-REV/275/2017/I", "un expediente"),
    ('sujeto:"ayuntamiento de mérida"', "un sujeto obligado"),
    ("remuneraciones OR nómina", "cualquiera de las palabras"),
)
SORT_LABELS: tuple[tuple[str, str], ...] = (
    ("relevance", "Relevancia"),
    ("date", "Más recientes"),
    ("date_asc", "Más antiguos"),
)


def _retry_after(status: int) -> dict[str, str]:
    return {"Retry-After": str(BUSY_RETRY_AFTER_S)} if status == 503 else {}


def _has_search(params: SearchParams) -> bool:
    return bool(params.q or params.filters or params.date_from or params.date_to)


@bp.get("/")
@bp.get("/buscar")
def search() -> tuple[str, int] | tuple[str, int, dict[str, str]] | str:
    path = url_for("pages.search")
    try:
        params = request_params(request.args, page_size=current_app.config["PAGE_SIZE"],
                                max_page_size=current_app.config["MAX_PAGE_SIZE"])
    except QueryError as exc:  # a bad filter or page: said on the search page itself
        params = SearchParams(q=request.args.get("q", "")[:1000])
        return render_template("search.html", params=params, result=None, error=exc.message,
                               suggestion=None, suggestion_url=None, examples=EXAMPLES), 400
    if not _has_search(params):
        return render_template("home.html", examples=EXAMPLES, params=params)
    try:
        engine = get_engine()
        result = visible_result(with_checked_suggestion(engine, engine.search(params)))
    except QueryError as exc:
        suggestion_url = (href(path, query_args(SearchParams(q=exc.suggestion)))
                          if exc.suggestion else None)
        status = int(getattr(exc, "status", 400))  # ServerBusyError: 503, try again later
        return render_template("search.html", params=params, result=None, error=exc.message,
                               suggestion=exc.suggestion, suggestion_url=suggestion_url,
                               examples=EXAMPLES), status, _retry_after(status)
    return render_template("search.html", **_result_context(params, result, path))


def _result_context(params: SearchParams, result: SearchResult, path: str) -> dict[str, object]:
    pairs = query_args(params)
    suggestion_url = None
    if result.suggestion:
        suggestion_url = href(path, query_args(replace(params, q=result.suggestion, page=1)))
    selected = [
        (f.label, value_label(f.name, v), href(path, query_args(
            _without(params, f.name, v))))
        for f in FACETS for v in params.selected(f.name)
    ]
    if params.date_from:
        selected.append(("Desde", date_es(params.date_from),
                         href(path, query_args(replace(params, date_from=None, page=1)))))
    if params.date_to:
        selected.append(("Hasta", date_es(params.date_to),
                         href(path, query_args(replace(params, date_to=None, page=1)))))
    return {
        "params": params,
        "result": result,
        "facets": facet_views(result, path),
        "pages": page_links(params, result.pages, path),
        "sorts": [(key, label, sort_url(params, key, path)) for key, label in SORT_LABELS],
        "selected": selected,
        "clear_url": href(path, query_args(without_filters(params))),
        "suggestion_url": suggestion_url,
        "export_csv": href(url_for("exports.export_csv"), query_args(params, page=False)),
        "export_json": href(url_for("exports.export_json"), query_args(params, page=False)),
        "feed_url": href(url_for("exports.feed"), query_args(params, page=False)),
        "api_url": href(url_for("api.search"), pairs),
        "doc_query": params.q,
        "examples": EXAMPLES,
    }


def _without(params: SearchParams, field_name: str, value: str) -> SearchParams:
    return replace(params, filters=tuple(f for f in params.filters if f != (field_name, value)),
                   page=1)


@bp.get("/busqueda-avanzada")
def advanced() -> Response | str:
    if request.args.get("enviar"):
        pairs = build_query(request.args)
        return redirect(href(url_for("pages.search"), pairs), code=303)
    options = _facet_options()
    return render_template("advanced.html", options=options)


def _facet_options() -> dict[str, list[tuple[str, str]]]:
    """Values offered in the advanced form's selects: those present in the index."""
    result = get_engine().search(SearchParams(page_size=1, with_snippets=False))
    return {
        name: [(v.value, value_label(name, v.value)) for v in result.facets.get(name, [])]
        for name in ("garante", "sentido", "topics", "doc_type")
    }


@bp.get("/ayuda/api")
def api_help() -> str:
    return render_template("api_help.html", cap=current_app.config["EXPORT_CAP"])
