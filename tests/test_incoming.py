"""Received letters on real parts: letters sent inside Lontar arrive as incoming letters of
each receiving unit (registered at sending, or by the unit's pencatat with one click), letters
from outside are registered with their scans and PDFs through the ingest into a confined
thread, and the buku agenda masuk numbers, lists, searches and exports them."""

from __future__ import annotations

import datetime as dt
import io
import json

import openpyxl
import pytest
from pypdf import PdfReader

from repository.core import clock
from repository.core.content import pemda_of
from repository.core.db import reading
from repository.core.errors import AccessDenied, InvalidInput, RecordNotFound
from repository.core.i18n import translate
from repository.core.security import ADMIN, Caller
from repository.letters import drafting, views
from tests.conftest import make_pdf, make_scan
from tests.test_letters import (  # noqa: F401  (fixtures)
    PASSWORD,
    office,
    ready_letter,
    sign,
    signing,
    who,
)

YEAR = clock.today().year


def external(service, name: str = "pencatat", files=None, **changes) -> dict:
    fields = {
        "sender": "Direktur RSUD Kota Uji",
        "their_number": "445/120/RSUD/2026",
        "their_date": clock.today().isoformat(),
        "hal": "Permohonan data kasus demam berdarah",
        "summary": "Data kasus per kecamatan untuk laporan triwulan.",
        "sifat": "biasa",
        "urgency": "segera",
        "attachments_note": "1 berkas",
        **changes,
    }
    if files is None:
        files = [("surat-rsud.pdf", make_pdf("Permohonan data", "Zebrakuda demam berdarah"))]
    return service.letters.register_external(who(service, name), "DINKES", fields, files)


def stored(service, read):
    with reading(service.db) as root:
        pemda = pemda_of(root)
        return read(pemda, pemda.letters)


def sent_letter(service) -> str:
    """A letter from DINKES to every OPD (DINKES and DPK: their heads' inboxes), signed and
    sent by the Kepala Dinas."""
    letter_id = ready_letter(service)
    sign(service, letter_id)
    service.letters.send(who(service, "kadis"), letter_id)
    return letter_id


def incoming_of(service, letter_id: str) -> dict[str, str]:
    """{unit: incoming id} of a sent letter's deliveries."""

    def read(pemda, registry):
        return {i.unit: i.id for i in registry.incoming.values() if i.letter_id == letter_id}

    return stored(service, read)


def work(service, queue: str, owner: str) -> set[str]:
    return stored(service, lambda _, r: set((r.work or {}).get(f"{queue}|{owner}", ())))


# -- letters sent inside Lontar --------------------------------------------------------------------
def test_a_sent_letter_is_registered_in_every_inbox_at_once(signing):  # noqa: F811
    service = signing
    letter_id = sent_letter(service)
    arrived = incoming_of(service, letter_id)
    assert set(arrived) == {"DINKES", "DPK"}
    dpk = service.letters.incoming(who(service, "kadpk"), arrived["DPK"])
    assert dpk["agenda"] == f"0001/DPK/{YEAR}"
    assert dpk["state"] == "registered" and dpk["registered_by"] == "system"
    assert dpk["addressed"]["code"] == "KADPK" and dpk["source"] == "internal"
    assert dpk["sender"] == "Dinas Kesehatan — Kepala Dinas Kesehatan"
    assert dpk["their_number"] == f"400.7/001/DINKES/{YEAR}"
    assert dpk["letter_id"] == letter_id  # the sent letter opens for its addressee
    # the thread holds the signed PDF byte for byte
    (document,) = dpk["documents"]
    copy = service.letters.incoming_document(who(service, "kadpk"), dpk["id"], document["id"])
    assert copy == service.letters.signed_pdf(ADMIN, letter_id)
    # the addressee's queues, and the delivery names its incoming letter
    assert dpk["id"] in work(service, "incoming_unread", "position:KADPK")
    assert dpk["id"] in work(service, "incoming_open", "position:KADPK")
    assert dpk["id"] in work(service, "party", "position:KADPK")

    def delivered(_, registry):
        return registry.inbox["position:KADPK"][letter_id].incoming

    assert stored(service, delivered) == dpk["id"]


