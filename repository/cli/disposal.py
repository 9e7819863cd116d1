"""Where records go at the end of their retention, step by step: `transfer` (pemindahan to the
unit kearsipan), `destroy` (pemusnahan) and `handover` (penyerahan to the LKD). Each step prints
the transfer or destruction as JSON. Service: `lontar.disposal`."""

from __future__ import annotations

from pathlib import Path

import click

from repository.app import parse_keep
from repository.cli.common import DATE, LontarGroup, open_service, print_json, write_bytes
from repository.run import sweep

SIDES = click.Choice(("sender", "receiver"))


def _propose_options(command):
    """`--on` and the record ids a proposal takes."""
    command = click.option(
        "--on", type=DATE, help="The day to compute what is due (default: today)."
    )(command)
    return click.argument("ids", nargs=-1, metavar="[ID]...")(command)


# -- transfer (pemindahan) ------------------------------------------------------------------------
@click.group(cls=LontarGroup)
def transfer() -> None:
    """Transfers (pemindahan) to the unit kearsipan.

    \b
    Examples:
      lontar transfer propose --from DINKES --to DPK
      lontar transfer sign PINDAH-xxxx --side sender --as kadis
      lontar transfer sign PINDAH-xxxx --side receiver --as kadpk
      lontar transfer report PINDAH-xxxx --out berita-acara.pdf
    """


@transfer.command("propose")
@click.option("--from", "source", required=True, metavar="UNIT", help="The unit handing over.")
@click.option("--to", "target", required=True, metavar="UNIT", help="The unit kearsipan.")
@_propose_options
def propose_transfer(source: str, target: str, on, ids: tuple[str, ...]) -> None:
    """List records to move (default: every record due for transfer)."""
    with open_service() as (lontar, caller):
        print_json(lontar.disposal.propose_transfer(caller, source, target, list(ids) or None, on))


@transfer.command("sign")
@click.argument("transfer_id", metavar="ID")
@click.option("--side", type=SIDES, required=True, help="Which head signs off.")
def sign_transfer(transfer_id: str, side: str) -> None:
    """A head signs off; when both have, the records move."""
    with open_service() as (lontar, caller):
        print_json(lontar.disposal.sign_transfer(caller, transfer_id, side))


@transfer.command("show")
@click.argument("transfer_id", metavar="ID")
def show_transfer(transfer_id: str) -> None:
    """The transfer and its state."""
    with open_service() as (lontar, caller):
        print_json(lontar.disposal.transfer(caller, transfer_id))


@transfer.command("report")
@click.argument("transfer_id", metavar="ID")
@click.option("--out", required=True, metavar="FILE", help="The PDF to write.")
def transfer_report(transfer_id: str, out: str) -> None:
    """Write the berita acara (PDF)."""
    with open_service() as (lontar, caller):
        write_bytes(out, lontar.disposal.transfer_report(caller, transfer_id))


# -- destruction (pemusnahan) ---------------------------------------------------------------------
@click.group(cls=LontarGroup)
def destroy() -> None:
    """Destruction (pemusnahan) of records past their retention.

    The steps: propose, object and dismiss, appraise, approve, execute, report.

    \b
    Examples:
      lontar destroy propose --unit DINKES
      lontar destroy appraise MUSNAH-xxxx --panel "Rina; Ketua" --panel "Budi; Anggota"
      lontar destroy approve MUSNAH-xxxx --authority kepala_daerah --decree 188.45/12/2030 \\
          --approver "Wali Kota"
      lontar destroy execute MUSNAH-xxxx
      lontar destroy report MUSNAH-xxxx --out berita-acara.pdf
    """


@destroy.command("propose")
@click.option("--unit", required=True, metavar="CODE", help="The unit whose records go.")
@_propose_options
def propose_destruction(unit: str, on, ids: tuple[str, ...]) -> None:
    """Draw up the DAUM (default: every record due for destruction)."""
    with open_service() as (lontar, caller):
        print_json(lontar.disposal.propose_destruction(caller, unit, list(ids) or None, on))


@destroy.command("object")
@click.argument("destruction_id", metavar="ID")
@click.argument("record")
@click.option("--reason", required=True, help="Why the record should stay.")
def object_to(destruction_id: str, record: str, reason: str) -> None:
    """Object to destroying one record of the list."""
    with open_service() as (lontar, caller):
        lontar.disposal.object_to_destruction(caller, destruction_id, record, reason)


@destroy.command("dismiss")
@click.argument("destruction_id", metavar="ID")
@click.argument("record")
def dismiss(destruction_id: str, record: str) -> None:
    """Dismiss the objection to one record (the panel's call)."""
    with open_service() as (lontar, caller):
        lontar.disposal.dismiss_objection(caller, destruction_id, record)


@destroy.command("appraise")
@click.argument("destruction_id", metavar="ID")
@click.option(
    "--panel",
    multiple=True,
    required=True,
    metavar="'NAME; POSITION'",
    help="A panel member (repeatable).",
)
@click.option(
    "--keep",
    multiple=True,
    metavar="'REC; REASON[; YEARS]'",
    help="A record the panel keeps, and for how many years (none: for good; repeatable).",
)
def appraise(destruction_id: str, panel: tuple[str, ...], keep: tuple[str, ...]) -> None:
    """Record the appraisal panel's decision."""
    with open_service() as (lontar, caller):
        kept, years = parse_keep(list(keep))
        print_json(
            lontar.disposal.appraise_destruction(caller, destruction_id, _pairs(panel), kept, years)
        )


