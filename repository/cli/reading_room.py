"""Catalogue commands (OWNED BY HELPER D; replace this docstring)."""

from __future__ import annotations

import click

from repository.cli.common import LontarCommand


@click.command(cls=LontarCommand, name="placeholder-reading_room", hidden=True)
def placeholder() -> None:
    """Placeholder (helper D replaces this module's commands)."""


COMMANDS = (placeholder,)  # what repository/cli/__init__.py adds to the "Public catalogue" section
