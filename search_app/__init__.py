"""The web application: public search, advanced search, documents, JSON API, exports, feeds
and statistics, over the engine interface of ``indexer``.

``create_app(test_config=None)`` is the factory (Flask's flaskr pattern): defaults from the
settings table, then ``instance/config.py``, then ``PRECEDENTES_*`` environment variables,
then ``test_config``. The engine lives in ``app.extensions``, opened once per process.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask

from search_app import admin, errors, limits, ratelimit, security, settings, state
from search_app.templating import init_templating


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app. ``test_config`` overrides every other source of settings."""
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(settings.defaults())
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
        app.config.from_prefixed_env("PRECEDENTES")
    else:
        app.config.from_mapping(test_config)
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.json.sort_keys = False  # type: ignore[attr-defined]

    state.init_app(app)
    limits.init_app(app)
    ratelimit.init_app(app)
    init_templating(app)
    security.init_app(app)
    errors.init_app(app)
    admin.init_app(app)  # staff area: secret key, CSRF on every POST, /admin

    from search_app.views import api, documents, exports, pages, stats

    app.register_blueprint(pages.bp)
    app.register_blueprint(documents.bp)
    app.register_blueprint(exports.bp)
    app.register_blueprint(stats.bp)
    app.register_blueprint(api.bp, url_prefix="/api/v1")
    return app
