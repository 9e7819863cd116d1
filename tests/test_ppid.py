"""PPID: working-day deadlines across holidays, collective leave and year ends; a request's
life on a controllable clock (due soon, overdue, extended, decided); what each decision needs;
notices with every required element; objections; the registers and the annual report; and
that a requester sees nothing but their own request and what was released to it."""

from __future__ import annotations

import datetime as dt
import json
from io import BytesIO

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from repository.core import clock
from repository.core.errors import AccessDenied, InvalidInput, RecordNotFound
from repository.core.security import ADMIN, ANONYMOUS
from repository.ppid.documents import NOTICE_ELEMENTS
from repository.ppid.forms import InvalidForm, valid_nik
from repository.ppid.workdays import Calendar, deadlines
from tests.conftest import add, lontar_cli, make_pdf, make_scan
from tests.test_sealing import found_on_disk

D = dt.date.fromisoformat
WIB = dt.timezone(dt.timedelta(hours=7))
KTP = make_scan("KARTU TANDA PENDUDUK", "NIK 3273015208900001", "SITI RAHAYU")
FORM = {
    "name": "Siti Rahayu",
    "address": "Jl. Merdeka 1, Kota Uji",
    "occupation": "Peneliti",
    "email": "Siti@Contoh.id",
    "phone": "+62 812 3456 7890",
    "nik": "3273015208900001",
    "kind": "perorangan",
    "information": "Laporan realisasi anggaran Dinas Kesehatan 2025",
    "purpose": "Penelitian kebijakan kesehatan",
    "obtain": ["softcopy"],
    "delivery": "email",
}


# -- the working-day clock ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("received", "answer", "extended"),
    [
        ("2026-03-02", "2026-03-16", "2026-04-01"),  # extension runs through Nyepi and Lebaran
        ("2026-03-17", "2026-04-08", "2026-04-17"),  # starts in collective leave, Good Friday
        ("2026-08-15", "2026-09-02", "2026-09-11"),  # Saturday before Independence Day: day 0
        # is Tuesday 18 August; the Prophet's Birthday (25 August) does not count
        ("2026-12-21", "2027-01-08", "2027-01-19"),  # over Christmas leave, New Year, Isra Mikraj
        ("2026-12-25", "2027-01-13", "2027-01-22"),  # received on a holiday: starts 28 December
    ],
)
def test_deadlines_skip_weekends_holidays_and_collective_leave(received, answer, extended):
    found = deadlines(Calendar(), D(received))
    assert (found["answer_due"], found["extended_due"]) == (answer, extended)


def test_the_agency_adds_days_off_and_may_work_a_listed_one():
    off = Calendar(days_off={D("2026-03-04"): "Hari jadi kota"})
    assert deadlines(off, D("2026-03-02"))["answer_due"] == "2026-03-17"
    working = Calendar(days_on=frozenset({D("2026-12-24")}))  # cuti bersama worked after all
    assert deadlines(working, D("2026-12-21"))["answer_due"] == "2027-01-07"


def test_objection_answer_is_due_thirty_working_days_after_filing():
    found = deadlines(Calendar(), D("2026-05-04"), objection_filed=D("2026-06-01"))
    # filed on Pancasila Day: counted from 2 June; 1 Muharram (16 June) does not count
    assert found["objection_answer_due"] == "2026-07-15"
    assert found["dispute_due"] == "2026-08-04"


def test_cli_deadline_prints_iso_dates(service):
    service.close()
    done = lontar_cli("ppid", "deadline", "--received", "2026-12-21", "--objection-filed",
                      "2026-06-01", "--json", home=service.home)  # fmt: skip
    found = json.loads(done.stdout)
    assert found["answer_due"] == "2027-01-08" and found["extended_due"] == "2027-01-19"
    assert found["objection_answer_due"] == "2026-07-15"
    lontar_cli("ppid", "dayoff", "2026-12-22", "--reason", "Hari jadi", home=service.home)
    later = json.loads(lontar_cli("ppid", "deadline", "--received", "2026-12-21", "--json",
                                  home=service.home).stdout)  # fmt: skip
    assert later["answer_due"] == "2027-01-11"


@pytest.mark.parametrize(
    ("nik", "valid"),
    [
        ("3273015208900001", True),  # a woman born 12 August 1990 (day + 40)
        ("3273011208900001", True),
        ("327301520890000", False),  # 15 digits
        ("0973011208900001", False),  # no province 09
        ("3273013208900001", False),  # day 32
        ("3273011213900001", False),  # month 13
        ("32730112089000a1", False),
    ],
)
def test_nik_format(nik, valid):
    assert valid_nik(nik) is valid


