"""An index that exists but cannot be opened (another schema version, another engine, damage)
answers 503 with a Spanish message on pages and the API, never a 500 or its path."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from indexer import lifecycle
from search_app import create_app


def _rewrite_manifest(index: Path, **changes: object) -> None:
    manifest = lifecycle.read_manifest(index)
    assert manifest is not None
    manifest.update(changes)
    for name in (lifecycle.MANIFEST_NAME, lifecycle.MANIFEST_BACKUP):
        path = index / name
        if path.exists():
            path.write_text(json.dumps(manifest), encoding="utf-8")


@pytest.mark.parametrize("changes", [{"schema_version": -1}, {"engine": "otro"}])
@pytest.mark.parametrize("url", ["/buscar?q=informacion", "/api/v1/search?q=informacion"])
def test_unusable_index_is_a_spanish_503(web_index: Path, tmp_path: Path,
                                         changes: dict[str, object], url: str) -> None:
    index = tmp_path / "index"
    shutil.copytree(web_index, index)
    _rewrite_manifest(index, **changes)
    app = create_app({"TESTING": True, "INDEX_DIR": str(index)})
    response = app.test_client().get(url)
    assert response.status_code == 503
    text = response.get_data(as_text=True)
    assert "no se puede abrir" in text
    assert str(index) not in text and "Traceback" not in text
    if url.startswith("/api/"):
        body = response.get_json()
        assert body["ok"] is False and body["status"] == 503 and "no se puede abrir" in body["error"]
