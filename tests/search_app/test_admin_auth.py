"""The staff area's gate: login and logout, the failed-login throttle, session expiry and
fixation, cookie flags, open redirects, CSRF on every POST, and a walk of the whole URL map
proving that no /admin route answers an anonymous client."""

from __future__ import annotations

import re
import time

import pytest
from flask import Flask
from staff_helpers import STAFF_PASSWORD, STAFF_USER, StaffClient, add_user, csrf_token_from
from werkzeug.routing import Rule

from search_app.admin import CSRF_MESSAGE, auth, db
from search_app.admin.views_auth import BAD_LOGIN, safe_next

LOGIN = "/admin/entrar"


def _login(client, username: str = STAFF_USER, password: str = STAFF_PASSWORD,
           next_url: str | None = None, addr: str = "127.0.0.1"):
    token = csrf_token_from(client.get(LOGIN))
    form = {"usuario": username, "contrasena": password, "csrf_token": token}
    if next_url is not None:
        form["next"] = next_url
    return client.post(LOGIN, data=form, environ_base={"REMOTE_ADDR": addr})


def _audit_actions(app: Flask) -> list[tuple[str, str, str]]:
    with app.app_context():
        rows = db.get_db().execute(
            "SELECT action, username, target FROM audit_log ORDER BY id").fetchall()
    return [(r["action"], r["username"], r["target"]) for r in rows]


@pytest.fixture()
def user_app(staff_app: Flask) -> Flask:
    add_user(staff_app)
    return staff_app


