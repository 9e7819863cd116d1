"""No action without its entry, and no entry shown beyond the reader's clearance.

An audited action whose entry cannot be written (a full disk, here a directory where the
trail's file should be) is refused with `AuditUnavailable` and leaves the database as it was.
An auditor reads the trail as every other view reads records: what an entry says about a
record above their clearance, and other people's search words, stay withheld."""

from __future__ import annotations

import contextlib
import csv
import io

import pytest

from indexes.search import SearchRequest
from repository.core.db import reading
from repository.core.errors import AuditUnavailable
from repository.core.security import ADMIN
from tests.conftest import JRA, SCHEME_V1, add, item
from tests.test_ppid import caller, desk, file  # noqa: F401 (desk is a fixture)


def trail_of(service):
    return service.home.path / "audit" / "audit.jsonl"


@contextlib.contextmanager
def unwritable_trail(service):
    """A directory where the trail's file should be: no process can append, not even as root."""
    path = trail_of(service)
    kept = path.with_name("audit.jsonl.kept")
    path.rename(kept)
    path.mkdir()
    try:
        yield
    finally:
        path.rmdir()
        kept.rename(path)


def refused_unchanged(service, action, state):
    """`action()` with the trail unwritable: refused, nothing committed, nothing appended;
    then, with the trail back, it goes through and its entry is there."""
    before, trail, last = state(), trail_of(service).read_bytes(), service.db.lastTransaction()
    with unwritable_trail(service), pytest.raises(AuditUnavailable):
        action()
    assert service.db.lastTransaction() == last, "a transaction was committed"
    assert state() == before
    assert trail_of(service).read_bytes() == trail
    action()
    assert state() != before


def pemda(service, read):
    with reading(service.db) as root:
        return read(root["lontar"])


# -- refused when the trail cannot be written ------------------------------------------------------
def test_a_grant(service):
    service.access.add_account(ADMIN, "siti", "sandi-yang-benar", {"Staf"}, unit="DINKES")
    refused_unchanged(
        service,
        lambda: service.access.grant(ADMIN, "siti", "DPK", {"Staf"}),
        lambda: pemda(service, lambda p: sorted(p.accounts["siti"].grants)),
    )
    assert service.access.audit_entries(ADMIN, action="granted")[-1]["detail"] == {
        "unit": "DPK",
        "roles": ["Staf"],
    }


def test_a_share(service):
    record = add(service, "surat.txt", b"Surat undangan rapat")
    refused_unchanged(
        service,
        lambda: service.access.share(ADMIN, record, "DPK"),
        lambda: pemda(service, lambda p: sorted(p.records[record].shares or {})),
    )


def test_a_classification(archive):
    record = archive.ingest.create_container(ADMIN, "DINKES", "item", "Register 2023")
    refused_unchanged(
        archive,
        lambda: archive.workbench.classify(ADMIN, record, "000.5"),
        lambda: pemda(archive, lambda p: p.records[record].classification),
    )


def test_a_hold(archive):
    record = item(archive, "Register 2023", "000.5", "2023-06-01")
    refused_unchanged(
        archive,
        lambda: archive.workbench.hold(ADMIN, record, "Sengketa tanah"),
        lambda: pemda(archive, lambda p: dict(p.records[record].holds or {})),
    )


def test_a_transfer_proposal(archive):
    item(archive, "Register 2023", "000.5", "2023-06-01")
    refused_unchanged(
        archive,
        lambda: archive.disposal.propose_transfer(ADMIN, "DINKES", "DPK", on="2026-11-23"),
        lambda: pemda(archive, lambda p: len(p.transfers or {})),
    )


