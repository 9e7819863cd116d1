"""The researcher's journey through the public catalogue in a real browser against
`lontar serve` (issue 21): someone with no account finds a published fonds by a word, walks
its tree without a page load, opens a scan in the viewer, pins three records and sees them on
Daftar Pilihan, downloads the fonds' finding aid, copies a citation, and harvests the fonds
over OAI-PMH from the same server, through its resumption tokens. A Terbatas item inside the
fonds and a Biasa record that was never published hold the same word and appear nowhere.

Each step saves a screenshot to docs/screenshots/catalogue-*.png, which docs/ui.md shows.
"""

from __future__ import annotations

import re
import signal
import subprocess
import xml.etree.ElementTree as ET
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader
from streamlit.proto.BackMsg_pb2 import BackMsg

from indexes import writer
from repository.app import ImportOptions, Incoming, Lontar
from repository.core.config import Home
from repository.core.security import ADMIN
from tests.conftest import add, free_port, healthy, make_pdf, make_scan, start_serve, wait_until
from tests.test_browser import page, settle, shot  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WORD = "kartanegaraloka"  # a word no other record of the server holds
FONDS = "Arsip Kantor Walikota Kartanegaraloka"
SERIES = "Surat Keputusan Walikota"
BERKAS = "Keputusan tentang pasar"
ITEM = "Keputusan penataan pasar"
SECOND = "Keputusan tarif retribusi pasar"
SCAN = "Pindaian denah pasar"
HIDDEN = "Keputusan pembebasan tanah"  # class T, inside the published fonds
UNPUBLISHED = "Catatan pasar yang belum dipublikasikan"  # class B, in no published node
SHOPS = 120  # items of a second berkas: more than one OAI-PMH page (oai.LIMIT is 100)
OAI = "{http://www.openarchives.org/OAI/2.0/}"
DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"


def build(home: Home) -> dict[str, str]:
    """The fonds → series → berkas → items, published through the catalogue's service as an
    archivist does, and the index caught up (its hook fills the OAI ledger)."""
    with Lontar(home) as service:
        service.init("ID-T", "Pemerintah Kota Uji")
        service.records.add_unit(ADMIN, "DINKES", "Dinas Kesehatan")
        service.records.add_unit(ADMIN, "DPK", "Dinas Perpustakaan dan Kearsipan")
        service.access.add_account(  # with no account at all the app asks for its first one
            ADMIN, "arsiparis", "arsiparis-uji", {"Arsiparis"}, unit="DPK", clearance="R"
        )
        create = service.ingest.create_container
        fonds = create(ADMIN, "DPK", "fonds", FONDS, date_start="1950-01-01")
        series = create(ADMIN, "DPK", "series", SERIES, into=fonds, date_start="1950-01-01")
        berkas = create(ADMIN, "DPK", "file", BERKAS, into=series, date_start="1972-01-01")
        ids = {"fonds": fonds, "series": series, "berkas": berkas}
        ids |= _items(service, berkas)
        ids["shops"] = create(ADMIN, "DPK", "file", "Izin toko", into=series)
        shops = [Incoming(f"izin-{n}.txt", f"Izin toko nomor {n}".encode()) for n in range(SHOPS)]
        report = service.ingest.import_files(
            ADMIN, shops, ImportOptions(unit="DPK", into=ids["shops"])
        )
        assert len(report.accepted) == SHOPS
        ids["unpublished"] = add(
            service, "catatan.pdf", make_pdf(UNPUBLISHED, f"Catatan pasar {WORD} untuk dinas."),
            unit="DPK", title=UNPUBLISHED,
        )  # fmt: skip
        description = {
            "creator": "Kantor Walikota Uji",
            "extent": f"1 seri, 2 berkas, {SHOPS + 4} item",
            "scope_content": "Surat keputusan walikota tentang pasar dan pertokoan.",
            "access_conditions": "Terbuka untuk umum.",
            "reproduction_conditions": "Salinan boleh diunduh untuk penelitian.",
            "language": "ind",
            "downloads": True,
        }
        service.catalogue.publish(ADMIN, fonds, description)
        writer.drain(service.db, service.store)
    return ids


def _items(service: Lontar, berkas: str) -> dict[str, str]:
    """Two letters (PDF), a scanned plan (an image) and a Terbatas letter with the word."""

    def item(key: str, name: str, data: bytes, title: str, **options) -> tuple[str, str]:
        options = {"unit": "DPK", "into": berkas, "title": title, "date": "1972-03-14", **options}
        return key, add(service, name, data, **options)

    return dict(
        [
            item("item", "penataan.pdf", make_pdf(ITEM, f"Penataan los pasar {WORD}."), ITEM),
            item("second", "retribusi.pdf", make_pdf(SECOND, "Tarif retribusi harian."), SECOND),
            item("scan", "denah.png", make_scan("DENAH PASAR RAKYAT", "SKALA 1:500"), SCAN),
            item("hidden", "tanah.pdf", make_pdf(HIDDEN, f"Tanah {WORD}."), HIDDEN, security="T"),
        ]
    )


