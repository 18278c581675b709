"""``--engine`` on the CLI: given once when the index is created, recorded in it, checked when
given again; ``index`` recommends tantivy for a large corpus; ``--check`` on a tantivy index."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from corpus.records import DocumentRecord
from scripts.cmd_index import index
from scripts.cmd_search import search
from tests.indexer.test_update import rec


def _records(tmp_path: Path, records: list[DocumentRecord]) -> Path:
    path = tmp_path / "records.jsonl"
    path.write_text("".join(json.dumps(r.to_dict(), ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")
    return path


def test_engine_given_once_then_read_from_the_index(tmp_path: Path) -> None:
    records = _records(tmp_path, [rec(i) for i in range(4)])
    ix = str(tmp_path / "ix")
    runner = CliRunner()
    built = runner.invoke(index, [str(records), "--index", ix, "--engine", "tantivy", "--no-topics"])
    assert built.exit_code == 0, built.output
    assert json.loads((tmp_path / "ix" / "manifest.json").read_text())["engine"] == "tantivy"

    again = runner.invoke(index, [str(records), "--index", ix, "--no-topics"])  # no --engine
    assert again.exit_code == 0 and "sin cambios: 4" in again.output

    found = runner.invoke(search, ["reservada", "--index", ix, "--json"])
    assert found.exit_code == 0, found.output
    assert json.loads(found.output)["total"] == 4

    wrong = runner.invoke(search, ["reservada", "--index", ix, "--engine", "whoosh", "--json"])
    assert wrong.exit_code != 0 and "tantivy" in wrong.output

    refused = runner.invoke(index, [str(records), "--index", ix, "--engine", "whoosh"])
    assert refused.exit_code == 1 and "Omita --engine" in refused.output

    checked = runner.invoke(index, ["--check", "--index", ix])
    assert checked.exit_code == 0, checked.output
    assert "Motor: tantivy" in checked.output and "Documentos: 4" in checked.output


def test_index_recommends_tantivy_for_a_large_corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import scripts.cmd_index as cmd_index

    monkeypatch.setattr(cmd_index, "LARGE_CORPUS", 3)
    records = _records(tmp_path, [rec(i) for i in range(5)])
    runner = CliRunner()
    to_whoosh = runner.invoke(index, [str(records), "--index", str(tmp_path / "w"), "--no-topics"])
    assert to_whoosh.exit_code == 0 and "--engine tantivy" in to_whoosh.output
    to_tantivy = runner.invoke(index, [str(records), "--index", str(tmp_path / "t"), "--no-topics",
                                       "--engine", "tantivy"])
    assert to_tantivy.exit_code == 0 and "se recomienda" not in to_tantivy.output
    small = _records(tmp_path, [rec(1)])
    quiet = runner.invoke(index, [str(small), "--index", str(tmp_path / "s"), "--no-topics"])
    assert quiet.exit_code == 0 and "se recomienda" not in quiet.output


def test_check_reports_a_stale_manifest(tmp_path: Path) -> None:
    records = _records(tmp_path, [rec(i) for i in range(3)])
    ix = tmp_path / "ix"
    runner = CliRunner()
    assert runner.invoke(index, [str(records), "--index", str(ix), "--engine", "tantivy",
                                 "--no-topics"]).exit_code == 0
    manifest = json.loads((ix / "manifest.json").read_text())
    manifest["doc_count"] = 2  # as if killed between tantivy's commit and the manifest
    (ix / "manifest.json").write_text(json.dumps(manifest))
    checked = runner.invoke(index, ["--check", "--index", str(ix)])
    assert checked.exit_code == 1 and "se interrumpió" in checked.output
