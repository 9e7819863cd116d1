"""Tata Naskah (Administrator): the letter types (fields and templates, a template previewed
from a sample after it is checked), positions with holders and acting holders (Plt/Plh),
recipient groups, letterheads per unit, and the electronic signature set-up (the Pemda's CA,
enrolling signers)."""

from __future__ import annotations

import streamlit as st

from ui import letters, letters_admin, letters_people, letters_signing, registry
from ui.frame import frame, guard
from ui.session import t

lontar, caller = frame(registry.LETTER_ADMIN)
st.title(t("nav_letter_admin"))
letters.notice()

TABS = (
    ("types", letters_admin.types),
    ("positions", letters_people.positions),
    ("groups", letters_people.groups),
    ("kop", letters_admin.kop),
    ("signing", letters_signing.signing),
)
for place, (_, draw) in zip(
    st.tabs([t("letters_page_admin_" + n) for n, _ in TABS]), TABS, strict=True
):
    with place, guard():
        draw(lontar, caller)
