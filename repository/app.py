"""`Lontar`: the one service surface that the CLI, the pages, the tests and scripts use.

It owns the process's database handle, index store and text extractor. Every method takes the
acting caller; reads are confined to what the caller may see, writes check the caller's rights.
"""

from __future__ import annotations

import dataclasses
import logging
import shutil
import time
from collections.abc import Callable, Iterable

import ZODB

from indexes import writer as index_writer
from indexes.check import CheckReport, check, queue_repairs
from indexes.search import Hit, SearchRequest, SearchResult, related, search
from indexes.store import IndexStore
from repository import browse, exports, preview, scans, sealing
from repository.access import AccessServices
from repository.config import Home
from repository.content import ROOT_KEY, Pemda, check_security, pemda_of
from repository.db import open_db, reading, write
from repository.disposal import DisposalServices
from repository.errors import (
    InvalidInput,
    LontarError,
    NotInitialised,
    RecordNotFound,
)
from repository.extract import ExtractorPool
from repository.ingest import FileOutcome, ImportOptions, ImportReport, Incoming, Ingest
from repository.keys import KeyMismatch, Keyring, create_key
from repository.ppid.services import PPIDServices
from repository.records import (
    EDITABLE,
    create_record,
    describe,
    resolve_container,
    update_record,
    visible_record,
)
from repository.security import Caller
from repository.sharing import hidden_subtrees
from repository.units import add_unit, unit_rows
from repository.workbench import WorkbenchServices
from repository.writer_lock import writer_lock

log = logging.getLogger(__name__)

REINDEX_REQUEST = "reindex_requested"
REINDEX_PROGRESS = "reindex_progress"
ATTENTION_FLAGS = ("ocr_waiting", "ocr_failed", "corrupt", "encrypted", "extract_timeout")


