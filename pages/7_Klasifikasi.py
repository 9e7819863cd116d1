"""Klasifikasi (Arsiparis, Administrator): records without a classification code, with ranked
suggestions and the similar records behind each; choose many and classify them at once
(classifying applies the JRA)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import registry, render, schemes
from ui.frame import frame, guard
from ui.session import labels, t

lontar, caller = frame(registry.CLASSIFY)
st.title(t("nav_classify"))
if notice := st.session_state.pop("classify_notice", None):
    st.success(notice)

with guard():
    schemes.loaders(lontar, caller)
    units = lontar.records.unit_codes()
    unit = st.selectbox(t("col_unit"), ["", *units], key="queue_unit", format_func=labels())
    queue = lontar.workbench.classification_queue(caller, unit or None)
    st.metric(t("classify_waiting"), queue.total)
    rows = {hit.id: hit for hit in queue.hits}
    if not rows:
        st.info(t("classify_none"))
        st.stop()
    st.dataframe(
        pd.DataFrame(
            [(h.refcode, h.title, h.date or "-", h.unit) for h in queue.hits],
            columns=[t("reference_code"), t("title"), t("date"), t("col_unit")],
        ),
        hide_index=True,
        key="queue_table",
    )
    chosen = st.multiselect(
        t("classify_choose"),
        list(rows),
        key="queue_chosen",
        format_func=lambda rid: f"{rows[rid].refcode} · {rows[rid].title}",
    )
    codes = lontar.workbench.scheme_codes()
    suggestions = lontar.workbench.suggest_codes(caller, chosen[0]) if chosen else []
    if chosen:
        st.subheader(t("classify_suggestions", title=render.plain(rows[chosen[0]].title)))
        if not suggestions:
            st.caption(t("classify_no_suggestion"))
        for rank, s in enumerate(suggestions, start=1):
            because = ", ".join(render.plain(n["title"]) for n in s["because"])
            st.markdown(
                f"{rank}. **{render.plain(s['code'])}** {render.plain(s['name'])} · "
                f"{t('classify_score')} {s['score']} — {t('classify_because')} {because}"
            )
    ordered = [s["code"] for s in suggestions if s["code"] in codes]
    ordered += [c for c in codes if c not in ordered]
    code = st.selectbox(
        t("classification"),
        ordered,
        key="queue_code",
        format_func=lambda c: f"{c} {codes.get(c, '')}",
        disabled=not chosen,
    )
    if st.button(t("classify_button"), key="queue_classify", disabled=not chosen, type="primary"):
        done = lontar.workbench.classify_many(caller, chosen, code)
        for failure in done["failed"]:
            st.error(f"{failure['id']}: {failure['message']}")
        if done["classified"]:
            st.session_state["classify_notice"] = t(
                "classify_done", count=len(done["classified"]), code=code
            )
            st.session_state.pop("queue_chosen", None)
            st.rerun()
