"""Several processes opening a new SQLite store at once (gunicorn workers starting): none
fails with "database is locked" while switching it to WAL. Before enable_wal, 7 of 30 trials
of 8 processes had a failure."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

import pytest


def _open_rate_store(path: str) -> str:
    from search_app.ratelimit import SQLiteStorage

    try:
        SQLiteStorage(f"sqlite:///{path}").incr("k", 60)
    except Exception as exc:  # reported to the parent, which asserts on it
        return repr(exc)
    return "ok"


def _open_staff_db(path: str) -> str:
    from search_app.admin import db

    try:
        db.connect(path).close()
    except Exception as exc:
        return repr(exc)
    return "ok"


@pytest.mark.parametrize("opener", [_open_rate_store, _open_staff_db])
def test_new_store_opened_by_eight_processes_at_once(tmp_path: Path,
                                                     opener: Callable[[str], str]) -> None:
    with ProcessPoolExecutor(8, mp_context=get_context("fork")) as pool:
        for trial in range(10):
            path = str(tmp_path / f"store-{trial}.sqlite")
            outcomes = list(pool.map(opener, [path] * 8))
            assert outcomes == ["ok"] * 8, outcomes