@pytest.fixture()
def fake_clock(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """auth.clock() returns now[0]; tests move it forward."""
    now = [time.time()]
    monkeypatch.setattr(auth, "clock", lambda: now[0])
    return now


# --- login, logout, sessions ---------------------------------------------------------------

def test_login_logout_and_replayed_cookie_after_logout(user_app: Flask) -> None:
    client = user_app.test_client()
    assert client.get("/admin/").status_code == 302
    response = _login(client)
    assert response.status_code == 302 and response.headers["Location"] == "/admin/"
    home = client.get("/admin/")
    assert home.status_code == 200 and STAFF_USER in home.get_data(as_text=True)
    cookie = client.get_cookie("session")
    assert cookie is not None
    old_value = cookie.value

    token = csrf_token_from(home)
    out = client.post("/admin/salir", data={"csrf_token": token})
    assert out.status_code == 302 and out.headers["Location"].startswith(LOGIN)
    assert client.get("/admin/").status_code == 302
    # the cookie from before logout is signed and intact, but its server session is gone
    client.set_cookie("session", old_value)
    assert client.get("/admin/").status_code == 302
    actions = [a for a, _, _ in _audit_actions(user_app)]
    assert actions == ["auth.login", "auth.logout"]


@pytest.mark.parametrize("username, password", [
    (STAFF_USER, "contraseña-equivocada"),
    ("nadie", "contraseña-equivocada"),  # an unknown user gets the very same answer
    (STAFF_USER.upper(), "x"),
])
def test_wrong_credentials_same_spanish_answer(user_app: Flask, username: str,
                                               password: str) -> None:
    client = user_app.test_client()
    response = _login(client, username, password)
    assert response.status_code == 401
    assert BAD_LOGIN in response.get_data(as_text=True)
    assert client.get("/admin/").status_code == 302
    assert _audit_actions(user_app)[-1][0] == "auth.login_failed"


def test_user_name_is_case_insensitive(user_app: Flask) -> None:
    client = user_app.test_client()
    assert _login(client, "  " + STAFF_USER.upper()).status_code == 302


def test_session_cookie_flags_and_no_store(user_app: Flask) -> None:
    client = user_app.test_client()
    response = _login(client)
    set_cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in set_cookie and "SameSite=Lax" in set_cookie
    assert client.get("/admin/").headers["Cache-Control"] == "no-store"


def test_login_regenerates_the_session(user_app: Flask) -> None:
    client = user_app.test_client()
    anonymous_token = csrf_token_from(client.get(LOGIN))
    anonymous_cookie = client.get_cookie("session")
    assert anonymous_cookie is not None
    assert _login(client).status_code == 302
    assert client.get_cookie("session").value != anonymous_cookie.value
    # the CSRF token of the session before login is not valid after it
    assert client.post("/admin/salir", data={"csrf_token": anonymous_token}).status_code == 400
    with user_app.app_context():
        first = [r[0] for r in db.get_db().execute("SELECT id FROM staff_sessions")]
    # logging in again from the same browser replaces the session row, not adds one
    token = csrf_token_from(client.get("/admin/"))
    again = client.post(LOGIN, data={"usuario": STAFF_USER, "contrasena": STAFF_PASSWORD,
                                     "csrf_token": token})
    assert again.status_code == 302
    with user_app.app_context():
        second = [r[0] for r in db.get_db().execute("SELECT id FROM staff_sessions")]
    assert len(first) == len(second) == 1 and first != second


def test_public_pages_set_no_cookie(user_app: Flask) -> None:
    client = user_app.test_client()
    for url in ("/", "/buscar?q=datos", "/api/v1/buscar?q=datos"):
        response = client.get(url)
        assert response.status_code < 500
        assert "Set-Cookie" not in response.headers, url


def test_idle_session_expires(user_app: Flask, fake_clock: list[float]) -> None:
    client = user_app.test_client()
    _login(client)
    fake_clock[0] += 29 * 60
    assert client.get("/admin/").status_code == 200  # activity resets the idle timer
    fake_clock[0] += 29 * 60
    assert client.get("/admin/").status_code == 200
    fake_clock[0] += 31 * 60
    response = client.get("/admin/")
    assert response.status_code == 302 and response.headers["Location"].startswith(LOGIN)
    with user_app.app_context():
        assert db.get_db().execute("SELECT count(*) FROM staff_sessions").fetchone()[0] == 0


def test_absolute_session_cap(user_app: Flask, fake_clock: list[float]) -> None:
    client = user_app.test_client()
    _login(client)
    for _ in range(8 * 3):  # active every 20 minutes for 8 hours
        fake_clock[0] += 20 * 60
        assert client.get("/admin/").status_code == 200
    fake_clock[0] += 20 * 60
    assert client.get("/admin/").status_code == 302


# --- throttle --------------------------------------------------------------------------------

def test_five_failures_lock_the_user_for_fifteen_minutes(user_app: Flask,
                                                         fake_clock: list[float]) -> None:
    client = user_app.test_client()
    for _ in range(5):
        assert _login(client, password="contraseña-equivocada").status_code == 401
    locked = _login(client)  # even the right password is refused while locked
    assert locked.status_code == 429
    text = locked.get_data(as_text=True)
    assert "Demasiados intentos fallidos" in text and "15 minutos" in text
    assert 0 < int(locked.headers["Retry-After"]) <= 15 * 60
    # another address is still locked out of this user
    assert _login(user_app.test_client(), addr="10.0.0.9").status_code == 429
    logged = len(_audit_actions(user_app))
    for _ in range(3):  # hammering the locked form does not grow the audit log
        assert _login(client).status_code == 429
    assert len(_audit_actions(user_app)) == logged
    assert [a for a, _, _ in _audit_actions(user_app)].count("auth.locked") == 1
    fake_clock[0] += 15 * 60 + 1
    assert _login(client).status_code == 302
    assert "auth.locked" in [a for a, _, _ in _audit_actions(user_app)]


def test_unknown_user_is_locked_like_a_real_one(user_app: Flask) -> None:
    """The lock reveals nothing: a name that does not exist locks exactly like a real one."""
    answers = []
    for name, (addr_try, addr_then) in ((STAFF_USER, ("10.0.0.1", "10.0.0.2")),
                                        ("nadie", ("10.0.0.3", "10.0.0.4"))):
        for _ in range(5):
            _login(user_app.test_client(), name, "contraseña-equivocada", addr=addr_try)
        answers.append(_login(user_app.test_client(), name, "contraseña-equivocada",
                              addr=addr_then))
    assert [a.status_code for a in answers] == [429, 429]
    errors = [re.findall(r'<p class="form-error"[^>]*>([^<]*)</p>', a.get_data(as_text=True))
              for a in answers]
    assert errors[0] == errors[1] and len(errors[0]) == 1
    waits = [int(a.headers["Retry-After"]) for a in answers]
    assert abs(waits[0] - waits[1]) <= 5


def test_one_address_trying_many_names_is_locked(user_app: Flask) -> None:
    client = user_app.test_client()
    for i in range(5):
        _login(client, f"usuario{i}", "contraseña-equivocada")
    assert _login(client).status_code == 429  # the address is locked, whatever the name
    assert _login(user_app.test_client(), password=STAFF_PASSWORD).status_code == 429


# --- open redirects ----------------------------------------------------------------------------

REDIRECTS = [
    ("/admin/auditoria?pagina=2", "/admin/auditoria?pagina=2"),
    ("/admin/", "/admin/"),
    ("//evil.com", "/admin/"),
    ("///evil.com", "/admin/"),
    ("https://evil.com", "/admin/"),
    ("http:evil.com", "/admin/"),
    ("/\\evil.com", "/admin/"),
    ("\\\\evil.com", "/admin/"),
    ("javascript:alert(1)", "/admin/"),
    ("/\t/evil.com", "/admin/"),
    ("/\n/evil.com", "/admin/"),
    (" //evil.com", "/admin/"),
    ("evil.com", "/admin/"),
    ("", "/admin/"),
    (None, "/admin/"),
]


@pytest.mark.parametrize("value, expected", REDIRECTS)
def test_safe_next(staff_app: Flask, value: str | None, expected: str) -> None:
    with staff_app.test_request_context("/"):
        assert safe_next(value) == expected


@pytest.mark.parametrize("value, expected", REDIRECTS[:10])
def test_login_never_redirects_off_site(user_app: Flask, value: str, expected: str) -> None:
    client = user_app.test_client()
    response = _login(client, next_url=value)
    assert response.status_code == 302
    assert response.headers["Location"] == expected
    # already logged in: the login page's GET sends on to the same safe place
    again = client.get(LOGIN, query_string={"next": value})
    assert again.status_code == 302 and again.headers["Location"] == expected


def test_anonymous_get_goes_to_login_with_next(user_app: Flask) -> None:
    client = user_app.test_client()
    response = client.get("/admin/auditoria?pagina=2")
    assert response.status_code == 302
    location = response.headers["Location"]
    assert location.startswith(LOGIN + "?next=")
    assert _login(client, next_url="/admin/auditoria?pagina=2").headers["Location"] == \
        "/admin/auditoria?pagina=2"


# --- every staff route is closed, every POST needs the token ------------------------------------

def _admin_rules(app: Flask) -> list[Rule]:
    return [r for r in app.url_map.iter_rules()
            if r.rule.startswith("/admin") and r.endpoint != "admin.login"
            and not r.endpoint.endswith("static")]


def _url(rule: Rule) -> str:
    url = rule.rule
    for arg in rule.arguments:
        url = re.sub(r"<(?:[^:<>]+:)?" + re.escape(arg) + ">", "1", url)
    return url


def test_url_map_walk_anonymous_never_served(user_app: Flask) -> None:
    rules = _admin_rules(user_app)
    endpoints = {r.endpoint for r in rules}
    assert {"admin.index", "admin.logout", "admin.audit_log"} <= endpoints
    client = user_app.test_client()
    token = csrf_token_from(client.get(LOGIN))  # a valid token: the auth check must refuse
    for rule in rules:
        url = _url(rule)
        for method in ("GET", "POST"):
            data = {"csrf_token": token} if method == "POST" else None
            response = client.open(url, method=method, data=data)
            status = response.status_code
            if method not in (rule.methods or ()):
                assert status in (401, 302, 405), (method, url, status)
                continue
            if status == 302:
                assert response.headers["Location"].startswith(LOGIN), (method, url)
            else:
                assert status == 401, (method, url, status)
                assert "iniciar sesión" in response.get_data(as_text=True)
    assert not [a for a in _audit_actions(user_app) if a[0] not in ("auth.login_failed",)]


def test_anonymous_json_request_gets_401_json(user_app: Flask) -> None:
    response = user_app.test_client().get("/admin/", headers={"Accept": "application/json"})
    assert response.status_code == 401
    assert response.get_json()["status"] == 401


def test_every_post_without_csrf_token_is_refused(staff_client: StaffClient) -> None:
    app = staff_client.app
    post_rules = [r for r in app.url_map.iter_rules() if "POST" in (r.methods or ())]
    assert any(r.endpoint == "admin.logout" for r in post_rules)
    for rule in post_rules:
        for form in ({}, {"csrf_token": "falso"}):
            response = staff_client.post(_url(rule), data=form, csrf=False)
            assert response.status_code == 400, (rule.rule, form)
            assert CSRF_MESSAGE in response.get_data(as_text=True)
    # the refused logout did not log out
    assert staff_client.get("/admin/").status_code == 200
    assert staff_client.post("/admin/salir").status_code == 302


def test_anonymous_login_post_without_token_refused(user_app: Flask) -> None:
    response = user_app.test_client().post(LOGIN, data={"usuario": STAFF_USER,
                                                        "contrasena": STAFF_PASSWORD})
    assert response.status_code == 400
    assert "Error 400" in response.get_data(as_text=True)


def test_post_to_public_route_is_not_a_csrf_error(user_app: Flask) -> None:
    response = user_app.test_client().post("/buscar")
    assert response.status_code == 405


# --- pages ----------------------------------------------------------------------------------

def test_audit_page_newest_first_and_paginated(staff_client: StaffClient) -> None:
    from search_app.admin.audit import record

    with staff_client.app.app_context():
        conn = db.get_db()
        for i in range(120):
            record(conn, username="ana", address="127.0.0.1", action="prueba",
                   target=f"doc-{i:03d}", detail={"antes": i, "después": i + 1})
    first = staff_client.get("/admin/auditoria").get_data(as_text=True)
    # the login (newest but one) and the last record come before older records
    assert first.index("doc-119") < first.index("doc-118")
    assert "doc-069" not in first and "página 1 de 3" in first
    assert "&#34;después&#34;: 120" in first or '"después": 120' in first
    third = staff_client.get("/admin/auditoria?pagina=3").get_data(as_text=True)
    assert "doc-000" in third and "Entrada" in third
    assert staff_client.get("/admin/auditoria?pagina=999").status_code == 200
    assert staff_client.get("/admin/auditoria?pagina=abc").status_code == 200


def test_pages_are_spanish_labelled_and_without_inline_code(user_app: Flask) -> None:
    client = user_app.test_client()
    login_page = client.get(LOGIN).get_data(as_text=True)
    assert '<label for="usuario">Usuario</label>' in login_page
    assert '<label for="contrasena">Contraseña</label>' in login_page
    _login(client)
    for url in (LOGIN + "?salida=1", "/admin/", "/admin/auditoria"):
        page = client.get(url, follow_redirects=True).get_data(as_text=True)
        assert 'lang="es-MX"' in page
        assert "<script" not in page and "<style" not in page and " style=" not in page
        assert not re.search(r" on[a-z]+=", page)


def test_home_counts_held_documents_and_links_ingests(staff_client: StaffClient) -> None:
    from web_records import web_records

    from search_app.admin import library

    record = web_records()[0]
    with staff_client.app.app_context():
        conn = db.get_db()
        library.put(conn, library.Entry(id=record.id, state="retenido", origin="subida",
                                        record=record))
        n = library.add_ingest(conn, {"documentos": 1}, user=STAFF_USER)
    page = staff_client.get("/admin/").get_data(as_text=True)
    held = re.search(r'href="/admin/documentos\?estado=retenido">[^<]*</a>: <strong>(\d+)<', page)
    assert held and held.group(1) == "1"
    assert f'href="/admin/ingestas/{n}"' in page


def test_staff_required_alone_outside_the_blueprint(web_index, tmp_path) -> None:
    """The decorator guards a view on its own (the blueprint's guard is a second lock)."""
    from search_app import create_app

    app = create_app({"TESTING": True, "INDEX_DIR": str(web_index), "WTF_CSRF_ENABLED": False,
                      "STAFF_DB": str(tmp_path / "s.sqlite3")})
    app.add_url_rule("/prueba-personal", "prueba", auth.staff_required(lambda: "adentro"),
                     methods=["GET", "POST"])
    add_user(app)
    client = app.test_client()
    response = client.get("/prueba-personal?a=1")
    assert response.status_code == 302
    assert response.headers["Location"] == "/admin/entrar?next=/prueba-personal?a%3D1"
    assert client.post("/prueba-personal").status_code == 401
    client.post(LOGIN, data={"usuario": STAFF_USER, "contrasena": STAFF_PASSWORD})
    assert client.get("/prueba-personal").get_data(as_text=True) == "adentro"
    app.extensions["precedentes"].close()


@pytest.mark.parametrize("query, expected", [
    ({"usuario": "ANA"}, {"doc-a1", "doc-a2"}),
    ({"accion": "documento.retirar"}, {"doc-a1", "doc-b1"}),
    ({"objeto": "B1"}, {"doc-b1"}),
    ({"usuario": "ana", "accion": "documento.retirar"}, {"doc-a1"}),
    ({"usuario": "nadie"}, set()),
    ({"objeto": "%"}, set()),  # no LIKE wildcards
])
def test_audit_page_filters(staff_client: StaffClient, query: dict[str, str],
                            expected: set[str]) -> None:
    from search_app.admin.audit import record

    with staff_client.app.app_context():
        conn = db.get_db()
        for user, action, target in (("ana", "documento.retirar", "doc-a1"),
                                     ("ana", "documento.corregir", "doc-a2"),
                                     ("beto", "documento.retirar", "doc-b1")):
            record(conn, username=user, address="::1", action=action, target=target)
    page = staff_client.get("/admin/auditoria", query_string=query).get_data(as_text=True)
    shown = set(re.findall(r"<td>(doc-[ab]\d)</td>", page))
    assert shown == expected
    if not expected:
        assert "Ningún registro coincide" in page
