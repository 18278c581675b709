"""``precedentes serve``: the web application; with no index it builds one from the generated
sample corpus first (files through the whole ingestion pipeline, plus record-only documents
for volume), showing progress, then serves."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

DEFAULT_INDEX = "var/index"  # var/ is git-ignored: runtime data
ENV_INDEX = "PRECEDENTES_INDEX_DIR"  # what the app factory reads (from_prefixed_env)


def _fail(message: str, hint: str) -> NoReturn:
    click.echo(f"Error: {message}\n{hint}", err=True)
    sys.exit(1)


def _has_index(index_dir: Path, engine_name: str | None = None) -> bool:
    from indexer import open_engine
    from indexer.engine import IndexMissingError

    try:
        engine = open_engine(index_dir, engine=engine_name)
    except IndexMissingError:
        return False
    except RuntimeError as exc:  # corrupt, another engine or schema version: say how to fix
        _fail(str(exc), f"Verifique con: precedentes index --check --index {index_dir}, o "
              "bórrelo para que serve genere el corpus de muestra otra vez.")
    engine.close()
    return True


def _bar(total: int, desc: str) -> Any:
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit="doc", file=sys.stderr, leave=True)


def build_sample_index(index_dir: Path, sample_dir: Path, files: int, records: int) -> None:
    """Generate the sample corpus into ``sample_dir`` and index it into ``index_dir``."""
    from corpus.sample.generate import write_corpus, write_records
    from indexer.build import build_index

    inputs: list[Path] = []
    file_ids: set[str] = set()
    if files:
        with _bar(files, "Generando documentos de muestra") as bar:
            written = write_corpus(sample_dir, count=files, progress=bar.update)
        file_ids = {str(w.truth["id"]) for w in written}
        inputs.append((sample_dir / "docs").resolve())
    if records:
        with _bar(records, "Generando registros de muestra") as bar:
            inputs.append(write_records(sample_dir / "registros", records, seed=1,
                                        progress=bar.update, exclude_ids=file_ids).resolve())
    with _bar(files + records, "Indexando (extracción, OCR, temas)") as bar:
        report = build_index(inputs, index_dir, progress=bar.update)
    click.echo(f"Índice listo en {index_dir}: {report.added} agregados, "
               f"{len(report.failed)} fallidos.", err=True)
    for source, reason in report.failed[:10]:
        click.echo(f"  fallido: {source}: {reason}", err=True)


@click.command("serve")
@click.option("--index", "index_dir", type=click.Path(file_okay=False, path_type=Path),
              default=None, help=f"Carpeta del índice [por omisión: ${ENV_INDEX} o {DEFAULT_INDEX}].")
@click.option("--host", default="127.0.0.1", show_default=True, help="Dirección donde escuchar.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help="Procesos de gunicorn; sin esta opción, un proceso con hilos (waitress).")
@click.option("--sample-files", type=click.IntRange(0, 2000), default=40, show_default=True,
              help="Sin índice: documentos de muestra (PDF, HTML, DOCX, escaneados) a generar e "
              "ingerir.")
@click.option("--sample-records", type=click.IntRange(0, 200_000), default=400,
              show_default=True, help="Sin índice: registros de muestra adicionales (rápidos).")
@click.option("--engine", type=click.Choice(["whoosh", "tantivy"]), default=None,
              help="Motor: el del índice existente (por omisión, el registrado en él) o el del "
              "índice de muestra a crear (por omisión whoosh).")
def serve(index_dir: Path | None, host: str, port: int, workers: int | None, sample_files: int,
          sample_records: int, engine: str | None = None) -> None:
    """Sirve el buscador web. Si no hay índice en --index, genera el corpus de muestra y lo
    indexa primero (con progreso)."""
    index_dir = index_dir or Path(os.environ.get(ENV_INDEX) or DEFAULT_INDEX)
    if not _has_index(index_dir, engine):
        if sample_files + sample_records == 0:
            _fail(f"no hay índice en {index_dir}.",
                  "Constrúyalo con «precedentes index …» o quite --sample-files 0 "
                  "--sample-records 0 para generar el corpus de muestra.")
        click.echo(f"No hay índice en {index_dir}: se genera el corpus de muestra y se indexa.",
                   err=True)
        if engine is not None:
            from indexer import open_engine

            open_engine(index_dir, engine=engine, create=True).close()  # recorded in it
        build_sample_index(index_dir, index_dir.parent / "muestra", sample_files,
                           sample_records)
    from search_app import create_app
    from search_app.server import run_gunicorn, run_threaded

    # the factory reads its settings from the environment, in this process and in every
    # gunicorn worker alike
    os.environ[ENV_INDEX] = str(index_dir.resolve())
    click.echo(f"Buscador en http://{host}:{port}/  (índice: {index_dir})", err=True)
    if workers:
        run_gunicorn(create_app, host, port, workers)
    else:
        run_threaded(create_app(), host, port)
