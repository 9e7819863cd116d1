"""Disposition on real parts: a FileStorage repository, the letters' service, WeasyPrint for
the lembar disposisi, pypdf to read it back, the audit trail as written.

Incoming letters are registered through helper A's service when it exists (register_external);
the rules' own tests (test_disposition_rules.py) also build them directly."""

from __future__ import annotations

import datetime as dt
import hashlib
import io

import pytest
from pypdf import PdfReader

from repository.app import Lontar, SearchRequest
from repository.core import clock, formatting
from repository.core.config import Home
from repository.core.content import pemda_of
from repository.core.db import reading, write
from repository.core.errors import AccessDenied, InvalidInput, RecordNotFound
from repository.core.security import ADMIN
from repository.letters import workindex
from repository.letters.model import Incoming, new_id, registry_of
from tests.conftest import PASSWORDS, make_pdf
from tests.test_pages import open_page, static_table, text_of
from ui import registry
from ui.frame import close_services

PASSWORD = "kata-sandi-uji-1"
PEOPLE = {
    # account: (roles, unit, full name, clearance)
    "kadis": ({"Pejabat"}, "DINKES", "dr. Dewi Kadis", "R"),
    "sekdis": ({"Pejabat"}, "DINKES", "Citra Sekdis", "R"),
    "kabid": ({"Pejabat"}, "DINKES", "Budi Kabid", "R"),
    "kasi": ({"Staf"}, "DINKES", "Kiki Kasi", "B"),
    "staf": ({"Staf"}, "DINKES", "Sari Staf", "R"),
    "pencatat": ({"Pencatat"}, "DINKES", "Fajar Pencatat", "R"),
    "kadpk": ({"Pejabat"}, "DPK", "Gita Kadpk", "R"),
    "pustakawan": ({"Staf"}, "DPK", "Putri Pustakawan", "R"),
    "pencatatpk": ({"Pencatat"}, "DPK", "Rudi Pencatat", "R"),
}
POSITIONS = [
    # code, unit, name, parent, holder, rank
    ("KADIS", "DINKES", "Kepala Dinas Kesehatan", "", "kadis", 1),
    ("SEKDIS", "DINKES", "Sekretaris Dinas Kesehatan", "KADIS", "sekdis", 2),
    ("KABID", "DINKES.P2P", "Kepala Bidang P2P", "KADIS", "kabid", 2),
    ("KASI", "DINKES.P2P", "Kepala Seksi Surveilans", "KABID", "kasi", 3),
    ("STAF", "DINKES.P2P", "Staf Surveilans", "KASI", "staf", 4),
    ("KADPK", "DPK", "Kepala Dinas Perpustakaan dan Kearsipan", "", "kadpk", 1),
    ("PUSTAKA", "DPK", "Pustakawan", "KADPK", "pustakawan", 4),
]


@pytest.fixture
def org(service):
    for name, (roles, unit, full_name, clearance) in PEOPLE.items():
        service.access.add_account(
            ADMIN, name, PASSWORD, roles, unit=unit, full_name=full_name, clearance=clearance
        )
    for code, unit, name, parent, holder, rank in POSITIONS:
        service.letters.save_position(
            ADMIN, code, unit=unit, name=name, parent=parent, holder=holder, rank=rank
        )
    return service


def who(service, name: str):
    return service.access.caller(name)


def received(service, *, unit="DINKES", addressed="KADIS", security="B", hal="Undangan rapat"):
    """A registered incoming letter (external, addressed to `addressed`): through A's
    registration when it exists, else written as A's registration leaves it."""
    letters = service.letters
    if hasattr(letters, "register_external"):
        fields = {
            "sender": "Kementerian Kesehatan",
            "their_number": "PR.01/123",
            "their_date": clock.today(),
            "hal": hal,
            "sifat": {"B": "biasa", "T": "terbatas", "R": "rahasia"}[security],
            "urgency": "segera",
            "classification": "400.7",
            "addressed": addressed,
        }
        files = [("surat.pdf", make_pdf(hal, f"Surat {new_id()} tentang {hal}."))]
        return letters.register_external(ADMIN, unit, fields, files)["id"]
    return _written(service, unit, addressed, security, hal)


