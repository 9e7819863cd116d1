"""What every command shares: the global options, the command classes that carry them, opening
the service as the caller `--as` names, dates on the command line, JSON output, files read and
written, and turning a domain error into one translated line on stderr with exit status 1."""

from __future__ import annotations

import dataclasses
import datetime as dt
import getpass
import json
import os
import socket
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import click
import ZConfig

from repository.app import (
    ANONYMOUS,
    LANGUAGES,
    Caller,
    Home,
    InvalidInput,
    Lontar,
    LontarError,
    translate,
)
from repository.core.errors import NotInitialised
from repository.core.security import ADMIN


# -- the global options ---------------------------------------------------------------------------
@dataclasses.dataclass
class GlobalOptions:
    """`--home`, `--as` and `--lang`, wherever on the command line they were given."""

    home: str | None = None
    as_user: str | None = None
    lang: str | None = None


def _remember(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    """Stores a global option in the context object, which every sub-context shares; a value
    given further right (on a subcommand) wins, as it did with argparse."""
    options = ctx.ensure_object(GlobalOptions)
    if value is None:
        return
    setattr(options, param.name, value)
    if param.name == "lang":
        os.environ["LONTAR_LANG"] = value  # services translating on their own use it too


GLOBAL_OPTIONS = ("home", "as_user", "lang")


def _global_options(hidden: bool = False, brief: bool = False) -> list[click.Option]:
    """The options every command and group takes. A command's help lists them apart, with
    `brief` help; the root's help says more."""

    def option(flags: list[str], short: str, full: str, **kwargs) -> click.Option:
        return click.Option(
            flags,
            help=short if brief else full,
            expose_value=False,
            callback=_remember,
            hidden=hidden,
            **kwargs,
        )

    return [
        option(
            ["--home"],
            "Data directory.",
            "Data directory (default: $LONTAR_HOME, else ./var).",
            metavar="DIR",
        ),
        option(
            ["--as", "as_user"],
            "Act as this account (or anonymous).",
            "Act as this account (or 'anonymous') instead of the administrator.",
            metavar="USER",
        ),
        option(
            ["--lang"],
            "Language of messages.",
            "Language of messages (default: $LONTAR_LANG, else id).",
            type=click.Choice(LANGUAGES),
        ),
    ]


def global_options() -> GlobalOptions:
    return click.get_current_context().ensure_object(GlobalOptions)


def language() -> str | None:
    """`--lang`, or None for the environment's language."""
    return global_options().lang


# -- command classes ------------------------------------------------------------------------------
def spread_greedy(args: Sequence[str], names: Sequence[str]) -> list[str]:
    """`--release a b c` as `--release a --release b --release c`: the values up to the next
    option all belong to a greedy option (argparse's nargs='*'); a bare one gives none."""
    spread: list[str] = []
    current = None
    for position, arg in enumerate(args):
        if arg == "--":
            return spread + list(args[position:])
        if current and not arg.startswith("-"):
            spread += [current, arg]
        elif arg in names:
            current = arg
        else:
            current = None
            spread.append(arg)
    return spread


class LontarCommand(click.Command):
    """A command that takes the global options too, before or after its own arguments.

    `greedy` names multiple-value options that take every value up to the next option, as
    `--release ID ID ...` does."""

    def __init__(self, *args, greedy: Sequence[str] = (), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.params.extend(_global_options(brief=True))
        self.greedy = tuple(greedy)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """Its own options, then the global ones under their own heading."""
        own, shared = [], []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx) if isinstance(param, click.Option) else None
            if record:
                (shared if param.name in GLOBAL_OPTIONS else own).append(record)
        for title, records in (("Options", own), ("Global options", shared)):
            with formatter.section(title):
                formatter.write_dl(records)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        return super().parse_args(ctx, spread_greedy(args, self.greedy) if self.greedy else args)


class LontarGroup(click.Group):
    """A group of commands, listed in the order they were added; it takes the global options
    (not repeated in its help: the root's shows them)."""

    command_class = LontarCommand
    group_class = type
    global_options_hidden = True

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.params.extend(_global_options(hidden=self.global_options_hidden))

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)


