"""Pemusnahan (destruction): the proposal list (DAUM), the appraisal panel's decision, the
approval by the right authority with its decree, and the execution that removes the files for
good while a tombstone keeps the metadata.

States: `proposed` (DAUM drawn up; objections may be filed) → `appraised` (the panel kept
some records and agreed to destroy the rest) → `approved` (the authority's decree recorded) →
`done`. The authority follows the retention: the regional head (kepala daerah) when every
record's retention (active + inactive years) is under 10 years, the head of ANRI when any
record's is 10 years or more, because one decree covers the whole list.

A record is never destroyed while it is *blocked*: a legal hold, an open PPID request or an
unresolved objection on it or on a record below it (`retention.blockers`). Blocks are checked
when the list is drawn up, when the panel decides and again at execution, where a record that
became blocked since is skipped and named in the report.
"""

from __future__ import annotations

import datetime as dt

from BTrees.OOBTree import OOBTree
from persistent import Persistent

from repository.core import clock
from repository.core.content import Pemda, Record, lazy_tree, new_id, queue_key
from repository.core.errors import InvalidInput
from repository.workbench import retention

AUTHORITIES = ("kepala_daerah", "kepala_anri")
ANRI_YEARS = 10


class Destruction(Persistent):
    appraised_on: dt.date | None = None
    panel: tuple[tuple[str, str], ...] = ()  # (name, position) of each panel member
    authority: str | None = None
    decree: tuple[str, dt.date, str] | None = None  # (number, date, approver's name)
    approved_on: dt.date | None = None
    done_on: dt.date | None = None
    destroyed: tuple[str, ...] = ()

    def __init__(self, id: str, unit: str, record_ids: tuple[str, ...], actor: str) -> None:
        self.id, self.unit, self.record_ids = id, unit, record_ids
        self.created, self.created_by = clock.today(), actor
        self.retained = OOBTree()  # record id -> the panel's reason to keep it
        self.skipped = OOBTree()  # record id -> why it was not destroyed at execution

    @property
    def state(self) -> str:
        if self.done_on:
            return "done"
        if self.approved_on:
            return "approved"
        return "appraised" if self.appraised_on else "proposed"

    @property
    def to_destroy(self) -> tuple[str, ...]:
        return tuple(rid for rid in self.record_ids if rid not in self.retained)


class Tombstone(Persistent):
    """What stays of a destroyed record: its description and the proof of its destruction.
    No text, no file; the SHA-256 of each file stays so a copy found later can be named."""

    def __init__(self, record: Record, destruction: Destruction, day: dt.date) -> None:
        self.id, self.level, self.title = record.id, record.level, record.title
        self.reference_code, self.unit_code = record.reference_code, record.unit_code
        self.classification, self.security = record.classification, record.security
        self.date_start, self.date_end = record.date_start, record.date_end
        self.description = record.description
        self.files = tuple(
            (a.filename, a.media_type, a.size, a.sha256) for a in record.attachments.values()
        )
        self.destruction_id, self.destroyed_on = destruction.id, day
        self.decree = destruction.decree

    def as_dict(self) -> dict:
        number, day, approver = self.decree or ("", None, "")
        return {
            "id": self.id,
            "level": self.level,
            "title": self.title,
            "reference_code": self.reference_code,
            "unit": self.unit_code,
            "classification": self.classification,
            "security": self.security,
            "date_start": _iso(self.date_start),
            "date_end": _iso(self.date_end),
            "description": self.description,
            "files": [
                {"filename": f, "media_type": m, "size": s, "sha256": h}
                for f, m, s, h in self.files
            ],
            "destruction": self.destruction_id,
            "destroyed_on": _iso(self.destroyed_on),
            "decree_number": number,
            "decree_date": _iso(day),
            "approved_by": approver,
        }


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def destructions_of(pemda: Pemda) -> OOBTree:
    return lazy_tree(pemda, "destructions")


