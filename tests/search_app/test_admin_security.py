"""An attacker's view of the staff area (issue 6): request bodies an anonymous client can make
the server read, numbers in URLs that overflow the database, what the audit page names, and
public routes that must not serve what staff withheld."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from staff_helpers import StaffClient, csrf_token_from

from indexer.engine import SearchParams
from search_app.admin import audit

LOGIN = "/admin/entrar"
BIG = 3 << 20  # 3 MiB: far more than any form but an upload needs


def _multipart(size: int, token: str = "", fill: bytes = b"x") -> dict[str, object]:
    """A multipart body with one ``size``-byte file (and the CSRF token), built in memory
    (the test client would spool a large one to a temporary file that the refused request
    never reads nor closes)."""
    boundary = "limite-de-prueba"
    parts = []
    if token:
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="csrf_token"\r\n'
                     f"\r\n{token}\r\n".encode())
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="archivos"; '
                 f'filename="grande.txt"\r\nContent-Type: text/plain\r\n\r\n'.encode()
                 + fill * size + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return {"data": b"".join(parts),
            "content_type": f"multipart/form-data; boundary={boundary}"}


@pytest.mark.parametrize("url", [LOGIN, "/admin/subir", "/admin/reindexar",
                                 "/admin/documentos/x/retirar", "/admin/salir"])
def test_anonymous_large_body_refused_unread(staff_app: Flask, url: str) -> None:
    """An anonymous client cannot make the server spool megabytes (CSRF protection reads the
    form before the staff guard runs): the body is refused by its length, 413."""
    client = staff_app.test_client()
    token = csrf_token_from(client.get(LOGIN))
    response = client.post(url, **_multipart(BIG, token))
    assert response.status_code == 413, (url, response.status_code)
    assert "demasiado grande" in response.get_data(as_text=True)


def test_staff_forms_other_than_upload_have_a_small_cap(staff_client: StaffClient) -> None:
    response = staff_client.client.post("/admin/reindexar",
                                        **_multipart(BIG, staff_client.csrf_token()))
    assert response.status_code == 413


def test_staff_upload_still_takes_large_files(staff_client: StaffClient) -> None:
    """The small cap is not the upload's: a 3 MiB file reaches the upload, which judges it by
    its content (NUL bytes: not a supported format), not by the small cap."""
    app = staff_client.app
    app.config.update(UPLOAD_BACKGROUND=False, UPLOAD_TOPICS=False,
                      LIBRARY_DIR=str(Path(app.config["STAFF_DB"]).parent / "biblioteca"))
    response = staff_client.client.post("/admin/subir",
                                        **_multipart(BIG, staff_client.csrf_token(), b"\0"))
    assert response.status_code == 303, response.get_data(as_text=True)[-300:]
    report = staff_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "grande.txt" in report and "no admitido" in report
    assert "supera el límite" not in report


@pytest.mark.parametrize("n", ["99999999999999999999", str(2**63)])
def test_ingest_number_past_sqlite_range_is_404(staff_client: StaffClient, n: str) -> None:
    assert staff_client.get(f"/admin/ingestas/{n}").status_code == 404


def test_every_recorded_action_has_a_spanish_label() -> None:
    """The audit page names each action the staff views record (no raw keys such as
    ``documento.retirar`` shown to staff)."""
    import inspect
    import re

    from search_app.admin import views_auth, views_docs

    source = inspect.getsource(views_auth) + inspect.getsource(views_docs)
    actions = set(re.findall(r'(?:audit(?:_log\.audit)?\(|_act\(doc_id, |action=)"([a-z_.]+)"',
                             source))
    assert {"auth.login", "documento.retirar", "indice.reindexar",
            "documentos.ingesta"} <= actions
    assert not actions - set(audit.ACTION_LABELS)


def test_logout_of_one_session_leaves_others(staff_client: StaffClient) -> None:
    other = StaffClient(staff_client.app)
    assert staff_client.post("/admin/salir").status_code == 302
    assert other.get("/admin/").status_code == 200
    assert staff_client.get("/admin/").status_code == 302


# --- withheld documents must not leak through the "¿quiso decir…?" suggestion -------------

WORD = "zanahoriazul"  # only in the document that is withdrawn


def _suggestion(app: Flask, q: str) -> str | None:
    data = app.test_client().get("/api/v1/search", query_string={"q": q}).get_json()
    assert data["ok"], data
    suggestion: str | None = data["suggestion"]
    page = app.test_client().get("/buscar", query_string={"q": q}).get_data(as_text=True)
    assert (suggestion is None) or (suggestion in page)
    return suggestion


@pytest.mark.parametrize("engine_name", ["whoosh", "tantivy"])
def test_withdrawn_word_not_suggested(tmp_path: Path, engine_name: str) -> None:
    """A word left only in deleted (withdrawn, replaced) copies of a document is still in the
    engines' term dictionaries until a merge: suggesting it would tell anyone that a withheld
    document holds it (a surname, say). A suggestion is offered only when it finds something."""
    import dataclasses

    from web_records import web_records

    from indexer import open_engine
    from search_app import create_app

    records = web_records()
    target = dataclasses.replace(records[0], text=records[0].text + f" {WORD} {WORD}.")
    index_dir = tmp_path / "index"
    engine = open_engine(index_dir, engine=engine_name, create=True)
    try:
        engine.update([target, *records[1:]])
        # a correction rewrites it (a deleted copy stays in the segment), a second document
        # with the word too: the word is well-known to the index, then both go away
        twin = dataclasses.replace(records[1], text=records[1].text + f" {WORD}.")
        engine.update([dataclasses.replace(target, title=target.title + " (corregido)"), twin])
    finally:
        engine.close()
    app = create_app({"TESTING": True, "INDEX_DIR": str(index_dir),
                      "STAFF_DB": str(tmp_path / "staff.sqlite3")})
    try:
        assert _suggestion(app, "zanahoriazol") == WORD  # live: a fair suggestion
    finally:
        app.extensions["precedentes"].close()
    engine = open_engine(index_dir)
    try:
        engine.delete([target.id, twin.id])
        assert engine.search(SearchParams(q=WORD)).total == 0
    finally:
        engine.close()
    app = create_app({"TESTING": True, "INDEX_DIR": str(index_dir),
                      "STAFF_DB": str(tmp_path / "staff.sqlite3")})
    try:
        for q in ("zanahoriazol", "zanahoriazul", "zanahoriazol OR alumbrado"):
            suggestion = _suggestion(app, q)
            assert WORD not in (suggestion or ""), (q, suggestion)
    finally:
        app.extensions["precedentes"].close()


@pytest.mark.parametrize(("q", "suggestion", "expected"), [
    ("zanahoriazol", "zanahoriazul", ["zanahoriazul"]),
    ("informacion reservda", "información reservada", ["información", "reservada"]),
    ("Nomina OR contratos", "nómina OR contratos", ["nómina"]),
    ("nomina", "NOMINA", []),
    ('"version publica" sujeto:ayuntamiento', '"versión pública" sujeto:ayuntamiento',
     ["versión", "pública"]),
    ("a b", "c c d AND e", ["c", "d", "e"]),
])
def test_added_words(q: str, suggestion: str, expected: list[str]) -> None:
    from search_app.suggestions import added_words

    assert added_words(q, suggestion) == expected


# --- two workers, one index: a staff action waits briefly for the index lock -----------------

class _LockedTwice:
    """An engine whose writes find the index locked twice, then succeed."""

    def __init__(self) -> None:
        self.calls = 0
        self.written: list[object] = []

    def _write(self, what: object) -> int:
        from indexer.engine import IndexLockedError

        self.calls += 1
        if self.calls <= 2:
            raise IndexLockedError("El índice está bloqueado por otro proceso.")
        self.written.append(what)
        return 1

    def update(self, records: object, **kw: object) -> int:
        return self._write(list(records))  # type: ignore[call-overload]

    def delete(self, ids: object) -> int:
        return self._write(list(ids))  # type: ignore[call-overload]

    def doc_count(self) -> int:
        return 7


@pytest.mark.parametrize(("wait_s", "succeeds"), [(5.0, True), (0.0, False)])
def test_patient_engine_retries_a_locked_index(wait_s: float, succeeds: bool) -> None:
    from indexer.engine import IndexLockedError
    from search_app.admin.publish import PatientEngine

    inner = _LockedTwice()
    slept: list[float] = []
    engine = PatientEngine(inner, wait_s, sleep=slept.append)  # type: ignore[arg-type]
    assert engine.doc_count() == 7  # everything else passes through
    records: Any = iter(["a", "b"])  # a generator is consumed once, retried whole
    if succeeds:
        assert engine.update(records) == 1 and inner.written == [["a", "b"]]
        assert engine.delete(["x"]) == 1
        assert len(slept) == 2 and sum(slept) <= wait_s
    else:
        with pytest.raises(IndexLockedError):
            engine.update(records)
        assert slept == []


def test_staff_database_is_private(tmp_path: Path) -> None:
    """Password hashes and session ids: not readable by other local users."""
    from search_app.admin import db

    path = tmp_path / "nuevo" / "staff.sqlite3"
    db.connect(path).close()
    assert path.stat().st_mode & 0o077 == 0
    wal = path.with_name(path.name + "-wal")
    assert not wal.exists() or wal.stat().st_mode & 0o077 == 0


# --- hostile text in every staff page: escaped, never markup ---------------------------------

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_hostile_text_is_escaped_on_every_staff_page(staff_client: StaffClient) -> None:
    """File names, extracted and corrected metadata, personal-data context, ingest reports and
    audit details all come from outsiders' files or forms: each page shows them as text."""
    import dataclasses

    from web_records import web_records

    from corpus.personal_data import Finding
    from search_app.admin import db, library

    app = staff_client.app
    record = dataclasses.replace(web_records()[0], id="xss-1", title=XSS, sujeto_obligado=XSS)
    finding = Finding("email", XSS, 0, 1, "email", "high", before=XSS, after=XSS)
    with app.test_request_context():
        conn = db.get_db()
        library.put(conn, library.Entry(id="xss-1", state="retenido", origin="subida",
                                        record=record, findings=(finding,), display_name=XSS,
                                        overrides={"ponente": XSS}))
        n = library.add_ingest(conn, {"files": [{"display_name": XSS, "outcome": "fallido",
                                                 "message": XSS, "doc_id": "xss-1",
                                                 "title": XSS, "warnings": [XSS]}],
                                      "summary": [XSS], "counts": {"fallido": 1},
                                      "index_errors": [XSS], "state": "terminada"}, user=XSS)
        audit.record(conn, username=XSS, address=XSS, action=XSS, target=XSS,
                     detail={"x": XSS})
    pages = ["/admin/", "/admin/subir", f"/admin/ingestas/{n}", "/admin/revision",
             "/admin/revision/xss-1", "/admin/documentos", "/admin/documentos?estado=retenido",
             "/admin/documentos/xss-1", "/admin/auditoria"]
    for url in pages:
        response = staff_client.get(url)
        assert response.status_code == 200, url
        body = response.get_data(as_text=True)
        assert "<script>alert" not in body and "<img src=x" not in body, url
        assert "&lt;script&gt;" in body, url  # shown, as text


