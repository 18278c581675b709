"""``precedentes search``: one query against an index, as readable Spanish text or JSON.

``--json`` prints ``SearchResult.to_dict()``; any error prints ``{"ok": false, "error": …}``
and exits non-zero, so scripts can rely on the exit status.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from indexer.engine import QueryError, SearchResult
from indexer.fields import FACETS


@click.command("search")
@click.argument("query", default="")
@click.option("--index", "index_dir", type=click.Path(file_okay=False, path_type=Path),
              default="index", show_default=True, envvar="PRECEDENTES_INDEX",
              help="Carpeta del índice.")
@click.option("--filter", "filters", multiple=True, metavar="CAMPO=VALOR",
              help="Filtro (repetible): garante=IVAI, year=2019, sentido=revoca, topics=…")
@click.option("--sort", type=click.Choice(["relevance", "date", "date_asc"]), default="relevance",
              show_default=True, help="Orden: relevancia, fecha (recientes primero) o fecha_asc.")
@click.option("--page", type=click.IntRange(1), default=1, show_default=True)
@click.option("--page-size", type=click.IntRange(1, 100), default=10, show_default=True)
@click.option("--date-from", help="Desde (AAAA-MM-DD o AAAA).")
@click.option("--date-to", help="Hasta (AAAA-MM-DD o AAAA).")
@click.option("--json", "as_json", is_flag=True, help="Imprime el resultado como JSON.")
@click.option("--engine", type=click.Choice(["whoosh", "tantivy"]), default=None,
              help="Motor esperado (por omisión, el registrado en el índice).")
def search(
    query: str,
    index_dir: Path,
    filters: tuple[str, ...],
    sort: str,
    page: int,
    page_size: int,
    date_from: str | None,
    date_to: str | None,
    as_json: bool,
    engine: str | None = None,
) -> None:
    """Busca QUERY en el índice: palabras (todas deben aparecer), "frases", OR, NOT o -palabra,
    paréntesis, campo:valor (expediente:, sujeto:, ponente:, garante:, año:, tema:, articulo:)
    y prefijo* (al menos tres letras)."""
    from indexer import open_engine
    from indexer.engine import IndexMissingError
    from indexer.params import params_from_args

    args: dict[str, Any] = {"q": query, "filter": list(filters), "sort": sort,
                            "page": str(page), "page_size": str(page_size)}
    if date_from:
        args["date_from"] = date_from
    if date_to:
        args["date_to"] = date_to
    try:
        params = params_from_args(args)
        opened = open_engine(index_dir, engine=engine)
        try:
            result = opened.search(params)
        finally:
            opened.close()
    except QueryError as exc:
        _fail(as_json, exc.message, exc.suggestion)
    except (IndexMissingError, RuntimeError, OSError) as exc:
        _fail(as_json, str(exc), None)
    if as_json:
        click.echo(json.dumps({"ok": True, **result.to_dict()}, ensure_ascii=False, indent=2))
    else:
        click.echo(render_text(result))


def _fail(as_json: bool, message: str, suggestion: str | None) -> NoReturn:
    if as_json:
        body: dict[str, Any] = {"ok": False, "error": message}
        if suggestion:
            body["suggestion"] = suggestion
        click.echo(json.dumps(body, ensure_ascii=False))
    else:
        click.echo(f"Error: {message}", err=True)
        if suggestion:
            click.echo(f"Pruebe con: {suggestion}", err=True)
    sys.exit(2)


def render_text(result: SearchResult) -> str:
    """The result as plain Spanish text for a terminal."""
    lines: list[str] = []
    p = result.params
    n = result.total
    lines.append(
        f"{n} resultado{'s' if n != 1 else ''} · página {p.page} de {result.pages}"
        f" · {result.elapsed_ms:.0f} ms"
    )
    if result.suggestion:
        lines.append(f"¿Quisiste decir «{result.suggestion}»?")
    lines.extend(f"Aviso: {w}" for w in result.warnings)
    for i, hit in enumerate(result.hits, start=(p.page - 1) * p.page_size + 1):
        head = " · ".join(x for x in (hit.garante, hit.expediente or hit.number, hit.date) if x)
        lines.append("")
        lines.append(f"{i}. {hit.title or hit.id}")
        lines.append(f"   {head}" + (f" · {', '.join(hit.sentido)}" if hit.sentido else ""))
        if hit.topics:
            lines.append(f"   Temas: {', '.join(hit.topics)}")
        if hit.snippet:
            text = hit.snippet.replace("<mark>", "«").replace("</mark>", "»")
            lines.append("   " + _unescape(text))
        lines.append(f"   id: {hit.id}" + (f" · {hit.source_path}" if hit.source_path else ""))
    shown = [f for f in FACETS if result.facets.get(f.name)]
    if shown:
        lines.append("")
        lines.append("Facetas:")
        for f in shown:
            values = ", ".join(f"{v.value} ({v.count})" for v in result.facets[f.name][:8])
            lines.append(f"  {f.label}: {values}")
    if result.facets_incomplete:
        lines.append("Facetas incompletas (tiempo agotado): " + ", ".join(result.facets_incomplete))
    return "\n".join(lines)


def _unescape(text: str) -> str:
    import html

    return html.unescape(text)