def tombstones_of(pemda: Pemda) -> OOBTree:
    return lazy_tree(pemda, "tombstones")


def retention_years(pemda: Pemda, record: Record) -> int:
    rule = retention.rule_for(pemda, record.classification)
    return rule.active_years + rule.inactive_years if rule else 0


def required_authority(years: list[int]) -> str:
    """One decree covers the list, so its longest retention decides."""
    return "kepala_anri" if years and max(years) >= ANRI_YEARS else "kepala_daerah"


def propose(pemda: Pemda, unit: str, records: list[Record], actor: str) -> Destruction:
    if not records:
        raise InvalidInput("destruction_empty")
    listed = {rid for d in destructions_of(pemda).values() if not d.done_on for rid in d.to_destroy}
    clash = [r.id for r in records if r.id in listed]
    if clash:
        raise InvalidInput("destruction_already", ids=", ".join(clash[:5]))
    blocked = [r.id for r in records if retention.blockers(r)]
    if blocked:
        raise InvalidInput("destruction_blocked", ids=", ".join(blocked[:5]))
    made = Destruction(f"MUSNAH-{new_id()}", unit, tuple(r.id for r in records), actor)
    made.authority = required_authority([retention_years(pemda, r) for r in records])
    destructions_of(pemda)[made.id] = made
    return made


def appraise(
    pemda: Pemda,
    destruction: Destruction,
    panel: list[tuple[str, str]],
    keep: dict[str, str],
    keep_years: dict[str, int] | None = None,
) -> None:
    """The panel's decision: `keep` maps record ids to the reason they are kept, for good
    (they become permanent and go to the hand-over list) or, with `keep_years`, for that
    many more years (then they are due again). Every objection must be settled first (kept
    here, or dismissed)."""
    _expect(destruction, "proposed")
    members = tuple((n.strip(), p.strip()) for n, p in panel if n.strip())
    if not members:
        raise InvalidInput("panel_required")
    years = keep_years or {}
    unknown = [
        rid for rid in {*keep, *years} if rid not in destruction.record_ids or rid not in keep
    ]
    if unknown or any(not reason.strip() for reason in keep.values()):
        raise InvalidInput("bad_retained", ids=", ".join(unknown[:5]) or "-")
    if any(not 1 <= n <= 100 for n in years.values()):
        raise InvalidInput("bad_retained", ids=", ".join(years))
    for rid, reason in keep.items():
        destruction.retained[rid] = reason.strip()
        record = pemda.records.get(rid)
        if record is not None:
            retention.close_matter(record, "objection", destruction.id)
            until = retention.add_years(clock.today(), years[rid]) if rid in years else None
            record.appraisal = (destruction.id, reason.strip(), until)
    objected = [
        rid
        for rid in destruction.to_destroy
        if rid in pemda.records and retention.blockers(pemda.records[rid])
    ]
    if objected:
        raise InvalidInput("destruction_blocked", ids=", ".join(objected[:5]))
    destruction.panel, destruction.appraised_on = members, clock.today()


def parse_keep(lines: list[str]) -> tuple[dict[str, str], dict[str, int]]:
    """The panel's "ID; reason[; years]" lines (CLI and page) as `keep` and `keep_years`."""
    keep, years = {}, {}
    for line in lines:
        rid, _, rest = line.partition(";")
        reason, _, count = rest.rpartition(";") if rest.count(";") else (rest, "", "")
        if not rid.strip():
            continue
        keep[rid.strip()] = reason.strip()
        if count.strip():
            try:
                years[rid.strip()] = int(count)
            except ValueError:
                raise InvalidInput("bad_retained", ids=rid.strip()) from None
    return keep, years


def approve(
    destruction: Destruction, authority: str, number: str, day: dt.date, approver: str
) -> None:
    _expect(destruction, "appraised")
    if authority not in AUTHORITIES:
        raise InvalidInput("bad_authority", choices=", ".join(AUTHORITIES))
    if authority != destruction.authority:
        raise InvalidInput("wrong_authority", required=destruction.authority)
    if not number.strip() or not approver.strip():
        raise InvalidInput("decree_required")
    destruction.decree = (number.strip(), day, approver.strip())
    destruction.approved_on = clock.today()


