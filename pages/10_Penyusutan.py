"""Penyusutan (Arsiparis, Pejabat, Administrator): transfer of inactive records to the unit
kearsipan, destruction (DAUM, objections, appraisal panel, approval with its decree,
execution) and hand-over of permanent records to the LKD as a BagIt bag, with the berita
acara and lists as PDF."""

from __future__ import annotations

import streamlit as st

from ui import disposal, registry
from ui.frame import frame, guard
from ui.session import t

lontar, caller = frame(registry.DISPOSAL)
st.title(t("nav_disposal"))
disposal.notice()

with guard():
    # Lists are drawn up only where the user may act; they go to any unit.
    mine = disposal.unit_names(lontar.records.unit_choices(caller, "edit_records"))
    every = disposal.unit_names(lontar.records.unit_choices(caller))
    transfer, destruction, handover = st.tabs(
        [t("disposal_transfer"), t("disposal_destruction"), t("disposal_handover")]
    )
    with transfer:
        disposal.custody_tab(lontar, caller, "transfer", mine, every)
    with destruction:
        disposal.destruction_tab(lontar, caller, mine, every)
    with handover:
        disposal.custody_tab(lontar, caller, "handover", mine, every)
