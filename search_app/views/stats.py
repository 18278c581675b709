"""Statistics of the Plenos (``/estadisticas``): charts, the same numbers as tables, and each
table as CSV; filtered by the same parameters as the search."""

from __future__ import annotations

import csv
import io
from dataclasses import replace

from flask import Blueprint, abort, current_app, render_template, request, url_for
from werkzeug.wrappers import Response

from indexer.engine import SearchParams
from indexer.fields import FACETS
from search_app.charts import SENTIDO_COLOURS, bar_chart, column_chart, stacked_chart
from search_app.state import app_state, get_engine
from search_app.stats_data import TABLE_KEYS, Stats, compute_stats
from search_app.urlstate import (
    facet_views,
    href,
    query_args,
    request_params,
    value_label,
    without_filters,
)

bp = Blueprint("stats", __name__)
STATS_CACHE_SIZE = 64


def stats_for_request() -> Stats:
    """The statistics for the request's filters, cached per process and index generation
    (the page and its four CSV downloads ask for the same numbers)."""
    params = replace(request_params(request.args), page=1, page_size=20, with_facets=True,
                     with_snippets=True, sort="relevance")
    config = current_app.config
    engine = get_engine()
    key = (params, getattr(engine, "generation", None))
    cache = app_state().stats_cache
    stats = cache.get(key)
    if stats is None:
        stats = compute_stats(engine, params, top=config["STATS_TOP"],
                              scan_cap=config["STATS_SCAN_CAP"])
        with app_state().stats_lock:
            if len(cache) >= STATS_CACHE_SIZE:
                cache.pop(next(iter(cache)))
            cache[key] = stats
    return stats


def _charts(stats: Stats) -> dict[str, object]:
    by_year = stats.table("por_organismo_y_anio")
    bodies: dict[str, list[tuple[str, int]]] = {}
    for body, year, n in by_year.rows:
        bodies.setdefault(body, []).append((str(year), n))
    years = sorted({str(year) for _, year, _ in by_year.rows})
    top = max((n for _, _, n in by_year.rows), default=0)
    per_body = []
    for body, rows in bodies.items():
        counts = dict(rows)
        per_body.append((body, column_chart(f"Resoluciones de {body} por año",
                                            [(y, counts.get(y, 0)) for y in years], top)))
    sentido: dict[str, list[tuple[str, int]]] = {}
    for body, s, n in stats.table("sentido_por_organismo").rows:
        sentido.setdefault(body, []).append((value_label("sentido", s), n))
    order = list(SENTIDO_COLOURS)
    sentido_rows = [(body, sorted(parts, key=lambda p: _order(order, p[0])))
                    for body, parts in sentido.items()]
    colours = {value_label("sentido", k): v for k, v in SENTIDO_COLOURS.items()}
    return {
        "per_body": per_body,
        "sentido": stacked_chart("Sentido de las resoluciones por organismo", sentido_rows,
                                 colours) if sentido_rows else None,
        "legend": [(value_label("sentido", k), v) for k, v in SENTIDO_COLOURS.items()],
        "topics": bar_chart("Temas más frecuentes", [(value_label("topics", t), n)
                                                    for t, n in stats.table("temas").rows]),
        "sujetos": bar_chart("Sujetos obligados más frecuentes",
                             list(stats.table("sujetos_obligados").rows)),
    }


def _order(order: list[str], label: str) -> int:
    folded = label.lower()
    return order.index(folded) if folded in order else len(order)


@bp.get("/estadisticas")
def statistics() -> str:
    stats = stats_for_request()
    path = url_for("stats.statistics")
    params = stats.params
    base = engine_facets(params, path)
    pairs = query_args(params, page=False)
    csv_urls = {key: href(url_for("stats.table_csv", key=key), pairs) for key in TABLE_KEYS}
    return render_template(
        "stats.html", stats=stats, charts=_charts(stats), facets=base, params=params,
        csv_urls=csv_urls, clear_url=href(path, query_args(without_filters(params))),
        api_url=href(url_for("api.stats"), pairs), search_url=href(url_for("pages.search"), pairs),
        filter_fields=[f for f in FACETS if f.name in ("garante", "doc_type", "year", "sentido",
                                                        "topics", "sujeto_kind")],
    )


def engine_facets(params: SearchParams, path: str) -> list[object]:
    result = get_engine().search(replace(params, page=1, page_size=1, with_snippets=False))
    wanted = {"garante", "doc_type", "year", "sentido", "topics", "sujeto_kind"}
    return [f for f in facet_views(result, path) if f.name in wanted]


@bp.get("/estadisticas/<key>.csv")
def table_csv(key: str) -> Response:
    if key not in TABLE_KEYS:
        abort(404)
    table = stats_for_request().table(key)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(table.columns)
    writer.writerows(table.rows)
    return Response("\ufeff" + buffer.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{key}.csv"'})
