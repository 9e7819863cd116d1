"""The ingest pipeline, used by the CLI and the upload page.

Each file goes through small ordered steps, each with a typed outcome:

1. `sniff`: the media type from the bytes; what is not a document at all is rejected.
2. `fingerprint`: SHA-256; an exact duplicate is reported with the id it duplicates.
3. `read_content`: text per page (PDFs in a sandboxed child process), page count, flags; scans
   and image-only PDFs are marked for OCR.
4. `store`: one transaction per file, so a crash mid-batch keeps every file committed before it;
   the index entry and the OCR job are queued in that same transaction.

Nothing a file does can abort the batch: every expected failure becomes a flag or a rejection.
"""

from __future__ import annotations

import hashlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from io import BytesIO
from pathlib import Path

import ZODB
from PIL import Image, UnidentifiedImageError

from repository.core.content import (
    check_security,
    parse_date,
    pemda_of,
    queue_key,
)
from repository.core.db import reading, write
from repository.core.errors import LontarError
from repository.core.i18n import translate
from repository.core.keys import Keyring, must_seal
from repository.core.sealing import check_key, new_attachment, text_body
from repository.core.security import Caller, can_view
from repository.ingest.extract import POOL_SIZE, Extraction, Extractor, ExtractorPool
from repository.ingest.ocr import ocr_available
from repository.ingest.sniff import Sniffed, decode_text, sniff
from repository.records.records import create_record, resolve_container

MAX_FILE_BYTES = 512 * 1024 * 1024
READ_AHEAD = 4


@dataclass
class Incoming:
    filename: str
    data: bytes


@dataclass
class ImportOptions:
    unit: str
    into: str | None = None
    title: str | None = None
    date: str | None = None
    classification: str = ""
    security: str = "B"
    description: str = ""


@dataclass
class FileOutcome:
    filename: str
    status: str  # accepted | duplicate | rejected
    id: str | None = None
    flags: list[str] = field(default_factory=list)
    reason: str | None = None
    message: str = ""
    duplicate_of: str | None = None
    sha256: str | None = None
    media_type: str | None = None
    ocr_queued: bool = False
    params: dict = field(default_factory=dict)  # for the reason, to say it in another language


@dataclass
class ImportReport:
    accepted: list[FileOutcome] = field(default_factory=list)
    duplicates: list[FileOutcome] = field(default_factory=list)
    rejected: list[FileOutcome] = field(default_factory=list)

    def add(self, outcome: FileOutcome) -> None:
        {"accepted": self.accepted, "duplicate": self.duplicates, "rejected": self.rejected}[
            outcome.status
        ].append(outcome)

    @property
    def ids(self) -> list[str]:
        return [o.id for o in self.accepted if o.id]

    def as_dict(self) -> dict:
        return {
            name: [asdict(o) for o in getattr(self, name)]
            for name in ("accepted", "duplicates", "rejected")
        }


@dataclass
class Content:
    sniffed: Sniffed
    sha256: str
    pages: list[str]
    page_count: int
    flags: list[tuple[str, str]]
    needs_ocr: bool


def iter_paths(paths: Iterable[str | Path]) -> Iterator[Incoming]:
    """Files are read one at a time; folders are walked in name order."""
    for raw in paths:
        path = Path(raw)
        children = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for child in children:
            yield Incoming(child.name, child.read_bytes())


def _image_pages(data: bytes) -> int:
    try:
        with Image.open(BytesIO(data)) as image:
            return getattr(image, "n_frames", 1)
    except (UnidentifiedImageError, OSError):
        return 0


def read_content(data: bytes, sniffed: Sniffed, extractor: Extractor | ExtractorPool) -> Content:
    sha = hashlib.sha256(data).hexdigest()
    content = Content(sniffed, sha, [], 0, [], False)
    if sniffed.kind == "pdf":
        extraction: Extraction = extractor.extract(data)
        content.pages, content.page_count = extraction.pages, extraction.page_count
        if extraction.flag:
            content.flags.append((extraction.flag, extraction.detail))
        elif not extraction.has_text:
            content.needs_ocr = True
    elif sniffed.kind == "image":
        content.page_count = _image_pages(data)
        if content.page_count:
            content.needs_ocr = True
        else:
            content.flags.append(("corrupt", "image cannot be decoded"))
    elif sniffed.kind == "text":
        content.pages, content.page_count = [decode_text(data)], 1
    else:
        content.flags.append(("unsupported", ""))
    if content.needs_ocr:
        content.flags.append(("ocr_waiting", "" if ocr_available() else "ocr_unavailable"))
    return content


def _reject(incoming: Incoming, reason: str, **params: object) -> FileOutcome:
    return FileOutcome(
        incoming.filename,
        "rejected",
        reason=reason,
        message=translate(reason, **params),
        params={k: str(v) for k, v in params.items()},
    )


def _flag_messages(content: Content) -> str:
    media_type = content.sniffed.media_type
    return "; ".join(
        translate(f"flag_{flag}", detail=detail, media_type=media_type)
        for flag, detail in content.flags
    )


