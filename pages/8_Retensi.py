"""Retensi (Arsiparis, Administrator): records due under the JRA on a chosen day, per list
(transfer, destruction or appraisal, hand-over, on hold, waiting for an event) and unit, with
counts, a chart and CSV/Excel export of each list."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import registry, render
from ui.frame import frame, guard
from ui.session import labels, t

LISTS = ("transfer", "destroy", "handover", "held", "waiting_for_event")

lontar, caller = frame(registry.RETENTION)
st.title(t("nav_retention"))

with guard():
    units = lontar.records.unit_codes()
    left, right = st.columns(2)
    unit = left.selectbox(t("col_unit"), ["", *units], key="due_unit", format_func=labels())
    on = right.date_input(t("retention_on"), lontar.today(), key="due_on", format="YYYY-MM-DD")
    with st.spinner(t("retention_computing")):
        due = lontar.workbench.retention_due(caller, unit or None, on)
    counts = {name: len(due[name]) for name in LISTS}
    for column, name in zip(st.columns(len(LISTS)), LISTS, strict=True):
        column.metric(t("due_" + name), counts[name])
    chart = pd.DataFrame(
        {t("col_records"): [counts[n] for n in LISTS]}, index=[t("due_" + n) for n in LISTS]
    )
    st.bar_chart(chart, horizontal=True)
    for name in LISTS:
        if not due[name]:
            continue
        with st.expander(f"{t('due_' + name)} ({counts[name]})"):
            table = pd.DataFrame(due[name])[
                ["id", "title", "code", "start", "active_until", "inactive_until", "disposition"]
            ]
            st.dataframe(table, hide_index=True, key=f"due_{name}")
            for row in due[name][:20]:
                render.record_link(row["id"], f"{row['code']} · {row['title']}")
            render.downloads(table, f"retensi-{name}-{due['on']}", f"due_{name}")
