"""Figures from the command line: `lontar report letters` (an OPD's or the Pemda's letters and
records per month, as on the Dasbor) and `lontar assess` (the archive office's five-element
self-assessment of an OPD). Service: `lontar.letters` (dashboard.py)."""

from __future__ import annotations

import click

from repository.app import exports, formatting, translate
from repository.cli.common import (
    MAX_YEAR,
    LontarCommand,
    LontarGroup,
    language,
    open_service,
    print_json,
    write_bytes,
)

JSON = click.option("--json", "as_json", is_flag=True, help="Print JSON.")
ELEMENTS = ("penciptaan", "penggunaan", "pemeliharaan", "penyusutan", "sumber_daya")
TABLES = ("months", "standing", "assessments")


@click.group(cls=LontarGroup)
def report() -> None:
    """Figures per OPD and month."""


@report.command("letters")
@click.option("--unit", default=None, metavar="CODE", help="An OPD or unit (default: the Pemda).")
@click.option("--month", default=None, metavar="YYYY-MM", help="One month (default: 12 months).")
@click.option("--out", metavar="FILE", help="Write a table (.xlsx, .csv or .json) instead.")
@click.option(
    "--table", type=click.Choice(TABLES), default="months", show_default=True, help="With --out."
)
@JSON
def report_letters(unit, month, out, table, as_json) -> None:
    """Letters out and in, e-signature adoption, registration on time, disposition lead time,
    PPID on time, and the records' standing figures of today."""
    fmt = (out or "").rsplit(".", 1)[-1].lower()
    if out and fmt not in exports.FORMATS:
        raise click.BadParameter(f"{out}: .xlsx, .csv or .json", param_hint="--out")
    with open_service() as (lontar, caller):
        if out:
            write_bytes(out, lontar.letters.report_export(caller, unit, month, fmt, table))
            return
        found = lontar.letters.letter_report(caller, unit, month)
    if as_json:
        print_json(found)
        return
    _print_report(found)


def _print_report(found: dict) -> None:
    """One block per month (and the total), then the standing figures: labels and numbers in
    the reader's language."""
    for row in [*found["months"], found["total"]]:
        title = (
            translate("dashboard_total", language()) if row["month"] == "total" else row["month"]
        )
        click.echo(f"{found['name']} · {title}")
        for name, value in row.items():
            if name != "month":
                click.echo(f"  {_label(name)}: {_value(name, value)}")
    click.echo(translate("dashboard_records", language()))
    for name, value in found["standing"].items():
        click.echo(f"  {_label(name)}: {_value(name, value)}")


def _label(name: str) -> str:
    return translate(f"dashboard_col_{name}", language())


def _value(name: str, value) -> str:
    """A share as a percentage, a day in words, other numbers in the reader's notation."""
    lang = language()
    if value is None:
        return "-"
    if name == "as_of":
        return formatting.date_text(value, lang)
    if name.endswith("_share") or name == "adoption":
        return f"{formatting.number_text(round(value * 100, 1), lang)} %"
    return formatting.number_text(value, lang)


@click.command(cls=LontarCommand)
@click.argument("unit", metavar="OPD")
@click.option("--year", type=click.IntRange(2000, MAX_YEAR), required=True, metavar="YYYY")
@click.option("--penciptaan", type=float, help="Score 0-100: creation.")
@click.option("--penggunaan", type=float, help="Score 0-100: use.")
@click.option("--pemeliharaan", type=float, help="Score 0-100: maintenance.")
@click.option("--penyusutan", type=float, help="Score 0-100: disposal.")
@click.option("--sumber-daya", "sumber_daya", type=float, help="Score 0-100: resources.")
@click.option("--note", default="", help="Where the evidence is, what was found.")
@JSON
def assess(unit: str, year: int, note: str, as_json: bool, **scores) -> None:
    """The five-element self-assessment of an OPD: with the five scores, save it (the
    archive office); without any, show the saved one. The band is of the self-assessment's
    mean (AA >90 ... D <=30), not an official score."""
    given = {k: v for k, v in scores.items() if v is not None}
    with open_service() as (lontar, caller):
        if given:
            found = [lontar.letters.save_assessment(caller, unit, year, given, note)]
        else:
            rows = lontar.letters.assessments(caller, year)
            found = [r for r in rows if r["unit"] == unit.upper()]
    if as_json:
        print_json(found[0] if found else None)
        return
    if not found:
        click.echo(translate("assessment_none", language()))
        return
    row = found[0]
    for element in ELEMENTS:
        click.echo(f"{_label(element)}: {formatting.number_text(row[element], language())}")
    mean = formatting.number_text(row["mean"], language())
    click.echo(
        translate("assessment_band_line", language(), name=row["name"], mean=mean, band=row["band"])
    )
