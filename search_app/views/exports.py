"""Exports of a whole result list (CSV, JSON), streamed and capped by ``EXPORT_CAP``, and an
Atom feed per search (``/buscar.atom?q=…``), newest first, to subscribe without an account."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import asdict, replace

from flask import Blueprint, current_app, render_template, request, url_for
from werkzeug.wrappers import Response

from indexer.engine import Engine, Hit, SearchParams, SearchTimeoutError
from search_app.state import get_engine
from search_app.urlstate import href, query_args, request_params
from search_app.withheld import visible, visible_result, withheld_ids

bp = Blueprint("exports", __name__)

CSV_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "id"), ("titulo", "title"), ("tipo", "doc_type"), ("organismo", "garante"),
    ("estado", "state"), ("expediente", "expediente"), ("numero", "number"), ("fecha", "date"),
    ("sentido", "sentido"), ("temas", "topics"), ("sujeto_obligado", "sujeto_obligado"),
    ("ponente", "ponente"), ("vigencia", "vigencia"), ("muestra", "is_sample"),
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    """A CSV cell; lists joined with "; ", and formula-like text defused for spreadsheets."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "sí" if value else "no"
    text = "; ".join(map(str, value)) if isinstance(value, list) else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def iter_hits(engine: Engine, params: SearchParams, cap: int, batch: int,
              first: list[Hit], hidden: frozenset[str] = frozenset()) -> Iterator[Hit]:
    """Every hit of ``params`` up to ``cap``, fetched ``batch`` at a time (first batch given),
    but the ``hidden`` ids (withheld by staff)."""
    sent = 0
    page = 1
    hits = first
    while True:
        for hit in visible(hits, hidden):
            if sent >= cap:
                return
            yield hit
            sent += 1
        if len(hits) < batch or sent >= cap:
            return
        page += 1
        try:
            hits = engine.search(replace(params, page=page)).hits
        except SearchTimeoutError:  # past the time budget mid-stream: end the list, valid
            return


def _prepare() -> tuple[Engine, SearchParams, list[Hit], int, int]:
    config = current_app.config
    cap, batch = int(config["EXPORT_CAP"]), int(config["EXPORT_BATCH"])
    params = replace(request_params(request.args), page=1, page_size=batch,
                     with_facets=False, with_snippets=False)
    engine = get_engine()
    first = engine.search(params)  # errors (bad query) surface here, before streaming
    return engine, params, first.hits, first.total, cap


def _headers(total: int, cap: int, ext: str) -> dict[str, str]:
    return {
        "Content-Disposition": f'attachment; filename="precedentes.{ext}"',
        "X-Total-Count": str(total),
        "X-Export-Cap": str(cap),
        "X-Export-Truncated": "true" if total > cap else "false",
    }


@bp.get("/buscar.csv")
def export_csv() -> Response:
    engine, params, first, total, cap = _prepare()
    batch = params.page_size
    hidden = withheld_ids()  # read now: the generator runs after the request context

    def rows() -> Iterator[str]:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow([name for name, _ in CSV_COLUMNS])
        yield "\ufeff" + buffer.getvalue()
        for hit in iter_hits(engine, params, cap, batch, first, hidden):
            buffer.seek(0)
            buffer.truncate()
            writer.writerow([_cell(getattr(hit, attr)) for _, attr in CSV_COLUMNS])
            yield buffer.getvalue()

    return Response(rows(), mimetype="text/csv", headers=_headers(total, cap, "csv"))


@bp.get("/buscar.json")
def export_json() -> Response:
    engine, params, first, total, cap = _prepare()
    batch = params.page_size
    hidden = withheld_ids()  # read now: the generator runs after the request context

    def chunks() -> Iterator[str]:
        head = {"ok": True, "total": total, "cap": cap, "truncated": total > cap,
                "params": asdict(replace(params, page=1))}
        yield json.dumps(head, ensure_ascii=False)[:-1] + ', "hits": ['
        for i, hit in enumerate(iter_hits(engine, params, cap, batch, first, hidden)):
            data = asdict(hit)
            data.pop("source_path", None)
            data.pop("snippet", None)
            yield ("," if i else "") + json.dumps(data, ensure_ascii=False)
        yield "]}"

    return Response(chunks(), mimetype="application/json", headers=_headers(total, cap, "json"))


@bp.get("/buscar.atom")
def feed() -> Response:
    config = current_app.config
    params = replace(request_params(request.args), sort="date", page=1,
                     page_size=int(config["FEED_SIZE"]), with_facets=False)
    result = visible_result(get_engine().search(params))
    pairs = query_args(replace(params, sort="relevance"), page=False)
    dates = [h.date for h in result.hits if h.date]
    body = render_template(
        "feed.atom.xml", result=result, params=params,
        self_url=href(url_for("exports.feed", _external=True), pairs),
        html_url=href(url_for("pages.search", _external=True), pairs),
        updated=(max(dates) if dates else "2000-01-01") + "T00:00:00Z",
    )
    return Response(body, mimetype="application/atom+xml")
