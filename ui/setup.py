"""The first start: while no account exists, every page asks for the first administrator.

The form wants the setup token that `lontar serve` printed (and keeps in the data directory),
so whoever reaches the page first cannot make themselves administrator of a fresh server.
"""

from __future__ import annotations

import streamlit as st

from repository.app import Lontar, LontarError
from ui.session import agent, lang, origin, remember, t


def first_administrator(lontar: Lontar) -> None:
    st.title(t("setup_title"))
    st.info(t("setup_intro"))
    with st.form("setup", enter_to_submit=False):
        token = st.text_input(t("setup_token"), key="setup_token")
        name = st.text_input(t("username"), key="setup_name")
        full_name = st.text_input(t("full_name"), key="setup_full_name")
        password = st.text_input(t("password"), type="password", key="setup_password")
        again = st.text_input(t("password_again"), type="password", key="setup_again")
        if st.form_submit_button(t("setup_create")):
            if password != again:
                st.error(t("passwords_differ"))
                st.stop()
            try:
                created = lontar.access.create_administrator(
                    token, name, password, full_name, origin()
                )
                _, opened = lontar.access.sign_in(created, password, origin(), agent())
            except LontarError as exc:
                st.error(exc.message(lang()))
                st.stop()
            remember(opened.session_id, opened.handoff)
            st.rerun()
    st.stop()
