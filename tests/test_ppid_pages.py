"""The PPID pages through AppTest: the public form (bad input named, what was typed kept, the
safety answer cleared, no organisation asked of a private person, a number and a receipt at
once), the status page ("belum diputus" until decided, dates in words in both languages), the
public lists, and the officers' desk: its steps and what is next, assignment by name, the
decision's fields by kind, released records picked by title, the notice, the history in the
officer's words, and the objections section."""

from __future__ import annotations

import re
from io import BytesIO

from pypdf import PdfReader

from repository.core.security import ADMIN
from tests.conftest import PASSWORDS, make_scan
from tests.test_admin_pages import repository
from tests.test_pages import (
    in_language,
    links,
    notes_of,
    open_page,
    shown,
    static_table,
    table_with,
)
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


def officer(site) -> str:
    """A request filed, and a PPID Pelaksana in DPK (where the public record is)."""
    with repository() as service:
        number = filed(service)
        service.access.add_account(ADMIN, "ppid.dpk", "ppid-dpk-uji", {"PPID"}, unit="DPK",
                                   full_name="Rina Pelaksana")  # fmt: skip
    PASSWORDS["ppid.dpk"] = "ppid-dpk-uji"
    return number


def table_facts(app) -> dict[str, str]:
    """The facts table as a person reads it (values are escaped Markdown)."""
    table = app.table[0].value
    return {label: shown(value) for label, value in zip(table.index, table[" "], strict=True)}


def click(app, key):
    return next(b for b in app.button if b.key == key).click().run()


def test_the_desk_assigns_decides_and_the_requester_downloads(site):
    number = officer(site)
    home = {m.label: m.value for m in open_page(user="kepala").metric}
    assert home["Permohonan belum diputus"] == "1" and home["terlambat"] == "0"
    desk = open_page(DESK_PAGE, user="kepala")
    queue = table_with(desk, "Nomor pendaftaran")
    assert list(queue["Nomor pendaftaran"]) == [number]
    assert list(queue["Berikutnya"]) == ["1. Tugaskan"]
    # the queue alone until a number is clicked: its link opens the request
    assert not [n for n in notes_of(desk) if "Berikutnya" in n] and not desk.get("radio")
    assert "Klik nomor pendaftaran" in desk.caption[0].value
    assert links(desk)[number] == {"page": "Layanan_PPID", "query": f"nomor={number}"}
    desk = open_page(DESK_PAGE, user="kepala", nomor=number)
    assert "Berikutnya: tugaskan" in notes_of(desk)[0]
    units = desk.selectbox(key="ppid_unit")
    assert "Dinas Perpustakaan dan Kearsipan" in units.options  # names, not codes
    units.set_value("DPK").run()
    assert desk.selectbox(key="ppid_to").options == ["Rina Pelaksana (ppid.dpk)"]
    desk.selectbox(key="ppid_to").set_value("ppid.dpk").run()
    click(desk, "ppid_assign_go")
    assert not desk.exception and desk.success

    desk = open_page(DESK_PAGE, user="ppid.dpk", nomor=number)
    assert "Berikutnya: putuskan permohonan paling lambat" in notes_of(desk)[0]
    desk.text_input(key="ppid_released_q").input("pedoman").run()
    picker = desk.multiselect(key="ppid_released")
    assert [shown(o).split(" · ")[0] for o in picker.options] == ["Pedoman pengarsipan"]
    picker.set_value([site["public"]]).run()
    desk.text_input(key="ppid_form").input("softcopy (PDF)").run()
    click(desk, "ppid_decide_go")
    assert not desk.exception and desk.success, desk.error
    assert "Berikutnya: kirim pemberitahuan tertulis" in notes_of(desk)[0]
    assert any(b.proto.label == "Pemberitahuan tertulis (PDF)" for b in desk.get("download_button"))
    with repository() as service:
        view = service.ppid.ppid_request(ADMIN, number)
        assert view["released"] == [site["public"]]  # the picker stored the chosen record's id
        text = " ".join(PdfReader(BytesIO(service.ppid.notice(ADMIN, number))).pages[0]
                        .extract_text().split())  # fmt: skip
    assert "Dokumen yang diberikan Pedoman pengarsipan" in text and site["public"] not in text
    click(desk, "ppid_notify_go")
    assert "Selesai: pemberitahuan disampaikan pada" in notes_of(desk)[0]

    history = static_table(desk, "Tindakan")  # the request's steps, in the officer's words
    assert list(history.columns) == ["Waktu", "Oleh", "Tindakan", "Rincian"]
    assert list(history["Tindakan"]) == [
        "Permohonan diajukan", "Ditugaskan", "Diputus", "Pemberitahuan disampaikan"]  # fmt: skip
    assert list(history["Oleh"].iloc[:3]) == ["pemohon", "kepala", "Rina Pelaksana"]
    details = list(history["Rincian"].iloc[1:3])
    assert details == ["kepada Rina Pelaksana (Dinas Perpustakaan dan Kearsipan)",
                       "Dikabulkan seluruhnya"]  # fmt: skip
    assert all(re.fullmatch(r"\d{1,2} \w+ 20\d\d \d\d\.\d\d WI[BT]A?", w) for w in history["Waktu"])
    in_language(desk)
    history = static_table(desk, "Action")
    assert list(history["Action"])[:3] == ["Request filed", "Assigned", "Decided"]
    assert history["Who"].iloc[0] == "requester"
    assert history["Detail"].iloc[2] == "Granted in full"

    status = open_page(STATUS_PAGE, nomor=number)
    status.text_input(key="st_secret").input("siti@contoh.id")
    click(status, "st_open")
    assert not status.exception and not status.error
    facts = table_facts(status)
    assert facts["Keputusan"] == "Dikabulkan seluruhnya"
    labels = [b.proto.label for b in status.get("download_button")]
    assert "Unduh pemberitahuan tertulis (PDF)" in labels
    assert "Unduh tanda bukti permohonan (PDF)" in labels
    assert any(label.startswith("Pedoman pengarsipan") for label in labels)
    assert status.get("multiselect")  # the objection form is offered while the law allows


