"""The shared frame every page draws first: the language switch, the login box, the
role-aware sidebar drawn from the page registry (ui.registry), the first-start form, the
page's own permission check, and the error guard.

Who is logged in comes from a server-side session (repository/records/sessions.py), named by
the browser's `lontar_session` cookie, so a reload, a new tab or a link from an e-mail stays
logged in, and a logout in one tab ends the others at their next click. The login form cannot
set the cookie itself: it opens the session and sends the browser once to `/api/session/start`
(ui/web.py), which sets it. Until then (or where no cookie ever comes, as in AppTest) the
session id this Streamlit session opened is kept in its session state.

Session state keeps only plain values (the session id, the language), never a connection or a
persistent object. The caller is re-read from the repository on every run, so a removed
account or a changed role takes effect on the next click.
"""

from __future__ import annotations

import contextlib
import gc
import json
import logging
import threading
from collections.abc import Iterator

import streamlit as st

from repository.app import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    SESSION_COOKIE,
    Caller,
    Home,
    Lontar,
    LontarError,
)
from ui import registry, render, visit
from ui.registry import Page
from ui.session import CURRENT, SESSION, agent, lang, origin, remember, t
from ui.setup import first_administrator
from ui.text import plain

log = logging.getLogger("lontar.ui")

LANGUAGE_NAMES = {"id": "Bahasa Indonesia", "en": "English"}
LANGUAGE_LABEL = "Bahasa / Language"  # the language links' name, for screen readers
LOGIN_SWITCH = "login_open"


_opened: list[Lontar] = []
_opening = threading.Lock()


def shared() -> Lontar:
    """The process's one service, for the pages and for the HTTP routes of ui/web.py alike
    (a route runs outside any script run, where `st.cache_resource` warns)."""
    with _opening:
        if not _opened:
            _opened.append(Lontar(Home.resolve()))
            threading.Thread(
                target=_warm, args=(_opened[0],), name="index-warm", daemon=True
            ).start()
            # What the process holds for good (modules, the service, its index) is moved out
            # of the garbage collector's way: a full collection over it took 100-200 ms
            # (docs/performance.md, Speed in the browser; .streamlit/config.toml).
            gc.freeze()
        return _opened[0]


def _warm(lontar: Lontar) -> None:
    """The index's read-ahead (`warm`), off the first visitor's way; a failure only costs the
    first search its time, so it is logged, not raised."""
    try:
        lontar.store.warm()
    except (LontarError, OSError) as exc:
        log.warning("index read-ahead failed: %s", exc)


@st.cache_resource
def service() -> Lontar:
    """One service per app process, shared by all sessions (it is thread-safe)."""
    return shared()


def close_services() -> None:
    """Closes the process's service (tests and benchmarks switch repositories)."""
    service.clear()
    with _opening:
        while _opened:
            _opened.pop().close()
    gc.unfreeze()  # what was frozen with it may be collected again


def _language() -> None:
    """The session's language: the one a link asked for (`?lang=en`, the sidebar's language
    links and shared addresses), else the one chosen before, else the default."""
    asked = st.query_params.get("lang")
    if asked in LANGUAGES:
        st.session_state["_lang"] = asked
    st.session_state.setdefault("_lang", DEFAULT_LANGUAGE)


def _languages(current: Page) -> list[render.Link]:
    """This page, as it is shown now, in each language."""
    shown = st.query_params.to_dict()
    return [
        render.Link(current, LANGUAGE_NAMES[code], {**shown, "lang": code}, current=code == lang())
        for code in LANGUAGES
    ]


def _session_ids(lontar: Lontar) -> list[str]:
    """The sessions this run may stand on: the one this Streamlit session opened, then the
    one the browser's cookie names (read when the page was loaded)."""
    cookie = lontar.sessions.session_id_from(st.context.cookies.get(SESSION_COOKIE))
    found = [st.session_state.get(SESSION), cookie]
    return [
        session_id
        for i, session_id in enumerate(found)
        if session_id and session_id not in found[:i]
    ]


def _signed_in(lontar: Lontar) -> tuple[str | None, list[str]]:
    """The user name the run acts for (None: the public) and the session ids it stands on,
    the standing one first (`ui.session.current_session`). A session that ended since the
    last click is said once, with why."""
    ids = _session_ids(lontar)
    told = st.session_state.setdefault("_told", [])
    for session_id in ids:
        resumed = lontar.sessions.resume(session_id)
        if resumed.name:
            st.session_state[CURRENT] = session_id
            return resumed.name, [session_id, *(i for i in ids if i != session_id)]
        if resumed.ended and session_id not in told:
            told.append(session_id)
            st.session_state["login_error"] = resumed.ended
    st.session_state.pop(SESSION, None)
    st.session_state.pop(CURRENT, None)
    return None, []


