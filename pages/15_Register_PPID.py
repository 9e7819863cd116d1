"""Register & Laporan PPID (PPID, Atasan PPID, Administrator): the request and objection
registers as sortable tables with CSV/Excel, the annual report for a year (figures, charts,
PDF), the DIP and DIK forms, and the working-day calendar with the agency's own days off."""

from __future__ import annotations

import streamlit as st

from ui import ppid_desk, registry
from ui.frame import frame, guard
from ui.session import t

lontar, caller = frame(registry.PPID_REGISTERS)
st.title(t("nav_ppid_registers"))
ppid_desk.notice()

with guard():
    registers, report, lists, calendar = st.tabs(
        [t("ppid_requests_register"), t("ppid_report"), "DIP / DIK", t("ppid_calendar")]
    )
    with registers:
        ppid_desk.registers(lontar.ppid.ppid_registers(caller))
    with report:
        ppid_desk.annual(lontar, caller)
    if caller.may("ppid_decide"):
        with lists:
            ppid_desk.lists(lontar, caller)
        with calendar:
            ppid_desk.calendar(lontar, caller)
