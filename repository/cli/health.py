"""Fixity and health: `lontar fixity` (the last check, or one run now) and `lontar health`
(disk space, backups, drills, fixity, queues, the worker). Both exit with status 1 when
something is wrong, so cron or a monitoring system can call them. Services:
`repository/run/fixity.py`, `repository/run/health.py` (`lontar.operations` for pages)."""

from __future__ import annotations

import click

from repository.cli.common import LontarCommand, language, open_service, print_json
from repository.core.i18n import translate
from repository.run import fixity as fixity_run
from repository.run import health as health_run


def _progress(done: int, total: int) -> None:
    click.echo(f"\r{done}/{total}", nl=False, err=True)


@click.command(cls=LontarCommand)
@click.option("--now", is_flag=True, help="Run a whole check here now (slices, a progress line).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def fixity(ctx: click.Context, now: bool, as_json: bool) -> None:
    """Show the last fixity check, or run one now.

    A check re-hashes every original and OCR derivative, verifies the audit chain and
    compares the index with the database. The worker runs one on a schedule ([fixity] in
    lontar.toml). Exit status 1 when the check found a problem.
    """
    lang = language()
    with open_service() as (lontar, caller):
        if now:
            result, running = fixity_run.run_now(lontar, caller, _progress), None
            click.echo("", err=True)
        else:
            result, running = fixity_run.last_run(lontar, caller)
    if as_json:
        print_json({"last": result, "running": running})
    else:
        if running:
            click.echo(translate("fixity_running_now", lang, **running))
        if result is None:
            click.echo(translate("fixity_last_never", lang))
        else:
            click.echo("\n".join(fixity_run.result_lines(result, lang)))
    if result is not None and not result.get("ok"):
        ctx.exit(1)


@click.command(cls=LontarCommand)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def health(ctx: click.Context, as_json: bool) -> None:
    """Disk space, last backup, drill and fixity check, queues, the worker.

    Exit status 1 when something is wrong (a failed fixity check or drill, a backup older
    than [health] backup_max_age_hours, low disk space, a worker that died), else 0;
    warnings (never backed up, no drill yet, worker not running) do not change it.
    """
    with open_service() as (lontar, caller):
        report = health_run.health(lontar, caller)
    if as_json:
        print_json(report)
    else:
        click.echo("\n".join(health_run.report_lines(report, language())))
    ctx.exit(health_run.exit_status(report))


COMMANDS = (fixity, health)  # what repository/cli/__init__.py adds to the "Operations" section
