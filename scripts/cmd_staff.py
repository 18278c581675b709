"""``precedentes staff``: staff users of the staff area (create, passwd, disable/enable, list).

It writes to the same SQLite database the web app reads: ``--db``, else the
``PRECEDENTES_STAFF_DB`` environment variable, else the ``STAFF_DB`` setting's default.
"""

from __future__ import annotations

import getpass
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

ENV_DB = "PRECEDENTES_STAFF_DB"
F = TypeVar("F", bound=Callable[..., Any])


def _default_db() -> Path:
    from search_app.settings import defaults

    return Path(os.environ.get(ENV_DB) or defaults()["STAFF_DB"])


def _fail(message: str, hint: str = "") -> NoReturn:
    click.echo(f"Error: {message}" + (f"\n{hint}" if hint else ""), err=True)
    sys.exit(1)


def _db_option(func: F) -> F:
    option = click.option(
        "--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
        help=f"Base de datos del personal [por omisión: ${ENV_DB} o var/staff.sqlite3].")
    return option(func)


def _read_password(password_stdin: bool) -> str:
    """The new password: first line of stdin, or asked twice without echo."""
    if password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    from search_app.admin.users import UserError, check_password_policy

    first = str(click.prompt("Contraseña nueva", hide_input=True, prompt_suffix=": "))
    try:
        check_password_policy(first)  # before asking again: no point repeating a bad one
    except UserError as exc:
        _fail(exc.message)
    second = click.prompt("Repita la contraseña", hide_input=True, prompt_suffix=": ")
    if first != second:
        _fail("las dos contraseñas no coinciden; no se guardó nada.", "Intente de nuevo.")
    return first


def _operator() -> str:
    try:
        return f"consola:{getpass.getuser()}"
    except (KeyError, OSError):
        return "consola"


def _password_options(func: F) -> F:
    option = click.option(
        "--password-stdin", is_flag=True,
        help="Leer la contraseña de la primera línea de la entrada estándar (para scripts).")
    return _db_option(option(func))


@click.group("staff")
def staff() -> None:
    """Usuarios del área de personal (/admin): alta, contraseña, baja y lista."""


@staff.command("create-user")
@click.argument("nombre")
@_password_options
def create_user(nombre: str, password_stdin: bool, db_path: Path | None) -> None:
    """Da de alta al usuario NOMBRE del personal (pide la contraseña dos veces)."""
    from search_app.admin import audit, db, users

    try:
        username = users.normalize_username(nombre)
    except users.UserError as exc:
        _fail(exc.message)
    path = db_path or _default_db()
    conn = db.connect(path)
    try:
        if any(u.username == username for u in users.list_users(conn)):
            _fail(f"ya existe el usuario «{username}».",
                  f"Para cambiar su contraseña: precedentes staff passwd {username}")
        password = _read_password(password_stdin)
        try:
            users.create_user(conn, username, password)
        except users.UserError as exc:
            _fail(exc.message)
        audit.record(conn, username=_operator(), address="local",
                     action="staff.create_user", target=username)
    finally:
        conn.close()
    click.echo(f"Usuario «{username}» creado en {path}.")


@staff.command("passwd")
@click.argument("nombre")
@_password_options
def passwd(nombre: str, password_stdin: bool, db_path: Path | None) -> None:
    """Cambia la contraseña del usuario NOMBRE y cierra sus sesiones abiertas."""
    from search_app.admin import audit, db, users

    path = db_path or _default_db()
    conn = db.connect(path)
    try:
        try:
            username = users.normalize_username(nombre)
        except users.UserError as exc:
            _fail(exc.message)
        if not any(u.username == username for u in users.list_users(conn)):
            _fail(f"no existe el usuario «{username}».",
                  f"Para darlo de alta: precedentes staff create-user {username}")
        password = _read_password(password_stdin)
        try:
            users.set_password(conn, username, password)
        except users.UserError as exc:
            _fail(exc.message)
        audit.record(conn, username=_operator(), address="local", action="staff.passwd",
                     target=username)
    finally:
        conn.close()
    click.echo(f"Contraseña de «{username}» cambiada; sus sesiones abiertas se cerraron.")


def _set_active(nombre: str, db_path: Path | None, active: bool) -> None:
    from search_app.admin import audit, db, users

    path = db_path or _default_db()
    conn = db.connect(path)
    try:
        try:
            username = users.set_active(conn, nombre, active)
        except users.UserError as exc:
            _fail(exc.message)
        audit.record(conn, username=_operator(), address="local",
                     action="staff.enable" if active else "staff.disable", target=username)
    finally:
        conn.close()
    if active:
        click.echo(f"Usuario «{username}» reactivado.")
    else:
        click.echo(f"Usuario «{username}» desactivado; sus sesiones abiertas se cerraron.")


@staff.command("disable")
@click.argument("nombre")
@_db_option
def disable(nombre: str, db_path: Path | None) -> None:
    """Desactiva al usuario NOMBRE (no puede entrar; se conserva en la bitácora)."""
    _set_active(nombre, db_path, False)


@staff.command("enable")
@click.argument("nombre")
@_db_option
def enable(nombre: str, db_path: Path | None) -> None:
    """Reactiva al usuario NOMBRE."""
    _set_active(nombre, db_path, True)


@staff.command("list")
@_db_option
def list_users(db_path: Path | None) -> None:
    """Lista los usuarios del personal."""
    from search_app.admin import db, users

    path = db_path or _default_db()
    conn = db.connect(path)
    try:
        found = users.list_users(conn)
    finally:
        conn.close()
    if not found:
        click.echo(f"No hay usuarios del personal en {path}. Cree uno con: "
                   "precedentes staff create-user NOMBRE")
        return
    for user in found:
        state = "activo" if user.active else "inactivo"
        click.echo(f"{user.username}\t{state}\talta {user.created_at}\tcambio {user.updated_at}")
