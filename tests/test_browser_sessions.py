"""Sessions in a real browser (Playwright with Debian's Chromium) against `lontar serve`: a
login survives a reload and a new tab, the cookie is `HttpOnly` and `SameSite=Lax`, a logout
in one tab logs the other out at its next click, and the audit trail names the address."""

from __future__ import annotations

import json
import re
import signal
import subprocess

import pytest

from repository.app import Lontar
from repository.core.security import ADMIN
from tests.conftest import add, free_port, healthy, start_serve, wait_until
from tests.test_browser import open_login, settle

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TIMEOUT = 90_000
SECRET_TITLE = "Memo kejadian luar biasa"  # class T: staff of DINKES see it, the public not


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A small repository served by `lontar serve`; yields (base URL, home, record id)."""
    from repository.core.config import Home

    home = Home.resolve(tmp_path_factory.mktemp("sessions") / "home")
    home.ensure()
    with Lontar(home) as service:
        service.init("ID-T", "Pemerintah Kota Uji")
        service.records.add_unit(ADMIN, "DINKES", "Dinas Kesehatan")
        service.access.add_account(
            ADMIN, "siti", "sandi-siti-uji", {"Staf"}, unit="DINKES", clearance="T"
        )
        memo = add(
            service, "memo.txt", b"Memo kejadian luar biasa", security="T", title=SECRET_TITLE
        )
    port = free_port()
    serve = start_serve(home, port, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until(lambda: healthy(port), 120, "the app")
        yield f"http://127.0.0.1:{port}", home, memo
    finally:
        serve.send_signal(signal.SIGINT)
        serve.wait(timeout=60)


def session_cookie(context) -> dict | None:
    return next((c for c in context.cookies() if c["name"] == "lontar_session"), None)


def signed_in(page) -> None:
    page.get_by_text("Masuk sebagai siti").wait_for(timeout=TIMEOUT)


def signed_out(page) -> None:
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_role("switch", name="Masuk", exact=True).wait_for(timeout=TIMEOUT)
    assert page.get_by_text("Masuk sebagai siti").count() == 0


def test_a_login_survives_reload_and_new_tab_and_a_logout_ends_every_tab(server, browser):
    base, home, memo = server
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    first = context.new_page()
    first.set_default_timeout(TIMEOUT)
    first.goto(base)
    open_login(first)
    first.get_by_label("Nama pengguna", exact=True).fill("siti")
    first.get_by_label("Kata sandi", exact=True).fill("sandi-siti-uji")
    first.get_by_role("button", name="Masuk", exact=True).click()
    wait_until(lambda: session_cookie(context) is not None, 60, "the session cookie")
    cookie = session_cookie(context)
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax" and cookie["path"] == "/"
    assert not cookie["secure"]  # plain HTTP on localhost; Secure behind HTTPS
    assert cookie["expires"] > 0  # lasts beyond the browser window: Max-Age is set
    settle(first)  # the hand-off's redirect back to the app has finished loading

    first.reload()  # F5
    settle(first)
    signed_in(first)
    # started through ui/web.py, .streamlit/config.toml still holds: no page list of Streamlit's
    assert first.locator("[data-testid='stSidebarNav']").count() == 0

    second = context.new_page()  # a record opened in a new tab
    second.set_default_timeout(TIMEOUT)
    second.goto(f"{base}/Arsip?id={memo}")
    settle(second)
    signed_in(second)
    second.get_by_text(SECRET_TITLE).first.wait_for()

    first.bring_to_front()
    first.get_by_role("button", name="Keluar", exact=True).click()
    first.wait_for_url(re.compile(re.escape(base) + "/?$"))
    wait_until(lambda: session_cookie(context) is None, 60, "the cookie to be cleared")
    settle(first)
    signed_out(first)

    second.bring_to_front()  # the other tab's next click finds its session ended
    second.get_by_role("link", name="Cari").first.click()
    second.get_by_text("Sesi ini telah diakhiri", exact=False).wait_for()
    signed_out(second)
    second.goto(f"{base}/Arsip?id={memo}")
    settle(second)
    signed_out(second)
    assert second.get_by_text(SECRET_TITLE).count() == 0
    context.close()

    entries = [json.loads(line) for line in (home.path / "audit" / "audit.jsonl").open()]
    mine = [e for e in entries if e["actor"] == "siti"]
    assert [e["action"] for e in mine if e["action"] in ("login", "logout")] == [
        "login",
        "logout",
    ]
    assert {e["origin"] for e in mine} == {"web:127.0.0.1"}  # not web:unknown


def test_a_forged_cookie_opens_nothing(server, browser):
    base, _, memo = server
    context = browser.new_context()
    context.add_cookies(
        [{"name": "lontar_session", "value": "a" * 43 + ".9999999999.forged", "url": base}]
    )
    page = context.new_page()
    page.set_default_timeout(TIMEOUT)
    page.goto(f"{base}/Arsip?id={memo}")
    settle(page)
    signed_out(page)
    context.close()


def test_the_start_route_goes_back_only_to_this_site(server, browser):
    base, _, _ = server
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(TIMEOUT)
    page.goto(f"{base}/api/session/start?token=nothing&next=https://evil.example/")
    page.wait_for_url(re.compile(re.escape(base) + "/?$"))
    assert session_cookie(context) is None  # an unknown token sets no cookie
    context.close()


def test_a_login_token_sent_in_a_link_logs_nobody_in(server, browser):
    """Login CSRF: someone who logs in and sends the token's link to a colleague must not make
    the colleague work as them; the same token still works from the app's own page."""
    base, _, _ = server
    sender, receiver = browser.new_context(), browser.new_context()
    page = sender.new_page()
    page.set_default_timeout(TIMEOUT)
    page.route("**/api/session/start*", lambda route: route.abort())
    page.goto(base)
    open_login(page)
    page.get_by_label("Nama pengguna", exact=True).fill("siti")
    page.get_by_label("Kata sandi", exact=True).fill("sandi-siti-uji")
    with page.expect_request("**/api/session/start*") as caught:
        page.get_by_role("button", name="Masuk", exact=True).click()
    link = caught.value.url
    other = receiver.new_page()
    other.set_default_timeout(TIMEOUT)
    other.goto(link)  # opened from a mail: Sec-Fetch-Site is not same-origin
    assert session_cookie(receiver) is None
    page.unroute("**/api/session/start*")
    page.goto(base)  # the aborted navigation left an error page, not the app's
    page.evaluate("url => window.location.replace(url)", link)  # as the app's page does
    wait_until(lambda: session_cookie(sender) is not None, 60, "the sender's cookie")
    sender.close()
    receiver.close()
