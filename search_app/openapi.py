"""The OpenAPI 3 description of ``/api/v1/`` (validated by a test with openapi-spec-validator).

Built from the same tables as the app (facet fields, sorts), so a new facet shows up here too.
"""

from __future__ import annotations

from typing import Any

from indexer.engine import SORTS
from indexer.fields import FACETS


def _param(name: str, description: str, schema: dict[str, Any],
           location: str = "query", **extra: Any) -> dict[str, Any]:
    return {"name": name, "in": location, "description": description, "schema": schema,
            "required": location == "path", **extra}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


ERRORS = {
    "400": {"$ref": "#/components/responses/BadRequest"},
    "404": {"$ref": "#/components/responses/NotFound"},
    "500": {"$ref": "#/components/responses/ServerError"},
}


def search_parameters(max_page_size: int) -> list[dict[str, Any]]:
    params = [
        _param("q", "Consulta: palabras (todas deben aparecer), \"frase exacta\", OR, -excluir, "
               "campo:valor (expediente, sujeto, ponente, tema, articulo…).", {"type": "string"}),
        _param("sort", "Orden.", {"type": "string", "enum": list(SORTS), "default": "relevance"}),
        _param("page", "Página (desde 1).", {"type": "integer", "minimum": 1, "default": 1}),
        _param("page_size", "Resultados por página.",
               {"type": "integer", "minimum": 1, "maximum": max_page_size, "default": 20}),
        _param("date_from", "Fecha inicial (AAAA-MM-DD o año).", {"type": "string"}),
        _param("date_to", "Fecha final (AAAA-MM-DD o año).", {"type": "string"}),
    ]
    for f in FACETS:
        params.append(_param(f.name, f"Filtro: {f.label}. Repetido, une valores (O).",
                             {"type": "array", "items": {"type": "string"}},
                             style="form", explode=True))
    return params


SCHEMAS: dict[str, Any] = {
    "Error": {
        "type": "object",
        "required": ["ok", "error", "status"],
        "properties": {
            "ok": {"type": "boolean", "enum": [False]},
            "error": {"type": "string", "description": "Mensaje en español."},
            "status": {"type": "integer"},
            "suggestion": {"type": "string", "description": "Consulta corregida sugerida."},
            "kind": {"type": "string"},
        },
    },
    "Hit": {
        "type": "object",
        "properties": {
            "id": {"type": "string"}, "title": {"type": "string"},
            "doc_type": {"type": "string"}, "garante": {"type": "string", "nullable": True},
            "state": {"type": "string", "nullable": True},
            "expediente": {"type": "string", "nullable": True},
            "date": {"type": "string", "nullable": True},
            "sentido": {"type": "array", "items": {"type": "string"}},
            "topics": {"type": "array", "items": {"type": "string"}},
            "sujeto_obligado": {"type": "string", "nullable": True},
            "ponente": {"type": "string", "nullable": True},
            "score": {"type": "number"},
            "snippet": {"type": "string", "description": "HTML: texto escapado, coincidencias en <mark>."},
            "is_sample": {"type": "boolean"},
            "url": {"type": "string"}, "api_url": {"type": "string"},
        },
    },
    "FacetValue": {
        "type": "object",
        "properties": {"value": {"type": "string"}, "label": {"type": "string"},
                       "count": {"type": "integer"}, "selected": {"type": "boolean"},
                       "toggle_url": {"type": "string"}},
    },
    "SearchResponse": {
        "type": "object",
        "required": ["ok", "total", "hits"],
        "properties": {
            "ok": {"type": "boolean"}, "total": {"type": "integer"},
            "page": {"type": "integer"}, "pages": {"type": "integer"},
            "page_size": {"type": "integer"},
            "params": {"type": "object"},
            "hits": {"type": "array", "items": _ref("Hit")},
            "facets": {"type": "object", "additionalProperties": {
                "type": "object",
                "properties": {"label": {"type": "string"}, "incomplete": {"type": "boolean"},
                               "values": {"type": "array", "items": _ref("FacetValue")}}}},
            "suggestion": {"type": "string", "nullable": True},
            "warnings": {"type": "array", "items": {"type": "string"}},
            "elapsed_ms": {"type": "number"},
            "is_sample": {"type": "boolean"},
        },
    },
    "DocumentResponse": {
        "type": "object",
        "properties": {"ok": {"type": "boolean"}, "document": {
            "type": "object", "description": "El registro completo (DocumentRecord).",
            "properties": {"id": {"type": "string"}, "text": {"type": "string"},
                           "url": {"type": "string"},
                           "original_url": {"type": "string", "nullable": True}}}},
    },
    "Citation": {
        "type": "object",
        "properties": {"kind": {"type": "string", "enum": ["criterio", "expediente", "articulo"]},
                       "ref": {"type": "string"}, "id": {"type": "string", "nullable": True},
                       "url": {"type": "string"}},
    },
    "CitationsResponse": {
        "type": "object",
        "properties": {"ok": {"type": "boolean"}, "id": {"type": "string"},
                       "cites": {"type": "array", "items": _ref("Citation")},
                       "cited_by": {"type": "array", "items": _ref("Hit")}},
    },
    "StatsResponse": {
        "type": "object",
        "properties": {
            "ok": {"type": "boolean"}, "total": {"type": "integer"}, "params": {"type": "object"},
            "tables": {"type": "array", "items": {
                "type": "object",
                "properties": {"key": {"type": "string"}, "title": {"type": "string"},
                               "columns": {"type": "array", "items": {"type": "string"}},
                               "rows": {"type": "array", "items": {"type": "array", "items": {}}},
                               "note": {"type": "string"}}}},
        },
    },
}