# -- a request's life --------------------------------------------------------------------------
class Clock:
    def __init__(self, moment: str) -> None:
        self.set(moment)

    def set(self, moment: str) -> None:
        self.moment = dt.datetime.fromisoformat(moment).replace(tzinfo=WIB)

    def __call__(self) -> dt.datetime:
        return self.moment


CLOCK = Clock("2026-03-02T09:00")


def file(service, address: str = "203.0.113.5", card=("ktp.png", KTP), **changes) -> dict:
    question, token = service.ppid.ppid_challenge()
    answer = sum(int(x) for x in question.split("+"))
    return service.ppid.file_request({**FORM, **changes}, card, token, str(answer), address)


@pytest.fixture
def desk(service):
    """Accounts: PPID Utama (global), PPID Pelaksana of DINKES and of DPK, the Atasan PPID;
    a public record, a restricted one and a clock on Monday 2 March 2026."""
    service.access.add_account(ADMIN, "ppid.utama", "ppid-utama-1", {"PPID"})
    service.access.add_account(
        ADMIN, "ppid.dinkes", "ppid-dinkes-1", {"PPID"}, unit="DINKES", clearance="T"
    )
    service.access.add_account(ADMIN, "ppid.dpk", "ppid-dpk-1", {"PPID"}, unit="DPK")
    service.access.add_account(ADMIN, "atasan", "atasan-ppid-1", {"Atasan PPID"})
    lra = make_pdf("LRA Dinkes 2025", "Laporan realisasi anggaran Dinas Kesehatan 2025.")
    ids = {
        "public": add(service, "lra.pdf", lra, title="LRA Dinkes 2025"),
        "restricted": add(service, "memo.txt", b"Memo internal anggaran", security="T"),
        "other": add(service, "lain.txt", b"Dokumen lain yang tidak diberikan"),
    }
    CLOCK.set("2026-03-02T09:00")
    clock.set_source(CLOCK)
    yield service, ids, lra
    clock.set_source(None)


def caller(service, name):
    return service.access.caller(name)


def test_filing_gives_a_number_and_the_due_dates_at_once(desk):
    service, _, _ = desk
    made = file(service)
    assert made["number"] == "PPID-2026-0001"
    assert (made["answer_due"], made["extended_due"]) == ("2026-03-16", "2026-04-01")
    assert file(service, address="203.0.113.6")["number"] == "PPID-2026-0002"
    status = service.ppid.request_status("ppid-2026-0001", "siti@contoh.id", "x")
    assert status["state"] == "received" and status["due"] == "2026-03-16"
    assert "Siti" not in json.dumps(status)  # the status page does not echo personal data


def test_a_late_evening_filing_counts_in_jakarta_time(desk):
    service, _, _ = desk
    CLOCK.moment = dt.datetime(2026, 3, 6, 18, 30, tzinfo=dt.UTC)  # Sat 01:30 WIB
    made = file(service)
    assert made["received"] == "2026-03-07" and made["start"] == "2026-03-09"


def test_the_queue_shows_due_soon_and_overdue_as_time_passes(desk):
    service, _, _ = desk
    number = file(service)["number"]
    utama = caller(service, "ppid.utama")
    assert service.ppid.ppid_queue(utama)[0]["flag"] == ""
    CLOCK.set("2026-03-11T09:00")  # 3 working days left
    row = service.ppid.ppid_queue(utama)[0]
    assert (row["left"], row["flag"]) == (3, "due_soon")
    CLOCK.set("2026-03-17T09:00")
    row = service.ppid.ppid_queue(utama)[0]
    assert (row["left"], row["flag"]) == (-1, "overdue")
    with pytest.raises(InvalidInput) as late:  # the 10 days are over: no extension now
        service.ppid.extend_request(utama, number, "Dokumen di gudang arsip")
    assert late.value.key == "extension_too_late"


def test_extension_once_with_reasons(desk):
    service, _, _ = desk
    number = file(service)["number"]
    utama = caller(service, "ppid.utama")
    CLOCK.set("2026-03-12T09:00")
    with pytest.raises(InvalidInput):
        service.ppid.extend_request(utama, number, "  ")
    found = service.ppid.extend_request(utama, number, "Informasi tersebar di tiga bidang")
    assert found["due"] == "2026-04-01" and found["flag"] == ""
    with pytest.raises(InvalidInput) as twice:
        service.ppid.extend_request(utama, number, "Lagi")
    assert twice.value.key == "already_extended"