def _written(service, unit: str, addressed: str, security: str, hal: str) -> str:
    def create(root) -> str:
        registry = registry_of(pemda_of(root))
        found = Incoming(new_id(), unit, "external", clock.today())
        found.state, found.addressed, found.security, found.hal = (
            "registered",
            addressed,
            security,
            hal,
        )
        found.sender, found.their_number = "Kementerian Kesehatan", "PR.01/123"
        found.their_date, found.agenda, found.registered_by = clock.today(), "0001/X", "pencatat"
        found.sifat = {"B": "biasa", "T": "terbatas", "R": "rahasia"}[security]
        found.classification = "400.7"
        registry.table("incoming")[found.id] = found
        for queue in ("incoming_unread", "incoming_open", "party"):
            workindex.add(registry, queue, f"position:{addressed}", found.id)
        return found.id

    return write(service.db, create)


def queue(service, name: str, owner: str) -> list[str]:
    with reading(service.db) as root:
        return workindex.ids(pemda_of(root).letters, name, [owner])


def state(service, incoming_id: str) -> str:
    with reading(service.db) as root:
        return pemda_of(root).letters.incoming[incoming_id].state


def sees(service, name: str, incoming_id: str) -> bool:
    try:
        service.letters.disposition_rows(who(service, name), incoming_id)
    except RecordNotFound:
        return False
    return True


def acts(service) -> int:
    """Entries of the trail apart from reading the trail itself."""
    return sum(e["action"] != "audit_read" for e in service.access.audit_entries(ADMIN))


def audited(service, action: str) -> list[dict]:
    return [e for e in service.access.audit_entries(ADMIN) if e["action"] == action]


# -- the chain ------------------------------------------------------------------------------------
def test_dispose_down_the_chain_then_close(org):
    service = org
    incoming = received(service)
    assert sees(service, "kadis", incoming) and sees(service, "pencatat", incoming)
    assert not sees(service, "kabid", incoming) and not sees(service, "kasi", incoming)
    assert not sees(service, "kadpk", incoming)

    kadis = who(service, "kadis")
    given = service.letters.dispose(
        kadis, incoming, ["KABID", "SEKDIS"], ["untuk_ditindaklanjuti"], note="Segera"
    )
    assert len(given) == 2 and state(service, incoming) == "disposed"
    assert incoming not in queue(service, "incoming_open", "position:KADIS")
    assert queue(service, "disp_unread", "position:KABID") == [given[0]]
    assert incoming in queue(service, "party", "position:KABID")
    assert sees(service, "kabid", incoming) and not sees(service, "kasi", incoming)

    kabid = who(service, "kabid")
    service.letters.mark_incoming_read(kabid, incoming)
    assert queue(service, "disp_unread", "position:KABID") == []
    assert queue(service, "disp_open", "position:KABID") == [given[0]]
    below = service.letters.dispose(kabid, incoming, ["KASI"], ["siapkan_bahan"])
    assert sees(service, "kasi", incoming) and not sees(service, "staf", incoming)
    rows = service.letters.disposition_rows(kabid, incoming)["rows"]
    assert [r["parent"] for r in rows] == ["", "", given[0]]
    assert rows[2]["from"]["name"] == "Kepala Bidang P2P" and rows[2]["from_name"] == "Budi Kabid"
    assert rows[0]["instructions"][0]["label"]["id"] == "Untuk ditindaklanjuti"

    kasi = who(service, "kasi")
    with pytest.raises(InvalidInput) as no_note:
        service.letters.close_disposition(kasi, below[0], "  ")
    assert no_note.value.key == "disposition_note_required"
    service.letters.close_disposition(kasi, below[0], "Bahan disiapkan")
    service.letters.close_disposition(kabid, given[0], "Ditindaklanjuti oleh seksi")
    assert state(service, incoming) == "disposed"
    service.letters.close_disposition(who(service, "sekdis"), given[1], "Dicatat")
    assert state(service, incoming) == "done"
    assert queue(service, "disp_open", "position:SEKDIS") == []
    # who acted keeps seeing it; the chain is in the audit trail with its targets
    assert sees(service, "kasi", incoming)
    assert {e["detail"]["to"] for e in audited(service, "disposition_given")} == {
        "KABID",
        "SEKDIS",
        "KASI",
    }
    assert len(audited(service, "disposition_closed")) == 3


