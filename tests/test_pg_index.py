"""The PostgreSQL index's writing side: rows, queue draining, rebuilding, checking, the lock.

On a real PostgreSQL server (tests/pg_server.py) and a real Lontar home (FileStorage in a
temporary directory), with records made by the services. Each test writes its own schema.
"""

from __future__ import annotations

import collections
import os
import random
import subprocess
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from indexes import writer as whoosh_writer
from indexes.check import queue_repairs
from indexes.documents import record_fields
from indexes.postgres import lock
from indexes.postgres.index import MAX_CONNECTIONS, PostgresIndex
from indexes.postgres.rows import (
    BLIND,
    MAX_POSITION,
    VECTOR_BUDGET,
    make_row,
    quote,
    tokens,
    vector,
    vector_size,
)
from indexes.postgres.schema import table
from indexes.postgres.writer import write_rows
from indexes.store import IndexStore
from repository.core.content import pemda_of, queue_key
from repository.core.db import reading, write
from repository.core.operations import OperationsServices, heartbeat_file
from repository.core.security import ADMIN
from tests.conftest import PROJECT, PYTHON, add
from tests.pg_server import pg_server

SEALED_WORDS = b"Audit rahasia pengarsipan keuangan daerah"


@pytest.fixture(scope="module")
def pg() -> str:
    with pg_server() as server:
        yield server.dsn(server.create_database())


def new_index(dsn: str, keyring) -> PostgresIndex:
    return PostgresIndex(dsn, f"t_{uuid.uuid4().hex[:12]}", keyring)


@pytest.fixture
def index(pg, service):
    made = new_index(pg, service.keyring)
    yield made
    made.close()


@pytest.fixture
def corpus(service) -> dict[str, str]:
    """Records of every kind the index cares about: plain, hyphenated, restricted, sealed,
    a berkas with items, a dated and classified container."""
    berkas = service.ingest.create_container(ADMIN, "DPK", "file", "Berkas surat masuk 2024")
    return {
        "plain": add(
            service,
            "a.txt",
            b"Rapat koordinasi vaksinasi campak di puskesmas kecamatan",
            title="Rapat vaksinasi",
        ),
        "hyphen": add(
            service,
            "b.txt",
            b"Surat-surat keputusan kepala dinas tentang pengadaan obat O'Brien\\x",
            title="Keputusan pengadaan",
        ),
        "restricted": add(service, "t.txt", b"Rapat terbatas anggaran", security="T"),
        "sealed": add(service, "r.txt", SEALED_WORDS, security="R", title="Laporan R"),
        "berkas": berkas,
        "item": add(service, "s.txt", b"Surat masuk perihal kearsipan", unit="DPK", into=berkas),
        "dated": service.ingest.create_container(
            ADMIN, "DINKES", "series", "Laporan tahunan", date_start="2021-03-04"
        ),
    }


def enqueue(db, ids: list[str] | None = None) -> None:
    """Queue records for the index (all of them by default), as `touch` does."""

    def put(root) -> None:
        pemda = pemda_of(root)
        for rid in list(pemda.records.keys()) if ids is None else ids:
            pemda.index_queue[queue_key()] = rid

    write(db, put)


def fields_of(service, rid: str) -> dict:
    with reading(service.db) as root:
        return record_fields(pemda_of(root).records[rid], service.keyring)


def erase(db, rid: str) -> None:
    """What a destruction does to a record, as far as the index sees it."""

    def gone(root) -> None:
        pemda = pemda_of(root)
        record = pemda.records[rid]
        del record.parent.children[rid]
        del pemda.records[rid]
        pemda.record_count.change(-1)
        pemda.index_queue[queue_key()] = rid

    write(db, gone)


def query(index: PostgresIndex, sql: str, *params) -> list[tuple]:
    with index.cursor() as cur:
        cur.execute(sql.format(docs=index.docs, words=index.words, meta=index.meta), params)
        return cur.fetchall()


