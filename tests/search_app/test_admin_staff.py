"""The staff back end without the web: the ``precedentes staff`` command (through click's
CliRunner), users, the throttle's arithmetic, the audit log, the staff database and the
secret-key file."""

from __future__ import annotations

import os
import sqlite3
import stat
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner
from staff_helpers import StaffClient, csrf_token_from

from scripts.cli import main
from search_app import create_app
from search_app.admin import audit, db, keys, throttle, users

PASSWORD = "una contraseña bastante larga"


@pytest.fixture()
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "var" / "staff.sqlite3"


def _staff(*args: str, input: str | None = None):
    return CliRunner().invoke(main, ["staff", *args], input=input)


def _hash(path: Path, name: str) -> str | None:
    conn = db.connect(path)
    try:
        row = conn.execute("SELECT password_hash FROM staff_users WHERE username = ?",
                           (name,)).fetchone()
    finally:
        conn.close()
    return None if row is None else str(row[0])


# --- the command ---------------------------------------------------------------------------

def test_create_user_from_stdin_hashes_and_audits(db_path: Path) -> None:
    result = _staff("create-user", "Ana.Lopez", "--password-stdin", "--db", str(db_path),
                    input=PASSWORD + "\n")
    assert result.exit_code == 0, result.output
    assert "«ana.lopez» creado" in result.output
    stored = _hash(db_path, "ana.lopez")
    assert stored is not None and stored.startswith("scrypt:") and PASSWORD not in stored
    conn = db.connect(db_path)
    entries = audit.recent(10, conn=conn)
    conn.close()
    assert [(e.action, e.target, e.address) for e in entries] == [
        ("staff.create_user", "ana.lopez", "local")]
    assert entries[0].username.startswith("consola")


def test_create_user_asks_twice(db_path: Path) -> None:
    ok = _staff("create-user", "beto", "--db", str(db_path), input=f"{PASSWORD}\n{PASSWORD}\n")
    assert ok.exit_code == 0, ok.output
    assert PASSWORD not in ok.output  # hidden input
    assert "Repita la contraseña" in ok.output


@pytest.mark.parametrize("name, stdin, message", [
    ("carla", "corta\n", "demasiado corta"),
    ("carla", f"{PASSWORD}\notra cosa distinta\n", "no coinciden"),
    ("Carla María", f"{PASSWORD}\n{PASSWORD}\n", "nombre de usuario"),
    ("c", f"{PASSWORD}\n{PASSWORD}\n", "nombre de usuario"),
    ("carla", "            \n            \n", "sólo por espacios"),
])
def test_create_user_refusals(db_path: Path, name: str, stdin: str, message: str) -> None:
    result = _staff("create-user", name, "--db", str(db_path), input=stdin)
    assert result.exit_code == 1
    assert message in result.output
    assert users.list_users(db.connect(db_path)) == []


def test_create_user_twice_refused_with_hint(db_path: Path) -> None:
    args = ("create-user", "dora", "--password-stdin", "--db", str(db_path))
    assert _staff(*args, input=PASSWORD).exit_code == 0
    again = _staff(*args, input=PASSWORD)
    assert again.exit_code == 1
    assert "ya existe" in again.output and "precedentes staff passwd dora" in again.output


def test_env_default_database(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRECEDENTES_STAFF_DB", str(db_path))
    assert _staff("list").output.startswith("No hay usuarios del personal")
    assert _staff("create-user", "eva", "--password-stdin", input=PASSWORD).exit_code == 0
    listed = _staff("list")
    assert listed.exit_code == 0 and listed.output.startswith("eva\tactivo")


def test_passwd_changes_password_and_ends_sessions(db_path: Path, tmp_path: Path) -> None:
    assert _staff("create-user", "fer", "--password-stdin", "--db", str(db_path),
                  input=PASSWORD).exit_code == 0
    app = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "sin-indice"),
                      "STAFF_DB": str(db_path)})
    staff = StaffClient(app, "fer", PASSWORD)  # a user made by the command logs into the app
    assert staff.get("/admin/").status_code == 200
    new = "otra contraseña igual de larga"
    result = _staff("passwd", "fer", "--password-stdin", "--db", str(db_path), input=new)
    assert result.exit_code == 0, result.output
    assert staff.get("/admin/").status_code == 302  # its open session ended
    conn = db.connect(db_path)
    assert users.verify_password(conn, "fer", PASSWORD) is None
    assert users.verify_password(conn, "fer", new) == "fer"
    assert [e.action for e in audit.recent(10, conn=conn)][:2] == [
        "staff.passwd", "auth.login"]
    conn.close()
    app.extensions["precedentes"].close()