def test_a_ppid_decision(desk):  # noqa: F811
    service, ids, _ = desk
    number = file(service)["number"]
    service.ppid.assign_request(caller(service, "ppid.utama"), number, "DINKES", "ppid.dinkes")
    dinkes = caller(service, "ppid.dinkes")
    refused_unchanged(
        service,
        lambda: service.ppid.decide_request(
            dinkes, number, kind="granted", released=[ids["public"]]
        ),
        lambda: pemda(service, lambda p: p.ppid.requests[number].decision),
    )


def test_a_scheme_and_the_jra(service):
    refused_unchanged(
        service,
        lambda: service.workbench.load_scheme(ADMIN, SCHEME_V1, "78/2012"),
        lambda: pemda(service, lambda p: len(p.schemes or {})),
    )
    refused_unchanged(
        service,
        lambda: service.workbench.load_jra(ADMIN, JRA),
        lambda: pemda(service, lambda p: len(p.jra or {})),
    )


def test_a_pack_is_audited_before_anything_is_dropped(service):
    record = add(service, "surat.txt", b"Surat undangan rapat")
    service.records.update_record(ADMIN, record, {"title": "Undangan rapat koordinasi"})

    def revisions() -> int:
        with reading(service.db) as root:
            oid = root["lontar"].records[record]._p_oid
        return len(service.db.storage.history(oid, size=10))

    assert revisions() > 1
    with unwritable_trail(service), pytest.raises(AuditUnavailable):
        service.index.pack(ADMIN)
    assert revisions() > 1  # refused before the pack: the earlier revision is still there


# -- audit views respect clearance -----------------------------------------------------------------
SR_FILE, SR_WORDS = "rencana-relokasi-pasar.pdf", "relokasi pasar kenari"


@pytest.fixture
def trail(service):
    """An SR upload, a T upload, a B record raised to SR afterwards, a search by the
    administrator, and two auditors: one cleared for T, one for SR."""
    ids = {
        "sr": add(service, SR_FILE, b"Rencana relokasi pasar kenari", security="SR"),
        "t": add(service, "jadwal-rapat.txt", b"Jadwal rapat terbatas", security="T"),
        "raised": add(service, "memo-gudang.txt", b"Memo gudang senjata"),
    }
    service.records.update_record(ADMIN, ids["raised"], {"security": "SR"})
    service.records.search(ADMIN, SearchRequest(query=SR_WORDS))
    service.access.add_account(ADMIN, "auditor.t", "auditor-t-uji", {"Auditor"}, clearance="T")
    service.access.add_account(ADMIN, "auditor.sr", "auditor-sr-uji", {"Auditor"}, clearance="SR")
    return service, ids


def imported(entries, record):
    return next(e for e in entries if e["action"] == "imported" and e["target"] == record)


def test_an_auditor_cleared_for_t_sees_neither_sr_file_names_nor_others_words(trail):
    service, ids = trail
    auditor = service.access.caller("auditor.t")
    entries = service.access.audit_entries(auditor)
    shown = str(entries)
    assert SR_FILE not in shown and "memo-gudang" not in shown
    for word in SR_WORDS.split():
        assert word not in shown
    hidden = imported(entries, ids["sr"])  # listed, with who, what and when, but no detail
    assert hidden["actor"] == "admin" and hidden["detail"] == {"withheld": ["file"]}
    assert imported(entries, ids["raised"])["detail"] == {"withheld": ["file"]}  # class today
    assert imported(entries, ids["t"])["detail"] == {"file": "jadwal-rapat.txt"}
    searched = next(e for e in entries if e["action"] == "searched")
    assert searched["detail"] == {"total": 1, "withheld": ["query"]}

    exported = service.access.audit_export(auditor).decode("utf-8-sig")
    assert SR_FILE not in exported and "relokasi" not in exported
    assert "jadwal-rapat.txt" in exported


