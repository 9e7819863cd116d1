"""Opening the database and running transactions.

Every process (app, worker, CLI) opens the database through `open_db`: a configured storage
when the installation has one; else the ZEO server of a running `lontar serve`; else the
FileStorage directly (single process, as FileStorage allows only one).
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import random
import shutil
import socket
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import transaction
import ZEO
import ZODB
import ZODB.config
from zc.lockfile import LockError
from ZEO.Exceptions import ClientDisconnected
from ZODB.FileStorage import FileStorage
from ZODB.POSException import ConflictError, ReadConflictError

from repository.core.audit import RETRACTION, AuditLog, Event
from repository.core.config import Home
from repository.core.errors import DatabaseBusy, DatabaseLocked, DatabaseUnreachable
from repository.core.moved import class_factory

log = logging.getLogger(__name__)
T = TypeVar("T")

RETRIES = 8
RECONNECT_WAIT = 30.0  # seconds a client waits for a restarted ZEO server
ZEO_RESTART_WAIT = 10.0  # seconds a new process waits for a ZEO socket that does not answer
SERVE_LOCK_WAIT = 2.0  # seconds `lontar serve` tries for its serve lock (probes hold it briefly)


def zeo_running(home: Home) -> bool:
    """True when something accepts connections on the home's ZEO socket."""
    if not home.zeo_socket.exists():
        return False
    probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    probe.settimeout(1.0)
    try:
        probe.connect(str(home.zeo_socket))
    except OSError:
        return False
    finally:
        probe.close()
    return True


def _zeo_restarting(home: Home) -> bool:
    """A socket file no one answers on: either `lontar serve` is restarting its ZEO server,
    or a killed server left the file behind. Opening the FileStorage directly in the first
    case would take the lock the restarted server needs and bring the whole app down, so wait
    for the server a while; a file still unanswered then is stale."""
    if not home.zeo_socket.exists():
        return False
    deadline = time.monotonic() + ZEO_RESTART_WAIT
    while time.monotonic() < deadline:
        time.sleep(0.5)
        if zeo_running(home):
            return True
    return False


def serving(home: Home) -> contextlib.AbstractContextManager[bool]:
    """Held by `lontar serve` while it runs the home's ZEO server: yields False (not taken)
    when another supervisor holds it. While it is held, other processes wait for the server
    (`open_db`), even in the moment a restart has no socket file yet, instead of opening
    the FileStorage themselves and taking the lock the restarted server needs."""
    return _exclusive(home.serve_lock, SERVE_LOCK_WAIT, quiet=True)  # a probe may hold it


