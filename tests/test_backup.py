"""`lontar backup`, `lontar restore`, `lontar key export|import` on real repositories: full then
incremental backups with hard-linked blob snapshots, pruning, restoring to a point in time,
refusing a non-empty target, the key copy, what a backup never holds, and RelStorage."""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import stat
from pathlib import Path

import pytest
import ZODB
from click.testing import CliRunner
from ZODB.FileStorage import FileStorage

from repository.app import Lontar
from repository.cli import main as cli_main
from repository.core import clock
from repository.core.config import Home
from repository.core.content import pemda_of
from repository.core.db import reading
from repository.core.errors import LontarError
from repository.core.keys import key_path
from repository.core.security import ADMIN
from repository.run.backup import BackupOptions, backup, pg_backup, pg_dbname, pg_dump
from repository.run.drill import restore_and_check
from repository.run.manifest import INFO, MANIFEST, TAGMANIFEST, BackupSet, complete_sets
from repository.run.restore import restore
from tests.conftest import PASSWORDS, add, lontar_cli, make_pdf

T1 = dt.datetime(2026, 12, 1, 9, 0)  # local (Asia/Jakarta): 02:00 UTC
PASSPHRASE = "kunci-cadangan-uji-2026"


@pytest.fixture
def filled(service):
    add(service, "pedoman.pdf", make_pdf("Pedoman arsip", "Pedoman pengarsipan."), unit="DPK")
    add(service, "rahasia.txt", b"Audit rahasia keuangan", security="R", title="Audit R")
    add(service, "surat.txt", b"Surat undangan rapat koordinasi", title="Undangan rapat")
    return service


def take(service: Lontar, dest: Path, when: dt.datetime, **options):
    with clock.frozen(when):
        return backup(service, ADMIN, BackupOptions(dest, **options))


def run(*args: str, home: Home, env: dict | None = None):
    """`lontar ...` in this process (the CLI's own code, without a new interpreter's start)."""
    env = {"LONTAR_LANG": "en", **(env or {})}
    return CliRunner(env=env).invoke(cli_main, ["--home", str(home.path), *args])


def files_under(folder: Path) -> dict[str, os.stat_result]:
    return {str(p.relative_to(folder)): p.stat() for p in folder.rglob("*") if p.is_file()}


def record_count(home: Home) -> int:
    db = ZODB.DB(FileStorage(str(home.data_fs), read_only=True))
    try:
        with reading(db) as root:
            return len(pemda_of(root).records)
    finally:
        db.close()


def test_full_then_incremental_with_a_hard_linked_blob_snapshot(filled, tmp_path):
    dest = tmp_path / "cadangan"
    first = take(filled, dest, T1)
    assert first.kind == "full" and first.records == 3
    new = add(filled, "baru.txt", b"Nota dinas baru tentang arsip", title="Nota baru")
    second = take(filled, dest, T1 + dt.timedelta(hours=1))
    assert second.kind == "incremental"
    assert second.bytes < first.bytes  # only what changed was written

    info = BackupSet(dest, second.stamp).info()
    assert info["filestorage"] == [
        f"filestorage/{first.stamp}.fs",
        f"filestorage/{second.stamp}.deltafs",
    ]
    assert info["records"] == 4 and sum(info["counts"].values()) == 4
    assert info["keys"]["master_key_id"] == filled.keyring.key_id
    assert info["audit"]["intact"] and info["audit"]["seq"] is not None

    # blob files are never changed: the second snapshot links the first one's files, and
    # only the new record's file is a copy of its own
    old = files_under(dest / "blobs" / first.stamp)
    now = files_under(dest / "blobs" / second.stamp)
    assert set(old) < set(now)
    assert all(now[rel].st_ino == old[rel].st_ino for rel in old)
    added = [rel for rel in now if rel not in old]
    assert added and all(now[rel].st_nlink == 1 for rel in added)

    # the manifest names every file of the set, and they all match
    backup_set = BackupSet(dest, second.stamp)
    manifest = backup_set.manifest()
    own = {f"blobs/{second.stamp}/{rel}" for rel in now}
    own |= {
        f"sets/{second.stamp}/{rel}"
        for rel in files_under(backup_set.folder)
        if rel not in (INFO, MANIFEST, TAGMANIFEST)
    }
    own |= set(info["filestorage"]) | {f"filestorage/{second.stamp}.index"}
    assert set(manifest) == own
    assert backup_set.verify() == []
    assert "DPK" in info["counts"] and new

    again = take(filled, dest, T1 + dt.timedelta(hours=2), full=True)
    assert again.kind == "full"
    assert BackupSet(dest, again.stamp).info()["filestorage"] == [f"filestorage/{again.stamp}.fs"]


