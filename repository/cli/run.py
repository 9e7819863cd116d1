"""Running a repository: creating it (`init`), serving it (`serve`), and keeping its storage
and index sound (`reindex`, `pack`, `check`). Services: the `Lontar` facade, `lontar.index`."""

from __future__ import annotations

import click

from repository.app import Home, Lontar, translate
from repository.cli.common import LontarCommand, global_options, open_service, print_json
from repository.core.content import UNIT_CODE
from repository.demo.builder import DEMO_ACCOUNTS, build_demo, demo_account_lines
from repository.run.serve import ROLES, Supervisor, check_database


@click.command(cls=LontarCommand)
@click.option(
    "--demo", is_flag=True, help="Fill it with the demo Pemda (units, accounts, records)."
)
@click.option("--code", default="ID-PEMDA", show_default=True, help="The Pemda's code.")
@click.option("--name", default="Pemerintah Daerah", show_default=True, help="The Pemda's name.")
def init(demo: bool, code: str, name: str) -> None:
    """Create a repository (and its master key) in the data directory.

    \b
    Examples:
      lontar init --code ID-3273 --name "Pemerintah Kota Bandung"
      lontar init --demo
    """
    code, name = code.strip(), " ".join(name.split())
    if not demo and not UNIT_CODE.match(code):
        raise click.BadParameter(translate("bad_pemda_code", code=code), param_hint="'--code'")
    if not demo and not name:
        raise click.BadParameter(translate("pemda_name_required"), param_hint="'--name'")
    with open_service(create=True) as (lontar, _caller):
        if demo:
            summary = build_demo(lontar)
            click.echo(
                f"{translate('demo_accounts', home=lontar.home.path)} ({summary['records']})"
            )
            _print_demo_accounts(lontar)
        else:
            lontar.init(code, name)
            click.echo(f"{code}: {name} ({lontar.home.path})")
        click.echo(translate("master_key_created", path=lontar.keyring.path))


def _print_demo_accounts(lontar: Lontar) -> None:
    """A demo repository says so at every start, with its (public) passwords."""
    demo = {account["name"] for account in lontar.access.demo_accounts()}
    if demo & {name for name, *_ in DEMO_ACCOUNTS}:
        click.echo(translate("demo_login_banner"))
        click.echo("\n".join(demo_account_lines()))


@click.command(cls=LontarCommand)
@click.option("--port", type=int, default=8501, show_default=True, help="The app's port.")
@click.option("--address", default="localhost", show_default=True, help="The address to bind.")
@click.option(
    "--role",
    type=click.Choice(ROLES),
    default="all",
    show_default=True,
    help="What this machine runs: all; app (the web app only, against a configured storage "
    "or this home's ZEO); worker (ZEO when no storage is configured, and the worker).",
)
@click.option(
    "--demo-on-first-start", is_flag=True, help="Build the demo repository if there is none."
)
@click.pass_context
def serve(
    ctx: click.Context, port: int, address: str, role: str, demo_on_first_start: bool
) -> None:
    """Run ZEO, the worker and the app until Ctrl-C.

    On a repository without accounts it prints a one-time setup token for the first
    administrator. With several machines (docs/scaling.md) one runs --role worker and the
    others --role app, behind a proxy with sticky sessions.

    \b
    Examples:
      lontar serve
      lontar serve --role worker
      lontar serve --role app --port 8502
    """
    home = Home.resolve(global_options().home)
    if role == "app":
        check_database(home)  # before opening: that would make a FileStorage of its own
    with open_service(create=True) as (lontar, _caller):
        if demo_on_first_start and not lontar.initialised():
            click.echo("lontar: building the demo repository…")
            build_demo(lontar)
            click.echo(translate("demo_accounts", home=home.path))
            click.echo(translate("master_key_created", path=lontar.keyring.path))
        if demo_on_first_start:
            _print_demo_accounts(lontar)
        if lontar.initialised():
            lontar.verify_key()
            if token := lontar.access.setup_token():
                url = f"http://{address}:{port}"
                click.echo(translate("setup_token_banner", url=url, token=token))
    if not 1 <= port <= 65535:  # checked after the key, which a missing one makes the news
        raise click.BadParameter(f"{port} is not in the range 1<=x<=65535.", param_hint="'--port'")
    ctx.exit(Supervisor(home, port, address, role).run())


def _progress(done: int, total: int) -> None:
    click.echo(f"\r{done}/{total}", nl=False, err=True)


@click.command(cls=LontarCommand)
def reindex() -> None:
    """Rebuild the index from the repository (resumes after a kill)."""
    with open_service() as (lontar, _caller):
        count = lontar.index.reindex(_progress)
    click.echo(f"\nreindexed {count}", err=True)


@click.command(cls=LontarCommand)
def pack() -> None:
    """Drop old revisions from storage, then rebuild the index."""
    with open_service() as (lontar, caller):
        count = lontar.index.pack(caller, _progress)
    click.echo(f"\npacked; reindexed {count}", err=True)


@click.command(cls=LontarCommand)
@click.option("--repair", is_flag=True, help="Queue what is missing, stale or orphaned; drain.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def check(ctx: click.Context, repair: bool, as_json: bool) -> None:
    """Compare the repository with the index, and the audit trail with the repository.

    A record with no creation entry gets a late `recovered` one; a creation entry whose
    record was never committed (a process killed in mid-commit) is retracted by an `aborted`
    one. Exit status 0 when the index agrees (records still queued count as pending), else 1.
    """
    with open_service() as (lontar, _caller):
        report = lontar.index.check(repair=repair)
    if as_json:
        print_json(report.as_dict())
    else:
        click.echo(f"records {report.records}, indexed {report.indexed}, pending {report.pending}")
        for name in ("missing", "stale", "orphans"):
            items = getattr(report, name)
            click.echo(f"{name}: {len(items)}" + (f"  {' '.join(items[:20])}" if items else ""))
        for name in ("recovered", "retracted"):
            items = getattr(report, name)
            if items:
                click.echo(f"audit {name}: {len(items)}  {' '.join(items[:20])}")
    if not report.clean:
        ctx.exit(1)
