"""Retensi (Arsiparis, Administrator): records due under the JRA on a chosen day, per list
(transfer, destruction or appraisal, hand-over, on hold, waiting for an event) and unit, with
counts, a chart and CSV/Excel export of each list: for people, so with the page's headers and
dates in words; the JRA download (Klasifikasi) is the file for machines."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from repository.app import formatting
from ui import pickers, registry, render
from ui.frame import frame, guard
from ui.session import lang, t

LISTS = ("transfer", "destroy", "handover", "held", "waiting_for_event")
DATES = ("start", "active_until", "inactive_until")


def disposition(value: str | None) -> str:
    return t("disposition_" + value.lower().replace(" ", "_")) if value else "-"


def table(rows: list[dict]) -> pd.DataFrame:
    """The list as people read it: title first, dates in words, headers translated."""
    language = lang()
    return pd.DataFrame(
        [
            {
                t("retention_title"): r["title"],
                t("retention_refcode"): r.get("refcode", ""),
                t("retention_code"): r["code"],
                **{t("retention_" + d): formatting.date_text(r[d], language) or "-" for d in DATES},
                t("retention_disposition"): disposition(r["disposition"]),
                t("retention_id"): r["id"],
            }
            for r in rows
        ]
    )


lontar, caller = frame(registry.RETENTION)
st.title(t("nav_retention"))

with guard():
    left, right = st.columns(2)
    unit = pickers.unit(
        lontar, caller, t("col_unit"), "due_unit", permission="edit_records", where=left
    )
    on = right.date_input(t("retention_on"), lontar.today(), key="due_on", format="DD/MM/YYYY")
    with st.spinner(t("retention_computing")):
        due = lontar.workbench.retention_due(caller, unit, on)
    counts = {name: len(due[name]) for name in LISTS}
    for column, name in zip(st.columns(len(LISTS)), LISTS, strict=True):
        column.metric(t("due_" + name), formatting.number_text(counts[name], lang()))
    chart = pd.DataFrame(
        {
            t("retention_list"): [t("due_" + n) for n in LISTS],
            t("col_records"): list(counts.values()),
        }
    )
    st.bar_chart(chart, x=t("retention_list"), y=t("col_records"), horizontal=True)
    for name in LISTS:
        if not due[name]:
            continue
        with st.expander(f"{t('due_' + name)} ({formatting.number_text(counts[name], lang())})"):
            shown = table(due[name])
            st.dataframe(shown, hide_index=True, key=f"due_{name}")
            for row in due[name][:20]:
                render.record_link(row["id"], f"{row['title']} · {row['code']}")
            render.downloads(shown, f"retensi-{name}-{due['on']}", f"due_{name}")
