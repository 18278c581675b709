"""Helpers of the HTTP benchmarks (``bench_web``, ``bench_load``): a free local port, one timed
GET, percentiles, and ``local_server``, which starts ``precedentes serve`` on 127.0.0.1 (waitress,
or gunicorn with ``workers``) and stops it at the end.

A benchmark measures the search, not the rate limiter: the server it starts runs with
``PRECEDENTES_RATE_LIMIT_ENABLED=false`` unless the caller asks otherwise (a rate limit of
60 requests a minute per client would turn a load test into a 429 test).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import ExitStack, contextmanager
from pathlib import Path

READY_PATH = "/api/v1/openapi.json"
NO_RATE_LIMIT: dict[str, str] = {"PRECEDENTES_RATE_LIMIT_ENABLED": "false"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def fetch(url: str, timeout: float = 60,
          headers: Mapping[str, str] | None = None) -> tuple[float, int]:
    """GET ``url``, read the whole body: (milliseconds, status); status 0 when no answer."""
    request = urllib.request.Request(url, headers=dict(headers or {}))
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as resp:
            resp.read()
            status = resp.status
    except urllib.error.HTTPError as exc:
        exc.read()
        status = exc.code
    except OSError:
        status = 0
    return (time.perf_counter() - start) * 1000, status


def percentile(sorted_values: list[float], q: float) -> float:
    """The ``q`` quantile (0..1) of already sorted values, nearest rank; 0 when empty."""
    if not sorted_values:
        return 0.0
    return sorted_values[min(len(sorted_values) - 1, int(q * len(sorted_values)))]


def check_local(url: str) -> str:
    """``url`` without its trailing slash; exits when it is not on 127.0.0.1."""
    base = url.rstrip("/")
    if urllib.parse.urlsplit(base).hostname != "127.0.0.1":
        sys.exit("sólo se mide contra 127.0.0.1")
    return base


def wait_ready(base: str, proc: subprocess.Popen[bytes], timeout: float) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if proc.poll() is not None:
            sys.exit(f"el servidor terminó (código {proc.returncode})")
        try:
            with urllib.request.urlopen(base + READY_PATH, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    sys.exit("el servidor no respondió a tiempo")


@contextmanager
def local_server(index: Path, workers: int = 0, env: Mapping[str, str] | None = None,
                 log: Path | None = None) -> Iterator[str]:
    """``precedentes serve --index`` on a free 127.0.0.1 port (gunicorn when ``workers``,
    else waitress); yields its base URL and stops it afterwards. ``env`` is added to the
    environment (by default the rate limit is switched off, see the module docstring)."""
    if not (index / "manifest.json").exists():
        sys.exit(f"no hay índice en {index}: ejecute antes «precedentes serve --index {index}» "
                 "(lo construye) o indique --url")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    cmd = [sys.executable, "-m", "scripts.cli", "serve", "--index", str(index), "--port", str(port)]
    if workers:
        cmd += ["--workers", str(workers)]
    full_env = {**os.environ, **(NO_RATE_LIMIT if env is None else env)}
    with ExitStack() as stack:
        out = stack.enter_context(open(log, "ab")) if log else subprocess.DEVNULL
        proc = subprocess.Popen(cmd, stdout=out, stderr=out, env=full_env)
        try:
            wait_ready(base, proc, 120)
            yield base
        finally:
            proc.terminate()
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(10)
