"""`lontar ppid ...`: the public information service (PPID): requests from the queue to the
written notice, objections and disputes, the DIP and DIK lists, the agency's days off, the
registers and the annual report. Most steps print the request as JSON. Service: `lontar.ppid`.
"""

from __future__ import annotations

import click

from repository.app import CATEGORIES, DECISIONS, DEFAULT_LANGUAGE, EXEMPTIONS, exports
from repository.cli.common import (
    DATE,
    MAX_YEAR,
    LontarGroup,
    language,
    open_service,
    print_json,
    write_bytes,
    write_stdout,
)

GROUNDS = sorted(EXEMPTIONS)
ADD_OR_LIST = click.Choice(("add", "list"))


@click.group(cls=LontarGroup)
def ppid() -> None:
    """Public information service (PPID): requests, objections, lists.

    \b
    Examples:
      lontar ppid queue --as ppid.dinkes
      lontar ppid assign PPID-2026-0001 --unit DINKES --to ppid.dinkes
      lontar ppid decide PPID-2026-0001 --decision granted --form PDF --release 4kq2x7ab
      lontar ppid notice PPID-2026-0001 --out pemberitahuan.pdf
    """


# -- deadlines and the calendar -------------------------------------------------------------------
@ppid.command("deadline")
@click.option("--received", type=DATE, required=True, help="The day the request came in.")
@click.option("--objection-filed", type=DATE, help="The day an objection was filed.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def deadline(received, objection_filed, as_json: bool) -> None:
    """Compute the legal due dates of a request, in working days.

    Working days exclude weekends, national holidays and the agency's days off.

    \b
    Examples:
      lontar ppid deadline --received 2026-12-21 --objection-filed 2026-06-01 --json
    """
    with open_service() as (lontar, _caller):
        found = lontar.ppid.ppid_deadlines(received, objection_filed)
    if as_json:
        print_json(found)
        return
    for key, value in found.items():
        click.echo(f"{key}: {value}")


@ppid.command("dayoff")
@click.argument("day", type=DATE, metavar="DATE")
@click.option("--reason", default="", help="Why the agency is closed.")
@click.option("--working", is_flag=True, help="A listed holiday worked instead.")
def dayoff(day, reason: str, working: bool) -> None:
    """Add an agency day off (or, with --working, a holiday worked)."""
    with open_service() as (lontar, caller):
        lontar.ppid.set_day_off(caller, day, reason, working)
    print_json({"date": day.isoformat(), "working": working})


# -- requests -------------------------------------------------------------------------------------
@ppid.command("queue")
def queue() -> None:
    """Open requests, soonest due first."""
    with open_service() as (lontar, caller):
        print_json(lontar.ppid.ppid_queue(caller))


@ppid.command("show")
@click.argument("number")
def show(number: str) -> None:
    """Show one request."""
    with open_service() as (lontar, caller):
        print_json(lontar.ppid.ppid_request(caller, number))


@ppid.command("assign")
@click.argument("number")
@click.option("--unit", required=True, metavar="CODE", help="The unit that holds the information.")
@click.option("--to", "assignee", required=True, metavar="ACCOUNT", help="The PPID Pelaksana.")
def assign(number: str, unit: str, assignee: str) -> None:
    """Assign a request to a PPID Pelaksana."""
    with open_service() as (lontar, caller):
        print_json(lontar.ppid.assign_request(caller, number, unit, assignee))


@ppid.command("extend")
@click.argument("number")
@click.option("--reason", required=True, help="Why more time is needed.")
def extend(number: str, reason: str) -> None:
    """Extend the answer's due date by 7 working days (once)."""
    with open_service() as (lontar, caller):
        print_json(lontar.ppid.extend_request(caller, number, reason))


@ppid.command("concern")
@click.argument("number")
@click.argument("ids", nargs=-1, required=True, metavar="ID...")
def concern(number: str, ids: tuple[str, ...]) -> None:
    """Name the records that hold the requested information."""
    with open_service() as (lontar, caller):
        print_json(lontar.ppid.concern_records(caller, number, list(ids)))


@ppid.command("decide", greedy=("--release",))
@click.argument("number")
@click.option("--decision", type=click.Choice(DECISIONS), required=True, help="The decision.")
@click.option(
    "--ground",
    type=click.Choice(GROUNDS),
    help="Exemption ground (refused, partial), a letter of UU 14/2008 art. 17.",
)
@click.option("--test", "test_id", default="", metavar="DIK-ID", help="The consequence test.")
@click.option("--holder", default="", help="Who holds the information (not_held).")
@click.option("--redactions", default="", help="What is blacked out (partial).")
@click.option("--form", default="", help="Form of the information, e.g. PDF.")
@click.option(
    "--cost",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Cost charged (rupiah).",
)
@click.option(
    "--release",
    multiple=True,
    metavar="ID...",
    help="Ids of the records released (several may follow).",
)
def decide(
    number: str,
    decision: str,
    ground: str | None,
    test_id: str,
    holder: str,
    redactions: str,
    form: str,
    cost: int,
    release: tuple[str, ...],
) -> None:
    """Record the written decision on a request.

    \b
    Examples:
      lontar ppid decide PPID-2026-0001 --decision granted --form PDF --release 4kq2x7ab
      lontar ppid decide PPID-2026-0002 --decision refused --ground h --test DIK-xxxx
    """
    with open_service() as (lontar, caller):
        decided = lontar.ppid.decide_request(
            caller,
            number,
            kind=decision,
            ground=ground or "",
            test_id=test_id,
            holder=holder,
            redactions=redactions,
            form=form,
            cost=cost,
            released=list(release),
        )
    print_json(decided)


@ppid.command("notice")
@click.argument("number")
@click.option("--out", required=True, metavar="FILE", help="The PDF to write.")
def notice(number: str, out: str) -> None:
    """Write the notice of the decision (PDF)."""
    with open_service() as (lontar, caller):
        write_bytes(out, lontar.ppid.notice(caller, number, language() or DEFAULT_LANGUAGE))


# -- objections and disputes ----------------------------------------------------------------------
@ppid.command("objection")
@click.argument("number", metavar="KEB-NUMBER")
@click.option(
    "--outcome", type=click.Choice(("accepted", "rejected")), required=True, help="The answer."
)
@click.option("--reasons", required=True, help="The reasons given.")
@click.option("--official", required=True, help="The Atasan PPID's name.")
def objection(number: str, outcome: str, reasons: str, official: str) -> None:
    """Record the Atasan PPID's answer to an objection."""
    with open_service() as (lontar, caller):
        print_json(lontar.ppid.decide_objection(caller, number, outcome, reasons, official))


@ppid.command("dispute")
@click.argument("number", metavar="KEB-NUMBER")
@click.option("--filed", type=DATE, help="The day it was filed (default: today).")
@click.option("--outcome", default="", help="The Komisi Informasi's ruling, once known.")
def dispute(number: str, filed, outcome: str) -> None:
    """Record a Komisi Informasi dispute over an objection.

    Run it again with --outcome once the Komisi has ruled.
    """
    with open_service() as (lontar, caller):
        print_json(lontar.ppid.record_dispute(caller, number, filed, outcome))


# -- DIP and DIK ----------------------------------------------------------------------------------
@ppid.command("dip", greedy=("--records",))
@click.argument("action", type=ADD_OR_LIST)
@click.option("--summary", default="", help="What the information is.")
@click.option("--category", type=click.Choice(CATEGORIES), help="How it is made public.")
@click.option("--unit", default="", metavar="CODE", help="The unit that holds it.")
@click.option("--responsible", default="", help="Who is responsible for it.")
@click.option("--made", default="", help="When and where it was made.")
@click.option("--formats", default="", help="The forms it is available in.")
@click.option("--records", multiple=True, metavar="ID...", help="Record ids (several may follow).")
def dip(
    action: str,
    summary: str,
    category: str | None,
    unit: str,
    responsible: str,
    made: str,
    formats: str,
    records: tuple[str, ...],
) -> None:
    """Add to or list the DIP (daftar informasi publik).

    \b
    Examples:
      lontar ppid dip add --summary "..." --category berkala --unit DINKES --records ID ID
      lontar ppid dip list
    """
    with open_service() as (lontar, caller):
        if action == "list":
            found = lontar.ppid.dip_list(caller)
        else:
            fields = {
                "summary": summary,
                "category": category,
                "unit": unit,
                "responsible": responsible,
                "made": made,
                "formats": formats,
                "record_ids": list(records),
            }
            found = lontar.ppid.save_dip(caller, fields)
    print_json(found)


@ppid.command("dik", greedy=("--records",))
@click.argument("action", type=ADD_OR_LIST)
@click.option("--information", default="", help="The information withheld.")
@click.option("--ground", type=click.Choice(GROUNDS), help="The exemption ground.")
@click.option("--legal-basis", default="", help="The law it rests on.")
@click.option("--harm", default="", help="The harm disclosure would do.")
@click.option("--public-interest", default="", help="Why withholding serves the public more.")
@click.option("--years", type=int, default=0, show_default=True, help="How long it is withheld.")
@click.option("--decree", default="", help="The decree setting it.")
@click.option("--unit", default="", metavar="CODE", help="The unit that holds it.")
@click.option("--records", multiple=True, metavar="ID...", help="Record ids (several may follow).")
def dik(
    action: str,
    information: str,
    ground: str | None,
    legal_basis: str,
    harm: str,
    public_interest: str,
    years: int,
    decree: str,
    unit: str,
    records: tuple[str, ...],
) -> None:
    """Add a consequence test to the DIK, or list the DIK.

    The DIK is the daftar informasi yang dikecualikan (exempt information).

    \b
    Examples:
      lontar ppid dik add --information "..." --ground h --legal-basis "..." --harm "..." \\
          --public-interest "..." --years 5
      lontar ppid dik list
    """
    with open_service() as (lontar, caller):
        if action == "list":
            found = lontar.ppid.dik_list(caller)
        else:
            fields = {
                "information": information,
                "ground": ground,
                "legal_basis": legal_basis,
                "harm": harm,
                "public_interest": public_interest,
                "years": years,
                "decree": decree,
                "unit": unit,
                "record_ids": list(records),
            }
            found = lontar.ppid.save_dik(caller, fields)
    print_json(found)


# -- registers and the annual report --------------------------------------------------------------
@ppid.command("registers")
@click.option(
    "--format",
    "file_format",
    type=click.Choice(exports.FORMATS),
    default="json",
    show_default=True,
    help="File format.",
)
@click.option("--objections", is_flag=True, help="The objection register instead of requests.")
@click.option("--out", metavar="FILE", help="File to write (default: standard output).")
def registers(file_format: str, objections: bool, out: str | None) -> None:
    """Print or write the request register (or the objection register)."""
    with open_service() as (lontar, caller):
        found = lontar.ppid.ppid_registers(caller)
    rows = found["objections" if objections else "requests"]
    data = exports.encode(rows, file_format, list(rows[0]) if rows else ["number"])
    if out:
        write_bytes(out, data)
    elif file_format == "xlsx":
        write_stdout(data)
    else:
        click.echo(data.decode("utf-8-sig"))


@ppid.command("report")
@click.option(
    "--year",
    type=click.IntRange(1, MAX_YEAR),
    required=True,
    metavar="YYYY",
    help="The year reported on.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON (also the default).")
@click.option("--out", metavar="FILE", help="Write the report as PDF instead.")
def report(year: int, as_json: bool, out: str | None) -> None:
    """Print the annual report (JSON), or write it as PDF.

    The report UU 14/2008 asks for: requests, decisions, objections, disputes.

    \b
    Examples:
      lontar ppid report --year 2026 --json
      lontar ppid report --year 2026 --out laporan.pdf
    """
    with open_service() as (lontar, caller):
        if out:
            write_bytes(out, lontar.ppid.ppid_report_pdf(caller, year))
            return
        found = lontar.ppid.ppid_report(caller, year)
    print_json(found)
