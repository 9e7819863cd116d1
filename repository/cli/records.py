"""The records themselves: units (`unit add`, `units`), putting files in (`import`), finding
them (`search`, `export`) and reading one (`show`). Services: `lontar.records`, `lontar.ingest`."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Iterator

import click

from repository.app import (
    LEVELS,
    SECURITY_CLASSES,
    SORTS,
    ImportOptions,
    Incoming,
    InvalidInput,
    Lontar,
    SearchRequest,
    flag_label,
    translate,
)
from repository.cli.common import (
    DATE,
    LontarCommand,
    LontarGroup,
    language,
    open_service,
    print_json,
    write_bytes,
    write_stdout,
)
from repository.core.errors import UnitNotFound
from repository.ingest.pipeline import ImportInterrupted, iter_paths

MAX_PAGE_SIZE = 1000


# -- units ----------------------------------------------------------------------------------------
@click.group(cls=LontarGroup)
def unit() -> None:
    """Manage units (OPD and their sub-units)."""


@unit.command("add")
@click.argument("code")
@click.option("--name", required=True, help="The unit's name, e.g. 'Dinas Kesehatan'.")
@click.option("--parent", metavar="CODE", help="The unit it belongs to (default: none, an OPD).")
def add_unit(code: str, name: str, parent: str | None) -> None:
    """Add a unit (an OPD, or a sub-unit with --parent).

    \b
    Examples:
      lontar unit add DINKES --name "Dinas Kesehatan"
      lontar unit add DINKES.SEK --name Sekretariat --parent DINKES
    """
    with open_service() as (lontar, caller):
        row = lontar.records.add_unit(caller, code, name, parent)
    click.echo(f"{row['code']}: {row['name']}")


@click.command(cls=LontarCommand)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def units(as_json: bool) -> None:
    """List the units, as a tree, with how many records each holds."""
    with open_service() as (lontar, caller):
        rows = lontar.records.units(caller)
    if as_json:
        print_json(rows)
        return
    for row in rows:
        click.echo(f"{'  ' * row['depth']}{row['code']:<16} {row['records']:>7}  {row['name']}")


# -- import ---------------------------------------------------------------------------------------
def _positive_seconds(ctx: click.Context, param: click.Parameter, value: float) -> float:
    """A number of seconds above 0 (not NaN, which no deadline ever reaches)."""
    if not value > 0:
        raise click.BadParameter(translate("bad_timeout", value=value), ctx, param)
    return value


@click.command("import", cls=LontarCommand)
@click.argument("paths", nargs=-1, required=True, metavar="FILES-OR-FOLDERS...")
@click.option("--unit", required=True, metavar="CODE", help="The unit the records belong to.")
@click.option("--into", metavar="ID", help="Id of the berkas (or series, fonds) to file into.")
@click.option("--title", help="Title of every imported record (default: the file name).")
@click.option("--date", type=DATE, help="Date of the records.")
@click.option("--classification", default="", metavar="CODE", help="Classification code.")
@click.option(
    "--security",
    type=click.Choice(SECURITY_CLASSES),
    default="B",
    show_default=True,
    help="Security class.",
)
@click.option("--no-wait", is_flag=True, help="Return once stored, before indexing.")
@click.option(
    "--timeout",
    type=float,
    default=900.0,
    show_default=True,
    callback=_positive_seconds,
    help="Seconds to wait for indexing.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.pass_context
def import_files(
    ctx: click.Context,
    paths: tuple[str, ...],
    unit: str,
    into: str | None,
    title: str | None,
    date,
    classification: str,
    security: str,
    no_wait: bool,
    timeout: float,
    as_json: bool,
) -> None:
    """Import files and folders (walked in name order).

    Returns when every accepted file is committed and searchable (scans: once OCRed),
    whether or not lontar serve is running. Exit status 0 only when nothing was rejected.

    \b
    Examples:
      lontar import scans/ surat.pdf --unit DPK --classification 000.5 --json
    """
    if any(not path.strip() for path in paths):  # '' would be the current folder, walked whole
        raise click.BadParameter(translate("empty_path"), param_hint="'FILES-OR-FOLDERS...'")
    options = ImportOptions(
        unit=unit,
        into=into,
        title=title,
        date=date.isoformat() if date else None,
        classification=classification,
        security=security,
    )

    def progress(number, outcome) -> None:
        if not as_json:
            label = outcome.id or outcome.duplicate_of or "-"
            click.echo(
                f"[{number}] {outcome.status:<9} {label:<9} {outcome.filename}  {outcome.message}"
            )

    with open_service() as (lontar, caller):
        try:
            report = lontar.ingest.import_files(
                caller,
                _read_files(paths),
                options,
                progress=progress,
                wait=not no_wait,
                timeout=timeout,
            )
        except ImportInterrupted as stopped:  # what was stored is still said, then the error
            if as_json:
                print_json(stopped.report.as_dict())
            raise
    if as_json:
        print_json(report.as_dict())
    else:
        click.echo(
            f"accepted {len(report.accepted)}, duplicates {len(report.duplicates)}, "
            f"rejected {len(report.rejected)}"
        )
    if report.rejected:
        ctx.exit(1)


def _read_files(paths: Iterable[str]) -> Iterator[Incoming]:
    """The files one at a time; one that cannot be read stops the import with a message."""
    try:
        yield from iter_paths(paths)
    except OSError as exc:
        detail = f"{exc.filename}: {exc.strerror}"
        raise InvalidInput("unreadable_file", path=exc.filename, detail=detail) from None


# -- search and export ----------------------------------------------------------------------------
def search_options(command: Callable) -> Callable:
    """The query and filters `search` and `export` share."""
    decorators = [
        click.argument("query", required=False, default=""),
        click.option("--unit", metavar="CODE", help="Only this unit and its sub-units."),
        click.option("--level", type=click.Choice(LEVELS), help="Only this description level."),
        click.option("--classification", metavar="CODE", help="Classification code prefix."),
        click.option("--from", "date_from", type=DATE, help="Dated on or after this day."),
        click.option("--to", "date_to", type=DATE, help="Dated on or before this day."),
        click.option(
            "--security",
            type=click.Choice(SECURITY_CLASSES),
            multiple=True,
            help="Only this security class (repeatable).",
        ),
        click.option(
            "--flag",
            multiple=True,
            metavar="FLAG",
            help="Only records with this flag, e.g. ocr_waiting (repeatable).",
        ),
        click.option("--sort", type=click.Choice(SORTS), default="relevance", show_default=True),
    ]
    for decorator in reversed(decorators):
        command = decorator(command)
    return command


def _check_unit(lontar: Lontar, code: str | None) -> None:
    """`--unit` names a unit that exists: a typo is an error, not an empty list of hits."""
    if code and code.upper() not in {known.upper() for known in lontar.records.unit_codes()}:
        raise UnitNotFound(code=code)


def _request(query: str, filters: dict, page: int = 1, size: int = 20) -> SearchRequest:
    return SearchRequest(
        query=query,
        unit=filters["unit"],
        level=filters["level"],
        classification=filters["classification"],
        date_from=filters["date_from"],
        date_to=filters["date_to"],
        security=tuple(filters["security"]),
        flags=tuple(filters["flag"]),
        sort=filters["sort"],
        page=page,
        page_size=size,
    )


@click.command(cls=LontarCommand)
@search_options
@click.option(
    "--page",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Page of hits to show.",
)
@click.option(
    "--size",
    type=click.IntRange(1, MAX_PAGE_SIZE),
    default=20,
    show_default=True,
    help=f"Hits per page (at most {MAX_PAGE_SIZE}; export gives every hit).",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON (hits, facets, totals).")
def search(query: str, page: int, size: int, as_json: bool, **filters) -> None:
    """Full-text search in what the caller may see.

    The query takes AND, OR, NOT, "phrases" and fields such as tanggal:[2023 to 2024].

    \b
    Examples:
      lontar search 'arsip AND "rapat koordinasi"' --unit DINKES --from 2023-01-01
      lontar search vaksin --as siti --json
    """
    request = _request(query, filters, page, size)
    with open_service() as (lontar, caller):
        _check_unit(lontar, filters["unit"])
        result = lontar.records.search(caller, request)
    if as_json:
        print_json(result.as_dict())
        return
    click.echo(f"{result.total} ({result.page}/{result.pages})")
    for hit in result.hits:
        click.echo(f"{hit.id}  {hit.date or '----------'}  {hit.security:<2} {hit.title}")
        click.echo(f"          {_plain(hit.snippet)}")


def _plain(snippet: str) -> str:
    """A snippet's highlighted terms as *term*, on one line."""
    return html.unescape(re.sub(r"</?mark[^>]*>", "*", snippet)).replace("\n", " ")


