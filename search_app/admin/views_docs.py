"""Staff views for documents: upload (``/admin/subir``) and its report
(``/admin/ingestas/<n>``), the personal-data review queue (``/admin/revision``), the documents
list (``/admin/documentos``) with withdraw, restore and correct, and reindex.

The work lives in plain modules (``uploads``, ``batch``, ``publish``, ``library``,
``corrections``); views read the settings, call them, audit every change with its before and
after, and turn ``IndexLockedError`` and refused actions into a Spanish 409 page.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from flask import Flask, abort, current_app, redirect, render_template, request, url_for
from werkzeug.exceptions import RequestEntityTooLarge

from corpus.garantes import load_registry
from corpus.records import SENTIDOS
from indexer.engine import IndexLockedError, QueryError, SearchParams
from search_app.admin import bp, corrections, library, publish
from search_app.admin.audit import audit
from search_app.admin.audit import record as record_audit
from search_app.admin.auth import client_address, current_staff
from search_app.admin.batch import OUTCOME_LABELS, Received, process, receive
from search_app.admin.db import connect, get_db
from search_app.admin.library import STATES, Entry
from search_app.admin.uploads import IngestLimits
from search_app.state import get_engine

MIB = 1 << 20
LIST_SIZE = 50
MAX_ID = 300
MAX_SQLITE_INT = (1 << 63) - 1  # a larger number in a URL cannot be a row: 404, not 500


# -- upload -------------------------------------------------------------------------------


@bp.record_once
def _request_cap(state: Any) -> None:
    """Cap every request body at the upload limit (nothing else accepts large bodies). It
    must be app-wide: CSRF protection reads the form before any view of the blueprint."""
    config = state.app.config
    if config.get("MAX_CONTENT_LENGTH") is None:
        config["MAX_CONTENT_LENGTH"] = int(float(config["UPLOAD_MAX_REQUEST_MB"]) * MIB)


@bp.app_errorhandler(RequestEntityTooLarge)
def _too_large(exc: RequestEntityTooLarge) -> Any:
    from search_app.errors import error_response

    if request.endpoint != "admin.upload" or current_staff() is None:
        return error_response(413, "La solicitud es demasiado grande.")
    return error_response(413, _too_large_message())


def _too_large_message() -> str:
    mb = current_app.config["UPLOAD_MAX_REQUEST_MB"]
    return (f"La subida supera el límite de {mb} MB por envío. Suba los archivos en varias "
            "tandas (cada archivo admite hasta "
            f"{current_app.config['UPLOAD_MAX_MB']} MB).")


def _upload_page(status: int = 200, message: str = "") -> Any:
    cfg = current_app.config
    return render_template(
        "admin/upload.html",
        garantes=sorted(load_registry().garantes.values(), key=lambda g: g.key),
        max_mb=cfg["UPLOAD_MAX_MB"], max_request_mb=cfg["UPLOAD_MAX_REQUEST_MB"],
        max_files=cfg["UPLOAD_MAX_FILES"], message=message,
        ingests=library.recent_ingests(get_db(), 10),
    ), status


@bp.route("/subir", methods=["GET", "POST"])
def upload() -> Any:
    if request.method == "GET":
        return _upload_page()
    cfg = current_app.config
    request.max_content_length = int(float(cfg["UPLOAD_MAX_REQUEST_MB"]) * MIB)
    try:
        files = [f for f in request.files.getlist("archivos") if f.filename or f.content_length]
        garante_key = request.form.get("garante", "").strip()
    except RequestEntityTooLarge:
        return _upload_page(413, _too_large_message())
    if not files:
        return _upload_page(400, "Elija al menos un archivo.")
    if len(files) > int(cfg["UPLOAD_MAX_FILES"]):
        return _upload_page(400, f"Demasiados archivos: el máximo por envío es "
                            f"{cfg['UPLOAD_MAX_FILES']}.")
    garante = None
    if garante_key:
        body = load_registry().get(garante_key)
        if body is None:
            return _upload_page(400, "Organismo garante desconocido.")
        garante = body.key
    user = current_staff() or ""
    received = receive(get_db(), [(f.stream, f.filename) for f in files],
                       library_dir=Path(cfg["LIBRARY_DIR"]),
                       max_file_bytes=_limits(cfg).max_file_bytes,
                       garante=garante, user=user)
    n = received.n
    audit("documentos.subir", f"ingesta {n}", {
        "garante": garante, "archivos": [f.display_name for f in received.kept],
        "no_admitidos": [r["display_name"] for r in received.rows],
    })
    app: Flask = current_app._get_current_object()  # type: ignore[attr-defined]
    work = _ingest_work(app, _writer(), received, garante=garante, user=user,
                        address=client_address())
    if cfg["UPLOAD_BACKGROUND"]:
        threading.Thread(target=work, name=f"ingesta-{n}", daemon=True).start()
    else:
        work()
    return redirect(url_for("admin.ingest", n=n), code=303)


def _ingest_work(app: Flask, engine: Any, received: Received, *, garante: str | None,
                 user: str, address: str) -> Callable[[], None]:
    """The ingestion of a received upload, runnable in another thread (own connection; the
    outcome is audited when it is known)."""
    cfg = app.config
    limits = _limits(cfg)

    def work() -> None:
        try:
            enrich = None
            if cfg["UPLOAD_TOPICS"]:
                from indexer.build import default_enricher

                enrich = default_enricher()
            conn = connect(cfg["STAFF_DB"])
            try:
                report = process(conn, engine, received, limits=limits, garante=garante,
                                 user=user, enrich=enrich)
                record_audit(conn, username=user, address=address,
                             action="documentos.ingesta", target=f"ingesta {received.n}",
                             detail={"resultado": report["counts"], "estado": report["state"],
                                     "documentos": [r["doc_id"] for r in report["files"]
                                                    if r.get("doc_id")]})
            finally:
                conn.close()
        except Exception:  # a thread has no one to raise to: the log says it
            app.logger.exception("ingesta %s: error no controlado", received.n)

    return work


def _limits(cfg: Mapping[str, Any]) -> IngestLimits:
    return IngestLimits(
        max_file_bytes=int(float(cfg["UPLOAD_MAX_MB"]) * MIB),
        timeout_s=float(cfg["UPLOAD_TIMEOUT_S"]),
        max_memory_mb=int(cfg["UPLOAD_MAX_MEMORY_MB"]),
        workers=int(cfg["UPLOAD_WORKERS"]),
    )


@bp.get("/ingestas/<int:n>")
def ingest(n: int) -> Any:
    if n > MAX_SQLITE_INT:
        abort(404)
    run = library.get_ingest(get_db(), n)
    if run is None:
        abort(404)
    return render_template("admin/ingest.html", run=run, labels=OUTCOME_LABELS,
                           stale=_stale(run))


def _stale(run: dict[str, Any]) -> bool:
    """An ingest still "en proceso" long after its files' time caps ran out: the process that
    ran it ended (a restart) before finishing."""
    if run["report"].get("state") != "en proceso":
        return False
    files = max(1, len(run["report"].get("files", [])))
    bound = float(current_app.config["UPLOAD_TIMEOUT_S"]) * files + 300
    started = dt.datetime.fromisoformat(run["started_at"])
    return (dt.datetime.now(dt.UTC) - started).total_seconds() > bound


# -- review -------------------------------------------------------------------------------


@bp.get("/revision")
def review() -> Any:
    conn = get_db()
    held = library.entries(conn, states=("retenido",), limit=200)
    return render_template("admin/review_list.html", entries=held,
                           total=library.count(conn, states=("retenido",)))


@bp.get("/revision/<doc_id>")
def review_document(doc_id: str) -> Any:
    entry = _entry_or_404(doc_id)
    return render_template("admin/review.html", entry=entry, record=entry.effective)


@bp.post("/revision/<doc_id>/liberar")
def release(doc_id: str) -> Any:
    return _act(doc_id, "documento.liberar", lambda c, e, x: publish.release(c, e, x, user=_user()))


@bp.post("/revision/<doc_id>/rechazar")
def reject(doc_id: str) -> Any:
    return _act(doc_id, "documento.rechazar", lambda c, e, x: publish.reject(c, e, x, user=_user()))


# -- documents ----------------------------------------------------------------------------


@bp.get("/documentos")
def documents() -> Any:
    conn = get_db()
    q = request.args.get("q", "").strip()[:200]
    state = request.args.get("estado", "")
    state = state if state in STATES else ""
    rows = library.entries(conn, states=(state,) if state else (), q=q, limit=LIST_SIZE)
    known = {e.id for e in rows}
    indexed: list[Any] = []
    message = ""
    if state in ("", "publicado"):
        try:
            indexed = [h for h in _indexed(q) if h.id not in known]
        except QueryError as exc:
            message = exc.message
    return render_template("admin/documents.html", entries=rows, indexed=indexed, q=q,
                           state=state, states=STATES, message=message)


def _indexed(q: str) -> list[Any]:
    engine = get_engine()
    params = SearchParams(q=q, sort="relevance" if q else "date", page_size=LIST_SIZE,
                          with_facets=False, with_snippets=False)
    hits = list(engine.search(params).hits)
    exact = engine.get(q) if q and len(q) <= MAX_ID else None
    if exact is not None and all(h.id != exact.id for h in hits):
        from indexer.engine import Hit

        hits.insert(0, Hit(exact.id, exact.title, exact.doc_type, exact.garante, exact.state,
                           exact.expediente, exact.date, exact.sentido, exact.topics,
                           exact.sujeto_obligado, exact.ponente, exact.source_path, 0.0))
    return hits


@bp.get("/documentos/<doc_id>")
def document(doc_id: str) -> Any:
    entry = _entry_or_404(doc_id)
    return _document_page(entry)


def _document_page(entry: Entry, status: int = 200, values: dict[str, Any] | None = None,
                   errors: dict[str, str] | None = None, message: str = "") -> Any:
    record = entry.effective
    return render_template(
        "admin/document.html", entry=entry, record=record,
        values=values or corrections.current_values(record), errors=errors or {},
        fields=corrections.FIELDS, sentidos=SENTIDOS,
        garantes=sorted(load_registry().garantes), message=message,
    ), status


@bp.post("/documentos/<doc_id>/retirar")
def withdraw(doc_id: str) -> Any:
    return _act(doc_id, "documento.retirar",
                lambda c, e, x: publish.withdraw(c, e, x.id, user=_user()))


@bp.post("/documentos/<doc_id>/republicar")
def restore(doc_id: str) -> Any:
    return _act(doc_id, "documento.republicar", lambda c, e, x: publish.restore(c, e, x, user=_user()))


@bp.post("/documentos/<doc_id>/corregir")
def correct(doc_id: str) -> Any:
    entry = _entry_or_404(doc_id)
    form: dict[str, Any] = {name: request.form.get(name, "") for name in corrections.FIELDS}
    form["sentido"] = request.form.getlist("sentido")
    result = corrections.validate(form, entry.record)
    if not result.ok:
        return _document_page(entry, 400, values=form, errors=result.errors,
                              message="Revise los campos marcados.")
    return _act(doc_id, "documento.corregir",
                lambda c, e, x: publish.correct(c, e, x, result.overrides, user=_user()))


@bp.post("/reindexar")
def reindex() -> Any:
    try:
        report = publish.reindex(get_db(), _writer())
    except IndexLockedError as exc:
        return _conflict(str(exc))
    audit("indice.reindexar", "", {"agregados": report.added, "reescritos": report.replaced,
                                   "sin_cambios": report.unchanged, "quitados": report.removed,
                                   "fallidos": len(report.failed)})
    return render_template("admin/reindex.html", lines=report.lines())


# -- helpers ------------------------------------------------------------------------------


def _writer() -> publish.PatientEngine:
    """The engine for a staff change: its writes wait ``INDEX_LOCK_WAIT_S`` for the lock."""
    return publish.PatientEngine(get_engine(), float(current_app.config["INDEX_LOCK_WAIT_S"]))


def _user() -> str:
    return current_staff() or ""


def _entry_or_404(doc_id: str) -> Entry:
    if len(doc_id) > MAX_ID:
        abort(404)
    try:
        return publish.entry_for(get_db(), get_engine(), doc_id)
    except LookupError:
        abort(404)


def _act(doc_id: str, action: str, change: Any) -> Any:
    """Run one state change, audit it (before/after), go back to the document's page."""
    entry = _entry_or_404(doc_id)
    try:
        before, after = change(get_db(), _writer(), entry)
    except IndexLockedError as exc:
        return _conflict(str(exc))
    except publish.ActionError as exc:
        return _conflict(str(exc))
    audit(action, doc_id, {"antes": _audit_view(before), "despues": _audit_view(after)})
    return redirect(url_for("admin.document", doc_id=doc_id), code=303)


def _audit_view(entry: Entry) -> dict[str, Any]:
    return {"estado": entry.state, "correcciones": entry.overrides}


def _conflict(message: str) -> Any:
    return render_template("admin/conflict.html", message=message), 409
