"""The document page (``/documentos/<id>``) and the download of its original file.

The original is found through the record (by id), never from a path in the request.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from flask import Blueprint, abort, current_app, render_template, request, send_file, url_for
from werkzeug.wrappers import Response

from corpus.records import DocumentRecord
from indexer.engine import QueryError
from search_app.citations import citations_out, precedent_links, successor_link
from search_app.highlight import query_terms, text_parts
from search_app.state import get_engine
from search_app.urlstate import href
from search_app.withheld import visible

bp = Blueprint("documents", __name__)
T = TypeVar("T")


def load(doc_id: str) -> DocumentRecord:
    if len(doc_id) > 300:
        abort(404)
    record = get_engine().get(doc_id)
    if record is None or _withheld(doc_id):
        abort(404)
    return record


def _withheld(doc_id: str) -> bool:
    """Held or withdrawn by staff (the publication store), even if the index still has it."""
    from search_app.admin.library import is_hidden_at

    return is_hidden_at(current_app.config.get("STAFF_DB"), doc_id)


def metadata_rows(record: DocumentRecord) -> list[tuple[str, str]]:
    """(label, value) rows of the metadata table; empty values left out."""
    from search_app.templating import date_es
    from search_app.urlstate import value_label

    rows = [
        ("Tipo de documento", value_label("doc_type", record.doc_type)),
        ("Organismo garante", record.garante or ""),
        ("Estado", record.state or ""),
        ("Expediente", record.expediente or record.expediente_raw or ""),
        ("Número de criterio", record.number or ""),
        ("Fecha", date_es(record.date)),
        ("Sujeto obligado", record.sujeto_obligado or ""),
        ("Tipo de sujeto obligado", record.sujeto_obligado_kind or ""),
        ("Ponente", record.ponente or ""),
        ("Folio de solicitud", record.folio or ""),
        ("Sentido", ", ".join(value_label("sentido", s) for s in record.sentido)),
        ("Vigencia", value_label("vigencia", record.vigencia) if record.vigencia else ""),
    ]
    return [(label, value) for label, value in rows if value]


def original_path(record: DocumentRecord) -> Path | None:
    """The record's original file, when it exists on disk."""
    if not record.source_path:
        return None
    path = Path(record.source_path)
    return path if path.is_file() else None


@bp.get("/documentos/<doc_id>/original")
def original(doc_id: str) -> Response:
    record = load(doc_id)
    path = original_path(record)
    if path is None:
        abort(404)
    mimetype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return send_file(path.resolve(), mimetype=mimetype, as_attachment=True,
                     download_name=path.name)


@bp.get("/documentos/<doc_id>")
def document(doc_id: str) -> str:
    record = load(doc_id)
    engine = get_engine()
    q = request.args.get("q", "")[:1000]
    terms = query_terms(q)
    config = current_app.config
    is_criterion = record.doc_type == "criterio"
    busy: list[str] = []

    def part(section: str, make: Callable[[], T]) -> T | None:
        """One lookup of the page; a saturated server (or a lookup past the time budget)
        leaves that section out (None) with a notice instead of failing the whole page."""
        try:
            return make()
        except QueryError:
            busy.append(section)
            return None

    return render_template(
        "document.html",
        record=record,
        rows=metadata_rows(record),
        parts=text_parts(record, terms),
        q=q,
        back_url=href(url_for("pages.search"), [("q", q)]) if q else None,
        has_original=original_path(record) is not None,
        citations=part("citas", lambda: citations_out(engine, record)),
        cited_by=part("citado-por", lambda: visible(
            engine.cited_by(record.id, limit=config["CITED_BY_LIMIT"]))),
        similar=part("similares", lambda: visible(
            engine.similar(record.id, limit=config["SIMILAR_LIMIT"]))),
        precedents=part("precedentes", lambda: precedent_links(engine, record))
        if is_criterion else None,
        successor=part("sucesor", lambda: successor_link(engine, record))
        if is_criterion else None,
        busy=busy,
        topics=[(t, record.topic_evidence.get(t, [])) for t in record.topics],
        api_url=url_for("api.document", doc_id=record.id),
    )