def test_the_backup_is_recorded_for_health_and_in_the_audit_trail(filled, tmp_path):
    result = take(filled, tmp_path / "cadangan", T1)
    with reading(filled.db) as root:
        last = dict(pemda_of(root).settings["ops_last_backup"])
    assert last["stamp"] == result.stamp and last["kind"] == "full"
    assert last["dest"] == str((tmp_path / "cadangan").resolve())
    assert last["tid"] == result.tid and last["bytes"] == result.bytes > 0
    entry = list(filled.context.audit.entries())[-1]
    assert (entry["action"], entry["target"]) == ("backup", result.stamp)
    # no key copy recorded yet: said, not hidden
    assert any("key export" in warning for warning in result.warnings)


def test_keep_prunes_older_fulls_with_their_increments_snapshots_and_sets(filled, tmp_path):
    dest = tmp_path / "cadangan"
    hour = dt.timedelta(hours=1)
    stamps = []
    for n, full in enumerate([True, False, True, False, True]):
        add(filled, f"s{n}.txt", f"Surat nomor {n} tentang kearsipan".encode())
        keep = 2 if n == 4 else None
        result = take(filled, dest, T1 + n * hour, full=full, keep=keep)
        stamps.append(result.stamp)
    assert result.pruned == stamps[:2]
    assert [s.stamp for s in complete_sets(dest)] == stamps[2:]
    left = sorted(p.name[:19] for p in (dest / "filestorage").iterdir())
    assert set(left) == set(stamps[2:])
    assert sorted(p.name for p in (dest / "blobs").iterdir()) == stamps[2:]
    # what is left still restores: links to pruned snapshots' files kept their data
    for stamp in stamps[2:]:
        assert BackupSet(dest, stamp).verify() == []
    _restored, info = restore(dest, Home(tmp_path / "baru"), clock.local(T1 + 3 * hour))
    assert info["stamp"] == stamps[3] and record_count(Home(tmp_path / "baru")) == 7


def test_restore_at_picks_the_latest_backup_at_or_before_the_moment(filled, tmp_path):
    dest = tmp_path / "cadangan"
    first = take(filled, dest, T1)
    add(filled, "kemudian.txt", b"Surat yang datang kemudian", title="Surat kemudian")
    second = take(filled, dest, T1 + dt.timedelta(days=1))

    between = clock.local(T1 + dt.timedelta(hours=5))
    restored, info = restore(dest, Home(tmp_path / "pagi"), between)
    assert (restored.stamp, info["stamp"]) == (first.stamp, first.stamp)
    assert record_count(Home(tmp_path / "pagi")) == 3
    # the restored file ends on the transaction the backup names
    storage = FileStorage(str(tmp_path / "pagi" / "Data.fs"), read_only=True)
    assert storage.lastTransaction().hex() == first.tid
    storage.close()

    restored, _info = restore(dest, Home(tmp_path / "terakhir"))
    assert restored.stamp == second.stamp and record_count(Home(tmp_path / "terakhir")) == 4

    with pytest.raises(LontarError) as caught:
        restore(dest, Home(tmp_path / "dulu"), clock.local(T1 - dt.timedelta(minutes=1)))
    assert caught.value.key == "restore_no_backup"
    assert not (tmp_path / "dulu").exists()


