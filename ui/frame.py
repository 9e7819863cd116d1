"""The shared frame every page draws first: the language switch, the login box, the
role-aware sidebar drawn from the page registry (ui.registry), the first-start form, the
page's own permission check, and the error guard.

Session state keeps only plain values (the user name, the language), never a connection or a
persistent object. The caller is re-read from the repository on every run, so a removed
account or a changed role takes effect on the next click.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
from collections.abc import Iterator

import streamlit as st

from repository.app import DEFAULT_LANGUAGE, LANGUAGES, Caller, Home, Lontar, LontarError
from ui import registry, visit
from ui.registry import Page
from ui.session import lang, origin, t
from ui.setup import first_administrator
from ui.text import plain

log = logging.getLogger("lontar.ui")

IDLE_MINUTES = float(os.environ.get("LONTAR_IDLE_MINUTES", "30"))
LANGUAGE_NAMES = {"id": "Bahasa Indonesia", "en": "English"}


_opened: list[Lontar] = []


@st.cache_resource
def service() -> Lontar:
    """One service per app process, shared by all sessions (it is thread-safe)."""
    lontar = Lontar(Home.resolve())
    _opened.append(lontar)
    return lontar


def close_services() -> None:
    """Closes the process's service (tests and benchmarks switch repositories)."""
    service.clear()
    while _opened:
        _opened.pop().close()


def _remember_language() -> None:
    st.session_state["_lang"] = st.session_state["lang_choice"]


def _language_switch() -> None:
    if "_lang" not in st.session_state:
        asked = st.query_params.get("lang")
        st.session_state["_lang"] = asked if asked in LANGUAGES else DEFAULT_LANGUAGE
    st.session_state["lang_choice"] = st.session_state["_lang"]
    st.sidebar.selectbox(
        "Bahasa / Language",
        LANGUAGES,
        key="lang_choice",
        format_func=LANGUAGE_NAMES.get,
        on_change=_remember_language,
    )


def _login_box(lontar: Lontar, caller: Caller) -> None:
    box = st.sidebar.container(border=True)
    if not caller.anonymous:
        box.markdown(t("signed_in_as", name=caller.name, roles=", ".join(sorted(caller.roles))))
        if box.button(t("logout"), key="logout"):
            st.session_state.pop("user", None)
            st.rerun()
        _password_form(lontar, caller, box)
        return
    with box.form("login", clear_on_submit=True):
        name = st.text_input(t("username"), key="login_name")
        password = st.text_input(t("password"), type="password", key="login_password")
        if st.form_submit_button(t("login")):
            try:
                st.session_state["user"] = lontar.access.login(name, password, origin()).name
                st.session_state["seen"] = time.monotonic()
            except LontarError as exc:
                st.session_state["login_error"] = exc.key
            else:
                st.session_state.pop("login_error", None)
            st.rerun()
    if st.session_state.get("login_error"):
        box.error(t(st.session_state["login_error"]))


def _password_form(lontar: Lontar, caller: Caller, box) -> None:
    with box.expander(t("change_password")), st.form("password", clear_on_submit=True):
        old = st.text_input(t("password_old"), type="password", key="password_old")
        new = st.text_input(t("password_new"), type="password", key="password_new")
        again = st.text_input(t("password_again"), type="password", key="password_again")
        if st.form_submit_button(t("change_password")):
            if new != again:
                st.error(t("passwords_differ"))
                return
            try:
                lontar.access.change_password(caller, old, new)
            except LontarError as exc:
                st.error(exc.message(lang()))
            else:
                st.success(t("password_changed"))


def _expire_idle_session() -> None:
    """A signed-in session left alone for IDLE_MINUTES is signed out at the next click."""
    now, seen = time.monotonic(), st.session_state.get("seen")
    if st.session_state.get("user") and seen is not None and now - seen > IDLE_MINUTES * 60:
        st.session_state.pop("user", None)
        st.session_state["login_error"] = "session_expired"
    st.session_state["seen"] = now


def _navigation(caller: Caller) -> None:
    for page in registry.PAGES:
        if page.shown_to(caller):
            page.nav(st.sidebar)


def frame(page: Page) -> tuple[Lontar, Caller]:
    """Sets up `page` (its registry entry) and returns the service and the acting caller;
    stops the page with a message when the repository is not ready or the caller may not use
    the page (the permission that also decides whether the sidebar shows it)."""
    st.set_page_config(page_title=f"Lontar · {t(page.label_key)}", page_icon="📜", layout="wide")
    _language_switch()
    try:
        lontar = service()
        _expire_idle_session()
        caller = lontar.access.caller(st.session_state.get("user"), origin())
        info = lontar.records.pemda_info()
    except LontarError as exc:
        st.error(t("not_ready", detail=exc.message(lang())))
        st.stop()
    if info["first_start"]:
        first_administrator(lontar)
    _navigation(caller)
    _login_box(lontar, caller)
    st.sidebar.caption(t("app_title", name=plain(info["name"])))
    if not page.shown_to(caller):
        st.title(t(page.label_key))
        st.warning(t("page_not_allowed"))
        st.stop()
    visit.begin(page.script, caller)
    return lontar, caller


@contextlib.contextmanager
def guard() -> Iterator[None]:
    """Domain errors become a message in the user's language; anything else is logged and
    reported without a traceback, and the page stays usable."""
    try:
        yield
    except LontarError as exc:
        st.error(exc.message(lang()))
    except (OSError, ValueError, RuntimeError) as exc:
        log.exception("page failed")
        st.error(t("unexpected_error", detail=type(exc).__name__))
