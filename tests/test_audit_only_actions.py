"""The audit trail records what people did, not what pages drew.

Every page of the registry is rendered, then rerun twice, for an administrator, an archivist,
a PPID officer and the public, on a repository where every page has something to show
(destruction, transfer and hand-over lists with their PDFs, a decided PPID request with its
notice, the annual report, the DIP). The rule tested:

- opening a page writes only the entries that opening it *is*: on the record page `viewed`
  (opening a record, by URL or link, is reading it), on the search page `searched` (a search
  in the URL is run), on the audit page `audit_read` (opening the trail reads it); each once,
  and nothing on any other page;
- a rerun without new input (the same page drawn again) writes nothing, so a record opened
  once is viewed once, however often the page reruns;
- files are built, and their building audited (`exported`, `downloaded`), only when a download
  is clicked: every download button a page draws on view builds its file lazily;
- a requester's look-up (`ppid_status`) is a click on *Lihat status*, not opening the page.
"""

from __future__ import annotations

import datetime as dt
import json
import os

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from repository.core.config import Home
from repository.core.security import ADMIN
from tests.conftest import JRA, PASSWORDS, PROJECT, SCHEME_V1, item
from tests.test_admin_pages import repository
from tests.test_pages import button, login
from tests.test_ppid_pages import filed
from ui import registry

ON = dt.date(2030, 1, 1)
ACCOUNTS = (None, "kepala", "arsiparis", "ppid")  # the public, Administrator, Arsiparis, PPID
REREADS = 2


def trail() -> list[dict]:
    """The audit file as written (reading it through the service would itself be audited)."""
    path = Home.resolve(os.environ["LONTAR_HOME"]).path / "audit" / "audit.jsonl"
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


@pytest.fixture
def busy(site):
    """`site` with something on every page: lists due for disposal with their documents,
    a PPID officer, a decided request that released the public guide, a DIP entry."""
    with repository() as service:
        service.workbench.load_scheme(ADMIN, SCHEME_V1, "78/2012")
        service.workbench.load_jra(ADMIN, JRA)
        for record, start in ((site["public"], "2010-01-01"), (site["letter"], "2027-01-01")):
            service.records.update_record(ADMIN, record, {"date_start": start})
            service.workbench.classify(ADMIN, record, "000.5")
        permanent = item(service, "Perda retribusi 2001", "100.3", "2001-01-01", unit="DPK")
        service.workbench.retention_event(ADMIN, permanent, "dicabut", "2005-01-01")
        service.disposal.propose_destruction(ADMIN, "DPK", on=ON)
        service.disposal.propose_transfer(ADMIN, "DPK", "DINKES", on=ON)
        service.disposal.propose_transfer(ADMIN, "DPK", "DINKES", on=ON, kind="handover")
        service.access.add_account(ADMIN, "ppid", "ppid-uji-1", {"PPID"}, clearance="T")
        number = filed(service)
        service.ppid.assign_request(ADMIN, number, "DPK", "ppid")
        service.ppid.decide_request(
            ADMIN, number, kind="granted", form="PDF", released=[site["public"]]
        )
        entry = {"summary": "Pedoman pengarsipan", "category": "setiap_saat", "unit": "DPK"}
        service.ppid.save_dip(ADMIN, {**entry, "record_ids": [site["public"]]})
        service.index.catch_up()
    PASSWORDS["ppid"] = "ppid-uji-1"
    params = {
        registry.RECORD: {"id": site["public"]},
        registry.SEARCH: {"q": "pengarsipan"},
        registry.REQUEST_STATUS: {"nomor": number},
        registry.PPID_DESK: {"nomor": number},
    }
    return {**site, "number": number, "params": params}


def on_view(page: registry.Page, user: str | None, busy: dict) -> list[tuple[str, str]]:
    """The entries opening `page` writes: the reads that are actions (see the module)."""
    if page is registry.RECORD:
        return [("viewed", busy["public"])]
    if page is registry.SEARCH:
        return [("searched", "")]
    if page is registry.AUDIT and user == "kepala":
        return [("audit_read", "")]
    return []


def session(user: str | None) -> AppTest:
    app = AppTest.from_file(str(PROJECT / "streamlit_app.py"), default_timeout=90)
    app.run()
    if user:
        login(app, user)
    assert not app.exception
    return app


def show(app: AppTest, page: registry.Page, params: dict[str, str]) -> AppTest:
    """Goes to `page` the way a sidebar link does, with the page's URL parameters."""
    app.switch_page(page.script)
    app.query_params.clear()
    app.query_params.update(params)
    return app.run()


def eager_downloads(app: AppTest) -> list[str]:
    """Download buttons whose file was built while the page was drawn."""
    return [b.proto.label for b in app.get("download_button") if not b.proto.deferred_file_id]


def entries(found: list[dict]) -> list[tuple[str, str]]:
    return [(e["action"], e["target"]) for e in found]


