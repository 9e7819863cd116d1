"""Jejak audit (administrators and auditors): the trail filtered by who, what, which record
and when, its activity per day and action, its hash-chain check, and a CSV export (itself
audited). Actions and details read as words (`ui/audit.py`), moments in the Pemda's zone."""

from __future__ import annotations

import streamlit as st

from ui import audit, registry, visit
from ui.frame import frame, guard
from ui.session import t

lontar, caller = frame(registry.AUDIT)
st.title(t("nav_audit"))

form_area = st.container()  # the filters, drawn above once the trail read tells its actions
state = st.session_state
if state.get("audit_go"):
    visit.forget("audit")  # a click reads the trail again, even with the same filters
actions, since, until = (
    state.get("audit_action", []),
    state.get("audit_since"),
    state.get("audit_until"),
)
# The service compares the Pemda's days, so an entry made at 06.00 WIB counts on its own day.
filters = {
    "actor": state.get("audit_actor", ""),
    "action": actions[0] if len(actions) == 1 else "",
    "target": state.get("audit_target", ""),
    "since": audit.day_filter(since),
    "until": audit.day_filter(until),
}
filters = {k: v for k, v in filters.items() if v}

with guard():
    # Reading the trail is itself audited (`audit_read`): once per visit and filters.
    entries = visit.once("audit", filters, lambda: lontar.access.audit_entries(caller, **filters))
    # The actions some feature names, and any other the trail holds (offered raw).
    state["audit_seen"] = sorted({*state.get("audit_seen", ()), *(e["action"] for e in entries)})
    with form_area:
        audit.filters_form(state["audit_seen"])
    entries = [e for e in entries if not actions or e["action"] in actions]  # exact actions
    st.subheader(t("audit_count", total=len(entries)))
    if chart := audit.chart(entries):
        st.caption(t("audit_per_day"))
        st.altair_chart(chart, width="stretch", key="audit_chart")
    titles = lontar.records.titles(caller, [e.get("target") for e in entries])
    st.dataframe(audit.rows(entries, titles), hide_index=True, key="audit_table")
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
            st.dataframe(audit.problems(verdict.problems), hide_index=True, key="audit_problems")
        else:
            st.success(t("audit_intact", count=verdict.count, head=verdict.head.get("hash", "")))
