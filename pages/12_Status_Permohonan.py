"""Status Permohonan (public): a requester follows their request with its number and the email
or NIK they filed it with; sees its stage and due date, the decision ("belum diputus" until
there is one), downloads the receipt, the notice and what was released, and files an objection
(Pasal 35) while the law allows. `?nomor=` fills in the number. Each *Lihat status* is one
look-up (audited); the page shows it until the requester leaves, and the documents are built
when a download is clicked. A miss empties the email/NIK field."""

from __future__ import annotations

import streamlit as st

from ui import ppid, registry
from ui.frame import frame, guard
from ui.session import t

lontar, caller = frame(registry.REQUEST_STATUS)
st.title(t("nav_request_status"))
if notice := st.session_state.pop("status_notice", None):
    st.success(notice)
if failed := st.session_state.pop("status_failed", None):
    st.error(failed)

ppid.clear_pending()
with st.form("status_lookup", enter_to_submit=False):
    number = st.text_input(t("status_number"), st.query_params.get("nomor", ""), key="st_number")
    secret = st.text_input(t("status_secret"), type="password", key="st_secret")
    opened = st.form_submit_button(t("status_open"), key="st_open")

with guard():
    if opened:
        ppid.look_up(lontar, number.strip(), secret.strip(), "status_failed")
    ppid.status(lontar)
