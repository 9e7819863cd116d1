"""Working days for the PPID's legal deadlines (UU 14/2008, Perki 1/2021).

Saturdays, Sundays, Indonesian national holidays and collective leave days (cuti bersama,
the `holidays` package's "government" category) do not count, nor do the days off the agency
adds; a day the agency declares a working day counts even when the package lists it (the
government revises cuti bersama during the year, faster than a package release).

Counting: the day of receipt is day 0 and counts no further; a request received on a
non-working day is taken as received on the next working day. "Within N working days" is the
Nth working day after day 0, so a request received on Monday 2 March 2026 is due on Monday
16 March (ten weekdays later, none a holiday).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import holidays

ANSWER_DAYS = 10
EXTENSION_DAYS = 7
OBJECTION_FILING_DAYS = 30
OBJECTION_ANSWER_DAYS = 30
DISPUTE_DAYS = 14


@lru_cache(maxsize=64)
def _national(year: int) -> dict[dt.date, str]:
    found = holidays.Indonesia(years=year, categories=("public", "government"), language="id")
    return dict(found.items())


@dataclass(frozen=True)
class Calendar:
    """The agency's calendar: national days off plus its own `days_off` (date -> reason),
    minus the `days_on` it declares working."""

    days_off: dict[dt.date, str] = field(default_factory=dict)
    days_on: frozenset[dt.date] = frozenset()

    def day_off(self, day: dt.date) -> str | None:
        """Why `day` is not a working day, or None when it is one."""
        if day in self.days_on:
            return None
        if day in self.days_off:
            return self.days_off[day]
        if day.weekday() >= 5:
            return "Sabtu" if day.weekday() == 5 else "Minggu"
        return _national(day.year).get(day)

    def is_working(self, day: dt.date) -> bool:
        return self.day_off(day) is None

    def start(self, received: dt.date) -> dt.date:
        """Day 0: the day of receipt, or the next working day after a day off."""
        day = received
        while not self.is_working(day):
            day += dt.timedelta(days=1)
        return day

    def add(self, day: dt.date, working_days: int) -> dt.date:
        """The `working_days`th working day after `day` (which itself never counts)."""
        left = working_days
        while left > 0:
            day += dt.timedelta(days=1)
            if self.is_working(day):
                left -= 1
        return day

    def between(self, start: dt.date, end: dt.date) -> int:
        """Working days after `start` up to and including `end` (0 when end <= start)."""
        count, day = 0, start
        while day < end:
            day += dt.timedelta(days=1)
            count += self.is_working(day)
        return count

    def days_off_in(self, first: dt.date, last: dt.date) -> list[tuple[dt.date, str]]:
        """Every non-working weekday in the range with its reason, for showing the calendar."""
        found, day = [], first
        while day <= last:
            reason = self.day_off(day)
            if reason and day.weekday() < 5:
                found.append((day, reason))
            day += dt.timedelta(days=1)
        return found


def deadlines(
    calendar: Calendar, received: dt.date, objection_filed: dt.date | None = None
) -> dict[str, str]:
    """The legal due dates of a request as ISO dates: `start` (day 0), `answer_due` (10
    working days), `extended_due` (7 more), `objection_due` (the last day to object when no
    answer came: 30 working days after the answer's lapse) and, with `objection_filed`,
    `objection_answer_due` (30 working days) and `dispute_due` (14 after that)."""
    start = calendar.start(received)
    answer = calendar.add(start, ANSWER_DAYS)
    extended = calendar.add(answer, EXTENSION_DAYS)
    found = {
        "received": received.isoformat(),
        "start": start.isoformat(),
        "answer_due": answer.isoformat(),
        "extended_due": extended.isoformat(),
        "objection_due": calendar.add(answer, OBJECTION_FILING_DAYS).isoformat(),
    }
    if objection_filed is not None:
        filed = calendar.start(objection_filed)
        reply = calendar.add(filed, OBJECTION_ANSWER_DAYS)
        found["objection_answer_due"] = reply.isoformat()
        found["dispute_due"] = calendar.add(reply, DISPUTE_DAYS).isoformat()
    return found


def calendar_of(days_off: Iterable[tuple[dt.date, str]], days_on: Iterable[dt.date]) -> Calendar:
    return Calendar(dict(days_off), frozenset(days_on))
