"""What one browser session says and where it comes from: its language, its words, and the
origin its actions are audited under.

The frame, the first-start form, the page registry and the renderers all need these, so they
live here, below all of them: no module of `ui/` has to import another that imports it back.
"""

from __future__ import annotations

import streamlit as st

from repository.app import DEFAULT_LANGUAGE, translate


def lang() -> str:
    return st.session_state.get("_lang", DEFAULT_LANGUAGE)


def t(key: str, **params: object) -> str:
    return translate(key, lang(), **params)


def labels(prefix: str = "", empty: str = "all", names: dict | None = None):
    """A format_func for choices, with the language fixed now: Streamlit may call it outside
    this script run (AppTest does), where the session's language cannot be read."""
    language = lang()

    def label(value) -> str:
        if not value:
            return translate(empty, language)
        if names is not None:
            return names.get(value, translate(empty, language))
        return translate(prefix + value, language) if prefix else str(value)

    return label


def origin() -> str:
    """Where a request comes from, for the audit trail (behind a proxy: its address)."""
    return f"web:{st.context.ip_address or 'unknown'}"
