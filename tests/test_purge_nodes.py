"""A destruction reaches every node's caches (repository/run/sweep.py). Two data directories
on one RelStorage database (a real PostgreSQL, tests/pg_server.py) and the PostgreSQL search
index, as two machines: node two reads a record's file (its blob cache and its page previews
hold it), node one destroys the record and purges. Node two's disk keeps the file until its
sweep, and after the sweep holds nothing of it, while what was not destroyed is fetched again,
and a file being read at that moment is read to its end. Once through a real
`lontar serve --role app` supervisor."""

from __future__ import annotations

import os
import re
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from repository.app import Lontar
from repository.core.config import SEARCH_DSN_ENV, SEARCH_ENV, SEARCH_SCHEMA_ENV, Home
from repository.core.content import pemda_of
from repository.core.db import reading
from repository.core.errors import RecordNotFound
from repository.core.i18n import translate
from repository.core.security import ADMIN
from repository.run import sweep
from tests.conftest import (
    JRA,
    PROJECT,
    PYTHON,
    SCHEME_V1,
    add,
    free_port,
    healthy,
    make_pdf,
    wait_until,
)
from tests.pg_server import PgServer, pg_server
from tests.test_disposal import UNIQUE, approved_destruction, filed
from tests.test_relstorage import second_node
from tests.test_sealing import found_on_disk

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server() -> Iterator[PgServer]:
    with pg_server() as running:
        yield running


@pytest.fixture
def nodes(server, tmp_path, monkeypatch) -> Iterator[tuple[Lontar, Lontar]]:
    """Node one (initialised, with a scheme and a JRA) and node two, each its own home on
    the same database (`$LONTAR_STORAGE`: each home's blob cache is `<home>/blobcache`) and
    the same PostgreSQL search index, node two with copies of the keys."""
    monkeypatch.setenv("LONTAR_STORAGE", server.url(server.create_database()))
    monkeypatch.setenv(SEARCH_ENV, "postgresql")
    monkeypatch.setenv(SEARCH_DSN_ENV, server.dsn(server.create_database()))
    monkeypatch.setenv(SEARCH_SCHEMA_ENV, "lontar")
    first = Lontar(Home.resolve(tmp_path / "node1"))
    try:
        first.init("ID-T", "Pemerintah Kota Uji")
        first.records.add_unit(ADMIN, "DINKES", "Dinas Kesehatan")
        first.workbench.load_scheme(ADMIN, SCHEME_V1, "78/2012")
        first.workbench.load_jra(ADMIN, JRA)
        with Lontar(second_node(first.home, tmp_path / "node2")) as second:
            yield first, second
    finally:
        first.close()


def traces_of(pdf: bytes, image: bytes) -> tuple[bytes, bytes]:
    """What of a file may lie on a node's disk: the start of its largest content stream
    (in its blob) and its first page's image (in the previews)."""
    content = max(re.findall(rb"stream\r?\n(.*?)endstream", pdf, re.DOTALL), key=len)
    return content[:64], image


def on_disk(home: Home, traces: tuple[bytes, ...]) -> list[Path]:
    return [path for trace in traces for path in found_on_disk(home, trace)]


def read_on(node: Lontar, record: str, pdf: bytes) -> tuple[bytes, bytes]:
    """Node `node` shows the record's file and its first page: both are now in its caches."""
    assert node.records.original(ADMIN, record, 0)[2] == pdf
    return traces_of(pdf, node.ingest.page_image(ADMIN, record, 0, 1))


def destroyed_on(node: Lontar, record: str) -> None:
    done = node.disposal.execute_destruction(ADMIN, approved_destruction(node, record))
    assert {r["status"] for r in done["records"]} == {"destroyed"}