@pytest.mark.parametrize("q", ["%", "_", "' OR '1'='1", "x\" OR 1=1 --", "\\", "%%%_"])
def test_document_list_filter_is_text_not_sql(staff_client: StaffClient, q: str) -> None:
    """The list's filter goes into LIKE patterns: wildcards and quotes are matched literally
    (no list of every document for "%"), and nothing fails."""
    from web_records import web_records

    from search_app.admin import db, library

    record = web_records()[0]
    with staff_client.app.test_request_context():
        library.put(db.get_db(), library.Entry(id=record.id, state="retirado",
                                               origin="indice", record=record))
    response = staff_client.get("/admin/documentos",
                                query_string={"q": q, "estado": "retirado"})
    assert response.status_code == 200
    assert record.id not in response.get_data(as_text=True)


def test_forwarded_for_does_not_dodge_the_login_throttle(staff_app: Flask) -> None:
    """Without a trusted proxy (PROXY_FIX_HOPS 0) a client's X-Forwarded-For is ignored: a new
    made-up address per attempt does not reset the per-address count."""
    client = staff_app.test_client()
    names = [f"nadie{i}" for i in range(8)]
    statuses = []
    for i, name in enumerate(names):
        token = csrf_token_from(client.get(LOGIN))
        response = client.post(LOGIN, data={"usuario": name, "contrasena": "x" * 12,
                                            "csrf_token": token},
                               headers={"X-Forwarded-For": f"203.0.113.{i}",
                                        "X-Real-IP": f"198.51.100.{i}"})
        statuses.append(response.status_code)
    limit = int(staff_app.config["STAFF_LOGIN_MAX_FAILURES"])
    assert statuses[:limit] == [401] * limit
    assert set(statuses[limit:]) == {429}