class RootGroup(LontarGroup):
    """`lontar`: its help lists the commands under their feature's heading, and a domain error
    ends the run with its message in the user's language and exit status 1."""

    group_class = LontarGroup
    global_options_hidden = False

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.sections: list[tuple[str, list[str]]] = []

    def add_section(self, title: str, *commands: click.Command) -> None:
        for command in commands:
            self.add_command(command)
        self.sections.append((title, [command.name for command in commands]))

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        widest = max(len(name) for name in self.commands)
        limit = formatter.width - 6 - widest
        for title, names in self.sections:
            # names padded to the widest, so every section's summaries line up
            rows = [
                (name.ljust(widest), self.commands[name].get_short_help_str(limit))
                for name in names
            ]
            with formatter.section(title):
                formatter.write_dl(rows)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except LontarError as exc:
            click.echo(f"lontar: {exc.message(language())}", err=True)
            ctx.exit(1)


# -- the service and the caller -------------------------------------------------------------------
@contextmanager
def open_service(create: bool = False) -> Iterator[tuple[Lontar, Caller]]:
    """The service on the chosen home, and the caller: the administrator unless `--as`.

    Only `create` (init, serve) makes a data directory that is not there: any other command
    on a home without a repository says so and leaves nothing behind. A home that cannot be
    opened (a directory that cannot be made, a storage configuration that cannot be read or
    makes no sense) is an error message, not a traceback."""
    options = global_options()
    home = Home.resolve(options.home)
    try:
        if not create and home.storage_config() is None and not home.data_fs.exists():
            raise NotInitialised(home=str(home.path))
        lontar = Lontar(home)
    except LontarError:
        raise
    except (OSError, ValueError, ZConfig.ConfigurationError) as exc:
        detail = str(exc)
        if isinstance(exc, OSError) and exc.strerror:
            detail = f"{exc.filename}: {exc.strerror}" if exc.filename else exc.strerror
        raise LontarError("home_unusable", home=str(home.path), detail=detail) from None
    with lontar:
        yield lontar, resolve_caller(lontar, options.as_user)


def resolve_caller(lontar: Lontar, name: str | None) -> Caller:
    """The CLI runs on the server, where whoever may run it may read the data directory
    anyway: it acts as the administrator, or as the account `--as` names, to see what that
    user would see. The audit trail records the login and host it ran from."""
    origin = f"cli:{getpass.getuser()}@{socket.gethostname()}"
    if name is None:
        return dataclasses.replace(ADMIN, origin=origin)
    if name.lower() in ("anonymous", "publik"):
        return dataclasses.replace(ANONYMOUS, origin=origin)
    caller = lontar.access.caller(name.lower(), origin)
    if caller.anonymous:
        raise InvalidInput("unknown_account", name=name)
    return caller


# -- input and output -----------------------------------------------------------------------------
# Dates on the command line end in this year: what the services compute from a date (retention
# periods of decades, working-day deadlines) must stay inside Python's year 9999, and a year
# past it is a typo in a Pemda's records, shares, holds and requests.
MAX_YEAR = 2999


class DateType(click.ParamType):
    """An ISO date (YYYY-MM-DD) from year 1 (year 0 does not exist) to `MAX_YEAR`; anything
    else is a usage error, in the user's language."""

    name = "date"

    def convert(self, value, param, ctx) -> dt.date:
        if isinstance(value, dt.date):
            return value
        try:
            day = dt.date.fromisoformat(value)
        except (TypeError, ValueError):
            self.fail(translate("bad_date", value=value), param, ctx)
        if day.year > MAX_YEAR:
            last = dt.date(MAX_YEAR, 12, 31).isoformat()
            self.fail(
                translate("date_out_of_range", value=value, first="0001-01-01", last=last),
                param,
                ctx,
            )
        return day


DATE = DateType()


def print_json(data: object) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def read_text(path: str, first_line: bool = False) -> str:
    """A UTF-8 file given on the command line (or its first line); a file that cannot be read
    is a domain error, not a traceback."""
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.readline().rstrip("\r\n") if first_line else handle.read()
    except OSError as exc:
        raise InvalidInput("unreadable_file", path=path, detail=exc.strerror) from None
    except UnicodeDecodeError as exc:
        raise InvalidInput("unreadable_file", path=path, detail=str(exc)) from None


def write_bytes(path: str, data: bytes) -> None:
    """Writes a report or export to the `--out` file; one that cannot be written is an error
    message (exit status 1), not a traceback."""
    try:
        Path(path).write_bytes(data)
    except OSError as exc:
        raise click.FileError(path, hint=exc.strerror) from None


def write_stdout(data: bytes | str) -> None:
    click.echo(data, nl=False)
