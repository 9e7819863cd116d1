"""Fixity on real parts: a FileStorage with blobs on disk, the Whoosh index, the audit file.
Faults are made on disk as they happen: a byte flipped in a blob file, a blob file gone, an
edited audit line, a record changed behind the index's back."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os

import pytest
import transaction
from ZODB.POSException import POSKeyError

from repository.core import clock
from repository.core.content import pemda_of
from repository.core.db import reading, write
from repository.core.errors import AccessDenied
from repository.core.operations import (
    FIXITY_CURSOR,
    FIXITY_DERIVATIVES,
    LAST_FIXITY,
    OpsSettings,
)
from repository.core.sealing import derivative_bytes
from repository.core.security import ADMIN
from repository.ingest.ocr import ocr_available
from repository.run.fixity import Scheduler, result_lines, run_now
from repository.run.worker import Worker
from tests.conftest import add, lontar_cli, make_pdf, make_scan


@pytest.fixture
def files(service):
    ids = {
        "plain": add(service, "edaran.txt", b"Surat edaran kebersihan kantor"),
        "pdf": add(service, "nota.pdf", make_pdf("Nota dinas", "Isi nota dinas rapat.")),
        "sealed": add(service, "rahasia.txt", b"Laporan rahasia pemeriksaan", security="R"),
    }
    service.index.catch_up(ocr=False)
    return ids


def blob_file(service, record_id: str, derivative: bool = False) -> str:
    with reading(service.db) as root:
        attachment = next(iter(pemda_of(root).records[record_id].attachments.values()))
        return (attachment.ocr_blob if derivative else attachment.blob).committed()


def flip_a_byte(path: str) -> None:
    with open(path, "rb") as handle:
        data = bytearray(handle.read())
    data[len(data) // 2] ^= 0x01
    os.chmod(path, 0o600)
    with open(path, "wb") as handle:
        handle.write(data)


def settings(service) -> dict:
    with reading(service.db) as root:
        found = pemda_of(root).settings
        return {key: found.get(key) for key in (LAST_FIXITY, FIXITY_CURSOR)}


def write_config(service, text: str) -> None:
    service.home.config_file.write_text(text)


def problems(result: dict) -> set[tuple]:
    return {(f["record"], f["file"], f["problem"]) for f in result["failures"] if "file" in f}


# -- a whole run -----------------------------------------------------------------------------
def test_a_clean_repository_passes_and_the_run_is_recorded(files, service):
    result = run_now(service, ADMIN)
    assert result["ok"] and result["failed"] == 0 and result["failures"] == []
    assert result["checked"] == 3 and result["files"] == 3  # one original each, no OCR yet
    assert result["audit"]["problems"] == 0 and result["index"]["faults"] == 0
    assert settings(service)[LAST_FIXITY] == result
    entry = list(service.context.audit.entries())[-1]
    assert (entry["actor"], entry["action"]) == ("admin", "fixity")
    assert entry["detail"]["checked"] == 3 and entry["detail"]["ok"] is True
    assert "Keutuhan baik: 3 arsip, 3 berkas" in result_lines(result, "id")[0]


def test_only_administrators_run_it(files, service):
    service.access.add_account(ADMIN, "staf", "staf-rahasia-1", {"Staf"}, unit="DINKES")
    with pytest.raises(AccessDenied):
        run_now(service, service.access.caller("staf"))


def test_damaged_files_are_reported_by_record_and_health_exits_1(files, service):
    flip_a_byte(blob_file(service, files["plain"]))
    flip_a_byte(blob_file(service, files["sealed"]))  # AES-GCM: no longer decrypts
    os.unlink(blob_file(service, files["pdf"]))
    result = run_now(service, ADMIN)
    assert not result["ok"] and result["failed"] == 3
    assert problems(result) == {
        (files["plain"], "original", "mismatch"),
        (files["sealed"], "original", "unreadable"),
        (files["pdf"], "original", "missing"),
    }
    assert result["records"] == sorted(files.values())
    entry = list(service.context.audit.entries())[-1]
    assert entry["action"] == "fixity" and entry["detail"]["records"] == sorted(files.values())
    service.close()

    health = lontar_cli("health", "--json", home=service.home, check=False)
    assert health.returncode == 1, health.stderr
    report = json.loads(health.stdout)
    assert report["fixity"]["state"] == "failed" and not report["ok"]
    assert "health_problem_fixity_failed" in {p["key"] for p in report["problems"]}

    shown = lontar_cli("fixity", home=service.home, check=False)
    assert shown.returncode == 1
    assert f"arsip {files['plain']}, lampiran" in shown.stdout and "SHA-256" in shown.stdout

    again = lontar_cli("fixity", "--now", "--json", home=service.home, check=False)
    assert again.returncode == 1 and "3/3" in again.stderr  # the progress line
    assert json.loads(again.stdout)["last"]["failed"] == 3


@pytest.mark.skipif(not ocr_available(), reason="needs Tesseract")
def test_an_ocr_derivative_is_recorded_then_checked(service):
    plain = add(service, "pindai.png", make_scan("Surat undangan rapat koordinasi"))
    sealed = add(service, "r.png", make_scan("Nota rahasia anggaran"), security="R")
    service.index.catch_up()  # OCR makes the derivatives
    first = run_now(service, ADMIN)
    assert first["ok"] and first["files"] == 4
    with reading(service.db) as root:
        known = dict(pemda_of(root).settings[FIXITY_DERIVATIVES])
    assert set(known) == {f"{plain}/0", f"{sealed}/0"}
    with open(blob_file(service, plain, derivative=True), "rb") as handle:
        assert hashlib.sha256(handle.read()).hexdigest() in {v[1] for v in known.values()}
    # a sealed file's derivative digest is keyed, like its `sha256`: no plain digest stored
    with reading(service.db) as root:
        attachment = next(iter(pemda_of(root).records[sealed].attachments.values()))
        clear = hashlib.sha256(derivative_bytes(attachment, service.keyring)).hexdigest()
    assert clear not in {v[1] for v in known.values()}

    flip_a_byte(blob_file(service, plain, derivative=True))
    second = run_now(service, ADMIN)
    assert problems(second) == {(plain, "ocr", "mismatch")}

    def destroyed(root):  # what a destruction leaves of the record in `records`: nothing
        del pemda_of(root).records[sealed]

    write(service.db, destroyed)
    run_now(service, ADMIN)
    with reading(service.db) as root:
        assert set(pemda_of(root).settings[FIXITY_DERIVATIVES]) == {f"{plain}/0"}


def test_a_broken_audit_chain_is_reported(files, service):
    path = service.context.audit.path
    lines = path.read_text().splitlines()
    edited = json.loads(lines[1])
    edited["actor"] = "orang.lain"
    lines[1] = json.dumps(edited)
    path.write_text("\n".join(lines) + "\n")
    result = run_now(service, ADMIN)
    assert not result["ok"] and result["audit"]["problems"] >= 1
    assert {"kind": "audit", "line": 2, "problem": "edited"} in result["failures"]


def test_a_cut_off_audit_tail_is_found_by_the_head_the_last_run_kept(files, service):
    first = run_now(service, ADMIN)
    head = first["audit"]["head"]
    assert first["ok"] and head["seq"] >= 1
    path = service.context.audit.path
    lines = path.read_text().splitlines(keepends=True)
    path.write_text("".join(lines[:-1]))  # the fixity entry gone: the head is still there
    assert run_now(service, ADMIN)["ok"]
    lines = path.read_text().splitlines(keepends=True)
    path.write_text("".join(lines[:-3]))  # a chain that is whole, but shorter
    assert service.context.audit.verify().intact
    third = run_now(service, ADMIN)
    assert not third["ok"] and third["audit"]["problems"] == 1
    assert [f["problem"] for f in third["failures"]] == ["head_changed"]
    assert "jejak dipotong atau ditulis ulang" in "\n".join(result_lines(third, "id"))


def test_an_index_that_disagrees_with_the_database_is_reported(files, service):
    def lost_queue_entry(root):  # changed without `touch`: the index never hears of it
        pemda_of(root).records[files["plain"]].revision += 1

    write(service.db, lost_queue_entry)
    result = run_now(service, ADMIN)
    assert not result["ok"] and result["index"]["faults"] == 1
    assert {"kind": "index", "record": files["plain"], "problem": "stale"} in result["failures"]
    assert result["records"] == [files["plain"]]


# -- the worker's schedule -------------------------------------------------------------------
def test_slices_resume_from_the_cursor_across_worker_restarts(files, service):
    for n in range(4):
        add(service, f"surat-{n}.txt", f"Surat nomor {n}".encode())
    with reading(service.db) as root:
        ids = list(pemda_of(root).records.keys())
    assert len(ids) == 7
    flip_a_byte(blob_file(service, ids[0]))  # found once, in the first slice only
    config = OpsSettings(fixity_slice=2, fixity_pause=0.0)

    first = Scheduler(service, config)
    assert first.step()  # starts the run
    assert settings(service)[FIXITY_CURSOR]["checked"] == 0
    assert first.step()
    cursor = settings(service)[FIXITY_CURSOR]
    assert (cursor["checked"], cursor["after"], cursor["failed"]) == (2, ids[1], 1)

    restarted = Scheduler(service, config)  # a new worker process reads the cursor
    assert restarted.step()
    assert (
        settings(service)[FIXITY_CURSOR]["checked"],
        settings(service)[FIXITY_CURSOR]["after"],
    ) == (4, ids[3])
    while settings(service)[FIXITY_CURSOR] is not None:
        assert restarted.step()
    last = settings(service)[LAST_FIXITY]
    assert last["checked"] == 7 and last["failed"] == 1
    assert [(f["record"], f["file"]) for f in last["failures"]] == [(ids[0], "original")]


def test_the_worker_runs_fixity_when_due_and_not_otherwise(files, service, caplog):
    write_config(service, "[fixity]\nevery_days = 7\nslice = 2\npause = 0\n")
    worker = Worker(service)
    start = dt.datetime(2026, 3, 2, 9, 0, tzinfo=clock.zone())

    def drain() -> None:
        for _ in range(100):
            if not worker.step():
                return
        raise AssertionError("the worker never ran out of work")

    with clock.frozen(start):
        drain()
    last = settings(service)[LAST_FIXITY]
    assert last["started"] == start.isoformat(timespec="seconds") and last["ok"]
    assert last["by"] == "system" and settings(service)[FIXITY_CURSOR] is None

    with clock.frozen(start + dt.timedelta(days=6, hours=23)):
        assert worker.step() is False  # not due: nothing to do
    assert settings(service)[LAST_FIXITY] == last

    flip_a_byte(blob_file(service, files["pdf"]))
    caplog.set_level(logging.INFO, logger="lontar.fixity")
    with clock.frozen(start + dt.timedelta(days=7)):
        drain()
    again = settings(service)[LAST_FIXITY]
    assert again["started"] == (start + dt.timedelta(days=7)).isoformat(timespec="seconds")
    assert not again["ok"] and again["records"] == [files["pdf"]]
    loud = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert loud and files["pdf"] in loud[0].getMessage()
    entry = list(service.context.audit.entries())[-1]
    assert (entry["actor"], entry["origin"], entry["action"]) == ("system", "worker", "fixity")


def test_every_days_zero_switches_the_schedule_off(files, service):
    off = Scheduler(service, OpsSettings(fixity_every_days=0, fixity_pause=0.0))
    assert off.step() is False
    assert settings(service) == {LAST_FIXITY: None, FIXITY_CURSOR: None}


def test_the_pause_spaces_the_slices(files, service):
    paced = Scheduler(service, OpsSettings(fixity_slice=1, fixity_pause=3600.0))
    assert paced.step() and paced.step()  # started, one slice
    assert paced.step() is False  # the next slice waits an hour
    assert settings(service)[FIXITY_CURSOR]["checked"] == 1


def test_a_step_that_fails_is_logged_and_resumed_later(files, service, caplog):
    """The audit trail unwritable at the end of a run (a directory where the file should
    be): the worker goes on, the run is finished later from its cursor."""
    scheduler = Scheduler(service, OpsSettings(fixity_slice=10, fixity_pause=0.0))
    assert scheduler.step()  # started
    trail = service.context.audit.path
    aside = trail.with_name("aside.jsonl")
    os.rename(trail, aside)
    trail.mkdir()
    try:
        with caplog.at_level(logging.ERROR, logger="lontar.fixity"):
            assert scheduler.step() is False  # the one slice, then the end fails quietly
        assert "fixity step failed" in caplog.text
        assert scheduler.next_slice > 0  # it waits before trying again
        assert settings(service)[FIXITY_CURSOR]["checked"] == 3
        assert settings(service)[LAST_FIXITY] is None
    finally:
        trail.rmdir()
        os.rename(aside, trail)
    scheduler.next_slice = 0.0
    while settings(service)[FIXITY_CURSOR] is not None:
        assert scheduler.step()
    assert settings(service)[LAST_FIXITY]["ok"] and settings(service)[LAST_FIXITY]["checked"] == 3


def unloadable_record(service, record_id: str) -> None:
    """A record whose object is gone from the storage, as a damaged Data.fs leaves it: made
    in one transaction, entered in `records` in a second, then the first is undone in the
    FileStorage (an undone creation: loading the object raises POSKeyError)."""
    from persistent.mapping import PersistentMapping

    write(service.db, lambda root: root.__setitem__("_lost", PersistentMapping()), note="lost")
    write(service.db, lambda root: pemda_of(root).records.__setitem__(record_id, root["_lost"]))
    made = next(t for t in service.db.undoLog(0, 50) if t["description"] == "lost")
    manager = transaction.TransactionManager()
    connection = service.db.open(manager)
    try:
        service.db.undo(made["id"], manager.get())
        manager.commit()
    finally:
        connection.close()
    with reading(service.db) as root, pytest.raises(POSKeyError):
        pemda_of(root).records[record_id]._p_activate()


def test_a_record_that_cannot_be_loaded_is_a_finding_and_the_run_goes_on(files, service):
    """Before: the slice raised at that record, and every later try started at the same
    cursor: the check stalled for ever, with no finding and no alarm."""
    bad = "0-rusak"  # sorts before every real record id: the others come after it
    assert bad < min(files.values())
    unloadable_record(service, bad)
    scheduler = Scheduler(service, OpsSettings(fixity_slice=2, fixity_pause=0.0))
    for _ in range(10):
        if not scheduler.step():
            break
    assert settings(service)[FIXITY_CURSOR] is None  # the run went past it, to its end
    last = settings(service)[LAST_FIXITY]
    assert last is not None and not last["ok"] and last["checked"] == 4
    assert {
        "kind": "file",
        "record": bad,
        "position": -1,
        "file": "original",
        "problem": "unreadable",
    } in last["failures"]
    assert problems(last) == {(bad, "original", "unreadable")}  # the other three are fine
    assert last["index"]["unchecked"]  # the index check cannot load it either: said so