def test_the_decision_form_shows_only_the_fields_of_the_chosen_decision(site):
    number = officer(site)
    with repository() as service:
        service.ppid.assign_request(ADMIN, number, "DPK", "ppid.dpk")
    desk = open_page(DESK_PAGE, user="ppid.dpk", nomor=number)
    keys = ("ppid_ground", "ppid_test_id", "ppid_redactions", "ppid_holder",
            "ppid_released_q", "ppid_form", "ppid_cost")  # fmt: skip
    expected = {
        "granted": {"ppid_released_q", "ppid_form", "ppid_cost"},
        "partial": {
            "ppid_ground",
            "ppid_test_id",
            "ppid_redactions",
            "ppid_released_q",
            "ppid_form",
            "ppid_cost",
        },
        "refused": {"ppid_ground", "ppid_test_id"},
        "not_held": {"ppid_holder"},
    }
    for kind, wanted in expected.items():
        desk.selectbox(key="ppid_kind").set_value(kind).run()
        assert not desk.exception
        present = {k for k in keys if any(w.key == k for w in desk.main.get(_kind(k)))}
        assert present == wanted, kind


def _kind(key: str) -> str:
    return {"ppid_ground": "selectbox", "ppid_test_id": "selectbox", "ppid_redactions": "text_area",
            "ppid_cost": "number_input"}.get(key, "text_input")  # fmt: skip


def test_no_objections_says_so_not_that_there_are_no_requests(site):
    officer(site)
    desk = open_page(DESK_PAGE, user="kepala")
    messages = notes_of(desk)
    assert "Tidak ada keberatan yang menunggu tanggapan." in messages
    assert "Tidak ada permohonan terbuka." not in messages  # the queue has one


def test_a_private_person_is_not_asked_for_an_organisation(site):
    app = open_page(FORM_PAGE)
    assert not [w for w in app.text_input if w.key == "rq_org"]
    app.radio(key="rq_kind").set_value("organisasi").run()
    assert app.text_input(key="rq_org").label == "Nama organisasi"
    app.radio(key="rq_kind").set_value("perorangan").run()
    assert not [w for w in app.text_input if w.key == "rq_org"]


