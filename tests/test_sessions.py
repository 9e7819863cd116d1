"""Server-side sessions (repository/records/sessions.py) on a real FileStorage: opened with the
login, exchanged once for a signed cookie, ended by idleness, age, logout, their owner, a
password change or a disabled account; the client address behind a trusted proxy only; and
nothing secret in the audit trail."""

from __future__ import annotations

import datetime as dt
import json
import stat

import pytest

from repository.core import clock
from repository.core.config import (
    came_over_https,
    client_address,
    trusted_proxies,
)
from repository.core.db import reading
from repository.core.errors import AuditUnavailable, InvalidInput, LoginFailed
from repository.core.security import ADMIN
from repository.records import access, sessions
from tests.test_audit_views import trail_of, unwritable_trail
from ui import registry
from ui.web import safe_next

PASSWORD = "sandi-siti-uji"
START = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)
AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> dt.datetime:
        return self.now

    def wait(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


@pytest.fixture
def moving(service, monkeypatch):
    monkeypatch.setattr(access.time, "sleep", lambda _: None)  # failed logins: no slow-down
    service.access.add_account(ADMIN, "siti", PASSWORD, {"Staf"}, unit="DPK")
    ticking = Clock()
    clock.set_source(ticking)
    yield service, ticking
    clock.set_source(None)


def signed_in(service, origin: str = "web:203.0.113.9") -> tuple[str, str]:
    """Logs siti in as the web app does; returns (the page's session id, the handoff)."""
    caller, opened = service.access.sign_in("siti", PASSWORD, origin, AGENT)
    assert caller.name == "siti"
    return opened.session_id, opened.handoff


def browser_login(service) -> str:
    """The login and the route's exchange: the session id the browser's cookie carries."""
    _, handoff = signed_in(service)
    cookie = service.sessions.exchange(handoff)
    assert cookie is not None
    session_id = service.sessions.session_id_from(cookie.value)
    assert session_id is not None
    return session_id


def who(service, session_id: str | None) -> str | None:
    return service.sessions.resume(session_id).name


def trail(service) -> list[dict]:
    return [json.loads(line) for line in trail_of(service).read_text().splitlines()]


# -- opening and the handoff -----------------------------------------------------------------
def test_a_login_opens_a_session_the_cookie_carries_under_a_new_id(moving):
    service, _ = moving
    page_id, handoff = signed_in(service)
    assert who(service, page_id) == "siti"  # the page's own id works before the cookie comes
    cookie = service.sessions.exchange(handoff)
    assert cookie is not None and cookie.max_age == 12 * 3600
    browser_id = service.sessions.session_id_from(cookie.value)
    assert browser_id and browser_id != page_id  # rotated at the exchange
    assert who(service, browser_id) == "siti"
    assert who(service, page_id) is None
    with reading(service.db) as root:
        keys = list(root["lontar"].sessions.keys())
    assert keys == [sessions.key_of(browser_id)]  # stored under its hash, never the id
    assert browser_id not in keys


def test_the_handoff_token_is_used_once_and_only_for_a_minute(moving):
    service, ticking = moving
    _, handoff = signed_in(service)
    assert service.sessions.exchange(handoff) is not None
    assert service.sessions.exchange(handoff) is None  # used
    _, late = signed_in(service)
    ticking.wait(seconds=sessions.HANDOFF_SECONDS + 1)
    assert service.sessions.exchange(late) is None  # too old
    _, guessed = signed_in(service)
    key, _, _ = guessed.partition(".")
    assert service.sessions.exchange(f"{key}.not-the-token") is None
    assert service.sessions.exchange(guessed) is None  # a wrong try uses the token up
    assert service.sessions.exchange("") is None and service.sessions.exchange("x") is None


def other(text: str) -> str:
    """`text` with its last character changed (to a different one, whatever it was)."""
    return text[:-1] + ("B" if text.endswith("A") else "A")


def test_a_cookie_altered_or_past_its_expiry_is_refused(moving):
    service, ticking = moving
    session_id = browser_login(service)
    cookie = service.sessions.cookie_for(session_id, clock.utcnow() + dt.timedelta(hours=1))
    assert service.sessions.session_id_from(cookie.value) == session_id
    sid, stamp, signature = cookie.value.split(".")
    later = str(int(stamp) + 86400)
    for forged in (
        f"{sid}.{later}.{signature}",  # stretched
        f"{other(sid)}.{stamp}.{signature}",  # another id
        f"{sid}.{stamp}.{other(signature)}",  # another signature
        f"{sid}.{stamp}",
        "",
        None,
        "a.b.c",
    ):
        assert service.sessions.session_id_from(forged) is None, forged
    ticking.wait(hours=1, seconds=1)
    assert service.sessions.session_id_from(cookie.value) is None


def test_the_signing_secret_is_private_and_stable(moving):
    service, _ = moving
    browser_login(service)
    path = service.home.session_key_file
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert sessions.load_secret(path) == service.sessions.secret  # read back, not remade


# -- how sessions end ----------------------------------------------------------------------
def test_an_idle_session_ends_and_activity_keeps_it(moving, monkeypatch):
    service, ticking = moving
    session_id = browser_login(service)
    for _ in range(5):  # active every 20 minutes for 100 minutes: still standing
        ticking.wait(minutes=20)
        assert who(service, session_id) == "siti"
    ticking.wait(minutes=31)
    resumed = service.sessions.resume(session_id)
    assert resumed.name is None and resumed.ended == "session_expired"


def test_seen_is_written_at_most_once_a_minute(moving):
    service, ticking = moving
    session_id = browser_login(service)

    def last_seen() -> dt.datetime:
        with reading(service.db) as root:
            return root["lontar"].sessions[sessions.key_of(session_id)].last_seen

    ticking.wait(seconds=30)
    who(service, session_id)
    assert last_seen() == START  # no commit for a click within the minute
    ticking.wait(seconds=31)
    who(service, session_id)
    assert last_seen() == START + dt.timedelta(seconds=61)


def test_a_session_ends_at_its_absolute_expiry_however_active(moving, monkeypatch):
    monkeypatch.setenv("LONTAR_SESSION_HOURS", "2")
    service, ticking = moving
    session_id = browser_login(service)
    for _ in range(7):
        ticking.wait(minutes=17)
        assert who(service, session_id) == "siti"
    ticking.wait(minutes=2)
    assert service.sessions.resume(session_id).ended == "session_over"


def test_logout_ends_the_session_for_every_tab(moving):
    service, _ = moving
    session_id = browser_login(service)
    caller = service.access.caller("siti", "web:203.0.113.9")
    service.sessions.logout(caller, [session_id])
    assert service.sessions.resume(session_id).ended == "session_revoked"
    assert trail(service)[-1]["action"] == "logout"
    assert trail(service)[-1]["origin"] == "web:203.0.113.9"


def test_a_password_change_ends_the_other_sessions_but_this_one(moving):
    service, _ = moving
    here, laptop, phone = browser_login(service), browser_login(service), browser_login(service)
    caller = service.access.caller("siti")
    service.access.change_password(caller, PASSWORD, "sandi-siti-baru", keep_session=here)
    assert who(service, here) == "siti"
    assert who(service, laptop) is None and who(service, phone) is None
    actions = [(e["action"], e["detail"]) for e in trail(service)[-2:]]
    assert actions == [("password_changed", {}), ("sessions_revoked", {"count": 2})]


def test_a_reset_or_a_disabled_account_ends_every_session(moving):
    service, _ = moving
    first = browser_login(service)
    service.access.set_password(ADMIN, "siti", PASSWORD)
    assert who(service, first) is None
    assert trail(service)[-1]["action"] == "sessions_revoked"
    second = browser_login(service)
    service.access.set_disabled(ADMIN, "siti", True)
    assert service.sessions.resume(second).ended == "session_revoked"
    with pytest.raises(LoginFailed):
        service.access.sign_in("siti", PASSWORD, "web:203.0.113.9", AGENT)


def test_sessions_are_listed_to_their_owner_who_ends_one_or_all_others(moving):
    service, ticking = moving
    here = browser_login(service)
    ticking.wait(minutes=1)
    other = browser_login(service)
    ticking.wait(minutes=1)
    third = browser_login(service)
    caller = service.access.caller("siti", "web:203.0.113.9")
    listed = service.sessions.listed(caller, here)
    assert [row["current"] for row in listed] == [False, False, True]  # newest first
    assert {row["agent"] for row in listed} == {"Chrome 131 · Linux"}
    assert {row["address"] for row in listed} == {"203.0.113.9"}
    assert service.sessions.listed(ADMIN, None) == []  # only one's own
    with pytest.raises(InvalidInput):
        service.sessions.end(ADMIN, listed[0]["ref"])  # not the administrator's session
    service.sessions.end(caller, listed[0]["ref"])
    assert who(service, third) is None and who(service, other) == "siti"
    assert trail(service)[-1]["action"] == "session_ended"
    assert service.sessions.end_others(caller, here) == 1
    assert who(service, other) is None and who(service, here) == "siti"
    assert [row["current"] for row in service.sessions.listed(caller, here)] == [True]


def test_sessions_past_their_expiry_are_pruned_at_the_next_login(moving):
    service, ticking = moving
    browser_login(service)
    ticking.wait(hours=13)
    browser_login(service)
    with reading(service.db) as root:
        assert len(root["lontar"].sessions) == 1


def test_no_session_without_its_login_entry(moving):
    service, _ = moving
    with unwritable_trail(service), pytest.raises(AuditUnavailable):
        service.access.sign_in("siti", PASSWORD, "web:203.0.113.9", AGENT)
    with reading(service.db) as root:
        assert not root["lontar"].sessions


def test_nothing_secret_reaches_the_audit_trail(moving):
    service, _ = moving
    page_id, handoff = signed_in(service)
    cookie = service.sessions.exchange(handoff)
    browser_id = service.sessions.session_id_from(cookie.value)
    caller = service.access.caller("siti", "web:203.0.113.9")
    service.access.change_password(caller, PASSWORD, "sandi-siti-baru", keep_session=browser_id)
    service.sessions.end_others(caller, browser_id)
    service.sessions.logout(caller, [browser_id])
    text = trail_of(service).read_text()
    secret = service.home.session_key_file.read_text().strip()
    for value in (page_id, browser_id, handoff, handoff.partition(".")[2], cookie.value, secret):
        assert value not in text
    for session_id in (page_id, browser_id):
        assert sessions.key_of(session_id) not in text
    assert {"login", "password_changed", "logout"} <= {e["action"] for e in trail(service)}


# -- where a request comes from --------------------------------------------------------------
PROXY = trusted_proxies("10.0.0.2, 127.0.0.1")


@pytest.mark.parametrize(
    ("peer", "forwarded", "trusted", "expected"),
    [
        ("203.0.113.9", None, (), "203.0.113.9"),
        ("203.0.113.9", "198.51.100.1", (), "203.0.113.9"),  # no proxy trusted: not believed
        ("203.0.113.9", "198.51.100.1", PROXY, "203.0.113.9"),  # not from the proxy
        ("10.0.0.2", "198.51.100.1", PROXY, "198.51.100.1"),
        ("10.0.0.2", "6.6.6.6, 198.51.100.1", PROXY, "198.51.100.1"),  # the client's own lie
        ("10.0.0.2", "198.51.100.1, 10.0.0.2", PROXY, "198.51.100.1"),  # proxies in a row
        ("::1", "198.51.100.1", PROXY, "198.51.100.1"),  # loopback is one address
        ("127.0.0.1", None, (), "127.0.0.1"),
        ("::1", None, (), "127.0.0.1"),
        ("10.0.0.2", "not-an-address", PROXY, "10.0.0.2"),
        ("10.0.0.2", "", PROXY, "10.0.0.2"),
        (None, "198.51.100.1", PROXY, "unknown"),
    ],
)
def test_the_client_address_comes_from_a_trusted_proxy_only(peer, forwarded, trusted, expected):
    assert client_address(peer, forwarded, trusted) == expected


def test_trusted_proxies_are_checked_and_networks_allowed(monkeypatch):
    monkeypatch.setenv("LONTAR_TRUSTED_PROXIES", "10.0.0.0/8, ::1")
    assert client_address("10.9.8.7", "198.51.100.1", trusted_proxies()) == "198.51.100.1"
    monkeypatch.setenv("LONTAR_TRUSTED_PROXIES", "proksi.local")
    with pytest.raises(ValueError):
        trusted_proxies()


def test_https_is_believed_from_the_connection_or_a_trusted_proxy():
    assert came_over_https("https", "203.0.113.9", None, ())
    assert came_over_https("http", "10.0.0.2", "https", PROXY)
    assert not came_over_https("http", "203.0.113.9", "https", PROXY)
    assert not came_over_https("http", "10.0.0.2", "http", PROXY)


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        ("/Arsip?id=abcd2345", "/Arsip?id=abcd2345"),
        ("/", "/"),
        (None, "/"),
        ("", "/"),
        ("https://evil.example/", "/"),
        ("//evil.example/", "/"),
        ("/\\evil.example", "/"),
        ("javascript:alert(1)", "/"),
        ("Arsip", "/"),
        ("/Cari?q=a\r\nSet-Cookie: x=1", "/"),
    ],
)
def test_the_way_back_after_a_login_stays_on_this_site(asked, expected):
    assert safe_next(asked) == expected


