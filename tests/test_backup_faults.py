"""Backups under faults, each injected for real: a backup taken while another process imports
through `lontar serve`'s ZEO server, a truncated and a bit-flipped backup file, a manifest
edited, and the disk filling up in the middle of a backup (a small tmpfs)."""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import json
import os
import re
import resource
import signal
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from repository.app import Lontar
from repository.cli import main as cli_main
from repository.core import clock
from repository.core.config import Home
from repository.core.content import pemda_of
from repository.core.db import pack_lock, pack_storage, reading, zeo_running
from repository.core.errors import LontarError
from repository.core.keys import Keyring
from repository.core.security import ADMIN
from repository.run import backup as backup_module
from repository.run.backup import BackupOptions, backup, dest_lock
from repository.run.drill import check_restored, drill, restored_db
from repository.run.manifest import BackupSet, complete_sets, moment_of
from repository.run.restore import restore
from tests.conftest import PROJECT, PYTHON, add, free_port, lontar_cli, start_serve, wait_until

T1 = dt.datetime(2026, 12, 1, 9, 0)
FILES = 400
PIPE_PAGE = 4096
ACCEPTED = re.compile(r"^\[\d+\] accepted\s+(\S+)")  # the importer's progress line


@pytest.fixture(autouse=True)
def english(monkeypatch):
    monkeypatch.setenv("LONTAR_LANG", "en")


def run(*args: str, home: Home):
    return CliRunner(env={"LONTAR_LANG": "en"}).invoke(cli_main, ["--home", str(home.path), *args])


def take(service: Lontar, dest: Path, when: dt.datetime, **options):
    with clock.frozen(when):
        return backup(service, ADMIN, BackupOptions(dest, **options))


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


# -- a backup during a bulk import --------------------------------------------------------------
def progress(process: subprocess.Popen) -> Iterator[str]:
    """The importer's lines, read a byte at a time (the pipe is unbuffered on our side), so
    that what we have not read stays in the pipe and holds the importer back."""
    while line := process.stdout.readline():
        yield line.decode()


def accepted_lines(process: subprocess.Popen, count: int, seen: list[str]) -> None:
    """Reads the importer's progress until `count` records in all were accepted."""
    for line in progress(process):
        if found := ACCEPTED.match(line):
            seen.append(found.group(1))
        if len(seen) >= count:
            return
    raise AssertionError(f"the import ended after {len(seen)} records")


