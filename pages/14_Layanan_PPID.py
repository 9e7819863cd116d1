"""Layanan PPID (PPID, Atasan PPID, Administrator): the queue of open requests, soonest due
first, with due-soon and overdue marked; one request's details and actions (assign to a PPID
Pelaksana, extend once, name the records, decide, the written notice, the ID card scan);
open objections and the Atasan PPID's answer. `?nomor=` opens a request."""

from __future__ import annotations

import streamlit as st

from ui import ppid_desk, registry
from ui.frame import frame, guard
from ui.session import t

lontar, caller = frame(registry.PPID_DESK)
st.title(t("nav_ppid"))
ppid_desk.notice()

with guard():
    st.subheader(t("ppid_queue"))
    chosen = ppid_desk.queue(lontar.ppid.ppid_queue(caller))
    if chosen:
        ppid_desk.request(lontar, caller, chosen)
    ppid_desk.objections(lontar, caller)
