"""The reading room from the command line: `lontar finding-aid ID --out FILE.pdf` (the
inventaris arsip statis of a public fonds, series or berkas, in the language `--lang` names)
and `lontar selection show NUMBER` (a saved selection list, as the reading room's staff read
it when a request cites its number). Service: `lontar.catalogue` (catalogue/reading_room.py).
"""

from __future__ import annotations

from io import BytesIO

import click
from pypdf import PdfReader

from repository.app import formatting, translate
from repository.cli.common import (
    LontarCommand,
    LontarGroup,
    language,
    open_service,
    print_json,
    write_bytes,
)

JSON = click.option("--json", "as_json", is_flag=True, help="Print JSON.")


@click.command("finding-aid", cls=LontarCommand)
@click.argument("record_id", metavar="ID")
@click.option("--out", required=True, metavar="FILE.pdf", help="Where to write the PDF.")
@JSON
def finding_aid(record_id: str, out: str, as_json: bool) -> None:
    """Write the finding aid (inventaris arsip statis) of a public fonds, series or berkas:
    title page, ISAD(G) introduction, the numbered inventory. --lang chooses its language."""
    with open_service() as (lontar, caller):
        data = lontar.catalogue.finding_aid(caller, record_id, language())
    write_bytes(out, data)
    pages = len(PdfReader(BytesIO(data)).pages)
    if as_json:
        print_json({"id": record_id, "out": out, "bytes": len(data), "pages": pages})
        return
    lang = language()
    size, pages_text = (formatting.number_text(n, lang) for n in (len(data), pages))
    click.echo(
        translate("pub_cli_aid_written", lang, id=record_id, path=out, pages=pages_text, size=size)
    )


@click.group(cls=LontarGroup)
def selection() -> None:
    """Selection lists (daftar pilihan) researchers saved in the catalogue."""


@selection.command("show")
@click.argument("number", metavar="NUMBER")
@JSON
def show_selection(number: str, as_json: bool) -> None:
    """A saved list by its number, full (DP-2026-0007-K3QF7) or bare (DP-2026-0007, for
    staff): its records, those no longer public marked so, and the name and contact it was
    saved with."""
    with open_service() as (lontar, caller):
        found = lontar.catalogue.selection(caller, number)
    if as_json:
        print_json(found)
        return
    lang = language()
    moment = formatting.datetime_text(found["created"], lang)
    click.echo(translate("sel_opened_heading", lang, number=found["number"]))
    counts = {"count": found["count"], "available": found["available"]}
    click.echo(translate("sel_opened_meta", lang, moment=moment, **counts))
    if "contact" in found:
        people = {k: found[k] or "-" for k in ("name", "contact", "saved_by")}
        click.echo(translate("sel_staff_contact", lang, **people))
    for row in found["rows"]:
        click.echo(_line(row, lang))


def _line(row: dict, lang: str | None) -> str:
    """`1. ID-T/DPK/F1/S1/B1  Berkas pasar  (3 Februari 1951)  [id]`, or the id and the words
    for a record no longer public."""
    if not row["available"]:
        return f"{row['no']}. [{row['id']}] {translate('sel_unavailable', lang)}"
    dates = [formatting.date_text(d, lang) for d in (row["date_start"], row["date_end"]) if d]
    shown = " – ".join(dict.fromkeys(dates)) or translate("fa_no_date", lang)
    return f"{row['no']}. {row['refcode']}  {row['title']}  ({shown})  [{row['id']}]"


COMMANDS = (finding_aid, selection)  # what repository/cli/__init__.py adds to its section
