"""The staff area in a real browser (headless Chromium, as test_web_browser): log in through
the form, use the admin pages under the strict CSP, log out; axe-core finds no serious
accessibility problem on the login, home and audit pages."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from staff_helpers import STAFF_PASSWORD, STAFF_USER, add_user
from test_web_browser import _by_css, _wait, axe_source, browser, downloads, pytestmark
from werkzeug.serving import make_server

from search_app import create_app

__all__ = ["axe_source", "browser", "downloads", "pytestmark"]  # fixtures reused, not copied

AXE_RUN = (
    "const done = arguments[arguments.length - 1];"
    "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', "
    "'wcag21aa', 'best-practice']}}).then(r => done(r.violations.map("
    "v => [v.id, v.impact, v.nodes.length, v.nodes[0].target.join(' ')])));"
)


@pytest.fixture(scope="module")
def admin_url(web_index: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("staff-browser")
    app: Flask = create_app({"TESTING": True, "INDEX_DIR": str(web_index),
                             "STAFF_DB": str(folder / "staff.sqlite3")})
    add_user(app)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(5)
    app.extensions["precedentes"].close()


def _axe(driver: Any, source: str) -> list[str]:
    driver.execute_script(source)
    return [f"{driver.current_url}: {v}" for v in driver.execute_async_script(AXE_RUN)
            if v[1] in ("serious", "critical")]


def test_login_use_and_logout_in_a_browser(browser: Any, admin_url: str,
                                           axe_source: str) -> None:
    from selenium.webdriver.common.keys import Keys

    browser.delete_all_cookies()
    browser.get(admin_url + "/admin/auditoria")
    _wait(lambda: "/admin/entrar" in browser.current_url)
    _by_css(browser, "#usuario").send_keys(STAFF_USER)
    _by_css(browser, "#contrasena").send_keys("contraseña equivocada", Keys.ENTER)
    _wait(lambda: "incorrectos" in browser.page_source)
    problems = _axe(browser, axe_source)  # the login form, with its error message
    _by_css(browser, "#contrasena").send_keys(STAFF_PASSWORD, Keys.ENTER)
    # back where the login started (next=), with the staff navigation
    _wait(lambda: browser.current_url.endswith("/admin/auditoria"))
    assert "Entrada fallida" in _by_css(browser, "table.audit-table").text
    problems += _axe(browser, axe_source)
    browser.get(admin_url + "/admin/")
    assert _by_css(browser, "nav.admin-nav").is_displayed()
    problems += _axe(browser, axe_source)
    cookie = browser.get_cookie("session")
    assert cookie and cookie["httpOnly"] and cookie["sameSite"] == "Lax"
    _by_css(browser, "nav.admin-nav button[type=submit]").click()
    _wait(lambda: "Cerró su sesión" in browser.page_source)
    browser.get(admin_url + "/admin/")
    _wait(lambda: "/admin/entrar" in browser.current_url)
    assert not problems, "\n".join(problems)
