"""Konsep Naskah (everyone who takes part in letters): a new draft, or the next version of a
draft or returned letter (`?id=`): unit, type, sifat, urgency, classification, hal, body,
recipients and copies by name (and addressees outside the Pemda), the signer and the ordered
verifiers, the berkas to file it in, lampiran; the PDF preview beside the form; save, or save
and submit for paraf."""

from __future__ import annotations

import streamlit as st

from ui import letters_forms, registry
from ui.frame import frame, guard
from ui.session import t

lontar, caller = frame(registry.LETTER_DRAFT)
st.title(t("nav_letter_draft"))

with guard():
    letter_id = st.query_params.get("id")
    view = letters_forms.load(lontar, caller, letter_id)
    if view:
        st.caption(t("letters_page_editing", version=view.get("version", 1)))
    form, preview = st.columns([3, 2])
    with form:
        chosen = letters_forms.fields(lontar, caller)
        files = letters_forms.lampiran()
        letters_forms.buttons(lontar, caller, letter_id, chosen, files)
    with preview:
        st.subheader(t("letters_page_preview"))
        letters_forms.shown_preview()
