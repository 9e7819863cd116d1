"""Publikasi Katalog (Administrator, Arsiparis): the nodes published to the public catalogue,
withdrawing one, and publishing a fonds, series or berkas with its ISAD(G) description.
`?id=<record id>` opens the description form of that node (the Arsip page links here)."""

from __future__ import annotations

import streamlit as st

from ui import publication, registry
from ui.frame import frame, guard
from ui.session import t

lontar, caller = frame(registry.PUBLISH)
st.title(t(registry.PUBLISH.label_key))

with guard():
    publication.page(lontar, caller)
