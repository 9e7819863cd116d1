"""The issue "Hardening": hostile images, per-file failures, audit entries written with each
record, pending records after a killed import, duplicates of hidden records, classification
codes at import, and query length limits. Each test failed before its fix."""

from __future__ import annotations

import importlib
import json
import signal
import struct
import subprocess
import sys
import threading
import time
import zlib

import pytest

from indexes.search import SearchRequest
from repository.core.audit import RESTORED
from repository.core.content import pemda_of, queue_key
from repository.core.db import reading, write
from repository.core.errors import AuditUnavailable, InvalidInput, LontarError, QuerySyntaxError
from repository.core.security import ADMIN
from repository.ingest import pipeline
from repository.ingest.pipeline import ImportOptions, Incoming
from repository.records.records import create_record
from tests.conftest import (
    PROJECT,
    SCHEME_V1,
    add,
    import_killed_after,
    lontar_cli,
    make_pdf,
)


def bomb_png(width: int = 60000, height: int = 60000) -> bytes:
    """A valid PNG header declaring width x height grey pixels, with almost no data."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64, 9))
        + chunk(b"IEND", b"")
    )


def texts(count: int, prefix: str = "memo") -> list[Incoming]:
    return [
        Incoming(f"{prefix}-{n:03d}.txt", f"Nota dinas {prefix} nomor {n} tentang arsip".encode())
        for n in range(count)
    ]


def entries(service, action: str) -> dict[str, dict]:
    return {e["target"]: e for e in service.ingest.audit.entries() if e["action"] == action}


def record_ids(service) -> set[str]:
    with reading(service.db) as root:
        return set(pemda_of(root).records.keys())


def search_ids(service, query: str, caller=ADMIN) -> set[str]:
    request = SearchRequest(query=query, page_size=100)
    return {hit.id for hit in service.records.search(caller, request).hits}


# -- 1. one hostile image must not abort the batch -------------------------------------------------
def test_a_decompression_bomb_is_stored_flagged_and_the_batch_goes_on(service):
    files = [*texts(12), Incoming("bomb.png", bomb_png()), Incoming("last.txt", b"surat akhir")]
    report = service.ingest.import_files(ADMIN, files, ImportOptions(unit="DPK"))
    assert [o.filename for o in report.accepted] == [f.filename for f in files]
    bomb = report.accepted[12]
    assert bomb.flags == ["corrupt"] and not bomb.ocr_queued
    assert pipeline.IMAGE_TOO_LARGE in bomb.message
    shown = service.records.show(ADMIN, bomb.id)
    assert shown["flags"] == ["corrupt"] and shown["attachments"][0]["ocr_status"] != "waiting"
    assert service.records.original(ADMIN, bomb.id)[2] == bomb_png()  # kept as it came
    with reading(service.db) as root:
        assert not list(pemda_of(root).ocr_queue.values())  # nothing will ever decode it
    assert set(entries(service, "imported")) == set(report.ids)


def test_cli_import_with_a_bomb_reports_every_file_and_exits_0(home, tmp_path):
    lontar_cli("init", "--code", "ID-T", "--name", "Kota Uji", home=home)
    lontar_cli("unit", "add", "DPK", "--name", "Kearsipan", home=home)
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(12):
        (folder / f"a{n:02d}.txt").write_text(f"Nota dinas nomor {n} tentang pengarsipan")
    (folder / "m-bomb.png").write_bytes(bomb_png())
    (folder / "z-last.txt").write_text("Nota terakhir")
    done = lontar_cli("import", str(folder), "--unit", "DPK", "--json", home=home, check=False)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert len(report["accepted"]) == 14 and not report["rejected"]
    check = json.loads(lontar_cli("check", "--json", home=home).stdout)
    assert check["clean"] and check["pending"] == 0 and check["indexed"] == 14


def test_a_file_that_cannot_be_read_is_rejected_and_the_batch_goes_on(service, tmp_path):
    (tmp_path / "a.txt").write_text("surat pertama")
    (tmp_path / "c.txt").write_text("surat ketiga")
    paths = [tmp_path / "a.txt", tmp_path / "b-hilang.txt", tmp_path / "c.txt"]
    report = service.ingest.import_files(
        ADMIN, pipeline.iter_paths(paths), ImportOptions(unit="DPK")
    )
    assert [o.filename for o in report.accepted] == ["a.txt", "c.txt"]
    assert [(o.filename, o.reason) for o in report.rejected] == [
        ("b-hilang.txt", "unreadable_file")
    ]
    assert "b-hilang.txt" in report.rejected[0].message


def test_a_reader_that_fails_rejects_that_file_only(service, monkeypatch):
    real = service.ingest.extractor.extract

    def failing(data: bytes):
        if b"Rusak" in data:
            raise OSError(24, "Too many open files")
        return real(data)

    monkeypatch.setattr(service.ingest.extractor, "extract", failing)
    files = [
        Incoming("baik.pdf", make_pdf("Baik", "Isi surat yang baik.")),
        Incoming("rusak.pdf", make_pdf("Rusak", "Isi surat.")),
        Incoming("akhir.txt", b"surat akhir"),
    ]
    report = service.ingest.import_files(ADMIN, files, ImportOptions(unit="DPK"))
    assert [o.filename for o in report.accepted] == ["baik.pdf", "akhir.txt"]
    assert report.rejected[0].reason == "unreadable_file"
    assert "Too many open files" in report.rejected[0].message


def test_a_file_that_cannot_be_stored_is_rejected_and_leaves_nothing(service, monkeypatch):
    real = pipeline.new_attachment

    def disk_full(filename, *args, **kwargs):
        if filename == "penuh.txt":
            raise OSError(28, "No space left on device")
        return real(filename, *args, **kwargs)

    monkeypatch.setattr(pipeline, "new_attachment", disk_full)
    files = [Incoming("a.txt", b"surat a"), Incoming("penuh.txt", b"surat b")]
    files.append(Incoming("c.txt", b"surat c"))
    report = service.ingest.import_files(ADMIN, files, ImportOptions(unit="DPK"))
    assert [o.filename for o in report.accepted] == ["a.txt", "c.txt"]
    assert report.rejected[0].reason == "store_failed"
    assert record_ids(service) == set(report.ids)  # the failed file's record was rolled back
    assert set(entries(service, "imported")) == set(report.ids)


def test_an_unexpected_failure_stops_the_batch_with_the_report_of_what_was_committed(service):
    def files():
        yield from texts(3)
        raise RuntimeError("the source went away")

    with pytest.raises(LontarError) as stopped:
        service.ingest.import_files(ADMIN, files(), ImportOptions(unit="DPK"))
    assert isinstance(stopped.value, pipeline.ImportInterrupted)
    report = stopped.value.report
    assert len(report.accepted) == 3 and record_ids(service) == set(report.ids)
    assert set(entries(service, "imported")) == set(report.ids)
    assert "the source went away" in stopped.value.message("en")
    assert "3" in stopped.value.message("id")


def test_a_bomb_is_never_previewed(service):
    record_id = add(service, "bomb.png", bomb_png(), unit="DPK")
    with pytest.raises(LontarError) as refused:
        service.ingest.page_image(ADMIN, record_id, 0, 1)
    assert refused.value.key == "preview_failed"
    from repository.ingest import preview

    with pytest.raises(LontarError):
        preview.page_image(bomb_png(), "image/tiff", "x" * 64, 1, None)


def test_the_worker_flags_a_queued_bomb_instead_of_crashing(service, monkeypatch):
    from repository.ingest import scans

    record_id = add(service, "bomb.png", bomb_png(), unit="DPK")

    def queue_it(root) -> None:  # as a version that queued every image for OCR did
        pemda_of(root).ocr_queue[queue_key()] = f"{record_id}/0"

    write(service.db, queue_it)
    monkeypatch.setattr(scans, "ocr_available", lambda: True)
    assert scans.process_one(service.db, service.home.work_dir, service.keyring) is True
    with reading(service.db) as root:
        pemda = pemda_of(root)
        assert not list(pemda.ocr_queue.values())
        attachment = pemda.records[record_id].attachments[0]
        assert attachment.ocr_status == "failed" and "ocr_failed" in attachment.flags


# -- 2. each record's audit entry is written as it is committed ------------------------------------
def test_each_imported_record_has_its_entry_even_when_the_import_is_killed(home, tmp_path):
    from repository.app import Lontar

    lontar_cli("init", home=home)
    lontar_cli("unit", "add", "DPK", "--name", "Kearsipan", home=home)
    folder = tmp_path / "batch"
    folder.mkdir()
    for n in range(300):
        (folder / f"memo-{n:03d}.txt").write_text(f"Nota dinas nomor {n} tentang arsip")
    accepted = import_killed_after(home, folder, 5)
    with Lontar(home) as service:
        stored = record_ids(service)
        assert set(accepted) <= stored and len(stored) < 300
        assert stored <= set(entries(service, "imported"))


def test_a_trail_that_cannot_be_written_stops_the_batch_and_stores_nothing_more(
    service, monkeypatch
):
    from repository.core.audit import AuditLog

    first = add(service, "a.txt", b"surat pertama", unit="DPK")

    def unwritable(self, events):
        raise AuditUnavailable(reason="No space left on device")

    monkeypatch.setattr(AuditLog, "extend", unwritable)
    with pytest.raises(LontarError) as stopped:
        service.ingest.import_files(ADMIN, texts(3), ImportOptions(unit="DPK"), wait=False)
    assert isinstance(stopped.value, pipeline.ImportInterrupted)
    assert isinstance(stopped.value.cause, AuditUnavailable)
    assert "audit" in stopped.value.message("en")
    assert not stopped.value.report.accepted and record_ids(service) == {first}


def test_check_recovers_records_that_have_no_entry(service):
    recovery = importlib.import_module("repository.ingest.recovery")
    imported = add(service, "a.txt", b"surat biasa", unit="DPK")
    container = service.ingest.create_container(ADMIN, "DPK", "file", "Berkas rapat")

    def without_entry(root) -> str:  # as an import killed before its batch-end entries
        pemda = pemda_of(root)
        record = create_record(pemda, pemda.units["DPK"], level="item", title="x", actor="budi")
        return record.id

    orphan = write(service.db, without_entry)
    audit = service.ingest.audit
    assert recovery.unaudited(service.db, audit) == [orphan]
    assert recovery.recover_audit(service.db, audit) == [orphan]
    entry = entries(service, "recovered")[orphan]
    assert entry["actor"] == "system" and entry["detail"]["created_by"] == "budi"
    assert entry["detail"]["reason"] and entry["detail"]["missing"] == "created"
    assert recovery.recover_audit(service.db, audit) == []  # once is enough
    assert imported in entries(service, "imported") and container in entries(service, "created")
    assert audit.verify().intact


class FinishFails:
    """A resource of the transaction whose finish fails after the storage's own finish, as
    a ZEO server killed between writing a commit and answering it looks to its client: the
    change is committed, and the entries voted for it are retracted (`aborted`)."""

    def __init__(self, tm) -> None:
        self.transaction_manager = tm

    def sortKey(self) -> str:
        return "zz-finish-fails"  # after the storage (a path), before the trail ("~lontar-audit")

    def abort(self, txn) -> None:
        pass

    tpc_begin = commit = tpc_vote = tpc_abort = abort

    def tpc_finish(self, txn) -> None:
        raise ConnectionResetError("the server went away before it answered")


def test_check_recovers_a_record_whose_entry_a_failed_finish_retracted(service):
    """The client cannot know whether a commit cut off in its finish was made; the trail
    retracts its entries, and an import that gives up then never writes them again. So the
    record is there with no standing entry: `lontar check` must see it and write one."""
    recovery = importlib.import_module("repository.ingest.recovery")
    audit = service.ingest.audit

    def created_then_cut_off(root) -> str:
        root._p_jar.transaction_manager.get().join(FinishFails(root._p_jar.transaction_manager))
        pemda = pemda_of(root)
        return create_record(pemda, pemda.units["DPK"], level="item", title="x", actor="budi").id

    def imported(rid: str) -> list:
        return [("budi", "imported", rid, "cli", {"file": "x.txt"})]

    with pytest.raises(ConnectionResetError):
        write(service.db, created_then_cut_off, audit=audit, events=imported)
    (orphan,) = record_ids(service)  # committed all the same
    retraction = entries(service, "aborted")["audit"]
    assert retraction["detail"]["seqs"] == [entries(service, "imported")[orphan]["seq"]]
    assert recovery.unaudited(service.db, audit) == [orphan]
    assert recovery.recover_audit(service.db, audit) == [orphan]
    assert recovery.unaudited(service.db, audit) == [] and audit.verify().intact


KILLED_AFTER_THE_VOTE = """
import os, signal, sys
from repository.app import Lontar
from repository.core.config import Home
from repository.core.content import pemda_of
from repository.core.db import write
from repository.records.records import create_record


