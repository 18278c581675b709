"""One writer and eight readers on the same index, for minutes: no reader error, no lock
error reaching a reader.

    python scripts/soak_concurrency.py [--minutes 3] [--engine both|whoosh|tantivy] [--records 300]

Per engine (``both``: one after the other, ``--minutes`` each): an index of sample records;
a writer process looping over incremental updates (new versions of some records, additions)
and deletions, each a durable commit; the web app served by ``precedentes serve`` on
127.0.0.1; and eight readers: two threads and two processes searching and fetching through
the engine (one engine object shared by the threads, as the web app does), and two threads
and two processes doing the same through HTTP (the search page, the JSON API with facets,
document pages). A reader error is any exception, any HTTP status other than 200 (404 for a
document the writer just deleted is fine), or a lock error. Prints searches/s, p50/p95 per
kind, commits, and the errors (must be 0).
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

QUERIES = ("información reservada", "versión pública", "inexistencia", "datos personales",
           '"prueba de daño"', "ayuntamiento", "remuneraciones OR nómina", "revoca",
           "incompetencia -sobresee", "", "obra pública", "edición")
FILTERS = ((), (("doc_type", "resolucion"),), (("garante", "IVAI"),), (("sentido", "revoca"),))
LOCK_WORDS = ("lock", "bloquead")


@dataclass
class ReaderReport:
    """What one reader did (plain data: it crosses process boundaries)."""

    name: str
    searches: int = 0
    fetches: int = 0
    search_ms: list[float] = field(default_factory=list)
    fetch_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    error_count: int = 0
    lock_errors: int = 0

    def error(self, text: str) -> None:
        self.error_count += 1
        if any(w in text.lower() for w in LOCK_WORDS):
            self.lock_errors += 1
        if len(self.errors) < 5:
            self.errors.append(text[:300])


# -- readers -------------------------------------------------------------------------------


def _engine_reader(report: ReaderReport, engine: Any, ids: list[str], deadline: float, seed: int) -> None:
    from indexer.engine import SearchParams

    rng = random.Random(seed)
    while time.monotonic() < deadline:
        try:
            t = time.perf_counter()
            if rng.random() < 0.7:
                engine.search(SearchParams(q=rng.choice(QUERIES), filters=rng.choice(FILTERS),
                                           page=rng.choice((1, 1, 2))))
                report.searches += 1
                report.search_ms.append((time.perf_counter() - t) * 1000)
            else:
                engine.get(rng.choice(ids))  # None when the writer deleted it: fine
                report.fetches += 1
                report.fetch_ms.append((time.perf_counter() - t) * 1000)
        except Exception as exc:
            report.error(f"{exc.__class__.__name__}: {exc}")


def open_reader(index_dir: str | Path) -> Any:
    """An engine for readers, without the per-search time budget: the soak looks for errors
    of concurrency, not for load shedding on a busy machine (that is bench_runaway's)."""
    from indexer import open_engine
    from indexer.budget import SearchSettings

    engine: Any = open_engine(index_dir)
    configure = getattr(engine, "configure", None)
    if configure is not None:
        configure(SearchSettings(time_budget_ms=0))
    return engine


def _http_get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=60) as resp:
            resp.read()
            return int(resp.status)
    except urllib.error.HTTPError as exc:
        exc.read()
        return int(exc.code)


def _http_reader(report: ReaderReport, base: str, ids: list[str], deadline: float, seed: int) -> None:
    rng = random.Random(seed)
    while time.monotonic() < deadline:
        t = time.perf_counter()
        is_search = rng.random() < 0.7
        if is_search:
            params = [("q", rng.choice(QUERIES)), *rng.choice(FILTERS)]
            path = rng.choice(("/buscar", "/api/v1/search"))
            url = f"{base}{path}?{urllib.parse.urlencode(params)}"
            ok: tuple[int, ...] = (200,)
        else:
            doc_id = urllib.parse.quote(rng.choice(ids), safe="")
            url = f"{base}{rng.choice(('/documentos/', '/api/v1/documents/'))}{doc_id}"
            ok = (200, 404)  # 404: the writer deleted it
        try:
            status = _http_get(url)
        except OSError as exc:
            report.error(f"{url}: {exc}")
            continue
        ms = (time.perf_counter() - t) * 1000
        if status not in ok:
            report.error(f"{url}: HTTP {status}")
        elif is_search:
            report.searches += 1
            report.search_ms.append(ms)
        else:
            report.fetches += 1
            report.fetch_ms.append(ms)


