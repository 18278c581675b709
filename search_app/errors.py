"""Errors, turned into responses in one place.

Every error under ``/api/`` and every export (``.json``/``.csv``) gets the one JSON body
``{"ok": false, "error": "<Spanish>", "status": N}`` (bad queries add ``suggestion`` and
``kind``); pages get a Spanish HTML page with the same status.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, jsonify, render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError

from indexer.budget import BUSY_RETRY_AFTER_S
from indexer.engine import IndexMissingError, QueryError

MESSAGES: dict[int, str] = {
    400: "La solicitud no es válida.",
    404: "No encontramos lo que busca: la dirección no existe o el documento no está en el índice.",
    405: "Método no permitido en esta dirección.",
    413: "La solicitud es demasiado grande.",
    429: "Demasiadas solicitudes desde su dirección. Espere un momento y vuelva a intentarlo.",
    500: "Ocurrió un error interno. Intente de nuevo más tarde.",
    503: "El servicio no está disponible por ahora.",
}


def wants_json() -> bool:
    path = request.path
    return path.startswith("/api/") or path.endswith((".json", ".csv"))


def error_body(status: int, message: str, **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"ok": False, "error": message, "status": status}
    body.update({k: v for k, v in extra.items() if v is not None})
    return body


def error_response(status: int, message: str, **extra: Any) -> tuple[Response | str, int]:
    if wants_json():
        return jsonify(error_body(status, message, **extra)), status
    return render_template("error.html", status=status, message=message, **extra), status


def _http_error(exc: HTTPException) -> tuple[Response | str, int]:
    status = exc.code or 500
    message = MESSAGES.get(status) or "Error."
    if status == 400 and exc.description and exc.description.startswith("es:"):
        message = exc.description[3:]
    return error_response(status, message)


def _query_error(exc: QueryError) -> tuple[Response | str, int, dict[str, str]]:
    status = int(getattr(exc, "status", 400))  # ServerBusyError: 503, a temporary refusal
    body, status = error_response(status, exc.message, suggestion=exc.suggestion, kind=exc.kind)
    return body, status, {"Retry-After": str(BUSY_RETRY_AFTER_S)} if status == 503 else {}


def _index_missing(exc: IndexMissingError) -> tuple[Response | str, int]:
    return error_response(
        503, "No hay índice que consultar. Constrúyalo con «precedentes serve», que genera el "
        "corpus de muestra y el índice cuando faltan.")


def _index_unusable(exc: RuntimeError) -> tuple[Response | str, int]:
    """An index that exists but cannot be opened (another schema or engine version, damaged
    beyond its fall-back states): the details (paths, versions) go to the log, not to visitors."""
    from flask import current_app

    current_app.logger.error("índice inutilizable: %s", exc)
    return error_response(
        503, "El índice no se puede abrir con esta versión del programa (versión distinta o "
        "daño). El personal debe verificarlo con «precedentes index --check» o reconstruirlo.")


def _unexpected(exc: Exception) -> tuple[Response | str, int]:
    if isinstance(exc, HTTPException):
        return _http_error(exc)
    from flask import current_app

    current_app.logger.exception("error no controlado", exc_info=exc)
    return error_response(500, MESSAGES[500])


def _unusable_errors() -> tuple[type[RuntimeError], ...]:
    from indexer import EngineMismatchError, IndexVersionError
    from indexer.lifecycle import IndexCorruptError

    return (EngineMismatchError, IndexVersionError, IndexCorruptError)


def init_app(app: Flask) -> None:
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(QueryError, _query_error)
    app.register_error_handler(IndexMissingError, _index_missing)
    for unusable in _unusable_errors():
        app.register_error_handler(unusable, _index_unusable)
    app.register_error_handler(InternalServerError, _unexpected)
    app.register_error_handler(Exception, _unexpected)
