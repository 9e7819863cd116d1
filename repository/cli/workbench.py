"""The archivist's workbench: the classification scheme (`scheme`), the retention schedule
(`jra`), filing a record under a code (`classify`), retention events and legal holds (`event`,
`hold`), what is due (`retention due`) and vital records (`vital`). Service: `lontar.workbench`.
"""

from __future__ import annotations

from pathlib import Path

import click

from repository.app import VITAL_METHODS
from repository.cli.common import (
    DATE,
    LontarCommand,
    LontarGroup,
    open_service,
    print_json,
    read_text,
    write_stdout,
)


# -- the classification scheme and the JRA --------------------------------------------------------
@click.group(cls=LontarGroup)
def scheme() -> None:
    """Classification schemes: load a version, list the versions."""


@scheme.command("import")
@click.argument("file", metavar="SCHEME.csv")
@click.option("--version", "scheme_version", help="Name of the version (default: the file name).")
def import_scheme(file: str, scheme_version: str | None) -> None:
    """Load a scheme version from CSV (code,name[,parent]).

    The version becomes the current one; records keep the codes they were filed under.

    \b
    Examples:
      lontar scheme import data/klasifikasi-83-2022-top.csv --version "Permendagri 83/2022"
    """
    with open_service() as (lontar, caller):
        version = scheme_version or Path(file).stem
        loaded = lontar.workbench.load_scheme(caller, read_text(file), version)
    click.echo(f"{loaded['version']}: {loaded['codes']}")


@scheme.command("versions")
def scheme_versions() -> None:
    """Print the scheme versions (JSON)."""
    with open_service() as (lontar, _caller):
        print_json(lontar.workbench.scheme_versions())


@click.group(cls=LontarGroup)
def jra() -> None:
    """The retention schedule (JRA): load rows, print it as CSV."""


@jra.command("import")
@click.argument("file", metavar="JRA.csv")
def import_jra(file: str) -> None:
    """Load JRA rows (CSV); a row replaces the rule of its code. Prints how many."""
    with open_service() as (lontar, caller):
        count = lontar.workbench.load_jra(caller, read_text(file))
    click.echo(count)


@jra.command("export")
def export_jra() -> None:
    """Print the JRA as CSV, in the columns jra import reads."""
    with open_service() as (lontar, _caller):
        write_stdout(lontar.workbench.export_jra())


# -- one record -----------------------------------------------------------------------------------
@click.command(cls=LontarCommand)
@click.argument("record_id", metavar="ID")
@click.argument("code")
def classify(record_id: str, code: str) -> None:
    """File a record under a classification code.

    Prints the record's retention dates, computed from the JRA.

    \b
    Examples:
      lontar classify 4kq2x7ab 900.1
    """
    with open_service() as (lontar, caller):
        print_json(lontar.workbench.classify(caller, record_id, code))


@click.command(cls=LontarCommand)
@click.argument("record_id", metavar="ID")
@click.argument("name")
@click.option("--date", type=DATE, help="When it happened (default: today).")
def event(record_id: str, name: str, date) -> None:
    """Record that a retention trigger event (e.g. dicabut) happened.

    \b
    Examples:
      lontar event 4kq2x7ab dicabut --date 2024-02-29
    """
    with open_service() as (lontar, caller):
        print_json(lontar.workbench.retention_event(caller, record_id, name, date))


@click.command(cls=LontarCommand)
@click.argument("record_id", metavar="ID")
@click.option("--reason", default="", help="Why the record is held.")
@click.option("--release", metavar="KEY", help="Lift this hold instead.")
def hold(record_id: str, reason: str, release: str | None) -> None:
    """Put a legal hold on a record (prints its key), or lift one.

    \b
    Examples:
      lontar hold 4kq2x7ab --reason "Sengketa di PTUN"
      lontar hold 4kq2x7ab --release 2026-11-23-1
    """
    with open_service() as (lontar, caller):
        if release:
            lontar.workbench.release_hold(caller, record_id, release)
            return
        click.echo(lontar.workbench.hold(caller, record_id, reason))


# -- retention lists ------------------------------------------------------------------------------
@click.group(cls=LontarGroup)
def retention() -> None:
    """Retention lists: what is due, per list."""


DUE_LISTS = ("transfer", "destroy", "handover", "held", "waiting_for_event")


@retention.command("due")
@click.option("--unit", metavar="CODE", help="Only records of this unit and below.")
@click.option("--on", type=DATE, help="The day to compute for (default: today).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def due(unit: str | None, on, as_json: bool) -> None:
    """List the records due for transfer, destruction or hand-over.

    Also lists the records that would be due but are held, or wait for an event.
    """
    with open_service() as (lontar, caller):
        found = lontar.workbench.retention_due(caller, unit, on)
    if as_json:
        print_json(found)
        return
    for name in DUE_LISTS:
        click.echo(f"{name}: {len(found[name])}")
        for row in found[name]:
            until = row["inactive_until"] or "-"
            click.echo(f"  {row['id']}  {row['code']:<12} {until}  {row['title']}")


# -- vital records --------------------------------------------------------------------------------
@click.group(cls=LontarGroup)
def vital() -> None:
    """Vital records (arsip vital): mark, unmark, list."""


@vital.command("mark")
@click.argument("record_id", metavar="ID")
@click.option("--method", default="", help=f"Protection method: {', '.join(VITAL_METHODS)}.")
@click.option("--copy-location", default="", help="Where the copy is kept.")
@click.option("--verified", type=DATE, help="Date the copy was last checked.")
def mark(record_id: str, method: str, copy_location: str, verified) -> None:
    """Mark a record as vital, or update its entry."""
    with open_service() as (lontar, caller):
        found = lontar.workbench.mark_vital(caller, record_id, method, copy_location, verified)
        print_json(found)


@vital.command("unmark")
@click.argument("record_id", metavar="ID")
def unmark(record_id: str) -> None:
    """Unmark a vital record."""
    with open_service() as (lontar, caller):
        lontar.workbench.unmark_vital(caller, record_id)


@vital.command("list")
def vital_list() -> None:
    """Print the vital records register (JSON)."""
    with open_service() as (lontar, caller):
        print_json(lontar.workbench.vital_register(caller))
