"""The ingest services: files in (the CLI's import and the upload page), containers to file
them into, and page images of what was stored."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from repository.core import sealing
from repository.core.db import reading, write
from repository.core.errors import LontarError, RecordNotFound
from repository.core.security import Caller
from repository.core.service import Context, Service
from repository.ingest import preview
from repository.ingest.extract import ExtractorPool
from repository.ingest.indexing import IndexServices
from repository.ingest.pipeline import FileOutcome, ImportOptions, ImportReport, Incoming, Ingest
from repository.records.records import create_record, resolve_container, visible_record

log = logging.getLogger(__name__)


class IngestServices(Service):
    def __init__(self, context: Context, index: IndexServices) -> None:
        super().__init__(context)
        self.index = index
        self._extractor: ExtractorPool | None = None

    @property
    def extractor(self) -> ExtractorPool:
        if self._extractor is None:
            self._extractor = ExtractorPool()
        return self._extractor

    def close(self) -> None:
        if self._extractor is not None:
            self._extractor.close()

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
            self.index.catch_up(set(report.ids), timeout=timeout)
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
                self.index.catch_up(set(report.ids), ocr=False, timeout=index_timeout)
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
