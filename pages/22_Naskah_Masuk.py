"""Naskah Masuk (everyone who takes part in letters): the buku agenda masuk of a unit and year
(search, Excel and PDF), the form with which a unit's pencatat registers a letter from
outside, and one received letter (`?id=`, so it opens in a new tab too): its facts, its
documents as page images, the disposition chain and its actions, replies and history."""

from __future__ import annotations

import streamlit as st

from ui import incoming, registry
from ui.frame import frame, guard
from ui.session import t

lontar, caller = frame(registry.INCOMING)
st.title(t("nav_incoming"))

with guard():
    incoming_id = incoming.chosen()

if incoming_id:
    with guard():
        incoming.letter(lontar, caller, incoming_id)
else:
    with guard():
        incoming.overview(lontar, caller)