def test_restore_through_the_cli_takes_a_local_moment_and_drills(filled, tmp_path):
    dest = tmp_path / "cadangan"
    first = take(filled, dest, T1)
    take(filled, dest, T1 + dt.timedelta(days=1))
    key = str(key_path(filled.home))
    args = ("--lang", "en", "restore", str(dest), "--at", "2026-12-01 12:00", "--json")
    done = lontar_cli(*args, "--key", key, home=Home(tmp_path / "baru"))
    report = json.loads(done.stdout)
    assert report["stamp"] == first.stamp and report["ok"]
    assert {check["name"] for check in report["checks"]} >= {"manifest", "objects", "index"}
    assert "key import" in done.stderr  # the new home has no key beside it yet
    trail = (tmp_path / "baru" / "audit" / "audit.jsonl").read_text().splitlines()
    assert [json.loads(line)["action"] for line in trail[-2:]] == ["restored", "drill"]

    # without the key the data is restored, and the drill says what it could not check
    keyless = lontar_cli(*args, home=Home(tmp_path / "tanpa-kunci"), check=False)
    assert keyless.returncode == 1
    failed = {c["name"] for c in json.loads(keyless.stdout)["checks"] if not c["ok"]}
    assert failed == {"sealed", "index"}
    assert record_count(Home(tmp_path / "tanpa-kunci")) == 3


def test_restore_refuses_a_target_that_is_not_empty(filled, tmp_path):
    dest = tmp_path / "cadangan"
    take(filled, dest, T1)
    target = tmp_path / "terisi"
    target.mkdir()
    (target / "catatan.txt").write_text("milik orang lain")
    done = lontar_cli("--lang", "en", "restore", str(dest), home=Home(target), check=False)
    assert done.returncode == 1
    assert "is not empty" in done.stderr
    assert [p.name for p in target.iterdir()] == ["catatan.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "cadangan",
        "home",
        "home-master.key",
        "terisi",
    ]


def test_key_export_and_import_round_trip(filled, tmp_path):
    home, env = filled.home, {"LONTAR_KEY_PASSPHRASE": PASSPHRASE}
    master = key_path(home).read_text().strip()
    filled.close()
    copy = tmp_path / "usb" / "kunci.json"

    short = run(
        "key",
        "export",
        "--out",
        str(copy),
        home=home,
        env={**env, "LONTAR_KEY_PASSPHRASE": "pendek"},
    )
    assert short.exit_code == 1 and "at least 12" in short.stderr and not copy.exists()

    warned = run("backup", str(tmp_path / "b1"), "--json", home=home)
    assert json.loads(warned.stdout)["warnings"] and "key export" in warned.stderr

    assert run("key", "export", "--out", str(copy), home=home, env=env).exit_code == 0
    text = copy.read_text()
    assert master not in text and PASSPHRASE not in text
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    again = run("key", "export", "--out", str(copy), home=home, env=env)
    assert again.exit_code == 1 and "exists" in again.stderr  # never over a file

    quiet = run("backup", str(tmp_path / "b1"), "--json", home=home)
    assert json.loads(quiet.stdout)["warnings"] == [] and not quiet.stderr
    trail = (home.path / "audit" / "audit.jsonl").read_text()
    assert '"key_exported"' in trail and master not in trail and PASSPHRASE not in trail

    new = Home(tmp_path / "mesin-baru")
    wrong = run(
        "key", "import", str(copy), home=new, env={"LONTAR_KEY_PASSPHRASE": "bukan-ini-salah"}
    )
    assert wrong.exit_code == 1 and "Wrong passphrase" in wrong.stderr
    assert not key_path(new).exists()
    assert run("key", "import", str(copy), home=new, env=env).exit_code == 0
    assert key_path(new).read_text().strip() == master
    assert stat.S_IMODE(key_path(new).stat().st_mode) == 0o600
    assert not new.path.exists()  # the home stays empty for the restore

    restored = lontar_cli("restore", str(tmp_path / "b1"), "--json", home=new)
    report = json.loads(restored.stdout)
    sealed = next(check for check in report["checks"] if check["name"] == "sealed")
    assert report["ok"] and sealed["detail"]["sealed"] == 1 and sealed["detail"]["unchecked"] == 0


