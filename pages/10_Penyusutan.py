"""Penyusutan (Arsiparis, Pejabat, Administrator): transfer of inactive records to the unit
kearsipan, destruction (DAUM, objections, appraisal panel, approval with its decree,
execution) and hand-over of permanent records to the LKD as a BagIt bag, with the berita
acara and lists as PDF."""

from __future__ import annotations

import streamlit as st

from ui import disposal
from ui.frame import frame, guard, t

lontar, caller = frame("nav_disposal", "edit_records")
st.title(t("nav_disposal"))
disposal.notice()

with guard():
    units = [row["code"] for row in lontar.records.units(caller)]
    transfer, destruction, handover = st.tabs(
        [t("disposal_transfer"), t("disposal_destruction"), t("disposal_handover")]
    )
    with transfer:
        disposal.custody_tab(lontar, caller, "transfer", units)
    with destruction:
        disposal.destruction_tab(lontar, caller, units)
    with handover:
        disposal.custody_tab(lontar, caller, "handover", units)
