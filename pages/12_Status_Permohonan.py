"""Status Permohonan (public): a requester follows their request with its number and the email
or NIK they filed it with; sees its stage and due date, the decision, downloads the notice and
what was released, and files an objection (Pasal 35) while the law allows. `?nomor=` fills in
the number."""

from __future__ import annotations

import streamlit as st

from ui import ppid
from ui.frame import frame, guard, t

lontar, caller = frame("nav_request_status")
st.title(t("nav_request_status"))
if notice := st.session_state.pop("status_notice", None):
    st.success(notice)

with st.form("status_lookup"):
    number = st.text_input(t("status_number"), st.query_params.get("nomor", ""), key="st_number")
    secret = st.text_input(t("status_secret"), type="password", key="st_secret")
    if st.form_submit_button(t("status_open"), key="st_open"):
        st.session_state["status_of"] = (number.strip(), secret.strip())

if "status_of" in st.session_state:
    with guard():
        ppid.status(lontar, *st.session_state["status_of"])