@click.command(cls=LontarCommand)
@search_options
@click.option(
    "--format",
    "file_format",
    type=click.Choice(("csv", "xlsx", "json")),
    default="csv",
    show_default=True,
    help="File format.",
)
@click.option("--out", metavar="FILE", help="File to write (default: standard output).")
def export(query: str, file_format: str, out: str | None, **filters) -> None:
    """Export every hit of a search (not only one page).

    \b
    Examples:
      lontar export rapat --unit DINKES --format xlsx --out rapat.xlsx
    """
    with open_service() as (lontar, caller):
        _check_unit(lontar, filters["unit"])
        data = lontar.records.export(caller, _request(query, filters), file_format)
    if out:
        write_bytes(out, data)
    else:
        write_stdout(data)


# -- one record -----------------------------------------------------------------------------------
SHOWN = (
    "id",
    "reference_code",
    "level",
    "title",
    "date_start",
    "date_end",
    "classification",
    "security",
    "unit",
    "location",
)


@click.command(cls=LontarCommand)
@click.argument("record_id", metavar="ID")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (every field).")
def show(record_id: str, as_json: bool) -> None:
    """Show one record and its files."""
    lang = language()
    with open_service() as (lontar, caller):
        record = lontar.records.show(caller, record_id, lang)
    if as_json:
        print_json(record)
        return
    for key in SHOWN:
        click.echo(f"{key:>15}: {record[key] or ''}")
    for attachment in record["attachments"]:
        flags = ", ".join(flag_label(f, lang) for f in attachment["flags"])
        click.echo(
            f"{'file':>15}: {attachment['filename']} ({attachment['media_type']}, "
            f"{attachment['pages']} p, sha256 {attachment['sha256'][:16]}…) {flags}"
        )