@pytest.mark.parametrize("user", ACCOUNTS, ids=[u or "public" for u in ACCOUNTS])
def test_pages_audit_only_what_opening_them_is(busy, user):
    app = session(user)
    problems = []
    for page in registry.PAGES:
        before = len(trail())
        show(app, page, busy["params"].get(page, {}))
        assert not app.exception, (page.script, app.exception[0].message)
        opened = entries(trail()[before:])
        if opened != on_view(page, user, busy):
            problems.append(f"{page.script} opened: {opened}")
        if eager := eager_downloads(app):
            problems.append(f"{page.script} built files while drawn: {eager}")
        after_opening = len(trail())
        for _ in range(REREADS):
            app.run()
            assert not app.exception, (page.script, app.exception[0].message)
        if rerun := entries(trail()[after_opening:]):
            problems.append(f"{page.script} rerun: {rerun}")
    assert not problems, "\n".join(problems)


@pytest.fixture
def builders(monkeypatch) -> dict[str, object]:
    """The file builders download buttons hand to Streamlit, by the id the button carries
    (AppTest drops its media manager after each run, so they are caught on their way in)."""
    caught: dict[str, object] = {}
    register = MediaFileManager.add_deferred

    def add_deferred(self, data_callable, *args, **kwargs) -> str:
        file_id = register(self, data_callable, *args, **kwargs)
        caught[file_id] = data_callable
        return file_id

    monkeypatch.setattr(MediaFileManager, "add_deferred", add_deferred)
    return caught


def click_download(app: AppTest, builders: dict, label: str) -> bytes:
    """What the browser does on a click: the server runs the button's builder."""
    button = next(b for b in app.get("download_button") if b.proto.label == label)
    data = builders[button.proto.deferred_file_id]()
    assert isinstance(data, bytes) and data, label
    return data


def test_a_click_builds_the_file_and_is_audited_once(busy, builders):
    """The documents are drawn (as lazy buttons, so the test above sees what it should) and
    a click builds one and writes its one entry."""
    app = session("kepala")
    show(app, registry.DISPOSAL, {})
    assert [b.proto.label for b in app.get("download_button")] == [
        "Berita acara (PDF)",
        "DAUM (PDF)",
        "Berita acara (PDF)",
        "Pernyataan keaslian (PDF)",
    ]
    before = len(trail())
    assert click_download(app, builders, "DAUM (PDF)").startswith(b"%PDF")
    assert [(e["action"], e["detail"]["document"]) for e in trail()[before:]] == [
        ("exported", "daum")
    ]
    show(app, registry.PPID_DESK, {"nomor": busy["number"]})
    before = len(trail())
    assert click_download(app, builders, "Pemberitahuan tertulis (PDF)").startswith(b"%PDF")
    assert entries(trail()[before:]) == [("exported", busy["number"])]
    show(app, registry.PPID_REGISTERS, {})
    before = len(trail())
    assert click_download(app, builders, "Unduh laporan (PDF)").startswith(b"%PDF")
    click_download(app, builders, "Unduh CSV")  # the register as shown: not an audited export
    (report,) = trail()[before:]
    assert report["action"] == "exported" and report["target"].startswith("ppid-report-")


def test_a_record_is_viewed_once_per_opening_and_a_search_once_per_click(busy):
    app = session("arsiparis")
    before = len(trail())
    show(app, registry.RECORD, {"id": busy["public"]})
    for _ in range(REREADS):
        app.run()
    show(app, registry.SEARCH, {"q": "pedoman"})
    button(app, "Cari").click().run()  # a click searches again, though for the same words
    show(app, registry.RECORD, {"id": busy["public"]})  # back to the record: opened again
    assert entries(trail()[before:]) == [
        ("viewed", busy["public"]),
        ("searched", ""),
        ("searched", ""),
        ("viewed", busy["public"]),
    ]
    assert {e["actor"] for e in trail()[before:]} == {"arsiparis"}


def test_a_requester_looks_up_by_a_click_and_downloads_nothing_unasked(busy, builders):
    app = session(None)
    before = len(trail())
    show(app, registry.REQUEST_STATUS, {"nomor": busy["number"]})
    assert trail()[before:] == []  # the page with the number filled in: no look-up yet
    app.text_input(key="st_secret").input("siti@contoh.id")
    next(b for b in app.button if b.key == "st_open").click().run()
    assert not app.exception and not app.error
    labels = [b.proto.label for b in app.get("download_button")]
    assert "Unduh pemberitahuan tertulis (PDF)" in labels
    assert any(label.startswith("Pedoman pengarsipan") for label in labels)
    assert not eager_downloads(app)
    for _ in range(REREADS):
        app.run()
    assert app.table[0].value is not None  # the request is still shown, from the click
    assert entries(trail()[before:]) == [("ppid_status", busy["number"])]
    released = next(label for label in labels if label.startswith("Pedoman pengarsipan"))
    assert click_download(app, builders, released).startswith(b"%PDF")
    assert entries(trail()[before:])[1:] == [("downloaded", busy["public"])]