def test_a_copy_is_registered_as_a_tembusan_for_reading_only(signing):  # noqa: F811
    service = signing
    letter_id = ready_letter(service, recipients=["unit:DINKES"], copies=["position:KADPK"])
    sign(service, letter_id)
    service.letters.send(who(service, "kadis"), letter_id)
    arrived = incoming_of(service, letter_id)
    copy = service.letters.incoming(who(service, "kadpk"), arrived["DPK"])
    assert copy["kind"] == "cc" and copy["state"] == "registered"
    assert arrived["DPK"] in work(service, "cc_unread", "position:KADPK")
    assert arrived["DPK"] not in work(service, "incoming_unread", "position:KADPK")
    assert arrived["DPK"] not in work(service, "incoming_open", "position:KADPK")


def test_without_automatic_registration_the_clerk_registers_with_one_click(signing):  # noqa: F811
    service = signing
    service.letters.set_auto_register(ADMIN, False)
    letter_id = sent_letter(service)
    waiting = incoming_of(service, letter_id)["DINKES"]
    assert waiting in work(service, "unregistered", "unit:DINKES")
    pencatat = who(service, "pencatat")
    listed = service.letters.unregistered(pencatat, "DINKES")
    assert [row["id"] for row in listed] == [waiting]
    view = service.letters.incoming(pencatat, waiting)
    assert view["state"] == "unregistered" and view["agenda"] == ""
    assert view["actions"][0] == "register"
    with pytest.raises(RecordNotFound):  # not even shown to a bidang
        service.letters.register(who(service, "kabid"), waiting)
    with pytest.raises(AccessDenied):  # the addressee reads it, the clerks register it
        service.letters.register(who(service, "kadis"), waiting)
    done = service.letters.register(pencatat, waiting)
    assert done["agenda"] == f"0001/DINKES/{YEAR}"
    assert waiting not in work(service, "unregistered", "unit:DINKES")
    assert waiting in work(service, "incoming_unread", "position:KADIS")
    view = service.letters.incoming(pencatat, waiting)
    assert view["registered_by"] == "pencatat" and len(view["documents"]) == 1
    with pytest.raises(InvalidInput) as refused:
        service.letters.register(pencatat, waiting)
    assert refused.value.key == "incoming_already_registered"


# -- letters from outside --------------------------------------------------------------------------
def test_the_pencatat_registers_a_letter_from_outside_with_its_files(office):  # noqa: F811
    service = office
    pdf = make_pdf("Permohonan data", "Zebrakuda demam berdarah")
    scan = make_scan("PERMOHONAN DATA", "Lampiran daftar kasus")
    made = external(service, files=[("surat.pdf", pdf), ("lampiran.png", scan)])
    assert made["agenda"] == f"0001/DINKES/{YEAR}"
    assert len(made["report"]["accepted"]) == 2
    view = service.letters.incoming(who(service, "kadis"), made["id"])
    assert view["addressed"]["code"] == "KADIS"  # the unit's head by default
    assert view["hal"] == "Permohonan data kasus demam berdarah"
    assert [d["filename"] for d in view["documents"]] == ["surat.pdf", "lampiran.png"]
    first = view["documents"][0]["id"]
    assert service.letters.incoming_document(who(service, "kadis"), made["id"], first) == pdf
    history = [line["what"] for line in view["history"]]
    assert history == ["registered"]
    assert (
        translate(view["history"][0]["key"], "id", **view["history"][0]["params"])
        != (view["history"][0]["key"])
    )


def test_only_the_chain_sees_the_letter_and_its_thread(office):  # noqa: F811
    service = office
    made = external(service)
    thread = made["thread"]
    for name in ("pencatat", "kadis"):
        assert service.letters.incoming(who(service, name), made["id"])["id"] == made["id"]
        assert service.records.show(who(service, name), thread)["id"] == thread
    for name in ("staf", "kabid", "kadpk", "luar"):
        with pytest.raises(RecordNotFound) as hidden:
            service.letters.incoming(who(service, name), made["id"])
        assert hidden.value.key == "incoming_not_found"
        with pytest.raises(RecordNotFound):
            service.records.show(who(service, name), thread)
    with pytest.raises(RecordNotFound) as missing:
        service.letters.incoming(who(service, "kadis"), "tidakada")
    assert missing.value.key == "incoming_not_found"


def test_a_document_is_served_only_from_its_own_thread(office):  # noqa: F811
    service = office
    one, other = external(service), external(service, files=[("b.pdf", make_pdf("Lain", "x"))])
    foreign = service.letters.incoming(ADMIN, other["id"])["documents"][0]["id"]
    with pytest.raises(RecordNotFound):
        service.letters.incoming_document(who(service, "kadis"), one["id"], foreign)