def test_a_backup_holds_no_secret(filled, tmp_path):
    secrets = filled.home.path / "secrets"
    secrets.mkdir(exist_ok=True)
    (secrets / "signing-ca.key").write_bytes(b"-----BEGIN ENCRYPTED PRIVATE KEY----- uji")
    (secrets / "session.key").write_bytes(b"kunci-sesi-rahasia-uji")
    (filled.home.path / "lontar.toml").write_text('public_url = "https://arsip.example"\n')
    dest = tmp_path / "cadangan"
    result = take(filled, dest, T1)
    master = base64.b64decode(key_path(filled.home).read_text())
    names = [str(p.relative_to(dest)) for p in dest.rglob("*")]
    assert not [n for n in names if "secrets" in n or n.endswith(".key")]
    for path in dest.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert b"kunci-sesi-rahasia" not in data and b"PRIVATE KEY" not in data
            assert master not in data and base64.b64encode(master) not in data
    assert f"sets/{result.stamp}/config/lontar.toml" in BackupSet(dest, result.stamp).manifest()


def test_relstorage_is_backed_up_with_pg_dump(tmp_path):
    home = Home(tmp_path / "home")
    env = {"LONTAR_STORAGE": "postgresql://lontar:s3cr%40t@db.example/arsip"}
    refused = run("backup", str(tmp_path / "b"), home=home, env=env)
    assert refused.exit_code == 1 and "pg_dump" in refused.stderr
    assert not (tmp_path / "b").exists() and not home.path.exists()

    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "pg_dump").write_text(
        "#!/bin/sh\n"
        'echo "$@" > "$FAKE_LOG/argv"; echo "$PGPASSWORD" > "$FAKE_LOG/password"\n'
        'while [ $# -gt 0 ]; do [ "$1" = --file ] && echo dump > "$2"; shift; done\n'
    )
    (fake / "pg_dump").chmod(0o755)
    env |= {"PATH": f"{fake}:{os.environ['PATH']}", "FAKE_LOG": str(tmp_path)}
    with pytest.MonkeyPatch.context() as patch:  # the dump itself (the CLI first opens the db)
        for name, value in env.items():
            patch.setenv(name, value)
        result = pg_dump(home, tmp_path / "b").as_dict()
    assert result["kind"] == "pg_dump" and result["bytes"] == 5
    argv = (tmp_path / "argv").read_text()
    assert "s3cr@t" not in argv and "--format=custom" in argv and "dbname='arsip'" in argv
    assert (tmp_path / "password").read_text().strip() == "s3cr@t"
    dumps = sorted(p.name for p in (tmp_path / "b" / "pgdump").iterdir())
    assert dumps == [f"{result['stamp']}.dump", f"{result['stamp']}.dump.sha256"]


def test_with_index_the_copy_is_restored_and_caught_up_instead_of_rebuilt(filled, tmp_path):
    dest = tmp_path / "cadangan"
    result = take(filled, dest, T1, with_index=True)
    manifest = BackupSet(dest, result.stamp).manifest()
    assert any(rel.startswith(f"sets/{result.stamp}/index/") for rel in manifest)
    target = Home(tmp_path / "baru")
    report = restore_and_check(dest, target, filled.keyring)
    index = next(check for check in report.checks if check.name == "index")
    assert report.ok and index.detail["rebuilt"] is False and index.detail["docs"] == 3