def test_assignment_goes_to_a_pelaksana_of_the_holding_opd(desk):
    service, _, _ = desk
    number = file(service)["number"]
    utama, dinkes, dpk = (caller(service, n) for n in ("ppid.utama", "ppid.dinkes", "ppid.dpk"))
    assert service.ppid.ppid_queue(dinkes) == []  # not yet assigned: only the Utama sees it
    with pytest.raises(InvalidInput) as wrong:
        service.ppid.assign_request(utama, number, "DINKES", "ppid.dpk")
    assert wrong.value.key == "not_a_pelaksana"
    with pytest.raises(AccessDenied):  # the Atasan reads, but does not assign
        service.ppid.assign_request(caller(service, "atasan"), number, "DINKES", "ppid.dinkes")
    service.ppid.assign_request(utama, number, "DINKES", "ppid.dinkes")
    assert [r["number"] for r in service.ppid.ppid_queue(dinkes)] == [number]
    assert service.ppid.ppid_queue(dpk) == []
    with pytest.raises(InvalidInput):  # another OPD's PPID cannot open it
        service.ppid.ppid_request(dpk, number)
    with pytest.raises(AccessDenied):
        service.ppid.ppid_queue(ANONYMOUS)


def exemption(service, ground="i", by=None, **changes) -> str:
    fields = {
        "information": "Memo internal perencanaan anggaran",
        "ground": ground,
        "legal_basis": "UU 14/2008 Pasal 17 huruf i",
        "harm": "Membuka proses pertimbangan yang belum selesai",
        "public_interest": "Kepentingan publik lebih terlayani setelah anggaran ditetapkan",
        "years": 2,
        "decided_on": dt.date(2026, 1, 5),
        **changes,
    }
    return service.ppid.save_dik(by or caller(service, "ppid.utama"), fields)["id"]


def test_each_decision_needs_what_the_law_asks(desk):
    service, ids, _ = desk
    number = file(service)["number"]
    utama, dinkes = caller(service, "ppid.utama"), caller(service, "ppid.dinkes")
    with pytest.raises(InvalidInput) as unassigned:
        service.ppid.decide_request(utama, number, kind="granted")
    assert unassigned.value.key == "request_unassigned"
    service.ppid.assign_request(utama, number, "DINKES", "ppid.dinkes")
    test_id = exemption(service)
    refusals = [
        ({"kind": "refused"}, "ground_required"),
        ({"kind": "refused", "ground": "i"}, "test_required"),
        ({"kind": "refused", "ground": "h", "test_id": test_id}, "test_required"),  # other ground
        ({"kind": "partial", "ground": "i", "test_id": test_id}, "redactions_required"),
        ({"kind": "not_held"}, "holder_required"),
        ({"kind": "refused", "ground": "i", "test_id": test_id, "released": [ids["public"]]},
         "nothing_to_release"),
        ({"kind": "granted", "released": [ids["restricted"]]}, "release_not_public"),
        ({"kind": "granted", "cost": -1}, "bad_cost"),
        ({"kind": "maybe"}, "bad_decision"),
    ]  # fmt: skip
    for decision, key in refusals:
        with pytest.raises(InvalidInput) as refused:
            service.ppid.decide_request(dinkes, number, **decision)
        assert refused.value.key == key, decision
    exempt = exemption(service, record_ids=[ids["other"]])
    assert exempt
    with pytest.raises(InvalidInput) as listed:
        service.ppid.decide_request(dinkes, number, kind="granted", released=[ids["other"]])
    assert listed.value.key == "release_exempt"
    done = service.ppid.decide_request(dinkes, number, kind="partial", ground="i", test_id=test_id,
                                  redactions="Lampiran 3 (memo internal)", form="softcopy",
                                  cost=5000, released=[ids["public"]])  # fmt: skip
    assert done["decision"] == "partial" and done["released"] == [ids["public"]]
    with pytest.raises(InvalidInput) as again:
        service.ppid.decide_request(dinkes, number, kind="granted")
    assert again.value.key == "request_decided"