def test_the_thread_is_a_berkas_of_the_units_series_of_the_year(office):  # noqa: F811
    service = office
    made = external(service, classification="400.7")
    thread = service.records.show(ADMIN, made["thread"])
    assert thread["level"] == "file" and thread["classification"] == "400.7"
    assert (
        thread["title"] == f"Naskah masuk 0001/DINKES/{YEAR}: Permohonan data kasus demam berdarah"
    )

    def series(pemda, _):
        record = pemda.records[made["thread"]]
        return record.parent.level, record.parent.title, record.parent.parent.code

    assert stored(service, series) == ("series", f"Naskah Masuk {YEAR}", "DINKES")
    second = external(service)
    assert stored(service, lambda p, _: p.records[second["thread"]].parent.id) == (
        stored(service, lambda p, _: p.records[made["thread"]].parent.id)
    )


@pytest.mark.parametrize(
    ("changes", "key"),
    [
        ({"sender": " "}, "incoming_sender_required"),
        ({"hal": ""}, "letter_hal_required"),
        ({"received": "2999-01-01"}, "incoming_received_future"),
        ({"their_date": "2999-01-01"}, "incoming_their_date_after"),
        ({"sifat": "sangat"}, "letter_sifat_invalid"),
        ({"addressed": "KADPK"}, "incoming_addressed_invalid"),
        ({"received": "kemarin"}, "bad_date"),
    ],
)
def test_bad_fields_are_refused_before_a_number_is_taken(office, changes, key):  # noqa: F811
    service = office
    with pytest.raises(InvalidInput) as refused:
        external(service, **changes)
    assert refused.value.key == key
    assert external(service)["agenda"] == f"0001/DINKES/{YEAR}"  # no number was lost


def test_no_file_no_registration_and_only_the_units_pencatat(office):  # noqa: F811
    service = office
    with pytest.raises(InvalidInput) as refused:
        external(service, files=[])
    assert refused.value.key == "incoming_file_required"
    for name in ("staf", "kadis"):
        with pytest.raises(AccessDenied):
            external(service, name)
    with pytest.raises(AccessDenied):  # a pencatat of DINKES does not register for DPK
        service.letters.register_external(
            who(service, "pencatat"), "DPK", {"sender": "x", "hal": "y"}, [("a.pdf", b"%PDF")]
        )


def test_a_letter_above_the_registrars_clearance_is_refused(office):  # noqa: F811
    service = office
    service.access.add_account(ADMIN, "pencatat.b", PASSWORD, {"Pencatat"}, unit="DINKES")
    with pytest.raises(InvalidInput) as refused:
        external(service, "pencatat.b", sifat="terbatas")
    assert refused.value.key == "incoming_above_clearance"


def test_a_duplicate_or_corrupt_file_is_reported_and_the_letter_kept(office):  # noqa: F811
    service = office
    pdf = make_pdf("Sama", "Isi yang sama persis")
    external(service, files=[("a.pdf", pdf)])
    again = external(service, files=[("a.pdf", pdf), ("rusak.pdf", b"%PDF-1.4 rusak")])
    assert again["agenda"] == f"0002/DINKES/{YEAR}"
    report = again["report"]
    assert [o["filename"] for o in report["duplicates"]] == ["a.pdf"]
    stored_or_flagged = report["accepted"] + report["rejected"]
    assert [o["filename"] for o in stored_or_flagged] == ["rusak.pdf"]


# -- the buku agenda -------------------------------------------------------------------------------
def test_the_register_lists_searches_and_withholds_above_clearance(office):  # noqa: F811
    service = office
    service.access.add_account(ADMIN, "arsip", PASSWORD, {"Arsiparis"}, unit="DINKES")
    external(service)
    external(service, sifat="terbatas", hal="Rahasia jabatan", sender="Inspektorat")
    rows = service.letters.agenda_register(who(service, "pencatat"), "DINKES", YEAR)
    assert [r["agenda"] for r in rows] == [f"000{n}/DINKES/{YEAR}" for n in (1, 2)]
    assert rows[1]["hal"] == "Rahasia jabatan" and rows[1]["addressed"] == "Kepala Dinas Kesehatan"
    found = service.letters.agenda_register(who(service, "pencatat"), "DINKES", YEAR, "inspektorat")
    assert [r["no"] for r in found] == [2]
    low = service.letters.agenda_register(who(service, "arsip"), "DINKES", YEAR)
    assert low[1]["withheld"] and low[1]["hal"] == "" and low[1]["sender"] == ""
    assert low[1]["agenda"] == f"0002/DINKES/{YEAR}"
    assert service.letters.agenda_register(who(service, "arsip"), "DINKES", YEAR, "rahasia") == []
    for name in ("staf", "kadis"):
        with pytest.raises(AccessDenied):
            service.letters.agenda_register(who(service, name), "DINKES", YEAR)


