"""`Lontar`: the one service surface that the CLI, the pages, the tests and scripts use.

It owns the process's database handle, index store and text extractor. Every method takes the
acting caller; reads are confined to what the caller may see, writes check the caller's rights.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable

import ZODB

from indexes import writer as index_writer
from indexes.check import CheckReport, check, queue_repairs
from indexes.search import SearchRequest, SearchResult, search
from indexes.store import IndexStore
from repository import scans
from repository.config import Home
from repository.content import ROOT_KEY, Pemda, pemda_of
from repository.db import open_db, reading, write
from repository.errors import AccessDenied, LontarError, NotInitialised, RecordNotFound
from repository.extract import ExtractorPool
from repository.ingest import FileOutcome, ImportOptions, ImportReport, Incoming, Ingest
from repository.records import describe, visible_record
from repository.security import Caller
from repository.units import add_unit, unit_rows
from repository.writer_lock import writer_lock

log = logging.getLogger(__name__)

REINDEX_REQUEST = "reindex_requested"
REINDEX_PROGRESS = "reindex_progress"


class Lontar:
    def __init__(self, home: Home, db: ZODB.DB | None = None) -> None:
        self.home = home
        self.db = db or open_db(home)
        self.store = IndexStore(home.index_dir)
        self._extractor: ExtractorPool | None = None

    def close(self) -> None:
        if self._extractor is not None:
            self._extractor.close()
        self.store.close()
        self.db.close()

    def __enter__(self) -> Lontar:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def extractor(self) -> ExtractorPool:
        if self._extractor is None:
            self._extractor = ExtractorPool()
        return self._extractor

    # -- set-up -------------------------------------------------------------------------
    def initialised(self) -> bool:
        with reading(self.db) as root:
            return ROOT_KEY in root

    def init(self, code: str, name: str) -> None:
        def create(root) -> None:
            if ROOT_KEY in root:
                raise LontarError("already_initialised", home=str(self.home.path))
            root[ROOT_KEY] = Pemda(code, name)

        write(self.db, create, note="init")
        self.store.ensure()

    def require(self, caller: Caller) -> None:
        if not caller.is_admin:
            raise AccessDenied()

    # -- units --------------------------------------------------------------------------
    def add_unit(self, caller: Caller, code: str, name: str, parent: str | None = None) -> dict:
        self.require(caller)
        return write(
            self.db,
            lambda root: unit_rows_for(add_unit(pemda_of(root), code, name, parent)),
            note=f"unit add {code}",
        )

    def units(self, caller: Caller) -> list[dict]:
        """Units with the number of records each holds *that the caller may see*."""
        with reading(self.db) as root:
            rows = unit_rows(self._pemda(root))
        visible = self.search(caller, SearchRequest(page_size=1)).facets.get("unit", {})
        for row in rows:
            row["records"] = visible.get(row["code"], 0)
        return rows

    def pemda_info(self) -> dict:
        with reading(self.db) as root:
            pemda = self._pemda(root)
            return {"code": pemda.code, "name": pemda.name}

    def _pemda(self, root) -> Pemda:
        try:
            return pemda_of(root)
        except NotInitialised:
            raise NotInitialised(home=str(self.home.path)) from None

    # -- records ------------------------------------------------------------------------
    def show(self, caller: Caller, record_id: str, lang: str | None = None) -> dict:
        with reading(self.db) as root:
            return describe(visible_record(self._pemda(root), caller, record_id), lang)

    def original(self, caller: Caller, record_id: str, position: int = 0) -> tuple[str, str, bytes]:
        """(file name, media type, bytes) of an attachment exactly as uploaded."""
        with reading(self.db) as root:
            record = visible_record(self._pemda(root), caller, record_id)
            attachment = record.attachments.get(position)
            if attachment is None:
                raise RecordNotFound(id=f"{record_id}/{position}")
            with attachment.blob.open("r") as handle:
                return attachment.filename, attachment.media_type, handle.read()

    def search(self, caller: Caller, request: SearchRequest) -> SearchResult:
        return search(self.store, caller, request)

    # -- ingest -------------------------------------------------------------------------
    def import_files(
        self,
        caller: Caller,
        files: Iterable[Incoming],
        options: ImportOptions,
        *,
        progress: Callable[[int, FileOutcome], None] | None = None,
        wait: bool = True,
        timeout: float = 600.0,
    ) -> ImportReport:
        """With `wait`, returns once every accepted file is searchable (scans: once OCRed,
        when Tesseract is installed)."""
        self.require(caller)
        report = Ingest(self.db, self.extractor, caller).run(files, options, progress)
        if wait and report.ids:
            self.catch_up(set(report.ids), timeout=timeout)
        return report

    def catch_up(
        self, ids: set[str] | None = None, *, ocr: bool = True, timeout: float = 600.0
    ) -> None:
        """Make the index current for `ids` (None: everything queued), and with `ocr` their
        OCR too. Done here when no worker runs, else waited for. Raises `LontarError` when
        time runs out; the records stay stored either way."""
        deadline = time.monotonic() + timeout
        with writer_lock(self.home) as holding:
            if holding:
                index_writer.drain(self.db, self.store)
                while ocr and scans.process_one(self.db, self.home.work_dir, only=ids):
                    index_writer.drain(self.db, self.store)
                return
        while not self._caught_up(ids, ocr):
            if time.monotonic() > deadline:
                raise LontarError("timeout_waiting_index", seconds=int(timeout))
            time.sleep(0.2)

    def _caught_up(self, ids: set[str] | None, ocr: bool) -> bool:
        from repository.ocr import ocr_available

        with reading(self.db) as root:
            queued = set(self._pemda(root).index_queue.values())
        waiting = scans.waiting_ids(self.db) if ocr and ocr_available() else set()
        if ids is None:
            return not queued and not waiting
        return not (queued & ids) and not (waiting & ids)

    # -- index maintenance --------------------------------------------------------------
    def reindex(self, progress: Callable[[int, int], None] | None = None) -> int:
        """Rebuild here under the writer lock, or ask the running worker and follow it."""
        with writer_lock(self.home) as holding:
            if holding:
                return index_writer.rebuild(
                    self.db, self.store, self.home.work_dir, progress=progress
                )
        requested = time.time()
        write(self.db, lambda root: pemda_of(root).settings.__setitem__(REINDEX_REQUEST, requested))
        while True:
            time.sleep(0.5)
            with reading(self.db) as root:
                settings = pemda_of(root).settings
                done, total = settings.get(REINDEX_PROGRESS, (0, 0))
                if REINDEX_REQUEST not in settings:
                    return done
            if progress:
                progress(done, total)

    def check(self, *, repair: bool = False) -> CheckReport:
        report = check(self.db, self.store)
        if repair and not report.clean:
            queue_repairs(self.db, report)
            self.catch_up(timeout=3600)
            report = check(self.db, self.store)
        return report


def unit_rows_for(unit) -> dict:
    return {"code": unit.code, "name": unit.name, "parent": getattr(unit.parent, "code", None)}
