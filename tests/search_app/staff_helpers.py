"""Helpers for tests of the staff area: a logged-in test client that knows its CSRF token.

``StaffClient.post`` adds the session's CSRF token to the form unless ``csrf=False``; the
login goes through the real form (CSRF on), so a passing test exercises the real path."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from werkzeug.datastructures import MultiDict
from werkzeug.test import TestResponse

from search_app.admin import db, users

STAFF_USER = "personal"
STAFF_PASSWORD = "contraseña-de-prueba-larga"
FAST_HASH = "pbkdf2:sha256:1000"  # tests only: the app and the CLI use scrypt
_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_token_from(response: TestResponse) -> str:
    """The CSRF token of the first form in a page (the page must contain one)."""
    match = _TOKEN.search(response.get_data(as_text=True))
    assert match, "la página no tiene campo csrf_token"
    return match.group(1)


def add_user(app: Flask, username: str = STAFF_USER, password: str = STAFF_PASSWORD) -> str:
    """Create a staff user in the app's staff database (fast hash)."""
    with app.app_context():
        return users.create_user(db.get_db(), username, password, method=FAST_HASH)


class StaffClient:
    """A test client logged into the staff area as ``username``."""

    def __init__(self, app: Flask, username: str = STAFF_USER,
                 password: str = STAFF_PASSWORD) -> None:
        self.app = app
        self.username = username
        self.client: FlaskClient = app.test_client()
        token = csrf_token_from(self.client.get("/admin/entrar"))
        response = self.client.post("/admin/entrar", data={
            "usuario": username, "contrasena": password, "csrf_token": token})
        assert response.status_code == 302, response.get_data(as_text=True)[-400:]
        self._token: str | None = None

    def csrf_token(self) -> str:
        """A valid CSRF token for this client's session (read from the admin home's form)."""
        if self._token is None:
            self._token = csrf_token_from(self.client.get("/admin/"))
        return self._token

    def get(self, *args: Any, **kwargs: Any) -> TestResponse:
        return self.client.get(*args, **kwargs)

    def post(self, url: str, data: Mapping[str, Any] | MultiDict[str, Any] | None = None, *,
             csrf: bool = True, **kwargs: Any) -> TestResponse:
        """POST a form; ``csrf=False`` leaves the token out (to test refusals)."""
        form: MultiDict[str, Any] = MultiDict(data or {})
        if csrf and "csrf_token" not in form:
            form["csrf_token"] = self.csrf_token()
        return self.client.post(url, data=form, **kwargs)
