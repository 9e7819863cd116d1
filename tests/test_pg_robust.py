"""The PostgreSQL index when things go wrong: a rebuild interrupted while records change, a
server restart or outage, a slow statement, a lost writer lock, a destruction's leftovers.

Against a real PostgreSQL server of this module's own (tests/pg_server.py), which some tests
stop and start again, and a real Lontar home; the Whoosh backend where it shares the case.
"""

from __future__ import annotations

import threading
import uuid

import psycopg2
import pytest

from indexes import writer as whoosh_writer
from indexes.backend import WhooshIndex
from indexes.postgres import results
from indexes.postgres.index import Pool, PostgresIndex
from indexes.postgres.query import visible
from indexes.search import SearchRequest
from repository.core.content import pemda_of, queue_key
from repository.core.db import reading, write
from repository.core.errors import SearchTimedOut, SearchUnavailable
from repository.core.i18n import translate
from repository.core.security import ADMIN, ANONYMOUS, Caller
from repository.disposal.services import PURGE_PENDING, DisposalServices
from tests.conftest import add
from tests.pg_server import pg_server

# Staff of another unit, cleared for T: sees a T record of DINKES only while it is shared.
DPK = Caller("dpk", (("DPK", frozenset({"Staf"})),), clearance="T", unit="DPK")
RECORDS = 6


@pytest.fixture(scope="module")
def server():
    with pg_server() as running:
        yield running


@pytest.fixture
def pg(server) -> str:
    return server.dsn(server.create_database())


@pytest.fixture
def index(pg, service):
    made = PostgresIndex(pg, f"t_{uuid.uuid4().hex[:12]}", service.keyring)
    yield made
    made.close()


@pytest.fixture
def shared(service) -> str:
    """`RECORDS` class T records of DINKES; the first by id (the first a rebuild reads) is
    shared with DPK."""
    ids = [
        add(service, f"{n}.txt", f"Laporan kegiatan nomor {n}".encode(), security="T")
        for n in range(RECORDS)
    ]
    first = min(ids)
    service.access.share(ADMIN, first, "DPK")
    return first


class Killed(Exception):
    pass


def kill_at(done_at: int):
    def progress(done: int, total: int) -> None:
        if done >= done_at:
            raise Killed

    return progress


def queue_length(db) -> int:
    with reading(db) as root:
        return len(pemda_of(root).index_queue)


def found_by_dpk(store) -> int:
    return store.search(DPK, SearchRequest(query="laporan")).total


# -- finding 1: only the rebuild drains while it is in progress ---------------------------------
def test_a_drain_leaves_the_queue_to_an_interrupted_postgresql_rebuild(
    service, shared, index, tmp_path
):
    """An upload's catch-up drains while a killed rebuild waits to resume: the rebuild's rows
    of a record whose share was withdrawn meanwhile must not come back with the swap."""
    index.rebuild(service.db, tmp_path)
    assert found_by_dpk(index) == 1 and queue_length(service.db) == 0
    with pytest.raises(Killed):
        index.rebuild(service.db, tmp_path, progress=kill_at(4), chunk=2)
    assert index.rebuild_in_progress(tmp_path)
    service.access.unshare(ADMIN, shared, "DPK")
    assert index.drain(service.db) == 0  # as `catch_up` or `finish_purge` would drain
    assert queue_length(service.db) >= 1
    index.rebuild(service.db, tmp_path, chunk=2)  # resumes, swaps, then drains
    assert queue_length(service.db) == 0 and not index.rebuild_in_progress(tmp_path)
    assert found_by_dpk(index) == 0
    assert index.search(ADMIN, SearchRequest(query="laporan")).total == RECORDS


