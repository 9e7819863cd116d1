"""Daftar Pilihan (public): the records a researcher pinned in the Katalog, each linked to its
record page; remove some, download the list (CSV, Excel, PDF), save it under a number
(DP-2026-0007-K3QF7, its last part a random check) to cite in a reading-room or PPID request;
and open a saved list by its full number (`?nomor=DP-2026-0007-K3QF7`), its withdrawn records
shown as no longer available. The parts are in ui/selection.py."""

from __future__ import annotations

import streamlit as st

from ui import registry, selection
from ui.frame import frame, guard
from ui.session import t

lontar, caller = frame(registry.SELECTION)
st.title(t("nav_selection"))

with guard():
    selection.page(lontar, caller)