def test_disable_and_enable(db_path: Path, tmp_path: Path) -> None:
    conn = db.connect(db_path)
    users.create_user(conn, "hugo", PASSWORD, method="pbkdf2:sha256:1000")
    conn.close()
    app = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "sin-indice"),
                      "STAFF_DB": str(db_path)})
    staff = StaffClient(app, "hugo", PASSWORD)
    result = _staff("disable", "hugo", "--db", str(db_path))
    assert result.exit_code == 0 and "desactivado" in result.output
    assert staff.get("/admin/").status_code == 302  # its session ended
    assert _staff("list", "--db", str(db_path)).output.startswith("hugo\tinactivo")
    with pytest.raises(AssertionError):  # a disabled user cannot log in
        StaffClient(app, "hugo", PASSWORD)
    assert _staff("enable", "hugo", "--db", str(db_path)).exit_code == 0
    assert StaffClient(app, "hugo", PASSWORD).get("/admin/").status_code == 200
    conn = db.connect(db_path)
    actions = [e.action for e in audit.recent(10, conn=conn)]
    conn.close()
    assert actions[:5] == ["auth.login", "staff.enable", "auth.login_failed", "staff.disable",
                           "auth.login"]
    missing = _staff("disable", "nadie", "--db", str(db_path))
    assert missing.exit_code == 1 and "No existe" in missing.output
    app.extensions["precedentes"].close()


def test_passwd_unknown_user(db_path: Path) -> None:
    result = _staff("passwd", "nadie", "--password-stdin", "--db", str(db_path), input=PASSWORD)
    assert result.exit_code == 1
    assert "no existe" in result.output and "create-user nadie" in result.output


# --- users ---------------------------------------------------------------------------------

@pytest.mark.parametrize("raw, expected", [
    ("ana", "ana"), (" Ana.Lopez ", "ana.lopez"), ("j_perez-2", "j_perez-2"),
    ("a" * 40, "a" * 40), ("a" * 41, None), ("a", None), ("ana lópez", None),
    (".ana", None), ("ana/..", None), ("", None), ("ana\x00", None),
])
def test_normalize_username(raw: str, expected: str | None) -> None:
    if expected is None:
        with pytest.raises(users.UserError):
            users.normalize_username(raw)
    else:
        assert users.normalize_username(raw) == expected


@pytest.mark.parametrize("password, ok", [
    ("x" * 11, False), ("x" * 12, True), (" " * 20, False),
    ("y" * users.MAX_PASSWORD_LENGTH, True), ("y" * (users.MAX_PASSWORD_LENGTH + 1), False),
])
def test_password_policy(password: str, ok: bool) -> None:
    if ok:
        users.check_password_policy(password)
    else:
        with pytest.raises(users.UserError):
            users.check_password_policy(password)


def test_verify_password(db_path: Path) -> None:
    conn = db.connect(db_path)
    users.create_user(conn, "gina", PASSWORD, method="pbkdf2:sha256:1000")
    assert users.verify_password(conn, "GINA", PASSWORD) == "gina"
    assert users.verify_password(conn, "gina", PASSWORD + "x") is None
    assert users.verify_password(conn, "nadie", PASSWORD) is None
    assert users.verify_password(conn, "gina", PASSWORD + "x" * 5000) is None
    conn.execute("UPDATE staff_users SET active = 0")
    conn.commit()
    assert users.verify_password(conn, "gina", PASSWORD) is None
    conn.close()


# --- throttle ------------------------------------------------------------------------------

