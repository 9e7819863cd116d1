"""Crashes and drift: after any kill, nothing committed is lost and `check` comes back clean."""

from __future__ import annotations

import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from whoosh import index as whoosh_index

from indexes.search import SearchRequest
from indexes.store import open_writer
from repository.app import Lontar
from repository.core.content import pemda_of, touch
from repository.core.db import write
from repository.core.security import ADMIN
from repository.ingest.pipeline import ImportOptions, Incoming
from tests.conftest import PROJECT, PYTHON, add, import_killed_after, lontar_cli, make_pdf

pytestmark = pytest.mark.slow


def _texts(count: int, start: int = 0) -> list[Incoming]:
    return [
        Incoming(f"memo-{n}.txt", f"Nota dinas nomor {n} tentang pengarsipan arsip {n}".encode())
        for n in range(start, start + count)
    ]


@pytest.mark.whoosh
def test_check_finds_missing_stale_and_orphaned_entries_and_repairs_them(service):
    first, second, third = (add(service, f"{n}.txt", f"surat {n}".encode()) for n in "abc")
    assert service.index.check().clean
    writer = open_writer(service.store.ix())
    writer.delete_by_term("id", first)
    writer.add_document(id="ghost", title="ghost", revision=1)
    writer.commit()

    def drift(root) -> None:
        record = pemda_of(root).records[second]
        record.title = "judul baru"
        record.revision += 1  # changed without a queue entry: the index is now stale

    write(service.db, drift)
    report = service.index.check()
    assert (report.missing, report.stale, report.orphans) == ([first], [second], ["ghost"])
    assert service.index.check(repair=True).clean
    assert [
        h.id for h in service.records.search(ADMIN, SearchRequest(query="judul baru")).hits
    ] == [second]
    assert third in [h.id for h in service.records.search(ADMIN, SearchRequest(query="surat")).hits]


def test_queued_changes_count_as_pending_not_as_faults(service):
    service.ingest.import_files(ADMIN, _texts(3), ImportOptions(unit="DPK"), wait=False)
    report = service.index.check()
    assert report.clean and report.pending == 3


def test_an_import_killed_mid_batch_keeps_every_committed_record(home, tmp_path):
    lontar_cli("init", home=home)
    lontar_cli("unit", "add", "DPK", "--name", "Kearsipan", home=home)
    folder = tmp_path / "batch"
    folder.mkdir()
    for n in range(60):
        pdf = make_pdf(f"Surat {n}", f"Surat nomor {n} tentang pengarsipan dokumen.")
        (folder / f"surat-{n:03d}.pdf").write_bytes(pdf)
    accepted = import_killed_after(home, folder, 10)
    with Lontar(home) as service:
        report = service.index.check()
        assert report.records >= 10 and report.pending >= 10  # stored, not yet indexed
        service.index.catch_up()
        assert service.index.check().clean
        found = {
            h.id
            for h in service.records.search(ADMIN, SearchRequest(query="arsip", page_size=100)).hits
        }
        assert set(accepted) <= found
        for record_id in accepted:
            assert service.records.original(ADMIN, record_id)[2].startswith(b"%PDF")


@pytest.fixture
def zeo(home):
    """A real ZEO server on the home's Unix socket, as `lontar serve` starts it."""
    from repository.core.db import zeo_running, zeo_server_config

    config = home.path / "zeo.conf"
    config.write_text(zeo_server_config(home))
    server = subprocess.Popen([PYTHON, "-m", "ZEO.runzeo", "-C", str(config)], cwd=PROJECT)
    deadline = time.monotonic() + 30
    while not zeo_running(home):
        assert time.monotonic() < deadline and server.poll() is None, "ZEO did not start"
        time.sleep(0.1)
    yield home
    server.terminate()
    server.wait(30)


def _start_worker(home) -> subprocess.Popen:
    return subprocess.Popen(
        [PYTHON, "-m", "repository.run.worker", "--home", str(home.path)],
        cwd=PROJECT,
        stderr=subprocess.DEVNULL,
    )


def test_a_worker_killed_mid_batch_loses_nothing(zeo):
    with Lontar(zeo) as service:
        service.init("ID-Z", "Zeo")
        service.records.add_unit(ADMIN, "DPK", "Kearsipan")
        service.ingest.import_files(ADMIN, _texts(2500), ImportOptions(unit="DPK"), wait=False)
        assert service.index.check().pending == 2500
        worker = _start_worker(zeo)
        deadline = time.monotonic() + 120
        while service.index.check().pending == 2500:  # wait until it has applied a first batch
            assert time.monotonic() < deadline
            time.sleep(0.05)
        worker.send_signal(signal.SIGKILL)
        worker.wait(30)
        assert service.index.check().pending > 0, "the kill must land before the queue is drained"
        worker = _start_worker(zeo)
        try:
            service.index.catch_up(timeout=300)
        finally:
            worker.terminate()
            worker.wait(30)
        report = service.index.check()
        assert report.clean and report.indexed == report.records == 2500
        assert service.records.search(ADMIN, SearchRequest(query='"nomor 2499"')).total == 1


