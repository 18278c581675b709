"""Serving the app: waitress (one process, threads) by default, gunicorn for ``--workers N``.

gunicorn because the search is CPU-bound Python (whoosh): under the GIL, threads of one
process do not add throughput, while pre-forked worker processes use every core; each worker
opens its own engine after the fork (``AppState`` checks the pid), and a later rate limit can
keep its counters per worker or in a shared store. ``gthread`` workers keep a slow client
from holding a whole process.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from flask import Flask


def run_threaded(app: Flask, host: str, port: int, threads: int = 8) -> None:
    """One process with a thread pool (waitress, pure Python): the default for one machine
    and the README's main command; a production server, without Werkzeug's warning."""
    from waitress import serve

    # waitress drops X-Forwarded-* headers by default; behind a declared proxy
    # (PROXY_FIX_HOPS, see search_app.ratelimit) they must reach werkzeug's ProxyFix
    behind_proxy = int(app.config.get("PROXY_FIX_HOPS") or 0) > 0
    serve(app, host=host, port=port, threads=threads, ident="precedentes",
          clear_untrusted_proxy_headers=not behind_proxy)


def run_gunicorn(app_factory: Callable[[], Flask], host: str, port: int, workers: int,
                 threads: int = 4, timeout: int = 60) -> None:
    """Run ``app_factory()`` in ``workers`` gunicorn processes (app built after the fork)."""
    from gunicorn.app.base import BaseApplication

    class _App(BaseApplication):
        def __init__(self, options: Mapping[str, Any]) -> None:
            self.options = dict(options)
            super().__init__()

        def load_config(self) -> None:
            for key, value in self.options.items():
                self.cfg.set(key, value)

        def load(self) -> Flask:
            return app_factory()

    _App({
        "bind": f"{host}:{port}",
        "workers": workers,
        "worker_class": "gthread",
        "threads": threads,
        "timeout": timeout,
        "preload_app": False,
        "accesslog": "-",
        "errorlog": "-",
    }).run()