def test_only_holders_of_the_addressed_or_a_recipient_may_dispose(org):
    service = org
    incoming = received(service)
    with pytest.raises(RecordNotFound):  # cannot even see it
        service.letters.dispose(who(service, "kabid"), incoming, ["KASI"], ["untuk_diketahui"])
    with pytest.raises(AccessDenied):  # sees it as clerk, holds no position in the chain
        service.letters.dispose(who(service, "pencatat"), incoming, ["KABID"], ["untuk_diketahui"])
    kadis = who(service, "kadis")
    with pytest.raises(InvalidInput) as sideways:
        service.letters.dispose(kadis, incoming, ["KADPK"], ["untuk_diketahui"])
    assert sideways.value.key == "disposition_target_invalid"
    with pytest.raises(InvalidInput) as nothing:
        service.letters.dispose(kadis, incoming, ["KABID"], [])
    assert nothing.value.key == "disposition_instruction_required"
    with pytest.raises(InvalidInput) as unknown:
        service.letters.dispose(kadis, incoming, ["KABID"], ["terbangkan"])
    assert unknown.value.key == "disposition_instruction_unknown"
    yesterday = clock.today() - dt.timedelta(days=1)
    with pytest.raises(InvalidInput) as past:
        service.letters.dispose(kadis, incoming, ["KABID"], ["untuk_diketahui"], due=yesterday)
    assert past.value.key == "disposition_due_past"
    assert state(service, incoming) == "registered"  # nothing changed on any refusal
    service.letters.dispose(kadis, incoming, ["KABID"], ["untuk_diketahui"])
    with pytest.raises(InvalidInput) as twice:
        service.letters.dispose(kadis, incoming, ["KABID"], ["untuk_diketahui"])
    assert twice.value.key == "disposition_target_duplicate"


def test_targets_down_and_sideways(org):
    service = org
    incoming = received(service)
    kadis = who(service, "kadis")
    down = {
        r["code"]
        for r in service.letters.disposition_targets(kadis, incoming)
        if r["kind"] == "down"
    }
    assert down == {"SEKDIS", "KABID", "KASI", "STAF"}
    given = service.letters.dispose(kadis, incoming, ["KABID"], ["koordinasikan"])
    kabid = who(service, "kabid")
    offered = service.letters.disposition_targets(kabid, incoming)
    assert {(r["code"], r["kind"]) for r in offered} == {
        ("KASI", "down"),
        ("STAF", "down"),
        ("SEKDIS", "coordinate"),
    }
    assert {r["parent"] for r in offered} == {given[0]}
    with pytest.raises(InvalidInput):  # SEKDIS is beside, not below
        service.letters.dispose(kabid, incoming, ["SEKDIS"], ["koordinasikan"])
    service.letters.dispose(kabid, incoming, ["SEKDIS"], ["koordinasikan"], kind="coordinate")
    assert sees(service, "sekdis", incoming)


