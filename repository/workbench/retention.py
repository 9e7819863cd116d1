"""The retention schedule (JRA) and what it says about each record.

A rule is kept per classification code and applies to that code and every code below it,
unless a deeper code has its own rule (`000.5` covers `000.5.3.1`). Retention starts at the
record's date (the end of its date range when it has one: a berkas closes on its last letter)
or, for an event trigger, at the date a user recorded that event on the record; until then the
record is "waiting for event". Active retention ends `active_years` after the start, inactive
retention `inactive_years` after that. Years are calendar years: 29 February plus one year is
28 February. A record is due for transfer from the day its active retention ends, and for
destruction, re-appraisal or hand-over (by its disposition) from the day its inactive
retention ends; a hold keeps it out of destruction.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass

from BTrees.OOBTree import OOBTree
from persistent import Persistent

from repository.core import exports
from repository.core.content import SECURITY_CLASSES, Pemda, Record, check_security, lazy_tree
from repository.core.errors import InvalidInput

DATE_TRIGGER = "date"
DISPOSITIONS = ("Musnah", "Permanen", "Dinilai Kembali")
COLUMNS = ("code", "active_years", "inactive_years", "trigger", "disposition", "note", "security")
EVENT_NAME_MAX = 64


class RetentionRule(Persistent):
    def __init__(
        self,
        code: str,
        active_years: int,
        inactive_years: int,
        trigger: str,
        disposition: str,
        note: str = "",
        security: str = "",
    ) -> None:
        self.code, self.active_years, self.inactive_years = code, active_years, inactive_years
        self.trigger, self.disposition, self.note = trigger, disposition, note
        self.security = security

    def as_row(self) -> dict:
        return {name: getattr(self, name) for name in COLUMNS}


def jra_of(pemda: Pemda) -> OOBTree:
    return lazy_tree(pemda, "jra")


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February into a common year
        return day.replace(year=day.year + years, day=28)


def _years(value: str, line: int) -> int:
    try:
        years = int(str(value).strip())
    except ValueError:
        raise InvalidInput("bad_csv_row", line=line, value=value or "-") from None
    if not 0 <= years <= 200:
        raise InvalidInput("bad_csv_row", line=line, value=value)
    return years


def parse_rule(row: dict, line: int) -> RetentionRule:
    code = (row.get("code") or "").strip()
    disposition = _disposition(row.get("disposition") or "", line)
    trigger = (row.get("trigger") or "").strip() or DATE_TRIGGER
    if not code or len(trigger) > EVENT_NAME_MAX:
        raise InvalidInput("bad_csv_row", line=line, value=code or "-")
    security = (row.get("security") or "").strip().upper()
    if security and security not in SECURITY_CLASSES:
        raise InvalidInput("bad_csv_row", line=line, value=security)
    return RetentionRule(
        code,
        _years(row.get("active_years", ""), line),
        _years(row.get("inactive_years", ""), line),
        DATE_TRIGGER if trigger.lower() in (DATE_TRIGGER, "tanggal") else trigger.lower(),
        disposition,
        (row.get("note") or "").strip(),
        security,
    )


def _disposition(value: str, line: int) -> str:
    for known in DISPOSITIONS:
        if value.strip().lower() == known.lower():
            return known
    choices = ", ".join(DISPOSITIONS)
    raise InvalidInput("bad_disposition", line=line, value=value or "-", choices=choices)


def parse_jra(text: str) -> list[RetentionRule]:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    if not reader.fieldnames or not set(COLUMNS[:5]) <= set(reader.fieldnames):
        raise InvalidInput("bad_csv", columns=", ".join(COLUMNS))
    return [
        parse_rule(
            {k: exports.unescape(v) if isinstance(v, str) else v for k, v in row.items()}, line
        )
        for line, row in enumerate(reader, start=2)
    ]


def load_jra(pemda: Pemda, rules: list[RetentionRule]) -> int:
    """Rows replace the rules of their codes; other codes keep theirs."""
    table = jra_of(pemda)
    for rule in rules:
        table[rule.code] = rule
    return len(rules)


def export_jra(pemda: Pemda) -> str:
    """The JRA as CSV, neutralised like every spreadsheet the project writes (archivists open
    it in Excel); `parse_jra` undoes the neutralising, so the round trip is lossless."""
    rows = (rule.as_row() for rule in (pemda.jra or {}).values())
    return exports.encode(rows, "csv", COLUMNS).decode("utf-8-sig")


def rule_for(pemda: Pemda, code: str) -> RetentionRule | None:
    """The rule of the code itself or of its nearest ancestor code."""
    table = pemda.jra or {}
    parts = code.split(".") if code else []
    for size in range(len(parts), 0, -1):
        found = table.get(".".join(parts[:size]))
        if found is not None:
            return found
    return None


@dataclass
class Schedule:
    """What the JRA says about one record."""

    id: str
    code: str
    rule: str | None  # the code of the rule that applies
    trigger: str | None
    start: dt.date | None
    active_until: dt.date | None
    inactive_until: dt.date | None
    disposition: str | None
    waiting_for_event: bool = False
    held: bool = False

    def as_dict(self) -> dict:
        return {
            key: value.isoformat() if isinstance(value, dt.date) else value
            for key, value in self.__dict__.items()
        }


def start_of(record: Record, rule: RetentionRule) -> dt.date | None:
    if rule.trigger == DATE_TRIGGER:
        return record.date_end or record.date_start
    return (record.events or {}).get(rule.trigger)


def schedule(pemda: Pemda, record: Record) -> Schedule:
    rule = rule_for(pemda, record.classification)
    if rule is None:
        return Schedule(record.id, record.classification, None, None, None, None, None, None)
    start = start_of(record, rule)
    active = add_years(start, rule.active_years) if start else None
    inactive = add_years(active, rule.inactive_years) if active else None
    disposition = rule.disposition
    if record.appraisal:  # the appraisal panel kept it: for good, or until a day
        until = record.appraisal[2]
        if until is None:
            disposition = "Permanen"
        elif inactive is not None:
            inactive = max(inactive, until)
    return Schedule(
        record.id,
        record.classification,
        rule.code,
        rule.trigger,
        start,
        active,
        inactive,
        disposition,
        waiting_for_event=start is None and rule.trigger != DATE_TRIGGER,
        held=bool(blockers(record)),
    )


def bucket(found: Schedule, on: dt.date, transferred: bool, handed_over: bool = False):
    """Which list a record is due on, on that day: transfer, destroy (Musnah and Dinilai
    Kembali: the appraisal panel decides), handover, held (a hold or an open matter keeps it
    from destruction), waiting_for_event, or none."""
    if found.waiting_for_event:
        return "waiting_for_event"
    if found.inactive_until is not None and on >= found.inactive_until:
        if found.disposition == "Permanen":
            return None if handed_over else "handover"
        return "held" if found.held else "destroy"
    if found.active_until is not None and on >= found.active_until and not transferred:
        return "transfer"
    return None


def record_event(record: Record, name: str, day: dt.date) -> None:
    name = name.strip().lower()
    if not name or len(name) > EVENT_NAME_MAX or name == DATE_TRIGGER:
        raise InvalidInput("bad_event", value=name or "-")
    lazy_tree(record, "events")[name] = day


def hold(record: Record, reason: str, actor: str, day: dt.date) -> str:
    if not reason.strip():
        raise InvalidInput("hold_reason_required")
    holds = lazy_tree(record, "holds")
    key = f"{day.isoformat()}-{len(holds) + 1}"
    holds[key] = (reason.strip(), actor, day)
    return key


def release(record: Record, key: str) -> None:
    if key not in (record.holds or {}):
        raise InvalidInput("no_such_hold", hold=key)
    del record.holds[key]


MATTERS = ("ppid_request", "objection")


def open_matter(record: Record, kind: str, ref: str, note: str, day: dt.date) -> None:
    """Something still open about the record (a PPID request naming it, an objection to its
    destruction): until it is closed the record is not destroyed."""
    if kind not in MATTERS:
        raise InvalidInput("bad_matter", choices=", ".join(MATTERS))
    lazy_tree(record, "matters")[f"{kind}:{ref}"] = (kind, ref, note.strip(), day)


def close_matter(record: Record, kind: str, ref: str) -> bool:
    return (record.matters or {}).pop(f"{kind}:{ref}", None) is not None


def blockers(record: Record) -> list[str]:
    """Why the record may not be destroyed now, one phrase each (empty: nothing blocks)."""
    return [f"{b['kind']}: {b['ref']}" for b in blocking(record)]


def blocking(record: Record) -> list[dict]:
    """`blockers` as data for pages: {"kind": "hold" | a matter's kind, "ref": reason or
    number}, so each reads as a sentence in the user's language."""
    found = [{"kind": "hold", "ref": reason} for reason, _, _ in (record.holds or {}).values()]
    found += [{"kind": kind, "ref": ref} for kind, ref, _, _ in (record.matters or {}).values()]
    return found


def raised_class(record: Record, rule: RetentionRule | None) -> str | None:
    """The JRA's default class when it is stricter than the record's; classifying never
    lowers a class on its own."""
    if rule is None or not rule.security:
        return None
    wanted = check_security(rule.security)
    stricter = SECURITY_CLASSES.index(wanted) > SECURITY_CLASSES.index(record.security)
    return wanted if stricter else None