def test_full_every_starts_a_new_full_so_keep_prunes_the_old_chain(filled, tmp_path):
    dest = tmp_path / "cadangan"
    first = take(filled, dest, T1)
    add(filled, "h1.txt", b"Nota dinas hari kedua tentang arsip", title="Hari kedua")
    second = take(filled, dest, T1 + dt.timedelta(days=6), keep=1)
    assert (first.kind, second.kind, second.pruned) == ("full", "incremental", [])
    add(filled, "h7.txt", b"Nota dinas minggu kedua tentang arsip", title="Minggu kedua")
    filled.close()
    with clock.frozen(T1 + dt.timedelta(days=7)):  # the nightly unit's own options
        done = run(
            "backup", str(dest), "--keep", "1", "--full-every", "7", "--json", home=filled.home
        )
    assert done.exit_code == 0, done.output
    third = json.loads(done.stdout)
    assert third["kind"] == "full" and third["pruned"] == [first.stamp, second.stamp]
    assert [s.stamp for s in complete_sets(dest)] == [third["stamp"]]
    assert sorted(p.name[:19] for p in (dest / "filestorage").iterdir()) == [third["stamp"]] * 3


def test_a_drill_or_pg_dump_by_a_non_administrator_is_refused_before_anything_runs(
    service, tmp_path
):
    service.access.add_account(ADMIN, "staf.dpk", PASSWORDS["staf.dpk"], {"Staf"}, unit="DPK")
    service.close()
    missing = tmp_path / "tidak-ada"
    drilled = run("drill", str(missing), "--as", "staf.dpk", home=service.home)
    assert drilled.exit_code == 1 and "not allowed" in drilled.stderr  # not "no backup"
    dumped = run("backup", str(missing), "--pg-dump", "--as", "staf.dpk", home=service.home)
    assert dumped.exit_code == 1 and "not allowed" in dumped.stderr and not missing.exists()


def test_pg_dump_is_recorded_and_a_uri_dsn_is_passed_as_a_uri_without_its_password(
    service, tmp_path, monkeypatch
):
    assert pg_dbname("postgresql://lontar:s3cr%40t@db.example:5433/arsip?sslmode=require") == (
        "postgresql://lontar@db.example:5433/arsip?sslmode=require",
        "s3cr@t",
    )
    assert pg_dbname("host=db dbname=arsip password='p w'") == ("host='db' dbname='arsip'", "p w")
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "pg_dump").write_text(
        "#!/bin/sh\n"
        'echo "$@" > "$FAKE_LOG/argv"\n'
        'while [ $# -gt 0 ]; do [ "$1" = --file ] && echo dump > "$2"; shift; done\n'
    )
    (fake / "pg_dump").chmod(0o755)
    conf = tmp_path / "storage.conf"  # a hand-written configuration with a URI
    conf.write_text(
        "<zodb>\n%import relstorage\n<relstorage>\n  <postgresql>\n"
        "    dsn postgresql://lontar:rahasia@db.example/arsip\n  </postgresql>\n</relstorage>\n"
        "</zodb>\n"
    )
    monkeypatch.setenv("LONTAR_STORAGE", str(conf))  # read by the dump only: the db is open
    monkeypatch.setenv("PATH", f"{fake}:{os.environ['PATH']}")
    monkeypatch.setenv("FAKE_LOG", str(tmp_path))
    with clock.frozen(T1):
        result = pg_backup(service, ADMIN, tmp_path / "b")
    argv = (tmp_path / "argv").read_text().split()
    assert argv[-1] == "postgresql://lontar@db.example/arsip" and "rahasia" not in str(argv)
    with reading(service.db) as root:
        last = dict(pemda_of(root).settings["ops_last_backup"])
    assert last["kind"] == "pg_dump" and last["stamp"] == result.stamp
    assert last["dest"] == str((tmp_path / "b").resolve())
    entry = list(service.context.audit.entries())[-1]
    assert entry["action"] == "backup" and entry["target"] == result.stamp