def test_a_drain_leaves_the_queue_to_an_interrupted_whoosh_rebuild(service, shared, tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    store = WhooshIndex(tmp_path / "index", service.keyring, work_dir=work)
    rounds = {"chunk": 2, "commit_every": 2, "procs": 1}
    whoosh_writer.rebuild(service.db, store, work, **rounds)
    assert found_by_dpk(store) == 1 and queue_length(service.db) == 0
    with pytest.raises(Killed):  # after its first round (the shared record) was committed
        whoosh_writer.rebuild(service.db, store, work, progress=kill_at(4), **rounds)
    assert store.rebuild_in_progress(work)
    service.access.unshare(ADMIN, shared, "DPK")
    assert store.drain(service.db) == 0 and store.apply_queue(service.db) == 0
    assert queue_length(service.db) >= 1
    whoosh_writer.rebuild(service.db, store, work, **rounds)
    assert queue_length(service.db) == 0 and not store.rebuild_in_progress(work)
    assert found_by_dpk(store) == 0
    assert store.search(ADMIN, SearchRequest(query="laporan")).total == RECORDS
    store.close()


# -- finding 8: outages are SearchUnavailable, a restart costs no search ------------------------
def test_a_search_after_a_restart_succeeds_and_a_stopped_server_is_unavailable(
    server, service, shared, index, tmp_path
):
    index.rebuild(service.db, tmp_path)
    request = SearchRequest(query="laporan")
    assert index.search(ADMIN, request).total == RECORDS
    server.stop()
    server.start()
    # the pool's connections were used a moment ago (no ping): each is checked all the same
    assert index.search(ADMIN, request).total == RECORDS
    assert index.related(ADMIN, shared)
    server.stop()
    try:
        with pytest.raises(SearchUnavailable) as raised:
            index.search(ADMIN, request)
        assert str(raised.value) == translate("search_unavailable", "en")
        with pytest.raises(SearchUnavailable):
            index.suggest(ADMIN, shared)
        with pytest.raises(SearchUnavailable), index.writer_lock():  # as a catch-up takes it
            pass
    finally:
        server.start()
    assert index.search(ADMIN, request).total == RECORDS


# -- findings 4 and 7: one read-only snapshot, bounded statements, hits in scope ----------------
def test_reading_is_one_read_only_snapshot_with_a_statement_timeout(index, monkeypatch):
    index.ensure()
    with index.cursor() as cur:
        results.for_search(cur)
        settings = {}
        for name in ("transaction_isolation", "transaction_read_only", "statement_timeout"):
            cur.execute(f"SHOW {name}")
            settings[name] = cur.fetchone()[0]
    assert settings == {
        "transaction_isolation": "repeatable read",
        "transaction_read_only": "on",
        "statement_timeout": results.STATEMENT_TIMEOUT,
    }
    monkeypatch.setattr(results, "STATEMENT_TIMEOUT", "200ms")
    with pytest.raises(SearchTimedOut) as stopped, index.cursor() as cur:
        results.for_reading(cur)
        cur.execute("SELECT pg_sleep(5)")
    assert "Persempit" in stopped.value.message("id")
    with index.cursor() as cur:  # the connection is lent again, in its defaults
        cur.execute("SHOW statement_timeout")
        assert cur.fetchone()[0] == "0"


def test_hits_are_read_only_within_the_callers_scope(service, shared, index, tmp_path):
    index.rebuild(service.db, tmp_path)
    with index.cursor() as cur:
        for_dpk = results.hits(index, cur, [shared], None, None, within=visible(DPK))
        for_anyone = results.hits(index, cur, [shared], None, None, within=visible(ANONYMOUS))
    assert [hit.id for hit in for_dpk] == [shared] and for_anyone == []


# -- finding 9: fuzzystrmatch is made by ensure, not inside a search ----------------------------
def test_ensure_creates_fuzzystrmatch_and_did_you_mean_needs_one_connection(
    service, shared, pg, tmp_path
):
    made = PostgresIndex(pg, f"t_{uuid.uuid4().hex[:12]}", service.keyring)
    made.ensure()
    with made.cursor() as cur:
        cur.execute("SELECT count(*) FROM pg_extension WHERE extname = 'fuzzystrmatch'")
        assert cur.fetchone()[0] == 1
    made.rebuild(service.db, tmp_path)
    made._pool = Pool(pg, size=1)  # a search must never wait for a second connection
    answers = []
    searching = threading.Thread(
        target=lambda: answers.append(made.search(ADMIN, SearchRequest(query="kegiatn"))),
        daemon=True,
    )
    searching.start()
    searching.join(60)
    assert not searching.is_alive() and answers[0].did_you_mean == "kegiatan"
    made.close()


# -- finding 6: the writer lock outlives idle_session_timeout, and a lost one stops writing ------
def test_the_writer_lock_survives_an_idle_session_timeout(pg, index):
    database = psycopg2.extensions.parse_dsn(pg)["dbname"]
    with psycopg2.connect(pg) as connection, connection.cursor() as cur:
        cur.execute(f"ALTER DATABASE {database} SET idle_session_timeout = '500ms'")
    connection.close()
    with index.writer_lock() as held:
        assert held
        threading.Event().wait(1.5)  # three timeouts of an ordinary idle session
        index.still_writer()  # raises when the lock's session was ended
        assert index.writer_elsewhere()  # on a new connection: the idle ones were ended


def test_a_writer_that_lost_its_lock_stops_before_writing(service, shared, index):
    index.ensure()
    with index.writer_lock() as held:
        assert held
        with index.cursor() as cur:
            cur.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE application_name = 'lontar index writer' AND datname = current_database()"
            )
            assert cur.fetchall() == [(True,)]
        queued = queue_length(service.db)  # the share
        assert queued >= 1
        with pytest.raises(SearchUnavailable):
            index.drain(service.db)
        assert queue_length(service.db) == queued and index.doc_count() == 0
    index.still_writer()  # not holding it any more: nothing to ask


# -- finding 10: a purge vacuums the deleted rows away ------------------------------------------
def test_a_purge_vacuums_the_destroyed_rows(service, shared, index, tmp_path):
    index.rebuild(service.db, tmp_path)

    def destroy(root) -> None:
        pemda = pemda_of(root)
        record = pemda.records[shared]
        del record.parent.children[shared]
        del pemda.records[shared]
        pemda.record_count.change(-1)
        pemda.index_queue[queue_key()] = shared
        pemda.settings[PURGE_PENDING] = ("destruction-1",)

    write(service.db, destroy)
    disposal = DisposalServices(service.context, index, service.workbench)
    assert disposal.finish_purge()
    with index.cursor() as cur:
        cur.execute(
            "SELECT relname, last_vacuum IS NOT NULL, n_dead_tup FROM pg_stat_user_tables "
            "WHERE schemaname = %s AND relname IN ('docs', 'words') ORDER BY relname",
            (index.schema,),
        )
        assert cur.fetchall() == [("docs", True, 0), ("words", True, 0)]
    assert index.doc_count() == RECORDS - 1
