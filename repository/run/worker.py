"""The worker process: the only index writer; it also runs OCR and rebuilds on request.

It polls rather than listens: a queue entry is a committed fact in the database, so a
worker that was down simply finds it on its next pass. For the same reason it outlives a
PostgreSQL search index (or audit trail) that is down or restarting: it lets go of the writer
lock, waits (1 s, doubling up to 30 s), takes the lock again and goes on where it was. Exiting
instead would have the supervisor restart it into the same refused connection, and after a
few tries stop the whole node, ZEO and the app with it.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import signal
import threading
import time

import psycopg2

from repository.app import Lontar
from repository.core.config import Home, mail_settings
from repository.core.content import pemda_of
from repository.core.db import reading, write
from repository.core.errors import AuditUnavailable, SearchUnavailable
from repository.core.operations import Pulse, heartbeat
from repository.ingest import scans
from repository.ingest.indexing import REINDEX_PROGRESS, REINDEX_REQUEST
from repository.letters import notify
from repository.run.fixity import Scheduler

log = logging.getLogger("lontar.worker")
POLL_SECONDS = 0.3
LOCK_WAIT = 30.0  # seconds to wait for the writer lock (an app node catching up gives it back)
# A PostgreSQL server that is down, restarting or unreachable, seen by the search index
# (`SearchUnavailable`, or psycopg2's own errors where it does not translate them: the
# writer lock's connect) or the audit trail; the work is not done and is tried again later.
OUTAGES = (
    SearchUnavailable,
    AuditUnavailable,
    psycopg2.OperationalError,
    psycopg2.InterfaceError,
)
FIRST_RETRY, LAST_RETRY = 1.0, 30.0  # seconds between tries: doubling from the first to the last


class Outage:
    """The worker's waits while a database is away: growing pauses between tries, one WARNING
    when the outage begins and one INFO when work passes again, not a line per try."""

    def __init__(self) -> None:
        self.since: float | None = None  # monotonic time of the first failure
        self.pause = FIRST_RETRY

    def failed(self, exc: Exception) -> float:
        """Seconds to wait before the next try."""
        if self.since is None:
            self.since, self.pause = time.monotonic(), FIRST_RETRY
            log.warning(
                "a database is unreachable (%s); trying again, at most every %.0f s; "
                "nothing queued is lost",
                _reason(exc),
                LAST_RETRY,
            )
        pause, self.pause = self.pause, min(self.pause * 2, LAST_RETRY)
        return pause

    def over(self) -> None:
        if self.since is not None:
            log.info("the database is back after %.0f s; working again", self._lasted())
            self.since = None

    def _lasted(self) -> float:
        return time.monotonic() - (self.since or time.monotonic())


def _reason(exc: Exception) -> str:
    """The error's kind and first line (libpq adds hints on the next lines); libpq's
    connection errors name the host and port, never the password."""
    lines = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {lines[0]}" if lines else type(exc).__name__


class Worker:
    def __init__(self, service: Lontar) -> None:
        self.service = service
        self.mail = mail_settings(service.home)  # None: e-mail notifications are off
        self.mail_checked = False  # switched the outbox off, if no server is configured
        self.fixity = Scheduler(service)  # the scheduled fixity check, a slice per step
        self.pulse = Pulse()  # the loop's last pass: the heartbeat stops when it hangs
        self.outage = Outage()
        self.started = False  # took the writer lock once (and started the heartbeat)

    def step(self) -> bool:
        """One unit of work; False when there was nothing to do."""
        db, store = self.service.db, self.service.store
        if (
            self._reindex_requested()
            or store.rebuild_in_progress(self.service.home.work_dir)
            or store.outdated()
        ):
            self._reindex()
            return True
        if store.apply_queue(db):
            return True
        if self.service.disposal.finish_purge():
            return True
        if self.service.ppid.settle_ppid():
            return True
        if self.service.access.settle_access():
            return True
        if self.service.letters.send_notifications(self.mail):  # after commit, from the outbox
            return True
        if not self.mail_checked:
            self.mail_checked = True
            if self._mail_off():
                return True
        if self.fixity.step():  # paced by [fixity] pause: OCR runs between its slices
            return True
        if scans.process_one(db, self.service.home.work_dir, self.service.keyring):
            return True
        return bool(store.write_postings())  # a segment at a time, when nothing else waits

    def _mail_off(self) -> bool:
        """Without a mail server nothing may pile up in the outbox: switch it off (once per
        start; the next worker with a server switches it on again)."""
        if self.mail is not None:
            return False
        with reading(self.service.db) as root:
            if not notify.enabled(pemda_of(root).letters):
                return False
        return write(
            self.service.db,
            lambda root: notify.switch_off(pemda_of(root).letters),
            note="notifications off: no mail server configured",
        )

    def _reindex_requested(self) -> bool:
        with reading(self.service.db) as root:
            return REINDEX_REQUEST in pemda_of(root).settings

    def _reindex(self) -> None:
        db = self.service.db

        def report(done: int, total: int) -> None:
            self.pulse.passed()  # a long rebuild that moves is not a hung loop
            write(
                db,
                lambda root: pemda_of(root).settings.__setitem__(REINDEX_PROGRESS, (done, total)),
            )

        count = self.service.store.rebuild(db, self.service.home.work_dir, progress=report)

        def finish(root) -> None:
            settings = pemda_of(root).settings
            settings.pop(REINDEX_REQUEST, None)
            settings[REINDEX_PROGRESS] = (count, count)

        write(db, finish, note="reindex done")
        log.info("reindexed %d records", count)

    def run(self, stop: threading.Event) -> None:
        """Until `stop` is set. Raises `SystemExit` when another writer holds the lock."""
        with contextlib.ExitStack() as beating:
            while not stop.is_set():
                try:
                    self._work(stop, beating)
                except OUTAGES as exc:
                    self._wait_out(exc, stop)
        log.info("worker stopped")

    def _work(self, stop: threading.Event, beating: contextlib.ExitStack) -> None:
        """Holds the writer lock and works until `stop` or an outage, which ends the lock's
        session anyway (a restarted server dropped it): it is taken again afterwards."""
        with self.service.store.writer_lock(self.service.home, wait=LOCK_WAIT) as holding:
            if not holding:
                raise SystemExit("another index writer holds the lock; is a worker running?")
            if not self.started:
                self.started = True
                log.info("worker started")
                # <home>/worker.heartbeat for lontar health; beats while the loop passes,
                # through an outage too: the process is alive, and only waits
                beating.enter_context(heartbeat(self.service.home, pulse=self.pulse))
            while not stop.is_set():
                self.pulse.passed()
                if not self.initialised():
                    stop.wait(1.0)
                    continue
                busy = self.step()
                self.outage.over()
                if not busy:
                    stop.wait(POLL_SECONDS)

    def _wait_out(self, exc: Exception, stop: threading.Event) -> None:
        """Drops the pooled connections (they are to the server that went away) and waits."""
        self.service.store.close()
        self.pulse.passed()
        stop.wait(self.outage.failed(exc))

    def initialised(self) -> bool:
        return self.service.initialised()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="lontar-worker")
    parser.add_argument("--home")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    service = Lontar(Home.resolve(args.home))
    try:
        Worker(service).run(stop)
    finally:
        service.close()


if __name__ == "__main__":
    main()