def reader_process(kind: str, index_dir: str, base: str, ids: list[str], seconds: float,
                   seed: int, queue: Any) -> None:
    """A reader in its own process (engine opened here, or HTTP); puts its report."""
    report = ReaderReport(f"{kind}-proceso-{seed}")
    deadline = time.monotonic() + seconds
    try:
        if kind == "engine":
            engine = open_reader(index_dir)
            _engine_reader(report, engine, ids, deadline, seed)
            engine.close()
        else:
            _http_reader(report, base, ids, deadline, seed)
    except Exception as exc:
        report.error(f"{exc.__class__.__name__}: {exc}")
    queue.put(report)


# -- the writer ----------------------------------------------------------------------------


def writer_process(index_dir: str, records: list[Any], seconds: float, seed: int, queue: Any) -> None:
    """Loop: replace a few records with a new version, add a few, delete a few; each
    ``update``/``delete`` is a durable commit. Puts (commits, docs written, errors)."""
    import dataclasses

    from indexer import open_engine

    rng = random.Random(seed)
    engine: Any = open_engine(index_dir)
    live = {r.id for r in records[: len(records) * 3 // 4]}
    by_id = {r.id: r for r in records}
    commits, written, errors = 0, 0, []
    deadline = time.monotonic() + seconds
    version = 1
    while time.monotonic() < deadline:
        version += 1
        try:
            changed = rng.sample(sorted(live), min(8, len(live)))
            spare = sorted(set(by_id) - live)
            added = rng.sample(spare, min(3, len(spare)))
            batch = [dataclasses.replace(by_id[d], text=by_id[d].text + f"\nedición {version}")
                     for d in changed + added]
            report = engine.update(batch, batch_size=5)
            written += report.added + report.replaced
            commits += 2
            live.update(added)
            gone = rng.sample(sorted(live), min(3, len(live)))
            engine.delete(gone)
            commits += 1
            live.difference_update(gone)
        except Exception as exc:
            errors.append(f"{exc.__class__.__name__}: {exc}"[:300])
            time.sleep(0.2)
    engine.close()
    queue.put(("writer", commits, written, errors))


# -- the run -------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start_server(index_dir: Path, work: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PRECEDENTES_RATE_LIMIT_ENABLED": "false",
           "PRECEDENTES_SEARCH_TIME_BUDGET_MS": "0",
           "PRECEDENTES_RATE_LIMIT_STORAGE_URI": "memory://"}
    with open(work / f"serve-{port}.log", "wb") as log:  # the child keeps its own descriptor
        proc = subprocess.Popen(
            [sys.executable, "-m", "scripts.cli", "serve", "--index", str(index_dir), "--port",
             str(port), "--sample-files", "0", "--sample-records", "0"],
            cwd=work, stdout=log, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if _http_get(f"{base}/api/v1/search?q=informaci%C3%B3n") == 200:
                return proc, base
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError(f"the web app did not start (see {work})")


def build_index(index_dir: Path, engine: str, count: int, seed: int) -> list[Any]:
    from corpus.sample.generate import iter_records
    from indexer import open_engine

    records: dict[str, Any] = {}
    for r in iter_records(count, seed):
        records.setdefault(r.id, r)
    ordered = list(records.values())
    ix: Any = open_engine(index_dir, engine=engine, create=True)
    ix.update(ordered[: len(ordered) * 3 // 4])
    ix.close()
    return ordered


def soak(engine_name: str, work: Path, *, seconds: float, records: int, seed: int,
         http: bool = True) -> dict[str, Any]:
    """One engine's soak; returns its figures (see ``report_lines``)."""
    index_dir = work / f"ix-{engine_name}"
    docs = build_index(index_dir, engine_name, records, seed)
    ids = [r.id for r in docs]
    server = None
    base = ""
    if http:
        server, base = _start_server(index_dir, work)
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    procs = [ctx.Process(target=writer_process, args=(str(index_dir), docs, seconds, seed, queue))]
    kinds = ["engine", "engine"] + (["http", "http"] if http else ["engine", "engine"])
    procs += [ctx.Process(target=reader_process,
                          args=(k, str(index_dir), base, ids, seconds, seed + i, queue))
              for i, k in enumerate(kinds)]
    for p in procs:
        p.start()
    shared = open_reader(index_dir)  # one engine object for the engine threads
    deadline = time.monotonic() + seconds
    thread_reports = [ReaderReport(f"{k}-hilo-{i}") for i, k in enumerate(kinds)]
    threads = [threading.Thread(target=_engine_reader if k == "engine" else _http_reader,
                                args=(rep, shared if k == "engine" else base, ids, deadline, seed + 10 + i))
               for i, (k, rep) in enumerate(zip(kinds, thread_reports, strict=True))]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    results = [queue.get(timeout=seconds + 300) for _ in procs]
    for p in procs:
        p.join(timeout=60)
    elapsed = time.monotonic() - started
    shared.close()
    if server is not None:
        server.terminate()
        server.wait(timeout=30)
    writer = next(r for r in results if isinstance(r, tuple))
    readers = thread_reports + [r for r in results if isinstance(r, ReaderReport)]
    return {"engine": engine_name, "elapsed": elapsed, "writer": writer, "readers": readers}


def _pct(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q / 100 * len(ordered)))]


def report_lines(run: dict[str, Any]) -> list[str]:
    _, commits, written, werrors = run["writer"]
    readers: list[ReaderReport] = run["readers"]
    out = [f"{run['engine']}: {run['elapsed']:.0f} s; writer: {commits} commits, {written} "
           f"documents written, {len(werrors)} writer errors"]
    for kind in ("engine", "http"):
        group = [r for r in readers if r.name.startswith(kind)]
        if not group:
            continue
        s_ms = [x for r in group for x in r.search_ms]
        f_ms = [x for r in group for x in r.fetch_ms]
        out.append(f"  {kind:6} readers {len(group)}: {len(s_ms) / run['elapsed']:.1f} searches/s "
                   f"p50 {_pct(s_ms, 50):.0f} / p95 {_pct(s_ms, 95):.0f} ms; {len(f_ms)} fetches "
                   f"p95 {_pct(f_ms, 95):.0f} ms; errors {sum(r.error_count for r in group)} "
                   f"(lock {sum(r.lock_errors for r in group)})")
    for r in readers:
        for e in r.errors:
            out.append(f"  ERROR {r.name}: {e}")
    for e in werrors[:5]:
        out.append(f"  WRITER ERROR: {e}")
    return out


def reader_errors(run: dict[str, Any]) -> int:
    return sum(r.error_count for r in run["readers"])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--minutes", type=float, default=3.0, help="per engine (default 3)")
    ap.add_argument("--engine", choices=("both", "whoosh", "tantivy"), default="both")
    ap.add_argument("--records", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-http", action="store_true", help="engine readers only (no web app)")
    args = ap.parse_args(argv)
    engines = ("whoosh", "tantivy") if args.engine == "both" else (args.engine,)
    failed = False
    with tempfile.TemporaryDirectory(prefix="soak_") as tmp:
        for name in engines:
            run = soak(name, Path(tmp), seconds=args.minutes * 60, records=args.records,
                       seed=args.seed, http=not args.no_http)
            print("\n".join(report_lines(run)), flush=True)
            failed |= reader_errors(run) > 0 or bool(run["writer"][3])
    print("reader errors: 0" if not failed else "FAILED: errors above")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
