"""The main journeys in a real browser: Playwright driving Debian's Chromium against
`lontar serve` (ZEO, worker and Streamlit as separate processes).

Each journey saves screenshots to docs/screenshots/, which the docs show.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import signal
import subprocess
from pathlib import Path
from urllib.parse import quote_plus

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from repository.app import Lontar
from repository.core.security import ADMIN
from tests.conftest import PROJECT, add, free_port, healthy, make_pdf, start_serve, wait_until

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SHOTS = PROJECT / "docs" / "screenshots"
WORD = "zamrudkatulistiwa"  # a word no other record holds
TIMEOUT = 90_000


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A small repository served by `lontar serve`; yields (base URL, home)."""
    from repository.core.config import Home

    home = Home.resolve(tmp_path_factory.mktemp("browser") / "home")
    home.ensure()
    with Lontar(home) as service:
        service.init("ID-T", "Pemerintah Kota Uji")
        service.records.add_unit(ADMIN, "DINKES", "Dinas Kesehatan")
        service.records.add_unit(ADMIN, "DPK", "Dinas Perpustakaan dan Kearsipan")
        add(service, "pedoman.pdf", make_pdf("Pedoman", "Pedoman kearsipan."), unit="DPK")
        service.access.add_account(
            ADMIN, "pencatat", "pencatat-uji", {"Pencatat"}, unit="DINKES", clearance="T"
        )
        service.access.add_account(
            ADMIN, "pustakawan", "pustakawan-uji", {"Staf"}, unit="DPK", clearance="T"
        )
        memo = make_pdf("Memo", "Memo penanganan wabah kolera, terbatas untuk dinas.")
        add(service, "memo.pdf", memo, unit="DINKES", security="T", title="Memo wabah")
    port = free_port()
    serve = start_serve(home, port, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until(lambda: healthy(port), 120, "the app")
        yield f"http://127.0.0.1:{port}", home
    finally:
        serve.send_signal(signal.SIGINT)
        serve.wait(timeout=60)


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT)
    yield page
    context.close()


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.wait_for_timeout(500)  # let charts and images finish drawing
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def settle(page) -> None:
    """Wait until Streamlit has finished the current run."""
    page.wait_for_load_state("networkidle")
    page.locator("[data-testid='stStatusWidget']").wait_for(state="detached", timeout=TIMEOUT)


def open_login(page, word: str = "Masuk") -> None:
    """Turns on the sidebar's login switch (the form is behind it); forced: its label lies
    over the input, and a click on the label is what turns it."""
    page.get_by_test_id("stSidebar").get_by_role("switch", name=word, exact=True).check(force=True)


def log_in(page, base: str, user: str, password: str) -> None:
    page.goto(base)
    open_login(page)
    page.get_by_label("Nama pengguna", exact=True).fill(user)
    page.get_by_label("Kata sandi", exact=True).fill(password)
    page.get_by_role("button", name="Masuk", exact=True).click()
    page.get_by_text(f"Masuk sebagai {user}").wait_for()


def search(page, words: str) -> None:
    """Types the words on the Cari page and waits until they are in its URL. A field filled
    while Streamlit is still drawing the page can be drawn again empty, so it is typed again
    until the search has really run."""
    page.get_by_role("link", name="Cari").first.click()
    page.wait_for_url(re.compile(r"/Cari"))
    for _ in range(3):
        settle(page)
        page.get_by_label("Cari arsip", exact=True).fill(words)
        page.get_by_role("button", name="Cari", exact=True).click()
        try:
            page.wait_for_url(re.compile("q=" + re.escape(quote_plus(words))), timeout=10_000)
        except PlaywrightTimeout:
            continue
        settle(page)
        return
    raise AssertionError(f"the search for {words!r} never ran")


def expect_count(page, count: int) -> None:
    """Waits for the result count line to say `count` records (the line of the page's
    previous run can still be there a moment after the URL changed)."""
    line = page.get_by_text(re.compile(r"^\d+ arsip ditemukan"))
    expect(line).to_have_text(f"{count} arsip ditemukan", timeout=TIMEOUT)
    settle(page)


