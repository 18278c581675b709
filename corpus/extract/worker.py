"""The extraction worker process: ``python -m corpus.extract.worker READ_FD WRITE_FD MAX_MB``.

Started by ``corpus.extract.bounded`` as a plain subprocess (not a multiprocessing child), so it
never re-imports the caller's ``__main__``: a script without an ``if __name__ == "__main__"``
guard, or a REPL, works the same. It talks over two inherited pipe descriptors wrapped in
``multiprocessing.connection.Connection`` (length-prefixed pickles); stdout is not used.
"""

from __future__ import annotations

import logging
import signal
import sys
import warnings
from multiprocessing.connection import Connection
from pathlib import Path

from corpus.errors import ExtractionMemoryError, IngestError
from corpus.extract.bounded import STARTED
from corpus.extract.core import extract_with
from corpus.records import ExtractedText


def limit_memory(max_memory_mb: int) -> None:
    """Cap this process's address space (RLIMIT_AS); children such as tesseract inherit it."""
    import resource

    limit = max_memory_mb * 1024 * 1024
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def reset_peak_rss() -> None:
    """Reset this process's VmHWM (Linux), so the parent reads one file's peak, not the max
    over every file this worker has read."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as fh:
            fh.write("5")
    except OSError:
        pass


def serve(inbox: Connection, outbox: Connection, max_memory_mb: int) -> None:
    """Receive (task id, path, options), send back (task id, ExtractedText or IngestError).

    Returns after a MemoryError (the process may be in a poor state: the parent starts a fresh
    one), on ``None`` or when the parent goes away.
    """
    while True:
        try:
            message = inbox.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        task_id, path, options = message
        reset_peak_rss()
        outbox.send((task_id, STARTED))  # the parent's clock for this file starts now
        result: ExtractedText | IngestError
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
            outbox.send((task_id, result))
        except MemoryError:
            outbox.send((task_id, ExtractionMemoryError(path, "resultado demasiado grande")))
            recycle = True
        if recycle:
            return


def warm_up() -> None:
    """Import the parsers now, before the first file: their import (a second or more on a
    busy machine) must not count against that file's time limit."""
    import docx  # noqa: F401
    import pdfminer.converter
    import pdfminer.pdfinterp
    import pdfminer.pdfpage  # noqa: F401


def main(argv: list[str]) -> None:
    read_fd, write_fd, max_memory_mb = int(argv[0]), int(argv[1]), int(argv[2])
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops us
    # library chatter would cut through the parent's progress bar; results carry warnings
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    warnings.simplefilter("ignore")
    if max_memory_mb > 0:
        limit_memory(max_memory_mb)
    warm_up()
    serve(Connection(read_fd, writable=False), Connection(write_fd, readable=False), max_memory_mb)


if __name__ == "__main__":
    main(sys.argv[1:])
