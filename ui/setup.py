"""The first start: while no account exists, every page asks for the first administrator.

The form wants the setup token that `lontar serve` printed (and keeps in the data directory),
so whoever reaches the page first cannot make themselves administrator of a fresh server.
"""

from __future__ import annotations

import streamlit as st

from repository.app import Lontar, LontarError
from ui.session import lang, origin, t


def first_administrator(lontar: Lontar) -> None:
    st.title(t("setup_title"))
    st.info(t("setup_intro"))
    with st.form("setup"):
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
            except LontarError as exc:
                st.error(exc.message(lang()))
                st.stop()
            st.session_state["user"] = created
            st.rerun()
    st.stop()