def test_short_agent_names_browser_and_system():
    assert sessions.short_agent(AGENT) == "Chrome 131 · Linux"
    firefox = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"
    assert sessions.short_agent(firefox) == "Firefox 133 · Windows"
    assert sessions.short_agent("curl/8.5") == ""
    assert len(sessions.short_agent("Chrome/1" + "1" * 500 + " Linux")) <= sessions.AGENT_CHARS


# -- the pages (AppTest: no cookies there, so each AppTest is one browser tab) -----------------
def test_sesi_aktif_lists_the_users_sessions_and_ends_another(site):
    from tests.test_pages import links, open_page

    laptop = open_page(user="pencatat")
    phone = open_page(user="pencatat")
    here = open_page(registry.SESSIONS.script, user="pencatat")
    assert "Sesi aktif" in links(here, where=here.sidebar)
    assert len(here.get("container")) >= 3 and "sesi ini" in page_text(here)
    ends = [b for b in here.button if b.label == "Akhiri"]
    assert len(ends) == 2  # not this session's own
    ends[0].click().run()
    assert here.success and "diakhiri" in here.success[0].value
    here.button(key="end_others").click().run()
    assert "1 sesi lain diakhiri" in here.success[0].value
    for tab in (laptop, phone):
        tab.run()
        assert "Masuk sebagai" not in page_text(tab)
        assert "diakhiri" in tab.sidebar.error[0].value  # says why, once
    here.run()
    assert "Masuk sebagai" in page_text(here) and "Tidak ada sesi lain" in here.info[0].value


