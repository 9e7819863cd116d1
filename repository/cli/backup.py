"""Backups, restores and their proof: `lontar backup`, `lontar restore`, `lontar drill`, and
the master key's own copy, `lontar key export|import` (docs/backup.md). The work is done in
repository/run/backup.py, restore.py and drill.py; this module reads options and prints."""

from __future__ import annotations

import os
from pathlib import Path

import click

from repository.app import Home, translate
from repository.cli.common import (
    LontarCommand,
    LontarGroup,
    global_options,
    open_service,
    print_json,
    resolve_caller,
)
from repository.core import clock
from repository.core.audit import RESTORED
from repository.core.audit_pg import open_audit
from repository.core.errors import AccessDenied
from repository.core.keys import Keyring, key_path
from repository.core.security import Caller
from repository.run.backup import (
    FULL_EVERY_DAYS,
    BackupOptions,
    BackupResult,
    pg_backup,
    storage_files,
)
from repository.run.backup import backup as take_backup
from repository.run.drill import DrillReport, drill, record, restore_and_check, restored_db
from repository.run.manifest import KEY_COPY, record_operation
from repository.run.restore import (
    PASSPHRASE_ENV,
    export_key,
    import_key,
    is_key_copy,
    keyring_from,
    local_moment,
)

MB = 1_000_000
AT_HELP = 'The state at this local moment ("2026-12-01 10:00"); default: the latest backup.'
KEY_HELP = "The master key file, or a key copy, to open sealed files with."


def _require_admin(caller: Caller) -> None:
    """A backup holds every record: only an administrator takes, drills or exports one."""
    if not caller.may("manage"):
        raise AccessDenied()


def _keyring(key_file: Path | None, home: Home) -> Keyring:
    """`--key FILE` (a key file, or a key copy: its passphrase asked), else the home's key."""
    copy = key_file is not None and is_key_copy(key_file)
    return keyring_from(key_file, home, _passphrase(confirm=False) if copy else None)


def _cli_caller() -> Caller:
    """The administrator at this terminal, for a home that has no accounts yet (a restore)."""
    return resolve_caller(None, None)  # type: ignore[arg-type]  # no account is looked up


# -- lontar backup --------------------------------------------------------------------------------
@click.command(cls=LontarCommand)
@click.argument("dest", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--keep", type=click.IntRange(min=1), metavar="N", help="Keep the N newest full backups."
)
@click.option("--with-index", is_flag=True, help="Copy the index too (a faster restore).")
@click.option("--full", is_flag=True, help="A full backup, not an incremental one.")
@click.option(
    "--full-every",
    type=click.IntRange(min=1),
    default=FULL_EVERY_DAYS,
    show_default=True,
    metavar="DAYS",
    help="A full backup when the newest full is this many days old (so --keep can prune).",
)
@click.option("--pg-dump", "pg", is_flag=True, help="RelStorage: run pg_dump into DEST.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def backup(
    dest: Path,
    keep: int | None,
    with_index: bool,
    full: bool,
    full_every: int,
    pg: bool,
    as_json: bool,
) -> None:
    """Back the repository up into DEST while it runs.

    repozo (full the first time, then incremental), the blobs as a hard-linked snapshot, the
    audit trail, the configuration and a SHA-256 manifest; a new full one when the newest
    full is --full-every days old. The master key and the signing keys are never copied:
    `lontar key export` makes their copy.

    \b
    Examples:
      lontar backup /mnt/cadangan/lontar --keep 4 --full-every 7
      lontar backup /mnt/cadangan/lontar --full --with-index --json
    """
    home = Home.resolve(global_options().home)
    if pg:
        with open_service() as (lontar, caller):
            _require_admin(caller)
            result = pg_backup(lontar, caller, dest)
        _report_backup(result, as_json, "backup_pg_dump_done")
        return
    storage_files(home)  # RelStorage, a remote server: said before anything is opened
    with open_service() as (lontar, caller):
        _require_admin(caller)
        options = BackupOptions(dest, keep, with_index, full, full_every)
        result = take_backup(lontar, caller, options)
    _report_backup(result, as_json, "backup_done")


