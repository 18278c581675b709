"""Bounded load check of the web app on 127.0.0.1: a fixed number of requests from a few
concurrent clients, for the search page and the JSON API; prints requests/s and p50/p99.

    python scripts/bench_web.py --index var/index [--workers 2] [--requests 300]
    python scripts/bench_web.py --url http://127.0.0.1:8000      # an app already served

Without --url it starts ``precedentes serve`` (gunicorn with --workers, else the threaded
server) on a free local port and stops it at the end. Only 127.0.0.1 is accepted.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

QUERIES: tuple[str, ...] = (
    "información reservada", "versión pública", "inexistencia", "datos personales",
    '"prueba de daño"', "sujeto obligado ayuntamiento", "remuneraciones OR nómina",
    "incompetencia -sobresee", "ampliación de plazo", "revoca", "", "obra pública",
)
FILTERS: tuple[str, ...] = ("", "&garante=IVAI", "&sort=date", "&doc_type=resolucion", "&page=2")
ENDPOINTS: dict[str, str] = {"página /buscar": "/buscar", "API /api/v1/search": "/api/v1/search"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def urls(base: str, path: str, n: int) -> list[str]:
    out = []
    for i in range(n):
        q = urllib.parse.quote(QUERIES[i % len(QUERIES)])
        out.append(f"{base}{path}?q={q}{FILTERS[(i // len(QUERIES)) % len(FILTERS)]}")
    return out


def fetch(url: str) -> tuple[float, int]:
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=60) as resp:
            resp.read()
            status = resp.status
    except urllib.error.HTTPError as exc:
        status = exc.code
    except OSError:
        status = 0
    return (time.perf_counter() - start) * 1000, status


def run(base: str, path: str, requests: int, concurrency: int) -> dict[str, float]:
    targets = urls(base, path, requests)
    for url in targets[: len(QUERIES)]:  # warm-up: one of each query, not counted
        fetch(url)
    start = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        results = list(pool.map(fetch, targets))
    elapsed = time.perf_counter() - start
    times = sorted(ms for ms, _ in results)
    errors = sum(1 for _, status in results if status != 200)
    return {"rps": requests / elapsed, "p50": statistics.median(times),
            "p99": times[min(len(times) - 1, int(0.99 * len(times)))], "errors": errors}


def wait_ready(base: str, proc: subprocess.Popen[bytes], timeout: float) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if proc.poll() is not None:
            sys.exit(f"el servidor terminó (código {proc.returncode})")
        try:
            with urllib.request.urlopen(base + "/api/v1/openapi.json", timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    sys.exit("el servidor no respondió a tiempo")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="Base URL of an app already served on 127.0.0.1.")
    parser.add_argument("--index", type=Path, default=Path("var/index"))
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (0: threaded).")
    parser.add_argument("--requests", type=int, default=300, help="Requests per endpoint.")
    parser.add_argument("--concurrency", type=int, default=4)
    args = parser.parse_args(argv)
    if not 1 <= args.requests <= 5000 or not 1 <= args.concurrency <= 16:
        sys.exit("--requests 1..5000 y --concurrency 1..16: la prueba es acotada")
    proc = None
    if args.url:
        base = args.url.rstrip("/")
        if urllib.parse.urlsplit(base).hostname != "127.0.0.1":
            sys.exit("sólo se mide contra 127.0.0.1")
    else:
        if not (args.index / "manifest.json").exists():
            sys.exit(f"no hay índice en {args.index}: ejecute antes «precedentes serve --index "
                     f"{args.index}» (lo construye) o indique --url")
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        cmd = [sys.executable, "-m", "scripts.cli", "serve", "--index", str(args.index),
               "--port", str(port)]
        if args.workers:
            cmd += ["--workers", str(args.workers)]
        # one local client stands for many: the per-client rate limit would answer 429
        env = {**os.environ, "PRECEDENTES_RATE_LIMIT_ENABLED": "false"}
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                env=env)
        wait_ready(base, proc, 120)
    try:
        server = f"gunicorn ×{args.workers}" if (proc and args.workers) else (
            "servidor con hilos" if proc else base)
        print(f"{args.requests} solicitudes por destino, {args.concurrency} clientes, {server}")
        print(f"{'destino':<22} {'sol/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errores':>8}")
        for label, path in ENDPOINTS.items():
            r = run(base, path, args.requests, args.concurrency)
            print(f"{label:<22} {r['rps']:>8.1f} {r['p50']:>8.1f} {r['p99']:>8.1f} "
                  f"{int(r['errors']):>8}")
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(30)


if __name__ == "__main__":
    main()
