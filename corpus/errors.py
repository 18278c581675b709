"""Typed ingestion errors: one per way a file can fail, each with a machine reason code.

The ingest batch catches ``IngestError`` per file, prints ``"<file>: <message>"`` and goes on;
``reason`` is what the closing summary groups by. Messages are Spanish (es-MX) and name the file.
Errors cross process boundaries (extraction runs in child processes), so they pickle by their
constructor arguments.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

# reason code -> short Spanish label, for summaries ("Fallas por motivo: …").
REASONS: dict[str, str] = {
    "unsupported": "formato no admitido",
    "corrupt": "archivo dañado",
    "truncated": "archivo truncado",
    "encrypted": "protegido con contraseña",
    "empty": "sin texto",
    "too_large": "demasiado grande",
    "bomb": "bomba de descompresión",
    "timeout": "tiempo agotado",
    "memory": "memoria agotada",
    "crash": "el proceso de extracción terminó de forma anormal",
    "ocr_unavailable": "OCR no disponible",
    "unreadable": "no se pudo leer",
    "outside": "enlace a un archivo fuera de las carpetas de ingesta",
    "bad_name": "nombre de archivo que no es UTF-8 válido; cámbiele el nombre",
}

_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def display_path(path: str | Path) -> str:
    """``path`` safe to print, store and put in JSON: bytes that were not UTF-8 (lone
    surrogates from ``os.fsdecode``) become ``\\xNN`` and control characters (a newline or
    a terminal escape in a file name) become ``\\n``, ``\\x1b``…"""
    text = os.fsencode(str(path)).decode("utf-8", "backslashreplace")
    return _CONTROL_RE.sub(lambda m: repr(m.group())[1:-1], text)


class IngestError(Exception):
    """A file that could not be ingested. ``reason`` is one of ``REASONS``."""

    reason: str = "unreadable"

    def __init__(self, path: str | Path, detail: str = "", *, reason: str | None = None) -> None:
        self.path = str(path)
        self.detail = detail
        if reason is not None:
            self.reason = reason
        super().__init__(self.message)

    @property
    def summary(self) -> str:
        """The Spanish reason without the file: ``"archivo dañado (sin tabla xref)"``."""
        label = REASONS.get(self.reason, self.reason)
        return f"{label} ({self.detail})" if self.detail else label

    @property
    def message(self) -> str:
        """The one line the batch prints: ``"<file>: <summary>"``."""
        return f"{display_path(self.path)}: {self.summary}"

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), self.path, self.detail, self.reason))


def _rebuild(cls: type[IngestError], path: str, detail: str, reason: str) -> IngestError:
    err = cls.__new__(cls)
    IngestError.__init__(err, path, detail, reason=reason)
    return err


class UnsupportedFormatError(IngestError):
    reason = "unsupported"


class CorruptFileError(IngestError):
    reason = "corrupt"


class TruncatedFileError(IngestError):
    reason = "truncated"


class EncryptedFileError(IngestError):
    reason = "encrypted"


class EmptyDocumentError(IngestError):
    reason = "empty"


class FileTooLargeError(IngestError):
    reason = "too_large"


class DecompressionBombError(IngestError):
    reason = "bomb"


class ExtractionTimeoutError(IngestError):
    reason = "timeout"


class ExtractionMemoryError(IngestError):
    reason = "memory"


class ExtractionCrashError(IngestError):
    reason = "crash"


class OcrUnavailableError(IngestError):
    reason = "ocr_unavailable"


class OutsideRootError(IngestError):
    """A symlink whose target lies outside the folders being ingested: not read."""

    reason = "outside"


class BadFileNameError(IngestError):
    """A file name that is not valid UTF-8: it could not go into JSON, the index or a URL."""

    reason = "bad_name"
