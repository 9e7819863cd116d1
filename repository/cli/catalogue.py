"""Catalogue commands (OWNED BY HELPER E; replace this docstring)."""

from __future__ import annotations

import click

from repository.cli.common import LontarCommand


@click.command(cls=LontarCommand, name="placeholder-catalogue", hidden=True)
def placeholder() -> None:
    """Placeholder (helper E replaces this module's commands)."""


COMMANDS = (placeholder,)  # what repository/cli/__init__.py adds to the "Public catalogue" section
