"""A PostgreSQL search index that goes away and comes back: the worker waits and goes on, and
`lontar serve`'s supervisor restarts a child that keeps dying after a while with growing
pauses instead of stopping the node.

On a real PostgreSQL server (tests/pg_server.py), stopped and started again under a worker
that runs in a thread of the test, on a real Lontar home (FileStorage in a temporary folder).
"""

from __future__ import annotations

import logging
import re
import subprocess
import threading
import time
import uuid
from collections.abc import Iterator

import psycopg2
import pytest

from repository.app import Lontar
from repository.core.config import SEARCH_DSN_ENV, SEARCH_ENV, SEARCH_SCHEMA_ENV, Home
from repository.core.content import pemda_of
from repository.core.db import reading
from repository.core.security import ADMIN
from repository.ingest.pipeline import ImportOptions, Incoming
from repository.run import serve as serve_module
from repository.run.worker import Worker
from tests.conftest import PYTHON, free_port, wait_until
from tests.pg_server import PgServer, pg_server

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server() -> Iterator[PgServer]:
    with pg_server() as made:
        yield made


@pytest.fixture
def pg_service(server, home, monkeypatch) -> Iterator[Lontar]:
    """A Lontar whose search index is in the test's PostgreSQL server."""
    monkeypatch.setenv(SEARCH_ENV, "postgresql")
    monkeypatch.setenv(SEARCH_DSN_ENV, server.dsn(server.create_database()))
    monkeypatch.setenv(SEARCH_SCHEMA_ENV, f"t_{uuid.uuid4().hex[:12]}")
    lontar = Lontar(home)
    lontar.init("ID-T", "Pemerintah Kota Uji")
    lontar.records.add_unit(ADMIN, "DINKES", "Dinas Kesehatan")
    yield lontar
    lontar.close()


class Running:
    """A `Worker` in a thread; what ended it, if anything did."""

    def __init__(self, service: Lontar) -> None:
        self.stop = threading.Event()
        self.ended: list[BaseException] = []
        self.thread = threading.Thread(target=self._run, args=(Worker(service),), daemon=True)
        self.thread.start()

    def _run(self, worker: Worker) -> None:
        try:
            worker.run(self.stop)
        except BaseException as exc:  # SystemExit too: the test says what ended the worker
            self.ended.append(exc)

    def alive(self) -> bool:
        return self.thread.is_alive()

    def close(self) -> None:
        self.stop.set()
        self.thread.join(30)


@pytest.fixture
def worker_of(pg_service) -> Iterator:
    started: list[Running] = []

    def start() -> Running:
        started.append(Running(pg_service))
        return started[-1]

    yield start
    for running in started:
        running.close()


def queue_record(service: Lontar, text: bytes) -> str:
    """Stored and queued for the index, without waiting for it (the import's own catch-up
    would need the server)."""
    options = ImportOptions(unit="DINKES")
    report = service.ingest.import_files(ADMIN, [Incoming("surat.txt", text)], options, wait=False)
    assert report.accepted, report.as_dict()
    return report.accepted[0].id


def indexed(service: Lontar) -> set[str]:
    """The ids in the index's table, read on a connection of the test's own."""
    try:
        connection = psycopg2.connect(service.store.dsn, connect_timeout=5)
    except psycopg2.OperationalError:
        return set()
    try:
        with connection.cursor() as cur:
            cur.execute(f"SELECT id FROM {service.store.docs}")
            return {row[0] for row in cur.fetchall()}
    except psycopg2.errors.UndefinedTable:
        return set()
    finally:
        connection.close()


def queued(service: Lontar) -> int:
    with reading(service.db) as root:
        return len(pemda_of(root).index_queue)


@pytest.fixture
def stoppable(server) -> Iterator[PgServer]:
    """The server, running again after the test whatever happened in it."""
    yield server
    try:
        server.run("pg_ctl", "-D", str(server.data), "status")
    except subprocess.CalledProcessError:  # pg_ctl status: 3 when no server runs
        server.start()


def warnings_of(caplog) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.name == "lontar.worker" and r.levelno == logging.WARNING
    ]


def test_the_worker_outlives_a_restart_of_the_search_database(
    pg_service, worker_of, stoppable, caplog
):
    """Before: the first statement on the dead connection raised OperationalError, the worker
    exited, and `lontar serve` restarted it into a refused connection until it gave up."""
    caplog.set_level(logging.INFO, logger="lontar.worker")
    first = queue_record(pg_service, b"Rapat koordinasi vaksinasi campak")
    running = worker_of()
    wait_until(lambda: first in indexed(pg_service), 60, "the first record indexed")

    stoppable.stop()
    second = queue_record(pg_service, b"Surat edaran penyusutan arsip")
    time.sleep(4)  # tries at about 0, 1 and 3 s after the failure: one warning for all
    assert running.alive(), running.ended
    assert len(warnings_of(caplog)) == 1, warnings_of(caplog)
    assert "OperationalError" in warnings_of(caplog)[0] or "Unavailable" in warnings_of(caplog)[0]

    stoppable.start()
    wait_until(lambda: second in indexed(pg_service), 60, "the record queued meanwhile")
    assert running.alive(), running.ended
    assert queued(pg_service) == 0
    assert len(warnings_of(caplog)) == 1
    assert any("back after" in r.getMessage() for r in caplog.records)
    running.close()
    assert not running.alive() and not running.ended


def test_a_worker_started_while_the_search_database_is_down_waits_for_it(
    pg_service, worker_of, stoppable, caplog
):
    """Before: taking the writer lock connects first, and a refused connection ended the
    worker at once."""
    caplog.set_level(logging.INFO, logger="lontar.worker")
    stoppable.stop()
    record = queue_record(pg_service, b"Nota dinas pengadaan obat puskesmas")
    running = worker_of()
    time.sleep(3)
    assert running.alive(), running.ended
    assert len(warnings_of(caplog)) == 1, warnings_of(caplog)

    stoppable.start()
    wait_until(lambda: record in indexed(pg_service), 90, "the record indexed")
    assert running.alive(), running.ended


# -- the supervisor's restarts -------------------------------------------------------------------
def test_a_child_that_dies_after_starting_is_restarted_with_growing_pauses(
    home, monkeypatch, capsys
):
    """Before: a fourth death within a minute stopped everything (ZEO and the app too), even
    of a child that had started each time and died of a database that was away."""
    monkeypatch.setattr(serve_module, "START_GRACE", 0.3)
    supervisor = serve_module.Supervisor(Home.resolve(home.path), free_port(), role="app")
    child = supervisor.children[0]
    child.argv = [PYTHON, "-c", "import time; time.sleep(0.6); raise SystemExit(4)"]
    child.start(supervisor.env)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and len(child.deaths) < 5:
            supervisor.watch_once()  # raised ServeError before, at the fourth death
            time.sleep(0.05)
    finally:
        supervisor.stop()
    said = capsys.readouterr().err
    assert len(child.deaths) >= 5, said
    pauses = [int(p) for p in re.findall(r"restarting in (\d+) s", said)]
    assert pauses[:3] == [1, 2, 4], said
    assert said.count("restarting\n") == 1, said  # the first death: at once
