"""Rate limiting per client (Flask-Limiter), correct across gunicorn workers.

Counters live in a SQLite file shared by every process of the server (``SQLiteStorage``,
registered with ``limits`` under the ``sqlite://`` scheme: one small table, WAL, one atomic
UPSERT per request, fixed windows), so ``--workers 4`` does not give a client four times the
allowance, as per-process memory counters would. No redis or memcached server is needed.

Three route groups, each a setting with its own shared counter per client: the pages
(search, documents, statistics: ``RATE_LIMIT_PAGES``), the JSON API (``RATE_LIMIT_API``) and
the exports and feeds (``RATE_LIMIT_EXPORT``). A fourth counter, ``RATE_LIMIT_COSTLY``, counts
only the costly searches (wildcards, many terms, deep or large pages:
``indexer.budget.heavy_query``) on the search page, the API and the exports: one client
sending them back to back would otherwise take a whole process's CPU for the length of its
allowance (measured: whoosh under waitress, 20 normal clients' p99 ×5.75 without it). Past a
limit the answer is 429 with ``Retry-After`` and a Spanish message (the API's JSON error body,
or an HTML page).

The client is the connection's remote address; behind a reverse proxy set ``PROXY_FIX_HOPS``
to the number of trusted proxies, so werkzeug's ``ProxyFix`` takes it from
``X-Forwarded-For`` (never enable it without a proxy that sets that header: clients could
choose their own key). Enabled unless ``TESTING`` (``RATE_LIMIT_ENABLED`` forces it).
"""

from __future__ import annotations

import math
import os
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

from flask import Flask, Response, request
from flask_limiter import Limiter, RateLimitExceeded
from flask_limiter.util import get_remote_address
from limits.storage import Storage
from werkzeug.middleware.proxy_fix import ProxyFix

from search_app.sqlite_wal import enable_wal

EXTENSION_KEY = "precedentes.ratelimit"
SCHEME = "sqlite"
# route group → (setting, blueprints sharing its counter)
GROUPS: dict[str, tuple[str, tuple[str, ...]]] = {
    "paginas": ("RATE_LIMIT_PAGES", ("pages", "documents", "stats")),
    "api": ("RATE_LIMIT_API", ("api",)),
    "exportaciones": ("RATE_LIMIT_EXPORT", ("exports",)),
}
COSTLY_SCOPE = "costosas"
COSTLY_BLUEPRINTS = ("pages", "api", "exports")  # where searches are asked for
PRUNE_EVERY = 500  # increments per connection between deletions of expired counters

_SCHEMA = """
CREATE TABLE IF NOT EXISTS rate_counters (
    key TEXT PRIMARY KEY,
    count INTEGER NOT NULL,
    expires REAL NOT NULL
) WITHOUT ROWID
"""
_INCR = """
INSERT INTO rate_counters (key, count, expires) VALUES (:key, :amount, :expires)
ON CONFLICT (key) DO UPDATE SET
    count = CASE WHEN expires <= :now THEN :amount ELSE count + :amount END,
    expires = CASE WHEN expires <= :now THEN :expires ELSE expires END
RETURNING count
"""


def sqlite_path(uri: str) -> Path:
    """The file of a ``sqlite:///relative`` or ``sqlite:////absolute`` URI."""
    prefix = f"{SCHEME}:///"
    if not uri.startswith(prefix) or len(uri) == len(prefix):
        raise ValueError(
            f"URI de almacenamiento no válida: «{uri}». Use sqlite:///ruta/relativa o "
            "sqlite:////ruta/absoluta."
        )
    return Path(uri[len(prefix):])