def test_a_withheld_entry_cannot_be_checked_against_the_chain(trail):
    service, ids = trail
    entries = service.access.audit_entries(service.access.caller("auditor.t"))
    at = entries.index(imported(entries, ids["sr"]))
    assert entries[at]["hash"] == "" and entries[at + 1]["prev"] == ""
    whole = {e["seq"]: e for e in service.access.audit.entries()}
    assert entries[at + 2]["prev"] == whole[entries[at + 2]["seq"]]["prev"] != ""
    rows = list(csv.DictReader(io.StringIO(
        service.access.audit_export(service.access.caller("auditor.t")).decode("utf-8-sig")
    )))  # fmt: skip
    assert next(r for r in rows if r["target"] == ids["sr"])["hash"] == ""


def test_the_searcher_and_an_sr_auditor_read_the_words(trail):
    service, ids = trail
    auditor = service.access.caller("auditor.t")
    service.records.search(auditor, SearchRequest(query="jadwal posyandu"))
    own = service.access.audit_entries(auditor, action="searched", actor="auditor.t")
    assert own[-1]["detail"]["query"] == "jadwal posyandu"

    cleared = service.access.audit_entries(service.access.caller("auditor.sr"))
    assert imported(cleared, ids["sr"])["detail"] == {"file": SR_FILE}
    words = [e["detail"].get("query") for e in cleared if e["action"] == "searched"]
    assert words == [SR_WORDS, "jadwal posyandu"]
    assert all(e["hash"] for e in cleared)


# -- the trail as a person reads it (ui/audit.py) --------------------------------------------------
def test_an_entry_reads_as_words_in_the_pemdas_zone():
    from ui import audit

    # 19.05 UTC is 02.05 WIB the next day: the entry counts on the Pemda's day
    assert audit.local_day("2026-12-04T19:05:55+00:00") == "2026-12-05"
    assert audit.action_label("classified", "id") == "Diklasifikasi"
    assert audit.action_label("classified", "en") == "Classified"
    assert audit.action_label("no_such_action_yet", "id") == "no_such_action_yet"  # not hidden
    assert audit.detail_text("classified", {"code": "000.5"}) == "kode 000.5"
    assert audit.detail_text("login", {}) == ""
    withheld = audit.detail_text("imported", {"withheld": ["file"]})
    assert withheld == "rincian disembunyikan karena izin akses Anda (berkas)"
    other = audit.detail_text("unknown", {"file": "a.pdf", "at": "2026-12-04T19:05:55+00:00"})
    assert "{" not in other and "berkas: a.pdf" in other and "5 Desember 2026 02.05 WIB" in other
    assert audit.problem_text("sequence 4 where 3 was expected") == "nomor urut 4, seharusnya 3"


def test_the_chart_has_one_bar_per_local_day_split_by_action():
    from ui import audit

    entries = [
        {"at": "2026-12-04T01:00:00+00:00", "action": "classified"},
        {"at": "2026-12-04T02:00:00+00:00", "action": "classified"},
        {"at": "2026-12-04T03:00:00+00:00", "action": "hold"},
        {"at": "2026-12-04T18:00:00+00:00", "action": "classified"},  # 5 December in WIB
    ]
    table = audit.per_day(entries)
    assert table[["day", "action", "count"]].values.tolist() == [
        ["2026-12-04", "Diklasifikasi", 2],
        ["2026-12-04", "Ditahan", 1],
        ["2026-12-05", "Diklasifikasi", 1],
    ]
    assert list(table["label"].unique()) == ["4 Des 2026", "5 Des 2026"]
    spec = audit.chart(entries).to_dict()
    assert spec["encoding"]["x"]["sort"] == ["4 Des 2026", "5 Des 2026"]
    assert spec["encoding"]["color"]["field"] == "action"
    assert audit.chart([]) is None


def test_a_detail_field_named_like_a_parameter_still_reads():
    from ui import audit

    # `key` is also translate()'s first parameter: the sentence is filled here, not there
    assert audit.detail_text("hold_released", {"key": "h1"}) == "penahanan h1"
    assert audit.detail_text("hold_released", {"other": "x"}) == "other: x"
