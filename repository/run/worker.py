"""The worker process: the only index writer; it also runs OCR and rebuilds on request.

It polls rather than listens: a queue entry is a committed fact in the database, so a
worker that was down simply finds it on its next pass.
"""

from __future__ import annotations

import argparse
import logging
import signal
import threading

from repository.app import Lontar
from repository.core.config import Home, mail_settings
from repository.core.content import pemda_of
from repository.core.db import reading, write
from repository.core.operations import Pulse, heartbeat
from repository.ingest import scans
from repository.ingest.indexing import REINDEX_PROGRESS, REINDEX_REQUEST
from repository.letters import notify
from repository.run.fixity import Scheduler

log = logging.getLogger("lontar.worker")
POLL_SECONDS = 0.3


class Worker:
    def __init__(self, service: Lontar) -> None:
        self.service = service
        self.mail = mail_settings(service.home)  # None: e-mail notifications are off
        self.mail_checked = False  # switched the outbox off, if no server is configured
        self.fixity = Scheduler(service)  # the scheduled fixity check, a slice per step
        self.pulse = Pulse()  # the loop's last pass: the heartbeat stops when it hangs

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
        return scans.process_one(db, self.service.home.work_dir, self.service.keyring)

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
        with self.service.store.writer_lock(self.service.home, wait=30) as holding:
            if not holding:
                raise SystemExit("another index writer holds the lock; is a worker running?")
            log.info("worker started")
            # <home>/worker.heartbeat for lontar health; beats while the loop passes
            with heartbeat(self.service.home, pulse=self.pulse):
                while not stop.is_set():
                    self.pulse.passed()
                    if not self.initialised():
                        stop.wait(1.0)
                        continue
                    if not self.step():
                        stop.wait(POLL_SECONDS)
            log.info("worker stopped")

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
