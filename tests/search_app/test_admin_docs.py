"""The staff document area: uploads (type by content, size caps, many files), the personal-data
gate (held until released), withdraw / restore, corrections that survive reindexing, reindex
against a locked index, and the audit rows — through the real app (CSRF on, logged-in staff
client) over a writable copy of a real whoosh index (one test on tantivy)."""

from __future__ import annotations

import io
import json
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from staff_helpers import StaffClient, add_user
from web_records import web_records

from corpus.personal_data import curp_check_digit
from indexer import open_engine
from indexer.build import build_index
from indexer.engine import SearchParams
from search_app import create_app

CURP = "GOMC850101HVZRRR0" + curp_check_digit("GOMC850101HVZRRR0")
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 200


def resolution_html(number: int, extra: str = "", word: str = "zorrocloco") -> bytes:
    """A small IVAI resolution as HTML (id ``ivai-rev-<number>-2024-ii``)."""
    return f"""<!doctype html><html lang="es"><head><meta charset="utf-8">
<title>Resolución</title></head><body>
<p>INSTITUTO VERACRUZANO DE ACCESO A LA INFORMACIÓN Y PROTECCIÓN DE DATOS PERSONALES</p>
<p>RECURSO DE REVISIÓN</p><p>EXPEDIENTE: IVAI-REV/{number}/2024/II</p>
<p>SUJETO OBLIGADO: Ayuntamiento de Coatepec</p>
<p>COMISIONADA PONENTE: María Elena Ramírez Solís</p>
<p>Xalapa-Enríquez, Veracruz, a doce de marzo de dos mil veinticuatro.</p>
<h2>RESULTANDOS</h2><p>La solicitud pidió los contratos de alumbrado {word}. {extra}</p>
<h2>CONSIDERANDOS</h2><p>El sujeto obligado entregó la información incompleta.</p>
<h2>RESOLUTIVOS</h2><p>PRIMERO. Se modifica la respuesta del sujeto obligado.</p>
</body></html>""".encode()


def resolution_pdf(number: int, word: str) -> bytes:
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=letter)
    lines = ["INSTITUTO VERACRUZANO DE ACCESO A LA INFORMACION", "RECURSO DE REVISION",
             f"EXPEDIENTE: IVAI-REV/{number}/2024/II", "SUJETO OBLIGADO: Ayuntamiento de Perote",
             "RESULTANDOS", f"La solicitud pidio los contratos de {word}.", "CONSIDERANDOS",
             "El sujeto obligado respondio.", "RESOLUTIVOS", "PRIMERO. Se confirma la respuesta."]
    for i, line in enumerate(lines):
        page.drawString(72, 720 - 18 * i, line)
    page.showPage()
    page.save()
    return out.getvalue()


@pytest.fixture(scope="module")
def index_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("admin-docs-index")
    records = root / "records.jsonl"
    records.write_text("\n".join(json.dumps(r.to_dict(), ensure_ascii=False)
                                 for r in web_records()) + "\n", encoding="utf-8")
    report = build_index([records], root / "whoosh", enrich=False)
    assert not report.failed
    return root


def _app(tmp_path: Path, index_dir: Path, **config: Any) -> Flask:
    return create_app({"TESTING": True, "INDEX_DIR": str(index_dir),
                       "STAFF_DB": str(tmp_path / "staff.sqlite3"),
                       "LIBRARY_DIR": str(tmp_path / "biblioteca"),
                       "UPLOAD_TOPICS": False, "UPLOAD_TIMEOUT_S": 60,
                       "UPLOAD_BACKGROUND": False, **config})


@pytest.fixture()
def staff_app(index_template: Path, tmp_path: Path) -> Iterator[Flask]:
    """The app over a private, writable copy of the web-test whoosh index."""
    index_dir = tmp_path / "index"
    shutil.copytree(index_template / "whoosh", index_dir)
    application = _app(tmp_path, index_dir)
    yield application
    application.extensions["precedentes"].close()


def upload(client: StaffClient, *files: tuple[bytes, str], garante: str = "") -> Any:
    data: list[tuple[str, Any]] = [("archivos", (io.BytesIO(b), name)) for b, name in files]
    data.append(("garante", garante))
    from werkzeug.datastructures import MultiDict

    return client.post("/admin/subir", data=MultiDict(data),
                       content_type="multipart/form-data")