def words(index: PostgresIndex) -> dict[tuple[str, str], int]:
    return {(f, t): df for f, t, df in query(index, "SELECT field, term, df FROM {words}")}


def snapshot(index: PostgresIndex) -> tuple:
    """Everything the index holds, comparable across schemas."""
    docs = query(index, "SELECT d::text FROM {docs} d ORDER BY id")
    return docs, words(index), index.doc_count()


def true_df(index: PostgresIndex) -> dict[tuple[str, str], int]:
    """The vocabulary's df as counted from the rows themselves."""
    counts: collections.Counter = collections.Counter()
    for title, text in query(
        index, "SELECT tsvector_to_array(title_tsv), tsvector_to_array(text_tsv) FROM {docs}"
    ):
        counts.update(("title", term) for term in title)
        counts.update(("text", term) for term in text if not BLIND.fullmatch(term))
    return dict(counts)


def matches(index: PostgresIndex, rid: str, column: str, term: str) -> bool:
    sql = "SELECT {column} @@ %s::tsquery FROM {docs} WHERE id = %s"
    return query(index, sql.replace("{column}", column), quote(term), rid)[0][0]


# -- draining -------------------------------------------------------------------------------
def test_drain_writes_the_fields_whoosh_gets(service, corpus, index, tmp_path):
    enqueue(service.db)
    assert index.drain(service.db) >= len(corpus)  # and what the services queued
    with reading(service.db) as root:
        assert len(pemda_of(root).index_queue) == 0
    assert index.doc_count() == len(corpus) == len(query(index, "SELECT id FROM {docs}"))
    assert index.generation() > (0,)
    columns = "id, revision, title, refcode, refcode_key, parent, unit_key, unit_path, class_path"
    columns += ", level, date, added, year, security, digital, flags, allowed, path, body"
    for row in query(index, f"SELECT {columns} FROM {{docs}}"):
        fields = fields_of(service, row[0])
        assert row[1:4] == (fields["revision"], fields["title"], fields["refcode"])
        assert row[4:8] == (
            fields["refcode"].lower(),
            fields["parent"],
            fields["unit"].lower(),
            fields["unit_path"].lower().split(),
        )
        assert row[8:12] == (
            fields["class_path"].lower().split(),
            fields["level"],
            fields.get("date"),
            fields["added"],
        )
        assert row[12:16] == (
            fields["year"],
            fields["security"],
            fields["digital"],
            fields["flags"].lower().split(),
        )
        assert row[16:18] == (fields["allowed"].lower().split(), fields["path"].lower().split())
        assert row[18] == fields.get("_stored_text", fields["text"])
    dated = query(index, "SELECT date, year FROM {docs} WHERE id = %s", corpus["dated"])
    assert dated[0][0].year == 2021 and dated[0][1] == "2021"
    assert words(index) == true_df(index)


def whoosh_positions(store: IndexStore, field: str) -> dict[str, dict[str, list[int]]]:
    """Each document's terms in `field` with their positions, read from Whoosh's postings."""
    found: dict[str, dict[str, list[int]]] = collections.defaultdict(dict)
    with store.searcher() as searcher:
        reader = searcher.reader()
        ids = {doc: searcher.stored_fields(doc)["id"] for doc in reader.all_doc_ids()}
        for term in reader.lexicon(field):
            postings = reader.postings(field, term)
            while postings.is_active():
                if postings.id() in ids:
                    positions = postings.value_as("positions")
                    found[ids[postings.id()]][term.decode()] = [p + 1 for p in positions]
                postings.next()
    return found