def test_the_sweep_leaves_nothing_of_a_destroyed_file_on_another_node(nodes):
    first, second = nodes
    record, pdf = filed(first, "Laporan lama", "000.5", "2010-01-01", f"Laporan {UNIQUE} gudang.")
    kept, kept_pdf = filed(first, "Laporan tetap", "000.5", "2010-01-01", "Laporan yang tetap.")
    first.index.catch_up()
    sweep.sweep(second.home, second.db)  # a new node: its first look notes where it starts
    traces = read_on(second, record, pdf)
    assert second.records.original(ADMIN, kept, 0)[2] == kept_pdf
    cache = second.home.path / "blobcache"
    assert sweep.blob_cache(second.db) == cache
    destroyed_on(first, record)

    with pytest.raises(RecordNotFound):
        second.records.show(ADMIN, record)
    held = {path.parents[1] for path in on_disk(second.home, traces)}
    assert held == {cache, second.home.work_dir / "previews"}  # the purge ran on node one
    assert sweep.sweep(second.home, second.db)
    assert on_disk(second.home, traces) == []
    assert not list(cache.rglob("*.blob")) and (cache / ".layout").is_file()
    assert not sweep.sweep(second.home, second.db)  # nothing destroyed since
    assert second.records.original(ADMIN, kept, 0)[2] == kept_pdf  # fetched again
    assert len(list(cache.rglob("*.blob"))) == 1


def test_a_file_being_read_while_the_cache_empties_is_read_to_its_end(nodes):
    first, second = nodes
    kept, pdf = filed(first, "Laporan tetap", "000.5", "2010-01-01", f"Laporan {UNIQUE} tetap.")
    cache = second.home.path / "blobcache"
    with reading(second.db) as root:
        blob = pemda_of(root).records[kept].attachments[0].blob
        with blob.open("r") as handle:
            start = handle.read(100)
            assert sweep.empty_caches(second.home, second.db) >= 1
            assert not list(cache.rglob("*.blob"))  # its name is gone at once
            assert start + handle.read() == pdf  # the reader still reads all of it
    assert second.records.original(ADMIN, kept, 0)[2] == pdf


def test_a_storage_folder_that_is_no_cache_is_never_emptied(tmp_path):
    """A FileStorage's blob folder holds the only copy of the files: no sweep empties it."""
    home = Home.resolve(tmp_path / "single")
    with Lontar(home) as single:
        single.init("ID-T", "Pemerintah Kota Uji")
        single.records.add_unit(ADMIN, "DINKES", "Dinas Kesehatan")
        record, pdf = filed_plain(single)
        assert sweep.blob_cache(single.db) is None
        blobs = list(home.blobs.rglob("*.blob"))
        assert blobs
        assert sweep.sweep(home, single.db)  # a first look: the previews only
        assert list(home.blobs.rglob("*.blob")) == blobs
        assert single.records.original(ADMIN, record, 0)[2] == pdf


def filed_plain(node: Lontar) -> tuple[str, bytes]:
    pdf = make_pdf("Nota", "Nota dinas biasa.")
    return add(node, "nota.pdf", pdf), pdf


def test_an_app_nodes_supervisor_sweeps_after_a_destruction(nodes, tmp_path):
    """`lontar serve --role app` on node two: it looks at the purge generation every 30 s;
    nothing changed, it leaves its caches alone; after node one's destruction it empties
    them and says so."""
    first, second = nodes
    record, pdf = filed(first, "Laporan lama", "000.5", "2010-01-01", f"Laporan {UNIQUE} gudang.")
    first.index.catch_up()
    sweep.sweep(second.home, second.db)  # node two swept before: its note holds this number
    traces = read_on(second, record, pdf)
    port, output = free_port(), tmp_path / "node2.out"
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "LONTAR_LANG": "en"}
    argv = [PYTHON, "-m", "repository.cli", "--home", str(second.home.path), "serve",
            "--role", "app", "--address", "127.0.0.1", "--port", str(port)]  # fmt: skip
    with output.open("ab") as handle:
        serve = subprocess.Popen(argv, stdout=handle, stderr=subprocess.STDOUT, cwd=PROJECT,
                                 env=env)  # fmt: skip
    try:
        wait_until(lambda: healthy(port) or serve.poll() is not None, 120, "the app node")
        assert healthy(port), output.read_text()
        held = {path.parents[1] for path in on_disk(second.home, traces)}
        assert held == {second.home.path / "blobcache", second.home.work_dir / "previews"}
        destroyed_on(first, record)
        wait_until(lambda: not on_disk(second.home, traces), 120, "node two's sweep")
        said = translate("sweep_done", "en", files=0, generation=1).split(":")[0]
        wait_until(lambda: said in output.read_text(), 30, "the supervisor's line")
    finally:
        serve.send_signal(signal.SIGINT)
        serve.wait(60)
    assert serve.returncode == 0, output.read_text()
    assert "could not be emptied" not in output.read_text()