def decided(desk, **decision) -> str:
    service, ids, _ = desk
    number = file(service)["number"]
    utama = caller(service, "ppid.utama")
    service.ppid.assign_request(utama, number, "DINKES", "ppid.dinkes")
    CLOCK.set("2026-03-10T10:00")
    service.ppid.decide_request(caller(service, "ppid.dinkes"), number,
                           **({"kind": "granted", "released": [ids["public"]], "form": "softcopy"}
                              | decision))  # fmt: skip
    return number


def test_the_notice_holds_every_required_element(desk):
    service, _, _ = desk
    test_id = exemption(service)
    number = decided(desk, kind="refused", ground="i", test_id=test_id, released=[])
    pdf = service.ppid.notice(caller(service, "ppid.dinkes"), number)
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(BytesIO(pdf)).pages).split())
    for element in NOTICE_ELEMENTS:
        assert element in text, element
    for detail in (number, "Siti Rahayu", "Ditolak", "Pasal 17 huruf i", test_id,
                   "Laporan realisasi anggaran", "30 hari kerja", "Atasan PPID"):  # fmt: skip
        assert detail in text, detail
    # the letterhead, the notice's own number, dates in words in the Pemda's zone
    assert text.startswith("PEMERINTAH KOTA UJI PEJABAT PENGELOLA INFORMASI DAN DOKUMENTASI")
    assert "Nomor: PT-2026-0001" in text
    assert "2 Maret 2026 09.00 WIB" in text and "10 Maret 2026 (batas waktu 16 Maret 2026)" in text
    assert "2026-03-" not in text
    not_held = decided(desk, kind="not_held", holder="BPKAD Kota Uji", released=[])
    text = PdfReader(BytesIO(service.ppid.notice(ADMIN, not_held))).pages[0].extract_text()
    assert "BPKAD Kota Uji" in " ".join(text.split())


def pdf_text(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(BytesIO(data)).pages).split())


def test_the_notice_names_released_documents_by_title_in_either_language(desk):
    service, ids, _ = desk
    number = decided(desk)
    text = pdf_text(service.ppid.notice(caller(service, "ppid.dinkes"), number))
    assert "Dokumen yang diberikan LRA Dinkes 2025" in text
    assert ids["public"] not in text  # a title, not an id
    assert "Dikabulkan seluruhnya" in text and "Rp 0" in text
    english = pdf_text(service.ppid.requester_notice(number, "siti@contoh.id", "a", "en"))
    assert "WRITTEN NOTICE" in english and "Number: PT-2026-0001" in english
    assert "2 March 2026 09.00 WIB" in english and "Granted in full" in english
    assert "Documents released LRA Dinkes 2025" in english


def test_the_receipt_proves_the_filing(desk):
    service, _, _ = desk
    number = file(service, kind="organisasi", organisation="LSM Cermat")["number"]
    text = pdf_text(service.ppid.receipt(number, "siti@contoh.id", "203.0.113.5"))
    for expected in (
        "PEMERINTAH KOTA UJI",
        "TANDA BUKTI PERMOHONAN INFORMASI PUBLIK",
        f"Nomor: {number}",
        "Tanggal diterima 2 Maret 2026 09.00 WIB",
        "Nama pemohon Siti Rahayu (LSM Cermat)",
        "Laporan realisasi anggaran Dinas Kesehatan 2025",
        "Batas waktu jawaban 16 Maret 2026 (10 hari kerja",
        "1 April 2026",  # if extended
        f"/Status_Permohonan?nomor={number}",
    ):
        assert expected in text, expected
    english = pdf_text(service.ppid.receipt(number, "3273015208900001", "203.0.113.5", "en"))
    assert "RECEIPT OF A PUBLIC INFORMATION REQUEST" in english
    assert "Received 2 March 2026 09.00 WIB" in english and "16 March 2026" in english
    with pytest.raises(InvalidInput) as wrong:  # only the requester gets it
        service.ppid.receipt(number, "orang@lain.id", "203.0.113.5")
    assert wrong.value.key == "request_lookup_failed"