@pytest.mark.parametrize("field", ["title", "text"])
def test_lexemes_and_positions_are_whooshs(service, corpus, index, tmp_path, field):
    """The same analyzer: every lexeme and position Whoosh indexes, blind terms included."""
    store = IndexStore(tmp_path / "whoosh", service.keyring)
    whoosh_writer.rebuild(service.db, store, tmp_path, procs=1)
    enqueue(service.db)
    index.drain(service.db)
    column = f"{field}_tsv"
    rows = query(index, f"SELECT id, u.lexeme, u.positions FROM {{docs}}, unnest({column}) u")
    ours: dict[str, dict[str, list[int]]] = collections.defaultdict(dict)
    for rid, lexeme, positions in rows:
        ours[rid][lexeme] = positions
    assert ours == whoosh_positions(store, field)
    store.close()
    hyphen = ours[corpus["hyphen"]] if field == "text" else {}
    assert field == "title" or hyphen["surat"] == [1, 2]  # surat-surat: two parts, two places


def test_update_and_delete_move_rows_and_df(service, corpus, index):
    enqueue(service.db)
    index.drain(service.db)
    before = words(index)
    assert before["title", "vaksinasi"] == 1 and before["text", "campak"] == 1
    service.records.update_record(ADMIN, corpus["plain"], {"title": "Rapat imunisasi"})
    enqueue(service.db, [corpus["plain"]])
    index.drain(service.db)
    title, revision = query(
        index, "SELECT title, revision FROM {docs} WHERE id = %s", corpus["plain"]
    )[0]
    assert (title, revision) == ("Rapat imunisasi", fields_of(service, corpus["plain"])["revision"])
    after = words(index)
    assert ("title", "vaksinasi") not in after and after["title", "imunisasi"] == 1
    assert after["title", "rapat"] == before["title", "rapat"]
    generation = index.generation()
    erase(service.db, corpus["plain"])
    index.drain(service.db)
    assert query(index, "SELECT id FROM {docs} WHERE id = %s", corpus["plain"]) == []
    assert index.generation() > generation
    assert index.doc_count() == len(corpus) - 1
    gone = words(index)
    assert ("text", "campak") not in gone and ("title", "imunisasi") not in gone
    assert gone["text", "rapat"] == after["text", "rapat"] - 1  # the T record still says it
    assert gone == true_df(index)


def test_sealed_text_leaves_no_plaintext_yet_blind_terms_match(service, corpus, index):
    enqueue(service.db)
    index.drain(service.db)
    sealed = corpus["sealed"]
    (whole,) = query(index, "SELECT d::text FROM {docs} d WHERE id = %s", sealed)[0]
    stems = [lexeme for lexeme, _ in tokens("text", SEALED_WORDS.decode())]
    for word in (*SEALED_WORDS.decode().lower().split(), *stems):
        assert word not in whole.lower()
    vocabulary = words(index)
    assert not [term for _, term in vocabulary if BLIND.fullmatch(term)]
    assert ("text", "rahasia") not in vocabulary
    blind = service.keyring.term(stems[1])
    assert matches(index, sealed, "text_tsv", blind)
    assert not matches(index, sealed, "text_tsv", stems[1])
    assert not matches(index, corpus["plain"], "text_tsv", blind)
    assert query(index, "SELECT body FROM {docs} WHERE id = %s", sealed) == [("",)]


def test_a_huge_text_does_not_break_its_batch(service, corpus, index):
    """2 MB of distinct words: more lexemes than a tsvector holds (1 MB)."""
    rng = random.Random(23)
    letters = "abcdefghijklmnopqrstuvwxyz"
    text = " ".join("".join(rng.choices(letters, k=rng.randint(6, 12))) for _ in range(240_000))
    big = service.ingest.create_container(
        ADMIN, "DINKES", "item", "besar", description=("Naskah panjang " + text)[: 2 * 1024 * 1024]
    )
    enqueue(service.db)
    index.drain(service.db)
    assert index.doc_count() == len(corpus) + 1
    size = query(
        index, "SELECT pg_column_size(text_tsv), length(text_tsv) FROM {docs} WHERE id = %s", big
    )
    assert size[0][1] > 10_000
    assert matches(index, big, "text_tsv", "naskah") and matches(index, big, "title_tsv", "besar")
    assert matches(index, corpus["plain"], "text_tsv", "campak")
    assert words(index) == true_df(index)


