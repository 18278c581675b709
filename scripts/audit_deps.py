"""Known-vulnerability audit of every pinned dependency (the role of ``pip-audit``).

``pip-audit`` asks PyPI's per-release JSON (``/pypi/NAME/VERSION/json``) or osv.dev; on this
project's machines only the package index itself is reachable, so this script reads two sources
it can reach and says which one answered for each pin:

- PyPI's project JSON (``/pypi/NAME/json``): its ``vulnerabilities`` list is about the latest
  release, so it settles a pin only when the pin *is* the latest release;
- a local copy of the PyPA advisory database (``--advisory-db DIR``, the ``vulns/`` tree of
  github.com/pypa/advisory-database, OSV YAML): ranges and versions are checked for every pin.

Every pin in ``constraints.txt`` (direct and transitive) is checked. Exit status: 0 no known
vulnerability; 1 at least one; 2 a pin that no source could check (unless ``--allow-unchecked``).

    python scripts/audit_deps.py --advisory-db /path/to/advisory-database
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from packaging.version import InvalidVersion, Version

ROOT = Path(__file__).resolve().parents[1]
PYPI_JSON = "https://pypi.org/pypi/{name}/json"
_PIN = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*==\s*([^\s;#]+)")


def canonical(name: str) -> str:
    """PEP 503 normalised project name."""
    return re.sub(r"[-_.]+", "-", name).lower()


def parse_pins(lines: Iterable[str]) -> dict[str, str]:
    """``name==version`` lines of a constraints/requirements file (comments, markers ignored)."""
    pins: dict[str, str] = {}
    for line in lines:
        match = _PIN.match(line)
        if match:
            pins[canonical(match.group(1))] = match.group(2)
    return pins


@dataclass(frozen=True)
class Finding:
    package: str
    version: str
    advisory: str
    aliases: tuple[str, ...]
    fixed: tuple[str, ...]
    source: str


@dataclass
class PinReport:
    package: str
    version: str
    checked_by: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _v(text: str) -> Version | None:
    try:
        return Version(text)
    except InvalidVersion:
        return None


def osv_affects(entry: Mapping[str, Any], package: str, version: str) -> bool:
    """Whether an OSV record's ``affected`` list covers ``package`` at ``version``.

    Explicit ``versions`` count; ECOSYSTEM ranges are read as ordered introduced/fixed/
    last_affected events (OSV's semantics); GIT ranges are ignored (no commit mapping here).
    """
    if entry.get("withdrawn"):
        return False
    target = _v(version)
    for affected in entry.get("affected") or ():
        pkg = affected.get("package") or {}
        if canonical(str(pkg.get("name", ""))) != package:
            continue
        if pkg.get("ecosystem", "PyPI") != "PyPI":
            continue
        if version in {str(v) for v in affected.get("versions") or ()}:
            return True
        if target is None:
            continue
        for rng in affected.get("ranges") or ():
            if rng.get("type") == "ECOSYSTEM" and _in_range(target, rng.get("events") or ()):
                return True
    return False


def _in_range(target: Version, events: Iterable[Mapping[str, Any]]) -> bool:
    inside = False
    for event in events:
        if "introduced" in event:
            start = str(event["introduced"])
            bound = Version("0") if start == "0" else _v(start)
            if bound is not None and target >= bound:
                inside = True
        elif "fixed" in event:
            bound = _v(str(event["fixed"]))
            if bound is not None and target >= bound:
                inside = False
        elif "last_affected" in event:
            bound = _v(str(event["last_affected"]))
            if bound is not None and target > bound:
                inside = False
    return inside


def _fixed_versions(entry: Mapping[str, Any]) -> tuple[str, ...]:
    fixed: list[str] = []
    for affected in entry.get("affected") or ():
        for rng in affected.get("ranges") or ():
            if rng.get("type") == "ECOSYSTEM":
                fixed += [str(e["fixed"]) for e in rng.get("events") or () if "fixed" in e]
    return tuple(fixed)


def check_advisory_db(db: Path, report: PinReport) -> None:
    """Check one pin against the PyPA advisory database tree at ``db`` (``vulns/NAME/*.yaml``)."""
    vulns = db / "vulns" if (db / "vulns").is_dir() else db
    folders = [p for p in vulns.iterdir() if p.is_dir() and canonical(p.name) == report.package]
    for folder in folders:
        for path in sorted(folder.glob("*.yaml")):
            entry = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            if osv_affects(entry, report.package, report.version):
                report.findings.append(Finding(
                    report.package, report.version, str(entry.get("id", path.stem)),
                    tuple(entry.get("aliases") or ()), _fixed_versions(entry),
                    "advisory-db"))
    report.checked_by.append("advisory-db")


Fetch = Callable[[str], Mapping[str, Any] | None]


def fetch_pypi(name: str) -> Mapping[str, Any] | None:
    """PyPI's project JSON, or None when the index cannot be reached."""
    try:
        with urllib.request.urlopen(PYPI_JSON.format(name=name), timeout=30) as response:
            data: Mapping[str, Any] = json.load(response)
            return data
    except (urllib.error.URLError, OSError, ValueError):
        return None


def check_pypi(fetch: Fetch, report: PinReport) -> None:
    """Settle a pin from PyPI's project JSON when the pin is the latest release."""
    data = fetch(report.package)
    if data is None:
        report.notes.append("PyPI no respondió")
        return
    latest = str((data.get("info") or {}).get("version", ""))
    if latest != report.version:
        report.notes.append(f"la última versión en PyPI es {latest}")
        return
    for vuln in data.get("vulnerabilities") or ():
        if vuln.get("withdrawn"):
            continue
        report.findings.append(Finding(
            report.package, report.version, str(vuln.get("id", "?")),
            tuple(vuln.get("aliases") or ()), tuple(vuln.get("fixed_in") or ()), "pypi"))
    report.checked_by.append("pypi")


def audit(pins: Mapping[str, str], advisory_db: Path | None, fetch: Fetch | None) -> list[PinReport]:
    reports = []
    for package, version in sorted(pins.items()):
        report = PinReport(package, version)
        if fetch is not None:
            check_pypi(fetch, report)
        if advisory_db is not None:
            check_advisory_db(advisory_db, report)
        reports.append(report)
    return reports


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen: set[str] = set()
    unique = []
    for finding in findings:
        keys = {finding.advisory, *finding.aliases}
        if keys & seen:
            continue
        seen |= keys
        unique.append(finding)
    return unique


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--constraints", type=Path, default=ROOT / "constraints.txt")
    parser.add_argument("--advisory-db", type=Path, default=None,
                        help="carpeta con el árbol vulns/ de pypa/advisory-database")
    parser.add_argument("--offline", action="store_true", help="no consultar PyPI")
    parser.add_argument("--allow-unchecked", action="store_true")
    args = parser.parse_args(argv)

    pins = parse_pins(args.constraints.read_text(encoding="utf-8").splitlines())
    if args.advisory_db is not None and not args.advisory_db.is_dir():
        print(f"Error: no existe la carpeta {args.advisory_db}", file=sys.stderr)
        return 2
    reports = audit(pins, args.advisory_db, None if args.offline else fetch_pypi)
    vulnerable = [r for r in reports if r.findings]
    unchecked = [r for r in reports if not r.checked_by]
    for report in reports:
        status = "VULNERABLE" if report.findings else "ok" if report.checked_by else "sin revisar"
        sources = ",".join(report.checked_by) or "-"
        notes = "; ".join(report.notes)
        print(f"{report.package:28} {report.version:14} {status:11} {sources:16} {notes}")
        for finding in _dedupe(report.findings):
            aliases = ", ".join(finding.aliases)
            fixed = ", ".join(finding.fixed) or "sin versión corregida"
            print(f"    {finding.advisory} ({aliases}) corregida en: {fixed} [{finding.source}]")
    print(f"\n{len(reports)} dependencias fijadas; {len(vulnerable)} con vulnerabilidades "
          f"conocidas; {len(unchecked)} sin fuente que las revisara.")
    if vulnerable:
        return 1
    if unchecked and not args.allow_unchecked:
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