@pytest.fixture(scope="module")
def catalogue_server(tmp_path_factory):
    """`lontar serve` over the published fonds; yields (base URL, ids)."""
    home = Home.resolve(tmp_path_factory.mktemp("catalogue") / "home")
    home.ensure()
    ids = build(home)
    port = free_port()
    serve = start_serve(home, port, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until(lambda: healthy(port), 120, "the app")
        yield f"http://127.0.0.1:{port}", ids
    finally:
        serve.send_signal(signal.SIGINT)
        serve.wait(timeout=60)


# -- the journey's steps -------------------------------------------------------------------------
def find_by_word(tab: Page, base: str) -> None:
    """1. The Katalog's search box: the fonds and its one public item holding the word; the
    Terbatas item and the unpublished record with the same word are not there."""
    tab.goto(f"{base}/Katalog")
    settle(tab)
    tab.get_by_label("Cari di katalog", exact=True).fill(WORD)
    tab.get_by_role("button", name="Cari", exact=True).click()
    tab.wait_for_url(re.compile(f"q={WORD}"))
    expect(tab.get_by_text(re.compile(r"^\d+ arsip ditemukan"))).to_have_text("2 arsip ditemukan")
    settle(tab)
    results = tab.locator("[data-testid='stMain'] a[href^='Katalog?id=']:not([href*='saudara'])")
    expect(results).to_have_text([FONDS, ITEM])
    for absent in (HIDDEN, UNPUBLISHED):
        assert tab.get_by_text(absent).count() == 0
    shot(tab, "catalogue-cari")


class Reruns:
    """The script runs the browser asks the app for (Streamlit's BackMsg over the websocket),
    each as the fragment it names ("" for the whole page)."""

    def __init__(self, tab: Page) -> None:
        self.asked: list[str] = []
        tab.on("websocket", lambda socket: socket.on("framesent", self._sent))

    def _sent(self, payload: str | bytes) -> None:
        if isinstance(payload, bytes):
            message = BackMsg.FromString(payload)
            if message.HasField("rerun_script"):
                self.asked.append(message.rerun_script.fragment_id)


def walk_the_tree(tab: Page, reruns: Reruns) -> None:
    """2. Fonds, series, berkas opened one by one in the tree: each click reruns the tree's
    fragment alone (no page load: the script's marker survives; not even the page's script);
    the berkas counts and lists only its public items."""
    tab.evaluate("window.__marker = 1")
    before = len(reruns.asked)
    for name in (rf"{FONDS} \(1\)", rf"{SERIES} \(2\)", rf"{BERKAS} \(3\)"):
        tab.get_by_role("button", name=re.compile(name)).click()
    leaves = tab.locator("[data-testid='stMain'] a[href*='saudara=1']")
    expect(leaves).to_have_text([ITEM, SECOND, SCAN])
    settle(tab)
    assert tab.evaluate("window.__marker") == 1
    tree_runs = reruns.asked[before:]
    assert len(tree_runs) >= 3 and all(tree_runs), tree_runs
    assert tab.get_by_text(HIDDEN).count() == 0
    shot(tab, "catalogue-pohon")


def open_the_scan(tab: Page) -> None:
    """3. The scan's record page shows the image in the viewer, loaded by the browser."""
    tab.locator("[data-testid='stMain'] a[href*='saudara=1']", has_text=SCAN).click()
    tab.get_by_role("heading", name=SCAN).wait_for()
    tab.get_by_text("denah.png · halaman 1").wait_for()
    image = tab.locator("[data-testid='stImage'] img").first
    drawn = "image => image.complete && image.naturalWidth > 0"
    tab.wait_for_function(drawn, arg=image.element_handle())
    settle(tab)
    viewer = tab.get_by_role("heading", name="Objek digital")
    viewer.evaluate("heading => heading.scrollIntoView({block: 'start'})")
    shot(tab, "catalogue-pindaian")


def pin(tab: Page, count: int) -> None:
    tab.get_by_role("button", name="Sematkan ke daftar pilihan").click()
    tab.get_by_role("link", name=f"Daftar pilihan: {count} arsip").wait_for()
    tab.get_by_role("button", name="Lepas dari daftar pilihan").wait_for()
    settle(tab)


def pin_three(tab: Page) -> None:
    """4. The scan, the record before it and the fonds (by the breadcrumb) pinned; Daftar
    Pilihan lists the three, each linked to its page."""
    pin(tab, 1)
    tab.get_by_role("link", name=re.compile(f"Sebelumnya: {SECOND}")).click()
    tab.get_by_role("heading", name=SECOND).wait_for()
    settle(tab)
    pin(tab, 2)
    place = tab.get_by_role("navigation", name="Letak dalam khazanah")
    place.get_by_role("link", name=FONDS).click()
    tab.get_by_role("heading", name=FONDS).wait_for()
    settle(tab)
    pin(tab, 3)
    tab.get_by_role("link", name="Daftar pilihan: 3 arsip").click()
    tab.get_by_role("heading", name="Daftar Pilihan").wait_for()
    expect(tab.get_by_role("list", name="Arsip dalam daftar").get_by_role("link")).to_have_text(
        [SCAN, SECOND, FONDS]
    )
    tab.get_by_text("3 arsip", exact=True).wait_for()
    settle(tab)
    tab.mouse.move(0, 0)  # no hover marks in the picture
    shot(tab, "catalogue-daftar-pilihan")


def finding_aid(tab: Page) -> None:
    """5. From the list to the fonds, and its finding aid: a PDF of the fonds' public tree."""
    tab.get_by_role("list", name="Arsip dalam daftar").get_by_role("link", name=FONDS).click()
    tab.get_by_role("heading", name=FONDS).wait_for()
    settle(tab)
    with tab.expect_download() as download:
        tab.get_by_role("button", name="Inventaris arsip (PDF)").click()
    reader = PdfReader(download.value.path())
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "INVENTARIS ARSIP STATIS" in text
    for title in (FONDS, SERIES, BERKAS, ITEM, SCAN):
        assert title in text
    assert HIDDEN not in text


def copy_citation(tab: Page, fonds: str) -> None:
    """6. The citation box's copy button puts the citation (institution, reference code,
    title, date, permanent URL) on the clipboard."""
    tab.context.grant_permissions(["clipboard-read", "clipboard-write"])
    tab.evaluate("navigator.clipboard.writeText('kosong')")
    box = tab.locator("[data-testid='stCode']").first
    box.scroll_into_view_if_needed()
    box.hover()
    box.get_by_role("button", name="Copy to clipboard").click()
    shown = box.locator("code").inner_text()
    for part in ("Pemerintah Kota Uji", "ID-T/DPK/F1", FONDS, "1950", f"/katalog/{fonds}"):
        assert part in shown
    clipboard = "navigator.clipboard.readText()"
    wait_until(lambda: tab.evaluate(clipboard) == shown, 10, "the citation on the clipboard")
    shot(tab, "catalogue-arsip")


def harvest(tab: Page, base: str, spec: str) -> tuple[dict[str, str], int]:
    """7. ListRecords in oai_dc of one set through every resumption token, as a harvester
    does: {record id: title} and how many pages it took."""
    found: dict[str, str] = {}
    arguments = {"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": spec}
    pages = 0
    while arguments and pages < 20:
        answer = tab.request.get(f"{base}/oai?{urlencode(arguments)}")
        assert answer.ok and answer.headers["content-type"].startswith("text/xml")
        root = ET.fromstring(answer.body())
        assert root.find(f"{OAI}error") is None, answer.text()
        for record in root.iter(f"{OAI}record"):
            header = record.find(f"{OAI}header")
            assert header.get("status") is None  # nothing was withdrawn
            record_id = header.findtext(f"{OAI}identifier").rsplit(":", 1)[1]
            found[record_id] = record.findtext(f".//{DC_TITLE}")
        token = root.findtext(f".//{OAI}resumptionToken")
        arguments = {"verb": "ListRecords", "resumptionToken": token} if token else {}
        pages += 1
    assert not arguments, "the resumption tokens never ended"
    return found, pages


def test_a_researcher_finds_walks_opens_pins_cites_and_harvests(catalogue_server, page):  # noqa: F811
    base, ids = catalogue_server
    sockets: list[str] = []
    page.on("websocket", lambda socket: sockets.append(socket.url))
    reruns = Reruns(page)
    find_by_word(page, base)
    opened = len(sockets)
    walk_the_tree(page, reruns)
    open_the_scan(page)
    pin_three(page)
    assert len(sockets) == opened  # one session from the search to the list: no page load
    assert page.evaluate("window.__marker") == 1
    finding_aid(page)
    copy_citation(page, ids["fonds"])

    found, pages = harvest(page, base, "opd:DPK")
    public = {"fonds", "series", "berkas", "item", "second", "scan", "shops"}
    assert pages > 1  # the resumption tokens were followed
    assert len(found) == len(public) + SHOPS
    assert {ids[key] for key in public} <= set(found)
    assert ids["hidden"] not in found and ids["unpublished"] not in found
    assert found[ids["fonds"]] == FONDS and found[ids["scan"]] == SCAN
