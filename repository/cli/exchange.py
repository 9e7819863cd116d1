"""Exchange formats from the command line: `lontar export-ead ID --out FILE` (EAD 2002 of a
public fonds, series or berkas and everything public below it) and `lontar export-dc ID`
(Dublin Core of one public record, to standard output or `--out`). Both read the public
catalogue only, whoever runs them. Service: `lontar.catalogue` (catalogue/exchange.py)."""

from __future__ import annotations

import click

from repository.app import formatting, translate
from repository.cli.common import (
    LontarCommand,
    language,
    open_service,
    print_json,
    write_bytes,
    write_stdout,
)

JSON = click.option(
    "--json", "as_json", is_flag=True, help="Print {id, bytes, out} (and the XML without --out)."
)


@click.command("export-ead", cls=LontarCommand)
@click.argument("record_id", metavar="ID")
@click.option("--out", required=True, metavar="FILE", help="The EAD 2002 XML file to write.")
@JSON
def export_ead(record_id: str, out: str, as_json: bool) -> None:
    """EAD 2002 finding aid of a public fonds, series or berkas (by id or reference code):
    the description and every public record below it, valid against ead.xsd."""
    with open_service() as (lontar, caller):
        data = lontar.catalogue.export_ead(caller, record_id)
    write_bytes(out, data)
    _report("cat_ead_written", record_id, data, out, as_json)


@click.command("export-dc", cls=LontarCommand)
@click.argument("record_id", metavar="ID")
@click.option("--out", metavar="FILE", help="Write the XML here (default: standard output).")
@JSON
def export_dc(record_id: str, out: str | None, as_json: bool) -> None:
    """Dublin Core (oai_dc) of one public record (by id or reference code), valid against
    oai_dc.xsd."""
    with open_service() as (lontar, caller):
        data = lontar.catalogue.export_dc(caller, record_id)
    if out:
        write_bytes(out, data)
        _report("cat_dc_written", record_id, data, out, as_json)
    elif as_json:
        print_json({"id": record_id, "bytes": len(data), "out": None, "xml": data.decode()})
    else:
        write_stdout(data)


def _report(key: str, record_id: str, data: bytes, out: str, as_json: bool) -> None:
    if as_json:
        print_json({"id": record_id, "bytes": len(data), "out": out})
        return
    size = formatting.number_text(len(data), language())
    click.echo(translate(key, language(), id=record_id, path=out, size=size))


COMMANDS = (export_ead, export_dc)  # repository/cli/__init__.py: the "Public catalogue" section