def _go(path: str, come_back: bool) -> None:
    """Sends the browser to one of the app's own routes (ui/web.py): only a real page load
    can carry a `Set-Cookie`. With `come_back`, the route returns to the page left."""
    back = " + '&next=' + encodeURIComponent(location.pathname + location.search)"
    st.html(
        f"<script>window.location.replace({json.dumps(path)}{back if come_back else ''})</script>",
        unsafe_allow_javascript=True,
    )


def _login_box(lontar: Lontar, caller: Caller, ids: list[str]) -> None:
    box = st.sidebar.container(border=True)
    if not caller.anonymous:
        box.markdown(t("signed_in_as", name=caller.name, roles=", ".join(sorted(caller.roles))))
        if box.button(t("logout"), key="logout"):
            lontar.sessions.logout(caller, ids)
            st.session_state.pop(SESSION, None)
            st.session_state["_leaving"] = True
            st.rerun()
        _password_form(lontar, caller, box, ids[0] if ids else None)
        return
    if st.session_state.get("login_error"):
        st.session_state[LOGIN_SWITCH] = True  # the form stays open under its message
    # Behind a switch: the form's two fields and button cost the browser ~6 ms at every
    # run of every page the public opens (docs/performance.md, Speed in the browser).
    if not box.toggle(t("login"), key=LOGIN_SWITCH):
        return
    with box.form("login", clear_on_submit=True, enter_to_submit=False):
        name = st.text_input(t("username"), key="login_name")
        password = st.text_input(t("password"), type="password", key="login_password")
        if st.form_submit_button(t("login")):
            _sign_in(lontar, name, password)
    if st.session_state.get("login_error"):
        idle, hours = lontar.sessions.timeouts
        box.error(t(st.session_state["login_error"], idle=f"{idle:g}", hours=f"{hours:g}"))


def _sign_in(lontar: Lontar, name: str, password: str) -> None:
    try:
        _, opened = lontar.access.sign_in(name, password, origin(), agent())
    except LontarError as exc:
        st.session_state["login_error"] = exc.key
    else:
        remember(opened.session_id, opened.handoff)
    st.rerun()


def _handoffs() -> None:
    """After a login or a logout, the one page load that sets or clears the cookie."""
    handoff = st.session_state.pop("_handoff", None)
    if handoff:
        _go(f"/api/session/start?token={handoff}", come_back=True)
    if st.session_state.pop("_leaving", None):
        _go("/api/session/end", come_back=False)


def _password_form(lontar: Lontar, caller: Caller, box, current: str | None) -> None:
    """Behind a switch, not in an expander: an expander's form is drawn (hidden) on every
    page, three fields and a button the browser pays for at every click (docs/performance.md,
    Speed in the browser)."""
    if not box.toggle(t("change_password"), key="password_open"):
        return
    with box.form("password", clear_on_submit=True, enter_to_submit=False):
        old = st.text_input(t("password_old"), type="password", key="password_old")
        new = st.text_input(t("password_new"), type="password", key="password_new")
        again = st.text_input(t("password_again"), type="password", key="password_again")
        if st.form_submit_button(t("change_password")):
            if new != again:
                st.error(t("passwords_differ"))
                return
            try:
                lontar.access.change_password(caller, old, new, keep_session=current)
            except LontarError as exc:
                st.error(exc.message(lang()))
            else:
                st.success(t("password_changed"))


def _navigation(caller: Caller, current: Page) -> None:
    """The pages the caller may use, as one element (`ui.render.menu`): fifteen to twenty
    page links were as many elements on every page, and the browser pays for each
    (docs/performance.md, Speed in the browser)."""
    shown = [page for page in registry.PAGES if page.shown_to(caller)]
    render.menu(
        [
            render.Link(page, t(page.label_key), icon=page.icon_name, current=page is current)
            for page in shown
        ],
        _languages(current),
        LANGUAGE_LABEL,
        where=st.sidebar,
    )


def frame(page: Page) -> tuple[Lontar, Caller]:
    """Sets up `page` (its registry entry) and returns the service and the acting caller;
    stops the page with a message when the repository is not ready or the caller may not use
    the page (the permission that also decides whether the sidebar shows it)."""
    st.set_page_config(page_title=f"Lontar · {t(page.label_key)}", page_icon="📜", layout="wide")
    _language()
    try:
        lontar = service()
        name, ids = _signed_in(lontar)
        caller = lontar.access.caller(name, origin())
        info = lontar.records.pemda_info()
    except LontarError as exc:
        st.error(t("not_ready", detail=exc.message(lang())))
        st.stop()  # asks the runner to stop at its next yield point
        raise  # where nothing stops the script (a session shutting down), never draw on
    if info["first_start"]:
        render.menu([], _languages(page), LANGUAGE_LABEL, where=st.sidebar)
        first_administrator(lontar)
    _handoffs()
    render.styles()
    _navigation(caller, page)
    _login_box(lontar, caller, ids)
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
