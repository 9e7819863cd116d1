"""A request's life: filed, assigned to a PPID Pelaksana of the holding OPD, extended once with
a reason, decided (granted, granted in part, refused on a Pasal 17 ground backed by a
consequence test, or not held, naming who holds it), with the response documents the decision
allows; then settled once no objection or dispute can follow.

While a request is not settled, every record it concerns or released is under an open matter
(retention.open_matter), so the record cannot be destroyed meanwhile.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from repository.core.content import Pemda
from repository.core.errors import InvalidInput
from repository.ppid.model import DECISIONS, EXEMPTIONS, InformationRequest, Office, next_number
from repository.ppid.workdays import (
    ANSWER_DAYS,
    EXTENSION_DAYS,
    OBJECTION_FILING_DAYS,
    Calendar,
    calendar_of,
)
from repository.workbench import retention

DUE_SOON_DAYS = 3  # working days left at which a request shows as due soon
MATTER = "ppid_request"
STEPS = ("assign", "decide", "notify")  # what the desk shows, in this order
NOTICE_PREFIX = "PT"  # pemberitahuan tertulis: PT-2026-0001


def calendar(office: Office | None) -> Calendar:
    if office is None:
        return Calendar()
    return calendar_of(office.days_off.items(), office.days_on.keys())


def answer_due(cal: Calendar, request: InformationRequest) -> dt.date:
    due = cal.add(request.start, ANSWER_DAYS)
    return cal.add(due, EXTENSION_DAYS) if request.extension else due


@dataclass
class Standing:
    """Where a request stands on a day: for the queue's order and colours."""

    state: str  # received, in_process, decided
    due: dt.date
    left: int  # working days left until due (negative: overdue by)
    flag: str  # "", "due_soon", "overdue"


def standing(cal: Calendar, request: InformationRequest, today: dt.date) -> Standing:
    due = answer_due(cal, request)
    if request.decision:
        return Standing("decided", due, 0, "")
    left = cal.between(today, due) if today <= due else -cal.between(due, today)
    flag = "overdue" if today > due else "due_soon" if left <= DUE_SOON_DAYS else ""
    return Standing("in_process" if request.assignee else "received", due, left, flag)


def assign(pemda: Pemda, request: InformationRequest, unit: str, assignee: str) -> None:
    if request.decision and not _reopened(pemda, request):
        raise InvalidInput("request_decided", number=request.number)
    request.unit, request.assignee = unit, assignee


def extend(request: InformationRequest, reason: str, day: dt.date, by: str, cal: Calendar) -> None:
    """Once, with written reasons, before the first 10 working days run out."""
    if request.extension:
        raise InvalidInput("already_extended", number=request.number)
    if request.decision:
        raise InvalidInput("request_decided", number=request.number)
    if not reason.strip():
        raise InvalidInput("extension_reason_required")
    if day > cal.add(request.start, ANSWER_DAYS):
        raise InvalidInput("extension_too_late", number=request.number)
    request.extension = (reason.strip(), day, by)


@dataclass
class Decision:
    kind: str
    ground: str = ""
    test_id: str = ""
    holder: str = ""
    redactions: str = ""
    form: str = ""
    cost: int = 0
    notes: str = ""
    released: tuple[str, ...] = ()


def check_decision(office: Office, decision: Decision) -> None:
    """What each kind of decision needs: a refusal or partial grant names its Pasal 17 ground
    and a consequence test for that ground; not held names who holds it; only a grant (in
    full or in part) releases documents."""
    if decision.kind not in DECISIONS:
        raise InvalidInput("bad_decision", choices=", ".join(DECISIONS))
    if decision.kind in ("refused", "partial"):
        if decision.ground not in EXEMPTIONS:
            raise InvalidInput("ground_required")
        test = office.dik.get(decision.test_id)
        if test is None or test.ground != decision.ground:
            raise InvalidInput("test_required", ground=decision.ground)
    if decision.kind == "partial" and not decision.redactions.strip():
        raise InvalidInput("redactions_required")
    if decision.kind == "not_held" and not decision.holder.strip():
        raise InvalidInput("holder_required")
    if decision.kind in ("refused", "not_held") and decision.released:
        raise InvalidInput("nothing_to_release", decision=decision.kind)
    if decision.cost < 0:
        raise InvalidInput("bad_cost")


def releasable(office: Office, record, today: dt.date) -> str | None:
    """Why a record may not go to a requester (None: it may): it must be public (class B)
    and not named by an exemption (DIK entry) in force."""
    if record is None:
        return "not_found"
    if record.security != "B":
        return "release_not_public"
    for entry in office.dik.values():
        if record.id in entry.record_ids and entry.expires > today:
            return "release_exempt"
    return None


def decide(
    pemda: Pemda,
    office: Office,
    request: InformationRequest,
    decision: Decision,
    by: str,
    today: dt.date,
) -> None:
    if request.decision and not _reopened(pemda, request):
        raise InvalidInput("request_decided", number=request.number)
    if not request.assignee:
        raise InvalidInput("request_unassigned", number=request.number)
    check_decision(office, decision)
    for rid in decision.released:
        problem = releasable(office, pemda.records.get(rid), today)
        if problem:
            raise InvalidInput(problem, id=rid)
    for name in ("kind", "ground", "test_id", "holder", "redactions", "form", "cost", "notes"):
        setattr(request, "decision" if name == "kind" else name, getattr(decision, name))
    request.released = tuple(dict.fromkeys(decision.released))
    request.decided_on, request.decided_by = today, by
    request.notice_number = next_number(office, NOTICE_PREFIX, today.year)
    request.notified_on = None  # a new decision is a new notice to send
    _open_matters(pemda, request, today)


def notify(request: InformationRequest, today: dt.date) -> None:
    """The PPID sent the written notice to the requester (by the way they asked for)."""
    if not request.decision:
        raise InvalidInput("request_undecided", number=request.number)
    request.notified_on = today


def next_step(pemda: Pemda, request: InformationRequest) -> str:
    """The officer's next step on the desk: one of STEPS, or "done". An accepted objection
    sends the request back to a new decision."""
    if not request.assignee:
        return "assign"
    if not request.decision or _reopened(pemda, request):
        return "decide"
    if not request.notified_on:
        return "notify"
    return "done"


def concern(pemda: Pemda, request: InformationRequest, record_ids: list[str], today) -> None:
    """The records that hold the requested information: kept from destruction meanwhile."""
    request.concerned = tuple(dict.fromkeys((*request.concerned, *record_ids)))
    _open_matters(pemda, request, today)


def _open_matters(pemda: Pemda, request: InformationRequest, today: dt.date) -> None:
    for rid in (*request.concerned, *request.released):
        record = pemda.records.get(rid)
        if record is not None:
            retention.open_matter(record, MATTER, request.number, request.information[:80], today)


def _reopened(pemda: Pemda, request: InformationRequest) -> bool:
    """An objection accepted by the Atasan PPID sends the request back for a new decision."""
    office = pemda.ppid
    return any(
        o.request == request.number
        and o.decision == "accepted"
        and o.decided_on
        and (request.decided_on is None or o.decided_on >= request.decided_on)
        for o in office.objections.values()
    )


def objection_window_end(cal: Calendar, request: InformationRequest) -> dt.date:
    """The last day to object: 30 working days after the decision, or after the answer's
    due date lapsed without one."""
    cause = request.decided_on or answer_due(cal, request)
    return cal.add(cause, OBJECTION_FILING_DAYS)
