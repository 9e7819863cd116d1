"""Sesi aktif (everyone logged in): where the account is logged in now, with when each
session started, when it was last active, from which address and browser; end one, or all
but this one. Ending a session logs that browser out at its next click."""

from __future__ import annotations

import streamlit as st

from repository.app import formatting
from ui import registry
from ui.frame import frame, guard
from ui.session import current_session, lang, t
from ui.text import plain

lontar, caller = frame(registry.SESSIONS)
st.title(t("nav_sessions"))
idle, hours = lontar.sessions.timeouts
st.caption(t("sessions_intro", idle=f"{idle:g}", hours=f"{hours:g}"))
if notice := st.session_state.pop("sessions_notice", None):
    st.success(notice)


def when(moment) -> str:
    return formatting.datetime_text(moment, lang(), "medium")


def session_box(row: dict) -> None:
    """One session; the one this page runs under is marked and cannot be ended here (that
    is what *Keluar* is for)."""
    with st.container(border=True):
        left, right = st.columns([5, 1])
        browser = plain(row["agent"]) or t("session_browser_unknown")
        this_one = f" · :green-badge[{t('session_this_one')}]" if row["current"] else ""
        left.markdown(f"**{browser}**{this_one}")
        left.caption(
            f"{t('session_started')}: {when(row['created'])} · "
            f"{t('session_last_seen')}: {when(row['last_seen'])} · "
            f"{t('session_address')}: {plain(row['address'])}"
        )
        if not row["current"] and right.button(t("session_end"), key=f"end_{row['ref']}"):
            lontar.sessions.end(caller, row["ref"])
            st.session_state["sessions_notice"] = t("session_ended")
            st.rerun()


with guard():
    current = current_session()
    rows = lontar.sessions.listed(caller, current)
    for row in rows:
        session_box(row)
    if any(not row["current"] for row in rows):
        if st.button(t("sessions_end_others"), key="end_others", type="primary"):
            count = lontar.sessions.end_others(caller, current)
            st.session_state["sessions_notice"] = t("sessions_ended_others", count=count)
            st.rerun()
    else:
        st.info(t("sessions_none_other"))