class SQLiteStorage(Storage):
    """A ``limits`` storage in one SQLite table, shared by processes (fixed windows).

    One connection per process and thread (SQLite connections must not cross threads or a
    fork); WAL so readers and the writer do not block each other; each increment is a single
    UPSERT statement, atomic across processes.
    """

    STORAGE_SCHEME = [SCHEME]  # noqa: RUF012 (the name limits' registry reads)

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False,
                 **options: float | str | bool) -> None:
        self.path = sqlite_path(uri or "")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.timeout = float(options.get("timeout", 5.0))
        self._local = threading.local()
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)
        self._connection()  # create the file and table now: a bad path fails at startup

    @property
    def base_exceptions(self) -> type[Exception] | tuple[type[Exception], ...]:
        return sqlite3.Error

    def _connection(self) -> sqlite3.Connection:
        local = self._local
        if getattr(local, "pid", None) != os.getpid():
            conn = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None)
            enable_wal(conn, self.timeout)
            conn.execute("PRAGMA synchronous=NORMAL")  # counters, not records: no fsync each
            conn.execute(_SCHEMA)
            local.conn, local.pid, local.writes = conn, os.getpid(), 0
        conn_: sqlite3.Connection = local.conn
        return conn_

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        """Add ``amount`` to the key's counter (a new window when the old one expired)."""
        conn = self._connection()
        now = time.time()
        row = conn.execute(_INCR, {"key": key, "amount": amount, "expires": now + expiry,
                                   "now": now}).fetchone()
        self._local.writes += 1
        if self._local.writes % PRUNE_EVERY == 0:
            conn.execute("DELETE FROM rate_counters WHERE expires <= ?", (now,))
        return int(row[0])

    def get(self, key: str) -> int:
        row = self._connection().execute(
            "SELECT count FROM rate_counters WHERE key = ? AND expires > ?", (key, time.time())
        ).fetchone()
        return int(row[0]) if row else 0

    def get_expiry(self, key: str) -> float:
        row = self._connection().execute(
            "SELECT expires FROM rate_counters WHERE key = ? AND expires > ?", (key, time.time())
        ).fetchone()
        return float(row[0]) if row else time.time()

    def check(self) -> bool:
        try:
            self._connection().execute("SELECT 1").fetchone()
        except sqlite3.Error:
            return False
        return True

    def reset(self) -> int | None:
        cursor = self._connection().execute("DELETE FROM rate_counters")
        return int(cursor.rowcount)

    def clear(self, key: str) -> None:
        self._connection().execute("DELETE FROM rate_counters WHERE key = ?", (key,))


def _enabled(config: Any) -> bool:
    setting = config.get("RATE_LIMIT_ENABLED")
    return not config.get("TESTING") if setting is None else bool(setting)


def costly_request() -> bool:
    """Whether this request asks for a costly search (``indexer.budget.heavy_query``).
    A request that is not a valid search is not: it is refused at once, cheaply."""
    if not any(key in request.args for key in ("q", "page", "page_size")):
        return False
    from indexer.budget import heavy_query
    from indexer.engine import QueryError
    from indexer.query import parse_query
    from search_app.limits import current_limits
    from search_app.urlstate import request_params

    try:
        params = request_params(request.args)
        node = parse_query(params.q, current_limits().search.limits).node
    except QueryError:
        return False
    return heavy_query(node, params)


def _not_costly() -> bool:
    return not costly_request()


def too_many_requests(exc: RateLimitExceeded) -> tuple[Response | str, int, dict[str, str]]:
    """429 with ``Retry-After`` (seconds until the client's window resets), Spanish text."""
    from flask import current_app

    from search_app.errors import error_response

    limiter: Limiter | None = current_app.extensions.get(EXTENSION_KEY)
    current = limiter.current_limit if limiter is not None else None
    wait = max(1, math.ceil(current.window[0] - time.time())) if current is not None else 60
    body, status = error_response(
        429, f"Demasiadas solicitudes desde su dirección. Espere {wait} segundos y vuelva a "
        "intentarlo.", retry_after=wait)
    return body, status, {"Retry-After": str(wait)}


def init_app(app: Flask) -> None:
    """Install ProxyFix (when set) and the rate limits of the three route groups."""
    hops = int(app.config.get("PROXY_FIX_HOPS") or 0)
    if hops > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops,  # type: ignore[method-assign]
                                x_host=hops)
    limiter = Limiter(
        get_remote_address,
        storage_uri=str(app.config["RATE_LIMIT_STORAGE_URI"]),
        strategy="fixed-window",
        headers_enabled=False,  # Retry-After only on 429 (too_many_requests)
        swallow_errors=True,  # a storage failure must not fail the search: logged, let through
        enabled=_enabled(app.config),
    )
    from search_app.views import api, documents, exports, pages, stats

    blueprints = {bp.name: bp for bp in (api.bp, documents.bp, exports.bp, pages.bp, stats.bp)}
    for scope, (setting, names) in GROUPS.items():
        value = str(app.config[setting])
        for name in names:
            limiter.shared_limit(value, scope=scope)(blueprints[name])
    for name in COSTLY_BLUEPRINTS:
        limiter.shared_limit(str(app.config["RATE_LIMIT_COSTLY"]), scope=COSTLY_SCOPE,
                             exempt_when=_not_costly)(blueprints[name])
    limiter.init_app(app)
    app.extensions[EXTENSION_KEY] = limiter
    app.register_error_handler(RateLimitExceeded, too_many_requests)
