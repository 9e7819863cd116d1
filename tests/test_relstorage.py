"""Lontar on RelStorage: PostgreSQL holds the database and the files, each node keeps its own
blob cache (docs/scaling.md). A real PostgreSQL server (tests/pg_server.py); every node is a
data directory of its own on the same database with a copy of the master key, as on two
machines: what one node stores, the other reads, files included; two nodes writing at once
retry their conflicts; the search index is shared only when it is PostgreSQL's."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import stat
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import psycopg2
import pytest
import ZODB
import ZODB.config
from persistent.mapping import PersistentMapping

from repository.app import Lontar
from repository.core import clock
from repository.core.config import Home, zconfig_from_url
from repository.core.content import pemda_of
from repository.core.db import reading, write
from repository.core.keys import key_path
from repository.core.moved import class_factory
from repository.core.security import ADMIN
from repository.core.service import Context
from repository.records.sessions import SessionServices, load_secret
from tests.conftest import PROJECT, PYTHON, make_pdf, wait_until
from tests.pg_server import PgServer, pg_server

pytestmark = pytest.mark.slow

STORAGE_EXAMPLE = PROJECT / "deploy" / "two-nodes" / "storage.conf"
CLEARED = ("LONTAR_HOME", "LONTAR_STORAGE", "LONTAR_LANG", "LONTAR_SEARCH", "LONTAR_SEARCH_DSN")
PDF = make_pdf(
    "Rapat koordinasi penanggulangan banjir",
    "Banjir melanda Kelurahan Sukajadi; rapat koordinasi penanggulangan di kantor camat.",
)


@pytest.fixture(scope="module")
def server() -> Iterator[PgServer]:
    with pg_server() as running:
        yield running


@pytest.fixture
def database(server) -> str:
    """A fresh database's name: RelStorage creates its tables at the first open."""
    return server.create_database()


def environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in CLEARED}
    return {**env, "PYTHONUNBUFFERED": "1", "LONTAR_LANG": "en", **extra}


