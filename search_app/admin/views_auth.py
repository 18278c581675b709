"""Staff views of this module: login (``/admin/entrar``), logout (``/admin/salir``), the
admin home (``/admin/``) and the audit log (``/admin/auditoria``)."""

from __future__ import annotations

import math
import re
from typing import Any
from urllib.parse import urlsplit

from flask import current_app, redirect, render_template, request, url_for

from search_app.admin import audit as audit_log
from search_app.admin import auth, bp, throttle
from search_app.admin.auth import (
    client_address,
    current_staff,
    login_user,
    logout_user,
    staff_required,
)
from search_app.admin.db import get_db
from search_app.admin.users import MAX_PASSWORD_LENGTH, verify_password

AUDIT_PAGE_SIZE = 50
HOME_INGESTS = 5
MAX_NAME_FIELD = 100
BAD_LOGIN = "Usuario o contraseña incorrectos."
# control characters and whitespace: browsers drop tabs and newlines, so "/\t/x" is "//x"
_UNSAFE_NEXT = re.compile(r"[\x00-\x20\x7f\\]")


def safe_next(value: str | None) -> str:
    """``value`` when it is a path on this site, else the admin home (no open redirects).

    Accepted: starts with one "/", no "//", no backslash, no scheme, no control character
    or whitespace anywhere (browsers strip and rewrite those)."""
    default = url_for("admin.index")
    if not value or not value.startswith("/") or value.startswith("//"):
        return default
    if _UNSAFE_NEXT.search(value):
        return default
    parts = urlsplit(value)
    if parts.scheme or parts.netloc:
        return default
    return value


def _login_page(status: int = 200, message: str = "", username: str = "") -> Any:
    return render_template("admin/login.html", message=message, username=username,
                           next=safe_next(request.values.get("next")),
                           logged_out="salida" in request.args), status


@bp.route("/entrar", methods=["GET", "POST"])
def login() -> Any:
    if request.method == "GET":
        if current_staff() is not None:
            return redirect(safe_next(request.args.get("next")))
        return _login_page()

    name = request.form.get("usuario", "")[:MAX_NAME_FIELD].strip()
    password = request.form.get("contrasena", "")[:MAX_PASSWORD_LENGTH + 1]
    if not name or not password:
        return _login_page(400, "Escriba su usuario y su contraseña.", name)
    conn = get_db()
    cfg = current_app.config
    window_s = float(cfg["STAFF_LOGIN_LOCK_MINUTES"]) * 60
    max_failures = int(cfg["STAFF_LOGIN_MAX_FAILURES"])
    keys = throttle.login_keys(name.lower(), client_address())
    now = auth.clock()
    wait = throttle.seconds_locked(conn, keys, now=now, max_failures=max_failures,
                                   window_s=window_s)
    if wait > 0:  # not audited again: a client hammering a locked form must not grow the log
        return _locked_page(wait, name)
    # counted as a failure before the (slow) hash, so parallel guesses cannot all pass
    reserved = throttle.reserve(conn, keys, now=now, window_s=window_s)
    if throttle.over_limit(conn, keys, now=now, max_failures=max_failures, window_s=window_s):
        throttle.release(conn, reserved)
        return _locked_page(max(1.0, throttle.seconds_locked(
            conn, keys, now=now, max_failures=max_failures, window_s=window_s)), name)
    username = verify_password(conn, name, password)
    if username is None:
        audit_log.audit("auth.login_failed", target=name)
        if throttle.seconds_locked(conn, keys, now=now, max_failures=max_failures,
                                   window_s=window_s) > 0:
            audit_log.audit("auth.locked", target=name, detail={"minutos": cfg[
                "STAFF_LOGIN_LOCK_MINUTES"]})
        return _login_page(401, BAD_LOGIN, name)
    throttle.release(conn, reserved)
    throttle.clear(conn, keys[0])
    login_user(username)
    audit_log.audit("auth.login", target=username)
    return redirect(safe_next(request.form.get("next")))


def _locked_page(wait: float, name: str) -> Any:
    minutes = max(1, math.ceil(wait / 60))
    body, status = _login_page(
        429, f"Demasiados intentos fallidos. Espere {minutes} "
        f"{'minuto' if minutes == 1 else 'minutos'} antes de intentar de nuevo.", name)
    return body, status, {"Retry-After": str(math.ceil(wait))}


@bp.route("/salir", methods=["POST"])
@staff_required
def logout() -> Any:
    audit_log.audit("auth.logout", target=current_staff() or "")
    logout_user()
    return redirect(url_for("admin.login", salida=1))


@bp.route("/")
@staff_required
def index() -> Any:
    """The admin home: documents by publication state (held for review first) and the
    latest ingestion runs, each a link to its page."""
    from search_app.admin import library

    conn = get_db()
    states = sorted(library.STATES.items(), key=lambda kv: kv[0] != "retenido")
    counts = [(label, library.count(conn, states=(state,)), state) for state, label in states]
    return render_template("admin/index.html", counts=counts, indexed=_indexed_count(),
                           ingests=library.recent_ingests(conn, HOME_INGESTS))


def _indexed_count() -> int | None:
    """Documents in the public index (most never pass through the staff area), or None."""
    from search_app.state import get_engine

    try:
        return get_engine().doc_count()
    except Exception:  # no index yet, or unreadable: the home page still works
        return None


@bp.route("/auditoria", endpoint="audit_log")
@staff_required
def audit_page() -> Any:
    where = audit_log.AuditFilter(
        username=request.args.get("usuario", "").strip().lower()[:MAX_NAME_FIELD],
        action=request.args.get("accion", "").strip()[:MAX_NAME_FIELD],
        target=request.args.get("objeto", "").strip()[:audit_log.MAX_FIELD],
    )
    total = audit_log.count(where=where)
    pages = max(1, math.ceil(total / AUDIT_PAGE_SIZE))
    page = min(max(request.args.get("pagina", 1, type=int) or 1, 1), pages)
    entries = audit_log.recent(AUDIT_PAGE_SIZE, (page - 1) * AUDIT_PAGE_SIZE, where=where)
    filters = {k: v for k, v in (("usuario", where.username), ("accion", where.action),
                                 ("objeto", where.target)) if v}
    return render_template("admin/audit.html", entries=entries, page=page, pages=pages,
                           total=total, where=where, filters=filters,
                           actions=audit_log.actions())