def test_sideways_never_goes_up_and_an_unset_rank_is_no_rank(service):
    """Ranks left unset (0): "coordinate" offers siblings only, never the head above."""
    for name in ("kadis", "kabid", "kabid2", "kasi"):
        service.access.add_account(ADMIN, name, PASSWORD, {"Pejabat"}, unit="DINKES", clearance="R")
    for code, parent, holder in (
        ("KADIS", "", "kadis"), ("KABID", "KADIS", "kabid"), ("KABID2", "KADIS", "kabid2"),
        ("KASI", "KABID", "kasi"),
    ):  # fmt: skip
        service.letters.save_position(
            ADMIN, code, unit="DINKES", name=f"Jabatan {code}", parent=parent, holder=holder
        )
    incoming = received(service)
    service.letters.dispose(who(service, "kadis"), incoming, ["KABID"], ["untuk_diketahui"])
    kabid = who(service, "kabid")
    offered = {(r["code"], r["kind"]) for r in service.letters.disposition_targets(kabid, incoming)}
    assert offered == {("KASI", "down"), ("KABID2", "coordinate")}
    with pytest.raises(InvalidInput):
        service.letters.dispose(kabid, incoming, ["KADIS"], ["koordinasikan"], kind="coordinate")
    service.letters.dispose(kabid, incoming, ["KABID2"], ["koordinasikan"], kind="coordinate")
    assert sees(service, "kabid2", incoming)


def test_a_classified_letter_keeps_its_class_down_the_chain(org):
    service = org
    incoming = received(service, security="R")
    kadis = who(service, "kadis")
    service.letters.dispose(kadis, incoming, ["KABID"], ["untuk_ditindaklanjuti"])
    kabid = who(service, "kabid")
    with pytest.raises(InvalidInput) as refused:  # kasi is cleared for B only
        service.letters.dispose(kabid, incoming, ["KASI"], ["siapkan_bahan"])
    assert refused.value.key == "disposition_not_cleared"
    assert refused.value.params["holder"] == "Kiki Kasi"
    cleared = {
        r["code"]: r["cleared"] for r in service.letters.disposition_targets(kabid, incoming)
    }
    assert cleared["KASI"] is False and cleared["STAF"] is True
    service.letters.dispose(kabid, incoming, ["STAF"], ["siapkan_bahan"])
    assert sees(service, "staf", incoming) and not sees(service, "kasi", incoming)


def test_cancel_while_unread_only_and_it_gives_nothing_to_the_recipient(org):
    service = org
    incoming = received(service)
    kadis = who(service, "kadis")
    first, second = service.letters.dispose(
        kadis, incoming, ["KABID", "SEKDIS"], ["untuk_diketahui"]
    )
    with pytest.raises(AccessDenied):
        service.letters.cancel_disposition(who(service, "sekdis"), first)
    service.letters.cancel_disposition(kadis, first)
    assert not sees(service, "kabid", incoming)
    assert queue(service, "disp_unread", "position:KABID") == []
    assert queue(service, "disp_open", "position:KABID") == []
    assert incoming not in queue(service, "party", "position:KABID")
    assert state(service, incoming) == "disposed"
    service.letters.mark_incoming_read(who(service, "sekdis"), incoming)
    with pytest.raises(InvalidInput) as late:
        service.letters.cancel_disposition(kadis, second)
    assert late.value.key == "disposition_not_cancellable"
    rows = service.letters.disposition_rows(kadis, incoming)["rows"]
    assert [r["state"] for r in rows] == ["cancelled", "read"]


def test_cancelling_the_last_puts_it_back_in_the_addressees_open_list(org):
    service = org
    incoming = received(service)
    kadis = who(service, "kadis")
    (only,) = service.letters.dispose(kadis, incoming, ["KABID"], ["untuk_diketahui"])
    assert incoming not in queue(service, "incoming_open", "position:KADIS")
    service.letters.cancel_disposition(kadis, only)
    assert state(service, incoming) == "registered"
    assert incoming in queue(service, "incoming_open", "position:KADIS")
    assert len(audited(service, "disposition_cancelled")) == 1


