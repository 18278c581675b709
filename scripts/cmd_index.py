"""``precedentes index``: files, folders and record files → the search index (or --check it)."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any, NoReturn

import click

from indexer.engine import IndexLockedError, IndexMissingError

HINT_BUILD = "Sugerencia: precedentes index ARCHIVOS_O_CARPETAS… --index CARPETA_DEL_ÍNDICE"
DEFAULT_STAFF_DB = "var/staff.sqlite3"  # the app's STAFF_DB default
LARGE_CORPUS = 50_000  # documents past which tantivy is recommended (whoosh p95 > 1 s at 100k)


@click.command("index")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--index", "index_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Carpeta del índice (se crea si no existe).")
@click.option("--garante", help="Organismo garante de todos los documentos (p. ej. IVAI); si no, "
              "se detecta del texto.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Procesos de extracción en paralelo.")
@click.option("--prune", is_flag=True, help="Eliminar del índice los documentos que ya no están "
              "en las entradas.")
@click.option("--no-topics", is_flag=True, help="No etiquetar temas (más rápido; los registros "
              "conservan los temas que ya traigan).")
@click.option("--check", "check", is_flag=True, help="Solo verificar el índice y dar un informe.")
@click.option("--batch-size", type=click.IntRange(1), default=10_000, show_default=True,
              help="Documentos por confirmación durable.")
@click.option("--sin-revision", "no_review", is_flag=True,
              help="Publicar también los documentos en los que la revisión de datos personales "
              "encuentra algo (CURP, RFC, teléfonos, correos…); sin esta opción quedan retenidos, "
              "fuera del índice, hasta que el personal los libere en /admin/revision.")
@click.option("--staff-db", "staff_db", type=click.Path(dir_okay=False, path_type=Path),
              envvar="PRECEDENTES_STAFF_DB", default=None,
              help=f"Base del personal (retiros, correcciones, cola de revisión) [por omisión: "
              f"$PRECEDENTES_STAFF_DB o {DEFAULT_STAFF_DB}, si existe].")
@click.option("--engine", type=click.Choice(["whoosh", "tantivy"]), default=None,
              help="Motor de un índice nuevo (por omisión whoosh; tantivy para corpus grandes, "
              f"más de {LARGE_CORPUS:,} documentos). Queda registrado en el índice: no hace "
              "falta repetirlo.")
def index(paths: tuple[Path, ...], index_dir: Path, garante: str | None, workers: int,
          prune: bool, no_topics: bool, check: bool, batch_size: int,
          no_review: bool, staff_db: Path | None, engine: str | None) -> None:
    """Ingiere, analiza e indexa archivos (PDF, HTML, DOCX), carpetas y archivos de registros
    (.jsonl). Es incremental: agrega lo nuevo, reemplaza lo que cambió y omite lo que no
    cambió. Con --check verifica el índice; el código de salida es distinto de cero si algo
    está mal."""
    if check:
        _check(index_dir)
        return
    if not paths:
        _fail("indique al menos un archivo, carpeta o archivo de registros (.jsonl).", HINT_BUILD)
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        _fail("no existe: " + ", ".join(missing), "Revise las rutas indicadas.")
    if garante is not None:
        from corpus.garantes import load_registry

        body = load_registry().get(garante)
        if body is None:
            known = ", ".join(load_registry().garantes)
            _fail(f"organismo desconocido «{garante}».", f"Conocidos: {known}.")
        garante = body.key
    _choose_engine(paths, index_dir, engine)
    from search_app.admin.index_gate import IndexGate

    gate = IndexGate(staff_db or Path(DEFAULT_STAFF_DB), hold=not no_review, workers=workers,
                     create_store=staff_db is not None)
    try:
        _build(paths, index_dir, garante, workers, prune, batch_size, not no_topics, gate)
    finally:
        gate.close()


def _build(paths: tuple[Path, ...], index_dir: Path, garante: str | None, workers: int,
           prune: bool, batch_size: int, topics: bool, gate: Any = None) -> None:
    from indexer.build import build_index
    from indexer.lifecycle import IndexCorruptError

    bar = _progress_bar()
    started = time.perf_counter()
    try:
        report = build_index(list(paths), index_dir, garante=garante, workers=workers,
                             progress=bar.update if bar is not None else None,
                             batch_size=batch_size, prune=prune, enrich=topics, gate=gate)
    except IndexLockedError as exc:
        _fail(str(exc), "Solo un proceso puede actualizar el índice a la vez.")
    except (IndexCorruptError, IndexMissingError, RuntimeError) as exc:
        _fail(str(exc), f"Verifique con: precedentes index --check --index {index_dir}")
    finally:
        if bar is not None:
            bar.close()
    elapsed = time.perf_counter() - started
    written = report.added + report.replaced
    rate = (report.added + report.replaced + report.unchanged) / elapsed if elapsed > 0 else 0.0
    click.echo(f"Índice: {index_dir}", err=True)
    click.echo(f"Agregados: {report.added}; reemplazados: {report.replaced}; sin cambios: "
               f"{report.unchanged}; eliminados: {report.deleted}; fallidos: {len(report.failed)}",
               err=True)
    click.echo(f"Tiempo: {elapsed:.1f} s ({rate:.0f} documentos/s; escritos {written})", err=True)
    if gate is not None:
        for line in gate.report.lines():
            click.echo(line, err=True)
    for source, reason in report.failed:
        click.echo(f"ERROR {source}: {reason}", err=True)
    if report.failed:
        raise SystemExit(1)


def _check(index_dir: Path) -> None:
    from indexer.lifecycle import check_index, read_manifest

    if index_dir.is_dir() and (read_manifest(index_dir) or {}).get("engine") == "tantivy":
        from indexer.tantivy_engine import check_tantivy

        result = check_tantivy(index_dir)
    else:
        result = check_index(index_dir)
    for line in result.lines:
        click.echo(line)
    if result.ok:
        click.echo("Resultado: el índice está bien.")
        return
    for problem in result.problems:
        click.echo(f"PROBLEMA: {problem}")
    click.echo("Resultado: el índice tiene problemas. Sugerencia: vuelva a ejecutar "
               "«precedentes index … --index DIR» (se recupera desde el último estado bueno) "
               "o reconstrúyalo en una carpeta nueva.")
    raise SystemExit(1)


def count_inputs(paths: tuple[Path, ...], stop: int) -> int:
    """Documents in the inputs (lines of record files, files in folders), counted up to
    ``stop``: enough to know whether the corpus is large."""
    from indexer.build import RECORD_SUFFIXES

    total = 0
    for path in paths:
        if path.is_file() and path.suffix.lower() in RECORD_SUFFIXES:
            with open(path, "rb") as fh:
                total += sum(1 for line in fh if line.strip())
        elif path.is_dir():
            total += sum(1 for p in path.rglob("*") if p.is_file())
        else:
            total += 1
        if total > stop:
            break
    return total


def _choose_engine(paths: tuple[Path, ...], index_dir: Path, engine: str | None) -> None:
    """Create the index with ``engine`` (recorded in its manifest), or check that an existing
    index uses it; recommend tantivy for a large corpus going into whoosh."""
    from indexer import EngineMismatchError, open_engine
    from indexer.lifecycle import read_manifest

    manifest = read_manifest(index_dir) if index_dir.is_dir() else None
    current = manifest.get("engine", "whoosh") if manifest else (engine or "whoosh")
    if engine is not None:
        try:
            open_engine(index_dir, engine=engine, create=True).close()
        except EngineMismatchError as exc:
            _fail(str(exc), "Omita --engine: el motor ya está registrado en el índice.")
    if current == "whoosh":
        count = count_inputs(paths, LARGE_CORPUS)
        if count > LARGE_CORPUS:
            click.echo(f"Aviso: más de {LARGE_CORPUS:,} documentos. Para un corpus así se "
                       "recomienda el motor tantivy (búsquedas ~100 veces más rápidas): "
                       f"precedentes index … --index OTRA_CARPETA --engine tantivy", err=True)


def _progress_bar() -> Any:
    if not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(unit=" doc", desc="Indexando", file=sys.stderr)


def _fail(message: str, hint: str) -> NoReturn:
    click.echo(f"Error: {message}", err=True)
    click.echo(hint, err=True)
    raise SystemExit(1)