def execute(pemda: Pemda, destruction: Destruction, actor: str) -> list[Record]:
    """Removes every listed record (with what lies below it) that nothing blocks, leaving
    tombstones; returns the removed records, whose files the caller must purge after commit."""
    _expect(destruction, "approved")
    day, removed = clock.today(), []
    for rid in destruction.to_destroy:
        record = pemda.records.get(rid)
        if record is None:
            destruction.skipped[rid] = "gone"
            continue
        reasons = [b for node in subtree(record) for b in retention.blockers(node)]
        if reasons:
            destruction.skipped[rid] = "; ".join(reasons)
            continue
        for node in reversed(subtree(record)):  # deepest first
            _erase(pemda, node, destruction, day)
            removed.append(node)
    destruction.destroyed = tuple(r.id for r in removed)
    destruction.done_on = day
    return removed


def subtree(record: Record) -> list[Record]:
    found = [record]
    for child in (record.children or {}).values():
        found.extend(subtree(child))
    return found


def _erase(pemda: Pemda, record: Record, destruction: Destruction, day: dt.date) -> None:
    tombstones_of(pemda)[record.id] = Tombstone(record, destruction, day)
    for attachment in record.attachments.values():
        if pemda.by_sha256.get(attachment.sha256) == record.id:
            del pemda.by_sha256[attachment.sha256]
        pemda.by_sha256.pop(f"{attachment.sha256} {record.id}", None)
    record.attachments.clear()  # the blobs lose their last reference; pack removes them
    del record.parent.children[record.id]
    unit = pemda.units.get(record.unit_code)
    if unit is not None:
        unit.record_count.change(-1)
    del pemda.records[record.id]
    pemda.record_count.change(-1)
    (pemda.vital or {}).pop(record.id, None)
    pemda.index_queue[queue_key()] = record.id  # gone from the records: the writer deletes it
    record.history = None


def _expect(destruction: Destruction, state: str) -> None:
    if destruction.state != state:
        raise InvalidInput("destruction_state", id=destruction.id, state=destruction.state)


def as_dict(pemda: Pemda, destruction: Destruction) -> dict:
    number, day, approver = destruction.decree or ("", None, "")
    return {
        "id": destruction.id,
        "unit": destruction.unit,
        "state": destruction.state,
        "created": destruction.created.isoformat(),
        "created_by": destruction.created_by,
        "authority": destruction.authority,
        "panel": [{"name": n, "position": p} for n, p in destruction.panel],
        "appraised_on": _iso(destruction.appraised_on),
        "decree_number": number,
        "decree_date": _iso(day),
        "approved_by": approver,
        "approved_on": _iso(destruction.approved_on),
        "done_on": _iso(destruction.done_on),
        "records": [_row(pemda, rid, destruction) for rid in destruction.record_ids],
    }


def _row(pemda: Pemda, rid: str, destruction: Destruction) -> dict:
    record = pemda.records.get(rid)
    source = record or (pemda.tombstones or {}).get(rid)
    status = (
        "retained"
        if rid in destruction.retained
        else "destroyed"
        if rid in destruction.destroyed
        else "skipped"
        if rid in destruction.skipped
        else "listed"
    )
    row = {
        "id": rid,
        "refcode": getattr(source, "reference_code", "-"),
        "title": getattr(source, "title", "-"),
        "date": _iso(getattr(source, "date_start", None)),
        "code": getattr(source, "classification", ""),
        "retention_years": retention_years(pemda, record) if record else None,
        "status": status,
        "reason": destruction.retained.get(rid) or destruction.skipped.get(rid) or "",
    }
    if record is not None:
        row["blockers"] = retention.blockers(record)
        row["blocking"] = retention.blocking(record)
    return row
