"""`lontar dispose` and `lontar disposition close|cancel|none|finish|reply|show|targets|
instructions|lembar`: passing a received letter down the hierarchy (disposisi) and acting on
it (tindak lanjut) from the command line, as `--as USER` (the administrator by default, who
holds no position: dispositions are given by whoever holds the position the letter is
addressed to, or a disposition's recipient). Service: `lontar.letters` (disposing.py).
"""

from __future__ import annotations

import os

import click

from repository.cli.common import (
    DATE,
    LontarCommand,
    LontarGroup,
    language,
    open_service,
    write_bytes,
)
from repository.cli.letters import JSON, read_file, show
from repository.core.errors import InvalidInput


def _codes(lontar, caller, given: tuple[str, ...]) -> list[str]:
    """Instruction codes from codes or labels (either language, any case)."""
    known = lontar.letters.instructions(caller)
    by_label = {}
    for entry in known:
        for label in entry["label"].values():
            by_label[" ".join(label.lower().split())] = entry["code"]
    found = []
    for text in given:
        wanted = " ".join(text.lower().split())
        codes = {e["code"] for e in known}
        if wanted not in codes and wanted not in by_label:
            raise InvalidInput("disposition_instruction_unknown", code=text)
        found.append(wanted if wanted in codes else by_label[wanted])
    return found


@click.command(cls=LontarCommand)
@click.argument("incoming_id", metavar="ID")
@click.option("--to", "to", multiple=True, required=True, metavar="POSITION", help="Repeatable.")
@click.option(
    "--instruction",
    "instructions",
    multiple=True,
    required=True,
    metavar="TEXT",
    help="A code or label of the preset list (repeatable); see `disposition instructions`.",
)
@click.option("--note", default="", help="Free text beside the instructions.")
@click.option("--due", type=DATE, default=None, help="Due date (YYYY-MM-DD), not in the past.")
@click.option("--coordinate", is_flag=True, help="Sideways: positions of the same rank.")
@click.option("--parent", default="", metavar="DISPOSITION", help="Pass this one on.")
@JSON
def dispose(incoming_id, to, instructions, note, due, coordinate, parent, as_json) -> None:
    """Dispose a received letter to positions below (or beside, with --coordinate)."""
    with open_service() as (lontar, caller):
        made = lontar.letters.dispose(
            caller,
            incoming_id,
            list(to),
            _codes(lontar, caller, instructions),
            note=note,
            due=due,
            kind="coordinate" if coordinate else "down",
            parent=parent,
        )
    show({"dispositions": made} if as_json else made, as_json)


@click.group(cls=LontarGroup)
def disposition() -> None:
    """Act on a disposition: close it, cancel it while unread; the letter's chain."""


@disposition.command("close")
@click.argument("disposition_id", metavar="ID")
@click.option("--note", required=True, help="What was done (required).")
@click.option("--result", default=None, metavar="FILE", help="A result file for the thread.")
@JSON
def disposition_close(disposition_id: str, note: str, result: str | None, as_json) -> None:
    """Close your disposition (tindak lanjut) with a note and optionally a result file."""
    attached = (os.path.basename(result), read_file(result)) if result else None
    with open_service() as (lontar, caller):
        lontar.letters.close_disposition(caller, disposition_id, note, attached)
    show({"id": disposition_id, "state": "closed"}, as_json)


@disposition.command("cancel")
@click.argument("disposition_id", metavar="ID")
@JSON
def disposition_cancel(disposition_id: str, as_json: bool) -> None:
    """Cancel a disposition you gave, while its recipient has not read it."""
    with open_service() as (lontar, caller):
        lontar.letters.cancel_disposition(caller, disposition_id)
    show({"id": disposition_id, "state": "cancelled"}, as_json)


@disposition.command("none")
@click.argument("incoming_id", metavar="ID")
@click.option("--note", required=True, help="Why it needs no disposition.")
@JSON
def disposition_none(incoming_id: str, note: str, as_json: bool) -> None:
    """Mark a letter addressed to you as needing no disposition."""
    with open_service() as (lontar, caller):
        lontar.letters.no_disposition(caller, incoming_id, note)
    show({"id": incoming_id, "state": "no_disposition"}, as_json)


@disposition.command("finish")
@click.argument("incoming_id", metavar="ID")
@click.option("--note", required=True, help="What was done.")
@JSON
def disposition_finish(incoming_id: str, note: str, as_json: bool) -> None:
    """Close a letter addressed to you without disposing it."""
    with open_service() as (lontar, caller):
        lontar.letters.close_incoming(caller, incoming_id, note)
    show({"id": incoming_id, "state": "done"}, as_json)


@disposition.command("reply")
@click.argument("incoming_id", metavar="ID")
@click.option("--disposition", "disposition_id", default="", metavar="ID", help="As its answer.")
@JSON
def disposition_reply(incoming_id: str, disposition_id: str, as_json: bool) -> None:
    """Start a reply: a new outgoing draft linked to the letter (edit it with `letter`)."""
    with open_service() as (lontar, caller):
        letter_id = lontar.letters.start_reply(caller, incoming_id, disposition_id)
    show({"letter": letter_id}, as_json)


@disposition.command("show")
@click.argument("incoming_id", metavar="ID")
@JSON
def disposition_show(incoming_id: str, as_json: bool) -> None:
    """The letter's chain of dispositions and what you may do."""
    with open_service() as (lontar, caller):
        found = lontar.letters.disposition_rows(caller, incoming_id)
    if as_json:
        show(found, True)
        return
    click.echo(f"state: {found['state']}  actions: {', '.join(found['actions'])}")
    for row in found["rows"]:
        labels = ", ".join(i["code"] for i in row["instructions"])
        click.echo(
            f"{row['id']}\t{row['from']['code']} -> {row['to']['code']}\t{row['state']}\t{labels}"
        )


@disposition.command("targets")
@click.argument("incoming_id", metavar="ID")
@JSON
def disposition_targets(incoming_id: str, as_json: bool) -> None:
    """The positions you may dispose the letter to."""
    with open_service() as (lontar, caller):
        found = lontar.letters.disposition_targets(caller, incoming_id)
    if as_json:
        show(found, True)
        return
    for row in found:
        holders = ", ".join(h["name"] for h in row["holders"])
        click.echo(f"{row['code']}\t{row['kind']}\t{row['name']}\t{holders}")


@disposition.command("instructions")
@JSON
def disposition_instructions(as_json: bool) -> None:
    """The instruction codes and their labels."""
    with open_service() as (lontar, caller):
        found = lontar.letters.instructions(caller)
    if as_json:
        show(found, True)
        return
    for row in found:
        click.echo(f"{row['code']}\t{row['label']['id']}\t{row['label']['en']}")


@disposition.command("lembar")
@click.argument("incoming_id", metavar="ID")
@click.option("--out", required=True, metavar="FILE", help="The PDF to write.")
def disposition_lembar(incoming_id: str, out: str) -> None:
    """Write the lembar disposisi (PDF)."""
    with open_service() as (lontar, caller):
        data = lontar.letters.lembar_disposisi(caller, incoming_id, language() or "id")
    write_bytes(out, data)
