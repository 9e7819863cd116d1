"""The figures of the Dasbor, computed from what is stored: nothing here is kept or cached, so a
report is always of the data as it stands and no caller sees a figure built for another.

A scope is a unit with every unit below it (an OPD's figures include its bidang), or the whole
Pemda. Months are "YYYY-MM" in the configured zone (`clock.local`): a letter signed at 23:30
WIB on 31 January counts in January, whatever the server's zone.

Flows, per month:
- outgoing: letters signed electronically in the month (signed or sent) plus numbers taken by
  hand (paper letters, `registry.manual`); adoption = electronic ÷ that total.
- incoming: letters registered in the month, addressed to the unit ("to"); tembusan apart.
  On time: registered no later than the first working day after the day received (the PPID's
  calendar: weekends, national holidays, cuti bersama, the agency's own days off).
- dispositions given in the month (not cancelled) on letters of the scope: how many are closed
  and, of those, the days from given to closed (median, and the 90th percentile by nearest
  rank).
- PPID requests whose answer was due in the month (ten working days, seventeen when extended)
  and either answered or past due: how many were answered by the due day. A unit's report
  counts the requests assigned to it (a request names its holding OPD once assigned); the
  Pemda's counts all.

Standing figures, on the day of the report: items filed into a berkas and classified, of all
items; berkas past their active retention (JRA) not transferred to the records centre; vital
records whose protection is complete (method, copy location and a verified date).
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections.abc import Iterable
from dataclasses import dataclass

from repository.core import clock
from repository.core.content import Pemda, Record
from repository.core.security import owning_unit
from repository.letters.model import Registry
from repository.ppid.handling import answer_due, calendar
from repository.ppid.workdays import Calendar
from repository.workbench import retention, vital

SIGNED_STATES = ("signed", "sent")
FLOW_COUNTS = (
    "outgoing",
    "electronic",
    "manual",
    "incoming",
    "copies",
    "registered_on_time",
    "dispositions",
    "dispositions_closed",
    "ppid_due",
    "ppid_on_time",
)
SHARES = {  # share -> (numerator, denominator)
    "adoption": ("electronic", "outgoing"),
    "registered_on_time_share": ("registered_on_time", "incoming"),
    "dispositions_closed_share": ("dispositions_closed", "dispositions"),
    "ppid_on_time_share": ("ppid_on_time", "ppid_due"),
}


@dataclass(frozen=True)
class Scope:
    """The unit codes a report counts (None: the whole Pemda)."""

    codes: frozenset[str] | None

    @classmethod
    def of(cls, pemda: Pemda, unit: str | None) -> Scope:
        if not unit:
            return cls(None)
        return cls(frozenset(u.code for u in pemda.units.values() if unit in u.unit_path))

    def holds(self, code: str | None) -> bool:
        return self.codes is None or (code or "") in self.codes


# -- months -----------------------------------------------------------------------------------
def month_of(moment: dt.datetime | dt.date) -> str:
    day = clock.local(moment).date() if isinstance(moment, dt.datetime) else moment
    return f"{day.year:04d}-{day.month:02d}"


def months_until(last: str, count: int) -> list[str]:
    """`count` months ending with `last`, oldest first."""
    year, month = (int(part) for part in last.split("-"))
    found = []
    for _ in range(count):
        found.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return found[::-1]


def _blank(months: Iterable[str]) -> dict[str, dict]:
    return {m: {**dict.fromkeys(FLOW_COUNTS, 0), "lead_days": []} for m in months}


# -- the flows --------------------------------------------------------------------------------
def flows(pemda: Pemda, registry: Registry | None, scope: Scope, months: list[str]) -> dict:
    """month -> counts and the lead times of the month's closed dispositions."""
    found = _blank(months)
    if registry is not None:
        _outgoing(registry, scope, found)
        _incoming(registry, scope, calendar(pemda.ppid), found)
        _dispositions(registry, scope, found)
    _ppid(pemda, scope, found)
    return found


def _outgoing(registry: Registry, scope: Scope, found: dict) -> None:
    for letter in registry.letters.values():
        if letter.state in SIGNED_STATES and letter.signed_at and scope.holds(letter.unit):
            row = found.get(month_of(letter.signed_at))
            if row is not None:
                row["outgoing"] += 1
                row["electronic"] += 1
    for manual in registry.manual.values():
        row = found.get(month_of(manual.at))
        if row is not None and scope.holds(manual.fields.get("unit")):
            row["outgoing"] += 1
            row["manual"] += 1


