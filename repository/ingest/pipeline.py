"""The ingest pipeline, used by the CLI and the upload page.

Each file goes through small ordered steps, each with a typed outcome:

1. `sniff`: the media type from the bytes; what is not a document at all is rejected.
2. `fingerprint`: SHA-256; an exact duplicate is reported with the id it duplicates.
3. `read_content`: text per page (PDFs in a sandboxed child process), page count, flags; scans
   and image-only PDFs are marked for OCR.
4. `store`: one transaction per file, so a crash mid-batch keeps every file committed before it;
   the index entry, the OCR job and the `imported` audit entry go with that same commit (the
   entry is written as the transaction's last vote: no record without its entry).

Nothing a file does can abort the batch: every expected failure of a file (it cannot be read,
decoded, extracted or stored) becomes a flag or a rejection with a reason, and is logged. An
image Pillow refuses to open as a decompression bomb (more than twice `Image.MAX_IMAGE_PIXELS`
pixels declared, such as a 138-byte PNG claiming 60000x60000) is stored and flagged `corrupt`
("image too large to open safely"), like a damaged PDF: the original is kept, nothing ever
decodes it (no OCR job, no preview), and a genuine large-format scan is not lost. What no file
explains (a bug, the database server gone, an audit trail that cannot be written) stops the
batch with `ImportInterrupted`, which carries the report of every file committed before it.

Duplicates are found only among records the uploader may see: a file identical to a record
hidden from the uploader is stored as a new record, and the hidden one is never named.
Several records may then hold the same bytes: the first under `by_sha256[key]`, the others
under `by_sha256["<key> <record id>"]`.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from io import BytesIO
from pathlib import Path

import ZODB
from PIL import Image
from ZODB.POSException import ConflictError

from repository.core.audit import AuditLog, Event
from repository.core.content import (
    Pemda,
    check_security,
    parse_date,
    pemda_of,
    queue_key,
)
from repository.core.db import reading, write
from repository.core.errors import (
    AuditUnavailable,
    DatabaseUnreachable,
    InvalidInput,
    LontarError,
)
from repository.core.i18n import translate
from repository.core.keys import Keyring, must_seal
from repository.core.sealing import check_key, new_attachment, text_body
from repository.core.security import Caller, can_view
from repository.ingest.extract import POOL_SIZE, Extraction, Extractor, ExtractorPool
from repository.ingest.ocr import IMAGE_ERRORS, IMAGE_TOO_LARGE, ocr_available
from repository.ingest.sniff import Sniffed, decode_text, sniff
from repository.records.records import clean_text, create_record, resolve_container

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 512 * 1024 * 1024
READ_AHEAD = 4
LEGACY_SCHEME = "awal"  # the version name of a scheme from before versions (workbench.scheme)
HOLDER = " "  # by_sha256 keys of further holders of the same bytes: "<key> <record id>"

# What reading one file can raise besides a bug: Pillow's and the stdlib's errors on damaged
# or hostile bytes, a child that cannot be started, memory a file's structure asks for.
READ_ERRORS = (*IMAGE_ERRORS, RecursionError)
# What storing one file can raise besides a LontarError: a blob that cannot be written (a full
# disk), a conflict that outlasted every retry.
STORE_ERRORS = (OSError, ConflictError)
# What stops the batch rather than one file: the database server gone for good, the audit
# trail unwritable (the file's commit was refused; every later one would be too).
BATCH_ERRORS = (DatabaseUnreachable, AuditUnavailable)
UNNAMED = "berkas"  # the name of a file whose name was nothing but control characters


@dataclass
class Incoming:
    filename: str
    data: bytes
    error: str = ""  # why the file could not be read (it is then rejected, the batch goes on)

    def __post_init__(self) -> None:
        """A file name is stored and shown as text: bytes that are not UTF-8 (lone surrogates
        from the file system) become U+FFFD, control characters go, and one remains."""
        raw = self.filename.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        self.filename = clean_text(raw, one_line=True) or UNNAMED


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


class ImportInterrupted(LontarError):
    """The batch stopped on something no single file explains (a bug, the database gone, the
    wait for the index running out): `report` lists every file committed before, each with
    its audit entry, so the caller can still say what was stored."""

    key = "import_interrupted"

    def __init__(self, report: ImportReport, cause: BaseException) -> None:
        self.report, self.cause = report, cause
        detail = str(cause) or type(cause).__name__
        super().__init__(committed=len(report.accepted), detail=detail[:300])

    def message(self, lang: str | None = None) -> str:
        cause = self.cause
        detail = cause.message(lang) if isinstance(cause, LontarError) else self.params["detail"]
        return translate(self.key, lang, committed=self.params["committed"], detail=detail)


def iter_paths(paths: Iterable[str | Path]) -> Iterator[Incoming]:
    """Files are read one at a time; folders are walked in name order. A file that cannot be
    read comes with its `error`, to be rejected, and the batch goes on."""
    for raw in paths:
        path = Path(raw)
        children = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for child in children:
            try:
                data = child.read_bytes()
            except OSError as exc:
                log.warning("cannot read %s: %s", child, exc)
                yield Incoming(child.name, b"", error=f"{child}: {exc.strerror or exc}")
                continue
            yield Incoming(child.name, data)


def _image_pages(data: bytes) -> tuple[int, str]:
    """(frames, "") of an image Pillow can open safely, else (0, why). Only the header is
    read: no pixel is decoded here."""
    try:
        with Image.open(BytesIO(data)) as image:
            return getattr(image, "n_frames", 1), ""
    except Image.DecompressionBombError as exc:
        log.warning("image refused as a decompression bomb: %s", exc)
        return 0, IMAGE_TOO_LARGE
    except READ_ERRORS as exc:
        log.info("image cannot be decoded: %s", exc)
        return 0, "image cannot be decoded"


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
        content.page_count, problem = _image_pages(data)
        if problem:
            content.flags.append(("corrupt", problem))
        else:
            content.needs_ocr = True
    elif sniffed.kind == "text":
        content.pages, content.page_count = [decode_text(data)], 1
    else:
        content.flags.append(("unsupported", ""))
    if content.needs_ocr:
        content.flags.append(("ocr_waiting", "" if ocr_available() else "ocr_unavailable"))
    return content


def _reject(incoming: Incoming, reason: str, /, **params: object) -> FileOutcome:
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
    return Path(filename).stem.replace("_", " ").strip() or filename or UNNAMED


def scheme_version(pemda: Pemda, code: str) -> str | None:
    """The version of the current classification scheme that holds `code`; None when no
    scheme is loaded (codes are then free text, as before schemes). Raises `unknown_code`,
    as `classify` does, for a code the current scheme does not hold. (Read here, not through
    `repository.workbench`, which sits above ingest.)"""
    code = code.strip()
    if not code:
        return None
    version, codes = current_codes(pemda)
    if codes is None:
        return None
    if code not in codes:
        raise InvalidInput("unknown_code", code=code)
    return version


def scheme_choices(pemda: Pemda) -> list[dict]:
    """The codes of the current scheme with their names, in code order, for a type-ahead:
    {code, name, label} with the label "800.1.11 — Surat masuk". Empty when no scheme is
    loaded (a code is then free text, as `scheme_version` allows)."""
    _, codes = current_codes(pemda)
    return [_choice(code, value) for code, value in (codes or {}).items()]


def current_codes(pemda: Pemda) -> tuple[str | None, Mapping | None]:
    """(version, codes) of the current classification scheme; the codes are None when no
    scheme is loaded. It reads the tables the Pemda keeps (`schemes`, `current_scheme`, and
    the flat `classification` table of a repository from before versions)."""
    if pemda.schemes is not None:
        version = pemda.current_scheme
        scheme = pemda.schemes.get(version) if version else None
        return version, (scheme.codes if scheme is not None else None)
    return LEGACY_SCHEME, (pemda.classification if len(pemda.classification) else None)


def _choice(code: str, value) -> dict:
    name = value[0] if isinstance(value, tuple | list) else str(value or "")
    return {"code": code, "name": name, "label": f"{code} — {name}" if name else code}


def holders(pemda: Pemda, key: str) -> list[str]:
    """Ids of the records stored under this SHA-256 (or keyed fingerprint), first holder
    first; ids of records gone since may be among them."""
    found = [pemda.by_sha256[key]] if key in pemda.by_sha256 else []
    more = pemda.by_sha256.values(min=key + HOLDER, max=key + HOLDER + "\uffff")
    return found + list(more)


def hold(pemda: Pemda, key: str, record_id: str) -> None:
    """Registers another holder of these bytes; the first key stays with a record that
    still exists, so duplicates of it are still found for those who see it."""
    first = pemda.by_sha256.get(key)
    if first is None or first not in pemda.records:
        pemda.by_sha256[key] = record_id
    else:
        pemda.by_sha256[f"{key}{HOLDER}{record_id}"] = record_id


class Ingest:
    def __init__(
        self,
        db: ZODB.DB,
        extractor: Extractor | ExtractorPool,
        caller: Caller,
        keyring: Keyring,
        *,
        audit: AuditLog,
    ) -> None:
        self.db, self.extractor, self.caller, self.keyring = db, extractor, caller, keyring
        self.audit = audit

    def validate(self, options: ImportOptions) -> None:
        """Bad options fail before any file is read, with a message for the user."""
        if must_seal(check_security(options.security)):
            self.keyring.master()  # no key, no sealed file: say so before reading any
        parse_date(options.date)
        with reading(self.db) as root:
            pemda = pemda_of(root)
            resolve_container(pemda, options.unit, options.into)
            scheme_version(pemda, options.classification)

    def run(
        self,
        files: Iterable[Incoming],
        options: ImportOptions,
        progress: Callable[[int, FileOutcome], None] | None = None,
    ) -> ImportReport:
        """Every file is committed on its own with its audit entry. A failure no file
        explains stops the batch with `ImportInterrupted`, which holds the report so far."""
        self.validate(options)
        report = ImportReport()
        try:
            for number, (incoming, content) in enumerate(self._read_ahead(files), start=1):
                outcome = self.one(incoming, options, content)
                report.add(outcome)
                if progress:
                    progress(number, outcome)
        except LontarError as exc:  # the database or the trail gone: said, not a bug
            log.error("import stopped after %d committed files: %s", len(report.accepted), exc)
            raise ImportInterrupted(report, exc) from exc
        except Exception as exc:  # whatever it is, not swallowed: re-raised with the report
            log.exception("import stopped after %d committed files", len(report.accepted))
            raise ImportInterrupted(report, exc) from exc
        return report

    def _read_ahead(
        self, files: Iterable[Incoming]
    ) -> Iterator[tuple[Incoming, Content | FileOutcome]]:
        """Reads the next files' content on other cores while this one is committed, in
        order, holding at most `READ_AHEAD` files in memory. When `files` itself fails, the
        files already read are still stored before the failure is raised."""
        source, failure = iter(files), None
        with ThreadPoolExecutor(max_workers=POOL_SIZE) as pool:
            window: deque = deque()
            while True:
                try:
                    incoming = next(source)
                except StopIteration:
                    break
                except Exception as exc:  # raised below, once the files in hand are stored
                    failure = exc
                    break
                window.append((incoming, pool.submit(self.prepare, incoming)))
                if len(window) > READ_AHEAD:
                    incoming, future = window.popleft()
                    yield incoming, future.result()
            while window:
                incoming, future = window.popleft()
                yield incoming, future.result()
        if failure is not None:
            raise failure

    def prepare(self, incoming: Incoming) -> Content | FileOutcome:
        """The slow, side-effect-free part: a rejection, or the file's content."""
        if incoming.error:
            return _reject(incoming, "unreadable_file", detail=incoming.error)
        if not incoming.data:
            return _reject(incoming, "empty_file")
        if len(incoming.data) > MAX_FILE_BYTES:
            return _reject(incoming, "unreadable_file", detail="larger than 512 MB")
        try:
            sniffed = sniff(incoming.data)
            if sniffed.kind == "reject":
                return _reject(incoming, "not_a_document", kind=sniffed.media_type)
            return read_content(incoming.data, sniffed, self.extractor)
        except READ_ERRORS as exc:
            log.warning("cannot read %s: %r", incoming.filename, exc)
            return _reject(incoming, "unreadable_file", detail=_describe(exc))

    def one(
        self,
        incoming: Incoming,
        options: ImportOptions,
        content: Content | FileOutcome | None = None,
    ) -> FileOutcome:
        content = content if content is not None else self.prepare(incoming)
        if isinstance(content, FileOutcome):
            return content
        attempt = secrets.token_hex(8)  # the same across retries of this file's commit
        try:
            return write(
                self.db,
                lambda root: self.store(root, incoming, content, options, attempt),
                note=f"import {incoming.filename}",
                audit=self.audit,
                events=self._entries,
            )
        except BATCH_ERRORS:
            raise  # no later file would fare better: the batch stops (`run`)
        except LontarError as exc:
            log.warning("%s not stored: %s", incoming.filename, exc)
            return _reject(incoming, exc.key, **exc.params)
        except STORE_ERRORS as exc:
            log.warning("%s not stored: %r", incoming.filename, exc)
            return _reject(incoming, "store_failed", detail=_describe(exc))

    def _entries(self, outcome: FileOutcome) -> list[Event]:
        """The file's `imported` entry, written in the commit that stores it."""
        if outcome.status != "accepted":
            return []
        detail = {"file": outcome.filename}
        return [(self.caller.name, "imported", outcome.id, self.caller.origin, detail)]

    def _existing(self, pemda: Pemda, sha256: str) -> str | None:
        """A record the uploader may see holding these bytes: an open file is found by its
        SHA-256, a sealed one by its keyed fingerprint. Records hidden from the uploader do
        not count (a duplicate answer would reveal them)."""
        keys = [sha256] + ([self.keyring.fingerprint(sha256)] if self.keyring.available else [])
        for key in keys:
            for found in holders(pemda, key):
                record = pemda.records.get(found)
                if record is not None and can_view(self.caller, record):
                    return found
        return None

    def store(
        self,
        root,
        incoming: Incoming,
        content: Content,
        options: ImportOptions,
        attempt: str = "",
    ):
        """A retry after the database server went away in the middle of a commit may find
        that commit made after all: the record holding these bytes carries this attempt's
        token, so it is this file's own record, reported as accepted, not as a duplicate."""
        pemda = pemda_of(root)
        existing = self._existing(pemda, content.sha256)
        mine = pemda.records.get(existing) if existing is not None else None
        if mine is not None and attempt and mine.import_attempt == attempt:
            return _accepted(incoming, mine, content)
        if existing is not None:
            return FileOutcome(
                incoming.filename,
                "duplicate",
                reason="duplicate",
                sha256=content.sha256,
                duplicate_of=existing,
                message=translate("duplicate", id=existing),
                params={"id": existing},
            )
        version = scheme_version(pemda, options.classification)
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
        if version is not None:
            record.scheme_version = version
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
        record.import_attempt = attempt
        hold(pemda, attachment.sha256, record.id)
        return _accepted(incoming, record, content)


def _accepted(incoming: Incoming, record, content: Content) -> FileOutcome:
    return FileOutcome(
        incoming.filename,
        "accepted",
        id=record.id,
        sha256=content.sha256,
        media_type=content.sniffed.media_type,
        flags=list(record.attachments[0].flags),
        ocr_queued=content.needs_ocr,
        message=_flag_messages(content),
    )


def _describe(exc: BaseException) -> str:
    return (f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__)[:200]
