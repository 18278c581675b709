"""``precedentes serve``: builds the sample index when there is none, serves an existing one
as is, under waitress (threads) or gunicorn (--workers)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from flask import Flask

from scripts.cli import main


@pytest.fixture()
def served(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Flask, str, int]]:
    """Replace the blocking server by a recorder of what would be served."""
    calls: list[tuple[Flask, str, int]] = []
    monkeypatch.setattr("search_app.server.run_threaded",
                        lambda app, host, port: calls.append((app, host, port)))
    monkeypatch.delenv("PRECEDENTES_INDEX_DIR", raising=False)
    return calls


def test_existing_index_is_served_without_rebuilding(
        web_index: Path, served: list[Any], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("scripts.cmd_serve.build_sample_index",
                        lambda *a: pytest.fail("must not rebuild"))
    result = CliRunner().invoke(main, ["serve", "--index", str(web_index), "--port", "8123"])
    assert result.exit_code == 0, result.output
    app, host, port = served[0]
    assert (host, port) == ("127.0.0.1", 8123)
    assert app.config["INDEX_DIR"] == str(web_index.resolve())
    try:
        resp = app.test_client().get("/api/v1/search?q=reservada")
        assert resp.get_json()["total"] == 5
    finally:
        app.extensions["precedentes"].close()


def test_no_index_and_no_sample_fails_with_a_hint(tmp_path: Path, served: list[Any]) -> None:
    result = CliRunner().invoke(main, ["serve", "--index", str(tmp_path / "nada"),
                                       "--sample-files", "0", "--sample-records", "0"])
    assert result.exit_code == 1
    assert "no hay índice" in result.output and "precedentes index" in result.output
    assert not served


@pytest.mark.slow
def test_no_index_builds_the_sample_corpus_first(tmp_path: Path, served: list[Any]) -> None:
    index = tmp_path / "data" / "index"
    result = CliRunner().invoke(main, ["serve", "--index", str(index), "--sample-files", "0",
                                       "--sample-records", "12"])
    assert result.exit_code == 0, result.output
    assert "se genera el corpus de muestra" in result.output
    assert (tmp_path / "data" / "muestra" / "registros" / "records.jsonl").exists()
    app = served[0][0]
    try:
        client = app.test_client()
        assert client.get("/api/v1/search").get_json()["total"] == 12
        assert "Corpus de muestra." in client.get("/").get_data(as_text=True)
    finally:
        app.extensions["precedentes"].close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.mark.parametrize("extra", [[], ["--workers", "2"]], ids=["waitress", "gunicorn"])
def test_served_on_127_0_0_1(web_index: Path, extra: list[str]) -> None:
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "scripts.cli", "serve", "--index", str(web_index), "--port",
         str(port), *extra], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        body = None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and body is None:
            try:
                with urllib.request.urlopen(
                        f"http://127.0.0.1:{port}/api/v1/search?q=reservada", timeout=5) as r:
                    body = r.read().decode()
            except OSError:
                assert proc.poll() is None, "the server stopped"
                time.sleep(0.3)
        assert body is not None and '"total":5' in body
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=30)
    if extra:
        assert err.count(b"Booting worker") == 2


def test_unreadable_index_fails_with_a_hint(tmp_path: Path, served: list[Any]) -> None:
    index = tmp_path / "index"
    index.mkdir()
    (index / "manifest.json").write_text("{roto", encoding="utf-8")
    result = CliRunner().invoke(main, ["serve", "--index", str(index)])
    assert result.exit_code == 1
    assert "precedentes index --check" in result.output and not served