def _pairs(values: tuple[str, ...]) -> list[tuple[str, str]]:
    """'a; b' arguments as (a, b)."""
    found = []
    for value in values:
        first, _, second = value.partition(";")
        found.append((first.strip(), second.strip()))
    return found


@destroy.command("approve")
@click.argument("destruction_id", metavar="ID")
@click.option(
    "--authority",
    type=click.Choice(("kepala_daerah", "kepala_anri")),
    required=True,
    help="Who approves: retention under 10 years the Kepala Daerah, else the Kepala ANRI.",
)
@click.option("--decree", required=True, help="The decree number.")
@click.option("--date", type=DATE, help="The decree's date (default: today).")
@click.option("--approver", required=True, help="The approving official's name.")
def approve(destruction_id: str, authority: str, decree: str, date, approver: str) -> None:
    """Record the approval."""
    with open_service() as (lontar, caller):
        print_json(
            lontar.disposal.approve_destruction(
                caller, destruction_id, authority, decree, date, approver
            )
        )


@destroy.command("execute")
@click.argument("destruction_id", metavar="ID")
def execute(destruction_id: str) -> None:
    """Destroy the records for good (and pack the database)."""
    with open_service() as (lontar, caller):
        print_json(lontar.disposal.execute_destruction(caller, destruction_id))
        sweep.sweep(lontar.home, lontar.db)  # this home's caches too, when it purged itself


@destroy.command("report")
@click.argument("destruction_id", metavar="ID")
@click.option("--daum", is_flag=True, help="The proposal list (DAUM) instead.")
@click.option("--out", required=True, metavar="FILE", help="The PDF to write.")
def destruction_report(destruction_id: str, daum: bool, out: str) -> None:
    """Write the berita acara, or the DAUM (PDF)."""
    document = "daum" if daum else "berita_acara"
    with open_service() as (lontar, caller):
        write_bytes(out, lontar.disposal.destruction_report(caller, destruction_id, document))


@destroy.command("show")
@click.argument("destruction_id", metavar="ID")
def show_destruction(destruction_id: str) -> None:
    """The list and its state."""
    with open_service() as (lontar, caller):
        print_json(lontar.disposal.destruction(caller, destruction_id))


# -- hand-over (penyerahan) -----------------------------------------------------------------------
@click.group(cls=LontarGroup)
def handover() -> None:
    """Hand-over (penyerahan) of permanent records to the LKD.

    \b
    Examples:
      lontar handover propose --from DINKES --to DPK
      lontar handover sign SERAH-xxxx --side sender --as kadis
      lontar handover bag SERAH-xxxx --out /srv/serah
      lontar handover report SERAH-xxxx --statement --out pernyataan.pdf
    """


@handover.command("propose")
@click.option("--from", "source", required=True, metavar="UNIT", help="The unit handing over.")
@click.option("--to", "target", required=True, metavar="UNIT", help="The LKD's unit.")
@_propose_options
def propose_handover(source: str, target: str, on, ids: tuple[str, ...]) -> None:
    """List permanent records to hand over (default: every record due)."""
    with open_service() as (lontar, caller):
        print_json(
            lontar.disposal.propose_transfer(
                caller, source, target, list(ids) or None, on, kind="handover"
            )
        )


@handover.command("sign")
@click.argument("transfer_id", metavar="ID")
@click.option("--side", type=SIDES, required=True, help="Which head signs off.")
def sign_handover(transfer_id: str, side: str) -> None:
    """A head signs off; when both have, the records are handed over."""
    with open_service() as (lontar, caller):
        print_json(lontar.disposal.sign_transfer(caller, transfer_id, side))


@handover.command("show")
@click.argument("transfer_id", metavar="ID")
def show_handover(transfer_id: str) -> None:
    """The hand-over and its state."""
    with open_service() as (lontar, caller):
        print_json(lontar.disposal.transfer(caller, transfer_id))


@handover.command("bag")
@click.argument("transfer_id", metavar="ID")
@click.option("--out", required=True, metavar="DIR", help="Folder for the bag and its zip.")
def bag(transfer_id: str, out: str) -> None:
    """Write the validated BagIt bag; prints the zip's path."""
    with open_service() as (lontar, caller):
        try:
            zipped = lontar.disposal.handover_bag(caller, transfer_id, Path(out))
        except OSError as exc:
            raise click.FileError(exc.filename or out, hint=exc.strerror) from None
    click.echo(zipped)


@handover.command("report")
@click.argument("transfer_id", metavar="ID")
@click.option("--statement", is_flag=True, help="The authenticity statement instead.")
@click.option("--out", required=True, metavar="FILE", help="The PDF to write.")
def handover_report(transfer_id: str, statement: bool, out: str) -> None:
    """Write the berita acara, or the authenticity statement (PDF)."""
    document = "statement" if statement else ""
    with open_service() as (lontar, caller):
        write_bytes(out, lontar.disposal.transfer_report(caller, transfer_id, document))
