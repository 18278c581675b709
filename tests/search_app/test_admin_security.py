"""An attacker's view of the staff area (issue 6): request bodies an anonymous client can make
the server read, numbers in URLs that overflow the database, what the audit page names, and
public routes that must not serve what staff withheld."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from staff_helpers import StaffClient, csrf_token_from

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
