"""What the requester and the officers see of a request: plain dicts, dates as ISO strings
(the pages and PDFs write them for people through `core.formatting`), and names instead of
ids and codes: record titles, unit names, account names.

A request's history is stored as (when, who, what, detail) with a free-text detail; here each
step becomes parameters of its catalogue line (`history_ppid_<what>`) so that the page writes
it in the reader's language.
"""

from __future__ import annotations

import datetime as dt

from repository.core.content import Pemda
from repository.ppid import handling, objections, reporting
from repository.ppid.model import InformationRequest, Office

REQUESTER = "pemohon"  # how a request's history names the requester


def record_titles(pemda: Pemda, record_ids) -> list[dict]:
    """The records still in the repository, by title (id kept for links)."""
    return [
        {"id": rid, "title": pemda.records[rid].title} for rid in record_ids if rid in pemda.records
    ]


def unit_name(pemda: Pemda, code: str | None) -> str:
    unit = pemda.units.get(code) if code else None
    return unit.name if unit is not None else (code or "")


def person(pemda: Pemda, name: str | None) -> str:
    """An account's full name (its login name when it has none); the requester stays
    `pemohon`, which the page translates."""
    if not name or name == REQUESTER:
        return name or ""
    account = (pemda.accounts or {}).get(name)
    return getattr(account, "full_name", "") or name


def step_params(pemda: Pemda, what: str, detail: str) -> dict[str, str]:
    """The parameters of a history line. Codes that the page translates stay codes
    (`decision`, `outcome`); ids and unit codes become titles and names."""
    if what == "assigned":
        code, _, account = detail.partition(" ")
        return {"unit": unit_name(pemda, code), "account": person(pemda, account)}
    if what == "extended":
        return {"reason": detail}
    if what == "concerned":
        titles = [r["title"] for r in record_titles(pemda, detail.split())]
        return {"records": "; ".join(titles) or "-"}
    if what == "decided":
        return {"decision": detail}
    if what == "objection":
        return {"objection": detail}
    if what == "objection_decided":
        number, _, outcome = detail.partition(" ")
        return {"objection": number, "outcome": outcome}
    return {}


def history(pemda: Pemda, request: InformationRequest) -> list[dict]:
    return [
        {
            "when": when,
            "who": who,
            "who_name": person(pemda, who),
            "what": what,
            "params": step_params(pemda, what, detail),
        }
        for when, who, what, detail in request.history.values()
    ]


def public_view(pemda: Pemda, office: Office, request: InformationRequest, today: dt.date) -> dict:
    cal = handling.calendar(office)
    standing = handling.standing(cal, request, today)
    released = []
    for rid in request.released:
        record = pemda.records.get(rid)
        if record is not None and record.security == "B":
            files = [
                {"position": p, "filename": a.filename, "size": a.size}
                for p, a in record.attachments.items()
            ]
            released.append({"id": rid, "title": record.title, "files": files})
    return {
        "number": request.number,
        "received": request.received.isoformat(timespec="minutes"),
        "start": request.start.isoformat(),
        "state": standing.state,
        "flag": standing.flag,
        "left": standing.left,
        "due": standing.due.isoformat(),
        "extension": {"reason": request.extension[0], "on": request.extension[1].isoformat()}
        if request.extension
        else None,
        "decision": request.decision,
        "decided_on": request.decided_on.isoformat() if request.decided_on else None,
        "ground": request.ground,
        "holder": request.holder,
        "redactions": request.redactions,
        "form": request.form,
        "cost": request.cost,
        "information": request.information,
        "released": released,
        "objection_until": handling.objection_window_end(cal, request).isoformat(),
        "may_object": objections.may_object(cal, request, today) is None,
        "objections": [
            reporting.objection_row(office, o)
            for o in office.objections.values()
            if o.request == request.number
        ],
    }


def officer_view(pemda: Pemda, office: Office, request: InformationRequest, today: dt.date) -> dict:
    found = public_view(pemda, office, request, today)
    found["released"] = list(request.released)
    found["linked"] = record_titles(pemda, dict.fromkeys((*request.concerned, *request.released)))
    found.update(
        name=request.name,
        address=request.address,
        occupation=request.occupation,
        email=request.email,
        phone=request.phone,
        nik=request.nik[:6] + "******" + request.nik[-4:],
        kind=request.kind,
        organisation=request.organisation,
        purpose=request.purpose,
        obtain=list(request.obtain),
        delivery=request.delivery,
        unit=request.unit,
        unit_name=unit_name(pemda, request.unit),
        assignee=request.assignee,
        assignee_name=person(pemda, request.assignee),
        test_id=request.test_id,
        notes=request.notes,
        concerned=list(request.concerned),
        concerned_titles=record_titles(pemda, request.concerned),
        released_titles=record_titles(pemda, request.released),
        decided_by=request.decided_by,
        notice_number=request.notice_number,
        notified_on=request.notified_on.isoformat() if request.notified_on else None,
        next_step=handling.next_step(pemda, request),
        history=history(pemda, request),
        id_card={"filename": request.id_card.filename, "size": request.id_card.size}
        if request.id_card
        else None,
    )
    return found
