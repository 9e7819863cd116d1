"""Running Lontar as a service and upgrading it: `lontar install-service` writes the systemd
units, the backup timer and the log rotation from the templates in deploy/
(repository/run/service_files.py); `lontar upgrade` runs or lists the evolve steps that bring
an older database to this release's shape (repository/run/evolve.py), which `lontar serve`
also runs at start. docs/operations.md describes both."""

from __future__ import annotations

import click

from repository.app import AccessDenied, Home, translate
from repository.cli.common import LontarCommand, global_options, language, open_service
from repository.run import evolve, service_files


@click.command(cls=LontarCommand, name="install-service")
@click.option("--user", metavar="USER", help="Account the service runs as (default: the owner "
              "of the data directory).")  # fmt: skip
@click.option(
    "--dest",
    default=service_files.SYSTEMD_DIR,
    show_default=True,
    metavar="DIR",
    help="Where the systemd units go.",
)
@click.option(
    "--logrotate-dest",
    default=service_files.LOGROTATE_DIR,
    show_default=True,
    metavar="DIR",
    help="Where the log rotation file goes (as 'lontar').",
)
@click.option("--port", type=int, default=8501, show_default=True, help="The app's port.")
@click.option(
    "--address", default="localhost", show_default=True, help="The address the app binds."
)
@click.option(
    "--trusted-proxies",
    default="127.0.0.1",
    show_default=True,
    metavar="LIST",
    help="Reverse proxies whose X-Forwarded-* headers are believed ('' for none).",
)
@click.option("--backup-dest", metavar="DIR", help="Where the nightly backup goes (default: "
              "<home>-backup beside the data directory).")  # fmt: skip
@click.option(
    "--backup-at",
    default=service_files.DEFAULT_BACKUP_AT,
    show_default=True,
    metavar="HH:MM",
    help="When the nightly backup starts.",
)
@click.option(
    "--keep",
    type=int,
    default=service_files.DEFAULT_KEEP,
    show_default=True,
    help="Full backups the nightly backup keeps.",
)
@click.option("--dry-run", is_flag=True, help="Print the files instead of writing them.")
def install_service(
    user: str | None,
    dest: str,
    logrotate_dest: str,
    port: int,
    address: str,
    trusted_proxies: str,
    backup_dest: str | None,
    backup_at: str,
    keep: int,
    dry_run: bool,
) -> None:
    """Write the systemd units for `lontar serve` and the nightly backup, and the log rotation.

    Calls no systemctl: it prints what to run next. Run it as root (or with --dry-run).

    \b
    Examples:
      lontar --home /srv/lontar install-service --user lontar --backup-dest /backup/lontar
      lontar --home /srv/lontar install-service --dry-run
    """
    home = Home.resolve(global_options().home)
    settings = service_files.settings_for(
        home,
        user=user,
        port=port,
        address=address,
        backup_dest=backup_dest,
        keep=keep,
        backup_at=backup_at,
        proxies=trusted_proxies,
    )
    files = service_files.planned(settings, dest, logrotate_dest)
    lang = language()
    for key, params in service_files.warnings(settings):
        click.echo(translate(key, lang, **params), err=True)
    if dry_run:
        for path, text in files:
            click.echo(f"# --- {path}\n{text}")
    else:
        for path in service_files.install(files):
            click.echo(translate("service_written", lang, path=path))
    click.echo(translate("service_next", lang))
    for step in service_files.next_steps(settings):
        click.echo(f"  {step}")
    click.echo(translate("service_check", lang))


@click.command(cls=LontarCommand)
@click.option("--dry-run", is_flag=True, help="List the pending steps; change nothing.")
def upgrade(dry_run: bool) -> None:
    """Bring an older database to this release's shape (the evolve steps).

    `lontar serve` runs them by itself at start; this runs them now, or lists them with
    --dry-run. A database written by a newer release is refused (exit status 1).
    """
    lang = language()
    with open_service() as (lontar, caller):
        if not caller.may("manage"):
            raise AccessDenied()
        steps = evolve.pending(lontar.db)  # refuses a database newer than this code
        if not steps:
            stored = evolve.stored_generation(lontar.db) or evolve.FIRST
            click.echo(translate("evolve_current", lang, generation=stored))
        elif dry_run:
            for number, name in steps:
                click.echo(translate("evolve_pending", lang, old=number - 1, new=number, name=name))
        else:
            evolve.evolve(
                lontar.db,
                lontar.context.audit,
                caller.name,
                caller.origin,
                report=lambda step: click.echo(step.line(lang)),
            )
        if lontar.store.outdated():
            click.echo(translate("evolve_index_outdated", lang))


COMMANDS = (install_service, upgrade)  # what repository/cli/__init__.py adds to "Operations"
