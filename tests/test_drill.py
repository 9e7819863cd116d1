"""`lontar drill` on a backup of the demo repository (signed letters, sealed files, units),
and each of its checks catching a real corruption of a restored copy: a blob file gone, a blob
file with other bytes, an edited audit trail, the wrong key or none, a record gone, an object
deleted from the storage under a reference."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import transaction
import ZODB
from click.testing import CliRunner
from ZODB.Connection import TransactionMetaData
from ZODB.FileStorage import FileStorage

from repository.app import Lontar
from repository.cli import main as cli_main
from repository.core.config import Home
from repository.core.content import pemda_of
from repository.core.db import reading, write
from repository.core.keys import Keyring
from repository.core.security import ADMIN
from repository.demo.builder import build_demo
from repository.letters.signing.ca import ca_info, ca_key_path
from repository.run.backup import BackupOptions, backup
from repository.run.drill import (
    _searches,
    check_restored,
    index_check,
    restored_db,
    sample_words,
    walk_records,
)
from repository.run.restore import export_key, import_key, restore


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The demo repository (built once) and one backup of it: (home, backup folder)."""
    root = tmp_path_factory.mktemp("drill")
    home = Home(root / "demo")
    lontar = Lontar(home)
    build_demo(lontar)
    backup(lontar, ADMIN, BackupOptions(root / "cadangan"))
    lontar.close()
    return home, root / "cadangan"


@pytest.fixture(autouse=True)
def english(monkeypatch):
    """Findings are read here in English."""
    monkeypatch.setenv("LONTAR_LANG", "en")


@pytest.fixture
def restored(demo, tmp_path):
    """A fresh restored copy of the demo's backup: (home, backup-info, the demo's keyring)."""
    home, dest = demo
    target = Home(tmp_path / "pulih")
    _restored, info = restore(dest, target)
    return target, info, Keyring.load(home)


def failed(checks) -> dict[str, list[str]]:
    return {check.name: check.findings for check in checks if not check.ok}


def an_attachment(home: Home, sealed: bool = False) -> tuple[str, str, bytes]:
    """(record id, the path of its blob file, its oid) of some attachment of the copy; not a
    signed letter's PDF, whose damage the letters check finds too (record ids are random, so
    which record comes first changes from one demo to the next)."""
    with restored_db(home) as (db, _storage), reading(db) as root:
        pemda = pemda_of(root)
        letters = getattr(pemda.letters, "letters", None) or {}
        signed = {x.signed.blob.committed() for x in letters.values() if x.signed is not None}
        for record in pemda.records.values():
            for attachment in record.attachments.values():
                path = attachment.blob.committed()
                if (
                    attachment.sealed == sealed
                    and attachment.text is not None
                    and path not in signed
                ):
                    return record.id, path, attachment.text._p_oid
    raise AssertionError("the demo has no such attachment")


def test_a_sound_backup_passes_every_check_and_the_drill_is_recorded(demo):
    home, dest = demo
    done = CliRunner(env={"LONTAR_LANG": "en"}).invoke(
        cli_main, ["--home", str(home.path), "drill", str(dest), "--json"]
    )
    assert done.exit_code == 0, done.output
    report = json.loads(done.stdout)
    checks = {check["name"]: check for check in report["checks"]}
    assert report["ok"] and all(check["ok"] for check in checks.values())
    assert list(checks) == [
        "manifest", "objects", "files", "sealed", "audit", "letters", "counts", "index"
    ]  # fmt: skip
    assert checks["letters"]["detail"]["checked"]  # signed letters were validated
    assert checks["sealed"]["detail"]["sealed"] > 0 and checks["sealed"]["detail"]["unchecked"] == 0
    assert len(checks["index"]["detail"]["searches"]) >= 5
    assert checks["counts"]["detail"]["records"] == checks["index"]["detail"]["docs"] > 100
    assert report["seconds"] > 0 and not list(Path(home.work_dir).glob("lontar-drill-*"))

    with Lontar(home) as lontar, reading(lontar.db) as root:
        last = dict(pemda_of(root).settings["ops_last_drill"])
        entry = list(lontar.context.audit.entries())[-1]
    assert last["ok"] is True and last["stamp"] == report["stamp"] and last["findings"] == []
    assert last["seconds"] == report["seconds"]
    assert (entry["action"], entry["target"], entry["detail"]["ok"]) == (
        "drill",
        last["stamp"],
        True,
    )


def test_a_missing_blob_file_is_found(restored):
    home, info, keyring = restored
    record_id, path, _oid = an_attachment(home)
    os.remove(path)
    problems = failed(check_restored(home, info, keyring))
    assert set(problems) >= {"objects", "files"}
    assert any(record_id in line and "missing" in line for line in problems["files"]), problems


