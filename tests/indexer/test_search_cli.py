"""``precedentes search``: JSON shape, readable text, and errors as JSON with a non-zero exit."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from scripts.cli import main

HIT_KEYS = {"id", "title", "doc_type", "garante", "expediente", "date", "sentido", "topics",
            "source_path", "score", "snippet"}


def invoke(*args: str) -> Any:
    return CliRunner().invoke(main, ["search", *args])


def test_json_output_has_the_documented_shape(search_engine: Any) -> None:
    result = invoke("zorzalito", "--index", str(search_engine.index_dir), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["ok"] is True and data["total"] == 2
    assert set(data["hits"][0]) >= HIT_KEYS
    assert data["facets"]["garante"] == [{"value": "IVAI", "count": 2, "selected": False}]
    assert "suggestion" in data


def test_filters_sort_and_pages(search_engine: Any) -> None:
    index = str(search_engine.index_dir)
    result = invoke("información", "--index", index, "--json", "--filter", "garante=IVAI",
                    "--sort", "date", "--page", "2", "--page-size", "3")
    data = json.loads(result.output)
    assert result.exit_code == 0
    assert data["params"]["page"] == 2 and len(data["hits"]) <= 3
    assert {h["garante"] for h in data["hits"]} <= {"IVAI"}
    dates = [h["date"] for h in data["hits"]]
    assert dates == sorted(dates, reverse=True)


def test_text_output_is_spanish_and_readable(search_engine: Any) -> None:
    result = invoke("zorzalito", "--index", str(search_engine.index_dir))
    assert result.exit_code == 0
    assert result.output.startswith("2 resultados")
    assert "«zorzalito»" in result.output and "Facetas:" in result.output


def test_syntax_error_is_json_with_a_suggestion_and_non_zero_exit(search_engine: Any) -> None:
    result = invoke('"acceso a la', "--index", str(search_engine.index_dir), "--json")
    assert result.exit_code != 0
    data = json.loads(result.output)
    assert data == {"ok": False, "error": "Falta cerrar las comillas de la frase.",
                    "suggestion": '"acceso a la"'}


def test_bad_filter_and_missing_index(search_engine: Any, tmp_path: Path) -> None:
    bad = invoke("x", "--index", str(search_engine.index_dir), "--json", "--filter", "color=rojo")
    assert bad.exit_code != 0 and "CAMPO=VALOR" in json.loads(bad.output)["error"]
    missing = invoke("x", "--index", str(tmp_path / "nada"), "--json")
    assert missing.exit_code != 0 and "No hay un índice" in json.loads(missing.output)["error"]
    text = invoke("x", "--index", str(tmp_path / "nada"))
    assert text.exit_code != 0 and "Error: No hay un índice" in text.output
