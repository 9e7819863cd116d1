"""Keeping the index with the database: catching up (queue, access changes, OCR), rebuilding,
packing and checking. The one writer rule holds here: work is done under the writer lock when
no worker runs, else waited for."""

from __future__ import annotations

import contextlib
import logging
import shutil
import time
from collections.abc import Callable

from indexes.backend import SearchIndex
from indexes.check import CheckReport, queue_repairs
from repository.core.content import pemda_of
from repository.core.db import pack_storage, read, reading, write
from repository.core.errors import AuditUnavailable, DatabaseUnreachable, LontarError
from repository.core.security import Caller
from repository.core.service import Context, Service
from repository.ingest import scans
from repository.ingest.ocr import ocr_available
from repository.ingest.recovery import recover_audit, retract_phantoms
from repository.records.access import AccessServices

log = logging.getLogger(__name__)

REINDEX_REQUEST = "reindex_requested"
REINDEX_PROGRESS = "reindex_progress"


class IndexServices(Service):
    def __init__(self, context: Context, store: SearchIndex, access: AccessServices) -> None:
        super().__init__(context)
        self.store = store
        self.access = access

    def catch_up(
        self, ids: set[str] | None = None, *, ocr: bool = True, timeout: float = 600.0
    ) -> None:
        """Make the index current for `ids` (None: everything queued), and with `ocr` their
        OCR too. Done here when no worker runs, else waited for. Raises `LontarError` when
        time runs out; the records stay stored either way."""
        deadline = time.monotonic() + timeout
        while not self._caught_up(ids, ocr):
            try:
                if self._catch_up_here(ids, ocr):  # no writer (any more): this process is it
                    return
            except DatabaseUnreachable:
                # a ZEO restart cut a read off (the worker it killed let go of the lock):
                # `_caught_up` waits for the server, then the work is taken up again
                log.warning("database server gone while catching the index up; waiting")
            if time.monotonic() > deadline:
                raise LontarError("timeout_waiting_index", seconds=int(timeout))
            time.sleep(0.2)

    def _catch_up_here(self, ids: set[str] | None, ocr: bool) -> bool:
        """Does the work under the writer lock when no worker holds it; asked again while
        waiting, so a worker that dies meanwhile does not leave this process waiting."""
        with self.store.writer_lock(self.home) as holding:
            if not holding:
                return False
            self.store.drain(self.db)
            while self.access.settle_access():
                self.store.drain(self.db)
            while ocr and scans.process_one(self.db, self.home.work_dir, self.keyring, ids):
                self.store.drain(self.db)
            return True

    def _caught_up(self, ids: set[str] | None, ocr: bool) -> bool:
        queued = read(
            self.db, lambda root: set(self._pemda(root).index_queue.values()), note="index queue"
        )
        waiting = scans.waiting_ids(self.db) if ocr and ocr_available() else set()
        if ids is None:
            return not queued and not waiting
        return not (queued & ids) and not (waiting & ids)

    def reindex(self, progress: Callable[[int, int], None] | None = None) -> int:
        """Rebuild here under the writer lock, or ask the running worker and follow it."""
        with self.store.writer_lock(self.home) as holding:
            if holding:
                return self.store.rebuild(self.db, self.home.work_dir, progress=progress)
        requested = time.time()
        write(self.db, lambda root: pemda_of(root).settings.__setitem__(REINDEX_REQUEST, requested))
        while True:
            time.sleep(0.5)
            done, total, asked = read(self.db, _reindex_state, note="reindex progress")
            if not asked:
                return done
            if progress:
                progress(done, total)

    def pack(self, caller: Caller, progress: Callable[[int, int], None] | None = None) -> int:
        """Drops every earlier revision from the storage, the cached previews and the index
        (by rebuilding it): after a record is raised to R or SR, its plaintext from before
        is gone from the data directory only then. Returns the records reindexed.

        A pack is no transaction: nothing can be rolled back once it ran, so its entry
        (`packed`, with the records the database holds) is written *first*, and an
        unwritable trail refuses the pack before anything is dropped. Should the pack itself
        then fail, a `pack_failed` entry follows, so the trail does not claim a pack that did
        not happen; the rebuild and the previews after it are redone by running it again."""
        self.require(caller)
        with reading(self.db) as root:
            count = self._pemda(root).record_count()
        self.record_event(caller, "packed", "", records=count)
        try:
            pack_storage(self.db, self.home)
        except Exception as exc:
            with contextlib.suppress(AuditUnavailable):
                self.record_event(caller, "pack_failed", "", reason=type(exc).__name__)
            raise
        shutil.rmtree(self.home.work_dir / "previews", ignore_errors=True)
        return self.reindex(progress)

    def check(self, *, repair: bool = False, audit: bool = True) -> CheckReport:
        """`audit`: also set the trail straight with the database, both ways
        (`repository.ingest.recovery`). A restore's drill leaves it (`audit=False`): its
        trail may run past its database until `lontar restore` writes `restored`."""
        report = self.store.check(self.db)
        if audit:
            report.retracted = retract_phantoms(self.db, self.audit)
            report.recovered = recover_audit(self.db, self.audit)
        if repair and report.needs_repair:
            queue_repairs(self.db, report)
            self.catch_up(timeout=3600)
            report = self.store.check(self.db)
        return report


def _reindex_state(root) -> tuple[int, int, bool]:
    """(done, total, still asked) of a rebuild the worker runs on request."""
    settings = pemda_of(root).settings
    done, total = settings.get(REINDEX_PROGRESS, (0, 0))
    return done, total, REINDEX_REQUEST in settings
