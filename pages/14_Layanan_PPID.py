"""Layanan PPID (PPID, Atasan PPID, Administrator): the queue of open requests, soonest due
first, with due-soon and overdue marked and each one's next step, each number a link that
opens the request (`?nomor=`; none opens by itself); one request with its steps
(assign -> decide -> notify) and what is next, its details and actions (assign to a PPID
Pelaksana by name, decide with only the chosen decision's fields and the released records
picked by title, mark the notice sent, extend once, name the records, the ID card scan);
objections waiting for the Atasan PPID's answer."""

from __future__ import annotations

import streamlit as st

from ui import ppid_desk, registry
from ui.frame import frame, guard
from ui.session import t

lontar, caller = frame(registry.PPID_DESK)
st.title(t("nav_ppid"))
ppid_desk.notice()

with guard():
    chosen = ppid_desk.queue(lontar.ppid.ppid_queue(caller))
    if chosen:
        ppid_desk.request(lontar, caller, chosen)
    ppid_desk.objections(lontar, caller)