# --- rough edges a staff member met ------------------------------------------------------------

def test_home_says_how_many_documents_the_index_has(staff_client: StaffClient) -> None:
    """The state counts cover only documents that passed through the staff area; the home
    also says how many the public index holds (a new site showed "Publicado: 0")."""
    from search_app.state import app_state_of

    total = app_state_of(staff_client.app).engine().doc_count()
    assert total > 0
    page = staff_client.get("/admin/").get_data(as_text=True)
    assert f"El índice público tiene <strong>{total}</strong> documentos" in page


def test_ingest_report_shows_each_files_warnings(staff_client: StaffClient) -> None:
    from search_app.admin import db, library

    with staff_client.app.test_request_context():
        n = library.add_ingest(db.get_db(), {"files": [{
            "display_name": "a.pdf", "outcome": "publicado", "doc_id": "x",
            "warnings": ["página 3: texto ilegible"]}], "summary": ["Advertencias: 1"],
            "counts": {"publicado": 1}, "index_errors": [], "state": "terminada"})
    page = staff_client.get(f"/admin/ingestas/{n}").get_data(as_text=True)
    assert "Advertencia: página 3: texto ilegible" in page


def test_expired_session_post_page_leads_back_to_login(staff_app: Flask) -> None:
    """A form sent after the session expired is refused (401) with a link to log in again,
    not only "back to the search"."""
    client = staff_app.test_client()
    token = csrf_token_from(client.get(LOGIN))
    response = client.post("/admin/reindexar", data={"csrf_token": token})
    assert response.status_code == 401
    assert 'href="/admin/entrar"' in response.get_data(as_text=True)
    public = client.get("/documentos/no-existe")
    assert public.status_code == 404 and "/admin/entrar" not in public.get_data(as_text=True)


