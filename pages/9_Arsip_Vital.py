"""Arsip vital (Arsiparis, Administrator): the register of vital records with how each is
protected and where its copy is, those whose protection is incomplete first; mark or update a
record; CSV/Excel export of the register."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from repository.app import VITAL_METHODS, formatting
from ui import pickers, registry, render
from ui.frame import frame, guard
from ui.session import labels, lang, t

lontar, caller = frame(registry.VITAL)
st.title(t("nav_vital"))
if notice := st.session_state.pop("vital_notice", None):
    st.success(notice)

with guard():
    register = sorted(
        lontar.workbench.vital_register(caller), key=lambda r: (r["complete"], r["refcode"])
    )
    incomplete = [r for r in register if not r["complete"]]
    left, right = st.columns(2)
    left.metric(t("vital_total"), formatting.number_text(len(register), lang()))
    right.metric(t("vital_incomplete"), formatting.number_text(len(incomplete), lang()))
    if register:
        table = pd.DataFrame(
            [
                {
                    t("title"): r["title"],
                    t("reference_code"): r["refcode"],
                    t("col_unit"): r["unit"],
                    t("vital_method"): r["method"] or "-",
                    t("vital_copy_location"): r["copy_location"] or "-",
                    t("vital_verified"): formatting.date_text(r["verified"], lang()) or "-",
                    t("vital_missing"): ", ".join(t("vital_" + m) for m in r["missing"]) or "-",
                    t("record_id"): r["id"],
                }
                for r in register
            ]
        )
        st.dataframe(table, hide_index=True, key="vital_table")
        for r in incomplete[:20]:
            render.record_link(r["id"], f"{r['title']} · {r['refcode']}")
        render.downloads(table, "arsip-vital", "vital")
    else:
        st.info(t("vital_none"))

    st.subheader(t("vital_mark"))
    chosen = pickers.records(lontar, caller, "vital_records", t("vital_records_pick"))
    with st.form("vital_mark", clear_on_submit=True, enter_to_submit=False):
        method = st.selectbox(
            t("vital_method"), ["", *VITAL_METHODS], key="vital_method_choice",
            format_func=labels(empty="none"),
        )  # fmt: skip
        copy_location = st.text_input(t("vital_copy_location"), key="vital_copy")
        verified = st.date_input(t("vital_verified"), None, key="vital_date", format="DD/MM/YYYY")
        if st.form_submit_button(t("save")):
            if not chosen:
                st.error(t("vital_pick_first"))
                st.stop()
            for record_id in chosen:
                lontar.workbench.mark_vital(caller, record_id, method, copy_location, verified)
            pickers.reset_records("vital_records")
            st.session_state["vital_notice"] = t("saved")
            st.rerun()
