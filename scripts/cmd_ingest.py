"""``precedentes ingest``: files and folders → one JSON record per document."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import IO, Any

import click

from corpus.garantes import load_registry
from corpus.pipeline import (
    DEFAULT_MAX_MEMORY_MB,
    DEFAULT_TIMEOUT_S,
    IngestFailure,
    IngestSummary,
    count_source_files,
    ingest_paths,
    resume_jsonl,
)


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--garante", help="Organismo garante de todos los archivos (p. ej. IVAI); si no, se detecta del texto.")
@click.option("--out", "out_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Archivo .jsonl de salida (por omisión, la salida estándar).")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Procesos de extracción en paralelo.")
@click.option("--timeout", "timeout_s", type=click.FloatRange(1), default=DEFAULT_TIMEOUT_S,
              show_default=True, help="Segundos máximos por archivo.")
@click.option("--max-memory", "max_memory_mb", type=click.IntRange(64), default=DEFAULT_MAX_MEMORY_MB,
              show_default=True, help="Memoria máxima por archivo (MiB).")
@click.option("--resume", is_flag=True,
              help="Continuar un --out interrumpido: conserva sus registros completos, descarta "
              "una última línea incompleta y omite los archivos ya ingeridos (por sha256).")
def ingest(
    paths: tuple[Path, ...],
    garante: str | None,
    out_path: Path | None,
    workers: int,
    timeout_s: float,
    max_memory_mb: int,
    resume: bool = False,
) -> None:
    """Lee archivos (PDF, PDF escaneado, HTML, DOCX) y carpetas, y escribe un registro JSON por
    documento. Termina con un resumen; el código de salida es distinto de cero si algún
    archivo falló. Con --out, cada registro queda en disco (fsync) al escribirse: si el
    proceso se interrumpe, «--resume» continúa donde quedó."""
    if garante is not None:
        body = load_registry().get(garante)
        if body is None:
            known = ", ".join(load_registry().garantes)
            raise click.BadParameter(f"organismo desconocido «{garante}». Conocidos: {known}.",
                                     param_hint="--garante")
        garante = body.key
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise click.BadParameter("no existe: " + ", ".join(missing), param_hint="PATH")

    if resume and out_path is None:
        raise click.UsageError("--resume necesita --out ARCHIVO.jsonl (el archivo a continuar).")
    done: frozenset[str] = frozenset()
    if resume and out_path is not None:
        state = resume_jsonl(out_path)
        done = state.done_sha256
        click.echo(f"Continuando {out_path}: {state.records} registros conservados"
                   + (f"; se descartaron {state.dropped_bytes} bytes de una línea incompleta"
                      if state.dropped_bytes else ""), err=True)

    summary = IngestSummary()
    total = count_source_files(paths)
    progress = _progress(total)
    mode = "a" if resume else "w"
    out: IO[str] = open(out_path, mode, encoding="utf-8") if out_path else sys.stdout  # noqa: SIM115
    try:
        for item in ingest_paths(paths, garante=garante, workers=workers, timeout_s=timeout_s,
                                 max_memory_mb=max_memory_mb, summary=summary,
                                 on_file=lambda _p: progress.update(1) if progress else None,
                                 skip_sha256=done):
            if isinstance(item, IngestFailure):
                _echo_err(f"ERROR {item.message} [{item.reason}]", progress)
                continue
            for warning in item.extraction.get("warnings", []):
                _echo_err(f"aviso: {item.source_path}: {warning}", progress)
            out.write(json.dumps(item.to_dict(), ensure_ascii=False) + "\n")
            if out_path:  # durable per record: a kill loses at most the file in progress
                out.flush()
                os.fsync(out.fileno())
    finally:
        if progress is not None:
            progress.close()
        if out_path:
            out.close()
    for line in summary.lines():
        click.echo(line, err=True)
    if summary.failed:
        raise SystemExit(1)


def _progress(total: int) -> Any:
    """A progress bar on a terminal; None when stderr is not one (logs, pipes, tests)."""
    if not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="archivo", desc="Ingesta", file=sys.stderr)


def _echo_err(message: str, progress: Any) -> None:
    if progress is not None:
        progress.write(message, file=sys.stderr)
    else:
        click.echo(message, err=True)
