"""Staff sessions: log in and out, who is logged in, and the ``staff_required`` guard.

The signed Flask cookie holds only a random session id; the session itself (user, start,
last activity) is a row of the staff database, so logging out or changing a password really
ends it, and it expires after ``STAFF_SESSION_MINUTES`` idle or ``STAFF_SESSION_MAX_HOURS``
in all. Logging in clears the whole cookie session first (no session fixation; the CSRF
token is regenerated too).
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from flask import current_app, g, redirect, request, session, url_for
from werkzeug.wrappers import Response

from search_app.admin.db import get_db
from search_app.errors import error_response

SESSION_KEY = "staff_sid"
TOUCH_EVERY_S = 30.0  # last-activity writes at most this often per session
LOGIN_ENDPOINT = "admin.login"
LOGIN_REQUIRED_MESSAGE = ("Necesita iniciar sesión como personal del organismo para usar esta "
                          "función.")

F = TypeVar("F", bound=Callable[..., Any])
_NOBODY = object()


def clock() -> float:
    """The current time (seconds since the epoch); tests replace it to age sessions."""
    return time.time()


def client_address() -> str:
    return request.remote_addr or ""


def login_user(name: str) -> None:
    """Start a new staff session for ``name`` (an existing user), replacing the old one."""
    old = session.get(SESSION_KEY)
    conn = get_db()
    now = clock()
    sid = secrets.token_urlsafe(32)
    with conn:
        if isinstance(old, str):
            conn.execute("DELETE FROM staff_sessions WHERE id = ?", (old,))
        conn.execute(
            "INSERT INTO staff_sessions (id, username, created, last_seen, address) "
            "VALUES (?, ?, ?, ?, ?)", (sid, name, now, now, client_address()))
    session.clear()
    session[SESSION_KEY] = sid
    g.staff_user = name


def logout_user() -> None:
    """End the current staff session (the database row and the cookie)."""
    sid = session.get(SESSION_KEY)
    if isinstance(sid, str):
        conn = get_db()
        with conn:
            conn.execute("DELETE FROM staff_sessions WHERE id = ?", (sid,))
    session.clear()
    g.staff_user = None


def _lookup() -> str | None:
    sid = session.get(SESSION_KEY)
    if not isinstance(sid, str):
        return None
    conn = get_db()
    row = conn.execute(
        "SELECT s.username, s.created, s.last_seen FROM staff_sessions s "
        "JOIN staff_users u ON u.username = s.username WHERE s.id = ? AND u.active = 1",
        (sid,),
    ).fetchone()
    now = clock()
    idle_s = float(current_app.config["STAFF_SESSION_MINUTES"]) * 60
    max_s = float(current_app.config["STAFF_SESSION_MAX_HOURS"]) * 3600
    if row is None or now - row["last_seen"] > idle_s or now - row["created"] > max_s:
        with conn:
            conn.execute("DELETE FROM staff_sessions WHERE id = ?", (sid,))
        session.pop(SESSION_KEY, None)
        return None
    if now - row["last_seen"] > TOUCH_EVERY_S:
        with conn:
            conn.execute("UPDATE staff_sessions SET last_seen = ? WHERE id = ?", (now, sid))
    username: str = row["username"]
    return username


def current_staff() -> str | None:
    """The logged-in staff user's name, or None (checked once per request)."""
    user = g.get("staff_user", _NOBODY)
    if user is _NOBODY:
        user = _lookup()
        g.staff_user = user
    return cast("str | None", user)


def _wants_json() -> bool:
    if request.is_json or request.path.endswith(".json"):
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json"


def local_path() -> str:
    """The current request's path and query, relative (for ``next``)."""
    path = request.script_root + request.path
    query = request.query_string.decode("latin-1")
    return f"{path}?{query}" if query else path


def anonymous_response() -> Response | tuple[Any, int]:
    """What an anonymous request to a staff page gets: the login page for a browser's GET,
    a 401 with a Spanish message for anything else."""
    if request.method in ("GET", "HEAD") and not _wants_json():
        return redirect(url_for(LOGIN_ENDPOINT, next=local_path()))
    if _wants_json():
        from flask import jsonify

        from search_app.errors import error_body

        return jsonify(error_body(401, LOGIN_REQUIRED_MESSAGE)), 401
    return error_response(401, LOGIN_REQUIRED_MESSAGE)


def staff_required(view: F) -> F:
    """Decorator: the view runs only for a logged-in staff user."""

    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if current_staff() is None:
            return anonymous_response()
        return view(*args, **kwargs)

    return cast(F, wrapped)