def _incoming(registry: Registry, scope: Scope, cal: Calendar, found: dict) -> None:
    for incoming in (registry.incoming or {}).values():
        if incoming.registered_at is None or not scope.holds(incoming.unit):
            continue
        row = found.get(month_of(incoming.registered_at))
        if row is None:
            continue
        if incoming.kind == "cc":
            row["copies"] += 1
            continue
        row["incoming"] += 1
        row["registered_on_time"] += on_time(cal, incoming.received, incoming.registered_at)


def on_time(cal: Calendar, received: dt.date, registered_at: dt.datetime) -> bool:
    """Registered on the day received or by the next working day after it."""
    return clock.local(registered_at).date() <= cal.add(received, 1)


def _dispositions(registry: Registry, scope: Scope, found: dict) -> None:
    letters = registry.incoming or {}
    for disposition in (registry.dispositions or {}).values():
        if not disposition.live:
            continue
        row = found.get(month_of(disposition.at))
        incoming = letters.get(disposition.incoming_id)
        if row is None or incoming is None or not scope.holds(incoming.unit):
            continue
        row["dispositions"] += 1
        if disposition.closed_at is not None:
            row["dispositions_closed"] += 1
            row["lead_days"].append(days_between(disposition.at, disposition.closed_at))


def days_between(start: dt.datetime, end: dt.datetime) -> float:
    return (end - start).total_seconds() / 86400


def _ppid(pemda: Pemda, scope: Scope, found: dict) -> None:
    office = pemda.ppid
    if office is None:
        return
    cal, today = calendar(office), clock.today()
    for request in office.requests.values():
        if not scope.holds(request.unit):
            continue
        due = answer_due(cal, request)
        row = found.get(month_of(due))
        if row is None or (request.decided_on is None and due >= today):
            continue  # not answered and not yet late: the month cannot judge it yet
        row["ppid_due"] += 1
        row["ppid_on_time"] += request.decided_on is not None and request.decided_on <= due


# -- summaries --------------------------------------------------------------------------------
def nearest_rank(values: list[float], percent: float) -> float | None:
    """The smallest value with at least `percent` % of the values at or below it."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(1, math.ceil(percent / 100 * len(ordered))) - 1]


def summary(month: str, counts: dict) -> dict:
    """One row of the report: the counts, the shares (None where nothing was counted) and
    the lead times in days, rounded to one decimal."""
    lead = counts["lead_days"]
    row = {"month": month, **{name: counts[name] for name in FLOW_COUNTS}}
    for name, (part, whole) in SHARES.items():
        row[name] = round(counts[part] / counts[whole], 4) if counts[whole] else None
    row["lead_median_days"] = round(statistics.median(lead), 1) if lead else None
    p90 = nearest_rank(lead, 90)
    row["lead_p90_days"] = round(p90, 1) if p90 is not None else None
    return row


def total(per_month: dict[str, dict]) -> dict:
    """All the months together (the shares of the sums, not the mean of the shares)."""
    merged = {**dict.fromkeys(FLOW_COUNTS, 0), "lead_days": []}
    for counts in per_month.values():
        for name in FLOW_COUNTS:
            merged[name] += counts[name]
        merged["lead_days"] += counts["lead_days"]
    return summary("total", merged)


# -- standing figures -------------------------------------------------------------------------
def standing(pemda: Pemda, scope: Scope, today: dt.date) -> dict:
    """The records' figures on `today`: filing, overdue transfers, vital records."""
    items = filed = overdue = 0
    for record in pemda.records.values():
        unit = owning_unit(record)
        if unit is None or not scope.holds(unit.code):
            continue
        if record.level == "item":
            items += 1
            filed += filed_and_classified(record)
        elif record.level == "file":
            overdue += past_active(pemda, record, today)
    protected = _vital(pemda, scope)
    return {
        "as_of": today.isoformat(),
        "items": items,
        "items_filed": filed,
        "items_filed_share": round(filed / items, 4) if items else None,
        "berkas_past_active": overdue,
        **protected,
    }


def filed_and_classified(record: Record) -> bool:
    parent = record.parent
    return isinstance(parent, Record) and parent.level == "file" and bool(record.classification)


def past_active(pemda: Pemda, record: Record, today: dt.date) -> bool:
    """A berkas whose active period (JRA) ended and that is still with its unit."""
    if record.transferred_on is not None or record.handed_over_on is not None:
        return False
    until = retention.schedule(pemda, record).active_until
    return until is not None and until <= today


def _vital(pemda: Pemda, scope: Scope) -> dict:
    total_vital = verified = 0
    for record_id in pemda.vital or {}:
        record = pemda.records.get(record_id)
        unit = owning_unit(record) if record is not None else None
        if unit is None or not scope.holds(unit.code):
            continue
        total_vital += 1
        verified += not vital.missing(record)
    return {
        "vital": total_vital,
        "vital_verified": verified,
        "vital_verified_share": round(verified / total_vital, 4) if total_vital else None,
    }
