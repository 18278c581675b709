"""scripts/audit_deps.py: pins, OSV range semantics, and both sources (no network)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from scripts.audit_deps import PinReport, audit, check_pypi, osv_affects, parse_pins

FLASK_2023 = {
    "id": "PYSEC-2023-62",
    "aliases": ["CVE-2023-30861"],
    "affected": [{
        "package": {"name": "Flask", "ecosystem": "PyPI"},
        "ranges": [
            {"type": "GIT", "events": [{"introduced": "0"}, {"fixed": "70f906c5"}]},
            {"type": "ECOSYSTEM", "events": [
                {"introduced": "0"}, {"fixed": "2.2.5"},
                {"introduced": "2.3.0"}, {"fixed": "2.3.2"},
            ]},
        ],
        "versions": ["0.1", "2.2.4"],
    }],
}
LAST_AFFECTED = {"affected": [{
    "package": {"name": "pkg", "ecosystem": "PyPI"},
    "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "1.0"}, {"last_affected": "1.4"}]}],
}]}


@pytest.mark.parametrize(("entry", "package", "version", "expected"), [
    (FLASK_2023, "flask", "2.2.4", True),  # listed and in range
    (FLASK_2023, "flask", "2.2.5", False),  # fixed
    (FLASK_2023, "flask", "2.3.1", True),  # second range
    (FLASK_2023, "flask", "2.3.2", False),
    (FLASK_2023, "flask", "3.1.3", False),
    (FLASK_2023, "werkzeug", "2.2.4", False),  # another package
    ({**FLASK_2023, "withdrawn": "2024-01-01"}, "flask", "2.2.4", False),
    (LAST_AFFECTED, "pkg", "0.9", False),
    (LAST_AFFECTED, "pkg", "1.4", True),
    (LAST_AFFECTED, "pkg", "1.4.1", False),
])
def test_osv_affects(entry: dict[str, Any], package: str, version: str, expected: bool) -> None:
    assert osv_affects(entry, package, version) is expected


def test_parse_pins_normalises_names_and_skips_the_rest() -> None:
    lines = ["# comment", "Flask==3.1.3", "zope.interface == 7.0  # why",
             "typing_extensions==4.15.0 ; python_version < '3.12'", "-e .", "spacy>=3"]
    assert parse_pins(lines) == {
        "flask": "3.1.3", "zope-interface": "7.0", "typing-extensions": "4.15.0"}


def test_pypi_settles_only_the_latest_release() -> None:
    data = {"info": {"version": "2.0"}, "vulnerabilities": [
        {"id": "GHSA-x", "aliases": ["CVE-1"], "fixed_in": ["2.1"]},
        {"id": "GHSA-old", "withdrawn": "2025-01-01"},
    ]}
    latest = PinReport("pkg", "2.0")
    check_pypi(lambda name: data, latest)
    assert latest.checked_by == ["pypi"]
    assert [f.advisory for f in latest.findings] == ["GHSA-x"]

    older = PinReport("pkg", "1.0")
    check_pypi(lambda name: data, older)
    assert older.checked_by == [] and older.findings == []
    assert "2.0" in older.notes[0]

    down = PinReport("pkg", "2.0")
    check_pypi(lambda name: None, down)
    assert down.checked_by == [] and down.notes == ["PyPI no respondió"]


def test_advisory_db_tree(tmp_path: Path) -> None:
    import yaml

    folder = tmp_path / "vulns" / "Flask"
    folder.mkdir(parents=True)
    (folder / "PYSEC-2023-62.yaml").write_text(yaml.safe_dump(FLASK_2023), encoding="utf-8")
    reports = audit({"flask": "2.3.1", "click": "8.3.1"}, tmp_path, None)
    by_name = {r.package: r for r in reports}
    assert [f.advisory for f in by_name["flask"].findings] == ["PYSEC-2023-62"]
    assert by_name["flask"].findings[0].fixed == ("2.2.5", "2.3.2")
    assert by_name["click"].findings == [] and by_name["click"].checked_by == ["advisory-db"]
