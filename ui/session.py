"""What one browser session says and where it comes from: its language, its words, and the
origin its actions are audited under.

The frame, the first-start form, the page registry and the renderers all need these, so they
live here, below all of them: no module of `ui/` has to import another that imports it back.
"""

from __future__ import annotations

import streamlit as st

from repository.app import DEFAULT_LANGUAGE, client_address, translate, trusted_proxies


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


SESSION = "_session"  # the session id this Streamlit session opened at its login
CURRENT = "_current_session"  # the session this run stands on (ui/frame.py sets it)


def current_session() -> str | None:
    """The id of the session the page acts under (Sesi aktif marks it, and keeps it)."""
    return st.session_state.get(CURRENT)


def remember(session_id: str, handoff: str) -> None:
    """Keeps a session just opened (the login form, the first administrator): its id for
    this Streamlit session, and its one-time token for the page load that sets the cookie."""
    st.session_state[SESSION] = session_id
    st.session_state["_handoff"] = handoff
    st.session_state.pop("login_error", None)


def agent() -> str:
    """The browser's User-Agent (the session keeps only a short form of it)."""
    return st.context.headers.get("User-Agent", "")


def client() -> str:
    """The browser's address. Streamlit gives no address for a browser on the server itself
    (it says None), so a connection that sent headers but no address is 127.0.0.1; behind a
    trusted proxy (`$LONTAR_TRUSTED_PROXIES`) it is the one the proxy saw (`client_address`)."""
    headers = st.context.headers
    peer = st.context.ip_address or ("127.0.0.1" if len(headers) else None)
    return client_address(peer, headers.get("X-Forwarded-For"), trusted_proxies())


def origin() -> str:
    """Where a request comes from, for the audit trail: `web:<address>`."""
    return "web:" + client()
