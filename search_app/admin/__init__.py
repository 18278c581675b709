"""The staff area (``/admin``): login, sessions, CSRF, the audit log — and, in
``views_docs``, uploads, review, withdrawals, corrections and reindexing.

``init_app(app)`` (called by ``create_app``) sets the secret key, turns on CSRF protection for
the whole app (every POST, PUT, PATCH or DELETE needs the token: forms include
``<input type="hidden" name="csrf_token" value="{{ csrf_token() }}">``), and registers ``bp``.

Every route on ``bp`` is staff-only by default: a guard refuses anonymous requests to any
endpoint not in ``PUBLIC_ENDPOINTS`` (a browser's GET goes to the login page, anything else
gets 401), whether or not the view also carries ``auth.staff_required``. Admin responses are
never cached. Templates live in ``search_app/templates/admin/`` and extend ``admin/base.html``.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask, current_app, request
from flask_wtf.csrf import CSRFError, CSRFProtect
from werkzeug.wrappers import Response

bp = Blueprint("admin", __name__, url_prefix="/admin")

PUBLIC_ENDPOINTS = frozenset({"admin.login"})

# The admin navigation: (endpoint, label); entries whose endpoint does not exist are not shown.
ADMIN_NAV: tuple[tuple[str, str], ...] = (
    ("admin.index", "Inicio"),
    ("admin.upload", "Subir"),
    ("admin.review", "Revisión"),
    ("admin.documents", "Documentos"),
    ("admin.audit_log", "Auditoría"),
)

# Every request body but a logged-in staff member's upload is capped at this: CSRF protection
# reads the whole form of any POST before the staff guard runs, so without it an anonymous
# client could make the server spool an upload-sized body (hundreds of MB) to disk.
FORM_MAX_BYTES = 1 << 20
UPLOAD_ENDPOINT = "admin.upload"

CSRF_MESSAGE = ("El formulario caducó o le falta su código de seguridad (CSRF). Vuelva a "
                "cargar la página y envíelo otra vez.")


@bp.before_request
def _guard() -> Any:
    from search_app.admin.auth import anonymous_response, current_staff

    if request.endpoint not in PUBLIC_ENDPOINTS and current_staff() is None:
        return anonymous_response()
    return None


@bp.after_request
def _no_store(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.context_processor
def _admin_context() -> dict[str, Any]:
    from search_app.admin.auth import current_staff

    views = current_app.view_functions
    return {"staff_user": current_staff(),
            "admin_nav": [(e, label) for e, label in ADMIN_NAV if e in views]}


def _cap_body() -> None:
    """Before any form is read: only a staff member's upload may send a large body; any other
    request is refused by its length (413) before it is read."""
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    if request.endpoint == UPLOAD_ENDPOINT:
        from search_app.admin.auth import current_staff

        if current_staff() is not None:
            return  # the upload's own cap (UPLOAD_MAX_REQUEST_MB) applies
    cap = current_app.config.get("MAX_CONTENT_LENGTH")
    request.max_content_length = FORM_MAX_BYTES if cap is None else min(cap, FORM_MAX_BYTES)


def _csrf_error(exc: CSRFError) -> Any:
    from search_app.errors import error_response

    return error_response(400, CSRF_MESSAGE)


def _secret_key(app: Flask) -> str:
    import secrets

    from search_app.admin.keys import load_or_create_secret

    if app.testing:
        return secrets.token_hex(32)  # tests never write into the instance folder
    return load_or_create_secret(app.instance_path)


def init_app(app: Flask) -> None:
    """Secret key, cookie flags (from the settings), CSRF, the staff database and ``bp``."""
    from search_app.admin import db

    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _secret_key(app)
    app.before_request(_cap_body)  # registered before CSRFProtect's hook, so it runs first
    CSRFProtect(app)
    app.register_error_handler(CSRFError, _csrf_error)
    db.init_app(app)
    # the views attach their routes to bp; they must be imported before bp is registered
    from search_app.admin import views_auth, views_docs  # noqa: F401

    app.register_blueprint(bp)
