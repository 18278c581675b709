"""``precedentes sample-corpus``: write the generated sample corpus (files + ground truth) or a
large set of sample records (JSON lines) for benchmarks."""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

import click


@click.command("sample-corpus")
@click.argument("out_dir", type=click.Path(path_type=Path))
@click.option("--count", "-n", type=int, default=None,
              help="Número de documentos (60 por omisión; 1000 con --records-only).")
@click.option("--records-only", is_flag=True,
              help="Escribir sólo registros DocumentRecord en OUT_DIR/records.jsonl (para pruebas de rendimiento).")
@click.option("--seed", type=int, default=0, show_default=True, help="Semilla: la misma semilla y los mismos argumentos dan la misma salida.")
def sample_corpus(out_dir: Path, count: int | None, records_only: bool, seed: int) -> None:
    """Genera un corpus de MUESTRA (resoluciones y criterios inventados de los seis organismos
    garantes), marcado como tal en cada documento, con su verdad de referencia."""
    from tqdm import tqdm

    from corpus.sample.generate import DEFAULT_COUNT, write_corpus, write_records

    if out_dir.exists() and not out_dir.is_dir():
        raise click.UsageError(f"{out_dir} existe y no es una carpeta: indique una carpeta de salida.")
    if count is not None and count < 1:
        raise click.BadParameter("debe ser un número entero mayor que cero (p. ej. --count 60).",
                                 param_hint="--count")
    n = count or (1000 if records_only else DEFAULT_COUNT)
    start = time.perf_counter()
    with tqdm(total=n, unit="doc", disable=not sys.stderr.isatty(), desc="Generando muestra") as bar:
        if records_only:
            path = write_records(out_dir, n, seed, bar.update)
        else:
            written = write_corpus(out_dir, n, seed, bar.update)
    elapsed = time.perf_counter() - start
    if records_only:
        click.echo(f"Se escribieron {n} registros de muestra en {path} "
                   f"({elapsed:.1f} s, {n / max(elapsed, 1e-9):.0f} registros/s).")
        return
    formats = Counter(f"{w.truth['format']}/{w.truth['layout']}" for w in written)
    bodies = Counter(str(w.truth["garante"]) for w in written)
    click.echo(f"Se escribieron {len(written)} documentos de muestra en {out_dir / 'docs'} ({elapsed:.1f} s).")
    click.echo("Formatos: " + ", ".join(f"{k}: {v}" for k, v in sorted(formats.items())))
    click.echo("Organismos: " + ", ".join(f"{k}: {v}" for k, v in sorted(bodies.items())))
    click.echo(f"Verdad de referencia: {out_dir / 'ground_truth.jsonl'}")
