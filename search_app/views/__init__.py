"""Blueprints, one per area: pages, documents, api, exports (and feeds), stats."""
