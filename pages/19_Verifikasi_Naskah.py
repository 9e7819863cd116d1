"""Verifikasi Naskah (everyone, no account needed): the page the QR code on a signed letter
opens (`/v/<id>` sends the browser here with `?id=`; the id is opaque, no metadata in the
URL). It shows the letter's number, date, hal, type, unit, signer and position, signing time,
SHA-256 and the signature check; a classified letter only that it exists and its hash.
Anyone can upload a copy to compare. An unknown id says only that no letter was found."""

from __future__ import annotations

import streamlit as st

from ui import letters_verify, registry
from ui.frame import frame, guard
from ui.session import t

lontar, caller = frame(registry.LETTER_VERIFY)
st.title(t("nav_letter_verify"))
st.caption(t("letters_page_verify_intro"))

opaque_id = st.query_params.get("id")
if opaque_id:
    with guard():
        letters_verify.letter(lontar, opaque_id)
with guard():
    letters_verify.compare(lontar)
