"""The letters' service part: figures per OPD and month, and the five-element self-assessment.

Who sees figures: whoever holds `dashboard` at the unit (its Pejabat, an Arsiparis, the
Administrator); the whole Pemda's figures need it at the Pemda. Figures are counts, never
titles, so the one check is the unit's; a unit the caller may not see is refused. The archive
office (`assess`) enters the self-assessment of an OPD; whoever sees an OPD's figures sees its
assessment too.
"""

from __future__ import annotations

from repository.core import clock, exports
from repository.core.content import Pemda, Unit
from repository.core.db import reading
from repository.core.errors import AccessDenied, InvalidInput
from repository.core.i18n import translate
from repository.core.security import Caller
from repository.letters import assessment, metrics
from repository.letters.model import Assessment, registry_of
from repository.letters.service_base import LetterBase
from repository.records.units import get_unit, walk

MONTHS_SHOWN = 12  # without a month: the year up to this month
MONTH_COLUMNS = (
    "month",
    *metrics.FLOW_COUNTS,
    *metrics.SHARES,
    "lead_median_days",
    "lead_p90_days",
)
STANDING_COLUMNS = (
    "as_of",
    "items",
    "items_filed",
    "items_filed_share",
    "berkas_past_active",
    "vital",
    "vital_verified",
    "vital_verified_share",
)
ASSESSMENT_COLUMNS = ("unit", "name", "year", *assessment.ELEMENTS, "mean", "band", "note")
TABLES = ("months", "standing", "assessments")


class Dashboard(LetterBase):
    def dashboard_scopes(self, caller: Caller) -> list[dict]:
        """What the caller may choose on the Dasbor: the whole Pemda (code "") where they
        hold `dashboard` at the Pemda, then every unit where they hold it, in tree order."""
        with reading(self.db) as root:
            pemda = self._pemda(root)
            found = []
            if caller.may("dashboard", pemda):
                found.append({"code": "", "name": pemda.name, "depth": -1})
            for unit, depth in walk(pemda):
                if caller.may("dashboard", unit):
                    found.append({"code": unit.code, "name": unit.name, "depth": depth})
        return found

    def letter_report(
        self, caller: Caller, unit: str | None = None, month: str | None = None
    ) -> dict:
        """The figures of a unit (with its sub-units) or the Pemda: one row per month (the
        given month, else the twelve up to the current one), their total, and the records'
        standing figures of today."""
        months = _months(month)
        with reading(self.db) as root:
            pemda = self._pemda(root)
            where = self._dashboard_unit(caller, pemda, unit)
            scope = metrics.Scope.of(pemda, where.code if where is not None else None)
            per_month = metrics.flows(pemda, pemda.letters, scope, months)
            standing = metrics.standing(pemda, scope, clock.today())
            name = where.name if where is not None else pemda.name
        return {
            "unit": where.code if where is not None else "",
            "name": name,
            "ppid_scope": "unit" if where is not None else "pemda",
            "months": [metrics.summary(m, counts) for m, counts in per_month.items()],
            "total": metrics.total(per_month),
            "standing": standing,
        }

    def report_export(
        self, caller: Caller, unit: str | None, month: str | None, fmt: str, table: str = "months"
    ) -> bytes:
        """One of the report's tables as a file (headers in the reader's language); the
        download is written to the audit trail as every export is."""
        if fmt not in exports.FORMATS:
            raise InvalidInput("dashboard_export_format", fmt=fmt)
        if table not in TABLES:
            raise InvalidInput("dashboard_export_table", table=table)
        rows, columns = self._table(caller, unit, month, table)
        data = _encode(rows, columns, fmt)
        target = f"unit:{unit.upper()}" if unit else "pemda"
        self.record_event(caller, "dashboard_exported", target, table=table, month=month or "")
        return data

    def _table(self, caller: Caller, unit: str | None, month: str | None, table: str):
        if table == "assessments":
            if unit:
                self._assessment_reader(caller, unit)
            rows = self.assessments(caller, int(_months(month)[0][:4]) if month else None)
            return [r for r in rows if not unit or r["unit"] == unit.upper()], ASSESSMENT_COLUMNS
        report = self.letter_report(caller, unit, month)
        if table == "standing":
            return [report["standing"]], STANDING_COLUMNS
        return [*report["months"], report["total"]], MONTH_COLUMNS

    # -- the self-assessment ------------------------------------------------------------------
    def assessment_elements(self) -> tuple[str, ...]:
        return assessment.ELEMENTS

    def assessable_units(self, caller: Caller) -> list[dict]:
        """The OPDs whose self-assessment the caller may enter (`assess` there)."""
        with reading(self.db) as root:
            pemda = self._pemda(root)
            return [
                {"code": unit.code, "name": unit.name}
                for unit in pemda.top_units.values()
                if caller.may("assess", unit)
            ]

    def save_assessment(
        self, caller: Caller, unit: str, year: int, scores: dict, note: str = ""
    ) -> dict:
        """The archive office's scores of an OPD for a year (replacing earlier ones)."""
        year, clean = assessment.clean_year(year), assessment.clean_scores(scores)
        note = assessment.clean_note(note)

        def change(pemda: Pemda) -> dict:
            where = _opd(pemda, unit)
            if not caller.may("assess", where):
                raise AccessDenied()
            table = registry_of(pemda).table("assessments")
            entry = Assessment(where.code, year, clean, caller.name)
            entry.note = note
            table[f"{where.code}|{year}"] = entry
            return _assessment_row(where, entry)

        return self._write(
            caller,
            change,
            f"assessment {unit} {year}",
            audit=lambda row: [
                ("assessment_saved", f"unit:{row['unit']}", {"year": year, "mean": row["mean"]})
            ],
        )

    def assessments(self, caller: Caller, year: int | None = None) -> list[dict]:
        """The assessments (of `year`, else all) of the OPDs whose figures the caller may see
        or which they assess, in tree order."""
        with reading(self.db) as root:
            pemda = self._pemda(root)
            table = getattr(pemda.letters, "assessments", None) or {}
            found = []
            for key, entry in table.items():
                where = pemda.units.get(entry.unit)
                if where is None or (year is not None and entry.year != int(year)):
                    continue
                if caller.may("dashboard", where) or caller.may("assess", where):
                    found.append((key, _assessment_row(where, entry)))
        return [row for _, row in sorted(found, key=lambda pair: pair[0])]

    def _assessment_reader(self, caller: Caller, unit: str) -> None:
        """An OPD's assessments are for those who see its figures or assess it."""
        with reading(self.db) as root:
            where = get_unit(self._pemda(root), unit)
            if not (caller.may("dashboard", where) or caller.may("assess", where)):
                raise AccessDenied()

    # -- helpers ------------------------------------------------------------------------------
    def _dashboard_unit(self, caller: Caller, pemda: Pemda, unit: str | None) -> Unit | None:
        where = get_unit(pemda, unit) if unit else None
        if not caller.may("dashboard", where if where is not None else pemda):
            raise AccessDenied()
        return where