def test_the_desk_shows_the_next_step_and_names_not_codes(desk):
    service, ids, _ = desk
    number = file(service)["number"]
    utama, dinkes = caller(service, "ppid.utama"), caller(service, "ppid.dinkes")
    assert service.ppid.ppid_request(utama, number)["next_step"] == "assign"
    assert {u["code"] for u in service.ppid.ppid_units(utama)} >= {"DINKES", "DPK"}
    # the OPD's own PPID Pelaksana first, then the PPID Utama, whose grant reaches every unit
    assert [p["name"] for p in service.ppid.pelaksana(utama, "DINKES")] == [
        "ppid.dinkes",
        "ppid.utama",
    ]
    with pytest.raises(AccessDenied):  # the Atasan does not assign
        service.ppid.pelaksana(caller(service, "atasan"), "DINKES")
    service.ppid.assign_request(utama, number, "DINKES", "ppid.dinkes")
    service.ppid.concern_records(dinkes, number, [ids["public"]])
    view = service.ppid.ppid_request(dinkes, number)
    assert view["next_step"] == "decide" and view["unit_name"] == "Dinas Kesehatan"
    assert view["concerned_titles"] == [{"id": ids["public"], "title": "LRA Dinkes 2025"}]
    with pytest.raises(InvalidInput):  # nothing to notify before a decision
        service.ppid.notify_request(dinkes, number)
    service.ppid.decide_request(dinkes, number, kind="granted", released=[ids["public"]])
    assert service.ppid.ppid_request(dinkes, number)["next_step"] == "notify"
    done = service.ppid.notify_request(dinkes, number)
    assert done["next_step"] == "done" and done["notified_on"] == "2026-03-02"
    steps = [(h["what"], h["params"]) for h in done["history"]]
    assert steps == [
        ("filed", {}),
        ("assigned", {"unit": "Dinas Kesehatan", "account": "ppid.dinkes"}),
        ("concerned", {"records": "LRA Dinkes 2025"}),
        ("decided", {"decision": "granted"}),
        ("notified", {}),
    ]
    assert [h["who"] for h in done["history"]][:2] == ["pemohon", "ppid.utama"]


def test_every_action_the_ppid_records_has_a_label_in_both_languages(desk):
    from repository.core.i18n import translate

    service, _, _ = desk
    number = decided(desk)
    service.ppid.notify_request(caller(service, "ppid.dinkes"), number)
    service.ppid.request_status(number, "siti@contoh.id", "a")
    service.ppid.id_card(caller(service, "ppid.utama"), number)
    exemption(service)
    service.ppid.set_day_off(ADMIN, "2026-03-20", "Hari jadi")
    actions = {e["action"] for e in service.access.audit_entries(ADMIN)}
    ours = {a for a in actions if a.startswith("ppid_")}
    assert len(ours) >= 8, ours
    for action in ours:
        for lang in ("id", "en"):
            label = translate(f"audit_action_{action}", lang)
            assert label != f"audit_action_{action}" and "_" not in label, (action, lang)


def test_the_requester_sees_only_their_request_and_what_was_released(desk):
    service, ids, lra = desk
    number = decided(desk)
    other = file(service, address="198.51.100.7", email="budi@contoh.id",
                 nik="3273011208900002", name="Budi")["number"]  # fmt: skip
    mine = service.ppid.request_status(number, "3273015208900001", "a")  # by NIK
    assert mine["decision"] == "granted"
    assert [d["id"] for d in mine["released"]] == [ids["public"]]
    assert service.ppid.released_file(number, "siti@contoh.id", ids["public"], 0, "a")[2] == lra
    for secret, wanted in (("budi@contoh.id", number), ("siti@contoh.id", other),
                           ("", number), ("3273011208900002", number)):  # fmt: skip
        with pytest.raises(InvalidInput) as refused:
            service.ppid.request_status(wanted, secret, "a")
        assert refused.value.key == "request_lookup_failed"
    with pytest.raises(RecordNotFound):  # not released to this request
        service.ppid.released_file(number, "siti@contoh.id", ids["other"], 0, "a")
    with pytest.raises(RecordNotFound):
        service.ppid.released_file(number, "siti@contoh.id", ids["restricted"], 0, "a")
    pdf = service.ppid.requester_notice(number, "siti@contoh.id", "a")
    assert pdf.startswith(b"%PDF")
    with pytest.raises(InvalidInput):  # Budi's request is not decided: no notice yet
        service.ppid.requester_notice(other, "budi@contoh.id", "b")
    service.records.update_record(ADMIN, ids["public"], {"security": "T"})  # raised after release
    assert service.ppid.request_status(number, "siti@contoh.id", "a")["released"] == []
    with pytest.raises(RecordNotFound):
        service.ppid.released_file(number, "siti@contoh.id", ids["public"], 0, "a")


