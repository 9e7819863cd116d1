"""One's work queues from the command line: `lontar inbox [--as USER] [--json]`; with
`--email ADDRESS` it sets the address e-mail notifications go to ("" removes it)."""

from __future__ import annotations

import click

from repository.app import QUEUE_ORDER, formatting, translate
from repository.cli.common import LontarCommand, language, open_service, print_json

ORDER = QUEUE_ORDER


@click.command(cls=LontarCommand)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--email", default=None, metavar="ADDRESS", help="Set your notification e-mail.")
def inbox(as_json: bool, email: str | None) -> None:
    """What waits for you: letters to verify, sign, register, read and act on."""
    with open_service() as (lontar, caller):
        if email is not None:
            lontar.letters.set_email(caller, email)
        found = lontar.letters.inbox(caller)
    if as_json:
        print_json(found)
        return
    lang = language()
    for queue in ORDER:
        rows = found["lists"].get(queue, [])
        count = formatting.number_text(len(rows), lang)
        click.echo(f"{translate('inbox_queue_' + queue, lang)}: {count}")
        for row in rows:
            click.echo("  " + _line(row, lang))


def _line(row: dict, lang: str | None) -> str:
    hal = translate("inbox_withheld", lang) if row.get("withheld") else row.get("hal") or "-"
    when = formatting.date_text(row["at"], lang) if row.get("at") else "-"
    parts = [row["id"], row.get("agenda") or "-", hal, row.get("from") or "-", when]
    if row.get("due"):
        parts.append(translate("inbox_line_due", lang, due=formatting.date_text(row["due"], lang)))
    return "\t".join(parts)