def cli(home: Home, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    done = subprocess.run(
        [PYTHON, "-m", "repository.cli", "--home", str(home.path), *args],
        capture_output=True, text=True, cwd=PROJECT, timeout=600, env=env,
    )  # fmt: skip
    assert done.returncode == 0, f"lontar {args}: {done.stderr}"
    return done


def second_node(first: Home, folder: Path, storage: str | None = None) -> Home:
    """Another data directory on the same database, as a second machine is set up: its
    `storage.conf` (else `$LONTAR_STORAGE` says), and copies of the master key and of the
    session key (the first node makes it at its first login; here, now)."""
    home = Home.resolve(folder)
    home.ensure()
    if storage is not None:
        (home.path / "storage.conf").write_text(storage)
    shutil.copy2(key_path(first), key_path(home))
    load_secret(first.session_key_file)
    home.session_key_file.parent.mkdir(mode=0o700, exist_ok=True)
    shutil.copy2(first.session_key_file, home.session_key_file)
    return home


def example_storage(server: PgServer, database: str, blob_cache: Path) -> str:
    """deploy/two-nodes/storage.conf with this server's database and the node's cache."""
    text = STORAGE_EXAMPLE.read_text()
    text = text.replace("/srv/lontar/blobcache", str(blob_cache))
    dsn = "host=db.example.go.id port=5432 dbname=lontar user=lontar sslmode=prefer"
    assert dsn in text
    return text.replace(dsn, server.dsn(database))


def start_worker(home: Home, env: dict[str, str], log: Path) -> subprocess.Popen:
    with log.open("ab") as handle:
        return subprocess.Popen(
            [PYTHON, "-m", "repository.run.worker", "--home", str(home.path)],
            stdout=handle, stderr=subprocess.STDOUT, cwd=PROJECT, env=env,
        )  # fmt: skip


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    process.wait(60)


def search_ids(home: Home, words: str, env: dict[str, str]) -> list[str]:
    answer = cli(home, "search", words, "--json", env=env)
    return [hit["id"] for hit in json.loads(answer.stdout)["hits"]]


def _tables(server: PgServer, database: str, query: str) -> list[tuple]:
    with psycopg2.connect(server.dsn(database)) as connection, connection.cursor() as cursor:
        cursor.execute(query)
        return cursor.fetchall()


def test_two_nodes_share_records_files_and_sessions(server, database, tmp_path, monkeypatch):
    """Node one: a home on `$LONTAR_STORAGE=postgresql://...` (history-free, the files in
    PostgreSQL, its blob cache in the home), its worker indexes a PDF the CLI imports. Node
    two (the example's storage.conf, the keys copied) reads the record and its file through
    its own cache, and accepts a session cookie node one signed."""
    first = Home.resolve(tmp_path / "node1")
    env = environment(LONTAR_STORAGE=server.url(database))
    cli(first, "init", env=env)
    cli(first, "unit", "add", "DPK", "--name", "Kearsipan", env=env)
    (tmp_path / "banjir.pdf").write_bytes(PDF)
    worker = start_worker(first, env, tmp_path / "worker1.log")
    try:
        imported = cli(first, "import", str(tmp_path / "banjir.pdf"), "--unit", "DPK", "--json",
                       env=env)  # fmt: skip
        record = json.loads(imported.stdout)["accepted"][0]["id"]
        assert search_ids(first, "penanggulangan banjir", env) == [record]
    finally:
        stop(worker)
    assert not first.data_fs.exists() and not any(first.blobs.iterdir())
    assert _tables(server, database, "SELECT count(*) FROM blob_chunk")[0][0] > 0
    history = "SELECT count(*) FROM pg_tables WHERE tablename = 'transaction'"
    assert _tables(server, database, history)[0][0] == 0  # history-free
    cache = first.path / "blobcache"
    assert cache.is_dir() and stat.S_IMODE(cache.stat().st_mode) == 0o700

    cache = tmp_path / "node2" / "blobcache"
    second = second_node(first, tmp_path / "node2", example_storage(server, database, cache))
    monkeypatch.delenv("LONTAR_STORAGE", raising=False)
    with Lontar(second) as node:
        assert node.records.show(ADMIN, record)["title"] == "banjir"
        assert node.records.original(ADMIN, record)[2] == PDF
        cached = list(cache.rglob("*.blob"))
        assert len(cached) == 1 and cached[0].read_bytes() == PDF
        expires = clock.utcnow() + dt.timedelta(hours=1)
        cookie = _sessions(first, node).cookie_for("sesi-uji", expires)  # node one signs
        assert node.sessions.session_id_from(cookie.value) == "sesi-uji"
        stranger = Home.resolve(tmp_path / "node3")
        stranger.ensure()  # a node set up without the copy: a session key of its own
        assert _sessions(stranger, node).session_id_from(cookie.value) is None


def _sessions(home: Home, node: Lontar) -> SessionServices:
    """The session services of `home` (its session key) on the shared database."""
    return SessionServices(Context(home, node.db, node.keyring))


def test_two_nodes_writing_at_once_retry_their_conflicts(server, database, tmp_path):
    """Each node a process importing into the same unit at once: every file is stored, the
    reference numbers stay unique. And a conflict itself: a change committed by one node
    between another node's read and its commit makes that commit conflict; `write` runs the
    work again on fresh state, so neither change is lost."""
    first = Home.resolve(tmp_path / "node1")
    env = environment(LONTAR_STORAGE=server.url(database))
    cli(first, "init", env=env)
    cli(first, "unit", "add", "DPK", "--name", "Kearsipan", env=env)
    second = second_node(first, tmp_path / "node2")
    nodes = {"1": first, "2": second}
    runs = []
    for name, home in nodes.items():
        folder = tmp_path / f"files{name}"
        folder.mkdir()
        for n in range(15):
            (folder / f"nota-{name}-{n:02d}.txt").write_text(f"Nota dinas {name}-{n} kiriman")
        runs.append(subprocess.Popen(
            [PYTHON, "-m", "repository.cli", "--home", str(home.path), "import", str(folder),
             "--unit", "DPK", "--no-wait", "--json"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=PROJECT, env=env,
        ))  # fmt: skip
    reports = [(run.communicate(timeout=600), run.returncode) for run in runs]
    for (out, err), code in reports:
        assert code == 0, err
        assert len(json.loads(out)["accepted"]) == 15
    assert all(any((home.path / "blobcache").iterdir()) for home in nodes.values())
    db = _database(server.url(database) + f"?blob_dir={tmp_path / 'cache3'}")
    try:
        with reading(db) as root:
            records = pemda_of(root).records.values()
            codes = [r.reference_code for r in records if r.unit_code == "DPK"]
        assert len(codes) == 30 and len(set(codes)) == 30
        _assert_conflict_retried(db, _database(server.url(database) + f"?blob_dir={tmp_path}/c4"))
    finally:
        db.close()


def _database(url: str) -> ZODB.DB:
    db = ZODB.config.databaseFromString(zconfig_from_url(url))
    db.classFactory = class_factory
    return db


def _assert_conflict_retried(db: ZODB.DB, other: ZODB.DB) -> None:
    write(db, lambda root: root.__setitem__("tally", PersistentMapping(count=0)))
    attempts = []

    def count(root) -> int:
        attempts.append(root["tally"]["count"])
        if len(attempts) == 1:  # the other node commits between this read and the commit
            thread = threading.Thread(target=lambda: write(other, _bump))
            thread.start()
            thread.join()
        root["tally"]["count"] += 1
        return root["tally"]["count"]

    try:
        assert write(db, count, note="tally") == 2
        assert attempts == [0, 1]  # the first try conflicted; the retry saw the other's change
    finally:
        other.close()


def _bump(root) -> None:
    root["tally"]["count"] += 1


def test_the_second_node_finds_what_the_first_nodes_worker_indexed(server, database, tmp_path):
    """The Whoosh index lives in one node's folder: node two would find nothing there. With
    the PostgreSQL search index (the example's lontar.toml) node two searches what node
    one's worker indexed, and what it imports node one's worker indexes."""
    search_db = server.create_database()
    toml = (PROJECT / "deploy" / "two-nodes" / "lontar.toml").read_text()
    dsn = "host=db.example.go.id port=5432 dbname=lontar user=lontar sslmode=prefer"
    assert dsn in toml
    settings = toml.replace(dsn, server.dsn(search_db))
    first = Home.resolve(tmp_path / "node1")
    first.ensure()
    first.config_file.write_text(settings)
    env = environment(LONTAR_STORAGE=server.url(database))
    cli(first, "init", env=env)
    cli(first, "unit", "add", "DPK", "--name", "Kearsipan", env=env)
    second = second_node(first, tmp_path / "node2", example_storage(server, database,
                         tmp_path / "node2" / "blobcache"))  # fmt: skip
    second.config_file.write_text(settings)
    plain = environment()
    (tmp_path / "banjir.pdf").write_bytes(PDF)
    worker = start_worker(first, env, tmp_path / "worker1.log")
    try:
        imported = cli(first, "import", str(tmp_path / "banjir.pdf"), "--unit", "DPK", "--json",
                       env=env)  # fmt: skip
        record = json.loads(imported.stdout)["accepted"][0]["id"]
        assert search_ids(second, "penanggulangan banjir", plain) == [record]
        note = tmp_path / "nota.txt"
        note.write_text("Nota dinas tentang pemeliharaan gedung arsip")
        added = cli(second, "import", str(note), "--unit", "DPK", "--no-wait", "--json", env=plain)
        other = json.loads(added.stdout)["accepted"][0]["id"]
        wait_until(lambda: search_ids(first, "pemeliharaan", env) == [other], 120, "the worker")
    finally:
        stop(worker)
    assert not second.index_dir.exists() or not any(second.index_dir.iterdir())
    rows = _tables(server, search_db, "SELECT id FROM lontar.docs ORDER BY id")
    assert sorted([record, other]) == [row[0] for row in rows]
