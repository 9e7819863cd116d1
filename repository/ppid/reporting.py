"""The registers (buku register permohonan and keberatan) and the annual report (laporan
tahunan layanan informasi publik, due 31 March, Perki 1/2021)."""

from __future__ import annotations

import statistics
from collections import Counter

from repository.core import clock
from repository.ppid.handling import answer_due, calendar
from repository.ppid.model import InformationRequest, Objection, Office
from repository.ppid.objections import answer_due_of
from repository.ppid.workdays import ANSWER_DAYS, Calendar

DECISION_WORDS = {
    "granted": "dikabulkan seluruhnya",
    "partial": "dikabulkan sebagian",
    "refused": "ditolak",
    "not_held": "tidak dikuasai",
}


def taken(cal: Calendar, request: InformationRequest) -> int | None:
    """Working days from day 0 to the written answer."""
    return cal.between(request.start, request.decided_on) if request.decided_on else None


def request_row(cal: Calendar, request: InformationRequest) -> dict:
    return {
        "number": request.number,
        "received": request.received.date().isoformat(),
        "requester": request.name,
        "kind": request.kind,
        "information": request.information,
        "purpose": request.purpose,
        "unit": request.unit or "",
        "held": ""
        if not request.decision
        else ("tidak" if request.decision == "not_held" else "ya"),
        "form": request.form or ", ".join(request.obtain),
        "decision": DECISION_WORDS.get(request.decision or "", ""),
        "decision_code": request.decision or "",  # for pages, which write it in the reader's words
        "refusal_ground": f"Pasal 17 huruf {request.ground}" if request.ground else "",
        "answered_on": request.decided_on.isoformat() if request.decided_on else "",
        "due": answer_due(cal, request).isoformat(),
        "extended": bool(request.extension),
        "working_days": taken(cal, request),
        "cost": request.cost,
    }


def objection_row(office: Office, objection: Objection) -> dict:
    request = office.requests.get(objection.request)
    return {
        "number": objection.number,
        "filed": objection.filed.isoformat(),
        "answer_due": answer_due_of(calendar(office), objection).isoformat(),
        "requester": request.name if request else "",
        "request": objection.request,
        "grounds": ", ".join(f"Pasal 35 huruf {g}" for g in objection.grounds),
        "reasons": objection.reasons,
        "decision": {"accepted": "diterima", "rejected": "ditolak"}.get(objection.decision, ""),
        "decision_code": objection.decision or "",
        "decided_on": objection.decided_on.isoformat() if objection.decided_on else "",
        "decided_by": objection.decided_by,
        "dispute": objection.dispute_filed.isoformat() if objection.dispute_filed else "",
        "dispute_outcome": objection.dispute_outcome,
    }


def registers(office: Office | None) -> dict[str, list[dict]]:
    if office is None:
        return {"requests": [], "objections": []}
    cal = calendar(office)
    return {
        "requests": [request_row(cal, r) for r in office.requests.values()],
        "objections": [objection_row(office, o) for o in office.objections.values()],
    }


def annual(office: Office | None, year: int) -> dict:
    """The figures of requests received in `year` and objections filed in it."""
    cal = calendar(office)
    requests = [r for r in (office.requests.values() if office else ()) if r.received.year == year]
    objections = [o for o in (office.objections.values() if office else ()) if o.filed.year == year]
    decisions = Counter(r.decision or "undecided" for r in requests)
    days = [d for d in (taken(cal, r) for r in requests) if d is not None]
    return {
        "year": year,
        "requests": len(requests),
        "decided": sum(1 for r in requests if r.decision),
        "granted": decisions["granted"],
        "partial": decisions["partial"],
        "refused": decisions["refused"],
        "not_held": decisions["not_held"],
        "undecided": decisions["undecided"],
        "refused_by_ground": dict(
            sorted(
                Counter(r.ground for r in requests if r.decision in ("refused", "partial")).items()
            )
        ),
        "extended": sum(1 for r in requests if r.extension),
        "within_10_days": sum(1 for d in days if d <= ANSWER_DAYS),
        "days_mean": round(statistics.fmean(days), 1) if days else None,
        "days_median": statistics.median(days) if days else None,
        "days_max": max(days) if days else None,
        "by_unit": dict(sorted(Counter(r.unit or "-" for r in requests).items())),
        "objections": len(objections),
        "objections_accepted": sum(1 for o in objections if o.decision == "accepted"),
        "objections_rejected": sum(1 for o in objections if o.decision == "rejected"),
        "objections_open": sum(1 for o in objections if o.decision is None),
        "objections_by_ground": dict(
            sorted(Counter(g for o in objections for g in o.grounds).items())
        ),
        "disputes": sum(1 for o in objections if o.dispute_filed),
        "dispute_outcomes": dict(
            Counter(o.dispute_outcome or "belum diputus" for o in objections if o.dispute_filed)
        ),
        "made_on": clock.today().isoformat(),
    }
