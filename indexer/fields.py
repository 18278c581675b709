"""Facet and filter fields, and the query language's field names: declared once, here.

The whoosh schema, the tantivy schema, the web app's facet lists and the API all read these
tables. ``FACETS`` order is the order facets are shown in.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FacetField:
    name: str  # index field name, also the filter name in URLs and the API
    label: str  # Spanish label for pages
    multi: bool  # a document may carry several values


FACETS: tuple[FacetField, ...] = (
    FacetField("garante", "Organismo garante", False),
    FacetField("state", "Estado", False),
    FacetField("doc_type", "Tipo de documento", False),
    FacetField("year", "Año", False),
    FacetField("sentido", "Sentido", True),
    FacetField("topics", "Tema", True),
    FacetField("sujeto_kind", "Tipo de sujeto obligado", False),
    FacetField("ponente", "Ponente", False),
    FacetField("articles", "Fundamento citado", True),
    FacetField("vigencia", "Vigencia del criterio", False),
)
FACET_NAMES: tuple[str, ...] = tuple(f.name for f in FACETS)

# Fields that may be filtered on but are not shown as facets.
EXTRA_FILTERS: tuple[str, ...] = ("sujeto_obligado", "expediente", "id")

# The query language's `field:value` names (Spanish, as users type them; accents optional)
# mapped to index fields.
QUERY_FIELDS: dict[str, str] = {
    "expediente": "expediente",
    "exp": "expediente",
    "sujeto": "sujeto_obligado",
    "sujeto_obligado": "sujeto_obligado",
    "ponente": "ponente",
    "garante": "garante",
    "organismo": "garante",
    "estado": "state",
    "año": "year",
    "ano": "year",
    "anio": "year",
    "tema": "topics",
    "articulo": "articles",
    "artículo": "articles",
    "art": "articles",
    "sentido": "sentido",
    "tipo": "doc_type",
    "criterio": "criteria",
    "titulo": "title",
    "título": "title",
    "rubro": "title",
    "vigencia": "vigencia",
}

DOC_TYPE_LABELS: dict[str, str] = {
    "resolucion": "Resolución",
    "criterio": "Criterio",
    "acuerdo": "Acuerdo",
    "ley": "Ley",
    "otro": "Otro",
}

SENTIDO_LABELS: dict[str, str] = {
    "confirma": "Confirma",
    "modifica": "Modifica",
    "revoca": "Revoca",
    "ordena": "Ordena",
    "sobresee": "Sobresee",
    "desecha": "Desecha",
    "otro": "Otro",
}


def facet(name: str) -> FacetField:
    for f in FACETS:
        if f.name == name:
            return f
    raise KeyError(name)
