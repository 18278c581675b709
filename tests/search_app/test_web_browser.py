"""Browser tests: Debian's headless Chromium driven by Selenium (chromedriver from Debian too,
no browser download), against the app served on 127.0.0.1 in a thread, over the generated
sample corpus. One browser for the module; axe-core (npm package, fetched once into a cache
and injected by the test, never from a CDN) checks accessibility."""

from __future__ import annotations

import os
import shutil
import subprocess
import tarfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from werkzeug.serving import make_server

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
AXE_VERSION = "4.14.1"
AXE_CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "precedentes"
CHROME_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-dev-shm-usage", "--window-size=1280,900")

pytestmark = pytest.mark.skipif(
    not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
    reason="Chromium and chromedriver (Debian packages chromium, chromium-driver) are needed: "
    "scripts/test.sh installs them",
)


@pytest.fixture(scope="module")
def base_url(sample_app: Flask) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, sample_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(5)


@pytest.fixture(scope="module")
def downloads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("descargas")


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory, downloads: Path) -> Iterator[Any]:
    os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager must not download anything
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in CHROME_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(60)
    driver.execute_cdp_cmd("Browser.setDownloadBehavior",
                           {"behavior": "allow", "downloadPath": str(downloads)})
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def axe_source() -> str:
    """axe.min.js of the pinned axe-core release, from the npm registry (cached)."""
    target = AXE_CACHE / f"axe-core-{AXE_VERSION}" / "axe.min.js"
    if not target.exists():
        npm = shutil.which("npm")
        if npm is None:
            pytest.skip("npm is needed once to fetch axe-core from the npm registry")
        work = target.parent / "pack"
        work.mkdir(parents=True, exist_ok=True)
        subprocess.run([npm, "pack", f"axe-core@{AXE_VERSION}", "--silent"], cwd=work,
                       check=True, capture_output=True, timeout=180)
        with tarfile.open(work / f"axe-core-{AXE_VERSION}.tgz") as tar:
            member = tar.extractfile("package/axe.min.js")
            assert member is not None
            target.write_bytes(member.read())
        shutil.rmtree(work)
    return target.read_text(encoding="utf-8")


def _by_css(driver: Any, css: str) -> Any:
    from selenium.webdriver.common.by import By

    return driver.find_element(By.CSS_SELECTOR, css)


def _all_css(driver: Any, css: str) -> list[Any]:
    from selenium.webdriver.common.by import By

    return list(driver.find_elements(By.CSS_SELECTOR, css))


def _wait(predicate: Any, timeout: float = 15.0) -> Any:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("timed out waiting")


def test_search_facet_document_citation(browser: Any, base_url: str) -> None:
    from selenium.webdriver.common.keys import Keys

    browser.get(base_url + "/")
    assert "Corpus de muestra" in _by_css(browser, ".sample-banner").text
    box = _by_css(browser, "#q")
    box.send_keys("información", Keys.ENTER)
    _wait(lambda: "/buscar?" in browser.current_url)
    assert _all_css(browser, "li.hit"), "no results"
    total = _by_css(browser, ".results-count").text
    # toggle the first value of "Organismo garante" on, then off
    facet = _by_css(browser, "details.facet li a")
    label = facet.find_element("css selector", ".facet-label").text
    facet.click()
    _wait(lambda: "Filtros aplicados" in browser.page_source)
    assert label in _by_css(browser, ".selected-filters").text
    assert _by_css(browser, ".results-count").text != total or "garante=" in browser.current_url
    _by_css(browser, ".selected-filters a.chip").click()
    _wait(lambda: "Filtros aplicados" not in browser.page_source)
    # open a document that cites another document of the index, then follow the citation
    for hit in _all_css(browser, "li.hit h3 a")[:20]:
        href = hit.get_attribute("href")
        browser.get(href)
        links = [a for a in _all_css(browser, ".citations a") if "/documentos/" in
                 (a.get_attribute("href") or "")]
        if links:
            break
        browser.back()
    else:
        pytest.fail("no result on the first page cites a document of the index")
    assert _by_css(browser, "h1").text
    assert _all_css(browser, "table.meta th")
    target = links[0].get_attribute("href")
    links[0].click()
    _wait(lambda: browser.current_url == target)
    assert _by_css(browser, "#doc-title").text


def test_csv_download_and_feed(browser: Any, base_url: str, downloads: Path) -> None:
    browser.get(base_url + "/buscar?q=informaci%C3%B3n")
    _by_css(browser, '.downloads a[href^="/buscar.csv"]').click()
    csv_file = _wait(lambda: next((p for p in downloads.glob("*.csv")), None))
    _wait(lambda: csv_file.stat().st_size > 0 and not list(downloads.glob("*.crdownload")))
    lines = csv_file.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("id,titulo,tipo") and len(lines) > 1
    feed = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch('/buscar.atom?q=informaci%C3%B3n').then(r => r.text()).then(t => {"
        " const x = new DOMParser().parseFromString(t, 'application/xml');"
        " done([x.documentElement.nodeName, x.getElementsByTagName('entry').length]); });")
    assert feed[0] == "feed" and feed[1] > 0


def test_statistics_page(browser: Any, base_url: str) -> None:
    browser.get(base_url + "/estadisticas")
    charts = _all_css(browser, "svg.chart")
    assert len(charts) >= 3 and all(c.is_displayed() for c in charts[:3])
    assert charts[0].size["width"] > 200
    assert len(_all_css(browser, 'a[href*="/estadisticas/"][href$=".csv"], '
                                 'a[href*="/estadisticas/"][href*=".csv?"]')) == 4


def test_keyboard_skip_link_and_phone_width(browser: Any, base_url: str) -> None:
    from selenium.webdriver.common.keys import Keys

    browser.get(base_url + "/")
    _by_css(browser, "body").send_keys(Keys.TAB)
    active = browser.switch_to.active_element
    assert active.get_attribute("class") == "skip-link" and active.is_displayed()
    active.send_keys(Keys.ENTER)
    assert browser.switch_to.active_element.get_attribute("id") == "contenido"
    browser.set_window_size(375, 800)
    try:
        for path in ("/buscar?q=informaci%C3%B3n", "/estadisticas"):
            browser.get(base_url + path)
            overflow = browser.execute_script(
                "return document.documentElement.scrollWidth - window.innerWidth;")
            assert overflow <= 0, (path, overflow)
    finally:
        browser.set_window_size(1280, 900)


AXE_PAGES = ("/", "/buscar?q=informaci%C3%B3n", "/busqueda-avanzada", "/estadisticas")


def test_axe_no_serious_violations(browser: Any, base_url: str, axe_source: str) -> None:
    browser.get(base_url + "/")
    doc_id = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch('/api/v1/search?page_size=1').then(r => r.json()).then(d => done(d.hits[0].id));")
    problems: list[str] = []
    for path in (*AXE_PAGES, f"/documentos/{doc_id}"):
        browser.get(base_url + path)
        browser.execute_script(axe_source)
        result = browser.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', "
            "'wcag21a', 'wcag21aa', 'best-practice']}}).then(r => done(r.violations.map("
            "v => [v.id, v.impact, v.nodes.length, v.nodes[0].target.join(' ')])));")
        problems += [f"{path}: {v}" for v in result if v[1] in ("serious", "critical")]
    assert not problems, "\n".join(problems)