def test_the_register_exports_to_excel_and_pdf(office):  # noqa: F811
    service = office
    external(service)
    external(service, hal="Undangan sosialisasi")
    pencatat = who(service, "pencatat")
    book = openpyxl.load_workbook(
        io.BytesIO(service.letters.agenda_export(pencatat, "DINKES", YEAR, "xlsx"))
    )
    sheet = book.active
    assert sheet.cell(1, 3).value == "Nomor agenda"
    assert [sheet.cell(r, 3).value for r in (2, 3)] == [f"000{n}/DINKES/{YEAR}" for n in (1, 2)]
    assert sheet.cell(3, 7).value == "Undangan sosialisasi"
    data = service.letters.agenda_export(pencatat, "DINKES", YEAR, "pdf")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert "Buku Agenda Naskah Masuk Dinas Kesehatan" in text and "0002/DINKES" in text
    with pytest.raises(InvalidInput):
        service.letters.agenda_export(pencatat, "DINKES", YEAR, "docx")
    raw = (service.home.path / "audit" / "audit.jsonl").read_text()
    entries = [json.loads(line) for line in raw.splitlines()]
    exported = [e for e in entries if e["action"] == "incoming_agenda_exported"]
    assert len(exported) == 2
    actions = {e["action"] for e in entries}
    assert {"incoming_registered", "incoming_agenda_exported"} <= actions
    for action in ("incoming_registered", "incoming_agenda_exported", "agenda_pattern_saved"):
        for lang in ("id", "en"):
            assert translate(f"audit_action_{action}", lang) != f"audit_action_{action}"


def test_agenda_numbers_follow_the_units_pattern(office):  # noqa: F811
    service = office
    service.letters.set_agenda_pattern(ADMIN, "", "AG-{urut}/{tahun}")
    assert external(service)["agenda"] == f"AG-0001/{YEAR}"
    service.letters.set_agenda_pattern(ADMIN, "DINKES", "{urut}/{unit}/{bulan_romawi}/{tahun}")
    roman = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
    month = roman[clock.today().month - 1]
    assert external(service)["agenda"] == f"0002/DINKES/{month}/{YEAR}"
    assert service.letters.agenda_pattern(ADMIN, "DINKES")["own"].startswith("{urut}")
    for pattern, key in (
        ("{unit}/{tahun}", "agenda_pattern_needs_urut"),
        ("{urut}/{kka}", "agenda_pattern_token"),
        ("{urut", "agenda_pattern_invalid"),
    ):
        with pytest.raises(InvalidInput) as refused:
            service.letters.set_agenda_pattern(ADMIN, "DINKES", pattern)
        assert refused.value.key == key
    with pytest.raises(AccessDenied):
        service.letters.set_agenda_pattern(who(service, "pencatat"), "DINKES", "{urut}")
    service.letters.set_agenda_pattern(ADMIN, "DINKES", "")  # back to the Pemda's
    assert external(service)["agenda"] == f"AG-0003/{YEAR}"


# -- who takes part changes ------------------------------------------------------------------------
def confined(service, record_id: str) -> tuple[str, ...]:
    return stored(service, lambda pemda, _: tuple(pemda.records[record_id].confined))


def test_a_new_holder_of_the_addressed_position_takes_over_the_thread(office):  # noqa: F811
    service = office
    made = external(service)
    assert "user:kadis" in confined(service, made["thread"])
    assert "role:Pencatat@DINKES" in confined(service, made["thread"])
    assert "user:pencatat" in confined(service, made["thread"])  # the registrar
    service.letters.save_position(
        ADMIN, "KADIS", unit="DINKES", name="Kepala Dinas Kesehatan", holder="plt",
        abbreviation="KADIS", rank=1,
    )  # fmt: skip
    after = confined(service, made["thread"])
    assert "user:plt" in after and "user:kadis" not in after
    with pytest.raises(RecordNotFound):
        service.letters.incoming(who(service, "kadis"), made["id"])
    with pytest.raises(RecordNotFound):
        service.records.show(who(service, "kadis"), made["thread"])
    assert service.letters.incoming(who(service, "plt"), made["id"])["id"] == made["id"]

    def restricted(pemda, _):
        return f"user:kadis|{made['thread']}" in (pemda.restrictions or {})

    assert stored(service, restricted)  # hidden from search until the index catches up


