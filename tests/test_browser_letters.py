"""The letters' journey in a real browser against `lontar serve`: a drafter writes a letter to
every OPD (the group "Semua Perangkat Daerah") with two verifiers on Konsep Naskah; the first
and then the second verifier initial it on Naskah Keluar; the head signs it in the signing
dialog with the passphrase; it is sent to every OPD in one click; the QR code's address
(`/v/<id>`) opens Verifikasi Naskah, which shows the number and that the signature is valid.
Each person logs in through the login form in a browser of their own."""

from __future__ import annotations

import re
import signal
import subprocess

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from repository.app import SESSION_COOKIE, Lontar
from repository.core.security import ADMIN
from tests.conftest import free_port, healthy, start_serve, wait_until
from tests.test_browser import TIMEOUT, log_in, page, settle, shot  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PASSPHRASE = "frasa-sandi-kadis-uji"
PEOPLE = {  # account: (password, role, full name)
    "konseptor": ("konseptor-uji", "Staf", "Sari Konseptor"),
    "kabid": ("kabid-uji", "Pejabat", "Bayu Kepala Bidang"),
    "sekdis": ("sekdis-uji", "Pejabat", "Dewi Sekretaris"),
    "kadis": ("kadis-uji", "Pejabat", "Dr. Hadi Kepala Dinas"),
}
HAL = "Undangan rapat koordinasi tata naskah elektronik"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """Four OPDs, Dinas Kesehatan's positions and people, the Pemda's CA with the head
    enrolled, served by `lontar serve`; yields (base URL, home)."""
    from repository.core.config import Home

    home = Home.resolve(tmp_path_factory.mktemp("letters") / "home")
    home.ensure()
    with Lontar(home) as service:
        service.init("ID-T", "Pemerintah Kota Uji")
        for code, name in (
            ("DINKES", "Dinas Kesehatan"),
            ("DPK", "Dinas Perpustakaan"),
            ("DISDIK", "Dinas Pendidikan"),
            ("BAPENDA", "Badan Pendapatan"),
        ):
            service.records.add_unit(ADMIN, code, name)  # fmt: skip
        for name, (password, role, full_name) in PEOPLE.items():
            service.access.add_account(
                ADMIN, name, password, {role}, unit="DINKES", full_name=full_name
            )
        for code, name, holder, parent, rank in (
            ("KADIS", "Kepala Dinas Kesehatan", "kadis", "", 1),
            ("SEKDIS", "Sekretaris Dinas Kesehatan", "sekdis", "KADIS", 2),
            ("KABID", "Kepala Bidang Pelayanan Kesehatan", "kabid", "KADIS", 2),
        ):
            service.letters.save_position(
                ADMIN, code, unit="DINKES", name=name, parent=parent, holder=holder, rank=rank
            )
        service.letters.signing_init(ADMIN)
        service.letters.enrol(ADMIN, "kadis", PASSPHRASE)
    port = free_port()
    serve = start_serve(home, port, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until(lambda: healthy(port), 120, "the app")
        yield f"http://127.0.0.1:{port}", home
    finally:
        serve.send_signal(signal.SIGINT)
        serve.wait(timeout=60)


def as_person(browser, base: str, name: str):
    """A browser of the person's own, logged in through the login form."""
    context = browser.new_context(viewport={"width": 1400, "height": 1100})
    tab = context.new_page()
    tab.set_default_timeout(TIMEOUT)
    log_in(tab, base, name, PEOPLE[name][0])
    # the login's one page load that sets the session cookie must be over before we go on
    wait_until(lambda: any(c["name"] == SESSION_COOKIE for c in context.cookies()), 60, "login")
    tab.wait_for_load_state("networkidle")
    settle(tab)
    return tab


def choose(tab, label: str, option, many: bool = False) -> None:
    """Picks an option of a selectbox or (`many`) a multiselect by the words shown. A click
    on a box that Streamlit has just drawn again may not open its list: then the arrow key
    does. Only a multiselect's list stays open to be closed with Escape (in a selectbox,
    Escape clears the choice)."""
    box = tab.get_by_label(label, exact=True)
    wanted = tab.get_by_role("option", name=option, exact=True)
    box.click()
    for _ in range(5):
        try:
            wanted.click(timeout=3000)
            break
        except PlaywrightTimeout:
            box.press("ArrowDown")
    else:
        raise AssertionError(f"{label}: no option {option!r}")
    if many:
        tab.keyboard.press("Escape")
    settle(tab)


def draft(tab, base: str) -> str:
    tab.goto(f"{base}/Konsep_Naskah")
    tab.get_by_role("heading", name="Konsep Naskah").wait_for()
    settle(tab)
    choose(tab, "Jenis naskah", "Surat Dinas")
    tab.get_by_label("Klasifikasi", exact=True).fill("000.1")
    tab.get_by_label("Hal", exact=True).fill(HAL)
    tab.get_by_label("Isi naskah", exact=True).fill(
        "Dengan hormat,\n\nKami mengundang Saudara pada rapat koordinasi tata naskah dinas."
    )
    settle(tab)
    choose(tab, "Tujuan (Yth.)", "Kelompok: Semua Perangkat Daerah", many=True)
    choose(tab, "Penandatangan", re.compile(r"^Kepala Dinas Kesehatan"))
    choose(tab, "Verifikator (berurutan)", re.compile(r"^Kepala Bidang Pelayanan"), many=True)
    choose(tab, "Verifikator (berurutan)", re.compile(r"^Sekretaris Dinas"), many=True)
    tab.get_by_role("button", name="Pratinjau", exact=True).click()
    preview = tab.locator("[data-testid='stImage'] img").first
    preview.wait_for()
    preview.scroll_into_view_if_needed()
    shot(tab, "konsep-naskah")
    tab.get_by_role("button", name="Simpan dan ajukan", exact=True).click()
    tab.wait_for_url(re.compile(r"/Naskah_Keluar\?id=\w+"))
    tab.get_by_text("Naskah diajukan").wait_for()
    return re.search(r"id=(\w+)", tab.url).group(1)


def initial(browser, base: str, name: str, letter_id: str) -> None:
    tab = as_person(browser, base, name)
    tab.goto(f"{base}/Naskah_Keluar?id={letter_id}")
    tab.get_by_role("heading", name=HAL).wait_for()
    settle(tab)
    tab.get_by_role("button", name="Paraf", exact=True).click()
    tab.get_by_text("Paraf tercatat").wait_for()
    tab.context.close()


def test_draft_two_parafs_sign_send_to_every_opd_and_verify_by_qr(server, browser):
    base, home = server
    author = as_person(browser, base, "konseptor")
    letter_id = draft(author, base)
    author.context.close()
    initial(browser, base, "kabid", letter_id)
    initial(browser, base, "sekdis", letter_id)

    signer = as_person(browser, base, "kadis")
    signer.goto(f"{base}/Naskah_Keluar?id={letter_id}")
    signer.get_by_role("heading", name=HAL).wait_for()
    settle(signer)
    signer.get_by_role("button", name="Tanda tangani", exact=True).click()
    dialog = signer.get_by_role("dialog")
    dialog.get_by_text("bukan tanda tangan elektronik tersertifikasi").wait_for()
    dialog.get_by_label("Frasa sandi", exact=True).fill(PASSPHRASE)
    dialog.get_by_role("button", name="Tanda tangani", exact=True).click()
    signer.get_by_text(re.compile("Naskah ditandatangani dengan nomor")).wait_for()
    settle(signer)
    summary = signer.get_by_text(re.compile("Dengan satu klik naskah sampai kepada"))
    assert "Semua Perangkat Daerah" in summary.inner_text()
    signer.get_by_role("button", name="Kirim", exact=True).click()
    signer.get_by_text(re.compile(r"Naskah dikirim ke 4 kotak masuk")).wait_for()
    shot(signer, "naskah-keluar")
    signer.context.close()

    with Lontar(home) as service:  # through ZEO, as the app does
        view = service.letters.letter(ADMIN, letter_id)
    assert view["state"] == "sent"
    public = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    public.set_default_timeout(TIMEOUT)
    public.goto(f"{base}/v/{view['signed']['verify_id']}")  # the QR code's address
    public.wait_for_url(re.compile(r"/Verifikasi_Naskah\?id="))
    public.get_by_text(view["number"], exact=True).wait_for()
    public.get_by_text("Tanda tangan sah, dokumen utuh").wait_for()
    shot(public, "verifikasi-naskah")
    public.context.close()
