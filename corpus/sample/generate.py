"""The sample corpus: plan, compose, render, and write files with their ground truth, or
write large sets of ``DocumentRecord`` JSON lines for benchmarks. Deterministic per seed."""

from __future__ import annotations

import hashlib
import itertools
import json
import random
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from corpus.records import DocumentRecord, Precedent
from corpus.sample.criterion import compose_criterion
from corpus.sample.model import SampleDoc, plain_text
from corpus.sample.plan import (
    BODIES,
    BODY_WEIGHTS,
    YEAR_WEIGHTS,
    YEARS,
    DocSpec,
    random_date,
    spec_for,
)
from corpus.sample.resolution import compose_resolution
from corpus.sample.writer import Pools

DEFAULT_COUNT = 60
KIND_CYCLE = ("recurso", "criterio", "recurso", "denuncia", "recurso", "recurso", "criterio", "recurso", "acuerdo", "recurso")
FORMAT_CYCLE = (("pdf", "onecol"), ("pdf", "twocol"), ("pdf", "hyphen"), ("pdf", "table"), ("pdf", "scanned"),
                ("html", "portal"), ("html", "legacy"), ("docx", "docx"), ("html", "simple"), ("pdf", "onecol"))
EXTENSIONS = {"pdf": "pdf", "html": "html", "docx": "docx"}
Progress = Callable[[int], None]


@dataclass(frozen=True)
class Written:
    """One written file and its ground-truth line."""

    path: str
    truth: dict[str, object]


def _chronological(specs: list[DocSpec]) -> list[DocSpec]:
    ordered = sorted(specs, key=lambda s: (s.when, s.index))
    numbers: dict[tuple[str, int], int] = {}
    renumbered: dict[tuple[str, tuple[int, int]], tuple[int, int]] = {}
    for i, s in enumerate(ordered):
        s.index = i
        if s.criterion_number is not None:
            key = (s.garante, s.when.year)
            numbers[key] = numbers.get(key, 0) + 1
            renumbered[(s.garante, s.criterion_number)] = (numbers[key], s.when.year)
            s.criterion_number = renumbered[(s.garante, s.criterion_number)]
    for s in ordered:
        sup = s.extra.get("superseded_by")
        if isinstance(sup, tuple):
            s.extra["superseded_by"] = renumbered[(s.garante, sup)]
    return ordered


def _link_criteria(specs: list[DocSpec], rng: random.Random, share: float) -> None:
    """Mark some criteria as superseded by a later criterion of the same body (same topic)."""
    by_body: dict[str, list[DocSpec]] = {}
    for s in specs:
        if s.kind == "criterio":
            by_body.setdefault(s.garante, []).append(s)
    for crits in by_body.values():
        crits.sort(key=lambda s: s.when)
        for older, newer in itertools.pairwise(crits):
            if rng.random() < share and newer.criterion_number and newer.when > older.when:
                older.extra["superseded_by"] = newer.criterion_number
                newer.topic = older.topic


def plan_files(count: int, seed: int) -> list[DocSpec]:
    """Specs for the file corpus: every body gets every kind and format in rotation."""
    rng = random.Random(f"plan-files:{seed}")
    counters: dict[tuple[str, str, int], int] = {}
    specs = []
    for i in range(count):
        gi = i % len(BODIES)
        k = i // len(BODIES)
        garante = BODIES[gi]
        kind = KIND_CYCLE[(k + gi) % len(KIND_CYCLE)]
        fmt, layout = FORMAT_CYCLE[(k + 2 * gi) % len(FORMAT_CYCLE)]
        year = rng.randrange(2022, 2026) if kind == "criterio" else rng.choices(YEARS, YEAR_WEIGHTS)[0]
        spec = spec_for(i, rng, garante, kind, random_date(rng, year), counters)
        spec.fmt, spec.layout = fmt, layout
        specs.append(spec)
    _link_criteria(specs, rng, 0.5)
    return _chronological(specs)


def plan_records(count: int, seed: int) -> list[DocSpec]:
    """Specs for a large record set with realistic distributions over bodies, years, kinds."""
    rng = random.Random(f"plan-records:{seed}")
    counters: dict[tuple[str, str, int], int] = {}
    specs = []
    kinds = ("recurso", "denuncia", "acuerdo", "criterio")
    for i in range(count):
        garante = rng.choices(BODIES, BODY_WEIGHTS)[0]
        kind = rng.choices(kinds, (90, 5, 3, 2))[0]
        year = rng.choices(YEARS, YEAR_WEIGHTS)[0]
        specs.append(spec_for(i, rng, garante, kind, random_date(rng, year), counters))
    _link_criteria(specs, rng, 0.25)
    return _chronological(specs)


def compose(spec: DocSpec, seed: int, pools: Pools, short: bool = False, extra_paras: int = 0) -> SampleDoc:
    """Compose one document and register it in the citation pools."""
    doc_seed = f"doc:{seed}:{spec.index}:{spec.garante}"
    if spec.kind == "criterio":
        doc = compose_criterion(spec, doc_seed, pools, short)
    else:
        doc = compose_resolution(spec, doc_seed, pools, short, extra_paras)
        pools.add_expediente(spec)
    return doc


def record_id(doc: SampleDoc) -> str:
    """The id ingestion gives the document (the one id rule lives in ``corpus.metadata``)."""
    from corpus.metadata import record_id as metadata_record_id

    t = doc.truth
    return metadata_record_id(t.garante, t.expediente, t.number, "")