def test_an_acting_holder_reads_through_the_letter_on_their_days_only(office):  # noqa: F811
    """Plt/Plh are never in the thread's confinement: their period starts and ends by the
    calendar (review findings 1, 2). They read the letter and its documents on their days."""
    service = office
    made = external(service)
    today = clock.today()
    later = today + dt.timedelta(days=30)
    service.letters.set_acting(ADMIN, "KADIS", "Plt", "staf", later, later + dt.timedelta(days=5))
    service.letters.set_acting(ADMIN, "KADIS", "Plh", "sekdis", today, today)
    assert {"user:staf", "user:sekdis"}.isdisjoint(confined(service, made["thread"]))
    for name in ("staf", "sekdis"):
        with pytest.raises(RecordNotFound):
            service.records.show(who(service, name), made["thread"])
    with pytest.raises(RecordNotFound):  # a future Plt: not yet
        service.letters.incoming(who(service, "staf"), made["id"])
    view = service.letters.incoming(who(service, "sekdis"), made["id"])
    document = view["documents"][0]["id"]
    assert service.letters.incoming_document(who(service, "sekdis"), made["id"], document)
    after = dt.datetime.combine(today + dt.timedelta(days=3), dt.time(10), tzinfo=dt.UTC)
    clock.set_source(lambda: after)
    try:
        with pytest.raises(RecordNotFound):  # the Plh's day is over
            service.letters.incoming(who(service, "sekdis"), made["id"])
        with pytest.raises(RecordNotFound):
            service.letters.incoming_document(who(service, "sekdis"), made["id"], document)
    finally:
        clock.set_source(None)


def test_an_account_cannot_take_the_registrar_name_of_sending(signing):  # noqa: F811
    """Review finding 3: "system" registers letters at sending; nobody may pass for it, and
    the name gives no sight of a letter even if an account had it."""
    service = signing
    with pytest.raises(InvalidInput) as refused:
        service.access.add_account(ADMIN, "System", PASSWORD, {"Staf"}, unit="DPK")
    assert refused.value.key == "account_name_reserved"
    arrived = incoming_of(service, sent_letter(service))["DINKES"]

    def registrar(pemda, registry):
        return registry.incoming[arrived].registered_by

    assert stored(service, registrar) == "system"
    named = Caller("system", (("DPK", frozenset({"Staf"})),), clearance="R")  # as if it were

    def sees(pemda, registry):
        day = clock.today()
        found = registry.incoming[arrived]
        return views.sees_incoming(pemda, registry, found, views.Who.of(registry, named, day))

    assert stored(service, sees) is False


def test_a_unit_without_a_head_gets_its_letter_addressed_to_the_head_above(signing):  # noqa: F811
    """Review finding 6: DINKES.P2P has no position; its letter goes to DINKES's head."""
    service = signing
    letter_id = ready_letter(service, recipients=["unit:DINKES.P2P"], copies=[])
    sign(service, letter_id)
    service.letters.send(who(service, "kadis"), letter_id)
    arrived = incoming_of(service, letter_id)["DINKES.P2P"]
    view = service.letters.incoming(who(service, "pencatat"), arrived)  # DINKES's clerk
    assert view["agenda"] == f"0001/DINKES.P2P/{YEAR}" and view["addressed"]["code"] == "KADIS"
    assert arrived in work(service, "incoming_open", "position:KADIS")
    assert "dispose" in service.letters.incoming(who(service, "kadis"), arrived)["actions"]
    with pytest.raises(RecordNotFound):  # a member of the unit does not see it as such
        service.letters.incoming(who(service, "luar"), arrived)