def report_of(client: StaffClient, response: Any) -> dict[str, Any]:
    assert response.status_code == 303, response.get_data(as_text=True)[-500:]
    n = int(response.headers["Location"].rsplit("/", 1)[1])
    with client.app.app_context():
        from search_app.admin import library
        from search_app.admin.db import get_db

        run = library.get_ingest(get_db(), n)
    assert run is not None
    page = client.get(f"/admin/ingestas/{n}")
    assert page.status_code == 200
    return run["report"] | {"page": page.get_data(as_text=True)}


def found(client: StaffClient, q: str) -> list[str]:
    data = client.client.get("/api/v1/search", query_string={"q": q}).get_json()
    return [h["id"] for h in data["hits"]]


def audit_rows(app: Flask, action: str) -> list[sqlite3.Row]:
    conn = sqlite3.connect(app.config["STAFF_DB"])
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute("SELECT * FROM audit_log WHERE action = ? ORDER BY id",
                            (action,)).fetchall()
    finally:
        conn.close()


def fresh_ids(app: Flask, q: str) -> list[str]:
    engine = open_engine(app.config["INDEX_DIR"])
    try:
        return [h.id for h in engine.search(SearchParams(q=q, with_facets=False)).hits]
    finally:
        engine.close()


# -- uploads ------------------------------------------------------------------------------


def test_upload_html_and_pdf_are_published_and_reported(staff_client: StaffClient) -> None:
    response = upload(staff_client, (resolution_html(901), "resolución 901.html"),
                      (resolution_pdf(902, "pavimentacion"), "../../etc/902.pdf"))
    report = report_of(staff_client, response)
    by_id = {f.get("doc_id"): f for f in report["files"]}
    assert by_id["ivai-rev-901-2024-ii"]["outcome"] == "publicado"
    assert by_id["ivai-rev-902-2024-ii"]["outcome"] == "publicado"
    assert by_id["ivai-rev-902-2024-ii"]["pages_text"] == 1
    assert by_id["ivai-rev-902-2024-ii"]["display_name"] == "902.pdf"  # path parts dropped
    assert "Documentos: 2" in report["summary"]
    assert found(staff_client, "zorrocloco") == ["ivai-rev-901-2024-ii"]
    assert found(staff_client, "pavimentacion") == ["ivai-rev-902-2024-ii"]
    # stored under server-made names; the original is served from there
    originals = sorted(p.name for p in (Path(staff_client.app.config["LIBRARY_DIR"])
                                        / "originales").iterdir())
    assert sorted(n.rsplit(".", 1)[1] for n in originals) == ["html", "pdf"]
    assert all(len(n.split(".")[0]) == 64 for n in originals)
    with staff_client.client.get("/documentos/ivai-rev-902-2024-ii/original") as original:
        assert original.status_code == 200 and original.data.startswith(b"%PDF")
    rows = audit_rows(staff_client.app, "documentos.subir")
    assert len(rows) == 1 and rows[0]["username"] == "personal"
    assert json.loads(rows[0]["detail"])["archivos"] == ["resolución 901.html", "902.pdf"]
    rows = audit_rows(staff_client.app, "documentos.ingesta")
    assert len(rows) == 1 and rows[0]["username"] == "personal"
    assert sorted(json.loads(rows[0]["detail"])["documentos"]) == [
        "ivai-rev-901-2024-ii", "ivai-rev-902-2024-ii"]


def test_upload_in_the_background(index_template: Path, tmp_path: Path) -> None:
    """The default: the request stores the files and answers; a thread ingests, and the
    report page says "en proceso" (refreshing itself) until it is done."""
    import time

    index_dir = tmp_path / "index"
    shutil.copytree(index_template / "whoosh", index_dir)
    app = _app(tmp_path, index_dir, UPLOAD_BACKGROUND=True)
    add_user(app)
    client = StaffClient(app)
    try:
        response = upload(client, (resolution_html(940, word="segundoplanoz"), "fondo.html"))
        assert response.status_code == 303
        url = response.headers["Location"]
        deadline = time.monotonic() + 60
        page = client.get(url).get_data(as_text=True)
        while "terminada" not in page and time.monotonic() < deadline:
            assert "en proceso" in page and 'http-equiv="refresh"' in page
            time.sleep(0.2)
            page = client.get(url).get_data(as_text=True)
        assert "terminada" in page and 'http-equiv="refresh"' not in page
        assert found(client, "segundoplanoz") == ["ivai-rev-940-2024-ii"]
        deadline = time.monotonic() + 10
        while not audit_rows(app, "documentos.ingesta") and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(audit_rows(app, "documentos.ingesta")) == 1
    finally:
        app.extensions["precedentes"].close()


