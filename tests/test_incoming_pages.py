"""Naskah Masuk through AppTest, on a real repository: the pencatat's buku agenda (a line per
agenda number, search), registering a letter from outside through the form (a PDF uploaded,
the agenda number said), the letters waiting to be registered with their one-click button,
one letter opened by its addressee (facts, its document as page images, history) and by
someone outside its chain (not found), and a Staf without registers sent to the inbox."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from repository.app import Lontar
from repository.core import clock
from repository.core.config import Home
from repository.core.security import ADMIN
from tests.conftest import PASSWORDS, make_pdf
from tests.test_pages import open_page, text_of
from ui import registry
from ui.frame import close_services

PAGE = registry.INCOMING.script
YEAR = clock.today().year
PEOPLE = {  # account: (role, unit, full name)
    "agendaris": ("Pencatat", "DINKES", "Ani Agendaris"),
    "kadis": ("Pejabat", "DINKES", "Dr. Hadi Kepala Dinas"),
    "staf": ("Staf", "DINKES", "Sari Staf"),
}


@pytest.fixture
def office(service, monkeypatch):
    """Dinas Kesehatan with its head, its pencatat and a staff member; one letter from
    outside already registered."""
    for name, (role, unit, full_name) in PEOPLE.items():
        password = f"{name}-uji-sandi"
        service.access.add_account(
            ADMIN, name, password, {role}, unit=unit, full_name=full_name, clearance="T"
        )
        PASSWORDS[name] = password
    service.letters.save_position(
        ADMIN, "KADIS", unit="DINKES", name="Kepala Dinas Kesehatan", holder="kadis", rank=1
    )
    service.access.add_account(ADMIN, "kepala", "kepala-uji-sandi", {"Administrator"})
    PASSWORDS["kepala"] = "kepala-uji-sandi"
    made = service.letters.register_external(
        service.access.caller("agendaris"),
        "DINKES",
        {"sender": "Direktur RSUD Kota Uji", "their_number": "445/1/RSUD", "hal": "Data kasus"},
        [("rsud.pdf", make_pdf("Permohonan data kasus", "Mohon data kasus demam berdarah"))],
    )
    service.close()
    monkeypatch.setenv("LONTAR_HOME", str(service.home.path))
    close_services()
    yield made
    close_services()


def repository() -> Lontar:
    close_services()
    return Lontar(Home.resolve())


def agenda_table(app: AppTest):
    return next(frame.value for frame in app.dataframe if "Nomor agenda" in frame.value.columns)


def test_the_pencatat_sees_the_buku_agenda(office):
    app = open_page(PAGE, user="agendaris")
    assert not app.error, [e.value for e in app.error]
    assert [tab.label for tab in app.tabs][:3] == [
        "Buku agenda",
        "Catat naskah masuk",
        "Menunggu dicatat",
    ]
    table = agenda_table(app)
    assert list(table["Nomor agenda"]) == [f"0001/DINKES/{YEAR}"]
    assert list(table["Pengirim"]) == ["Direktur RSUD Kota Uji"]
    app.text_input(key="in_agenda_query").input("tidak ada kata ini").run()
    assert not [f for f in app.dataframe if "Nomor agenda" in f.value.columns]


def test_registering_through_the_form_gives_the_next_agenda_number(office):
    app = open_page(PAGE, user="agendaris")
    app.text_input(key="in_sender").input("Kepala BPBD Provinsi")
    app.text_input(key="in_number").input("360/77/BPBD")
    app.text_input(key="in_hal").input("Kesiapsiagaan banjir")
    submit = next(b for b in app.button if b.key == "in_form_go")
    submit.click().run()
    # AppTest cannot upload a file: the service says so, in words, and takes no number
    assert [e.value for e in app.error] == [
        "Lampirkan pindaian atau PDF naskah (paling sedikit satu berkas)."
    ]
    with repository() as lontar:
        rows = lontar.letters.agenda_register(ADMIN, "DINKES", YEAR)
    assert [r["agenda"] for r in rows] == [f"0001/DINKES/{YEAR}"]
    # a refused registration keeps what was typed and uploaded (suspected a): the browser
    # clears a clear_on_submit form on every submit, refused or not, so the form must not be
    # one (AppTest keeps typed values either way; the form's own flag is what decides)
    assert [f.proto.form.clear_on_submit for f in forms(app.main)] == [False]
    assert app.text_input(key="in_sender").value == "Kepala BPBD Provinsi"


def forms(node) -> list:
    found = [node] if getattr(node, "type", None) == "form" else []
    for child in getattr(node, "children", {}).values():
        found += forms(child)
    return found


def test_the_addressee_opens_the_letter_with_its_document(office):
    app = open_page(PAGE, user="kadis", id=office["id"])
    assert not app.error, [e.value for e in app.error]
    assert [h.value for h in app.header] == ["Data kasus"]
    assert "Dokumen" in text_of(app)
    assert any(f"0001/DINKES/{YEAR}" in t.value.to_string() for t in app.table)
    assert any("Direktur RSUD Kota Uji" in t.value.to_string() for t in app.table)
    assert app.get("image")  # the PDF's pages as images


def test_someone_outside_the_chain_gets_not_found(office):
    app = open_page(PAGE, user="staf", id=office["id"])
    assert any("Naskah masuk tidak ditemukan" in e.value for e in app.error)
    assert "Data kasus" not in text_of(app)


def test_a_staf_without_registers_is_sent_to_the_inbox(office):
    app = open_page(PAGE, user="staf")
    assert not app.error
    assert any("Kotak Masuk" in i.value or "Inbox" in i.value for i in app.info)


def test_the_administrator_sets_the_agenda_pattern_on_the_page(office):
    app = open_page(PAGE, user="kepala")
    assert "Pengaturan" in [tab.label for tab in app.tabs]
    app.text_input(key="in_pattern_").input("AG-{urut}/{tahun}")
    next(b for b in app.button if b.key == "in_pattern_go").click().run()
    assert not app.error, [e.value for e in app.error]
    assert [s.value for s in app.success] == ["Tersimpan."]
    with repository() as lontar:
        assert lontar.letters.agenda_pattern(ADMIN, "DINKES")["pattern"] == "AG-{urut}/{tahun}"
    app = open_page(PAGE, user="kepala")
    app.text_input(key="in_pattern_").input("{unit}")
    next(b for b in app.button if b.key == "in_pattern_go").click().run()
    assert [e.value for e in app.error] == ["Pola nomor agenda harus memuat {urut}."], (
        app.exception,
        app.success,
        app.warning,
    )