def test_with_no_head_up_the_tree_the_letter_waits_for_the_clerk_to_name_one(signing):  # noqa: F811
    service = signing
    service.records.add_unit(ADMIN, "DINKES.P2P.SURV", "Seksi Surveilans", "DINKES.P2P")
    service.records.add_unit(ADMIN, "BPBD", "Badan Penanggulangan Bencana Daerah")
    service.access.add_account(ADMIN, "catat.bpbd", PASSWORD, {"Pencatat"}, unit="BPBD")
    letter_id = ready_letter(service, recipients=["unit:BPBD"], copies=[])
    sign(service, letter_id)
    service.letters.send(who(service, "kadis"), letter_id)
    arrived = incoming_of(service, letter_id)["BPBD"]
    clerk = who(service, "catat.bpbd")
    assert arrived in work(service, "unregistered", "unit:BPBD")  # despite auto_register
    assert service.letters.incoming(clerk, arrived)["state"] == "unregistered"
    with pytest.raises(InvalidInput) as refused:
        service.letters.register(clerk, arrived)
    assert refused.value.key == "incoming_addressed_required"
    # rank 0: not a head, but a position the clerk may name
    service.letters.save_position(
        ADMIN, "KALAK", unit="BPBD", name="Kepala Pelaksana BPBD", holder="luar",
        abbreviation="KALAK", rank=0,
    )  # fmt: skip
    done = service.letters.register(clerk, arrived, addressed="KALAK")
    assert done["agenda"] == f"0001/BPBD/{YEAR}"
    assert arrived in work(service, "incoming_open", "position:KALAK")


def test_the_same_scan_as_a_second_letter_is_filed_into_its_thread_too(office):  # noqa: F811
    """Review finding 7: a duplicate of another thread's item is filed here as well, flagged."""
    service = office
    pdf = make_pdf("Edaran", "Surat edaran tentang vaksinasi")
    first = external(service, files=[("se.pdf", pdf)], addressed="KADIS")
    second = external(service, files=[("se.pdf", pdf), ("lagi.pdf", pdf)], addressed="SEKDIS")
    duplicates = second["report"]["duplicates"]
    assert len(duplicates) == 2
    view = service.letters.incoming(who(service, "sekdis"), second["id"])
    assert [d["flags"] for d in view["documents"]] == [["duplicate"]]  # once, not twice
    document = view["documents"][0]["id"]
    assert service.letters.incoming_document(who(service, "sekdis"), second["id"], document) == pdf
    first_doc = service.letters.incoming(who(service, "kadis"), first["id"])["documents"][0]
    assert first_doc["id"] != document
    assert duplicates[0]["id"] == document


def test_the_register_withholds_letters_the_reader_may_not_open(office):  # noqa: F811
    """Review finding 8: an Arsiparis keeps the unit's registers but is not in the chain."""
    service = office
    service.access.add_account(ADMIN, "arsip", PASSWORD, {"Arsiparis"}, unit="DINKES",
                               clearance="R")  # fmt: skip
    made = external(service, hal="Mutasi pejabat eselon")
    arsip = who(service, "arsip")
    with pytest.raises(RecordNotFound):
        service.letters.incoming(arsip, made["id"])
    (row,) = service.letters.agenda_register(arsip, "DINKES", YEAR)
    assert row["withheld"] and row["agenda"] == made["agenda"]
    assert (row["hal"], row["sender"], row["summary"], row["their_number"]) == ("", "", "", "")
    assert service.letters.agenda_register(arsip, "DINKES", YEAR, "mutasi") == []
    sheet = openpyxl.load_workbook(
        io.BytesIO(service.letters.agenda_export(arsip, "DINKES", YEAR, "xlsx"))
    ).active
    assert "Mutasi pejabat eselon" not in [c.value for c in sheet[2]]
    (full,) = service.letters.agenda_register(who(service, "pencatat"), "DINKES", YEAR)
    assert full["hal"] == "Mutasi pejabat eselon"


def test_only_those_who_manage_letters_switch_automatic_registration(office):  # noqa: F811
    service = office
    with pytest.raises(AccessDenied):
        service.letters.set_auto_register(who(service, "pencatat"), False)
    service.letters.set_auto_register(ADMIN, False)
    assert service.letters.agenda_pattern(ADMIN)["auto_register"] is False


def test_a_draft_may_answer_only_a_letter_its_author_may_open(signing):  # noqa: F811
    """Suspected c: the check and the back link drafting offers (wired into
    LetterServices.draft by the lead)."""
    service = signing
    arrived = incoming_of(service, sent_letter(service))["DINKES"]

    def check(name: str, value: str):
        return stored(
            service, lambda pemda, registry: drafting.reply_to(who(service, name), pemda,
                                                                registry, value)
        )  # fmt: skip

    assert check("kadis", f" {arrived} ") == arrived and check("luar", "") == ""
    for name, value in (("luar", arrived), ("kadis", "tidakada")):
        with pytest.raises(InvalidInput) as refused:
            check(name, value)
        assert refused.value.key == "letter_in_reply_to_invalid"
