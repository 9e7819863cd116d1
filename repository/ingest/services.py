"""The ingest services: files in (the CLI's import and the upload page), containers to file
them into, and page images of what was stored."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from repository.core import sealing
from repository.core.db import reading
from repository.core.errors import LontarError, RecordNotFound
from repository.core.security import Caller
from repository.core.service import Context, Service
from repository.ingest import preview
from repository.ingest.extract import ExtractorPool
from repository.ingest.indexing import IndexServices
from repository.ingest.pipeline import (
    FileOutcome,
    ImportInterrupted,
    ImportOptions,
    ImportReport,
    Incoming,
    Ingest,
    scheme_choices,
)
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
        when Tesseract is installed), and so is the record each duplicate names. Each
        record's `imported` entry is written in the commit that stores it. A failure after
        the first file (the batch stopped, the wait ran out) is `ImportInterrupted`, with
        the report of every file committed."""
        self._require_in(caller, options.unit, options.into)
        report = self._ingest(caller).run(files, options, progress)
        waited = _waited_for(report)
        if wait and waited:
            try:
                self.index.catch_up(waited, timeout=timeout)
            except LontarError as exc:
                raise ImportInterrupted(report, exc) from exc
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
        report = self._ingest(caller).run(files, options, progress)
        waited = _waited_for(report)
        if waited:
            try:
                self.index.catch_up(waited, ocr=False, timeout=index_timeout)
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

        return self.commit(
            caller,
            create,
            note=f"create {level} {title}",
            audit=lambda created: [("created", created, {"level": level})],
        )

    def classification_choices(self) -> list[dict]:
        """The current scheme's codes with their names, for the upload page's type-ahead;
        the pipeline refuses any other code (`unknown_code`)."""
        with reading(self.db) as root:
            return scheme_choices(self._pemda(root))

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

    def _ingest(self, caller: Caller) -> Ingest:
        return Ingest(self.db, self.extractor, caller, self.keyring, audit=self.audit)


def _waited_for(report: ImportReport) -> set[str]:
    """The records an import waits to be searchable: those it stored, and those its
    duplicates name (stored by an import that stopped before they were indexed)."""
    return set(report.ids) | {o.duplicate_of for o in report.duplicates if o.duplicate_of}