def test_a_backup_taken_during_a_bulk_import_restores_consistently(tmp_path):
    home = Home(tmp_path / "home")
    with Lontar(home) as lontar:
        lontar.init("ID-T", "Pemerintah Kota Uji")
        lontar.records.add_unit(ADMIN, "DPK", "Dinas Perpustakaan dan Kearsipan")
    folder = tmp_path / "masuk"
    folder.mkdir()
    for n in range(FILES):
        words = " ".join(f"kata{(n * 7 + i) % 997}" for i in range(3000))
        (folder / f"surat-{n:03d}.txt").write_text(f"Surat nomor {n} tentang arsip. {words}")

    serve = start_serve(home, free_port(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    dest, seen, counts = tmp_path / "cadangan", [], []
    try:
        wait_until(lambda: zeo_running(home), 90, "the ZEO server")
        command = ["import", str(folder), "--unit", "DPK", "--no-wait"]
        importer = subprocess.Popen(
            [PYTHON, "-m", "repository.cli", "--home", str(home.path), *command],
            stdout=subprocess.PIPE,
            bufsize=0,
            cwd=PROJECT,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        # The smallest pipe (one page, about 80 progress lines): while a backup runs and
        # nobody reads, the importer blocks on its next line instead of racing to the end,
        # so each backup lands in the middle of the import however fast the machine is.
        fcntl.fcntl(importer.stdout.fileno(), fcntl.F_SETPIPE_SZ, PIPE_PAGE)
        with Lontar(home) as lontar:  # through the ZEO server, as `lontar backup` would
            for target in (30, 150):
                accepted_lines(importer, target, seen)
                assert importer.poll() is None  # still importing while the backup runs
                counts.append(len(seen))
                backup(lontar, ADMIN, BackupOptions(dest))
        for line in progress(importer):
            if found := ACCEPTED.match(line):
                seen.append(found.group(1))
        assert importer.wait(120) == 0
    finally:
        serve.send_signal(signal.SIGINT)
        serve.wait(60)
    assert len(seen) == FILES

    keyring = Keyring.load(home)
    sets = complete_sets(dest)
    assert len(sets) == 2
    for backup_set, at_least in zip(sets, counts, strict=True):
        target = Home(tmp_path / f"pulih-{backup_set.stamp}")
        _restored, info = restore(dest, target, moment_of(backup_set.stamp))
        assert at_least <= info["records"] < FILES  # taken in the middle of the import
        checks = check_restored(target, info, keyring)
        assert all(check.ok for check in checks), [c for c in checks if not c.ok]
        with restored_db(target) as (db, _storage), reading(db) as root:
            records = list(pemda_of(root).records.values())
            assert len(records) == info["records"]
            # every record is whole: its one file is there (the files check hashed it)
            assert all(len(record.attachments) == 1 for record in records)
            assert {r.id for r in records} <= set(seen)


# -- damaged backup files -----------------------------------------------------------------------
@pytest.fixture
def two_backups(service, tmp_path):
    add(service, "pedoman.pdf", b"%PDF-1.4 pedoman pengarsipan", title="Pedoman arsip")
    add(service, "surat.txt", b"Surat undangan rapat kearsipan", unit="DPK", title="Undangan")
    dest = tmp_path / "cadangan"
    first = take(service, dest, T1)
    add(service, "nota.txt", b"Nota dinas tentang penyusutan arsip", title="Nota dinas")
    second = take(service, dest, T1 + dt.timedelta(hours=1))
    service.close()
    return service.home, dest, first, second


def test_a_truncated_backup_file_is_named_and_nothing_is_restored(two_backups, tmp_path):
    _home, dest, first, second = two_backups
    delta = dest / "filestorage" / f"{second.stamp}.deltafs"
    os.truncate(delta, delta.stat().st_size - 10)
    target = Home(tmp_path / "baru")
    done = lontar_cli("--lang", "en", "restore", str(dest), home=target, check=False)
    assert done.returncode == 1
    assert f"filestorage/{second.stamp}.deltafs" in done.stderr and "damaged" in done.stderr
    assert not target.path.exists()
    assert not [p for p in tmp_path.iterdir() if "restoring" in p.name]
    # the earlier backup does not use that file: it still restores whole
    _restored, info = restore(dest, target, moment_of(first.stamp))
    assert info["stamp"] == first.stamp and info["records"] == 2


def test_a_flipped_bit_in_a_blob_file_fails_the_drill(two_backups):
    home, dest, _first, second = two_backups
    blob = next(
        p for p in (dest / "blobs" / second.stamp).rglob("*.blob") if p.stat().st_nlink == 1
    )
    data = bytearray(blob.read_bytes())
    data[3] ^= 0x10
    os.chmod(blob, 0o600)
    blob.write_bytes(bytes(data))
    report = drill(dest, Keyring.load(home))
    assert not report.ok and [c.name for c in report.checks] == ["manifest"]
    rel = str(blob.relative_to(dest))
    assert report.checks[0].findings == [f"{rel}: damaged"]
    done = run("drill", str(dest), home=home)
    assert done.exit_code == 1 and f"{rel}: damaged" in done.stdout and "FAILED" in done.stdout
    with pytest.raises(LontarError) as caught:
        restore(dest, Home(home.path.parent / "baru"))
    assert caught.value.key == "restore_damaged" and rel in str(caught.value)


def test_an_edited_manifest_is_found_by_the_tag_manifest(two_backups):
    _home, dest, _first, second = two_backups
    manifest = BackupSet(dest, second.stamp).folder / "manifest-sha256.txt"
    lines = manifest.read_text().splitlines()
    lines[0] = "0" * 64 + lines[0][64:]
    manifest.write_text("\n".join(lines) + "\n")
    problems = BackupSet(dest, second.stamp).verify()
    assert problems == [(f"sets/{second.stamp}/manifest-sha256.txt", "damaged")]


# -- the disk fills up --------------------------------------------------------------------------
@contextmanager
def small_filesystem(path: Path, kilobytes: int):
    """A tmpfs of that size at `path` (needs root); None when it cannot be mounted."""
    path.mkdir()
    options = f"size={kilobytes}k,mode=0700"
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(path)], capture_output=True
    )
    try:
        yield path if mounted.returncode == 0 else None
    finally:
        if mounted.returncode == 0:
            subprocess.run(["umount", "-l", str(path)], check=False)


def noisy_text(n: int, size: int) -> bytes:
    """Text that compresses badly, so each record costs what it says."""
    return f"Laporan {n}: ".encode() + os.urandom(size // 2).hex().encode()


@pytest.fixture
def heavy(service):
    for n in range(4):
        add(service, f"laporan-{n}.txt", noisy_text(n, 120_000), title=f"Laporan {n}")
    return service


@pytest.mark.parametrize("where", ["database", "blobs", "incremental"])
def test_a_full_disk_fails_the_backup_cleanly_and_leaves_the_data_alone(heavy, tmp_path, where):
    home = heavy.home
    data_fs, blobs = (
        home.data_fs.stat().st_size,
        sum(p.stat().st_size for p in home.blobs.rglob("*") if p.is_file()),
    )
    sizes = {
        "database": 32,
        "blobs": (data_fs + blobs // 2) // 1024,
        "incremental": (data_fs + blobs) // 1024 + 200,
    }
    with small_filesystem(tmp_path / "kecil", sizes[where]) as mount:
        if mount is None:
            pytest.skip("no tmpfs can be mounted here (not root)")
        dest = mount / "cadangan"
        kept = []
        if where == "incremental":
            kept = [take(heavy, dest, T1).stamp]  # fits; the next one will not
            for n in range(4, 8):
                add(heavy, f"laporan-{n}.txt", noisy_text(n, 120_000), title=f"Laporan {n}")
        dat_before = {p.name: p.stat().st_size for p in dest.glob("filestorage/*.dat")}
        heavy.close()
        before = (tree_digest(home.blobs), hashlib.sha256(home.data_fs.read_bytes()).hexdigest())

        done = run("backup", str(dest), home=home)

        assert done.exit_code == 1
        assert "backup" in done.stderr and "No space left on device" in done.stderr
        assert "No half-made backup" in done.stderr
        # the live data is untouched
        after = (tree_digest(home.blobs), hashlib.sha256(home.data_fs.read_bytes()).hexdigest())
        assert after == before
        # and no half backup is there, let alone claimed as done
        assert [s.stamp for s in complete_sets(dest)] == kept
        names = {p.name for p in (dest / "filestorage").iterdir()}
        assert {n[:19] for n in names} <= set(kept) and "tmp.tmp" not in names
        assert sorted(p.name for p in (dest / "blobs").iterdir()) == kept
        assert sorted(p.name for p in (dest / "sets").iterdir()) == kept
        assert {p.name: p.stat().st_size for p in dest.glob("filestorage/*.dat")} == dat_before
        for stamp in kept:
            assert BackupSet(dest, stamp).verify() == []
        trail = (home.path / "audit" / "audit.jsonl").read_text().splitlines()
        entry = json.loads(trail[-1])
        assert entry["action"] == "backup_failed" and "No space" in entry["detail"]["reason"]
        with Lontar(home) as lontar, reading(lontar.db) as root:
            last = pemda_of(root).settings.get("ops_last_backup")
        assert (last or {}).get("stamp") == (kept[-1] if kept else None)


def test_a_file_size_limit_fails_the_backup_cleanly(heavy, tmp_path):
    """Where no tmpfs can be mounted, the same fault through RLIMIT_FSIZE."""
    home, dest = heavy.home, tmp_path / "cadangan"
    heavy.close()
    before = hashlib.sha256(home.data_fs.read_bytes()).hexdigest()
    limit = home.data_fs.stat().st_size // 2

    def limited() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past it fails with EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    done = subprocess.run(
        [PYTHON, "-m", "repository.cli", "--home", str(home.path), "backup", str(dest)],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        env={**os.environ, "LONTAR_LANG": "en"},
        preexec_fn=limited,
    )
    assert done.returncode == 1 and "File too large" in done.stderr
    assert hashlib.sha256(home.data_fs.read_bytes()).hexdigest() == before
    assert complete_sets(dest) == [] and list((dest / "filestorage").iterdir()) == []


def test_what_a_killed_backup_left_is_taken_away_by_the_next_one(two_backups, tmp_path):
    home, dest, first, second = two_backups
    # killed before it finished: the set never got its backup-info.json
    (BackupSet(dest, second.stamp).folder / "backup-info.json").unlink()
    assert [s.stamp for s in complete_sets(dest)] == [first.stamp]
    with Lontar(home) as lontar:
        add(lontar, "akhir.txt", b"Surat terakhir tentang arsip statis", title="Surat akhir")
        third = take(lontar, dest, T1 + dt.timedelta(hours=2))
    names = sorted(p.name for p in (dest / "filestorage").iterdir())
    assert not [n for n in names if n.startswith(second.stamp)]
    assert second.stamp not in (dest / "filestorage" / f"{first.stamp}.dat").read_text()
    assert not (dest / "blobs" / second.stamp).exists()
    info = BackupSet(dest, third.stamp).info()
    assert info["filestorage"] == [
        f"filestorage/{first.stamp}.fs",
        f"filestorage/{third.stamp}.deltafs",
    ]
    report = drill(dest, Keyring.load(home))
    assert report.ok and info["records"] == 4, report.findings


def test_a_second_backup_into_a_dest_in_use_is_refused_and_takes_nothing_away(service, tmp_path):
    dest = tmp_path / "cadangan"
    first = take(service, dest, T1)
    with dest_lock(dest):  # another run is writing into DEST: its files are not leftovers
        running = dest / "sets" / "2026-12-01-03-00-00"
        running.mkdir()
        with pytest.raises(LontarError) as refused:
            take(service, dest, T1 + dt.timedelta(hours=2))
        assert refused.value.key == "backup_busy"
        assert str(dest) in refused.value.message("en") and "Another backup" in str(refused.value)
        assert running.is_dir()  # the refused run removed nothing of the running one
        with pytest.raises(LontarError) as reading_refused:  # nor does a drill read meanwhile
            drill(dest, service.keyring)
        assert reading_refused.value.key == "backup_busy"
    assert [s.stamp for s in complete_sets(dest)] == [first.stamp]
    running.rmdir()
    # a drill reading DEST keeps a backup out, too
    with dest_lock(dest, shared=True), pytest.raises(LontarError, match="Another backup"):
        take(service, dest, T1 + dt.timedelta(hours=3))
    assert take(service, dest, T1 + dt.timedelta(hours=4)).kind == "incremental"


def test_a_pack_waits_for_a_running_backup_and_a_backup_for_a_running_pack(
    service, tmp_path, monkeypatch
):
    add(service, "a.txt", b"Nota dinas pertama tentang arsip", title="Nota A")
    finished = threading.Event()

    def pack() -> None:
        pack_storage(service.db, service.home)
        finished.set()

    with pack_lock(service.home) as taken:  # what `lontar backup` holds while it copies
        assert taken
        packer = threading.Thread(target=pack)
        packer.start()
        assert not finished.wait(1.5)  # the pack waits: it would remove blobs being copied
    assert finished.wait(60)
    packer.join()

    monkeypatch.setattr(backup_module, "PACK_WAIT", 0.5)
    dest = tmp_path / "cadangan"
    with pack_lock(service.home), pytest.raises(LontarError) as refused:  # a pack is running
        take(service, dest, T1)
    assert refused.value.key == "backup_pack_running" and "pack" in str(refused.value)
    assert complete_sets(dest) == [] and not list((dest / "filestorage").glob("*"))
    entry = list(service.context.audit.entries())[-1]
    assert entry["action"] == "backup_failed" and "pack" in entry["detail"]["reason"]
    assert take(service, dest, T1).kind == "full"