class Lontar(AccessServices, WorkbenchServices, DisposalServices, PPIDServices):
    def __init__(self, home: Home, db: ZODB.DB | None = None) -> None:
        self.home = home
        self.db = db or open_db(home)
        self.keyring = Keyring.load(home)
        self.store = IndexStore(home.index_dir, self.keyring)
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
        """A new repository gets its master key at once (beside the data directory unless
        `$LONTAR_KEY_FILE` says where): R and SR files can be stored from the first upload."""
        if self.initialised():
            raise LontarError("already_initialised", home=str(self.home.path))
        create_key(self.home)
        self.keyring = self.store.keyring = Keyring.load(self.home)

        def create(root) -> None:
            if ROOT_KEY in root:
                raise LontarError("already_initialised", home=str(self.home.path))
            root[ROOT_KEY] = Pemda(code, name)
            root[ROOT_KEY].key_id = self.keyring.key_id

        write(self.db, create, note="init")
        self.store.ensure()

    def verify_key(self) -> None:
        """Refuses to serve a repository whose sealed files the available key cannot open,
        before anyone uploads a file it could not seal or opens one it could not read."""
        with reading(self.db) as root:
            key_id = self._pemda(root).key_id
        if key_id is not None and self.keyring.key_id != key_id:
            raise KeyMismatch(path=str(self.keyring.path))

    # -- units --------------------------------------------------------------------------
    def add_unit(self, caller: Caller, code: str, name: str, parent: str | None = None) -> dict:
        self.require(caller)
        row = write(
            self.db,
            lambda root: unit_rows_for(add_unit(pemda_of(root), code, name, parent)),
            note=f"unit add {code}",
        )
        self.record_event(caller, "unit_added", f"unit:{row['code']}", parent=parent or "")
        return row

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
            # every page asks: the first start shows the administrator form instead
            return {"code": pemda.code, "name": pemda.name, "first_start": not pemda.accounts}

    def _pemda(self, root) -> Pemda:
        try:
            return pemda_of(root)
        except NotInitialised:
            raise NotInitialised(home=str(self.home.path)) from None

    # -- records ------------------------------------------------------------------------
    def show(self, caller: Caller, record_id: str, lang: str | None = None) -> dict:
        with reading(self.db) as root:
            record = visible_record(self._pemda(root), caller, record_id)
            described = describe(record, lang, self.keyring)
        self.record_event(caller, "viewed", record_id)
        return described

    def original(self, caller: Caller, record_id: str, position: int = 0) -> tuple[str, str, bytes]:
        """(file name, media type, bytes) of an attachment exactly as uploaded."""
        with reading(self.db) as root:
            record = visible_record(self._pemda(root), caller, record_id)
            attachment = record.attachments.get(position)
            if attachment is None:
                raise RecordNotFound(id=f"{record_id}/{position}")
            data = sealing.original_bytes(attachment, self.keyring)
            found = attachment.filename, attachment.media_type, data
        self.record_event(caller, "downloaded", record_id, file=found[0])
        return found

    def search(self, caller: Caller, request: SearchRequest) -> SearchResult:
        result = search(self.store, caller, request, self._hidden(caller), self._opened)
        if request.query.strip():
            self.record_event(caller, "searched", "", query=request.query, total=result.total)
        return result

    def export(self, caller: Caller, request: SearchRequest, fmt: str = "csv") -> bytes:
        """Every hit of the search (not one page) as a file; the export is audited."""
        if fmt not in exports.FORMATS:
            raise InvalidInput("bad_format", value=fmt, choices=", ".join(exports.FORMATS))
        rows, page, hidden = [], 1, self._hidden(caller)
        while True:
            asked = dataclasses.replace(request, page=page, page_size=500, facets=False)
            result = search(self.store, caller, asked, hidden)
            rows.extend(exports.row_of(hit) for hit in result.hits)
            if page >= result.pages:
                break
            page += 1
        self.record_event(
            caller, "exported", "search", query=request.query, rows=len(rows), format=fmt
        )
        return exports.encode(rows, fmt)

    def related(self, caller: Caller, record_id: str, limit: int = 5) -> list[Hit]:
        return related(self.store, caller, record_id, limit=limit, hidden=self._hidden(caller))

    def _opened(self, record_id: str) -> str:
        """Sealed text for a snippet; the search has already confined hits to the caller."""
        if not self.keyring.available:
            return ""
        with reading(self.db) as root:
            record = self._pemda(root).records.get(record_id)
            return sealing.sealed_text(record, self.keyring) if record is not None else ""

    def _hidden(self, caller: Caller) -> tuple[str, ...]:
        with reading(self.db) as root:
            return tuple(hidden_subtrees(self._pemda(root), caller))

    def record_text(self, caller: Caller, record_id: str) -> list[dict]:
        """Extracted and OCR text per attachment, as the index sees it."""
        with reading(self.db) as root:
            record = visible_record(self._pemda(root), caller, record_id)
            return [
                {
                    "position": position,
                    "filename": a.filename,
                    "text": "\n\f\n".join(sealing.pages_of(a, a.text, self.keyring)),
                    "ocr_text": "\n\f\n".join(sealing.pages_of(a, a.ocr_text, self.keyring)),
                }
                for position, a in record.attachments.items()
            ]

    def page_image(
        self, caller: Caller, record_id: str, position: int, page: int, derivative: bool = False
    ) -> bytes:
        """A page of an attachment (or of its OCR derivative) as an image for the browser."""
        with reading(self.db) as root:
            record = visible_record(self._pemda(root), caller, record_id)
            attachment = record.attachments.get(position)
            blob = attachment and (attachment.ocr_blob if derivative else attachment.blob)
            if blob is None:
                raise RecordNotFound(id=f"{record_id}/{position}")
            media_type = "application/pdf" if derivative else attachment.media_type
            key = attachment.sha256 + ("-ocr" if derivative else "")
            read = sealing.derivative_bytes if derivative else sealing.original_bytes
            data = read(attachment, self.keyring)
            cache = None if attachment.sealed else self.home.work_dir / "previews"
        return preview.page_image(data, media_type, key, page, cache)

    def update_record(self, caller: Caller, record_id: str, changes: dict) -> dict:
        """Edits descriptive metadata; each change is kept in the record's history."""
        self.require(caller, "edit_records")
        unknown = set(changes) - set(EDITABLE)
        if unknown:
            raise InvalidInput("bad_field", fields=", ".join(sorted(unknown)))

        def edit(root) -> dict:
            pemda = self._pemda(root)
            record = visible_record(pemda, caller, record_id)
            self.require(caller, "edit_records", record)
            if not caller.sees_class(check_security(changes.get("security", "B"))):
                raise InvalidInput("above_clearance", clearance=caller.clearance)
            changed = update_record(pemda, record, changes, caller.name, self.keyring)
            return describe(record, keyring=self.keyring), changed

        described, changed = write(self.db, edit, note=f"edit {record_id}")
        self.record_event(caller, "edited", record_id, fields=changed)
        return described

    # -- overview and browsing ------------------------------------------------------------
    def summary(self, caller: Caller, recent: int = 10) -> dict:
        """What the home page shows: visible counts, recent additions, records needing care."""
        everything = self.search(caller, SearchRequest(sort="added_desc", page_size=recent))
        flagged = self.search(
            caller,
            SearchRequest(flags=ATTENTION_FLAGS, sort="added_desc", page_size=recent, facets=False),
        )
        return {
            "total": everything.total,
            "facets": everything.facets,
            "recent": everything.hits,
            "flagged_total": flagged.total,
            "flagged": flagged.hits,
        }

    def browse(self, caller: Caller, key: str = "", page: int = 1) -> dict:
        """One level of the tree: breadcrumbs, sub-units and a page of the node's contents,
        each with the number of visible records it holds."""
        with reading(self.db) as root:
            node = browse.node_of(self._pemda(root), caller, key)
            crumbs, units, unit = (
                browse.breadcrumbs(node),
                browse.subunits(node),
                browse.unit_of(node),
            )
            counts = self.search(
                caller, SearchRequest(unit=unit, page_size=1, count_children=unit is not None)
            ).facets
            unit_rows = [browse.unit_row(u, counts.get("unit", {})) for u in units]
        contents = SearchResult(total=0, page=1, page_size=browse.PAGE_SIZE)
        if unit is not None:
            contents = self.search(caller, browse.contents_request(browse.key_of(node), page))
        return {
            "key": browse.key_of(node),
            "breadcrumbs": crumbs,
            "units": unit_rows,
            "contents": browse.content_rows(contents, counts.get("parent", {})),
            "total": contents.total,
            "page": contents.page,
            "pages": contents.pages,
        }

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
        self._require_in(caller, options.unit, options.into)
        report = Ingest(self.db, self.extractor, caller, self.keyring).run(files, options, progress)
        self._record_import(caller, report)
        if wait and report.ids:
            self.catch_up(set(report.ids), timeout=timeout)
        return report

    def upload(
        self,
        caller: Caller,
        files: Iterable[Incoming],
        options: ImportOptions,
        progress: Callable[[int, FileOutcome], None] | None = None,
        index_timeout: float = 60.0,
    ) -> ImportReport:
        """The upload page's import: each file is committed on its own as it goes, so a
        closed browser loses nothing already accepted. Born-digital files are searchable
        when this returns; scans are OCRed by the worker afterwards."""
        self._require_in(caller, options.unit, options.into)
        report = Ingest(self.db, self.extractor, caller, self.keyring).run(files, options, progress)
        self._record_import(caller, report)
        if report.ids:
            try:
                self.catch_up(set(report.ids), ocr=False, timeout=index_timeout)
            except LontarError:
                log.warning("upload: index still catching up after %s s", index_timeout)
        return report

    def create_container(
        self, caller: Caller, unit: str, level: str, title: str, into: str | None = None, **fields
    ) -> str:
        """A fonds, series or berkas to file records into; returns its id."""
        self._require_in(caller, unit, into)

        def create(root) -> str:
            pemda = self._pemda(root)
            container = resolve_container(pemda, unit, into)
            return create_record(
                pemda, container, level=level, title=title, actor=caller.name, **fields
            ).id

        created = write(self.db, create, note=f"create {level} {title}")
        self.record_event(caller, "created", created, level=level)
        return created

    def _require_in(self, caller: Caller, unit: str, into: str | None) -> None:
        """Adding needs `add_records` where the records go, not merely somewhere."""
        self.require(caller, "add_records")
        with reading(self.db) as root:
            pemda = self._pemda(root)
            container = resolve_container(pemda, unit, into)
            if into:
                visible_record(pemda, caller, into)
            self.require(caller, "add_records", container)

    def _record_import(self, caller: Caller, report: ImportReport) -> None:
        events = [("imported", o.id, {"file": o.filename}) for o in report.accepted]
        if events:
            self.record_events(caller, events)

    def containers(self, caller: Caller, unit: str) -> list[Hit]:
        """The berkas (files) of a unit a new record can be filed into."""
        request = SearchRequest(unit=unit, level="file", sort="refcode", page_size=500)
        return self.search(caller, dataclasses.replace(request, facets=False)).hits

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
                while self.settle_access():
                    index_writer.drain(self.db, self.store)
                while ocr and scans.process_one(self.db, self.home.work_dir, self.keyring, ids):
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

    def pack(self, caller: Caller, progress: Callable[[int, int], None] | None = None) -> int:
        """Drops every earlier revision from the storage, the cached previews and the index
        (by rebuilding it): after a record is raised to R or SR, its plaintext from before
        is gone from the data directory only then. Returns the records reindexed."""
        self.require(caller)
        self.drop_history()
        shutil.rmtree(self.home.work_dir / "previews", ignore_errors=True)
        count = self.reindex(progress)
        self.record_event(caller, "packed", "", records=count)
        return count

    def check(self, *, repair: bool = False) -> CheckReport:
        report = check(self.db, self.store)
        if repair and not report.clean:
            queue_repairs(self.db, report)
            self.catch_up(timeout=3600)
            report = check(self.db, self.store)
        return report


def unit_rows_for(unit) -> dict:
    return {"code": unit.code, "name": unit.name, "parent": getattr(unit.parent, "code", None)}