def openapi_document(server_url: str, max_page_size: int = 100) -> dict[str, Any]:
    """The OpenAPI 3.0 document for the API served at ``server_url``."""
    doc_id = _param("doc_id", "Identificador del documento.", {"type": "string"}, "path")
    search_params = search_parameters(max_page_size)
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Buscador de criterios y precedentes — API",
            "version": "1.0.0",
            "description": "Criterios y resoluciones de los organismos garantes del Sureste de "
                           "México. Todo error responde {\"ok\": false, \"error\": …, \"status\": …}.",
        },
        "servers": [{"url": server_url}],
        "paths": {
            "/search": {"get": {
                "summary": "Buscar", "operationId": "search", "parameters": search_params,
                "responses": {"200": _json(_ref("SearchResponse"), "Resultados."), **ERRORS}}},
            "/documents/{doc_id}": {"get": {
                "summary": "Un documento", "operationId": "getDocument", "parameters": [doc_id],
                "responses": {"200": _json(_ref("DocumentResponse"), "El documento."), **ERRORS}}},
            "/documents/{doc_id}/citations": {"get": {
                "summary": "Citas de un documento y documentos que lo citan",
                "operationId": "getCitations", "parameters": [doc_id],
                "responses": {"200": _json(_ref("CitationsResponse"), "Citas."), **ERRORS}}},
            "/stats": {"get": {
                "summary": "Estadísticas de los Plenos", "operationId": "getStats",
                "parameters": [p for p in search_params if p["name"] not in
                               ("sort", "page", "page_size")],
                "responses": {"200": _json(_ref("StatsResponse"), "Tablas."), **ERRORS}}},
            "/openapi.json": {"get": {
                "summary": "Esta descripción", "operationId": "openapi",
                "responses": {"200": _json({"type": "object"}, "OpenAPI 3.")}}},
        },
        "components": {
            "schemas": SCHEMAS,
            "responses": {
                "BadRequest": _json(_ref("Error"), "Consulta o filtro no válido."),
                "NotFound": _json(_ref("Error"), "No existe."),
                "ServerError": _json(_ref("Error"), "Error interno."),
            },
        },
    }