def _months(month: str | None) -> list[str]:
    """The given month ("YYYY-MM"), or the twelve months up to the current one."""
    if month is None or month == "":
        return metrics.months_until(metrics.month_of(clock.today()), MONTHS_SHOWN)
    text = str(month).strip()
    year, _, number = text.partition("-")
    if not (len(year) == 4 and year.isdigit() and number.isdigit() and len(number) == 2):
        raise InvalidInput("dashboard_bad_month", value=month)
    if not 1 <= int(number) <= 12 or not 2000 <= int(year) <= 2999:
        raise InvalidInput("dashboard_bad_month", value=month)
    return [text]


def _opd(pemda: Pemda, code: str) -> Unit:
    """The self-assessment is of an OPD (a unit at the tree's first level)."""
    where = get_unit(pemda, code)
    if where.code not in pemda.top_units:
        raise InvalidInput("assessment_not_opd", unit=where.code)
    return where


def _assessment_row(where: Unit, entry: Assessment) -> dict:
    mean = assessment.mean(entry.scores)
    return {
        "unit": where.code,
        "name": where.name,
        "year": entry.year,
        **{element: entry.scores[element] for element in assessment.ELEMENTS},
        "mean": mean,
        "band": assessment.band(mean),
        "note": entry.note,
        "by": entry.by,
        "at": entry.at.isoformat(timespec="seconds"),
    }


def _encode(rows: list[dict], columns: tuple[str, ...], fmt: str) -> bytes:
    headers = {c: translate(f"dashboard_col_{c}") for c in columns}
    table = [{headers[c]: row.get(c) for c in columns} for row in rows]
    return exports.encode(table, fmt, [headers[c] for c in columns])