def _default_title(filename: str) -> str:
    return Path(filename).stem.replace("_", " ").strip() or filename


class Ingest:
    def __init__(
        self,
        db: ZODB.DB,
        extractor: Extractor | ExtractorPool,
        caller: Caller,
        keyring: Keyring,
    ) -> None:
        self.db, self.extractor, self.caller, self.keyring = db, extractor, caller, keyring

    def validate(self, options: ImportOptions) -> None:
        """Bad options fail before any file is read, with a message for the user."""
        if must_seal(check_security(options.security)):
            self.keyring.master()  # no key, no sealed file: say so before reading any
        parse_date(options.date)
        with reading(self.db) as root:
            resolve_container(pemda_of(root), options.unit, options.into)

    def run(
        self,
        files: Iterable[Incoming],
        options: ImportOptions,
        progress: Callable[[int, FileOutcome], None] | None = None,
    ) -> ImportReport:
        self.validate(options)
        report = ImportReport()
        for number, (incoming, content) in enumerate(self._read_ahead(files), start=1):
            outcome = self.one(incoming, options, content)
            report.add(outcome)
            if progress:
                progress(number, outcome)
        return report

    def _read_ahead(
        self, files: Iterable[Incoming]
    ) -> Iterator[tuple[Incoming, Content | FileOutcome]]:
        """Reads the next files' content on other cores while this one is committed, in
        order, holding at most `READ_AHEAD` files in memory."""
        with ThreadPoolExecutor(max_workers=POOL_SIZE) as pool:
            window: deque = deque()
            for incoming in files:
                window.append((incoming, pool.submit(self.prepare, incoming)))
                if len(window) > READ_AHEAD:
                    incoming, future = window.popleft()
                    yield incoming, future.result()
            while window:
                incoming, future = window.popleft()
                yield incoming, future.result()

    def prepare(self, incoming: Incoming) -> Content | FileOutcome:
        """The slow, side-effect-free part: a rejection, or the file's content."""
        if not incoming.data:
            return _reject(incoming, "empty_file")
        if len(incoming.data) > MAX_FILE_BYTES:
            return _reject(incoming, "unreadable_file", detail="larger than 512 MB")
        sniffed = sniff(incoming.data)
        if sniffed.kind == "reject":
            return _reject(incoming, "not_a_document", kind=sniffed.media_type)
        return read_content(incoming.data, sniffed, self.extractor)

    def one(
        self,
        incoming: Incoming,
        options: ImportOptions,
        content: Content | FileOutcome | None = None,
    ) -> FileOutcome:
        content = content if content is not None else self.prepare(incoming)
        if isinstance(content, FileOutcome):
            return content
        try:
            return write(
                self.db,
                lambda root: self.store(root, incoming, content, options),
                note=f"import {incoming.filename}",
            )
        except LontarError as exc:
            return _reject(incoming, exc.key, **exc.params)

    def _existing(self, pemda, sha256: str) -> str | None:
        """An open file is found by its SHA-256, a sealed one by its keyed fingerprint."""
        keys = [sha256] + ([self.keyring.fingerprint(sha256)] if self.keyring.available else [])
        for key in keys:
            found = pemda.by_sha256.get(key)
            if found is not None and found in pemda.records:
                return found
        return None

    def store(self, root, incoming: Incoming, content: Content, options: ImportOptions):
        pemda = pemda_of(root)
        existing = self._existing(pemda, content.sha256)
        if existing is not None:
            visible = can_view(self.caller, pemda.records[existing])
            return FileOutcome(
                incoming.filename,
                "duplicate",
                reason="duplicate",
                sha256=content.sha256,
                duplicate_of=existing if visible else None,
                message=translate("duplicate", id=existing if visible else "-"),
            )
        record = create_record(
            pemda,
            resolve_container(pemda, options.unit, options.into),
            level="item",
            title=options.title or _default_title(incoming.filename),
            actor=self.caller.name,
            date_start=options.date,
            description=options.description,
            classification=options.classification,
            security=options.security,
        )
        if must_seal(record.security):
            check_key(pemda, self.keyring)
        attachment = new_attachment(
            incoming.filename,
            incoming.data,
            content.sniffed.media_type,
            content.sha256,
            record.security,
            self.keyring,
        )
        attachment.pages = content.page_count
        if any(page.strip() for page in content.pages):
            attachment.text = text_body(attachment, content.pages, self.keyring)
        for flag, detail in content.flags:
            attachment.set_flag(flag, detail)
        if content.needs_ocr:
            attachment.ocr_status = "waiting"
            pemda.ocr_queue[queue_key()] = f"{record.id}/0"
        record.attachments[0] = attachment
        pemda.by_sha256[attachment.sha256] = record.id
        return FileOutcome(
            incoming.filename,
            "accepted",
            id=record.id,
            sha256=content.sha256,
            media_type=content.sniffed.media_type,
            flags=list(attachment.flags),
            ocr_queued=content.needs_ocr,
            message=_flag_messages(content),
        )
