"""The PPID pages through AppTest: the public form (bad input named, what was typed kept, a
number at once), the status page, the public lists, and the officers' desk from assignment
to a decision with its notice."""

from __future__ import annotations

import re

from repository.core.security import ADMIN
from tests.conftest import PASSWORDS, make_scan
from tests.test_admin_pages import repository
from tests.test_pages import open_page, shown, table_with
from ui import registry

FORM_PAGE, STATUS_PAGE = registry.REQUEST.script, registry.REQUEST_STATUS.script
DIP_PAGE, DESK_PAGE = registry.DIP.script, registry.PPID_DESK.script
REGISTER_PAGE = registry.PPID_REGISTERS.script
KTP = make_scan("KARTU TANDA PENDUDUK", "SITI RAHAYU")


def fill(app, **changes):
    values = {
        "rq_name": "Siti Rahayu",
        "rq_nik": "3273015208900001",
        "rq_address": "Jl. Merdeka 1",
        "rq_email": "siti@contoh.id",
        "rq_information": "Daftar penerima bantuan sosial 2025",
        "rq_purpose": "Pengawasan warga",
        **changes,
    }
    for key, value in values.items():
        widget = next(w for w in [*app.text_input, *app.text_area] if w.key == key)
        widget.input(value)
    app.multiselect(key="rq_obtain").set_value(["softcopy"])
    question = app.text_input(key="rq_answer").label
    a, b = (int(n) for n in re.findall(r"(\d+) \+ (\d+)", question)[0])
    app.text_input(key="rq_answer").input(str(a + b))
    return app


def send(app):
    return next(b for b in app.button if b.key == "rq_send").click().run()


def test_a_citizen_files_a_request_and_gets_a_number_at_once(site):
    app = open_page(FORM_PAGE)
    fill(app).get("file_uploader")[0].set_value([("ktp.png", KTP, "image/png")])
    send(app)
    assert not app.exception and not app.error
    assert "PPID-" in shown(app.success[0].value)
    with repository() as service:
        registered = service.ppid.ppid_registers(ADMIN)["requests"]
    assert [r["requester"] for r in registered] == ["Siti Rahayu"]


def test_bad_input_is_named_and_what_was_typed_stays(site):
    app = open_page(FORM_PAGE)
    fill(app, rq_nik="12345", rq_email="siti-at-contoh")  # and no ID card
    send(app)
    message = app.error[0].value
    assert "NIK" in message and "Email" in message and "Pindaian KTP" in message
    assert app.text_input(key="rq_name").value == "Siti Rahayu"
    assert app.text_area(key="rq_information").value == "Daftar penerima bantuan sosial 2025"
    assert app.text_input(key="rq_nik").value == "12345"
    app.text_input(key="rq_answer").input("1000")  # the question was renewed
    send(app)
    assert "pertanyaan pengaman" in app.error[0].value.lower()
    with repository() as service:
        assert service.ppid.ppid_registers(ADMIN)["requests"] == []


def filed(service) -> str:
    question, token = service.ppid.ppid_challenge()
    answer = sum(int(n) for n in question.split("+"))
    form = {"name": "Siti", "address": "Jl. Merdeka", "nik": "3273015208900001",
            "email": "siti@contoh.id", "information": "Pedoman pengarsipan",
            "purpose": "Belajar", "obtain": ["softcopy"], "delivery": "email"}  # fmt: skip
    return service.ppid.file_request(form, ("ktp.png", KTP), token, str(answer), "t")["number"]


def test_the_desk_assigns_decides_and_the_requester_downloads(site):
    with repository() as service:
        number = filed(service)
        service.access.add_account(ADMIN, "ppid.dpk", "ppid-dpk-uji", {"PPID"}, unit="DPK")
    PASSWORDS["ppid.dpk"] = "ppid-dpk-uji"
    home = {m.label: m.value for m in open_page(user="kepala").metric}
    assert home["Permohonan belum diputus"] == "1" and home["terlambat"] == "0"
    desk = open_page(DESK_PAGE, user="kepala")
    queue = table_with(desk, "Nomor pendaftaran")
    assert list(queue["Nomor pendaftaran"]) == [number]
    desk.selectbox(key="ppid_unit").set_value("DPK")
    desk.text_input(key="ppid_to").input("ppid.dpk")
    next(b for b in desk.button if b.key == "ppid_assign_go").click().run()
    assert not desk.exception and desk.success
    officer = open_page(DESK_PAGE, user="ppid.dpk")
    officer.text_input(key="ppid_released").input(site["public"])
    officer.text_input(key="ppid_form").input("softcopy (PDF)")
    next(b for b in officer.button if b.key == "ppid_decide_go").click().run()
    assert not officer.exception and officer.success, officer.error
    assert any(
        b.proto.label == "Pemberitahuan tertulis (PDF)" for b in officer.get("download_button")
    )
    history = table_with(officer, "Tindakan")  # the request's steps, in the officer's words
    assert list(history.columns) == ["Waktu", "Oleh", "Tindakan", "Rincian"]
    assert list(history["Tindakan"]) == ["Permohonan diajukan", "Ditugaskan", "Diputus"]
    assert list(history["Oleh"].iloc[:2]) == ["pemohon", "kepala"]
    officer.sidebar.selectbox(key="lang_choice").set_value("en").run()
    history = table_with(officer, "Action")
    assert list(history["Action"]) == ["Request filed", "Assigned", "Decided"]
    assert history["Who"].iloc[0] == "requester"
    status = open_page(STATUS_PAGE, nomor=number)
    status.text_input(key="st_secret").input("siti@contoh.id")
    next(b for b in status.button if b.key == "st_open").click().run()
    assert not status.exception and not status.error
    facts = status.table[0].value
    assert "Dikabulkan seluruhnya" in list(facts[" "])
    labels = [b.proto.label for b in status.get("download_button")]
    assert "Unduh pemberitahuan tertulis (PDF)" in labels
    assert any(label.startswith("Pedoman pengarsipan") for label in labels)
    assert status.get("multiselect")  # the objection form is offered while the law allows


def test_a_wrong_secret_shows_nothing_of_the_request(site):
    with repository() as service:
        number = filed(service)
    status = open_page(STATUS_PAGE, nomor=number)
    status.text_input(key="st_secret").input("orang@lain.id")
    next(b for b in status.button if b.key == "st_open").click().run()
    assert status.error and "tidak cocok" in status.error[0].value
    assert not [d for d in status.dataframe if "Pedoman" in d.value.to_string()]


def test_public_lists_and_desk_permissions(site):
    with repository() as service:
        linked = [site["public"], site["secret"]]
        entry = {"summary": "Pedoman pengarsipan", "category": "setiap_saat", "unit": "DPK"}
        service.ppid.save_dip(ADMIN, {**entry, "record_ids": linked})
    app = open_page(DIP_PAGE)
    table = table_with(app, "Ringkasan informasi")
    assert list(table["Ringkasan informasi"]) == ["Pedoman pengarsipan"]
    links = [shown(p.proto.label) for p in app.get("page_link") if "Pedoman" in p.proto.label]
    assert links == ["1. Pedoman pengarsipan"]  # the class R record is not linked for the public
    assert open_page(DESK_PAGE).warning and open_page(DESK_PAGE, user="pencatat").warning
    registers = open_page(REGISTER_PAGE, user="kepala")
    assert not registers.exception
    assert any("LAPORAN" in b.proto.label.upper() or "PDF" in b.proto.label
               for b in registers.get("download_button"))  # fmt: skip