def test_needs_no_disposition_and_closed_by_the_addressee(org):
    service = org
    one, two = received(service, hal="Satu"), received(service, hal="Dua")
    kadis = who(service, "kadis")
    with pytest.raises(AccessDenied):
        service.letters.no_disposition(who(service, "pencatat"), one, "tidak perlu")
    service.letters.no_disposition(kadis, one, "Sekadar pemberitahuan")
    service.letters.close_incoming(kadis, two, "Sudah dihadiri sendiri")
    assert (state(service, one), state(service, two)) == ("no_disposition", "done")
    assert queue(service, "incoming_open", "position:KADIS") == []
    assert queue(service, "incoming_unread", "position:KADIS") == []
    with pytest.raises(InvalidInput) as closed:
        service.letters.dispose(kadis, one, ["KABID"], ["untuk_diketahui"])
    assert closed.value.key == "disposition_incoming_state_no_disposition"
    for lang, words in (("id", "tidak perlu disposisi"), ("en", "needing no disposition")):
        shown = closed.value.message(lang)
        assert words in shown and "no_disposition" not in shown, shown  # words, not the code
    with pytest.raises(InvalidInput) as done:
        service.letters.no_disposition(kadis, two, "lagi")
    assert "selesai" in done.value.message("id") and "done" not in done.value.message("id")


def test_read_marks_are_state_not_audit_and_written_once(org):
    service = org
    incoming = received(service)
    kadis = who(service, "kadis")
    before = acts(service)
    assert service.letters.mark_incoming_read(kadis, incoming) is True
    assert service.letters.mark_incoming_read(kadis, incoming) is False
    assert queue(service, "incoming_unread", "position:KADIS") == []
    assert incoming in queue(service, "incoming_open", "position:KADIS")
    assert service.letters.mark_incoming_read(who(service, "pencatat"), incoming) is False
    assert acts(service) == before


def test_instructions_presets_and_the_pemdas_own(org):
    service = org
    codes = [i["code"] for i in service.letters.instructions(who(service, "kadis"))]
    assert codes[:2] == ["untuk_diketahui", "untuk_ditindaklanjuti"] and len(codes) == 8
    with pytest.raises(AccessDenied):
        service.letters.save_instruction(who(service, "kadis"), "rapatkan", "Rapatkan", "Meet")
    with pytest.raises(InvalidInput):
        service.letters.save_instruction(ADMIN, "Rapat Kan!", "Rapatkan", "Meet")
    service.letters.save_instruction(ADMIN, "rapatkan", "Agendakan rapat", "Schedule a meeting")
    found = {i["code"]: i for i in service.letters.instructions(who(service, "kadis"))}
    assert found["rapatkan"]["label"] == {"id": "Agendakan rapat", "en": "Schedule a meeting"}
    assert found["rapatkan"]["preset"] is False
    incoming = received(service)
    service.letters.dispose(who(service, "kadis"), incoming, ["KABID"], ["rapatkan"])


def test_lembar_disposisi_pdf(org):
    service = org
    incoming = received(service, hal="Undangan Rapat Koordinasi DBD")
    kadis = who(service, "kadis")
    due = clock.today() + dt.timedelta(days=3)
    service.letters.dispose(
        kadis,
        incoming,
        ["KABID"],
        ["untuk_ditindaklanjuti", "hadiri_wakili"],
        note="Wakili",
        due=due,
    )
    pdf = service.letters.lembar_disposisi(kadis, incoming)
    text = " ".join(
        " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages).split()
    )
    for expected in (
        "LEMBAR DISPOSISI",
        "Undangan Rapat Koordinasi DBD",
        "Kementerian Kesehatan",
        "PR.01/123",
        "Kepala Bidang P2P",
        "Untuk ditindaklanjuti",
        "Hadiri/wakili",
        "Wakili",
        "dr. Dewi Kadis",
    ):
        assert expected in text, expected
    assert formatting.date_text(due, "id") in text
    english = service.letters.lembar_disposisi(kadis, incoming, "en")
    assert "DISPOSITION SHEET" in " ".join(
        (p.extract_text() or "") for p in PdfReader(io.BytesIO(english)).pages
    )
    with pytest.raises(RecordNotFound):
        service.letters.lembar_disposisi(who(service, "kasi"), incoming)


