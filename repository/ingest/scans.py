"""The OCR job queue: scans wait here until the worker has made their searchable derivative."""

from __future__ import annotations

import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import ZODB

from repository.core.content import pemda_of, touch
from repository.core.db import read, reading, write
from repository.core.keys import Keyring
from repository.core.sealing import derivative_blob, original_bytes, text_body
from repository.ingest.ocr import ocr_available, run_ocr

log = logging.getLogger(__name__)


@dataclass
class OcrJob:
    key: str
    record_id: str
    position: int
    data: bytes
    media_type: str
    sealed: bool = False


def waiting_ids(db: ZODB.DB) -> set[str]:
    """Records whose scans wait for OCR; read through a ZEO restart (`read`), as an import
    waiting for them asks again and again."""
    return read(db, _waiting, note="OCR queue")


def _waiting(root) -> set[str]:
    return {value.split("/")[0] for value in pemda_of(root).ocr_queue.values()}


def next_job(db: ZODB.DB, keyring: Keyring, only: set[str] | None = None) -> OcrJob | None:
    with reading(db) as root:
        pemda = pemda_of(root)
        for key, value in pemda.ocr_queue.items():
            record_id, position = value.split("/")
            if only is not None and record_id not in only:
                continue
            record = pemda.records.get(record_id)
            attachment = record.attachments.get(int(position)) if record else None
            if attachment is None:
                return OcrJob(key, record_id, int(position), b"", "")
            data = original_bytes(attachment, keyring)
            media_type, sealed = attachment.media_type, attachment.sealed
            return OcrJob(key, record_id, int(position), data, media_type, sealed)
    return None


def scratch_for(job: OcrJob, work_dir: Path) -> Path:
    """A sealed scan is OCRed outside the data directory, in memory where the system has a
    tmpfs (/dev/shm): its plaintext must never be written where the data lives."""
    if not job.sealed:
        return work_dir
    shm = Path("/dev/shm")
    return shm if shm.is_dir() and os.access(shm, os.W_OK) else Path(tempfile.gettempdir())


def process_one(
    db: ZODB.DB, work_dir: Path, keyring: Keyring, only: set[str] | None = None
) -> bool:
    """OCR the oldest waiting scan. False when there is nothing to do or no Tesseract."""
    if not ocr_available():
        return False
    job = next_job(db, keyring, only)
    if job is None:
        return False
    scratch = scratch_for(job, work_dir)
    result = run_ocr(job.data, job.media_type, scratch) if job.data else None

    def save(root) -> None:
        pemda = pemda_of(root)
        pemda.ocr_queue.pop(job.key, None)
        record = pemda.records.get(job.record_id)
        if record is None or result is None:
            return
        attachment = record.attachments[job.position]
        attachment.clear_flag("ocr_waiting")
        if result.error:
            attachment.ocr_status = "failed"
            attachment.set_flag("ocr_failed", result.error)
        else:
            attachment.ocr_status = "done"
            attachment.ocr_blob = derivative_blob(attachment, result.pdf, keyring)
            attachment.ocr_text = text_body(attachment, result.pages, keyring)
            attachment.set_flag("ocr_done")
            if not any(page.strip() for page in result.pages):
                attachment.set_flag("no_text")
        record.add_history("worker", "ocr", attachment.ocr_status)
        touch(pemda, record)

    write(db, save, note=f"ocr {job.record_id}")
    log.info("OCR %s: %s", job.record_id, "failed" if result and result.error else "done")
    return True