def test_type_is_judged_by_content_not_name(staff_client: StaffClient) -> None:
    report = report_of(staff_client, upload(staff_client, (PNG, "resolucion.pdf"),
                                            (b"", "vacio.html"), (resolution_html(903), "x.txt")))
    outcomes = {f["display_name"]: (f["outcome"], f.get("reason")) for f in report["files"]}
    assert outcomes["resolucion.pdf"] == ("rechazado_archivo", "unsupported")
    assert outcomes["vacio.html"][0] == "rechazado_archivo"
    assert outcomes["x.txt"][0] == "publicado"  # HTML named .txt is read as HTML
    assert "imagen PNG" in report["page"]
    stored = list((Path(staff_client.app.config["LIBRARY_DIR"]) / "originales").iterdir())
    assert [p.suffix for p in stored] == [".html"]


def test_many_files_one_upload_and_duplicates(staff_client: StaffClient) -> None:
    files = [(resolution_html(910 + i, word=f"palabra{i}x"), f"r{i}.html") for i in range(4)]
    report = report_of(staff_client, upload(staff_client, *files, files[0]))
    assert report["counts"] == {"publicado": 4, "rechazado_archivo": 1}
    assert [f["reason"] for f in report["files"] if f["outcome"] == "rechazado_archivo"] == [
        "duplicate"]
    assert found(staff_client, "palabra3x") == ["ivai-rev-913-2024-ii"]


