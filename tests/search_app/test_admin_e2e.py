"""The staff area end to end on a real server: gunicorn with two workers, each recycled after
a few requests, so that consecutive requests of one staff member land in different processes.
Login, upload of a resolution with personal data (held), release, public search, withdrawal,
logout — with the session, the CSRF token and the secret key shared by every process."""

from __future__ import annotations

import http.cookiejar
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from staff_helpers import FAST_HASH, STAFF_PASSWORD, STAFF_USER

from corpus.personal_data import curp_check_digit
from search_app.admin import db, users

CURP = "GODE561231HVZRRN0" + curp_check_digit("GODE561231HVZRRN0")
WORD = "mandarinazul"
DOC_ID = "ivai-rev-731-2024-ii"
HTML = f"""<!doctype html><html lang="es"><head><meta charset="utf-8"><title>R</title></head>
<body><p>INSTITUTO VERACRUZANO DE ACCESO A LA INFORMACIÓN Y PROTECCIÓN DE DATOS PERSONALES</p>
<p>RECURSO DE REVISIÓN</p><p>EXPEDIENTE: IVAI-REV/731/2024/II</p>
<p>SUJETO OBLIGADO: Ayuntamiento de Coatepec</p>
<p>Xalapa-Enríquez, Veracruz, a doce de marzo de dos mil veinticuatro.</p>
<h2>RESULTANDOS</h2><p>La persona recurrente, con CURP {CURP}, pidió los contratos {WORD}.</p>
<h2>CONSIDERANDOS</h2><p>El sujeto obligado entregó la información incompleta.</p>
<h2>RESOLUTIVOS</h2><p>PRIMERO. Se modifica la respuesta del sujeto obligado.</p>
</body></html>""".encode()
_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


class Browser:
    """A cookie-keeping client that does not follow redirects (their targets are checked)."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect)

    def open(self, path: str, data: bytes | None = None,
             headers: dict[str, str] | None = None) -> tuple[int, str, str]:
        """(status, body, Location)."""
        request = urllib.request.Request(self.base + path, data=data, headers=headers or {})
        try:
            with self.opener.open(request, timeout=120) as resp:
                return resp.status, resp.read().decode(), resp.headers.get("Location", "")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode(), exc.headers.get("Location", "")

    def token(self, path: str) -> str:
        status, body, _ = self.open(path)
        match = _TOKEN.search(body)
        assert status == 200 and match, (path, status)
        return match.group(1)

    def post(self, path: str, fields: dict[str, str], token_from: str) -> tuple[int, str, str]:
        form = {**fields, "csrf_token": self.token(token_from)}
        return self.open(path, urllib.parse.urlencode(form).encode())

    def upload(self, name: str, content: bytes) -> tuple[int, str, str]:
        boundary = "limite-e2e"
        body = (f'--{boundary}\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n'
                f"{self.token('/admin/subir')}\r\n"
                f'--{boundary}\r\nContent-Disposition: form-data; name="archivos"; '
                f'filename="{name}"\r\nContent-Type: text/html\r\n\r\n').encode()
        body += content + f"\r\n--{boundary}--\r\n".encode()
        return self.open("/admin/subir", body,
                         {"Content-Type": f"multipart/form-data; boundary={boundary}"})


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.mark.slow
def test_staff_flow_on_gunicorn_with_two_recycled_workers(web_index: Path,
                                                           tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    shutil.copytree(web_index, index_dir)
    staff_db = tmp_path / "staff.sqlite3"
    conn = db.connect(staff_db)
    users.create_user(conn, STAFF_USER, STAFF_PASSWORD, method=FAST_HASH)
    conn.close()
    port, log = _free_port(), tmp_path / "access.log"
    env = {**os.environ, "PRECEDENTES_INDEX_DIR": str(index_dir),
           "PRECEDENTES_STAFF_DB": str(staff_db),
           "PRECEDENTES_LIBRARY_DIR": str(tmp_path / "biblioteca"),
           "PRECEDENTES_UPLOAD_BACKGROUND": "false", "PRECEDENTES_UPLOAD_TOPICS": "false",
           "PRECEDENTES_RATE_LIMIT_ENABLED": "false"}
    # no --preload: every recycled worker builds its own app and reads the shared secret key
    cmd = [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", "2",
           "--worker-class", "sync", "--max-requests", "5", "--timeout", "120",
           "--access-logfile", str(log), "--access-logformat", "%(p)s %(s)s %(m)s %(U)s",
           "search_app:create_app()"]
    proc = subprocess.Popen(cmd, cwd=tmp_path, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    staff, public = Browser(base), Browser(base)
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                if public.open("/static/nada.css")[0] == 404:
                    break
            except OSError:
                pass
            assert proc.poll() is None and time.monotonic() < deadline, "server did not start"
            time.sleep(0.5)

        status, _, location = staff.post("/admin/entrar", {
            "usuario": STAFF_USER, "contrasena": STAFF_PASSWORD, "next": "/admin/revision"},
            token_from="/admin/entrar")
        assert (status, location) == (302, "/admin/revision")
        assert all(staff.open("/admin/")[0] == 200 for _ in range(6))

        status, _, location = staff.upload("resolución.html", HTML)
        assert status == 303 and "/admin/ingestas/" in location
        report = staff.open(urllib.parse.urlsplit(location).path)[1]
        assert DOC_ID in report and "Retenido" in report
        assert public.open(f"/documentos/{DOC_ID}")[0] == 404
        assert '"total":0' in public.open(f"/api/v1/search?q={WORD}")[1].replace(" ", "")

        review = staff.open(f"/admin/revision/{DOC_ID}")[1]
        assert CURP in review and "CURP" in review
        status, _, _ = staff.post(f"/admin/revision/{DOC_ID}/liberar", {},
                                  token_from=f"/admin/revision/{DOC_ID}")
        assert status == 303
        assert public.open(f"/documentos/{DOC_ID}")[0] == 200
        assert '"total":1' in public.open(f"/api/v1/search?q={WORD}")[1].replace(" ", "")

        status, _, _ = staff.post(f"/admin/documentos/{DOC_ID}/retirar", {},
                                  token_from=f"/admin/documentos/{DOC_ID}")
        assert status == 303
        for _ in range(4):  # every process: the index changed under it
            assert public.open(f"/documentos/{DOC_ID}")[0] == 404
            assert '"total":0' in public.open(f"/api/v1/search?q={WORD}")[1].replace(" ", "")
        assert public.open(f"/documentos/{DOC_ID}/original")[0] == 404

        audit = staff.open("/admin/auditoria")[1]
        for label in ("Entrada", "Subida de archivos", "Documento liberado tras la revisión",
                      "Documento retirado de la publicación"):
            assert label in audit

        cookies = list(staff.jar)
        assert staff.post("/admin/salir", {}, token_from="/admin/")[0] == 302
        replay = Browser(base)
        for cookie in cookies:
            replay.jar.set_cookie(cookie)
        assert all(replay.open("/admin/")[0] == 302 for _ in range(3))
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=60)
    served = [line.split() for line in log.read_text().splitlines() if "/admin" in line]
    assert len({pid for pid, *_ in served}) >= 3, err.decode()[-2000:]
    assert not [line for line in served if line[1].startswith("5")]
