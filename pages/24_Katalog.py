"""Placeholder page (OWNED BY HELPER C)."""

from __future__ import annotations

import streamlit as st

from ui import registry
from ui.frame import frame
from ui.session import t

lontar, caller = frame(registry.CATALOGUE)
st.title(t(registry.CATALOGUE.label_key))
