"""`lontar`: the command line, a thin shell over the `Lontar` service (repository/app.py).

One module per feature, as the service is split: `records` (units, import, search, export,
show), `access` (accounts, shares, blocks, the audit trail), `workbench` (scheme, JRA,
retention, vital records), `disposal` (transfer, destruction, hand-over), `ppid` (public
information service), `letters` (positions, signing set-up, outgoing letters, letter types,
recipient groups, letterheads) and `run` (init, serve and the index's upkeep); `common` holds
what they share. This module is the root group and the table of contents.
"""

from __future__ import annotations

import click

# isort: off
from repository.cli import messages  # noqa: F401  (registers the catalogue)

# isort: on
from repository.cli import (
    access,
    backup,
    catalogue,
    disposal,
    disposition,
    exchange,
    health,
    inbox,
    incoming,
    letters,
    ppid,
    reading_room,
    records,
    reports,
    run,
    service,
    thesaurus,
    workbench,
)
from repository.cli.common import RootGroup


@click.group(cls=RootGroup, context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Lontar, the archive repository of a Pemda.

    Commands act as the system administrator unless --as USER names an account (or
    anonymous): the CLI runs on the server, where whoever may run it may read the data
    directory anyway; --as is for seeing what a user would see. What commands do is written
    to the audit trail. Read commands take --json. The global options may also follow the
    command. Errors are printed once, in the user's language (--lang or $LONTAR_LANG), and
    give exit status 1; a bad command line gives 2.
    """


records.unit.add_command(access.block_unit)
main.add_section(
    "Records",
    records.unit,
    records.units,
    records.import_files,
    records.search,
    records.export,
    records.show,
)
main.add_section("Access", access.user, access.users, access.share, access.audit)
main.add_section("Search dictionary", thesaurus.thesaurus)
main.add_section(
    "Workbench",
    workbench.scheme,
    workbench.jra,
    workbench.classify,
    workbench.event,
    workbench.hold,
    workbench.retention,
    workbench.vital,
)
main.add_section("Disposal", disposal.transfer, disposal.destroy, disposal.handover)
main.add_section("Public information (PPID)", ppid.ppid)
main.add_section(
    "Official letters",
    letters.letter,
    letters.position,
    letters.signing,
    letters.lettertype,
    letters.lettergroup,
    letters.kop,
)
main.add_section(
    "Received letters",
    inbox.inbox,
    incoming.incoming,
    incoming.agenda,
    disposition.dispose,
    disposition.disposition,
    reports.report,
    reports.assess,
)
main.add_section(
    "Public catalogue",
    *catalogue.COMMANDS,
    *exchange.COMMANDS,
    *reading_room.COMMANDS,
)
main.add_section("Running", run.init, run.serve, run.reindex, run.pack, run.check)
main.add_section("Operations", *backup.COMMANDS, *health.COMMANDS, *service.COMMANDS)