class KilledAfterTheVote:
    def __init__(self, tm):
        self.transaction_manager = tm

    def sortKey(self):
        return "~~killed"  # after the storage and after the trail ("~lontar-audit")

    def abort(self, txn):
        pass

    tpc_begin = commit = tpc_finish = tpc_abort = abort

    def tpc_vote(self, txn):
        os.kill(os.getpid(), signal.SIGKILL)


def create(root):
    tm = root._p_jar.transaction_manager
    tm.get().join(KilledAfterTheVote(tm))
    pemda = pemda_of(root)
    return create_record(pemda, pemda.units["DPK"], level="item", title="x", actor="budi").id


with Lontar(Home.resolve(sys.argv[1])) as lontar:
    write(lontar.db, create, audit=lontar.ingest.audit,
          events=lambda rid: [("budi", "imported", rid, "cli", {"file": "x.txt"})])
"""


def test_check_retracts_the_entry_of_a_commit_killed_between_its_vote_and_its_finish(home):
    """The entry is written in the vote; a process killed before the storage's finish can
    retract nothing. The record was never committed, so the trail must not keep saying it
    was imported: `lontar check` appends an `aborted` entry naming that entry, once."""
    from repository.app import Lontar

    lontar_cli("init", home=home)
    lontar_cli("unit", "add", "DPK", "--name", "Kearsipan", home=home)
    with Lontar(home) as service:
        kept = add(service, "a.txt", b"surat yang tersimpan", unit="DPK")
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_AFTER_THE_VOTE, str(home.path)], cwd=PROJECT, timeout=120
    )
    assert killed.returncode == -signal.SIGKILL
    with Lontar(home) as service:
        (phantom,) = set(entries(service, "imported")) - {kept}
        assert record_ids(service) == {kept}
        seq = entries(service, "imported")[phantom]["seq"]
    checked = json.loads(lontar_cli("check", "--json", home=home).stdout)
    assert checked["retracted"] == [phantom] and checked["recovered"] == []
    with Lontar(home) as service:
        retraction = entries(service, "aborted")["audit"]
        assert retraction["actor"] == "system" and retraction["detail"]["seqs"] == [seq]
        assert set(entries(service, "imported")) == {kept, phantom}  # append-only: still there
        assert service.ingest.audit.targets(["imported"]) == {kept}
        assert service.index.check().retracted == []  # once is enough
        assert service.ingest.audit.verify().intact


class HeldAfterTheVote:
    """A resource that votes after the trail and then waits: a commit whose entry is written
    and whose finish has not come yet, as a slow storage makes it."""

    def __init__(self, tm, voted: threading.Event, release: threading.Event) -> None:
        self.transaction_manager, self.voted, self.release = tm, voted, release

    def sortKey(self) -> str:
        return "~~held"

    def abort(self, txn) -> None:
        pass

    tpc_begin = commit = tpc_finish = tpc_abort = abort

    def tpc_vote(self, txn) -> None:
        self.voted.set()
        self.release.wait(30)


def test_check_waits_out_a_commit_between_its_vote_and_its_finish(service):
    """The entry of a commit still in flight looks like a phantom when the records are read
    before its finish: the check must wait for the storage's commit lock and look again,
    not retract an entry whose record is a moment away."""
    voted, release = threading.Event(), threading.Event()
    made: list[str] = []

    def create(root) -> str:
        tm = root._p_jar.transaction_manager
        tm.get().join(HeldAfterTheVote(tm, voted, release))
        pemda = pemda_of(root)
        return create_record(pemda, pemda.units["DPK"], level="item", title="x", actor="budi").id

    def commit() -> None:
        events = lambda rid: [("budi", "imported", rid, "cli", {})]  # noqa: E731
        made.append(write(service.db, create, audit=service.ingest.audit, events=events))

    committing = threading.Thread(target=commit)
    committing.start()
    assert voted.wait(30)
    threading.Timer(2.0, release.set).start()  # the check must be waiting on it by then
    report = service.index.check()
    committing.join(30)
    assert report.retracted == [] and record_ids(service) == set(made)
    assert service.ingest.audit.targets(["imported"]) == set(made)


def test_check_retracts_nothing_a_restore_left_behind(service):
    """A restore puts back a database from before entries the trail keeps; those records are
    gone without a failed commit, so only entries after the last `restored` count."""
    audit = service.ingest.audit
    audit.append("budi", "imported", "before-the-backup", "cli")
    audit.append("admin", RESTORED, "20261201T100000", "cli")
    audit.append("budi", "imported", "after-the-restore", "cli")
    assert service.index.check().retracted == ["after-the-restore"]
    assert audit.targets(["imported"]) == {"before-the-backup"}


def test_many_unaudited_records_are_recovered_a_chunk_at_a_time(service):
    """Read and written in chunks (a million at once held 3 GB): across chunk boundaries, each
    record gets one entry, destroyed ones none, and a second run finds nothing."""

    def without_entries(root) -> list[str]:
        pemda = pemda_of(root)
        unit = pemda.units["DPK"]
        return [
            create_record(pemda, unit, level="item", title=f"t{n}", actor="x").id for n in range(7)
        ]

    recovery = importlib.import_module("repository.ingest.recovery")
    orphans = write(service.db, without_entries)
    gone = sorted(orphans)[3]
    write(service.db, lambda root: pemda_of(root).records.pop(gone))
    audit = service.ingest.audit
    found = recovery.recover_audit(service.db, audit, chunk=2)
    assert found == sorted(set(orphans) - {gone})
    assert set(entries(service, "recovered")) == set(found)
    assert recovery.recover_audit(service.db, audit, chunk=2) == []
    assert audit.verify().intact


def test_lontar_check_appends_the_recovered_entries(service):
    """Needs `IndexServices.check` to call `recover_audit` (see the report)."""

    def without_entry(root) -> str:
        pemda = pemda_of(root)
        return create_record(pemda, pemda.units["DPK"], level="item", title="y", actor="x").id

    orphan = write(service.db, without_entry)
    assert service.index.check().recovered == [orphan]
    assert orphan in entries(service, "recovered")
    assert service.index.check().recovered == []


# -- 3. pending records after a killed standalone import -------------------------------------------
def test_a_duplicate_of_a_record_still_pending_leaves_it_indexed(service):
    pdf = make_pdf("Surat tertunda", "Pemberitahuan penyusutan arsip inaktif.")
    first = service.ingest.import_files(
        ADMIN, [Incoming("a.pdf", pdf)], ImportOptions(unit="DPK"), wait=False
    )
    original = first.ids[0]
    assert service.index.check().pending == 1
    again = service.ingest.import_files(ADMIN, [Incoming("b.pdf", pdf)], ImportOptions(unit="DPK"))
    assert again.duplicates[0].duplicate_of == original
    assert search_ids(service, "penyusutan") == {original}
    assert service.index.check().pending == 0


def test_check_repair_applies_what_is_pending(service):
    """Needs `IndexServices.check` to repair when `report.needs_repair` (see the report)."""
    report = service.ingest.import_files(ADMIN, texts(5), ImportOptions(unit="DPK"), wait=False)
    before = service.index.check()
    assert before.clean and before.pending == 5 and before.needs_repair
    after = service.index.check(repair=True)
    assert after.clean and after.pending == 0 and not after.needs_repair
    assert search_ids(service, "nota") == set(report.ids)


# -- 4. the duplicate check must not reveal a hidden record ----------------------------------------
def _clerk(service, name: str, unit: str, clearance: str):
    service.access.add_account(
        ADMIN, name, "sandi-rahasia-panjang", {"Pencatat"}, unit=unit, clearance=clearance
    )
    return service.access.caller(name, "test")


def test_a_copy_of_a_hidden_record_is_stored_anew_and_never_names_it(service):
    pdf = make_pdf("Nota rahasia", "Isi nota rahasia dinas kesehatan.")
    hidden = add(service, "r.pdf", pdf, unit="DINKES", security="R")
    clerk = _clerk(service, "dpk", "DPK", "R")
    options = ImportOptions(unit="DPK", security="R")
    report = service.ingest.import_files(clerk, [Incoming("copy.pdf", pdf)], options)
    copy = report.accepted[0]
    assert copy.id != hidden and copy.duplicate_of is None and hidden not in copy.message
    again = service.ingest.import_files(clerk, [Incoming("again.pdf", pdf)], options)
    assert again.duplicates[0].duplicate_of == copy.id  # its own copy, not the hidden one
    assert hidden not in json.dumps(again.as_dict())
    admin = service.ingest.import_files(ADMIN, [Incoming("x.pdf", pdf)], options)
    assert admin.duplicates[0].duplicate_of == hidden  # the first holder, for who sees it
    assert {hidden, copy.id} <= record_ids(service)


def test_a_copy_of_another_units_sr_file_is_accepted(service):
    data = b"Laporan intelijen sangat rahasia tentang pengadaan."
    hidden = add(service, "sr.txt", data, unit="DINKES", security="SR")
    clerk = _clerk(service, "budi", "DPK", "B")
    report = service.ingest.import_files(clerk, [Incoming("sr.txt", data)], ImportOptions("DPK"))
    assert report.accepted and not report.duplicates
    assert hidden not in json.dumps(report.as_dict())


# -- 5. a classification code outside the current scheme is refused at import ---------------------
def test_import_refuses_a_code_the_scheme_does_not_hold(service):
    service.workbench.load_scheme(ADMIN, SCHEME_V1, "78/2012")
    with pytest.raises(InvalidInput) as refused:
        service.ingest.import_files(
            ADMIN, [Incoming("a.txt", b"surat")], ImportOptions("DPK", classification="999.999.999")
        )
    assert refused.value.key == "unknown_code"
    assert record_ids(service) == set()
    record_id = add(service, "b.txt", b"surat kearsipan", unit="DPK", classification="000.5")
    shown = service.records.show(ADMIN, record_id)
    assert shown["classification"] == "000.5"
    with reading(service.db) as root:
        assert pemda_of(root).records[record_id].scheme_version == "78/2012"
    with pytest.raises(InvalidInput) as classify:
        service.workbench.classify(ADMIN, record_id, "999.999.999")
    assert classify.value.key == refused.value.key


def test_a_code_is_checked_again_when_each_file_is_stored(service):
    service.workbench.load_scheme(ADMIN, SCHEME_V1, "78/2012")
    options = ImportOptions("DPK", classification="100.3")
    ingest = pipeline.Ingest(
        service.db, service.ingest.extractor, ADMIN, service.keyring, audit=service.ingest.audit
    )
    ingest.validate(options)
    service.workbench.load_scheme(ADMIN, "code,name\n000,Umum\n", "83/2022")  # mid-batch
    outcome = ingest.one(Incoming("a.txt", b"surat hukum"), options)
    assert outcome.status == "rejected" and outcome.reason == "unknown_code"


# -- 6. long queries are refused before Whoosh parses them -----------------------------------------
def test_a_huge_query_is_refused_quickly_with_a_message(service):
    add(service, "a.txt", b"rapat koordinasi kearsipan", unit="DPK")
    started = time.perf_counter()
    with pytest.raises(QuerySyntaxError) as refused:
        service.records.search(ADMIN, SearchRequest(query="arsip rapat " * 9000))
    assert time.perf_counter() - started < 1.0
    assert refused.value.key == "query_too_long"
    assert refused.value.params["max_chars"] == 1000 and refused.value.params["max_terms"] == 64
    with pytest.raises(QuerySyntaxError):
        service.records.search(ADMIN, SearchRequest(query=" ".join(["arsip"] * 65)))
    assert search_ids(service, " AND ".join(["rapat"] * 64))  # 64 words (operators not counted)


def test_a_retry_after_a_commit_whose_answer_was_lost_reports_its_own_record(service):
    """The ZEO server killed in the middle of a commit's finish: the commit was made, the
    client saw a disconnect and runs the same work again (core/db.write). The retry finds the
    bytes stored by its own attempt and reports the file accepted, not a duplicate of itself;
    another attempt with the same bytes is still a duplicate."""
    ingest = pipeline.Ingest(
        service.db, service.ingest.extractor, ADMIN, service.keyring, audit=service.ingest.audit
    )
    options = ImportOptions("DPK")
    incoming = Incoming("surat.txt", b"surat nomor 15 tentang rapat koordinasi")
    content = ingest.prepare(incoming)
    first = write(service.db, lambda root: ingest.store(root, incoming, content, options, "a1"))
    again = write(service.db, lambda root: ingest.store(root, incoming, content, options, "a1"))
    other = write(service.db, lambda root: ingest.store(root, incoming, content, options, "b2"))
    assert first.status == again.status == "accepted" and again.id == first.id
    assert other.status == "duplicate" and other.duplicate_of == first.id
