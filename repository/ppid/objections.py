"""Objections (keberatan, UU 14/2008 Pasal 35–36): filed by the requester within 30 working
days of the cause, decided by the Atasan PPID within 30 working days, and, when the requester
is not satisfied, a dispute at the Komisi Informasi within 14 working days after that answer
or its lapse.
"""

from __future__ import annotations

import datetime as dt

from repository.core.errors import InvalidInput
from repository.ppid.handling import answer_due, objection_window_end
from repository.ppid.model import OBJECTION_GROUNDS, InformationRequest, Objection, Office
from repository.ppid.workdays import DISPUTE_DAYS, OBJECTION_ANSWER_DAYS, Calendar

OUTCOMES = ("accepted", "rejected")


def may_object(cal: Calendar, request: InformationRequest, today: dt.date) -> str | None:
    """Why an objection cannot be filed today (None: it can). Before a decision the only
    cause is lateness, so it opens once the answer is overdue."""
    if not request.decision and today <= answer_due(cal, request):
        return "objection_too_early"
    if today > objection_window_end(cal, request):
        return "objection_too_late"
    return None


def file(
    office: Office,
    request: InformationRequest,
    grounds: list[str],
    reasons: str,
    number: str,
    today: dt.date,
    cal: Calendar,
) -> Objection:
    problem = may_object(cal, request, today)
    if problem:
        raise InvalidInput(problem, number=request.number)
    chosen = tuple(sorted(set(grounds)))
    if not chosen or not set(chosen) <= set(OBJECTION_GROUNDS):
        raise InvalidInput("objection_grounds_required")
    if any(o.request == request.number and o.decision is None for o in office.objections.values()):
        raise InvalidInput("objection_open", number=request.number)
    objection = Objection(number, request.number, cal.start(today), chosen, reasons.strip())
    office.objections[number] = objection
    office.open[request.number] = True  # not settled while an objection may change it
    return objection


def answer_due_of(cal: Calendar, objection: Objection) -> dt.date:
    return cal.add(objection.filed, OBJECTION_ANSWER_DAYS)


def decide(objection: Objection, outcome: str, reasons: str, by: str, today: dt.date) -> None:
    if objection.decision:
        raise InvalidInput("objection_decided", number=objection.number)
    if outcome not in OUTCOMES:
        raise InvalidInput("bad_decision", choices=", ".join(OUTCOMES))
    if not reasons.strip() or not by.strip():
        raise InvalidInput("objection_reasons_required")
    objection.decision, objection.reasons_decided = outcome, reasons.strip()
    objection.decided_on, objection.decided_by = today, by.strip()


def dispute_window_end(cal: Calendar, objection: Objection) -> dt.date:
    """14 working days after the Atasan's answer, or after its due date lapsed."""
    return cal.add(objection.decided_on or answer_due_of(cal, objection), DISPUTE_DAYS)


def record_dispute(objection: Objection, filed: dt.date, outcome: str = "") -> None:
    """The requester took it to the Komisi Informasi; the outcome is added when known."""
    objection.dispute_filed = objection.dispute_filed or filed
    if outcome.strip():
        objection.dispute_outcome = outcome.strip()


def open_for(office: Office, number: str, cal: Calendar, today: dt.date) -> bool:
    """Whether anything about request `number` can still change: an undecided objection, a
    dispute window still open, or a dispute without its outcome."""
    for objection in office.objections.values():
        if objection.request != number:
            continue
        if objection.decision is None or today <= dispute_window_end(cal, objection):
            return True
        if objection.dispute_filed and not objection.dispute_outcome:
            return True
    return False