def test_the_id_card_is_sealed_and_viewing_it_is_audited(desk):
    service, _, _ = desk
    number = file(service)["number"]
    assert not found_on_disk(service.home, KTP[200:264])
    _, media, data = service.ppid.id_card(caller(service, "ppid.utama"), number)
    assert data == KTP and media == "image/png"
    with pytest.raises(InvalidInput):
        service.ppid.id_card(caller(service, "ppid.dpk"), number)
    viewed = service.access.audit_entries(ADMIN, action="ppid_id_card_viewed")
    assert [e["target"] for e in viewed] == [number]


def test_bad_input_names_every_field_and_stores_nothing(desk):
    service, _, _ = desk
    with pytest.raises(InvalidForm) as bad:
        file(service, nik="123", email="bukan-email", information=" ", obtain=[], card=None)
    assert set(bad.value.problems) == {"nik", "email", "information", "obtain", "id_card"}
    message = bad.value.message("id")
    assert "NIK" in message and "Pindaian KTP" in message
    with pytest.raises(InvalidForm) as exe:
        file(service, card=("ktp.exe", b"MZ" + bytes(100)))
    assert exe.value.problems == {"id_card": "id_card_type"}
    with pytest.raises(InvalidInput) as wrong:
        _, token = service.ppid.ppid_challenge()
        service.ppid.file_request(FORM, ("ktp.png", KTP), token, "999", "a")
    assert wrong.value.key == "challenge_wrong"
    assert service.ppid.ppid_registers(ADMIN)["requests"] == []
    question, token = service.ppid.ppid_challenge()
    answer = str(sum(int(x) for x in question.split("+")))
    service.ppid.file_request(FORM, ("ktp.png", KTP), token, answer, "a")
    with pytest.raises(InvalidInput) as replayed:  # one solved question, one filing
        service.ppid.file_request(FORM, ("ktp.png", KTP), token, answer, "b")
    assert replayed.value.key == "challenge_wrong"


def test_filings_and_failed_lookups_are_limited_per_address(desk):
    service, _, _ = desk
    for _ in range(5):
        file(service, address="192.0.2.1")
    with pytest.raises(InvalidInput) as spam:
        file(service, address="192.0.2.1")
    assert spam.value.key == "too_many_attempts"
    number = file(service, address="192.0.2.2")["number"]  # another address may
    for _ in range(20):
        with pytest.raises(InvalidInput):
            service.ppid.request_status("PPID-2026-9999", "x@y.id", "192.0.2.3")
    with pytest.raises(InvalidInput) as guessing:  # even a right guess is refused now
        service.ppid.request_status(number, "siti@contoh.id", "192.0.2.3")
    assert guessing.value.key == "too_many_attempts"
    for _ in range(30):  # the requester's own page views never lock them out
        service.ppid.request_status(number, "siti@contoh.id", "192.0.2.2")
    CLOCK.set("2026-03-02T10:30")  # an hour later
    file(service, address="192.0.2.1")


# -- objections --------------------------------------------------------------------------------
def test_objection_from_filing_to_the_atasans_answer(desk):
    service, _, _ = desk
    number = file(service)["number"]
    with pytest.raises(InvalidInput) as early:
        service.ppid.file_objection(number, "siti@contoh.id", ["c"], "Belum dijawab", "a")
    assert early.value.key == "objection_too_early"
    CLOCK.set("2026-03-17T09:00")  # overdue: lateness is a cause
    made = service.ppid.file_objection(number, "siti@contoh.id", ["c", "g"], "Tidak dijawab", "a")
    assert made["number"] == "KEB-2026-0001" and made["answer_due"] == "2026-05-07"
    with pytest.raises(InvalidInput):
        service.ppid.file_objection(number, "siti@contoh.id", ["c"], "Lagi", "a")
    with pytest.raises(AccessDenied):  # the PPID does not decide objections
        service.ppid.decide_objection(
            caller(service, "ppid.utama"), made["number"], "accepted", "x", "y"
        )
    answered = service.ppid.decide_objection(
        caller(service, "atasan"),
        made["number"],
        "accepted",
        "PPID wajib menjawab dalam 3 hari kerja",
        "Sekretaris Daerah",
    )
    assert answered["decision"] == "diterima"
    status = service.ppid.request_status(number, "siti@contoh.id", "a")
    assert status["objections"][0]["decision"] == "diterima"
    assert status["objections"][0]["decided_by"] == "Sekretaris Daerah"