def test_positions_past_the_bound_are_clamped(service, index):
    text = " ".join(["isi"] * (MAX_POSITION + 10) + ["penutup"])
    (first, _), (last, _) = tokens("text", "isi penutup")
    row = make_row({**fields_of(service, add(service, "x.txt", b"x")), "text": text})
    index.ensure()
    with index.cursor() as cur:
        write_rows(cur, index, [row], [])
    positions = query(
        index, "SELECT u.lexeme, u.positions FROM {docs}, unnest(text_tsv) u WHERE id = %s", row.id
    )
    assert dict(positions) == {first: list(range(1, 257)), last: [MAX_POSITION]}


# -- rebuilding -----------------------------------------------------------------------------
def test_rebuild_equals_incremental(service, corpus, index, pg, tmp_path):
    enqueue(service.db)
    index.drain(service.db)
    rebuilt = new_index(pg, service.keyring)
    progress: list[tuple[int, int]] = []
    done = rebuilt.rebuild(service.db, tmp_path, progress=lambda *p: progress.append(p), chunk=2)
    assert done == len(corpus)
    assert progress[-1] == (len(corpus), len(corpus)) and len(progress) == 4
    assert snapshot(rebuilt) == snapshot(index)
    assert not rebuilt.rebuild_in_progress(tmp_path) and not rebuilt.outdated()
    generation = rebuilt.generation()
    rebuilt.rebuild(service.db, tmp_path)  # again: the names of the swapped tables are free
    assert snapshot(rebuilt) == snapshot(index) and rebuilt.generation() > generation
    rebuilt.close()


class Killed(Exception):
    pass


def test_a_killed_rebuild_resumes_without_duplicates(service, corpus, index, pg, tmp_path):
    enqueue(service.db)
    index.drain(service.db)
    rebuilt = new_index(pg, service.keyring)
    rebuilt.ensure()

    def kill(done: int, total: int) -> None:
        if done >= 4:
            raise Killed

    with pytest.raises(Killed):
        rebuilt.rebuild(service.db, tmp_path, progress=kill, chunk=2)
    assert rebuilt.rebuild_in_progress(tmp_path)
    assert rebuilt.doc_count() == 0  # the live tables are untouched
    assert query(rebuilt, f"SELECT count(*) FROM {table(rebuilt.schema, 'docs_new')}") == [(4,)]
    resumed: list[int] = []
    rebuilt.rebuild(service.db, tmp_path, progress=lambda done, _: resumed.append(done), chunk=2)
    assert resumed[0] == 6  # after the 4 committed, not from the start
    assert snapshot(rebuilt) == snapshot(index)
    rebuilt.close()


def test_outdated_when_analysis_or_columns_differ(service, index, tmp_path):
    assert not index.exists() and not index.outdated()
    index.ensure()
    assert index.exists() and not index.outdated()
    with index.cursor() as cur:
        cur.execute(f"UPDATE {index.meta} SET value = '1+old' WHERE key = 'analysis'")
    assert index.outdated()
    with index.cursor() as cur:
        cur.execute(f"UPDATE {index.meta} SET value = %s WHERE key = 'analysis'", ("x",))
    index.rebuild(service.db, tmp_path)
    assert not index.outdated()
    with index.cursor() as cur:
        cur.execute(f"ALTER TABLE {index.docs} DROP COLUMN media")
    assert index.outdated()


