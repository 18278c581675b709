"""A document's citations out, each resolved to a document of the index when it is there and
to a search otherwise; and a criterion's precedentes and successor, the same way."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from flask import url_for

from corpus.records import DocumentRecord
from indexer.engine import Engine, SearchParams
from search_app.urlstate import href

KIND_LABELS = {"criterio": "Criterio", "expediente": "Expediente", "articulo": "Artículo"}
_CRITERION = re.compile(r"^\s*(?P<garante>[A-Za-zÁÉÍÓÚÑáéíóúñ]+)\s+(?P<number>\S.*?)\s*$")


@dataclass(frozen=True)
class Citation:
    kind: str  # criterio | expediente | articulo
    ref: str
    doc_id: str | None  # the cited document, when it is in the index
    url: str

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "ref": self.ref, "id": self.doc_id, "url": self.url}


def _norm_number(number: str) -> str:
    """"03/17" and "3/2017" compare equal: numbers without leading zeros, two-digit years."""
    parts = re.split(r"[/\-]", number.upper().replace(" ", ""))
    out = []
    for p in parts:
        if p.isdigit():
            p = str(int(p))
            if len(p) == 4 and p.startswith("20"):
                p = p[2:]
        out.append(p)
    return "/".join(out)


def find_expediente(engine: Engine, expediente: str) -> str | None:
    result = engine.search(SearchParams(filters=(("expediente", expediente),), page_size=1,
                                        with_facets=False, with_snippets=False))
    return result.hits[0].id if result.hits else None


def criteria_numbers(engine: Engine, garante: str) -> dict[str, str]:
    """{normalised number: id} of one body's criteria in the index."""
    result = engine.search(SearchParams(
        filters=(("doc_type", "criterio"), ("garante", garante)), page_size=500,
        with_facets=False, with_snippets=False))
    return {_norm_number(h.number): h.id for h in result.hits if h.number}


def find_criterion(engine: Engine, ref: str,
                   memo: dict[str, dict[str, str]] | None = None) -> str | None:
    """The id of criterion ``"INAI 3/2017"`` (garante + number), if the index holds it."""
    m = _CRITERION.match(ref)
    if not m:
        return None
    garante, number = m.group("garante").upper(), _norm_number(m.group("number"))
    memo = {} if memo is None else memo
    if garante not in memo:
        memo[garante] = criteria_numbers(engine, garante)
    return memo[garante].get(number)


def _link(kind: str, ref: str, doc_id: str | None) -> Citation:
    from search_app.withheld import withheld_ids

    if doc_id and doc_id not in withheld_ids():  # a withheld document: a search link instead
        return Citation(kind, ref, doc_id, url_for("documents.document", doc_id=doc_id))
    if kind == "articulo":
        pairs = [("articles", ref)]
    elif kind == "expediente":
        pairs = [("q", f'expediente:"{ref}"')]
    else:
        pairs = [("q", f'"{ref}"')]
    return Citation(kind, ref, None, href(url_for("pages.search"), pairs))


def citations_out(engine: Engine, record: DocumentRecord) -> list[Citation]:
    """Criteria, expedientes and articles the document cites, each linked."""
    memo: dict[str, dict[str, str]] = {}
    out = [_link("criterio", ref, find_criterion(engine, ref, memo))
           for ref in record.cites_criteria]
    out += [_link("expediente", ref, find_expediente(engine, ref))
            for ref in record.cites_expedientes]
    out += [_link("articulo", ref, None) for ref in record.cites_articles]
    return out


def precedent_links(engine: Engine, record: DocumentRecord) -> list[tuple[Citation, Any]]:
    """A criterion's precedentes, each linked, with the precedent itself (sujeto, ponente)."""
    return [(_link("expediente", p.expediente, find_expediente(engine, p.expediente)), p)
            for p in record.precedentes]


def successor_link(engine: Engine, record: DocumentRecord) -> Citation | None:
    """What supersedes a criterion: an id of the index, a criterion reference, or a search."""
    ref = record.superseded_by
    if not ref:
        return None
    target = engine.get(ref)
    if target is not None:
        label = " ".join(x for x in (target.garante, target.number) if x) or target.title or ref
        return _link("criterio", label, ref)
    return _link("criterio", ref, find_criterion(engine, ref))
