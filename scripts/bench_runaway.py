"""Runaway-query isolation on 127.0.0.1: does one client sending the most expensive requests
the limits allow slow down everyone else?

For each server (waitress: one process with threads; gunicorn: ``--workers`` processes) it
starts ``precedentes serve`` on a free local port, runs NORMAL clients (realistic queries on
the page and the API, a think time between requests) for a baseline, then the same clients
again while one RUNAWAY client sends, without pause, the costliest requests the limits let
through (64 wildcard terms, the deepest page allowed, 100 hits with snippets, every document
with facets, full exports). It prints the normal clients' p50/p99 in both phases, their ratio
(target: p99 within 2× of the baseline), and what the runaway client got (200/429/503…).

    python scripts/bench_runaway.py --index var/index [--servers waitress,gunicorn]
        [--clients 20] [--seconds 30] [--rate-limit on|off]

Each simulated client has its own address (``X-Forwarded-For`` with ``PROXY_FIX_HOPS=1``), so
with ``--rate-limit on`` the per-client limits apply as they would to real users; ``off``
measures the time budget and query limits alone (the harder case).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

from scripts import bench_http

NORMAL_QUERIES: tuple[str, ...] = (
    "información reservada", "versión pública", "inexistencia", "datos personales",
    '"prueba de daño"', "sujeto obligado ayuntamiento", "remuneraciones OR nómina",
    "incompetencia -sobresee", "ampliación de plazo", "revoca", "obra pública", "reserv*",
)
NORMAL_EXTRAS: tuple[str, ...] = ("", "&garante=IVAI", "&sort=date", "&doc_type=resolucion",
                                  "&page=2")
# three-letter prefixes of frequent words in the corpus: each expands to many index terms
_PREFIX_WORDS = (
    "inf pub res sol rec acc dat per tra obl suj ord man ent doc art ley fra seg ter con com "
    "pro pre par dis des est exp fun gen cum ins int jur lab mod mun nac not pod pri reg rel "
    "rep req rev sen ser sig tit uni val ver vig adm ayu cau cla cri dec def der"
)
PREFIXES: tuple[str, ...] = tuple(_PREFIX_WORDS.split())


def wildcards(n: int) -> str:
    return " OR ".join(p + "*" for p in PREFIXES[:n])


def calibrate(base: str, max_terms: int) -> tuple[int, int]:
    """The most wildcard terms the served limits accept (``MAX_QUERY_TERMS`` and
    ``MAX_QUERY_EXPANSIONS`` both apply), by a binary search with cheap requests, and the
    number of documents they match (so that the deep pages asked for are not empty)."""
    low, high, total = 0, min(max_terms, len(PREFIXES)), 0
    while low < high:
        mid = (low + high + 1) // 2
        url = (f"{base}/api/v1/search?q={urllib.parse.quote(wildcards(mid))}"
               "&page_size=1&facets=0&snippets=0")
        request = urllib.request.Request(url, headers={"X-Forwarded-For": "10.9.9.9"})
        try:
            with urllib.request.urlopen(request, timeout=120) as resp:
                total = max(total, int(json.loads(resp.read()).get("total", 0)))
                refused = False
        except urllib.error.HTTPError as exc:
            body = json.loads(exc.read() or b"{}")
            refused = exc.code == 400 and body.get("kind") in ("demasiado_compleja", "sintaxis")
        low, high = (low, mid - 1) if refused else (mid, high)
    return max(1, low), total


def _runaway_paths(max_terms: int, max_page: int, matches: int = 10_000) -> list[str]:
    """The costliest requests: ``max_page`` is the served MAX_PAGE; the deep pages go as far
    as the limits allow while still within the ``matches`` of the wildcard query."""
    wild = wildcards(max_terms)
    page20 = max(1, min(max_page, -(-matches // 20)))
    page100 = max(1, min(max_page * 20 // 100, -(-matches // 100)))
    phrases = " OR ".join(f'"{a} {b}"' for a, b in zip(
        ("información", "datos", "versión", "sujeto", "recurso", "acceso", "prueba", "obra"),
        ("pública", "personales", "pública", "obligado", "revisión", "información", "daño",
         "pública"), strict=True))
    q = urllib.parse.quote
    return [
        f"/api/v1/search?q={q(wild)}&page_size=100",
        f"/buscar?q={q(wild)}&sort=date&page={page20}",
        f"/api/v1/search?q={q(wild)}&page={page100}&page_size=100",
        "/api/v1/search?page_size=100",  # every document, facets over all of them
        f"/api/v1/search?q={q(phrases)}&page_size=100",
        f"/buscar.csv?q={q(wild)}",  # a full export (EXPORT_CAP rows)
    ]


def fetch(url: str, client: int) -> tuple[float, int]:
    """(milliseconds, status) of one GET as client number ``client`` (its own address through
    ``X-Forwarded-For``, which the server trusts with PROXY_FIX_HOPS=1); 0 when no answer."""
    address = f"10.0.{client // 250}.{client % 250 + 1}"
    return bench_http.fetch(url, timeout=120, headers={"X-Forwarded-For": address})


class Phase:
    """Clients running until ``stop`` is set; latencies recorded while ``recording``."""

    def __init__(self, think: tuple[float, float] = (1.0, 3.0), backoff: float = 0.0) -> None:
        self.think = think
        self.backoff = backoff  # seconds the runaway client waits after a 429 (0: it does not)
        self.stop = threading.Event()
        self.recording = threading.Event()
        self.normal: list[float] = []
        self.normal_status: Counter[int] = Counter()
        self.runaway: Counter[int] = Counter()
        self.runaway_ms: list[float] = []
        self.lock = threading.Lock()

    def normal_client(self, base: str, client: int, seed: int) -> None:
        rnd = random.Random(seed)
        while not self.stop.is_set():
            path = rnd.choice(("/buscar", "/api/v1/search"))
            query = urllib.parse.quote(rnd.choice(NORMAL_QUERIES))
            ms, status = fetch(f"{base}{path}?q={query}{rnd.choice(NORMAL_EXTRAS)}", client)
            if self.recording.is_set():
                with self.lock:
                    self.normal.append(ms)
                    self.normal_status[status] += 1
            self.stop.wait(rnd.uniform(*self.think))  # a person reading the results

    def runaway_client(self, base: str, paths: list[str], client: int) -> None:
        i = 0
        while not self.stop.is_set():
            ms, status = fetch(base + paths[i % len(paths)], client)
            i += 1
            if self.recording.is_set():
                with self.lock:
                    self.runaway[status] += 1
                    self.runaway_ms.append(ms)
            if status == 429 and self.backoff:
                self.stop.wait(self.backoff)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p * len(ordered)))] if ordered else float("nan")


def run_phase(base: str, clients: int, seconds: float, runaway: list[str] | None,
              warmup: float, think: tuple[float, float], backoff: float = 0.0) -> Phase:
    phase = Phase(think, backoff)
    threads = [threading.Thread(target=phase.normal_client, args=(base, c, c), daemon=True)
               for c in range(clients)]
    if runaway:
        threads.append(threading.Thread(target=phase.runaway_client,
                                        args=(base, runaway, 999), daemon=True))
    for t in threads:
        t.start()
    time.sleep(warmup)
    phase.recording.set()
    time.sleep(seconds)
    phase.recording.clear()
    phase.stop.set()
    for t in threads:
        t.join(150)
    return phase


def serve(index: Path, workers: int, threads: int, rate_limit: bool, store: Path
          ) -> tuple[subprocess.Popen[bytes], str]:
    """waitress through ``precedentes serve`` (workers 0), else gunicorn itself, so that its
    threads per worker can be chosen (``precedentes serve --workers`` uses 4)."""
    port = bench_http.free_port()
    if workers:
        cmd = [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers",
               str(workers), "--worker-class", "gthread", "--threads", str(threads),
               "--timeout", "120", "search_app:create_app()"]
    else:
        cmd = [sys.executable, "-m", "scripts.cli", "serve", "--index", str(index), "--port",
               str(port)]
    env = {**os.environ, "PRECEDENTES_INDEX_DIR": str(index.resolve()),
           "PRECEDENTES_PROXY_FIX_HOPS": "1",
           "PRECEDENTES_RATE_LIMIT_ENABLED": "true" if rate_limit else "false",
           "PRECEDENTES_RATE_LIMIT_STORAGE_URI": f"sqlite:///{store}"}
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    bench_http.wait_ready(base, proc, 180)
    return proc, base


def report(label: str, base_phase: Phase, run_phase_: Phase) -> bool:
    b50, b99 = statistics.median(base_phase.normal), percentile(base_phase.normal, 0.99)
    r50, r99 = statistics.median(run_phase_.normal), percentile(run_phase_.normal, 0.99)
    ratio = r99 / b99 if b99 else float("nan")
    def statuses(phase: Phase) -> str:
        return ", ".join(f"{s}: {n}" for s, n in sorted(phase.normal_status.items()))

    print(f"{label:<22} base p50/p99 {b50:7.1f}/{b99:7.1f} ms  "
          f"con desbocado {r50:7.1f}/{r99:7.1f} ms  p99 ×{ratio:.2f}")
    print(f"{'':<22} normales: base ({statuses(base_phase)}); con desbocado "
          f"({statuses(run_phase_)}); carga del sistema {os.getloadavg()[0]:.1f}")
    runaway = ", ".join(f"{s}: {n}" for s, n in sorted(run_phase_.runaway.items()))
    slow = percentile(run_phase_.runaway_ms, 0.5)
    print(f"{'':<22} desbocado: {sum(run_phase_.runaway.values())} sol. ({runaway}); "
          f"mediana {slow:.0f} ms")
    return ratio <= 2.0


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", type=Path, default=Path("var/index"))
    parser.add_argument("--servers", default="waitress,gunicorn")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers.")
    parser.add_argument("--threads", type=int, default=4, help="gunicorn threads per worker.")
    parser.add_argument("--think", type=float, nargs=2, default=(1.0, 3.0),
                        help="Normal clients' pause between requests, seconds (min max).")
    parser.add_argument("--clients", type=int, default=20, help="Normal clients.")
    parser.add_argument("--seconds", type=float, default=30.0, help="Recorded time per phase.")
    parser.add_argument("--warmup", type=float, default=5.0)
    parser.add_argument("--rate-limit", choices=("on", "off"), default="on")
    parser.add_argument("--max-terms", type=int, default=64, help="MAX_QUERY_TERMS served.")
    parser.add_argument("--max-page", type=int, default=500, help="MAX_PAGE served.")
    parser.add_argument("--backoff", type=float, default=0.0,
                        help="Seconds the runaway client waits after a 429 (0: it floods the "
                        "server with requests however it is answered).")
    args = parser.parse_args(argv)
    if not 1 <= args.clients <= 50 or not 1 <= args.seconds <= 600:
        sys.exit("--clients 1..50 y --seconds 1..600: la prueba es acotada")
    if not (args.index / "manifest.json").exists():
        sys.exit(f"no hay índice en {args.index}: constrúyalo con «precedentes serve --index "
                 f"{args.index}» o «precedentes index»")
    engine = json.loads((args.index / "manifest.json").read_text(encoding="utf-8")).get(
        "engine", "whoosh")
    print(f"{args.clients} clientes normales (pausa {args.think[0]:g}–{args.think[1]:g} s), "
          f"{args.seconds:.0f} s por fase, límite por cliente {args.rate_limit}; motor {engine}, "
          f"índice {args.index}; carga del sistema {os.getloadavg()[0]:.1f}; el desbocado "
          + (f"espera {args.backoff:g} s tras un 429" if args.backoff else "no espera tras un 429"))
    passed = True
    for name in [s.strip() for s in args.servers.split(",") if s.strip()]:
        workers = args.workers if name == "gunicorn" else 0
        with tempfile.TemporaryDirectory(prefix="runaway-") as tmp:
            proc, base = serve(args.index, workers, args.threads, args.rate_limit == "on",
                               Path(tmp) / "rl.sqlite")
            try:
                terms, matches = calibrate(base, args.max_terms)
                paths = _runaway_paths(terms, args.max_page, matches)
                print(f"desbocado: {terms} comodines (lo más que aceptan los límites), "
                      f"{matches} coincidencias")
                think = (args.think[0], args.think[1])
                baseline = run_phase(base, args.clients, args.seconds, None, args.warmup, think)
                stressed = run_phase(base, args.clients, args.seconds, paths, args.warmup, think,
                                     args.backoff)
            finally:
                proc.terminate()
                proc.wait(30)
        label = f"gunicorn {workers}×{args.threads}" if workers else "waitress (8 hilos)"
        passed = report(label, baseline, stressed) and passed
    print("objetivo (p99 ≤ 2× la base):", "cumplido" if passed else "NO cumplido")


if __name__ == "__main__":
    main()
