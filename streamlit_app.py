"""Beranda (home): what the caller may see at a glance, and a search box.

Entry point of the multipage app; every page draws the same frame (ui.frame).
"""

from __future__ import annotations

import streamlit as st

from repository.app import formatting
from ui import inbox, operations, registry, render
from ui.frame import frame, guard
from ui.session import lang, t
from ui.text import plain

lontar, caller = frame(registry.HOME)


@st.cache_data(ttl=600, show_spinner=False)
def due_counts(home: str, name: str, day: str) -> dict[str, int]:
    """The retention lists read every record: counted once per repository, user and ten
    minutes (what a user may see is theirs alone, so the user is part of the key)."""
    due = lontar.workbench.retention_due(lontar.access.caller(name), None, day)
    names = ("transfer", "destroy", "handover", "held", "waiting_for_event")
    return {key: len(due[key]) for key in names}


st.title(t("home_title"))

with st.form("home_search", border=False, enter_to_submit=False):
    query = st.text_input(t("search_label"), key="home_q", help=t("search_help"))
    if st.form_submit_button(t("search_button")) and query.strip():
        registry.SEARCH.switch({"q": query})

with guard():
    summary = lontar.records.summary(caller)
    per_unit = summary["facets"].get("unit", {})
    per_level = summary["facets"].get("level", {})
    names = lontar.records.unit_names()
    left, middle, right = st.columns(3)
    left.metric(t("metric_records"), formatting.number_text(summary["total"], lang()))
    middle.metric(t("metric_units"), formatting.number_text(len(per_unit), lang()))
    right.metric(t("metric_attention"), formatting.number_text(summary["flagged_total"], lang()))
    if caller.may("manage"):  # Kondisi sistem: backup, drill, fixity, disk, worker (ui/operations)
        operations.home_block(lontar, caller)

    # Bars drawn by `st.progress` and a line of counts, not a chart and data grids: the first
    # page a person opens then loads no chart or grid code (bench/browser.py).
    unit_col, level_col = st.columns([2, 1])
    with unit_col:
        st.subheader(t("records_per_unit"))
        if not per_unit:
            st.info(t("no_results"))
        top = max(per_unit.values(), default=1) or 1
        for code, n in sorted(per_unit.items(), key=lambda item: -item[1]):
            label = f"{plain(names.get(code, code))}: {formatting.number_text(n, lang())}"
            st.progress(n / top, text=label)
    with level_col:
        st.subheader(t("records_per_level"))
        for key, n in per_level.items():
            st.markdown(f"{t('level_' + key)}: **{formatting.number_text(n, lang())}**")

    if caller.may("edit_records"):
        st.subheader(t("nav_retention"))
        counts = due_counts(str(lontar.home.path), caller.name, lontar.today().isoformat())
        for column, name in zip(st.columns(len(counts)), counts, strict=True):
            column.metric(t("due_" + name), counts[name])
        registry.RETENTION.nav()
        unprotected = [r for r in lontar.workbench.vital_register(caller) if not r["complete"]]
        if unprotected:
            st.warning(t("vital_home", count=len(unprotected)))
            registry.VITAL.nav()

    if caller.may("letters") and not caller.anonymous:
        inbox.home_counts(lontar, caller)  # one call: the counts of one's work queues

    if caller.may("ppid"):
        queue = lontar.ppid.ppid_queue(caller)
        st.subheader(t("nav_ppid"))
        left, middle, right = st.columns(3)
        left.metric(t("ppid_open"), sum(r["state"] != "decided" for r in queue))
        middle.metric(t("flag_due_soon"), sum(r["flag"] == "due_soon" for r in queue))
        right.metric(t("flag_overdue"), sum(r["flag"] == "overdue" for r in queue))
        registry.PPID_DESK.nav()

    # each list one element, not a page link per record (docs/performance.md, Speed in the
    # browser); the headings stay subheaders: drawn inside the list's HTML block they were
    # slower, not faster, in the browser benchmark
    st.subheader(t("recent_additions"))
    render.hit_lines(summary["recent"], names)
    st.subheader(t("needs_attention"))
    render.hit_lines(summary["flagged"], names)
    if not summary["flagged"]:
        st.success(t("nothing_flagged"))