def test_an_objection_after_thirty_working_days_is_too_late(desk):
    service, _, _ = desk
    number = decided(desk)  # decided 10 March 2026
    CLOCK.set("2026-04-29T09:00")  # the 30th working day after (Lebaran in between)
    with pytest.raises(InvalidInput) as none:
        service.ppid.file_objection(number, "siti@contoh.id", [], "Tanpa alasan", "a")
    assert none.value.key == "objection_grounds_required"
    service.ppid.file_objection(number, "siti@contoh.id", ["d"], "Bukan yang diminta", "a")
    other = decided(desk)  # also decided on 10 March
    CLOCK.set("2026-04-30T09:00")
    with pytest.raises(InvalidInput) as late:
        service.ppid.file_objection(other, "siti@contoh.id", ["d"], "Terlambat", "a")
    assert late.value.key == "objection_too_late"


# -- records named by a request are not destroyed while it is open -----------------------------
def test_an_open_request_blocks_destruction_of_its_records_until_settled(desk):
    from tests.conftest import JRA, SCHEME_V1

    service, ids, _ = desk
    service.workbench.load_scheme(ADMIN, SCHEME_V1, "78/2012")
    service.workbench.load_jra(ADMIN, JRA)
    service.records.update_record(ADMIN, ids["other"], {"date_start": "2010-01-01"})
    service.workbench.classify(ADMIN, ids["other"], "000.5")
    number = file(service)["number"]
    utama = caller(service, "ppid.utama")
    service.ppid.concern_records(utama, number, [ids["other"]])
    due = service.workbench.retention_due(ADMIN, "DINKES", "2030-01-01")
    assert ids["other"] in {r["id"] for r in due["held"]}
    matters = service.workbench.retention_of(ADMIN, ids["other"])["matters"]
    assert [(m["kind"], m["ref"]) for m in matters] == [("ppid_request", number)]
    with pytest.raises(InvalidInput):
        service.disposal.propose_destruction(ADMIN, "DINKES", [ids["other"]], on="2030-01-01")
    service.ppid.assign_request(utama, number, "DINKES", "ppid.dinkes")
    service.ppid.decide_request(caller(service, "ppid.dinkes"), number, kind="not_held",
                           holder="BPKAD")  # fmt: skip
    assert not service.ppid.settle_ppid()  # the objection window is still open
    CLOCK.set("2026-06-01T09:00")
    assert service.ppid.settle_ppid()
    due = service.workbench.retention_due(ADMIN, "DINKES", "2030-01-01")
    assert ids["other"] in {r["id"] for r in due["destroy"]}
    assert service.workbench.retention_of(ADMIN, ids["other"])["matters"] == []
    assert not service.ppid.settle_ppid()  # once a day


# -- DIP, DIK, registers, the annual report ----------------------------------------------------
def test_dip_entries_link_records_with_their_retention(desk):
    from tests.conftest import JRA, SCHEME_V1

    service, ids, _ = desk
    service.workbench.load_scheme(ADMIN, SCHEME_V1, "78/2012")
    service.workbench.load_jra(ADMIN, JRA)
    service.workbench.classify(ADMIN, ids["public"], "900.1")
    utama = caller(service, "ppid.utama")
    with pytest.raises(RecordNotFound):  # a record the officer cannot see cannot be linked
        service.ppid.save_dip(utama, {"summary": "LRA", "category": "berkala", "unit": "DINKES",
                                      "record_ids": [ids["restricted"]]})  # fmt: skip
    service.ppid.save_dip(ADMIN, {"summary": "Laporan realisasi anggaran", "category": "berkala",
                             "unit": "DINKES", "responsible": "Sekretaris Dinkes",
                             "made": "2026, Kota Uji", "formats": "softcopy, hardcopy",
                             "record_ids": [ids["public"], ids["restricted"]]})  # fmt: skip
    with pytest.raises(InvalidInput):
        service.ppid.save_dip(utama, {"summary": "x", "category": "kadang", "unit": "DINKES"})
    public = service.ppid.public_dip()
    assert public[0]["retention"] == "900.1: aktif 2 th, inaktif 8 th, Musnah"
    assert [r["id"] for r in public[0]["records"]] == [ids["public"]]  # T stays hidden
    assert len(service.ppid.dip_list(ADMIN)[0]["records"]) == 2
    test_id = exemption(service, by=ADMIN, record_ids=[ids["restricted"]])
    listed = service.ppid.dik_list(ANONYMOUS)
    assert listed[0]["id"] == test_id and listed[0]["expires"] == "2028-01-05"
    assert "record_ids" not in listed[0]
    CLOCK.set("2028-01-05T09:00")
    assert service.ppid.dik_list(ADMIN)[0]["expired"]
    with pytest.raises(InvalidInput):
        exemption(service, harm=" ")


