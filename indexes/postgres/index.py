"""`PostgresIndex`: the search index in PostgreSQL, behind the interface of indexes/backend.py.

One object per process, as the Whoosh store is: it owns a thread-safe connection pool
(Streamlit serves sessions from threads) and lends connections through `cursor()`. The pool is
this module's own: psycopg2's pools open `minconn` connections up front and close every
connection returned beyond them, so each search would open a connection (5-10 ms) unless all
were opened at start; this one opens a connection when first needed and keeps it. The tables
are in one schema (`[search] schema`, default "lontar"), so several Lontar installations can
share a database. Searching is in search.py and similar.py, writing in writer.py, the
comparison with the repository in check.py; this module ties them to one connection pool.

A server that is down, restarting or unreachable, or a search it cancelled for running too
long, is `SearchUnavailable` for the caller (connection.py): a message on the page, a pause in
the worker, never a raw psycopg2 error.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import ZODB

from indexes.check import CheckReport
from indexes.expansion import Thesaurus
from indexes.postgres import check as pg_check
from indexes.postgres import fallback, lock, schema, search, similar, writer
from indexes.postgres.connection import OUTAGE, connect, unavailable
from indexes.search import Hit, OpenSealed, SearchRequest, SearchResult
from indexes.suggest import Suggestion
from repository.core.errors import SearchUnavailable
from repository.core.keys import Keyring
from repository.core.pg_connections import idle_connection_stands
from repository.core.security import Caller

log = logging.getLogger(__name__)

MAX_CONNECTIONS = 8
APPLICATION = "lontar"  # how pg_stat_activity names the search pool's connections
Progress = writer.Progress


class Pool:
    """At most `size` connections, opened when first needed and kept for the next use;
    more threads than that wait for one. A connection that broke while lent is dropped when it
    comes back. One taken from the idle ones is checked before it is lent, so that a search
    after a server restart does not fail on a connection the restart ended: one the server
    sent anything to while it was idle is dropped (`repository.core.pg_connections`, no round trip),
    and one that lay idle longer than `ping_after` seconds is asked `SELECT 1` as well."""

    def __init__(self, dsn: str, size: int = MAX_CONNECTIONS, ping_after: float = 10.0) -> None:
        self.dsn = dsn
        self.ping_after = ping_after
        self._idle: list[tuple[object, float]] = []  # connection, returned at (monotonic)
        self._lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(size)

    @contextlib.contextmanager
    def connection(self) -> Iterator:
        with self._slots:
            connection = self._take()
            try:
                yield connection
            finally:
                if not connection.closed:
                    with self._lock:
                        self._idle.append((connection, time.monotonic()))

    def _take(self):
        """An idle connection that still stands, else a new one (`SearchUnavailable` when
        the server cannot be reached)."""
        while True:
            with self._lock:
                if not self._idle:
                    break
                connection, since = self._idle.pop()
            stale = time.monotonic() - since > self.ping_after
            if idle_connection_stands(connection) and (not stale or _alive(connection)):
                return connection
            connection.close()
        return connect(self.dsn, APPLICATION)

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for connection, _ in idle:
            connection.close()


def _alive(connection) -> bool:
    """False when the server does not answer on the connection (the caller opens another)."""
    try:
        with connection.cursor() as cur:
            cur.execute("SELECT 1")
        connection.rollback()
        return True
    except OUTAGE:
        return False


def _roll_back(connection) -> None:
    """After a failure inside a transaction. A connection that cannot even roll back is
    broken: it is closed, so the pool drops it (the failure that got here is raised)."""
    if connection.closed:
        return
    try:
        connection.rollback()
    except OUTAGE:
        log.info("a search connection broke during a failed transaction: dropped")
        connection.close()


class PostgresIndex:
    """`keyring` makes blind terms of sealed text when writing, and of query terms when
    searching (indexes/sealed.py), exactly as for Whoosh."""

    kind = "postgresql"

    def __init__(self, dsn: str, schema_name: str, keyring: Keyring | None = None) -> None:
        self.dsn = dsn
        self.schema = schema_name
        self.keyring = keyring
        self.docs = schema.table(schema_name, schema.DOCS)
        self.words = schema.table(schema_name, schema.WORDS)
        self.meta = schema.table(schema_name, schema.META)
        self._pool = Pool(dsn)
        self._ensured = False
        self._lock_session = None  # the writer lock's connection while this object holds it

    # -- connections ------------------------------------------------------------------------
    @contextlib.contextmanager
    def cursor(self, name: str | None = None) -> Iterator:
        """A cursor in a transaction of its own: committed when the block ends, rolled back
        when it raises. `name` makes a server-side cursor (rows fetched as iterated). A
        connection that broke (a restarted server) is dropped, not lent again. A server that
        cannot be reached, or a statement it cancelled, raises `SearchUnavailable`.

        A thread must not open a cursor while it holds another: with every connection lent,
        it would wait for itself."""
        with unavailable(), self._pool.connection() as connection:
            try:
                with connection.cursor(name) if name else connection.cursor() as cur:
                    yield cur
                connection.commit()
            except BaseException:
                _roll_back(connection)
                raise

    # -- the index as a whole ---------------------------------------------------------------
    def exists(self) -> bool:
        with self.cursor() as cur:
            return schema.exists(cur, self.schema)

    def outdated(self) -> bool:
        """Built by an older analysis or without a column this version writes."""
        with self.cursor() as cur:
            return schema.outdated(cur, self.schema)

    def ensure(self) -> None:
        """Creates the schema and tables when missing, and fuzzystrmatch for "did you mean"
        when the account may (here, never while a search holds a connection: fallback.py).
        Under a transaction-level advisory lock: two nodes starting at once would otherwise
        race on `CREATE ... IF NOT EXISTS`."""
        if self._ensured:
            return
        with self.cursor() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s)", (lock.lock_key(self.schema) ^ 1,))
            schema.create_all(cur, self.schema)
            fallback.create_extension(cur)
        self._ensured = True

    def forget_ensured(self) -> None:
        """After the tables were dropped behind this object's back (tests, `lontar reindex`
        of another node): the next write creates them again."""
        self._ensured = False

    def _meta(self, key: str) -> str | None:
        """A meta value, None before `ensure()` made the tables."""
        with self.cursor() as cur:
            if not schema.exists(cur, self.schema, schema.META):
                return None
            cur.execute(f"SELECT value FROM {self.meta} WHERE key = %s", (key,))
            row = cur.fetchone()
            return row[0] if row else None

    def doc_count(self) -> int:
        """Kept in meta by every writer transaction: `count(*)` walks the whole table."""
        return int(self._meta("doc_count") or 0)

    def generation(self) -> tuple:
        """Changes with every committed write, a rebuild's swap included (cache keys)."""
        return (int(self._meta("generation") or 0),)

    def close(self) -> None:
        """Closes the idle connections (a later use opens new ones)."""
        self._pool.close()

    # -- searching --------------------------------------------------------------------------
    def search(
        self,
        caller: Caller,
        request: SearchRequest,
        hidden: tuple[str, ...] = (),
        opened: OpenSealed | None = None,
        thesaurus: Thesaurus | None = None,
    ) -> SearchResult:
        return search.search(self, caller, request, hidden, opened, thesaurus)

    def related(
        self, caller: Caller, record_id: str, *, limit: int = 5, hidden: tuple = ()
    ) -> list[Hit]:
        return similar.related(self, caller, record_id, limit=limit, hidden=hidden)

    def suggest(
        self, caller: Caller, record_id: str, *, top: int = 3, hidden: tuple = ()
    ) -> list[Suggestion]:
        return similar.suggest(self, caller, record_id, top=top, hidden=hidden)

    # -- writing ----------------------------------------------------------------------------
    def apply_queue(self, db: ZODB.DB, *, batch: int = 500) -> int:
        return writer.apply_queue(db, self, batch=batch)

    def drain(self, db: ZODB.DB, *, batch: int = 500) -> int:
        return writer.drain(db, self, batch=batch)

    def rebuild(
        self, db: ZODB.DB, work_dir: Path, *, progress: Progress | None = None, chunk: int = 500
    ) -> int:
        """`work_dir` is unused: the rebuild's state is in the database, where a worker on
        another node finds it."""
        return writer.rebuild(db, self, progress=progress, chunk=chunk)

    def rebuild_in_progress(self, work_dir: Path) -> bool:
        return writer.rebuild_in_progress(self)

    def check(self, db: ZODB.DB) -> CheckReport:
        return pg_check.check(db, self)

    def warm(self) -> None:
        """Nothing to read ahead: PostgreSQL keeps its own caches, shared by every process."""

    def write_postings(self) -> int:
        """None to write: PostgreSQL reads its own posting lists (GIN) without unpickling."""
        return 0

    def reclaim(self) -> None:
        """VACUUM of the rows and the vocabulary, after a destruction deleted rows: their
        space is made free for reuse and their index entries go, rather than waiting for
        autovacuum. It needs a connection outside any transaction, so one of its own. A
        reader's open snapshot still holding a row keeps it until the next VACUUM; the WAL,
        replicas and backups keep theirs as long as they are kept (docs/security.md)."""
        self.ensure()
        with contextlib.closing(connect(self.dsn, APPLICATION)) as connection, unavailable():
            connection.autocommit = True
            with connection.cursor() as cur:
                for table in (self.docs, self.words):
                    cur.execute(f"VACUUM {table}")

    def writer_elsewhere(self) -> bool:
        """A worker holds the writer lock, on this node or another (see `lock.held_by_anyone`):
        an app node has no heartbeat file of its own to read. Raises `SearchUnavailable` when
        the server cannot be reached."""
        with self.cursor() as cur:
            return lock.held_by_anyone(cur, self.schema)

    @contextlib.contextmanager
    def writer_lock(self, home: object = None, *, wait: float = 0.0) -> Iterator[bool]:
        """The advisory lock of this schema (`home` is unused: the lock is in the database).
        While this object holds it, `still_writer` can ask its session."""
        with lock.session(self.dsn, self.schema, wait=wait) as (connection, holding):
            if not holding:
                yield False
                return
            self._lock_session = connection
            try:
                yield True
            finally:
                self._lock_session = None

    def still_writer(self) -> None:
        """Before a batch is written: raises `SearchUnavailable` when the writer lock this
        object took is lost (its session ended: `pg_terminate_backend`, a network cut), so
        that this writer stops before another node's writes meet its own. Nothing to ask
        when the lock was taken otherwise (a test, a lock held elsewhere in the process)."""
        holder = self._lock_session
        if holder is not None and not lock.still_held(holder, self.schema):
            log.error("the index writer lock was lost: writing stops")
            raise SearchUnavailable()