def test_lembar_names_who_held_the_position_when_it_was_disposed(org):
    """Printed later, the sheet still names the Plh who held the recipient position that day."""
    service = org
    today = clock.today()
    service.letters.set_acting(ADMIN, "KABID", "Plh", "sekdis", today, today)
    incoming = received(service)
    service.letters.dispose(who(service, "kadis"), incoming, ["KABID"], ["untuk_diketahui"])
    with clock.frozen(clock.now() + dt.timedelta(days=10)):
        pdf = service.letters.lembar_disposisi(who(service, "kadis"), incoming)
    text = " ".join(
        " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages).split()
    )
    assert "Citra Sekdis (Plh)" in text and "Budi Kabid" in text


def test_start_reply_links_both_ways(org):
    service = org
    incoming = received(service)
    kadis = who(service, "kadis")
    (given,) = service.letters.dispose(kadis, incoming, ["KABID"], ["untuk_ditindaklanjuti"])
    kabid = who(service, "kabid")
    with pytest.raises(RecordNotFound):
        service.letters.start_reply(who(service, "kasi"), incoming)
    letter_id = service.letters.start_reply(kabid, incoming, given)
    letter = service.letters.letter(kabid, letter_id)
    assert letter["state"] == "draft" and letter["in_reply_to"] == incoming
    assert letter["reply_to"]["id"] == incoming and letter["reply_to"]["hal"] == "Undangan rapat"
    assert letter["recipients"][0]["value"] == "external:Kementerian Kesehatan"
    # from the replier's unit, signed by its head (here the bidang's own head)
    assert (letter["unit"], letter["signer"]["code"]) == ("DINKES.P2P", "KABID")
    rows = service.letters.disposition_rows(kabid, incoming)["rows"]
    assert rows[0]["reply"] == letter_id
    with reading(service.db) as root:
        assert pemda_of(root).letters.incoming[incoming].replies == (letter_id,)
    assert audited(service, "disposition_reply")[0]["detail"]["letter"] == letter_id


def test_a_result_file_goes_into_the_thread_seen_along_the_chain(org):
    service = org
    incoming = received(service, hal="Permintaan data kasus")
    kadis = who(service, "kadis")
    (given,) = service.letters.dispose(kadis, incoming, ["KABID"], ["siapkan_bahan"])
    kabid = who(service, "kabid")
    result = make_pdf("Laporan data kasus", "Jumlah kasus demam berdarah bulan ini.")
    service.letters.close_disposition(kabid, given, "Data dikirim", ("laporan.pdf", result))
    (row,) = service.letters.disposition_rows(kabid, incoming)["rows"]
    assert row["state"] == "closed" and row["result"]
    with reading(service.db) as root:
        pemda = pemda_of(root)
        thread = pemda.letters.incoming[incoming].thread
        record = pemda.records[row["result"]]
        assert record.parent.id == thread
        assert record.attachments[0].sha256 == hashlib.sha256(result).hexdigest()
    assert service.records.show(kabid, row["result"])["id"] == row["result"]
    with pytest.raises(RecordNotFound):
        service.records.show(who(service, "kasi"), row["result"])


PASSPHRASE = "ttd-rahasia-2026"


def sent_to(service, recipients: list[str]) -> str:
    """A letter signed by KADIS (no verifiers) and sent to `recipients`."""
    service.letters.signing_init(ADMIN)
    service.letters.enrol(ADMIN, "kadis", PASSPHRASE)
    kadis = who(service, "kadis")
    letter_id = service.letters.draft(
        kadis,
        {
            "unit": "DINKES",
            "type": "surat_dinas",
            "classification": "400.7",
            "hal": "Undangan Rapat Koordinasi",
            "body": "Dengan hormat,\n\nKami mengundang Saudara.",
            "recipients": recipients,
            "signer": "KADIS",
            "verifiers": [],
        },
    )
    service.letters.submit(kadis, letter_id)
    service.letters.sign(kadis, letter_id, PASSPHRASE, 1)
    service.letters.send(kadis, letter_id)
    return letter_id


def sees_letter(service, name: str, letter_id: str) -> bool:
    try:
        service.letters.letter(who(service, name), letter_id)
    except RecordNotFound:
        return False
    return True


