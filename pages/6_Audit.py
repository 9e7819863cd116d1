"""Jejak audit (administrators and auditors): the trail filtered by who, what, which record
and when, its activity per day, its hash-chain check, and a CSV export (itself audited)."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import streamlit as st

from ui import registry, visit
from ui.frame import frame, guard
from ui.session import t

lontar, caller = frame(registry.AUDIT)
st.title(t("nav_audit"))

with st.form("audit_filters"):
    c1, c2, c3, c4, c5 = st.columns(5)
    filters = {
        "actor": c1.text_input(t("who"), key="audit_actor"),
        "action": c2.text_input(t("action"), key="audit_action"),
        "target": c3.text_input(t("audit_target"), key="audit_target"),
        "since": c4.date_input(t("date_from"), None, key="audit_since", format="YYYY-MM-DD"),
        "until": c5.date_input(t("date_to"), None, key="audit_until", format="YYYY-MM-DD"),
    }
    if st.form_submit_button(t("audit_filter")):
        visit.forget("audit")  # a click reads the trail again, even with the same filters
filters = {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in filters.items() if v}

with guard():
    # Reading the trail is itself audited (`audit_read`): once per visit and filters.
    entries = visit.once("audit", filters, lambda: lontar.access.audit_entries(caller, **filters))
    table = pd.DataFrame(
        [
            {
                "seq": e["seq"],
                t("when"): e["at"],
                t("who"): e["actor"],
                t("action"): e["action"],
                t("audit_target"): e["target"],
                t("audit_origin"): e["origin"],
                t("detail"): json.dumps(e.get("detail", {}), ensure_ascii=False),
            }
            for e in entries
        ]
    )
    st.subheader(t("audit_count", total=len(entries)))
    if not table.empty:
        per_day = table.groupby(table[t("when")].str[:10]).size().rename(t("audit_events"))
        st.bar_chart(per_day)
    st.dataframe(table.iloc[::-1], hide_index=True, key="audit_table")
    st.download_button(
        t("audit_export"),
        lambda: lontar.access.audit_export(caller, **filters),
        file_name=f"audit-{lontar.today().isoformat()}.csv",
        mime="text/csv",
        key="audit_csv",
        on_click="ignore",
    )
    if st.button(t("audit_verify"), key="audit_verify"):
        verdict = lontar.access.audit_verify(caller)
        if verdict.problems:
            st.error(t("audit_tampered", count=len(verdict.problems)))
            st.dataframe(pd.DataFrame(verdict.problems), hide_index=True, key="audit_problems")
        else:
            st.success(t("audit_intact", count=verdict.count, head=verdict.head.get("hash", "")))