def test_parallel_guesses_cannot_outrun_the_login_throttle(staff_app: Flask,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """The lock was checked before the (slow, ~0.1–1 s) password hash and the failure recorded
    after it: guesses sent in parallel all passed the check. Now each attempt is counted before
    the hash, so at most STAFF_LOGIN_MAX_FAILURES passwords are ever tried per window."""
    import threading

    from search_app.admin import views_auth

    tried: list[str] = []

    def slow_verify(conn: object, name: str, password: str) -> None:
        tried.append(password)
        time.sleep(0.3)
        return None

    monkeypatch.setattr(views_auth, "verify_password", slow_verify)
    statuses: list[int] = []
    tokens = []
    clients = []
    for _ in range(12):
        client = staff_app.test_client()
        tokens.append(csrf_token_from(client.get(LOGIN)))
        clients.append(client)

    def guess(i: int) -> None:
        response = clients[i].post(LOGIN, data={"usuario": "personal", "csrf_token": tokens[i],
                                                "contrasena": f"intento-{i:04d}-largo"})
        statuses.append(response.status_code)

    threads = [threading.Thread(target=guess, args=(i,)) for i in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    limit = int(staff_app.config["STAFF_LOGIN_MAX_FAILURES"])
    assert len(tried) <= limit, (len(tried), sorted(statuses))
    assert statuses.count(401) == len(tried) and statuses.count(429) == 12 - len(tried)


# --- the store says withheld, the index still has it: no public list shows it ---------------

HIDDEN = "inai-criterio-03-17"  # cited by resolutions of the web-test index, similar to others


def _public_pages(app: Flask) -> dict[str, str]:
    from web_records import web_records

    client = app.test_client()
    urls = ["/buscar?q=versión+pública", "/buscar?q=datos", "/api/v1/search?q=versión+pública",
            "/api/v1/search?q=", "/buscar.csv?q=versión", "/buscar.json?q=versión",
            "/buscar.atom?q=versión", "/buscar.atom?q="]
    for record in web_records():
        if record.id != HIDDEN:
            urls += [f"/documentos/{record.id}", f"/api/v1/documents/{record.id}/citations"]
    pages = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        pages[url] = response.get_data(as_text=True)
    return pages


def test_withheld_in_the_store_is_in_no_public_list(staff_app: Flask) -> None:
    """If the index and the store disagree (a held document whose old version could not be
    deleted, or ``precedentes index`` run against another staff database), the public lists
    still leave out what staff withheld: search page, API, exports, feeds, cited-by, similar."""
    from web_records import web_records

    from search_app.admin import db, library

    before = [url for url, body in _public_pages(staff_app).items() if HIDDEN in body]
    assert len(before) >= 6, before  # the document is all over the public pages
    record = next(r for r in web_records() if r.id == HIDDEN)
    with staff_app.test_request_context():
        library.put(db.get_db(), library.Entry(id=HIDDEN, state="retirado", origin="indice",
                                               record=record))
    after = [url for url, body in _public_pages(staff_app).items()
             if f"/documentos/{HIDDEN}" in body or f'"{HIDDEN}"' in body or f"{HIDDEN}," in body]
    assert after == []
    assert staff_app.test_client().get(f"/documentos/{HIDDEN}").status_code == 404


def test_withheld_ids_follow_every_store_change(staff_app: Flask) -> None:
    """The ids are cached per process by the store's file stamps: each change is seen at the
    next request (here several changes in a row, each through a new connection)."""
    from web_records import web_records

    from search_app.admin import db, library
    from search_app.withheld import withheld_ids

    records = web_records()[:4]
    for i, record in enumerate(records):
        with staff_app.test_request_context():
            library.put(db.get_db(), library.Entry(id=record.id, state="retirado",
                                                   origin="indice", record=record))
        with staff_app.test_request_context():
            assert withheld_ids() == {r.id for r in records[: i + 1]}
    with staff_app.test_request_context():
        entry = library.get(db.get_db(), records[0].id)
        assert entry is not None
        library.set_state(db.get_db(), entry, "publicado")
    with staff_app.test_request_context():
        assert records[0].id not in withheld_ids() and records[1].id in withheld_ids()