def test_a_letter_sent_to_a_unit_reaches_its_members_only_through_the_chain(org):
    """The hole this issue closes: a member of a recipient unit saw every letter sent to it."""
    service = org
    letter_id = sent_to(service, ["unit:DPK"])
    assert sees_letter(service, "kadpk", letter_id)  # the head, whose inbox it is
    assert sees_letter(service, "pencatatpk", letter_id)  # the unit's registry clerk
    assert not sees_letter(service, "pustakawan", letter_id)
    with reading(service.db) as root:
        incoming = pemda_of(root).letters.inbox["position:KADPK"][letter_id].incoming
    assert incoming and not sees(service, "pustakawan", incoming)
    kadpk = who(service, "kadpk")
    (given,) = service.letters.dispose(kadpk, incoming, ["PUSTAKA"], ["untuk_diarsipkan"])
    assert sees_letter(service, "pustakawan", letter_id) and sees(service, "pustakawan", incoming)
    service.letters.cancel_disposition(kadpk, given)
    assert not sees_letter(service, "pustakawan", letter_id)
    assert not sees(service, "pustakawan", incoming)


def test_a_reply_shows_on_both(org):
    service = org
    letter_id = sent_to(service, ["unit:DPK"])
    with reading(service.db) as root:
        incoming = pemda_of(root).letters.inbox["position:KADPK"][letter_id].incoming
    kadpk = who(service, "kadpk")
    reply = service.letters.start_reply(kadpk, incoming)
    shown = service.letters.letter(kadpk, reply)
    assert shown["recipients"][0]["value"] == "position:KADIS"  # the original's signer
    assert shown["reply_to"]["id"] == incoming and shown["reply_to"]["agenda"]
    assert service.letters.incoming(kadpk, incoming)["replies"][0]["id"] == reply
    # the original's sender does not see the receiving side's register through the reply
    assert service.letters.letter(who(service, "kadis"), letter_id)["reply_to"] is None


def found_by(service, name: str, word: str) -> set[str]:
    service.index.catch_up(ocr=False)
    hits = service.records.search(who(service, name), SearchRequest(query=word)).hits
    return {hit.id for hit in hits}


def test_search_follows_the_chain(org):
    """The thread's documents are found by exactly those who may open the letter, as the
    chain changes (the index has each new confinement)."""
    service = org
    incoming = received(service, hal="Pemberitahuan kenari")
    with reading(service.db) as root:
        thread = pemda_of(root).letters.incoming[incoming].thread
    document = service.letters.incoming(who(service, "kadis"), incoming)["documents"][0]["id"]
    assert document in found_by(service, "kadis", "kenari")
    assert document in found_by(service, "pencatat", "kenari")
    assert not found_by(service, "kabid", "kenari") and not found_by(service, "kadpk", "kenari")
    kadis = who(service, "kadis")
    (given,) = service.letters.dispose(kadis, incoming, ["KABID"], ["untuk_diketahui"])
    assert document in found_by(service, "kabid", "kenari")
    assert not found_by(service, "kasi", "kenari")
    service.letters.cancel_disposition(kadis, given)
    assert not found_by(service, "kabid", "kenari")
    with pytest.raises(RecordNotFound):
        service.records.show(who(service, "kabid"), thread)


# -- the page section (AppTest) ----------------------------------------------------------------
@pytest.fixture
def on_pages(org, monkeypatch):
    """The org with one received letter, its repository closed for the pages to open."""
    incoming = received(org, hal="Undangan rapat lintas sektor")
    for name in PEOPLE:
        PASSWORDS[name] = PASSWORD
    org.close()
    monkeypatch.setenv("LONTAR_HOME", str(org.home.path))
    close_services()
    yield incoming
    close_services()


def reopened() -> Lontar:
    close_services()
    return Lontar(Home.resolve())


