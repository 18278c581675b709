"""The per-process resources of the app, kept in ``app.extensions["precedentes"]``.

The engine (and so the index and any model behind it) is opened once per process, on first
use, under a lock; after a fork (gunicorn workers) the child opens its own.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask import Flask, current_app

from indexer.engine import Engine, SearchParams

EXTENSION_KEY = "precedentes"
EngineFactory = Callable[[Path], Engine]

MANIFEST_NAMES = ("manifest.json", "MANIFEST.json")


def _default_factory(index_dir: Path) -> Engine:
    from indexer import open_engine  # imported late: the app starts without an index

    engine: Engine = open_engine(index_dir)
    return engine


@dataclass
class AppState:
    """Lazily opened engine and facts about the index, one per process."""

    index_dir: Path
    factory: EngineFactory
    sample_setting: bool | None = None
    search_settings: Any = None  # indexer.budget.SearchSettings from the app's limit settings
    _engine: Engine | None = None
    _pid: int = 0
    _sample: bool | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)
    # statistics by (SearchParams, index generation): see search_app.views.stats
    stats_cache: dict[Any, Any] = field(default_factory=dict)
    stats_lock: threading.Lock = field(default_factory=threading.Lock)

    def engine(self) -> Engine:
        if self._engine is None or self._pid != os.getpid():
            with self._lock:
                if self._engine is None or self._pid != os.getpid():
                    engine = self.factory(self.index_dir)
                    configure = getattr(engine, "configure", None)
                    if configure is not None and self.search_settings is not None:
                        configure(self.search_settings)
                    self._engine = engine
                    self._pid = os.getpid()
                    self._sample = None
        return self._engine

    def is_sample(self) -> bool:
        """Whether the index holds the generated sample corpus (for the banner)."""
        if self.sample_setting is not None:
            return self.sample_setting
        if self._sample is None:
            self._sample = _manifest_says_sample(self.index_dir) or self._first_hit_is_sample()
        return self._sample

    def _first_hit_is_sample(self) -> bool:
        result = self.engine().search(
            SearchParams(page_size=1, with_facets=False, with_snippets=False)
        )
        return bool(result.hits) and result.hits[0].is_sample

    def close(self) -> None:
        with self._lock:
            if self._engine is not None and self._pid == os.getpid():
                self._engine.close()
            self._engine = None


def _manifest_says_sample(index_dir: Path) -> bool:
    for name in MANIFEST_NAMES:
        path = index_dir / name
        if path.is_file():
            try:
                data: Any = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                return False
            if isinstance(data, dict):
                # the whoosh engine records sample_count / all_sample at each commit
                keys = ("all_sample", "sample_count", "is_sample", "sample")
                return any(bool(data.get(k)) for k in keys)
    return False


def init_app(app: Flask) -> None:
    factory = app.config.get("ENGINE_FACTORY") or _default_factory
    app.extensions[EXTENSION_KEY] = AppState(
        index_dir=Path(app.config["INDEX_DIR"]),
        factory=factory,
        sample_setting=app.config.get("SAMPLE_BANNER"),
    )


def app_state() -> AppState:
    return app_state_of(current_app)


def app_state_of(app: Flask) -> AppState:
    state: AppState = app.extensions[EXTENSION_KEY]
    return state


def get_engine() -> Engine:
    """The process's engine (opened on first use)."""
    return app_state().engine()
