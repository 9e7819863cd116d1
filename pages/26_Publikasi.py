"""Placeholder page (OWNED BY HELPER E)."""

from __future__ import annotations

import streamlit as st

from ui import registry
from ui.frame import frame
from ui.session import t

lontar, caller = frame(registry.PUBLISH)
st.title(t(registry.PUBLISH.label_key))
