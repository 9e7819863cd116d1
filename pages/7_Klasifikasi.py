"""Klasifikasi (Arsiparis, Administrator): the items, berkas and series without a
classification code, with ranked suggestions and the reason behind each in words; choose many
and classify them at once (classifying applies the JRA). After classifying, the count drops
and the next record waiting is chosen."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from repository.app import formatting
from ui import pickers, registry, render, schemes
from ui.frame import frame, guard
from ui.session import lang, t
from ui.text import plain

lontar, caller = frame(registry.CLASSIFY)
st.title(t("nav_classify"))
render.notice("classify_notice")

with guard():
    schemes.loaders(lontar, caller)
    unit = pickers.unit(lontar, caller, t("col_unit"), "queue_unit", permission="edit_records")
    queue = lontar.workbench.classification_queue(caller, unit)
    st.metric(t("classify_waiting"), formatting.number_text(queue.total, lang()))
    rows = {hit.id: hit for hit in queue.hits}
    if not rows:
        st.info(t("classify_none"))
        st.stop()
    st.dataframe(
        pd.DataFrame(
            [
                (h.title, t("level_" + h.level), h.refcode, formatting.date_text(h.date, lang()))
                for h in queue.hits
            ],
            columns=[t("title"), t("classify_level"), t("reference_code"), t("date")],
        ),
        hide_index=True,
        key="queue_table",
    )
    if not [rid for rid in st.session_state.get("queue_chosen", []) if rid in rows]:
        st.session_state["queue_chosen"] = [queue.hits[0].id]  # the next one waiting
    chosen = st.multiselect(
        t("classify_choose"), list(rows), key="queue_chosen", placeholder=t("choose"),
        format_func=lambda rid: f"{rows[rid].title} · {rows[rid].refcode}",
    )  # fmt: skip
    codes = lontar.workbench.scheme_codes()
    suggestions = lontar.workbench.suggest_codes(caller, chosen[0]) if chosen else []
    if chosen:
        st.subheader(t("classify_suggestions", title=plain(rows[chosen[0]].title)))
        if not suggestions:
            st.caption(t("classify_no_suggestion"))
        for rank, s in enumerate(suggestions, start=1):
            words, records = len(s["words"]), s["records"]
            reason = t("classify_reason", words=words, records=records, code=s["code"])
            examples = ", ".join(plain(n["title"]) for n in s["because"])
            st.markdown(
                f"{rank}. **{plain(s['code'])}** {plain(s['name'])} — {plain(reason)}; "
                f"{t('classify_examples')}: {examples}"
            )
    ordered = [s["code"] for s in suggestions if s["code"] in codes]
    ordered += [c for c in codes if c not in ordered]
    code = st.selectbox(
        t("classification"), ordered, key="queue_code", placeholder=t("choose"),
        format_func=lambda c: f"{c} {codes.get(c, '')}", disabled=not chosen,
    )  # fmt: skip
    if st.button(t("classify_button"), key="queue_classify", disabled=not chosen, type="primary"):
        done = lontar.workbench.classify_many(caller, chosen, code)
        for failure in done["failed"]:
            said = t(failure["reason"], **failure["params"])
            st.error(f"{plain(rows[failure['id']].title)}: {said}")
        if done["classified"]:
            st.session_state.pop("queue_chosen", None)
            st.session_state.pop("queue_code", None)
            render.done(
                "classify_notice", t("classify_done", count=len(done["classified"]), code=code)
            )