@pytest.mark.parametrize(("config", "size", "status"), [
    ({"UPLOAD_MAX_REQUEST_MB": 0.01}, 20_000, 413),  # the whole request: 413 page
    ({"UPLOAD_MAX_MB": 0.01}, 20_000, 303),  # one file over its cap: refused in the report
])
def test_size_caps(index_template: Path, tmp_path: Path, config: dict[str, Any], size: int,
                   status: int) -> None:
    index_dir = tmp_path / "index"
    shutil.copytree(index_template / "whoosh", index_dir)
    app = _app(tmp_path, index_dir, **config)
    add_user(app)
    client = StaffClient(app)
    big = resolution_html(920, extra="relleno " * (size // 8))
    response = upload(client, (big, "grande.html"))
    assert response.status_code == status
    if status == 413:
        assert "límite" in response.get_data(as_text=True)
    else:
        report = report_of(client, response)
        assert report["files"][0]["reason"] == "too_large"
        assert not (tmp_path / "biblioteca" / "originales").exists() or not any(
            (tmp_path / "biblioteca" / "originales").iterdir())
    app.extensions["precedentes"].close()


# -- the personal-data gate ---------------------------------------------------------------


def test_held_until_released(staff_client: StaffClient) -> None:
    html = resolution_html(930, extra=f"La persona recurrente presentó su CURP {CURP}.",
                           word="retenidoz")
    report = report_of(staff_client, upload(staff_client, (html, "con-datos.html")))
    assert report["files"][0]["outcome"] == "retenido" and report["files"][0]["findings"] >= 1
    doc = "ivai-rev-930-2024-ii"
    assert found(staff_client, "retenidoz") == []
    assert fresh_ids(staff_client.app, "retenidoz") == []
    assert staff_client.client.get(f"/documentos/{doc}").status_code == 404
    assert staff_client.client.get(f"/documentos/{doc}/original").status_code == 404
    queue = staff_client.get("/admin/revision").get_data(as_text=True)
    assert doc in queue
    page = staff_client.get(f"/admin/revision/{doc}").get_data(as_text=True)
    assert f"<mark>{CURP}</mark>" in page and "CURP" in page
    assert "presentó su" in page  # the context around the hit
    response = staff_client.post(f"/admin/revision/{doc}/liberar")
    assert response.status_code == 303
    assert found(staff_client, "retenidoz") == [doc]
    assert fresh_ids(staff_client.app, "retenidoz") == [doc]
    rows = audit_rows(staff_client.app, "documento.liberar")
    assert len(rows) == 1 and rows[0]["target"] == doc
    detail = json.loads(rows[0]["detail"])
    assert detail["antes"]["estado"] == "retenido" and detail["despues"]["estado"] == "publicado"
    # a released document is not held again when the same file is uploaded again
    again = report_of(staff_client, upload(staff_client, (html, "otra-vez.html")))
    assert again["files"][0]["outcome"] == "publicado"


def test_nearly_empty_upload_is_held(staff_client: StaffClient) -> None:
    """A file that extracts to a handful of words (a failed scan, an entity bomb reduced to
    its entity name) is not published on its own: held with a "Texto casi vacío" finding."""
    html = b"<html><head><title>x</title></head><body><p>casivacioz &amp;lol9;</p></body></html>"
    report = report_of(staff_client, upload(staff_client, (html, "vacio.html")))
    row = report["files"][0]
    assert row["outcome"] == "retenido", row
    assert found(staff_client, "casivacioz") == []
    page = staff_client.get(f"/admin/revision/{row['doc_id']}").get_data(as_text=True)
    assert "Texto casi vacío" in page and "casivacioz" in page


def test_rejected_stays_out(staff_client: StaffClient) -> None:
    html = resolution_html(931, extra=f"Su CURP es {CURP}.", word="rechazadoz")
    report_of(staff_client, upload(staff_client, (html, "a.html")))
    assert staff_client.post("/admin/revision/ivai-rev-931-2024-ii/rechazar").status_code == 303
    assert staff_client.post("/admin/reindexar").status_code == 200
    assert found(staff_client, "rechazadoz") == []
    assert staff_client.post("/admin/revision/ivai-rev-931-2024-ii/rechazar").status_code == 409
    assert len(audit_rows(staff_client.app, "documento.rechazar")) == 1


# -- withdraw, correct, reindex -----------------------------------------------------------


def test_withdraw_survives_reindex_and_is_reversible(staff_client: StaffClient) -> None:
    doc = "ivai-rev-275-2017-i"
    assert doc in found(staff_client, "IVAI-REV/275/2017/I")
    assert staff_client.post(f"/admin/documentos/{doc}/retirar").status_code == 303
    assert doc not in found(staff_client, "IVAI-REV/275/2017/I")
    assert doc not in fresh_ids(staff_client.app, "IVAI-REV/275/2017/I")
    assert staff_client.client.get(f"/documentos/{doc}").status_code == 404
    reindexed = staff_client.post("/admin/reindexar")
    assert reindexed.status_code == 200 and "Quitados del índice" in reindexed.get_data(
        as_text=True)
    assert doc not in fresh_ids(staff_client.app, "IVAI-REV/275/2017/I")
    listing = staff_client.get("/admin/documentos", query_string={"estado": "retirado"})
    assert doc in listing.get_data(as_text=True)
    assert staff_client.post(f"/admin/documentos/{doc}/republicar").status_code == 303
    assert doc in found(staff_client, "IVAI-REV/275/2017/I")
    actions = [json.loads(r["detail"]) for r in audit_rows(staff_client.app, "documento.retirar")]
    assert actions == [{"antes": {"estado": "publicado", "correcciones": {}},
                        "despues": {"estado": "retirado", "correcciones": {}}}]
    assert len(audit_rows(staff_client.app, "indice.reindexar")) == 1


def test_correction_shows_and_survives_reindex(staff_client: StaffClient) -> None:
    doc = "ivai-rev-300-2019-ii"
    response = staff_client.post(f"/admin/documentos/{doc}/corregir", data={
        "title": "Título corregido por el personal", "garante": "IVAI",
        "expediente": "IVAI-REV/300/2019/II", "date": "2019-06-30",
        "sujeto_obligado": "Secretaría de Finanzas Corregida", "ponente": "Ponente Corregido",
        "sentido": "revoca"})
    assert response.status_code == 303, response.get_data(as_text=True)[-600:]
    public = staff_client.client.get(f"/documentos/{doc}").get_data(as_text=True)
    assert "Título corregido por el personal" in public
    assert "Secretaría de Finanzas Corregida" in public and "30 de junio de 2019" in public
    admin_page = staff_client.get(f"/admin/documentos/{doc}").get_data(as_text=True)
    assert "Correcciones vigentes" in admin_page and "Ponente: Ponente Corregido" in admin_page
    listing = staff_client.get("/admin/documentos", query_string={"q": doc})
    assert "(corregido)" in listing.get_data(as_text=True)
    assert staff_client.post("/admin/reindexar").status_code == 200
    engine = open_engine(staff_client.app.config["INDEX_DIR"])
    try:
        record = engine.get(doc)
    finally:
        engine.close()
    assert record is not None
    assert (record.title, record.sujeto_obligado, record.date, record.year, record.sentido) == (
        "Título corregido por el personal", "Secretaría de Finanzas Corregida", "2019-06-30",
        2019, ["revoca"])
    rows = audit_rows(staff_client.app, "documento.corregir")
    detail = json.loads(rows[0]["detail"])
    assert detail["antes"]["correcciones"] == {}
    assert detail["despues"]["correcciones"]["ponente"] == "Ponente Corregido"


def test_invalid_correction_is_refused_in_spanish(staff_client: StaffClient) -> None:
    response = staff_client.post("/admin/documentos/ivai-rev-300-2019-ii/corregir", data={
        "title": "", "garante": "IVAI", "expediente": "no es un expediente",
        "date": "2019-02-30", "sentido": "inventado"})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    for message in ("El título no puede quedar vacío", "no tiene un formato de expediente",
                    "La fecha no existe", "Sentido desconocido"):
        assert message in page
    assert audit_rows(staff_client.app, "documento.corregir") == []


def test_reindex_against_a_locked_index_says_so(staff_client: StaffClient) -> None:
    from indexer.whoosh_engine import WhooshEngine

    staff_client.app.config["INDEX_LOCK_WAIT_S"] = 0.5  # waits, then says so
    other = WhooshEngine(Path(staff_client.app.config["INDEX_DIR"]))
    lock = other.index.lock("WRITELOCK")
    assert lock.acquire(blocking=False)
    try:
        response = staff_client.post("/admin/reindexar")
        withdraw = staff_client.post("/admin/documentos/ivai-rev-275-2017-i/retirar")
    finally:
        lock.release()
        other.close()
    assert response.status_code == 409
    assert "está bloqueado" in response.get_data(as_text=True)
    assert "Traceback" not in response.get_data(as_text=True)
    assert withdraw.status_code == 409  # nothing changed: still published
    assert "ivai-rev-275-2017-i" in found(staff_client, "IVAI-REV/275/2017/I")


def test_documents_list_finds_by_id_and_expediente(staff_client: StaffClient) -> None:
    page = staff_client.get("/admin/documentos", query_string={"q": "RR/DAI/0177/2023-PIII"})
    assert "itaip-rr-dai-0177-2023-piii" in page.get_data(as_text=True)
    page = staff_client.get("/admin/documentos", query_string={"q": "inai-criterio-07-19"})
    assert "inai-criterio-07-19" in page.get_data(as_text=True)
    bad = staff_client.get("/admin/documentos", query_string={"q": '"sin cerrar ('})
    assert bad.status_code == 200
    assert staff_client.get("/admin/documentos/no-existe").status_code == 404


def test_withdraw_on_tantivy(index_template: Path, tmp_path: Path) -> None:
    records = index_template / "records.jsonl"
    index_dir = tmp_path / "tantivy"
    open_engine(index_dir, engine="tantivy", create=True).close()
    assert not build_index([records], index_dir, enrich=False).failed
    app = _app(tmp_path, index_dir)
    add_user(app)
    client = StaffClient(app)
    doc = "itaip-rr-dai-0100-2024-pi"
    assert doc in found(client, "RR/DAI/0100/2024-PI")
    assert client.post(f"/admin/documentos/{doc}/retirar").status_code == 303
    assert doc not in found(client, "RR/DAI/0100/2024-PI")
    assert doc not in fresh_ids(app, "RR/DAI/0100/2024-PI")
    assert client.post("/admin/reindexar").status_code == 200
    assert doc not in fresh_ids(app, "RR/DAI/0100/2024-PI")
    app.extensions["precedentes"].close()


def test_file_names_are_only_escaped_display_text(staff_client: StaffClient) -> None:
    name = "<img src=x onerror=alert(1)>\u202e.html"
    report = report_of(staff_client, upload(staff_client, (resolution_html(950), name)))
    assert report["files"][0]["display_name"] == "<img src=x onerror=alert(1)>.html"
    assert "<img src=x" not in report["page"]
    assert "&lt;img src=x onerror=alert(1)&gt;.html" in report["page"]


# -- pure functions -----------------------------------------------------------------------


@pytest.mark.parametrize(("filename", "shown"), [
    ("resolución.pdf", "resolución.pdf"),
    ("../../etc/passwd", "passwd"),
    ("C:\\Users\\ana\\RR 12.pdf", "RR 12.pdf"),
    ("a\x00b\x1fc.pdf", "abc.pdf"),
    ("\u202egpj.exe", "gpj.exe"),  # right-to-left override dropped
    ("", "(sin nombre)"),
    (None, "(sin nombre)"),
    ("x" * 500, "x" * 200),
])
def test_display_name(filename: str | None, shown: str) -> None:
    from search_app.admin.uploads import display_name

    assert display_name(filename) == shown


BASE = web_records()[3]  # ivai-rev-275-2017-i: IVAI, 2017, "confirma"


@pytest.mark.parametrize(("form", "overrides", "errors"), [
    ({}, {"title": ""}, {"title"}),
    ({"title": BASE.title, "garante": "IVAI", "expediente": BASE.expediente,
      "date": BASE.date, "sujeto_obligado": BASE.sujeto_obligado, "ponente": BASE.ponente,
      "sentido": BASE.sentido}, {}, set()),
    ({"title": BASE.title, "garante": "ivai", "expediente": "ivai-rev-0276-2017-i",
      "date": BASE.date, "sujeto_obligado": BASE.sujeto_obligado, "ponente": BASE.ponente,
      "sentido": BASE.sentido}, {"expediente": "IVAI-REV/276/2017/I"}, set()),
    ({"title": "T", "garante": "IVAI", "expediente": "RR/DAI/1/2020"}, {}, {"expediente"}),
    ({"title": "T", "garante": "XYZ"}, {}, {"garante"}),
    ({"title": "T", "garante": "IVAI", "date": "2017-13-01"}, {}, {"date"}),
    ({"title": "T", "garante": "IVAI", "date": "1980-01-01"}, {}, {"date"}),
    ({"title": "T", "garante": "IVAI", "date": "2999-01-01"}, {}, {"date"}),
    ({"title": "T", "garante": "IVAI", "date": "17/05/2023"}, {}, {"date"}),
    ({"title": "T", "garante": "IVAI", "sentido": ["revoca", "revoca", "x"]}, {}, {"sentido"}),
    ({"title": "x" * 501, "garante": "IVAI"}, {}, {"title"}),
    ({"title": "a\x07b", "garante": "IVAI"}, {}, {"title"}),
])
def test_correction_validation(form: dict[str, Any], overrides: dict[str, Any],
                               errors: set[str]) -> None:
    import datetime as dt

    from search_app.admin.corrections import validate

    result = validate(form, BASE, today=dt.date(2026, 1, 1))
    assert set(result.errors) == errors
    if not errors and overrides:
        assert {k: result.overrides[k] for k in overrides} == overrides
    if not errors and not overrides:
        assert result.overrides == {}


def test_apply_overrides_follows_dependent_fields() -> None:
    from search_app.admin.corrections import apply_overrides

    record = apply_overrides(BASE, {"date": "2020-02-29", "garante": "ITAIP",
                                    "sentido": ["revoca"]})
    assert (record.year, record.state, record.sentido) == (2020, "Tabasco", ["revoca"])
    assert BASE.year == 2017  # the extracted record is left as it was


def test_an_ingest_left_unfinished_is_shown_as_interrupted(staff_client: StaffClient) -> None:
    from search_app.admin import library
    from search_app.admin.db import connect

    conn = connect(staff_client.app.config["STAFF_DB"])
    try:
        fresh = library.add_ingest(conn, {"files": [{}], "state": "en proceso"})
        old = library.add_ingest(conn, {"files": [{}], "state": "en proceso"})
        with conn:
            conn.execute("UPDATE library_ingests SET started_at = ? WHERE n = ?",
                         ("2020-01-01T00:00:00+00:00", old))
    finally:
        conn.close()
    fresh_page = staff_client.get(f"/admin/ingestas/{fresh}").get_data(as_text=True)
    assert 'http-equiv="refresh"' in fresh_page and "se interrumpió" not in fresh_page
    old_page = staff_client.get(f"/admin/ingestas/{old}").get_data(as_text=True)
    assert 'http-equiv="refresh"' not in old_page and "se interrumpió" in old_page
