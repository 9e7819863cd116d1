"""Publication from the command line: `lontar publish` (a fonds, series or berkas, with its
ISAD(G) description from a JSON or TOML file), `lontar unpublish`, `lontar describe` (read or
set a description) and `lontar published` (what is published). Service: `lontar.catalogue`
(repository/catalogue/services.py).

Publishing and withdrawing wait, as `lontar import` does, until the index has the change (the
worker's, or this process's when no worker runs): the catalogue's search follows the index,
so a command that returned earlier would leave the catalogue behind with nobody to catch it
up. `--no-wait` returns at once."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import click

from repository.app import InvalidInput, Lontar, formatting, translate
from repository.catalogue.model import DESCRIPTION_FIELDS
from repository.catalogue.views import permanent_path
from repository.cli.common import LontarCommand, language, open_service, print_json

JSON = click.option("--json", "as_json", is_flag=True, help="Print JSON.")
NO_WAIT = click.option("--no-wait", is_flag=True, help="Return before the index has the change.")
DESCRIPTION_FILE = click.option(
    "--description-file",
    metavar="FILE",
    help="The ISAD(G) description: a JSON object or a TOML table (.json, .toml).",
)
ACCEPTED = (*DESCRIPTION_FIELDS, "downloads")


def read_description(path: str) -> dict:
    """The description a file holds, checked field by field: a key the catalogue does not
    know is refused with the list of those it does (a typo must not be dropped silently);
    `language` may be a list of codes, `downloads` must be a boolean."""
    data = _parse(path)
    if not isinstance(data, dict):
        raise InvalidInput("pub_file_not_table", path=path)
    unknown = sorted(set(data) - set(ACCEPTED))
    if unknown:
        raise InvalidInput(
            "pub_unknown_fields", path=path, fields=", ".join(unknown), allowed=", ".join(ACCEPTED)
        )
    return {name: _value(path, name, value) for name, value in data.items()}


def _parse(path: str) -> object:
    """JSON or TOML by the file's suffix; any other suffix is tried as JSON, then TOML."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise InvalidInput("pub_file_unreadable", path=path, detail=exc.strerror) from None
    except UnicodeDecodeError as exc:
        raise InvalidInput("pub_file_unreadable", path=path, detail=str(exc)) from None
    suffix = Path(path).suffix.lower()
    readers = {".json": (json.loads,), ".toml": (tomllib.loads,)}.get(
        suffix, (json.loads, tomllib.loads)
    )
    problem = ""
    for reader in readers:
        try:
            return reader(text)
        except (ValueError, tomllib.TOMLDecodeError) as exc:
            problem = problem or str(exc)
    raise InvalidInput("pub_file_format", path=path, detail=problem)


def _value(path: str, name: str, value: object) -> object:
    if name == "downloads":
        if not isinstance(value, bool):
            raise InvalidInput("pub_bad_flag", path=path, field=name)
        return value
    if name == "language" and isinstance(value, list):
        if not all(isinstance(code, str) for code in value):
            raise InvalidInput("pub_bad_languages", path=path)
        return " ".join(value)
    if not isinstance(value, str):
        key = "pub_bad_languages" if name == "language" else "pub_bad_text"
        raise InvalidInput(key, path=path, field=name)
    return value


def _said(key: str, node: dict, **params: object) -> str:
    return translate(key, language(), refcode=node["refcode"], title=node["title"], **params)


def _catch_up(lontar: Lontar, no_wait: bool) -> None:
    if not no_wait:
        lontar.index.catch_up(ocr=False)


