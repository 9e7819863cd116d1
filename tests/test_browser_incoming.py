"""The incoming letters' journey in a real browser against `lontar serve` on the demo
repository: the Kepala Dinas Kesehatan sends a letter to every OPD (the group "Semua Perangkat
Daerah"); it is registered at once in each OPD's agenda masuk (Bappeda's pencatat sees it in
Bappeda's, and Dinas Pendidikan's has it too); a Kepala Bidang of Bappeda cannot open it yet;
the Kepala Bappeda finds it in Kotak Masuk and disposes it to his two Kepala Bidang; one
closes her part with a note, the other starts a reply (a draft in reply to it); the Dasbor
counts the letter registered and the two dispositions, one of them closed.
Each person logs in through the login form in a browser of their own."""

from __future__ import annotations

import csv
import io
import re
import signal
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import expect

from repository.app import SESSION_COOKIE, Lontar
from repository.core import clock, formatting
from repository.core.security import ADMIN
from repository.demo.builder import DEMO_ACCOUNTS, build_demo
from repository.demo.letters import ALL_OPD, _dinkes, _sign, _verify
from tests.conftest import free_port, healthy, start_serve, wait_until
from tests.test_browser import TIMEOUT, log_in, settle, shot
from tests.test_browser_letters import choose

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PASSWORDS = {name: password for name, password, *_ in DEMO_ACCOUNTS}
HAL = "Undangan penyusunan rencana kerja perangkat daerah"
CLOSING = "Sudah dibahas; usulan bidang perekonomian dikirim ke Sekretariat."
KABID = {
    "kabid.ekonomi": "Kepala Bidang Perekonomian dan SDA",
    "kabid.infra": "Kepala Bidang Infrastruktur dan Kewilayahan",
}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The demo repository (few records) and a letter of the Dinas Kesehatan to every OPD,
    initialled and signed, waiting to be sent; yields (base URL, home, letter id)."""
    from repository.core.config import Home

    home = Home.resolve(tmp_path_factory.mktemp("incoming") / "home")
    home.ensure()
    with Lontar(home) as service:
        build_demo(service, records=8)
        letter_id = _dinkes(
            service, HAL, "penyusunan rencana kerja tahun depan", recipients=[f"group:{ALL_OPD}"]
        )
        _verify(service, letter_id)
        _sign(service, letter_id, "kadinkes")
    port = free_port()
    serve = start_serve(home, port, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until(lambda: healthy(port), 120, "the app")
        yield f"http://127.0.0.1:{port}", home, letter_id
    finally:
        serve.send_signal(signal.SIGINT)
        serve.wait(timeout=60)


def as_person(browser, base: str, name: str):
    """A browser of the person's own, logged in through the login form."""
    context = browser.new_context(viewport={"width": 1400, "height": 1100}, accept_downloads=True)
    tab = context.new_page()
    tab.set_default_timeout(TIMEOUT)
    log_in(tab, base, name, PASSWORDS[name])
    wait_until(lambda: any(c["name"] == SESSION_COOKIE for c in context.cookies()), 60, "login")
    tab.wait_for_load_state("networkidle")
    settle(tab)
    return tab


def send(browser, base: str, letter_id: str) -> None:
    """The Kepala Dinas sends the signed letter in one click."""
    tab = as_person(browser, base, "kadinkes")
    tab.goto(f"{base}/Naskah_Keluar?id={letter_id}")
    tab.get_by_role("heading", name=HAL).wait_for()
    settle(tab)
    tab.get_by_role("button", name="Kirim", exact=True).click()
    tab.get_by_text(re.compile(r"Naskah dikirim ke \d+ kotak masuk")).wait_for()
    tab.context.close()


def received(home, unit: str) -> dict:
    """The agenda masuk line of the letter in the unit (read through ZEO, as the app does)."""
    with Lontar(home) as service:
        rows = service.letters.agenda_register(ADMIN, unit, clock.today().year, HAL)
    (row,) = rows
    return row


def cell(tab, text: str):
    """A cell of a table (st.dataframe draws on a canvas; its cells are in the grid's
    accessible table, which is in the page but not visible)."""
    found = tab.locator("[data-testid='stDataFrame'] td[role='gridcell']", has_text=text)
    found.first.wait_for(state="attached")
    return found.first


def metric(tab, label: str):
    """The value of the metric with exactly this label."""
    box = tab.locator("[data-testid='stMetric']", has=tab.get_by_text(label, exact=True))
    return box.locator("[data-testid='stMetricValue']")


def agenda(browser, base: str, agenda_number: str) -> None:
    """Bappeda's pencatat finds the letter in Bappeda's buku agenda under its number."""
    tab = as_person(browser, base, "pencatat.bappeda")
    tab.goto(f"{base}/Naskah_Masuk")
    tab.get_by_role("tab", name="Buku agenda").wait_for()
    settle(tab)
    assert cell(tab, agenda_number).text_content() == agenda_number
    cell(tab, HAL)
    shot(tab, "naskah-masuk-agenda")
    tab.context.close()


def not_found(tab, base: str, incoming_id: str) -> None:
    tab.goto(f"{base}/Naskah_Masuk?id={incoming_id}")
    tab.get_by_text("Naskah masuk tidak ditemukan.").wait_for()
    assert tab.get_by_role("heading", name=HAL).count() == 0


