"""Placeholder page (OWNED BY HELPER D)."""

from __future__ import annotations

import streamlit as st

from ui import registry
from ui.frame import frame
from ui.session import t

lontar, caller = frame(registry.SELECTION)
st.title(t(registry.SELECTION.label_key))
