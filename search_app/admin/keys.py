"""The app's secret key when none is configured: generated once, kept in the instance folder.

Several gunicorn workers start at the same time and must share one key (or a session signed
by one worker is refused by the next), so the file is created atomically: written whole under
a temporary name, then hard-linked into place; whoever loses the race reads the winner's key.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

KEY_FILE = "secret_key"


def load_or_create_secret(folder: str | Path) -> str:
    """The key stored in ``folder/secret_key``, created (mode 0600) if it does not exist."""
    folder = Path(folder)
    path = folder / KEY_FILE
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{KEY_FILE}.{os.getpid()}.{secrets.token_hex(4)}"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "w", encoding="ascii") as fh:
                fh.write(secrets.token_hex(32) + "\n")
                fh.flush()
                os.fsync(fh.fileno())
            with contextlib.suppress(FileExistsError):  # another worker won: use its key
                os.link(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
    key = path.read_text(encoding="ascii").strip()
    if len(key) < 32:
        raise RuntimeError(f"La clave secreta de {path} está vacía o es demasiado corta: "
                           "bórrela para que se genere otra (se cerrarán las sesiones).")
    return key