def test_dispose_and_close_through_the_page(on_pages):
    incoming = on_pages
    page = registry.INCOMING.script
    hidden = open_page(page, user="kabid", id=incoming)
    assert "Disposisi" not in text_of(hidden)  # not the kabid's before it is disposed
    head = open_page(page, user="kadis", id=incoming)
    assert "Disposisi" in text_of(head) and "Belum ada disposisi." in text_of(head)
    head.multiselect(key="disp_targets").set_value(["KABID"])
    instructions = next(m for m in head.multiselect if m.label == "Instruksi")
    instructions.set_value(["untuk_ditindaklanjuti"])
    head.text_area(key="disp_note").input("Mohon dihadiri")
    next(b for b in head.button if b.label == "Kirim disposisi").click().run()
    assert not head.exception, head.exception
    assert "Disposisi dikirim kepada 1 jabatan." in [s.value for s in head.success]
    lontar = reopened()
    rows = lontar.letters.disposition_rows(lontar.access.caller("kadis"), incoming)["rows"]
    lontar.close()
    assert [(r["to"]["code"], r["note"], r["state"]) for r in rows] == [
        ("KABID", "Mohon dihadiri", "unread")
    ]
    given = rows[0]["id"]

    kabid = open_page(page, user="kabid", id=incoming)  # opening it reads it
    chain = static_table(kabid, "Instruksi")
    assert list(chain["Instruksi"]) == ["Untuk ditindaklanjuti"]
    assert "Tindak lanjut** disposisi kepada Kepala Bidang P2P" in text_of(kabid)
    kabid.text_area(key=f"disp_note_{given}").input("Sudah dihadiri")
    next(b for b in kabid.button if b.label == "Selesaikan disposisi").click().run()
    assert not kabid.exception, kabid.exception
    lontar = reopened()
    rows = lontar.letters.disposition_rows(lontar.access.caller("kadis"), incoming)
    lontar.close()
    assert rows["state"] == "done" and rows["rows"][0]["close_note"] == "Sudah dihadiri"
    assert rows["rows"][0]["read_at"]


def test_a_signed_reply_is_filed_in_the_thread_of_the_letter_it_answers(org):
    """The letter, its dispositions' results and its replies are one berkas."""
    service = org
    letter_id = sent_to(service, ["unit:DPK"])
    with reading(service.db) as root:
        incoming = pemda_of(root).letters.inbox["position:KADPK"][letter_id].incoming
    kadpk = who(service, "kadpk")
    reply = service.letters.start_reply(kadpk, incoming)
    service.letters.enrol(ADMIN, "kadpk", PASSPHRASE)
    service.letters.submit(kadpk, reply)
    version = service.letters.letter(kadpk, reply)["version"]
    signed = service.letters.sign(kadpk, reply, PASSPHRASE, version)
    with reading(service.db) as root:
        pemda = pemda_of(root)
        thread = pemda.records[pemda.letters.incoming[incoming].thread]
        items = list(thread.children.values())
        letter = pemda.letters.letters[reply]
        copies = [i for i in items if i.attachments[0].sha256 == letter.signed_sha256]
        assert len(copies) == 1 and copies[0].title == letter.field("hal")
        assert pemda.records[signed["record"]].parent.id != thread.id  # the original stays


def test_a_settled_letter_files_its_lembar_disposisi_in_the_thread(org):
    service = org
    incoming = received(service, hal="Permintaan data kasus")
    kadis = who(service, "kadis")
    (given,) = service.letters.dispose(kadis, incoming, ["KABID"], ["siapkan_bahan"])

    def sheets() -> list:
        with reading(service.db) as root:
            pemda = pemda_of(root)
            thread = pemda.records[pemda.letters.incoming[incoming].thread]
            return [i.id for i in thread.children.values() if "disposisi" in i.description.lower()]

    assert sheets() == []  # not while a disposition is open
    service.letters.close_disposition(who(service, "kabid"), given, "Data dikirim")
    (sheet,) = sheets()
    with reading(service.db) as root:
        data = pemda_of(root).records[sheet].attachments[0]
        assert data.filename.startswith("lembar-disposisi-")
    text = " ".join(str(part) for part in service.records.record_text(kadis, sheet))
    assert "LEMBAR DISPOSISI" in text.upper() and "Budi Kabid" in text