# -- checking -------------------------------------------------------------------------------
def test_check_finds_missing_stale_and_orphans_and_repair_fixes(
    service, corpus, index, pg, tmp_path
):
    enqueue(service.db)
    index.drain(service.db)
    assert index.check(service.db).clean
    stale = fields_of(service, corpus["plain"])
    orphan = make_row({**fields_of(service, corpus["item"]), "id": "hantu000"})
    with index.cursor() as cur:
        write_rows(
            cur,
            index,
            [make_row({**stale, "revision": stale["revision"] - 1}), orphan],
            [corpus["hyphen"]],
        )
    report = index.check(service.db)
    assert (report.missing, report.stale, report.orphans) == (
        [corpus["hyphen"]],
        [corpus["plain"]],
        ["hantu000"],
    )
    assert report.indexed == len(corpus) and report.records == len(corpus)
    enqueue(service.db, [corpus["dated"]])
    assert index.check(service.db).pending == 1
    queue_repairs(service.db, report)
    index.drain(service.db)
    assert index.check(service.db).clean
    rebuilt = new_index(pg, service.keyring)
    rebuilt.rebuild(service.db, tmp_path)
    assert snapshot(rebuilt) == snapshot(index)
    rebuilt.close()


# -- one writer -----------------------------------------------------------------------------
HOLDER = """
import sys, time
from indexes.postgres.lock import writer_lock
with writer_lock(sys.argv[1], sys.argv[2]) as held:
    print("held" if held else "refused", flush=True)
    time.sleep(600)
"""


def test_the_advisory_lock_excludes_a_second_process_until_its_holder_dies(pg):
    schema = f"t_{uuid.uuid4().hex[:12]}"
    holder = subprocess.Popen(
        [PYTHON, "-c", HOLDER, pg, schema], cwd=PROJECT, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        with lock.writer_lock(pg, schema) as held:
            assert not held
        with lock.writer_lock(pg, "another schema") as held:
            assert held  # one writer per schema
    finally:
        holder.kill()
        holder.wait()
    with lock.writer_lock(pg, schema, wait=60) as held:
        assert held  # the holder's session ended with it, and its lock too
        with lock.writer_lock(pg, schema) as again:
            assert not again  # a second holder in one process is refused too


def test_the_lock_goes_when_its_connection_is_ended(pg):
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with lock.writer_lock(pg, schema) as held:
        assert held
        other = PostgresIndex(pg, schema)
        with other.cursor() as cur:
            cur.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE application_name = 'lontar index writer' AND pid <> pg_backend_pid()"
            )
            assert cur.fetchall() == [(True,)]
        other.close()
        with lock.writer_lock(pg, schema, wait=60) as taken:
            assert taken


def test_an_app_node_sees_the_worker_of_another_node_through_its_lock(service, pg):
    """An app node has no heartbeat file: the writer lock held in PostgreSQL says a worker
    runs elsewhere; another schema's lock does not; an unreachable server is a problem."""
    index = new_index(pg, service.keyring)

    def worker(store: PostgresIndex) -> tuple[str, set[str]]:
        report = OperationsServices(service.context, store.writer_elsewhere).health(ADMIN)
        keys = {item["key"] for item in report["problems"] + report["warnings"]}
        return report["worker"]["state"], keys

    state, keys = worker(index)
    assert state == "stopped" and "health_warning_worker_stopped" in keys
    with lock.writer_lock(pg, "another schema") as held:
        assert held and worker(index)[0] == "stopped"
    with lock.writer_lock(pg, index.schema) as held:
        state, keys = worker(index)
        assert held and state == "elsewhere"
        assert not {"health_warning_worker_stopped", "health_problem_worker_gone"} & keys
    assert worker(index)[0] == "stopped"
    gone = PostgresIndex("host=127.0.0.1 port=1 dbname=x connect_timeout=2", index.schema)
    state, keys = worker(gone)
    assert state == "unknown" and "health_problem_search_unreachable" in keys
    index.close()