def test_a_wrong_safety_answer_is_cleared_and_the_receipt_follows_a_filing(site):
    app = open_page(FORM_PAGE)
    fill(app).get("file_uploader")[0].set_value([("ktp.png", KTP, "image/png")])
    app.text_input(key="rq_answer").input("1000")
    send(app)
    assert "pertanyaan pengaman" in app.error[0].value.lower()
    assert app.text_input(key="rq_answer").value == ""  # the old answer is gone
    assert app.text_input(key="rq_name").value == "Siti Rahayu"  # the rest stays
    fill(app)
    send(app)
    assert not app.error and "PPID-" in shown(app.success[0].value)
    assert re.search(r"paling lambat \d{1,2} [A-Z][a-z]+ 20\d\d", app.success[0].value)
    labels = [b.proto.label for b in app.get("download_button")]
    assert labels == ["Unduh tanda bukti permohonan (PDF)"]


def test_the_status_says_not_decided_with_dates_in_words_in_both_languages(site):
    from repository.app import formatting

    with repository() as service:
        number = filed(service)
        due = service.ppid.request_status(number, "siti@contoh.id", "t")["due"]
    status = open_page(STATUS_PAGE, nomor=number)
    status.text_input(key="st_secret").input("siti@contoh.id")
    click(status, "st_open")
    facts = table_facts(status)
    assert facts["Keputusan"] == "belum diputus"  # not the stage "diterima"
    assert facts["Tahap"] == "diterima"
    assert facts["Batas waktu jawaban"] == formatting.date_text(due, "id")
    assert re.fullmatch(r"\d{1,2} \w+ 20\d\d \d\d\.\d\d WI[BT]A?", facts["Diterima"])
    in_language(status)
    facts = table_facts(status)
    assert facts["Decision"] == "not decided yet"
    assert facts["Answer due"] == formatting.date_text(due, "en")
    assert facts["Answer due"] != formatting.date_text(due, "id") or due[5:7] in ("04", "08")


def test_a_wrong_secret_shows_nothing_of_the_request(site):
    with repository() as service:
        number = filed(service)
    status = open_page(STATUS_PAGE, nomor=number)
    status.text_input(key="st_secret").input("orang@lain.id")
    next(b for b in status.button if b.key == "st_open").click().run()
    assert status.error and "tidak cocok" in status.error[0].value
    assert status.text_input(key="st_secret").value == ""  # the wrong answer is cleared
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
    assert links == [f"1. Pedoman pengarsipan :gray[{site['public']}]"]  # not the R record
    assert open_page(DESK_PAGE).warning and open_page(DESK_PAGE, user="pencatat").warning
    registers = open_page(REGISTER_PAGE, user="kepala")
    assert not registers.exception
    assert any("LAPORAN" in b.proto.label.upper() or "PDF" in b.proto.label
               for b in registers.get("download_button"))  # fmt: skip


def test_the_register_reads_as_words_and_the_dip_links_records_picked_by_title(site):
    number = officer(site)
    with repository() as service:
        service.ppid.assign_request(ADMIN, number, "DPK", "ppid.dpk")
        service.ppid.decide_request(service.access.caller("ppid.dpk"), number, kind="granted",
                                    released=[site["public"]])  # fmt: skip
    app = open_page(REGISTER_PAGE, user="kepala")
    register = table_with(app, "Keputusan")
    row = register.iloc[0]
    assert row["Keputusan"] == "Dikabulkan seluruhnya" and row["Dikuasai"] == "ya"
    assert row["OPD"] == "Dinas Perpustakaan dan Kearsipan" and row["Jenis"] == "Perorangan"
    assert re.fullmatch(r"\d{1,2} [A-Z][a-z]+ 20\d\d", row["Tanggal diterima"])
    app.text_input(key="dip_records_q").input("pedoman").run()
    app.multiselect(key="dip_records").set_value([site["public"]]).run()
    app.text_input(key="dip_summary").input("Pedoman pengarsipan")
    next(b for b in app.button if b.key == "dip_go").click().run()
    assert not app.exception and not app.error
    assert app.multiselect(key="dip_records").value == []  # the picker starts empty again
    with repository() as service:
        entry = service.ppid.dip_list(ADMIN)[0]
    assert [r["id"] for r in entry["records"]] == [site["public"]]
    in_language(app)
    register = table_with(app, "Decision")
    assert register.iloc[0]["Decision"] == "Granted in full" and register.iloc[0]["Held"] == "yes"