def test_registers_and_the_annual_report(desk):
    service, _, _ = desk
    test_id = exemption(service)
    granted = decided(desk)
    decided(desk, kind="refused", ground="i", test_id=test_id, released=[])
    CLOCK.set("2026-03-11T09:00")
    refused_late = file(service)["number"]
    CLOCK.set("2026-04-20T09:00")
    service.ppid.file_objection(refused_late, "siti@contoh.id", ["c"], "Tidak dijawab", "a")
    registers = service.ppid.ppid_registers(caller(service, "atasan"))
    assert [r["number"] for r in registers["requests"]] == [granted, "PPID-2026-0002",
                                                            refused_late]  # fmt: skip
    assert registers["requests"][0]["working_days"] == 6
    assert registers["objections"][0]["request"] == refused_late
    assert (
        registers["objections"][0]["answer_due"] == "2026-06-09"
    )  # Ascension, Idul Adha, Pancasila Day off
    assert service.ppid.ppid_registers(caller(service, "ppid.dpk"))["requests"] == []
    report = service.ppid.ppid_report(ADMIN, 2026)
    assert (report["requests"], report["granted"], report["refused"], report["undecided"]) == (
        3, 1, 1, 1)  # fmt: skip
    assert report["refused_by_ground"] == {"i": 1} and report["within_10_days"] == 2
    assert report["objections"] == 1 and report["objections_open"] == 1
    assert service.ppid.ppid_report(ADMIN, 2025)["requests"] == 0
    pdf = service.ppid.ppid_report_pdf(ADMIN, 2026)
    text = PdfReader(BytesIO(pdf)).pages[0].extract_text()
    assert "LAPORAN LAYANAN INFORMASI PUBLIK TAHUN 2026" in text and "Pasal 17 huruf i" in text
    with pytest.raises(AccessDenied):  # a Pelaksana does not report for the whole body
        service.ppid.ppid_report(caller(service, "ppid.dinkes"), 2026)


def test_cli_report_and_registers(desk, tmp_path):
    service, _, _ = desk
    decided(desk)
    service.close()
    home = service.home
    report = json.loads(lontar_cli("ppid", "report", "--year", "2026", "--json", home=home).stdout)
    assert report["requests"] == 1 and report["granted"] == 1
    out = tmp_path / "register.xlsx"
    lontar_cli("ppid", "registers", "--format", "xlsx", "--out", str(out), home=home)
    assert out.read_bytes()[:2] == b"PK"
    queue = json.loads(lontar_cli("ppid", "queue", "--as", "ppid.utama", home=home).stdout)
    assert queue[0]["state"] == "decided"


def test_the_documented_deadline_example_is_what_the_cli_prints(service):
    """docs/ppid.md shows a `lontar ppid deadline` run; it must stay true."""
    import re

    from tests.conftest import PROJECT

    text = (PROJECT / "docs" / "ppid.md").read_text()
    command, shown = re.search(
        r"\$ lontar (ppid deadline [^\n]+)\n(\{.*?\n\})", text, re.S
    ).groups()
    service.close()
    done = lontar_cli(*command.split(), home=service.home)
    assert json.loads(done.stdout) == json.loads(shown)


# -- properties of the working-day arithmetic, on random days and agency calendars -------------

days = st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2028, 12, 31))


@settings(max_examples=200, deadline=None)
@given(received=days, offs=st.sets(days, max_size=8), ons=st.sets(days, max_size=3),
       n=st.integers(0, 40))  # fmt: skip
def test_working_day_counting_is_consistent(received, offs, ons, n):
    cal = Calendar(days_off={d: "libur" for d in offs}, days_on=frozenset(ons))
    start = cal.start(received)
    assert cal.is_working(start) and start >= received
    assert all(
        not cal.is_working(received + dt.timedelta(k)) for k in range((start - received).days)
    )
    due = cal.add(start, n)
    assert cal.between(start, due) == n  # exactly n working days after day 0
    assert n == 0 or cal.is_working(due)  # a due date is itself a working day
    assert cal.add(due, 0) == due and cal.add(start, n + 1) > due
