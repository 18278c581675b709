"""Extraction in child processes bounded in time and memory.

pdfminer inflates streams with no cap and a hostile file can loop or balloon, so each file is
extracted in a worker process with ``RLIMIT_AS`` set and a wall-clock deadline kept by the
parent. A worker that runs past its deadline is killed and replaced; one that dies (killed by
the kernel, a crash in a C library) costs only the file it was reading. Workers are reused
across files and recycled after a memory error or ``max_tasks_per_worker`` files.

Workers are plain subprocesses (``python -m corpus.extract.worker``), not forks of the caller
(which may hold threads, such as a progress bar's) nor multiprocessing children (which
re-import the caller's ``__main__``).
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

import corpus
from corpus.errors import (
    ExtractionCrashError,
    ExtractionMemoryError,
    ExtractionTimeoutError,
    IngestError,
)
from corpus.extract.core import ExtractOptions, make_options
from corpus.records import ExtractedText

STARTED = "started"  # what a worker sends when it begins a file, before its result
STARTUP_GRACE_S = 30.0
DEFAULT_TIMEOUT_S = 600.0
DEFAULT_MAX_MEMORY_MB = 2048
Result = ExtractedText | IngestError


@dataclass
class _Task:
    index: int
    path: Path
    deadline: float
    started: float = 0.0


@dataclass(frozen=True)
class FileStats:
    """What one file cost its worker: wall-clock seconds and peak resident memory.

    ``peak_rss_mb`` is the worker's high-water mark over this file (the worker resets it
    before each file); None where ``/proc`` cannot tell (not Linux, or the worker died).
    """

    seconds: float
    peak_rss_mb: float | None


def peak_rss_mb(pid: int) -> float | None:
    """VmHWM of a live process, in MiB (Linux ``/proc``); None when unavailable."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


class _Worker:
    """One worker subprocess and the two pipes to it."""

    def __init__(self, max_memory_mb: int) -> None:
        task_r, task_w = os.pipe()
        result_r, result_w = os.pipe()
        env = dict(os.environ)
        package_root = str(Path(corpus.__file__).resolve().parents[1])
        env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH")) if p)
        try:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "corpus.extract.worker", str(task_r), str(result_w),
                 str(max_memory_mb)],
                pass_fds=(task_r, result_w),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                env=env,
            )  # fmt: skip
        finally:
            os.close(task_r)
            os.close(result_w)
        self.inbox = Connection(task_w, readable=False)
        self.conn = Connection(result_r, writable=False)
        self.task: _Task | None = None
        self.done = 0

    def send(self, task: _Task, options: ExtractOptions) -> None:
        self.task = task
        task.started = time.monotonic()
        self.inbox.send((task.index, str(task.path), options))

    def exitcode(self) -> int | None:
        try:
            return self.proc.wait(5)
        except subprocess.TimeoutExpired:
            return None

    def stop(self, *, kill: bool = False) -> None:
        if not kill and self.proc.poll() is None:
            with contextlib.suppress(OSError):
                self.inbox.send(None)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.proc.wait(2)
        if self.proc.poll() is None:
            self.proc.kill()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.proc.wait(5)
        self.inbox.close()
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


def extract_many(
    paths: Iterable[str | Path],
    *,
    workers: int = 1,
    timeout_s: float = DEFAULT_TIMEOUT_S,
    max_memory_mb: int = DEFAULT_MAX_MEMORY_MB,
    ordered: bool = True,
    max_tasks_per_worker: int = 200,
    options: ExtractOptions | None = None,
    on_stats: Callable[[Path, FileStats], None] | None = None,
    **extract_kwargs: Any,
) -> Iterator[tuple[Path, Result]]:
    """Extract many files in ``workers`` bounded child processes; yield (path, text or error).

    Every path yields exactly one pair, whatever happens to the others: a file that times out
    (``timeout_s`` of wall clock), exhausts ``max_memory_mb`` of address space or kills its
    worker yields an ``IngestError`` and its worker is replaced. With ``ordered`` the pairs
    come in input order, else as they finish. ``extract_kwargs`` are those of ``extract_file``
    (ocr, ocr_lang, max_pages, max_file_mb, ...), or pass ready ``options``. ``on_stats``
    is called once per file with its ``FileStats`` (time and peak memory of its worker).
    """
    opts = options if options is not None else make_options(**extract_kwargs)
    todo = deque(_Task(i, Path(p), 0.0) for i, p in enumerate(paths))
    total = len(todo)
    if not total:
        return
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
                    idle = _Worker(max_memory_mb)
                    pool.append(idle)
                new_task = todo.popleft()
                # until the worker says it has started the file (a fresh one first imports
                # its parsers), the clock includes a grace for that start
                new_task.deadline = time.monotonic() + timeout_s + STARTUP_GRACE_S
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
                            outcome = _death_error(task.path, worker.exitcode())
                            retire = True
                        if outcome == STARTED:
                            # the worker took the file: its clock starts now, not at send
                            # time (a fresh worker first spends a second or more on imports)
                            task.started = time.monotonic()
                            task.deadline = task.started + timeout_s
                            continue
                    elif time.monotonic() >= task.deadline:
                        outcome = ExtractionTimeoutError(
                            task.path, f"más de {timeout_s:g} s de extracción"
                        )
                        retire = True
                    if outcome is None:
                        continue
                    if on_stats is not None:
                        seconds = time.monotonic() - task.started
                        on_stats(task.path, FileStats(seconds, peak_rss_mb(worker.proc.pid)))
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
