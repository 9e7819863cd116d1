"""The Pemda's search dictionary (`thesaurus`): abbreviations and spelling variants searched
together. Service: `lontar.thesaurus` (records/thesaurus.py); administrators only."""

from __future__ import annotations

import click

from repository.app import THESAURUS_KINDS
from repository.cli.common import LontarGroup, open_service, print_json, read_text


@click.group(cls=LontarGroup)
def thesaurus() -> None:
    """The search dictionary: national lists plus this Pemda's own entries."""


@thesaurus.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--local", "local_only", is_flag=True, help="Only this Pemda's own entries.")
def list_entries(as_json: bool, local_only: bool) -> None:
    """List every pair with its source (national or local) and whether it applies.

    \b
    Examples:
      lontar thesaurus list --local
    """
    with open_service() as (lontar, caller):
        rows = lontar.thesaurus.entries(caller)
    if local_only:
        rows = [r for r in rows if r["source"] == "local" or not r["active"]]
    if as_json:
        print_json(rows)
        return
    for row in rows:
        state = "" if row["active"] else "  (off)"
        click.echo(f"{row['term']} = {row['equivalent']}  [{row['kind']}, {row['source']}]{state}")


@thesaurus.command("add")
@click.argument("term")
@click.argument("equivalent")
@click.option(
    "--kind",
    type=click.Choice(THESAURUS_KINDS),
    default="abbreviation",
    show_default=True,
    help="An abbreviation and its long form, or a spelling variant and its standard form.",
)
def add(term: str, equivalent: str, kind: str) -> None:
    """Add a local pair (or switch a national one back on).

    \b
    Examples:
      lontar thesaurus add Disdukcapil "dinas kependudukan dan pencatatan sipil"
      lontar thesaurus add sholat salat --kind variant
    """
    with open_service() as (lontar, caller):
        row = lontar.thesaurus.add(caller, term, equivalent, kind)
    click.echo(f"{row['term']} = {row['equivalent']} ({row['source']})")


@thesaurus.command("remove")
@click.argument("term")
@click.argument("equivalent")
def remove(term: str, equivalent: str) -> None:
    """Remove a local pair, or switch a national pair off for this Pemda.

    \b
    Examples:
      lontar thesaurus remove SPT "surat pemberitahuan tahunan"
    """
    with open_service() as (lontar, caller):
        row = lontar.thesaurus.remove(caller, term, equivalent)
    click.echo(f"{row['term']} = {row['equivalent']}: off ({row['source']})")


@thesaurus.command("import")
@click.argument("path", metavar="FILE.csv")
def import_csv(path: str) -> None:
    """Import pairs from a CSV: columns term,equivalent[,kind][,state] (state off switches a
    national pair off), as the Administrasi page's download writes them.

    \b
    Examples:
      lontar thesaurus import kamus-pemda.csv
    """
    data = read_text(path).encode("utf-8")
    with open_service() as (lontar, caller):
        count = lontar.thesaurus.import_csv(caller, data)
    click.echo(f"{count} rows imported")
