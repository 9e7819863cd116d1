"""Dasbor (Pejabat, Arsiparis, Administrator): the letter and records figures of an OPD or the
whole Pemda per month, as charts and tables (each downloadable), and beside them the archive
office's five-element self-assessment with its ANRI band."""

from __future__ import annotations

import streamlit as st

from ui import dashboard, registry
from ui.frame import frame, guard
from ui.session import t

lontar, caller = frame(registry.DASHBOARD)
st.title(t("nav_dashboard"))

with guard():
    dashboard.page(lontar, caller)
