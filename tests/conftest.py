"""Shared fixtures. Tests that read ../shared skip, saying why, when it is absent."""

from __future__ import annotations

import os

# One BLAS thread, as the CLI sets it (see scripts/cli.py); before numpy is imported.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("PRECEDENTES_SHARED", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The ../shared folder beside the clone (real documents); skip when it is absent."""
    if not (SHARED / "corpus" / "real").is_dir():
        pytest.skip(f"../shared is absent ({SHARED}): real-document tests need it beside the clone")
    return SHARED
