"""The PPID journey in a real browser against `lontar serve`: a citizen files a request with
the ID card scan, gets the number and the printable receipt at once, and after the PPID's
decision follows it on the status page and downloads the released document byte for byte."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from indexes.search import SearchRequest
from repository.app import Lontar
from repository.core.security import ADMIN
from tests.conftest import make_scan
from tests.test_browser import page, server, settle, shot  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def fill_request(tab, card: Path) -> None:
    tab.get_by_label("Nama", exact=True).fill("Siti Rahayu")
    tab.get_by_label("NIK", exact=True).fill("3273015208900001")
    tab.get_by_label("Alamat", exact=True).fill("Jl. Merdeka 1, Kota Uji")
    tab.get_by_label("Email", exact=True).fill("siti@contoh.id")
    tab.get_by_label("Informasi yang diminta", exact=True).fill("Pedoman kearsipan terbaru")
    tab.get_by_label("Tujuan penggunaan", exact=True).fill("Penelitian")
    tab.get_by_label("Cara memperoleh informasi", exact=True).click()
    tab.get_by_role("option", name="Salinan elektronik (softcopy)").click()
    tab.keyboard.press("Escape")
    tab.locator("input[type=file]").set_input_files(str(card))
    question = tab.get_by_label(re.compile(r"Pertanyaan pengaman")).first
    label = tab.get_by_text(re.compile(r"berapa \d+ \+ \d+")).first.inner_text()
    a, b = (int(n) for n in re.findall(r"(\d+) \+ (\d+)", label)[0])
    question.fill(str(a + b))


def test_from_request_to_released_document(server, page, tmp_path):  # noqa: F811
    base, home = server
    card = tmp_path / "ktp.png"
    card.write_bytes(make_scan("KARTU TANDA PENDUDUK", "SITI RAHAYU"))
    page.goto(f"{base}/Permohonan_Informasi")
    page.get_by_role("heading", name="Permohonan Informasi").wait_for()
    settle(page)
    fill_request(page, card)
    shot(page, "ppid-permohonan")
    page.get_by_role("button", name="Kirim permohonan").click()
    registered = page.get_by_text(re.compile(r"Permohonan terdaftar dengan nomor"))
    registered.wait_for()
    number = re.search(r"PPID-\d{4}-\d{4}", registered.inner_text()).group(0)
    with page.expect_download() as receipt:  # the tanda bukti, printable at once
        page.get_by_role("button", name="Unduh tanda bukti permohonan (PDF)").click()
    text = " ".join(PdfReader(receipt.value.path()).pages[0].extract_text().split())
    assert "TANDA BUKTI PERMOHONAN INFORMASI PUBLIK" in text and number in text
    assert "Siti Rahayu" in text and "WIB" in text

    with Lontar(home) as service:  # the PPID decides (through ZEO, as the app does)
        service.access.add_account(ADMIN, "ppid.dpk", "ppid-dpk-uji", {"PPID"}, unit="DPK")
        hit = service.records.search(ADMIN, SearchRequest(query="pedoman")).hits[0]
        service.ppid.assign_request(ADMIN, number, "DPK", "ppid.dpk")
        service.ppid.decide_request(
            service.access.caller("ppid.dpk"), number, kind="granted", form="PDF", released=[hit.id]
        )
        original = service.records.original(ADMIN, hit.id)[2]

    page.locator("[data-testid='stMain']").get_by_role("link", name="Status Permohonan").click()
    page.wait_for_url(re.compile(f"nomor={number}"))
    expect(page.get_by_label("Nomor pendaftaran", exact=True)).to_have_value(number)
    settle(page)
    page.get_by_label("Email atau NIK yang dipakai", exact=True).fill("siti@contoh.id")
    page.get_by_role("button", name="Lihat status").click()
    page.get_by_text("Dikabulkan seluruhnya").wait_for()
    shot(page, "ppid-status")
    with page.expect_download() as download:
        page.get_by_role("button", name=re.compile(r"^pedoman", re.IGNORECASE)).click()
    saved = Path(download.value.path()).read_bytes()
    assert hashlib.sha256(saved).hexdigest() == hashlib.sha256(original).hexdigest()
    with page.expect_download() as notice:
        page.get_by_role("button", name="Unduh pemberitahuan tertulis (PDF)").click()
    assert Path(notice.value.path()).read_bytes().startswith(b"%PDF")