def inbox(browser, base: str):
    """The Kepala Bappeda's Kotak Masuk lists the letter among the unread; his tab stays
    open for the disposition."""
    tab = as_person(browser, base, "kabappeda")
    tab.goto(f"{base}/Kotak_Masuk")
    expect(metric(tab, "Naskah masuk belum dibaca")).to_have_text("2")  # and the Sekda's
    cell(tab, HAL)
    shot(tab, "kotak-masuk")
    return tab


def dispose(tab) -> None:
    """The Kepala Bappeda disposes the letter to his two Kepala Bidang."""
    for name in KABID.values():
        choose(tab, "Kepada jabatan", re.compile("^" + re.escape(name)), many=True)
    choose(tab, "Instruksi", "Untuk ditindaklanjuti", many=True)
    tab.get_by_label("Catatan", exact=True).fill("Bahas dengan bidang masing-masing.")
    tab.get_by_role("button", name="Kirim disposisi", exact=True).click()
    tab.get_by_text("Disposisi dikirim kepada 2 jabatan.").wait_for()
    settle(tab)
    shot(tab, "disposisi")


def reply(browser, base: str, incoming_id: str) -> str:
    """The Kepala Bidang Infrastruktur starts a reply from his disposition: the drafting page
    opens on the new draft, and the letter's page lists it. Returns the draft's id."""
    tab = as_person(browser, base, "kabid.infra")
    tab.goto(f"{base}/Naskah_Masuk?id={incoming_id}")
    tab.get_by_role("heading", name=HAL).wait_for()
    settle(tab)
    tab.get_by_role("button", name="Buat konsep balasan", exact=True).first.click()
    tab.wait_for_url(re.compile(r"/Konsep_Naskah\?id=\w+"))
    draft_id = re.search(r"id=(\w+)", tab.url).group(1)
    tab.goto(f"{base}/Naskah_Masuk?id={incoming_id}")
    tab.get_by_role("link", name=re.compile(re.escape(HAL))).wait_for()
    tab.context.close()
    return draft_id


def dashboard(browser, base: str) -> dict:
    """The administrator's Dasbor for Bappeda this month: the letters in on the page, and
    the month's line of its table as the CSV the page offers."""
    tab = as_person(browser, base, "admin")
    tab.goto(f"{base}/Dasbor")
    tab.get_by_label("Cakupan", exact=True).wait_for()
    settle(tab)
    choose(tab, "Cakupan", re.compile(r"Badan Perencanaan Pembangunan Daerah$"))
    month = clock.today().strftime("%Y-%m")
    choose(tab, "Periode", formatting.date_text(f"{month}-01", "id", style="LLLL y"))
    expect(metric(tab, "Naskah masuk")).to_have_text("2")  # the Sekda's circular and ours
    shot(tab, "dasbor")
    with tab.expect_download() as download:
        tab.get_by_role("button", name="Unduh CSV", exact=True).first.click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    tab.context.close()
    (line,) = [r for r in csv.DictReader(io.StringIO(text)) if r["Bulan"] == month]
    return line


def test_sent_to_every_opd_registered_disposed_closed_replied_and_counted(server, browser):
    base, home, letter_id = server
    send(browser, base, letter_id)
    bappeda, disdik = received(home, "BAPPEDA"), received(home, "DISDIK")
    assert (bappeda["state"], disdik["state"]) == ("registered", "registered")
    assert bappeda["agenda"].endswith(f"/BAPPEDA/{clock.today().year}")
    agenda(browser, base, bappeda["agenda"])
    ekonomi = as_person(browser, base, "kabid.ekonomi")
    not_found(ekonomi, base, bappeda["id"])  # not disposed to her yet

    head = inbox(browser, base)
    head.goto(f"{base}/Naskah_Masuk?id={bappeda['id']}")
    head.get_by_role("heading", name=HAL).wait_for()
    settle(head)
    dispose(head)
    head.context.close()

    ekonomi.goto(f"{base}/Naskah_Masuk?id={bappeda['id']}")  # now she may open it
    ekonomi.get_by_role("heading", name=HAL).wait_for()
    settle(ekonomi)
    ekonomi.get_by_label("Catatan tindak lanjut (wajib)", exact=True).fill(CLOSING)
    ekonomi.get_by_role("button", name="Selesaikan disposisi", exact=True).click()
    ekonomi.get_by_text("Disposisi diselesaikan.").wait_for()
    ekonomi.get_by_text(f"Tindak lanjut: {CLOSING}").wait_for()
    ekonomi.context.close()

    draft_id = reply(browser, base, bappeda["id"])
    with Lontar(home) as service:
        kabid = service.access.caller("kabid.infra", "uji")
        assert service.letters.letter(kabid, draft_id)["in_reply_to"] == bappeda["id"]
        found = service.letters.incoming(kabid, bappeda["id"])
    assert [r["id"] for r in found["replies"]] == [draft_id]
    states = sorted(d["state"] for d in found["dispositions"])
    assert states == ["closed", "read"]  # the Kabid Infrastruktur read it and replied

    counted = dashboard(browser, base)
    assert counted["Naskah masuk"] == "2"
    assert (counted["Disposisi diberikan"], counted["Disposisi selesai"]) == ("2", "1")
