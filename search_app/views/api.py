"""The JSON API under ``/api/v1/``: search, documents, citations, stats and the OpenAPI
description. It renders the same ``SearchResult`` as the page; errors use the one error body
(see ``search_app.errors``)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from flask import Blueprint, current_app, jsonify, request, url_for
from werkzeug.wrappers import Response

from indexer.engine import Hit
from search_app.citations import citations_out
from search_app.openapi import openapi_document
from search_app.state import app_state, get_engine
from search_app.suggestions import with_checked_suggestion
from search_app.urlstate import facet_views, request_params
from search_app.views.documents import load
from search_app.views.stats import stats_for_request
from search_app.withheld import visible, visible_result

bp = Blueprint("api", __name__)


def hit_dict(hit: Hit) -> dict[str, Any]:
    data = asdict(hit)
    data.pop("source_path", None)
    data["url"] = url_for("documents.document", doc_id=hit.id)
    data["api_url"] = url_for("api.document", doc_id=hit.id)
    return data


@bp.get("/search")
def search() -> Response:
    config = current_app.config
    params = request_params(request.args, page_size=config["PAGE_SIZE"],
                            max_page_size=config["MAX_PAGE_SIZE"])
    engine = get_engine()
    result = visible_result(with_checked_suggestion(engine, engine.search(params)))
    return jsonify({
        "ok": True,
        "total": result.total,
        "page": params.page,
        "pages": result.pages,
        "page_size": params.page_size,
        "params": asdict(params),
        "hits": [hit_dict(h) for h in result.hits],
        "facets": {f.name: {"label": f.label, "incomplete": f.incomplete,
                            "values": [e.to_dict() for e in f.entries]}
                   for f in facet_views(result, url_for("api.search"))},
        "suggestion": result.suggestion,
        "warnings": result.warnings,
        "elapsed_ms": result.elapsed_ms,
        "is_sample": app_state().is_sample(),
    })


@bp.get("/documents/<doc_id>")
def document(doc_id: str) -> Response:
    record = load(doc_id)
    data = record.to_dict()
    has_original = bool(record.source_path)
    data.pop("source_path", None)
    data["url"] = url_for("documents.document", doc_id=record.id)
    data["original_url"] = (url_for("documents.original", doc_id=record.id)
                            if has_original else None)
    return jsonify({"ok": True, "document": data})


@bp.get("/documents/<doc_id>/citations")
def citations(doc_id: str) -> Response:
    record = load(doc_id)
    engine = get_engine()
    limit = current_app.config["CITED_BY_LIMIT"]
    return jsonify({
        "ok": True,
        "id": record.id,
        "cites": [c.to_dict() for c in citations_out(engine, record)],
        "cited_by": [hit_dict(h) for h in visible(engine.cited_by(record.id, limit=limit))],
    })


@bp.get("/stats")
def stats() -> Response:
    result = stats_for_request()
    return jsonify({"ok": True, "total": result.total, "params": asdict(result.params),
                    "tables": [t.to_dict() for t in result.tables]})


@bp.get("/openapi.json")
def openapi() -> Response:
    return jsonify(openapi_document(request.host_url.rstrip("/") + "/api/v1",
                                    int(current_app.config["MAX_PAGE_SIZE"])))