@click.command(cls=LontarCommand)
@click.argument("record_id", metavar="ID")
@DESCRIPTION_FILE
@NO_WAIT
@JSON
def publish(record_id: str, description_file: str | None, no_wait: bool, as_json: bool) -> None:
    """Publish a fonds, series or berkas to the public catalogue: it and the records of class
    B below it become public (Administrator, Arsiparis of its unit)."""
    description = read_description(description_file) if description_file else None
    with open_service() as (lontar, caller):
        done = lontar.catalogue.publish(caller, record_id, description)
        _catch_up(lontar, no_wait)
        node = lontar.catalogue.description(caller, record_id)
        url = lontar.catalogue.base_url.rstrip("/") + permanent_path(node["id"])
    if as_json:
        print_json({**done, "public": node["public"], "url": url, "description": node})
        return
    records = done["records"]
    if records:
        click.echo(_said("pub_cli_published", node, records=records))
    else:
        click.echo(_said("pub_cli_already", node))
        if description:
            click.echo(_said("pub_cli_described", node))
    click.echo(
        translate("pub_cli_public", language(), url=url)
        if node["public"]
        else translate("pub_cli_waiting", language())
    )


@click.command(cls=LontarCommand)
@click.argument("record_id", metavar="ID")
@NO_WAIT
@JSON
def unpublish(record_id: str, no_wait: bool, as_json: bool) -> None:
    """Withdraw a published node: it and everything below leave the catalogue at once (and
    OAI-PMH lists them as deleted); its description is kept."""
    with open_service() as (lontar, caller):
        done = lontar.catalogue.unpublish(caller, record_id)
        _catch_up(lontar, no_wait)
        node = lontar.catalogue.description(caller, record_id)
    if as_json:
        print_json({**done, "public": node["public"]})
        return
    click.echo(_said("pub_cli_withdrawn", node, records=done["records"]))


@click.command(cls=LontarCommand)
@click.argument("record_id", metavar="ID")
@DESCRIPTION_FILE
@JSON
def describe(record_id: str, description_file: str | None, as_json: bool) -> None:
    """Show the ISAD(G) description of a fonds, series or berkas, or set the fields the
    file names (published or not; the others stay as they are)."""
    fields = read_description(description_file) if description_file else None
    with open_service() as (lontar, caller):
        if fields is not None:
            lontar.catalogue.describe(caller, record_id, fields)
        node = lontar.catalogue.description(caller, record_id)
    if as_json:
        print_json(node)
        return
    if fields is not None:
        click.echo(_said("pub_cli_described", node))
        return
    click.echo(_described(node, language()))


def _described(node: dict, lang: str | None) -> str:
    """The description as the Publikasi form labels it (`pub_field_<name>`, with the ISAD(G)
    element numbers), each text under its label's line when it runs over several; whether
    the catalogue shows it, and who changed the description last."""
    if not node["published"] and not node["public"]:
        state = translate("pub_cli_unpublished", lang)
    else:
        state = translate("pub_state_public" if node["public"] else "pub_state_hidden", lang)
    lines = [f"{node['refcode']} {node['title']}", f"  {state}"]
    for name in ACCEPTED:
        value = node[name]
        if isinstance(value, bool):
            value = translate("pub_cli_yes" if value else "pub_cli_no", lang)
        label, text = translate(f"pub_field_{name}", lang), str(value).strip() or "-"
        if "\n" in text:
            lines += [f"  {label}:", *(f"    {line}" for line in text.splitlines())]
        else:
            lines.append(f"  {label}: {text}")
    if node["updated"]:
        moment = formatting.datetime_text(node["updated"], lang)
        lines.append(
            "  " + translate("pub_cli_updated", lang, moment=moment, by=node["updated_by"])
        )
    return "\n".join(lines)


@click.command(cls=LontarCommand)
@JSON
def published(as_json: bool) -> None:
    """The nodes published explicitly, in the units where you may publish: reference code,
    title, since when and by whom, and whether the catalogue shows them now."""
    with open_service() as (lontar, caller):
        rows = lontar.catalogue.published(caller)
    if as_json:
        print_json(rows)
        return
    if not rows:
        click.echo(translate("pub_cli_none", language()))
    lang = language()
    for row in rows:
        state = translate("pub_state_public" if row["public"] else "pub_state_hidden", lang)
        click.echo(f"{row['refcode']}  {row['title']}  [{row['id']}]")
        since = formatting.datetime_text(row["since"], lang)
        click.echo(f"  {since} · {row['by']} · {state}")


COMMANDS = (publish, unpublish, describe, published)