def test_cli_and_app_processes_meet_through_zeo(zeo):
    """While ZEO runs, the CLI goes through it; FileStorage alone would refuse a 2nd process."""
    lontar_cli("init", home=zeo)
    lontar_cli("unit", "add", "DPK", "--name", "Kearsipan", home=zeo)
    with Lontar(zeo) as service:  # a second process-level client, open at the same time
        (zeo.path / "surat.txt").write_text("Pemberitahuan pengarsipan elektronik")
        lontar_cli("import", str(zeo.path / "surat.txt"), "--unit", "DPK", home=zeo)
        assert service.records.search(ADMIN, SearchRequest(query="elektronik")).total == 1


@pytest.mark.whoosh
def test_reindex_resumes_after_a_kill_without_duplicates(service):
    service.ingest.import_files(ADMIN, _texts(1200), ImportOptions(unit="DPK"), wait=False)
    service.index.catch_up()
    service.close()
    script = (
        "import os, signal\n"
        "from repository.app import Lontar\nfrom repository.core.config import Home\n"
        "from indexes.writer import rebuild\n"
        f"s = Lontar(Home.resolve({str(service.home.path)!r}))\n"
        "def progress(done, total):\n"
        "    if done >= 700: os.kill(os.getpid(), signal.SIGKILL)\n"
        "rebuild(s.db, s.store, s.home.work_dir, progress=progress, chunk=100, commit_every=300)\n"
    )
    killed = subprocess.run([PYTHON, "-c", script], cwd=PROJECT, timeout=300, check=False)
    assert killed.returncode == -signal.SIGKILL
    assert _helpers_gone(str(service.home.work_dir), within=20)
    assert (service.home.work_dir / "reindex.json").exists()
    partial = whoosh_index.open_dir(str(service.home.work_dir / "index.new"))
    assert 0 < partial.doc_count() < 1200
    assert lontar_cli("reindex", home=service.home).returncode == 0
    with Lontar(service.home) as again:
        report = again.index.check()
        assert report.clean and report.indexed == 1200
        assert again.store.doc_count() == 1200  # no document twice
        assert not (again.home.work_dir / "reindex.json").exists()


def _helpers_gone(path_part: str, *, within: float) -> bool:
    """True once no index segment helper working under `path_part` is alive: they must
    notice their parent died (their input closes) and exit."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        alive = []
        for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
            try:
                args = cmdline.read_bytes().split(b"\0")
            except OSError:
                continue
            if b"indexes.segments" in args and any(path_part.encode() in a for a in args):
                alive.append(cmdline)
        if not alive:
            return True
        time.sleep(0.2)
    return False


def test_a_touched_record_is_reindexed_with_its_new_revision(service):
    record_id = add(service, "a.txt", b"surat lama")

    def rename(root) -> None:
        pemda = pemda_of(root)
        pemda.records[record_id].title = "surat diperbarui"
        touch(pemda, pemda.records[record_id])

    write(service.db, rename)
    service.index.catch_up()
    assert service.index.check().clean
    assert service.records.search(ADMIN, SearchRequest(query="diperbarui")).hits[0].id == record_id


@pytest.mark.whoosh
def test_an_index_from_an_older_version_is_refused_then_rebuilt_by_the_worker(service):
    from indexes.schema import build_schema
    from repository.core.errors import IndexOutdated
    from repository.run.worker import Worker

    record_id = add(service, "a.txt", b"surat pengarsipan lama")
    service.store.close()
    old = build_schema()
    old.remove("parent")  # what an index written before browse-by-parent looks like
    shutil.rmtree(service.store.path)
    service.store.path.mkdir()
    whoosh_index.create_in(str(service.store.path), old)
    assert service.store.outdated()
    with pytest.raises(IndexOutdated):
        service.records.search(ADMIN, SearchRequest(query="arsip"))
    assert Worker(service).step()
    assert not service.store.outdated()
    assert service.records.search(ADMIN, SearchRequest(query="arsip")).hits[0].id == record_id


def test_a_zeo_client_caches_megabytes_and_each_connection_thousands_of_objects(zeo):
    """ZEO counts its client cache in bytes, ZODB a connection's cache in objects: the object
    count passed to both left ZEO 20 KB and each connection ZODB's default 400 objects."""
    from repository.core.db import ZEO_CACHE_BYTES, open_db

    db = open_db(zeo)
    try:
        assert db.storage._cache.maxsize == ZEO_CACHE_BYTES >= 64 * 2**20
        assert db.getCacheSize() == 20000
    finally:
        db.close()
