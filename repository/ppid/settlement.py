"""Settling requests: once nothing more can follow a request (decided, the objection window
closed, every objection decided, no dispute pending), the records it named are free again,
for destruction among others."""

from __future__ import annotations

import datetime as dt

from repository.core.content import Pemda
from repository.ppid.handling import MATTER, calendar, objection_window_end
from repository.ppid.model import Office
from repository.ppid.objections import open_for
from repository.workbench import retention


def settle(pemda: Pemda, office: Office, today: dt.date) -> list[str]:
    """Requests nothing more can follow: decided, the objection window closed with every
    objection decided and no dispute pending. Their matters close; returns their numbers."""
    cal, done = calendar(office), []
    for number in list(office.open.keys()):
        request = office.requests[number]
        if not request.decision or today <= objection_window_end(cal, request):
            continue
        if open_for(office, number, cal, today):
            continue
        for rid in (*request.concerned, *request.released):
            record = pemda.records.get(rid)
            if record is not None:
                retention.close_matter(record, MATTER, number)
        request.settled_on = today
        del office.open[number]
        done.append(number)
    return done