@pytest.mark.parametrize("failures_at, now, expected_wait", [
    ([], 1000.0, 0.0),
    ([0, 1, 2, 3], 10.0, 0.0),  # four failures: not locked
    ([0, 1, 2, 3, 4], 10.0, 890.0),  # locked until the oldest of the five leaves the window
    ([0, 1, 2, 3, 4], 901.0, 0.0),  # the oldest left the window: four remain
    ([0, 100, 200, 300, 400, 500], 950.0, 50.0),  # 0 left the window: 100 is oldest
])
def test_seconds_locked(tmp_path: Path, failures_at: list[float], now: float,
                        expected_wait: float) -> None:
    conn = db.connect(tmp_path / "t.sqlite3")
    keys_ = throttle.login_keys("ana", "10.0.0.1")
    for at in failures_at:
        throttle.record_failure(conn, keys_[:1], now=at, window_s=900.0)
    wait = throttle.seconds_locked(conn, keys_, now=now, max_failures=5, window_s=900.0)
    assert wait == pytest.approx(expected_wait)
    throttle.clear(conn, keys_[0])
    assert throttle.seconds_locked(conn, keys_, now=now, max_failures=5, window_s=900.0) == 0
    conn.close()


# --- audit, database, secret key -------------------------------------------------------------

def test_audit_record_and_recent(tmp_path: Path) -> None:
    conn = db.connect(tmp_path / "a.sqlite3")
    audit.record(conn, username="ana", address="::1", action="prueba.sin_etiqueta",
                 target="IVAI-REV/1/2024/I", detail={"antes": "publicado", "después": "retirado"})
    audit.record(conn, username="ana", address="::1", action="auth.logout", target="x" * 2000)
    assert audit.count(conn=conn) == 2
    newest, oldest = audit.recent(10, conn=conn)
    assert newest.label == "Salida" and len(newest.target) == audit.MAX_FIELD
    assert oldest.detail == {"antes": "publicado", "después": "retirado"}
    assert oldest.label == "prueba.sin_etiqueta"  # an action without a label shows as recorded
    assert "retirado" in oldest.detail_text and oldest.at.endswith("+00:00")
    assert [e.id for e in audit.recent(1, 1, conn=conn)] == [oldest.id]
    conn.close()


def test_database_is_wal_and_takes_registered_schemas(tmp_path: Path) -> None:
    script = "CREATE TABLE IF NOT EXISTS prueba_extra (x INTEGER);"
    db.register_schema(script)
    try:
        conn = db.connect(tmp_path / "sub" / "w.sqlite3")
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        conn.execute("INSERT INTO prueba_extra VALUES (1)")
        conn.close()
    finally:
        db._extra_schemas.remove(script)
    with pytest.raises(sqlite3.IntegrityError):  # foreign keys are on
        conn = db.connect(tmp_path / "sub" / "w.sqlite3")
        conn.execute("INSERT INTO staff_sessions VALUES ('s', 'nadie', 0, 0, '')")


def test_secret_key_created_once_private_and_shared(tmp_path: Path) -> None:
    folder = tmp_path / "instance"
    results: list[str] = []

    def load() -> None:
        results.append(keys.load_or_create_secret(folder))

    threads = [threading.Thread(target=load) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(results)) == 1 and len(results[0]) == 64
    path = folder / keys.KEY_FILE
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert sorted(p.name for p in folder.iterdir()) == [keys.KEY_FILE]  # no temporary left
    path.write_text("corta", encoding="ascii")
    with pytest.raises(RuntimeError, match="demasiado corta"):
        keys.load_or_create_secret(folder)


def test_app_without_secret_key_outside_tests_uses_the_instance_file(tmp_path: Path) -> None:
    from flask import Flask

    from search_app.admin import _secret_key

    app = Flask("prueba", instance_path=str(tmp_path / "inst"))
    first = _secret_key(app)
    assert first == _secret_key(app) == (tmp_path / "inst" / "secret_key").read_text().strip()


def test_login_page_token_is_per_session(tmp_path: Path) -> None:
    app = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "x"),
                      "STAFF_DB": str(tmp_path / "s.sqlite3")})
    one, two = app.test_client(), app.test_client()
    token_one = csrf_token_from(one.get("/admin/entrar"))
    response = two.post("/admin/entrar", data={"usuario": "a", "contrasena": "b",
                                               "csrf_token": token_one})
    assert response.status_code == 400  # another browser's token is refused
    app.extensions["precedentes"].close()
