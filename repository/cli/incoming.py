"""`lontar incoming register|show|registerwaiting` and `lontar agenda`: received letters from
the command line. A letter from outside is registered by its unit's pencatat (`--as USER`,
the administrator by default) with its scans or PDFs, which go through the ingest into the
letter's thread; the buku agenda masuk of a unit and year is printed, searched or exported.
Service: `lontar.letters` (repository/letters/receiving.py).
"""

from __future__ import annotations

from pathlib import Path

import click

from repository.cli.common import (
    DATE,
    MAX_YEAR,
    LontarCommand,
    LontarGroup,
    open_service,
    print_json,
    write_bytes,
)
from repository.cli.letters import JSON, _flat, read_file, show
from repository.letters.model import SIFAT, URGENCY

EXPORTS = ("xlsx", "csv", "json", "pdf")


@click.group(cls=LontarGroup)
def incoming() -> None:
    """Received letters (naskah masuk): register, show.

    \b
    Examples:
      lontar incoming register surat.pdf --unit DINKES --sender "Direktur RSUD" \\
          --their-number 445/12/RSUD --their-date 2026-12-01 --hal "Permohonan data"
      lontar incoming show ID
    """


@incoming.command("register")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--unit", required=True, metavar="CODE", help="The receiving unit.")
@click.option("--sender", required=True, help="Who sent it (institution, office).")
@click.option("--their-number", required=True, metavar="N", help="The letter's own number.")
@click.option("--their-date", required=True, type=DATE, help="The letter's own date.")
@click.option("--hal", required=True, help="What it is about.")
@click.option("--received", type=DATE, default=None, help="Date received (default: today).")
@click.option("--sifat", type=click.Choice(SIFAT), default="biasa", show_default=True)
@click.option("--urgency", type=click.Choice(URGENCY), default="biasa", show_default=True)
@click.option("--classification", default="", metavar="KKA", help="A code of the scheme.")
@click.option("--addressed", default="", metavar="POSITION", help="Default: the unit's head.")
@click.option("--summary", default="", help="Isi ringkas.")
@click.option("--attachments", "attachments_note", default="", help='E.g. "2 lembar".')
@JSON
def incoming_register(files, unit, as_json, **fields) -> None:
    """Register a letter from outside with its scans or PDFs; prints its agenda number."""
    data = [(Path(path).name, read_file(path)) for path in files]
    with open_service() as (lontar, caller):
        made = lontar.letters.register_external(caller, unit, fields, data)
    if as_json:
        print_json(made)
        return
    click.echo(f"{made['agenda']}\t{made['id']}")
    for outcome in made["report"]["duplicates"] + made["report"]["rejected"]:
        reason = outcome.get("message") or outcome.get("duplicate_of") or ""
        click.echo(f"{outcome['filename']}: {outcome['status']} {reason}".rstrip(), err=True)


@incoming.command("show")
@click.argument("incoming_id", metavar="ID")
@JSON
def incoming_show(incoming_id: str, as_json: bool) -> None:
    """One received letter: its data, documents, dispositions, replies and history. Shown
    to its addressee or a recipient of its disposition, it is marked read, as the page
    marks it (cancelling a disposition is allowed only while unread)."""
    with open_service() as (lontar, caller):
        found = lontar.letters.incoming(caller, incoming_id)  # not found: nothing marked
        lontar.letters.mark_incoming_read(caller, incoming_id)
    show(found, as_json)


@incoming.command("registerwaiting")
@click.argument("incoming_id", metavar="ID")
@click.option("--addressed", default="", metavar="POSITION", help="When the unit has no head.")
@JSON
def incoming_register_waiting(incoming_id: str, addressed: str, as_json: bool) -> None:
    """Register a letter sent inside Lontar that waits for the unit's clerks."""
    with open_service() as (lontar, caller):
        show(lontar.letters.register(caller, incoming_id, addressed), as_json)


@click.command(cls=LontarCommand)
@click.option("--unit", required=True, metavar="CODE", help="The receiving unit.")
@click.option("--year", type=click.IntRange(1, MAX_YEAR), required=True, metavar="YYYY")
@click.option("--query", default="", help="Only lines with these words.")
@click.option("--export", "fmt", type=click.Choice(EXPORTS), default=None, help="A file format.")
@click.option("--out", metavar="FILE", help="Where the export goes (required with --export).")
@JSON
def agenda(unit: str, year: int, query: str, fmt: str | None, out: str | None, as_json) -> None:
    """The buku agenda masuk of a unit and year.

    \b
    Examples:
      lontar agenda --unit DINKES --year 2026 --query banjir
      lontar agenda --unit DINKES --year 2026 --export pdf --out agenda-2026.pdf
    """
    if fmt and not out:
        raise click.UsageError("--export needs --out FILE")
    with open_service() as (lontar, caller):
        if fmt:
            write_bytes(out, lontar.letters.agenda_export(caller, unit, year, fmt))
            return
        rows = lontar.letters.agenda_register(caller, unit, year, query)
    if as_json:
        print_json(rows)
        return
    for row in rows:
        click.echo("\t".join(_flat(v) for k, v in row.items() if k not in ("id", "withheld")))