def test_the_public_gets_no_sessions_page(site):
    from tests.test_pages import links, open_page

    public = open_page(registry.SESSIONS.script)
    assert public.warning and "tidak mengizinkan" in public.warning[0].value
    assert not [b for b in public.button if b.label == "Akhiri"]
    assert "Sesi aktif" not in links(public, where=public.sidebar)
    assert "Cari" in links(public, where=public.sidebar)  # the check sees the sidebar


def test_logout_ends_the_session_on_the_server(site):
    """Two AppTests are two browsers (no shared cookie): the one logged out is gone from the
    other's list; the browser journey shows tabs sharing a cookie logged out together."""
    from tests.test_pages import open_page

    first = open_page(user="arsiparis")
    other = open_page(registry.SESSIONS.script, user="arsiparis")
    assert len([b for b in other.button if b.label == "Akhiri"]) == 1
    first.sidebar.button(key="logout").click().run()
    assert "Masuk sebagai" not in page_text(first)
    assert first.get("html")  # the page load that clears the cookie
    other.run()
    assert not [b for b in other.button if b.label == "Akhiri"]
    assert "Masuk sebagai" in page_text(other)


def page_text(app) -> str:
    parts = [str(e.value) for kind in ("markdown", "caption", "title") for e in app.get(kind)]
    return "\n".join(parts)
