"""The ``precedentes`` command: one click group, each subcommand in its own module.

Subcommands are imported only when used, so ``precedentes ingest`` does not load Flask or
whoosh. Each entry maps a command name to ``module:attribute``.
"""

from __future__ import annotations

import importlib
import os

import click

# spaCy's numpy/BLIS: one BLAS thread is ~2x faster here and avoids oversubscribing the
# extraction and web workers. Must be set before numpy is first imported.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

COMMANDS: dict[str, str] = {
    "sample-corpus": "scripts.cmd_sample:sample_corpus",
    "ingest": "scripts.cmd_ingest:ingest",
    "index": "scripts.cmd_index:index",
    "search": "scripts.cmd_search:search",
    "serve": "scripts.cmd_serve:serve",
    "staff": "scripts.cmd_staff:staff",
}


class LazyGroup(click.Group):
    """A group that imports a subcommand's module only when that subcommand runs."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        command = getattr(importlib.import_module(module_name), attr)
        assert isinstance(command, click.Command)
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Buscador de criterios y precedentes de los organismos garantes del Sureste."""


if __name__ == "__main__":
    main()