def to_record(doc: SampleDoc, source_path: str | None = None) -> DocumentRecord:
    """The record ingestion should produce for ``doc`` (text, sections, citations)."""
    text, sections = plain_text(doc.blocks)
    t = doc.truth
    return DocumentRecord(
        id=record_id(doc), garante=t.garante, state=t.state, doc_type=t.doc_type, expediente=t.expediente,
        expediente_raw=t.expediente_raw, date=t.date, year=t.year, sujeto_obligado=t.sujeto_obligado,
        ponente=t.ponente, folio=t.folio, sentido=list(t.sentido), title=t.title, text=text, sections=sections,
        cites_criteria=list(t.cites_criteria), cites_expedientes=list(t.cites_expedientes),
        cites_articles=list(t.cites_articles), source_path=source_path,
        source_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        extraction={"format": "sample", "pages": 1, "methods": ["plain"], "warnings": []}, is_sample=True,
        number=t.number, rubro=t.rubro, precedentes=[Precedent(**p) for p in t.precedentes],  # type: ignore[arg-type]
        vigencia=t.vigencia, superseded_by=t.superseded_by, sujeto_obligado_kind=t.sujeto_obligado_kind,
        topics=list(t.topics),
    )


def iter_records(count: int, seed: int = 0) -> Iterator[DocumentRecord]:
    """Yield ``count`` sample records, lengths spread between about 300 and 3,000 words."""
    specs = plan_records(count, seed)
    pools = Pools()
    for spec in specs:
        rng = random.Random(f"len:{seed}:{spec.index}")
        roll = rng.random()
        short = roll < 0.15 and spec.kind != "criterio"
        extra = 0 if short else rng.randrange(0, 4) if roll < 0.65 else rng.randrange(4, 14) if roll < 0.9 else rng.randrange(14, 34)
        yield to_record(compose(spec, seed, pools, short, extra))


def write_records(
    out_dir: Path,
    count: int,
    seed: int = 0,
    progress: Progress | None = None,
    exclude_ids: Collection[str] = (),
) -> Path:
    """Write ``count`` records to OUT_DIR/records.jsonl and return its path.

    Records whose id is in ``exclude_ids`` are skipped (and replaced by further ones), so a
    record set written beside rendered files never takes the id of one of them: each plan
    numbers expedientes from 1 per body and year, and equal ids would replace each other.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "records.jsonl"
    excluded = frozenset(exclude_ids)
    wanted = (r for r in iter_records(count + len(excluded), seed) if r.id not in excluded)
    with open(path, "w", encoding="utf-8") as fh:
        for record in itertools.islice(wanted, count):
            fh.write(json.dumps(record.to_dict(), ensure_ascii=False))
            fh.write("\n")
            if progress:
                progress(1)
    return path


def render(doc: SampleDoc, spec: DocSpec, seed: int) -> tuple[bytes, dict[str, object]]:
    """Render one document in the spec's format; returns bytes and format facts."""
    rng = random.Random(f"render:{seed}:{spec.index}")
    if spec.fmt == "pdf" and spec.layout == "scanned":
        import pypdfium2 as pdfium

        from corpus.sample.render_pdf import render_pdf
        from corpus.sample.render_scan import render_scan

        for size in (10.5, 9.5, 8.5):  # the whole document on at most two pages
            text_pdf = render_pdf(doc, "onecol", random.Random(f"render:{seed}:{spec.index}"), size=size)
            probe = pdfium.PdfDocument(text_pdf)
            pages = len(probe)
            probe.close()
            if pages <= 2:
                break
        data, pages = render_scan(text_pdf, rng)
        return data, {"scanned": True, "pages": pages}
    if spec.fmt == "pdf":
        from corpus.sample.render_pdf import render_pdf

        data = render_pdf(doc, spec.layout, rng)
        return data, {"scanned": False, "pages": data.count(b"/Type /Page\n") or None}
    if spec.fmt == "html":
        from corpus.sample.render_html import render_html

        encoding = {"portal": "utf-8", "legacy": "cp1252", "simple": "utf-8"}[spec.layout]
        return render_html(doc, spec.layout, rng), {"encoding": encoding, "charset_declared": spec.layout == "portal"}
    from corpus.sample.render_docx import render_docx

    return render_docx(doc, rng), {}


def write_corpus(out_dir: Path, count: int = DEFAULT_COUNT, seed: int = 0, progress: Progress | None = None) -> list[Written]:
    """Write ``count`` sample files under OUT_DIR/docs and OUT_DIR/ground_truth.jsonl."""
    docs_dir = out_dir / "docs"
    docs_dir.mkdir(parents=True, exist_ok=True)
    pools = Pools()
    written = []
    for spec in plan_files(count, seed):
        short = spec.layout == "scanned"
        extra = 0 if short else random.Random(f"len:{seed}:{spec.index}").randrange(0, 4)
        doc = compose(spec, seed, pools, short, extra)
        data, facts = render(doc, spec, seed)
        rel = f"docs/muestra_{spec.index:03d}.{EXTENSIONS[spec.fmt]}"
        (out_dir / rel).write_bytes(data)
        truth = {"path": rel, "format": spec.fmt, "layout": spec.layout, **facts, **doc.truth.as_dict(),
                 "id": record_id(doc), "sha256": hashlib.sha256(data).hexdigest()}
        written.append(Written(rel, truth))
        if progress:
            progress(1)
    with open(out_dir / "ground_truth.jsonl", "w", encoding="utf-8") as fh:
        for w in written:
            fh.write(json.dumps(w.truth, ensure_ascii=False, default=_json_default) + "\n")
    return written


def _json_default(value: object) -> object:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(type(value))