def lock_held(path: Path) -> bool:
    """Whether some process holds the lock file at `path` (the worker's writer lock, a
    supervisor's serve lock): a shared, non-blocking probe, given back at once, so probes
    do not stand in each other's way (one may make an exclusive taker's single try fail:
    `serving` tries for `SERVE_LOCK_WAIT`, the worker for its `LOCK_WAIT`)."""
    try:
        descriptor = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(descriptor, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    else:
        fcntl.flock(descriptor, fcntl.LOCK_UN)
        return False
    finally:
        os.close(descriptor)


def _zeo_awaited(home: Home) -> bool:
    """ZEO answers, or comes back while `lontar serve` (its lock held) restarts it; False
    when nobody serves the home. Raises `DatabaseUnreachable` when it is served but ZEO
    does not answer within `RECONNECT_WAIT`."""
    if zeo_running(home) or _zeo_restarting(home):
        return True
    deadline = time.monotonic() + RECONNECT_WAIT
    while lock_held(home.serve_lock):
        if zeo_running(home):
            return True
        if time.monotonic() > deadline:
            raise DatabaseUnreachable(seconds=int(RECONNECT_WAIT))
        time.sleep(0.2)
    return zeo_running(home)


# ZEO's client cache is counted in bytes, a connection's object cache in objects: the app and
# the worker once passed the object count (20,000) to both, which left ZEO a 20 KB cache and
# each connection ZODB's default of 400 objects, so under `lontar serve` every object past those
# went over the socket again.
ZEO_CACHE_BYTES = 64 * 2**20


def open_db(home: Home, *, cache_size: int = 20000) -> ZODB.DB:
    """`cache_size` is each connection's object cache, in objects."""
    home.ensure()  # umask 077 first: a configured storage's blob cache holds the files too
    configured = home.storage_config()
    if configured:
        db = ZODB.config.databaseFromString(configured)
        db.classFactory = class_factory
        return db
    if _zeo_awaited(home):
        logging.getLogger("ZODB.Connection").addFilter(HANDLED_DISCONNECT)  # added once
        try:
            storage = ZEO.client(
                str(home.zeo_socket),
                blob_dir=str(home.blobs),
                shared_blob_dir=True,
                cache_size=ZEO_CACHE_BYTES,
                wait_timeout=RECONNECT_WAIT,
            )
        except ClientDisconnected:
            raise DatabaseUnreachable(seconds=int(RECONNECT_WAIT)) from None
        return ZODB.DB(storage, cache_size=cache_size, class_factory=class_factory)
    # pack-keep-old off: a pack must leave no copy of what it dropped (Data.fs.old, blobs.old)
    try:
        storage = FileStorage(str(home.data_fs), blob_dir=str(home.blobs), pack_keep_old=False)
    except LockError:
        raise DatabaseLocked(home=str(home.path)) from None
    return ZODB.DB(storage, cache_size=cache_size, class_factory=class_factory)


def zeo_server_config(home: Home) -> str:
    """The runzeo configuration that serves the home's FileStorage on its Unix socket."""
    return (
        f"<zeo>\n  address {home.zeo_socket}\n</zeo>\n"
        f"<filestorage 1>\n  path {home.data_fs}\n  blob-dir {home.blobs}\n"
        "  pack-keep-old false\n</filestorage>\n"
    )


@contextlib.contextmanager
def reading(db: ZODB.DB) -> Iterator[Any]:
    """A connection for reading; whatever the caller changed is thrown away."""
    tm = transaction.TransactionManager(explicit=True)
    conn = db.open(tm)
    tm.begin()
    try:
        yield conn.root()
    except ClientDisconnected:
        raise DatabaseUnreachable(seconds=int(RECONNECT_WAIT)) from None
    finally:
        tm.abort()
        conn.close()


def read(db: ZODB.DB, look: Callable[[Any], T], *, note: str = "") -> T:
    """`look(root)` on a fresh view of the database, tried again while a restarted ZEO
    server comes back, as `write` does. For the loops that follow the worker (an import
    waiting for its records to be indexed): a restart of `lontar serve`'s database server is
    a pause for them, where `reading` says at once that the database is unreachable."""
    outage = Outage()
    while True:
        tm = transaction.TransactionManager(explicit=True)
        conn = db.open(tm)
        tm.begin()
        try:
            return look(conn.root())
        except ClientDisconnected:
            outage.wait(note or look)
        finally:
            tm.abort()
            conn.close()


class Outage:
    """How long one `write` or `read` has found the ZEO server gone: its work is tried again
    every second for `RECONNECT_WAIT` seconds, then `DatabaseUnreachable` says so."""

    def __init__(self) -> None:
        self.since: float | None = None

    def wait(self, work: object) -> None:
        self.since = self.since or time.monotonic()
        if time.monotonic() - self.since > RECONNECT_WAIT:
            raise DatabaseUnreachable(seconds=int(RECONNECT_WAIT)) from None
        log.warning("database server unreachable in %s; waiting", work)
        time.sleep(1.0)


class HandledDisconnect(logging.Filter):
    """ZODB logs a load cut off by a ZEO restart, with its traceback, before it raises the
    `ClientDisconnected`. `write`, `read` and `reading` handle that exception (the work tried
    again, or a message fit for the user), so the traceback would only alarm whoever reads a
    command's output or a log. Other load failures keep theirs."""

    def filter(self, record: logging.LogRecord) -> bool:
        failure = record.exc_info[1] if record.exc_info else None
        return not isinstance(failure, ClientDisconnected)


HANDLED_DISCONNECT = HandledDisconnect()


Events = Callable[[Any], Iterable[Event]]


def write(
    db: ZODB.DB,
    work: Callable[[Any], T],
    *,
    note: str = "",
    retries: int = RETRIES,
    audit: AuditLog | None = None,
    events: Events | None = None,
) -> T:
    """Run `work(root)` in its own transaction and commit, retrying on conflicts.

    `work` must be safe to run again: on a conflict everything it did is rolled back and it is
    called once more on fresh state, with a growing random back-off.

    With `audit`, `events(result)` are appended to the audit trail as the transaction's last
    vote: after the storage has accepted the changes, before they become visible. An entry
    that cannot be written aborts the transaction (`AuditUnavailable`); a conflict leaves no
    entry. So the trail holds an entry for every committed change and none for another.
    """
    tm = transaction.TransactionManager(explicit=True)
    outage = Outage()
    attempt = 0
    while True:
        conn = db.open(tm)
        try:
            tm.begin()
            if note:  # a file name that is not UTF-8 must not stop the commit
                tm.get().note(note.encode("utf-8", "backslashreplace").decode("utf-8"))
            result = work(conn.root())
            if audit is not None and events is not None:
                tm.get().join(AuditVote(tm, audit, list(events(result))))
            tm.commit()
            return result
        except (ConflictError, ReadConflictError) as exc:
            tm.abort()
            attempt += 1
            if attempt == retries:
                raise DatabaseBusy() from exc
            log.info("conflict in %s, retry %d", note or work, attempt)
            time.sleep(random.uniform(0, min(0.5, 0.02 * 2**attempt)))
        except ClientDisconnected:
            # the ZEO server went away (restarted by `lontar serve`): usually nothing was
            # committed, but a server killed in the middle of the commit's finish may have
            # made it; the client reconnects by itself and the same work is tried again for
            # a while, so work that creates must recognise its own earlier commit (the
            # ingest's attempt token)
            tm.abort()
            # object ids fetched before the restart are the old server's: ask anew
            del getattr(db.storage, "_oids", [])[:]
            outage.wait(note or work)
        except BaseException:
            tm.abort()
            raise
        finally:
            conn.close()


class AuditVote:
    """A resource of the transaction that writes its audit entries when it votes. It sorts
    after every storage, so it votes last: once it has written, only `tpc_finish` is left."""

    def __init__(self, tm: transaction.TransactionManager, log: AuditLog, events: list) -> None:
        self.transaction_manager, self.log, self.events = tm, log, events
        self.written: list[dict] = []

    def sortKey(self) -> str:
        return "~lontar-audit"

    def tpc_vote(self, txn: Any) -> None:
        if self.events:
            self.written = self.log.extend(self.events)

    def tpc_abort(self, txn: Any) -> None:
        """Only after a vote that wrote: another resource failed after ours (none votes
        later, so this is a failed finish); the trail says so rather than lie."""
        if self.written:
            seqs = [entry["seq"] for entry in self.written]
            self.log.append("system", RETRACTION, "audit", "", seqs=seqs)

    def abort(self, txn: Any) -> None:
        pass

    def tpc_begin(self, txn: Any) -> None:
        pass

    def commit(self, txn: Any) -> None:
        pass

    def tpc_finish(self, txn: Any) -> None:
        pass


PACK_LOCK = "pack.lock"


@contextlib.contextmanager
def pack_lock(home: Home, *, wait: float | None = None) -> Iterator[bool]:
    """`<home>/pack.lock`, held exclusively by a pack and by `lontar backup`: a pack removes
    blob files a backup taken at the same time still needs. `wait` None waits as long as it
    takes; else yields False (the lock not taken) when the other has not finished in
    `wait` seconds."""
    with _exclusive(home.path / PACK_LOCK, wait) as taken:
        yield taken


@contextlib.contextmanager
def _exclusive(path: Path, wait: float | None, *, quiet: bool = False) -> Iterator[bool]:
    """An exclusive `flock` on the file at `path`, tried for `wait` seconds (None: as long
    as it takes); yields whether it was taken."""
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        taken = _flock_within(descriptor, wait, quiet=quiet)
        try:
            yield taken
        finally:
            if taken:
                fcntl.flock(descriptor, fcntl.LOCK_UN)
    finally:
        os.close(descriptor)


def _flock_within(descriptor: int, wait: float | None, *, quiet: bool = False) -> bool:
    deadline = None if wait is None else time.monotonic() + wait
    said = quiet
    while True:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if deadline is not None and time.monotonic() >= deadline:
                return False
            if not said:
                log.warning("waiting for a running backup or pack to finish (pack.lock)")
                said = True
            time.sleep(0.2)


def pack_storage(db: ZODB.DB, home: Home) -> None:
    """Packs every earlier revision away, leaving no `.old` copy behind. Waits while a
    backup runs (`pack_lock`): the pack would remove blob files the backup is copying."""
    with pack_lock(home):
        db.pack(time.time())
        (home.path / "Data.fs.old").unlink(missing_ok=True)
        shutil.rmtree(home.path / "blobs.old", ignore_errors=True)
