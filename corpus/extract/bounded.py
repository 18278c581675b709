"""Extraction in child processes bounded in time and memory.

pdfminer inflates streams with no cap and a hostile file can loop or balloon, so each file is
extracted in a worker process with ``RLIMIT_AS`` set and a wall-clock deadline kept by the
parent. A worker that runs past its deadline is killed and replaced; one that dies (killed by
the kernel, a crash in a C library) costs only the file it was reading. Workers are reused
across files and recycled after a memory error or ``max_tasks_per_worker`` files.

Workers start from a ``forkserver`` (not a plain fork of the caller, which may hold threads
such as a progress bar's) that has the extraction modules preloaded.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import signal
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from corpus.errors import (
    ExtractionCrashError,
    ExtractionMemoryError,
    ExtractionTimeoutError,
    IngestError,
)
from corpus.extract.core import ExtractOptions, extract_with, make_options
from corpus.records import ExtractedText

DEFAULT_TIMEOUT_S = 600.0
DEFAULT_MAX_MEMORY_MB = 2048
Result = ExtractedText | IngestError


def _limit_memory(max_memory_mb: int) -> None:
    import resource

    limit = max_memory_mb * 1024 * 1024
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _worker_main(conn: Connection, max_memory_mb: int) -> None:
    """Worker loop: receive (task id, path, options), send back (task id, result)."""
    import logging

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and kills us
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    if max_memory_mb > 0:
        _limit_memory(max_memory_mb)
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        task_id, path, options = message
        result: Result
        recycle = False
        try:
            result = extract_with(Path(path), options)
        except IngestError as exc:
            result = exc
        except MemoryError:
            result = ExtractionMemoryError(path, f"superó el límite de {max_memory_mb} MB")
            recycle = True
        except RecursionError:
            result = IngestError(path, "estructura anidada en exceso", reason="corrupt")
        except Exception as exc:  # a bug or an exotic failure: report it, keep the batch going
            result = IngestError(path, f"error inesperado: {type(exc).__name__}: {exc}")
        try:
            conn.send((task_id, result))
        except MemoryError:
            conn.send((task_id, ExtractionMemoryError(path, "resultado demasiado grande")))
            recycle = True
        if recycle:
            return


@dataclass
class _Task:
    index: int
    path: Path
    deadline: float


class _Worker:
    """One child process and its end of the pipe."""

    def __init__(self, ctx: Any, max_memory_mb: int) -> None:
        parent_conn, child_conn = ctx.Pipe(duplex=True)
        self.conn: Connection = parent_conn
        self.proc = ctx.Process(target=_worker_main, args=(child_conn, max_memory_mb), daemon=True)
        self.proc.start()
        child_conn.close()
        self.task: _Task | None = None
        self.done = 0

    def send(self, task: _Task, options: ExtractOptions) -> None:
        self.task = task
        self.conn.send((task.index, str(task.path), options))

    def stop(self, *, kill: bool = False) -> None:
        if not kill and self.proc.is_alive():
            with contextlib.suppress(OSError):
                self.conn.send(None)
            self.proc.join(2)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join(5)
        self.conn.close()


def _death_error(path: Path, exitcode: int | None) -> IngestError:
    if exitcode is not None and exitcode < 0:
        sig = -exitcode
        try:
            name = signal.Signals(sig).name
        except ValueError:
            name = str(sig)
        if sig == signal.SIGKILL:
            return ExtractionMemoryError(path, "el sistema terminó el proceso (falta de memoria)")
        return ExtractionCrashError(path, f"señal {name}")
    return ExtractionCrashError(path, f"código de salida {exitcode}")


def _context() -> Any:
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(["corpus.extract.core"])
    return ctx


def extract_many(
    paths: Iterable[str | Path],
    *,
    workers: int = 1,
    timeout_s: float = DEFAULT_TIMEOUT_S,
    max_memory_mb: int = DEFAULT_MAX_MEMORY_MB,
    ordered: bool = True,
    max_tasks_per_worker: int = 200,
    options: ExtractOptions | None = None,
    **extract_kwargs: Any,
) -> Iterator[tuple[Path, Result]]:
    """Extract many files in ``workers`` bounded child processes; yield (path, text or error).

    Every path yields exactly one pair, whatever happens to the others: a file that times out
    (``timeout_s`` of wall clock), exhausts ``max_memory_mb`` of address space or kills its
    worker yields an ``IngestError`` and its worker is replaced. With ``ordered`` the pairs
    come in input order, else as they finish. ``extract_kwargs`` are those of ``extract_file``
    (ocr, ocr_lang, max_pages, max_file_mb, ...), or pass ready ``options``.
    """
    opts = options if options is not None else make_options(**extract_kwargs)
    todo = deque(_Task(i, Path(p), 0.0) for i, p in enumerate(paths))
    total = len(todo)
    if not total:
        return
    ctx = _context()
    pool: list[_Worker] = []
    finished: dict[int, tuple[Path, Result]] = {}  # ordered mode: waiting for earlier ones
    next_out = 0
    done = 0
    try:
        while done < total:
            # hand out work, starting or replacing workers as needed
            while todo:
                idle = next((w for w in pool if w.task is None), None)
                if idle is None:
                    if len(pool) >= max(1, workers):
                        break
                    idle = _Worker(ctx, max_memory_mb)
                    pool.append(idle)
                new_task = todo.popleft()
                new_task.deadline = time.monotonic() + timeout_s
                idle.send(new_task, opts)
            busy = [w for w in pool if w.task is not None]
            if busy:
                now = time.monotonic()
                wait_s = max(0.0, min(w.task.deadline for w in busy if w.task) - now)
                ready = wait([w.conn for w in busy], timeout=wait_s)
                for worker in busy:
                    task = worker.task
                    assert task is not None
                    outcome: Result | None = None
                    retire = False
                    if worker.conn in ready:
                        try:
                            _task_id, outcome = worker.conn.recv()
                        except (EOFError, OSError):
                            worker.proc.join(5)
                            outcome = _death_error(task.path, worker.proc.exitcode)
                            retire = True
                    elif time.monotonic() >= task.deadline:
                        outcome = ExtractionTimeoutError(
                            task.path, f"más de {timeout_s:g} s de extracción"
                        )
                        retire = True
                    if outcome is None:
                        continue
                    worker.task = None
                    worker.done += 1
                    if isinstance(outcome, ExtractionMemoryError):
                        retire = True  # the worker exits after a MemoryError anyway
                    if retire or worker.done >= max_tasks_per_worker:
                        worker.stop(kill=retire)
                        pool.remove(worker)
                    done += 1
                    if ordered:
                        finished[task.index] = (task.path, outcome)
                    else:
                        yield task.path, outcome
            while next_out in finished:
                yield finished.pop(next_out)
                next_out += 1
    finally:
        for worker in pool:
            worker.stop(kill=worker.task is not None)


def extract_bounded(
    path: str | Path,
    *,
    timeout_s: float = DEFAULT_TIMEOUT_S,
    max_memory_mb: int = DEFAULT_MAX_MEMORY_MB,
    **extract_kwargs: Any,
) -> ExtractedText:
    """``extract_file`` in a child process with a wall-clock and an address-space limit.

    Raises the file's ``IngestError`` (reasons "timeout", "memory", "crash" added to those of
    ``extract_file``).
    """
    for _path, result in extract_many(
        [path], workers=1, timeout_s=timeout_s, max_memory_mb=max_memory_mb, **extract_kwargs
    ):
        if isinstance(result, IngestError):
            raise result
        return result
    raise AssertionError("extract_many yielded nothing")  # pragma: no cover