def test_upload_find_open_download_browse_and_deep_link(server, page, browser, tmp_path):
    base, _ = server
    pdf = make_pdf("Laporan zamrud", f"Laporan kegiatan {WORD} di puskesmas.")
    source = tmp_path / "laporan-zamrud.pdf"
    source.write_bytes(pdf)

    log_in(page, base, "pencatat", "pencatat-uji")
    page.get_by_role("link", name="Unggah").click()
    page.locator("input[type=file]").set_input_files(str(source))
    page.get_by_label("Judul", exact=True).fill("Laporan zamrud")
    page.get_by_role("button", name="Unggah", exact=True).click()
    page.get_by_text("1 diterima, 0 duplikat, 0 ditandai, 0 ditolak").wait_for()
    shot(page, "unggah")

    search(page, WORD)
    expect_count(page, 1)
    page.locator("mark", has_text=WORD).first.wait_for()  # hits render after the count
    shot(page, "cari")
    search_url = page.url
    assert f"q={WORD}" in search_url
    with page.expect_download() as exported:  # a link to the route, with the session cookie
        page.get_by_role("link", name="Unduh CSV", exact=True).click()
    assert exported.value.suggested_filename == "lontar-cari.csv"
    rows = list(csv.DictReader(io.StringIO(Path(exported.value.path()).read_text("utf-8-sig"))))
    assert [row["Judul"] for row in rows] == ["Laporan zamrud"]

    page.get_by_role("link", name="Laporan zamrud").click()
    page.get_by_role("heading", name="Laporan zamrud").wait_for()
    record_url = page.url
    assert re.search(r"/Arsip\?id=\w+", record_url)
    page.get_by_text("Riwayat perubahan").wait_for()
    page.locator("[data-testid='stImage'] img").first.wait_for()
    shot(page, "arsip")
    with page.expect_download() as download:
        page.get_by_role("link", name="Unduh asli", exact=True).click()
    saved = download.value.path()
    assert hashlib.sha256(Path(saved).read_bytes()).hexdigest() == hashlib.sha256(pdf).hexdigest()

    page.get_by_role("link", name="Jelajah").first.click()
    page.get_by_role("link", name=re.compile(r"^DINKES — Dinas Kesehatan \(2\)")).click()
    page.get_by_role("link", name=re.compile("Laporan zamrud")).click()
    page.get_by_role("heading", name="Laporan zamrud").wait_for()
    assert page.url == record_url
    shot(page, "jelajah-arsip")

    fresh = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    fresh.set_default_timeout(TIMEOUT)
    fresh.goto(record_url)  # a new session: not logged in, the record is public (class B)
    fresh.get_by_role("heading", name="Laporan zamrud").wait_for()
    fresh.goto(search_url)
    fresh.get_by_text("1 arsip ditemukan").wait_for()
    shot(fresh, "tautan-langsung")
    fresh.context.close()


def test_language_switch_and_browse_tree(server, page):
    base, _ = server
    page.goto(f"{base}/Jelajah")
    page.get_by_role("link", name=re.compile(r"^DPK — Dinas Perpustakaan")).wait_for()
    shot(page, "jelajah")
    page.get_by_test_id("stSidebar").get_by_role("link", name="English").click()
    page.get_by_role("heading", name="Browse").wait_for()
    page.get_by_role("link", name="Search").click()
    page.get_by_label("Search records", exact=True).fill("pedoman")
    page.get_by_role("button", name="Search", exact=True).click()
    page.get_by_text("1 records found").wait_for()
    shot(page, "search-english")


def test_links_drawn_as_one_block_move_within_the_app(server, page):
    """The sidebar and the pages' lists of links are plain anchors in one HTML block each
    (ui.render.links), which a small script turns into Streamlit's own page move: a click
    keeps the websocket (no page load; the login and the session's state stay), the address
    is the registry's, and Back returns to the list."""
    base, _ = server
    sockets: list[str] = []
    page.on("websocket", lambda socket: sockets.append(socket.url))
    log_in(page, base, "pencatat", "pencatat-uji")
    settle(page)
    opened = len(sockets)
    page.get_by_test_id("stSidebar").get_by_role("link", name="Jelajah", exact=True).click()
    page.get_by_role("link", name=re.compile(r"^DINKES — Dinas Kesehatan")).click()
    page.get_by_role("link", name=re.compile("Memo wabah")).click()
    page.get_by_role("heading", name="Memo wabah").wait_for()  # class T: only when logged in
    assert re.search(r"/Arsip\?id=\w+", page.url)
    assert len(sockets) == opened  # the same session all along: no page was loaded
    page.go_back()
    page.get_by_role("link", name=re.compile("Memo wabah")).wait_for()
    assert "/Jelajah?node=" in page.url and len(sockets) == opened
    page.get_by_text("Masuk sebagai pencatat").wait_for()


def test_a_restricted_page_by_url_says_so(server, page):
    base, _ = server
    page.goto(f"{base}/Unggah")
    page.get_by_text("Peran Anda tidak mengizinkan halaman ini").wait_for()
    assert page.locator("input[type=file]").count() == 0
    page.goto(f"{base}/Arsip?id=tidakada")
    page.get_by_text("tidak ditemukan").wait_for()
    assert page.get_by_text("Traceback").count() == 0


def test_two_opds_see_only_what_each_may(server, browser):
    """Staff of DINKES find their unit's class T memo; staff of DPK, in another browser
    context, find nothing, and its direct link tells them nothing either."""
    base, _ = server
    contexts = [browser.new_context(viewport={"width": 1400, "height": 1000}) for _ in range(2)]
    try:
        dinkes, dpk = (context.new_page() for context in contexts)
        for page in (dinkes, dpk):
            page.set_default_timeout(TIMEOUT)
        log_in(dinkes, base, "pencatat", "pencatat-uji")
        search(dinkes, "kolera")
        expect_count(dinkes, 1)
        dinkes.get_by_role("link", name="Memo wabah").first.click()
        dinkes.get_by_role("heading", name="Memo wabah").wait_for()
        memo_url = dinkes.url
        shot(dinkes, "dua-opd-dinkes")

        log_in(dpk, base, "pustakawan", "pustakawan-uji")
        search(dpk, "kolera")
        expect_count(dpk, 0)
        assert dpk.get_by_text("Memo wabah").count() == 0
        shot(dpk, "dua-opd-dpk")
        dpk.goto(memo_url)  # a new session: the link alone opens nothing
        dpk.get_by_text("tidak ditemukan").wait_for()
        assert dpk.get_by_text("kolera").count() == 0
    finally:
        for context in contexts:
            context.close()