def test_a_blob_file_with_other_bytes_is_found(restored):
    home, info, keyring = restored
    record_id, path, _oid = an_attachment(home)
    os.chmod(path, 0o600)
    data = bytearray(Path(path).read_bytes())
    data[len(data) // 2] ^= 0x01  # one bit
    Path(path).write_bytes(bytes(data))
    problems = failed(check_restored(home, info, keyring))
    assert list(problems) == ["files"]
    assert any(record_id in line and "SHA-256" in line for line in problems["files"])


def test_an_edited_audit_trail_is_found(restored):
    home, info, keyring = restored
    trail = home.path / "audit" / "audit.jsonl"
    lines = trail.read_text().splitlines()
    entry = json.loads(lines[3])
    entry["actor"] = "penyusup"
    lines[3] = json.dumps(entry, ensure_ascii=False)
    trail.write_text("\n".join(lines) + "\n")
    problems = failed(check_restored(home, info, keyring))
    assert list(problems) == ["audit"]
    assert any("line 4" in line and "edited" in line for line in problems["audit"])


def test_a_trail_cut_short_is_found(restored):
    home, info, keyring = restored
    trail = home.path / "audit" / "audit.jsonl"
    lines = trail.read_text().splitlines()
    trail.write_text("\n".join(lines[:-5]) + "\n")  # intact, but ends before the backup did
    problems = failed(check_restored(home, info, keyring))
    assert "audit" in problems
    assert any(f"#{info['audit']['seq']}" in line for line in problems["audit"])


def test_sealed_files_need_the_key_the_backup_names(restored):
    home, info, _keyring = restored
    missing = failed(check_restored(home, info, Keyring(home.path / "none", None)))
    assert {"sealed", "index"} <= set(missing) <= {"sealed", "index", "letters"}
    assert "no master key" in missing["sealed"][0]
    other = failed(check_restored(home, info, Keyring(home.path / "x", os.urandom(32))))
    assert "sealed" in other and info["keys"]["master_key_id"] in other["sealed"][0]
    assert any("does not decrypt" in line for line in other["sealed"])


def test_a_record_gone_from_the_database_is_counted(restored):
    home, info, keyring = restored
    with restored_db(home) as (db, _storage):

        def drop(root) -> str:
            pemda = pemda_of(root)
            record_id = next(
                rid for rid, r in pemda.records.items() if r.level == "item" and not r.children
            )
            del pemda.records[record_id]
            return record_id

        write(db, drop)
    problems = failed(check_restored(home, info, keyring))
    assert "counts" in problems
    assert any(str(info["records"]) in line for line in problems["counts"])


def test_an_object_deleted_under_a_reference_is_found(restored):
    home, info, keyring = restored
    record_id, _path, text_oid = an_attachment(home)
    storage = FileStorage(str(home.data_fs), blob_dir=str(home.blobs))
    db = ZODB.DB(storage)
    try:  # what a faulty garbage collection would leave: a reference to nothing
        serial = storage.load(text_oid)[1]
        meta = TransactionMetaData()
        storage.tpc_begin(meta)
        storage.deleteObject(text_oid, serial, meta)
        storage.tpc_vote(meta)
        storage.tpc_finish(meta)
    finally:
        transaction.abort()
        db.close()
    problems = failed(check_restored(home, info, keyring))
    assert "objects" in problems
    assert any("not in the database" in line for line in problems["objects"]), problems
    assert record_id


def test_the_key_copy_carries_the_signing_ca_key_to_a_restored_home(demo, tmp_path):
    home, dest = demo
    copy = tmp_path / "kunci.json"
    made = export_key(home, Keyring.load(home), copy, "frasa-sandi-uji-panjang")
    assert made["signing_ca"] is True
    new = Home(tmp_path / "baru")
    first = import_key(new, copy, "frasa-sandi-uji-panjang")
    assert first["signing_ca"] == "later" and not new.path.exists()  # restore wants it empty
    restore(dest, new)
    assert ca_info(new) is None  # a backup never holds the CA's private key
    again = import_key(new, copy, "frasa-sandi-uji-panjang")
    assert again["signing_ca"] == "written"
    assert ca_key_path(new).read_bytes() == ca_key_path(home).read_bytes()
    assert ca_info(new).fingerprint == ca_info(home).fingerprint


def test_the_index_comparison_sees_a_record_found_that_should_not_be(restored):
    """The searches' expectations come from the database; one record taken out of them is
    reported as found too many (the comparison is not a formality)."""
    home, info, keyring = restored
    with restored_db(home) as (db, _storage):
        walk = walk_records(db, keyring, sample_words(db, info["stamp"]))
        check = index_check(home, db, keyring, walk, rebuild=True)
        assert check.ok and len(check.detail["searches"]) >= 5
        query = max(check.detail["searches"], key=check.detail["searches"].get)
        walk.expected[query].pop()
        lontar = Lontar(home, db=db)
        lontar.context.keyring = lontar.store.keyring = keyring
        found: list[str] = []
        try:
            _searches(lontar, walk, found)
        finally:
            lontar.store.close()
    assert found == [f"title search '{query}': 0 records not found, 1 too many"]