def _report_backup(result: BackupResult, as_json: bool, key: str) -> None:
    for warning in result.warnings:
        click.echo(f"lontar: {warning}", err=True)
    if as_json:
        print_json(result.as_dict())
        return
    facts = {**result.as_dict(), "megabytes": round(result.bytes / MB, 1), "path": result.dest}
    click.echo(translate(key, **facts))
    if result.pruned:
        click.echo(translate("backup_pruned", stamps=", ".join(result.pruned)))


# -- lontar restore and lontar drill -------------------------------------------------------------
def _print_report(report: DrillReport, as_json: bool) -> None:
    if as_json:
        print_json(report.as_dict())
        return
    failed = sum(not check.ok for check in report.checks)
    verdict = translate("drill_verdict_failed", count=failed) if failed else None
    click.echo(
        translate(
            "drill_report",
            backup=report.backup,
            stamp=report.stamp,
            local=report.backup_time,
            verdict=verdict or translate("drill_verdict_ok"),
            seconds=report.seconds,
        )
    )
    for check in report.checks:
        status = translate("drill_status_ok" if check.ok else "drill_status_failed")
        click.echo(f"  {status:6} {check.summary}")
        for finding in check.findings:
            click.echo(f"         - {finding}")


@click.command(cls=LontarCommand)
@click.argument("backup_dir", metavar="BACKUP", type=click.Path(file_okay=False, path_type=Path))
@click.option("--at", "at_text", metavar="MOMENT", help=AT_HELP)
@click.option("--key", "key_file", type=click.Path(dir_okay=False, path_type=Path), help=KEY_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def restore(
    ctx: click.Context, backup_dir: Path, at_text: str | None, key_file: Path | None, as_json: bool
) -> None:
    """Restore a backup into the empty data directory --home, then drill it.

    Nothing is restored from a backup whose files do not match its manifest. The drill's
    checks run on the restored home (the index is rebuilt there), and its report goes to
    that home's audit trail. Exit status 1 when a check fails.

    \b
    Example:
      lontar --home /srv/lontar-baru restore /mnt/cadangan/lontar --at "2026-12-01 10:00"
    """
    target = Home.resolve(global_options().home)
    at = local_moment(at_text) if at_text else None
    keyring = _keyring(key_file, target)
    report = restore_and_check(backup_dir, target, keyring, at, damaged_raises=True)
    audit, caller = open_audit(target), _cli_caller()
    restored = {"backup": report.backup, "backup_time": report.backup_time}
    audit.append(caller.name, RESTORED, report.stamp, caller.origin, **restored)
    with restored_db(target) as (db, _storage):
        record(db, audit, caller, report)
    if not as_json and report.home:
        click.echo(
            translate(
                "restore_done", stamp=report.stamp, local=report.backup_time, home=target.path
            )
        )
    _print_report(report, as_json)
    if not key_path(target).exists():
        hint = translate("restore_key_hint", path=key_path(target), home=target.path)
        click.echo(f"lontar: {hint}", err=True)
    if not report.ok:
        ctx.exit(1)


@click.command(name="drill", cls=LontarCommand)
@click.argument("backup_dir", metavar="BACKUP", type=click.Path(file_okay=False, path_type=Path))
@click.option("--at", "at_text", metavar="MOMENT", help=AT_HELP)
@click.option("--key", "key_file", type=click.Path(dir_okay=False, path_type=Path), help=KEY_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def drill_command(
    ctx: click.Context, backup_dir: Path, at_text: str | None, key_file: Path | None, as_json: bool
) -> None:
    """Prove a backup restores: restore it into a scratch directory and check everything.

    Every object loads, no dangling reference, every file matches its SHA-256 (sealed ones
    decrypted with the key), the audit chain reaches the backup, signed letters validate,
    counts per unit match, and the rebuilt index finds what the database holds. The time
    taken is the recovery time. The report goes to the audit trail and `lontar health`.
    Exit status 1 when a check fails.

    \b
    Example:
      lontar drill /mnt/cadangan/lontar --json
    """
    home = Home.resolve(global_options().home)
    at = local_moment(at_text) if at_text else None
    recorded = home.data_fs.exists() or home.storage_config() is not None
    if recorded:  # the caller is known, and an administrator, before the backup is opened
        with open_service() as (_lontar, caller):
            _require_admin(caller)
    keyring = _keyring(key_file, home)
    work = home.work_dir if home.work_dir.is_dir() else None
    report = drill(backup_dir, keyring, at, work)
    if recorded:
        with open_service() as (lontar, caller):
            record(lontar.db, lontar.context.audit, caller, report)
    else:
        click.echo(f"lontar: {translate('drill_not_recorded', home=home.path)}", err=True)
    _print_report(report, as_json)
    if not report.ok:
        ctx.exit(1)


# -- lontar key export|import ----------------------------------------------------------------------
@click.group(cls=LontarGroup)
def key() -> None:
    """The master key's copy, kept apart from the backups (passphrase-protected)."""


def _passphrase(confirm: bool) -> str:
    """From `$LONTAR_KEY_PASSPHRASE`, else asked (twice when a copy is made), never shown."""
    given = os.environ.get(PASSPHRASE_ENV)
    if given:
        return given
    return click.prompt(
        translate("key_passphrase_prompt"),
        hide_input=True,
        confirmation_prompt=translate("key_passphrase_repeat") if confirm else False,
    )


@key.command(name="export")
@click.option(
    "--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="The copy."
)
def key_export(out: Path) -> None:
    """Write a passphrase-protected copy of the master key (and the signing CA's key).

    The passphrase (at least 12 characters) is asked twice, or read from
    $LONTAR_KEY_PASSPHRASE. The copy is recorded (not its content), so `lontar backup`
    stops warning.

    \b
    Example:
      lontar key export --out /media/usb/lontar-kunci.json
    """
    with open_service() as (lontar, caller):
        _require_admin(caller)
        lontar.keyring.master()  # no key, nothing to copy: said before the passphrase is asked
        passphrase = _passphrase(confirm=True)
        made = export_key(lontar.home, lontar.keyring, out, passphrase)
        at = clock.now().isoformat(timespec="seconds")
        value = {"at": at, "key_id": made["key_id"], "where": made["where"]}
        record_operation(lontar.db, lontar.context.audit, caller, KEY_COPY, value, "key_exported")
    ca = translate("key_exported_ca") if made["signing_ca"] else ""
    click.echo(translate("key_exported", key_id=made["key_id"], path=made["where"], ca=ca))


@key.command(name="import")
@click.argument("copy", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def key_import(copy: Path) -> None:
    """Put the master key of a key copy where this home expects it (a restore elsewhere).

    Run it before `lontar restore` (the key goes beside the data directory) and once more
    after it, to put the signing CA's key into the restored home.

    \b
    Example:
      lontar --home /srv/lontar-baru key import /media/usb/lontar-kunci.json
    """
    home = Home.resolve(global_options().home)
    placed = import_key(home, copy, _passphrase(confirm=False))
    click.echo(translate("key_imported", key_id=placed["key_id"], path=placed["path"]))
    if placed["signing_ca"] in ("written", "later"):
        click.echo(translate(f"key_ca_{placed['signing_ca']}"))
    if home.data_fs.exists():
        _audit_import(home, placed)


def _audit_import(home: Home, placed: dict) -> None:
    """In the home's trail when it holds a repository (after a restore)."""
    caller = _cli_caller()
    detail = {"key_id": placed["key_id"], "signing_ca": placed["signing_ca"]}
    open_audit(home).append(caller.name, "key_imported", "", caller.origin, **detail)


COMMANDS = (backup, restore, drill_command, key)  # the "Operations" section of `lontar`