def test_a_worker_node_writing_postgresql_is_running_not_gone(service, pg):
    """Its worker beats the heartbeat file but holds the writer lock in PostgreSQL, not the
    flock the Whoosh worker holds."""
    index = new_index(pg, service.keyring)
    heartbeat_file(service.home).write_text(str(os.getpid()))

    def state() -> str:
        report = OperationsServices(service.context, index.writer_elsewhere).health(ADMIN)
        return report["worker"]["state"]

    assert state() == "gone"  # a fresh heartbeat and no lock anywhere: not a running worker
    with lock.writer_lock(pg, index.schema) as held:
        assert held and state() == "running"
    index.close()


def test_a_long_text_loses_only_the_positions_past_the_bound(index):
    """16,383 tokens of a few words, then 120,000 distinct words seen only past the last
    position PostgreSQL stores: those lose their (clamped) position, the first keep theirs."""
    rng = random.Random(7)
    late = {"".join(rng.choices("bcdfghjklmnprstvwxyz", k=7)) for _ in range(120_000)}
    found = [("awal", p) for p in range(1, MAX_POSITION + 1)]
    found += [(word, MAX_POSITION + 1 + i) for i, word in enumerate(sorted(late))]
    full = {"awal": list(range(1, 257)), **{word: [MAX_POSITION] for word in late}}
    assert vector_size(full) > VECTOR_BUDGET
    made = vector(found)
    assert made.lexemes == frozenset(full) and made.length == len(found)
    index.ensure()
    with index.cursor() as cur:
        cur.execute(
            "SELECT pg_column_size(%s::tsvector), length(%s::tsvector)", (made.literal,) * 2
        )
        size, lexemes = cur.fetchone()
        cur.execute(
            "SELECT positions FROM unnest(%s::tsvector) WHERE lexeme = 'awal'", (made.literal,)
        )
        assert cur.fetchone()[0] == list(range(1, 257))
    kept = {"awal": list(range(1, 257)), **{word: [] for word in late}}
    assert lexemes == len(full) and size == 8 + 4 * lexemes + vector_size(kept)


def test_text_postgresql_refuses_is_cleaned(service, index):
    """A NUL character or a lone surrogate (some PDF text extraction leaves them) would make
    PostgreSQL refuse the whole batch."""
    fields = fields_of(service, add(service, "x.txt", b"x"))
    row = make_row({**fields, "title": "Judul\x00nol", "text": "isi \ud800 rusak\x00 teks"})
    index.ensure()
    with index.cursor() as cur:
        write_rows(cur, index, [row], [])
    stored = query(index, "SELECT title, body FROM {docs} WHERE id = %s", row.id)
    assert stored == [("Judul nol", "isi \ufffd rusak  teks")]
    assert matches(index, row.id, "text_tsv", "rusak")


def test_the_pool_replaces_connections_a_restart_ended(pg):
    made = PostgresIndex(pg, f"t_{uuid.uuid4().hex[:12]}")
    made._pool.ping_after = 0.0  # try every idle connection before lending it
    with made.cursor() as cur:
        cur.execute("SELECT pg_backend_pid()")
        (first,) = cur.fetchone()
    killer = PostgresIndex(pg, made.schema)
    with killer.cursor() as cur:
        cur.execute("SELECT pg_terminate_backend(%s)", (first,))
    killer.close()
    with made.cursor() as cur:
        cur.execute("SELECT pg_backend_pid()")
        assert cur.fetchone()[0] != first
    made.close()


def test_more_threads_than_connections_wait_their_turn(pg):
    made = PostgresIndex(pg, f"t_{uuid.uuid4().hex[:12]}")

    def one(_: int) -> int:
        with made.cursor() as cur:
            cur.execute("SELECT pg_sleep(0.05), pg_backend_pid()")
            return cur.fetchone()[1]

    with ThreadPoolExecutor(max_workers=MAX_CONNECTIONS * 3) as pool:
        pids = set(pool.map(one, range(MAX_CONNECTIONS * 6)))
    assert 1 < len(pids) <= MAX_CONNECTIONS
    made.close()
