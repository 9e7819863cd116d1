"""Who may see and do what: accounts (`user`, `users`), shares (`share`), blocking grants from
above (`unit block`) and the audit trail (`audit`). Service: `lontar.access`."""

from __future__ import annotations

import click

from repository.app import ROLES, SECURITY_CLASSES
from repository.cli.common import (
    DATE,
    LontarCommand,
    LontarGroup,
    open_service,
    print_json,
    read_text,
)


# -- accounts -------------------------------------------------------------------------------------
@click.group(cls=LontarGroup)
def user() -> None:
    """Manage accounts and their roles."""


@user.command("add")
@click.argument("name")
@click.option(
    "--role",
    "roles",
    type=click.Choice(ROLES),
    multiple=True,
    required=True,
    help="A role (repeatable).",
)
@click.option(
    "--unit", metavar="CODE", help="The roles hold in this unit and below (else everywhere)."
)
@click.option(
    "--clearance",
    type=click.Choice(SECURITY_CLASSES),
    default="B",
    show_default=True,
    help="Highest security class the account may read.",
)
@click.option("--full-name", default="", help="The person's full name.")
@click.option(
    "--password-file",
    required=True,
    metavar="FILE",
    help="File whose first line is the password.",
)
def add_user(
    name: str,
    roles: tuple[str, ...],
    unit: str | None,
    clearance: str,
    full_name: str,
    password_file: str,
) -> None:
    """Add an account.

    \b
    Examples:
      lontar user add siti --role Arsiparis --unit DPK --clearance R --password-file pw.txt
    """
    with open_service() as (lontar, caller):
        password = read_text(password_file, first_line=True)
        added = lontar.access.add_account(
            caller,
            name,
            password,
            set(roles),
            full_name=full_name,
            unit=unit or "",
            clearance=clearance,
        )
    click.echo(f"{added}: {', '.join(roles)} @ {unit or '*'}, clearance {clearance}")


@user.command("grant")
@click.argument("name")
@click.option(
    "--role",
    "roles",
    type=click.Choice(ROLES),
    multiple=True,
    help="A role (repeatable; none: revoke the roles in that unit).",
)
@click.option("--unit", metavar="CODE", help="The unit (default: everywhere).")
def grant(name: str, roles: tuple[str, ...], unit: str | None) -> None:
    """Set an account's roles in one more unit (no --role: revoke them).

    \b
    Examples:
      lontar user grant siti --role Staf --unit DINKES
    """
    with open_service() as (lontar, caller):
        lontar.access.grant(caller, name, unit, set(roles))
    click.echo(f"{name}: {', '.join(roles) or '-'} @ {unit or '*'}")


@click.command(cls=LontarCommand)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def users(as_json: bool) -> None:
    """List the accounts with their clearance and roles per unit."""
    with open_service() as (lontar, caller):
        rows = lontar.access.accounts(caller)
    if as_json:
        print_json(rows)
        return
    for row in rows:
        grants = "; ".join(f"{u}: {', '.join(r)}" for u, r in row["grants"].items())
        click.echo(f"{row['name']:<16} {row['clearance']:<2} {grants}")


# -- shares and blocks ----------------------------------------------------------------------------
@click.command(cls=LontarCommand)
@click.argument("record_id", metavar="ID")
@click.option("--with", "target", required=True, metavar="UNIT|USER", help="Unit code or account.")
@click.option("--until", type=DATE, help="Last day of the share (default: no end).")
@click.option("--remove", is_flag=True, help="Withdraw the share instead.")
def share(record_id: str, target: str, until, remove: bool) -> None:
    """Share a record read-only with a unit or an account.

    Returns once search shows the change.

    \b
    Examples:
      lontar share 4kq2x7ab --with DINKES --until 2026-12-31
      lontar share 4kq2x7ab --with DINKES --remove
    """
    with open_service() as (lontar, caller):
        if remove:
            lontar.access.unshare(caller, record_id, target)
            lontar.index.catch_up(ocr=False)
            click.echo(f"{record_id}: no longer shared with {target}")
            return
        principal = lontar.access.share(caller, record_id, target, until)
        lontar.index.catch_up(ocr=False)  # return once search shows it, as import does
    click.echo(f"{record_id}: shared with {principal} until {until or '-'}")


@click.command("block", cls=LontarCommand)
@click.argument("code")
@click.option("--off", is_flag=True, help="Let grants from above in again.")
def block_unit(code: str, off: bool) -> None:
    """Stop roles granted above a unit from reaching into it."""
    with open_service() as (lontar, caller):
        lontar.access.set_blocking(caller, code, not off)
    click.echo(f"{code.upper()}: {'inherits' if off else 'blocks'} grants from above")


# -- the audit trail ------------------------------------------------------------------------------
@click.group(cls=LontarGroup)
def audit() -> None:
    """The audit trail: verify its hash chain, list its entries."""


@audit.command("verify")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def verify(ctx: click.Context, as_json: bool) -> None:
    """Recompute the hash chain; exit status 1 when it was tampered with."""
    with open_service() as (lontar, _caller):
        verdict = lontar.access.audit_verify()
    result = {
        "intact": verdict.intact,
        "entries": verdict.count,
        "head": verdict.head,
        "problems": verdict.problems,
    }
    if as_json:
        print_json(result)
    else:
        click.echo(f"entries {result['entries']}, head {result['head'] or '-'}")
        for problem in result["problems"]:
            click.echo(f"line {problem['line']}: {problem['problem']}")
        click.echo("intact" if result["intact"] else "TAMPERED")
    if not result["intact"]:
        ctx.exit(1)


@audit.command("list")
@click.option("--actor", metavar="NAME", help="Only entries by this account.")
@click.option("--action", help="Only this action, e.g. share.")
@click.option("--target", metavar="ID", help="Only entries about this record (or other target).")
@click.option("--since", type=DATE, help="From this day on.")
@click.option("--until", type=DATE, help="Up to this day.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def list_entries(as_json: bool, **filters) -> None:
    """List audit entries, filtered.

    \b
    Examples:
      lontar audit list --actor siti --since 2026-11-01 --json
    """
    with open_service() as (lontar, caller):
        entries = lontar.access.audit_entries(caller, **filters)
    if as_json:
        print_json(entries)
        return
    for entry in entries:
        click.echo(
            f"{entry['seq']:>6} {entry['at']} {entry['actor']:<12} {entry['action']:<14} "
            f"{entry['target']} {entry['origin']}"
        )
