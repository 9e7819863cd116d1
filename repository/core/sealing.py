"""Sealed attachments: what an attachment of class R or SR keeps, and how it is opened.

A sealed attachment's blob, OCR derivative blob, text pages and SHA-256 are AES-GCM boxes under
its own file key (see keys.py); its `sha256` attribute holds the keyed fingerprint instead, so
duplicate detection still works and Data.fs holds no digest an attacker could match a guessed
file against. Metadata (title, description, file name, size, pages, dates) stays readable: it is
what listings, facets and the archivist's registers are made of, and it is described, not sealed.

A record crossing the T/R line is sealed or opened in the same transaction as the class change.
The plaintext of a raised record's older revisions stays in the storage and the index until
`lontar pack` (docs/security.md).
"""

from __future__ import annotations

import json

from ZODB.blob import Blob

from repository.core.content import Attachment, Record, TextBody
from repository.core.keys import KeyMismatch, Keyring, must_seal

ORIGINAL, DERIVATIVE, TEXT, DIGEST = "original", "ocr", "text", "digest"


def new_attachment(
    filename: str, data: bytes, media_type: str, sha256: str, security: str, keyring: Keyring
) -> Attachment:
    """The plaintext of a sealed file never reaches a blob file, not even uncommitted."""
    if not must_seal(security):
        return Attachment(filename, data, media_type, sha256)
    file_key, wrapped = keyring.new_file_key()
    attachment = Attachment(
        filename, Keyring.encrypt(file_key, data, ORIGINAL), media_type, keyring.fingerprint(sha256)
    )
    attachment.size = len(data)
    attachment.wrapped_key = wrapped
    attachment.digest_box = Keyring.encrypt(file_key, sha256.encode(), DIGEST)
    return attachment


def text_body(attachment: Attachment, pages: list[str] | tuple[str, ...], keyring: Keyring):
    """A TextBody for this attachment: sealed when the attachment is."""
    if not attachment.sealed:
        return TextBody(tuple(pages))
    body = TextBody(())
    body.box = _seal(attachment, json.dumps(list(pages)).encode(), TEXT, keyring)
    return body


def derivative_blob(attachment: Attachment, pdf: bytes, keyring: Keyring) -> Blob:
    if not attachment.sealed:
        return Blob(pdf)
    return Blob(_seal(attachment, pdf, DERIVATIVE, keyring))


def _seal(attachment: Attachment, data: bytes, purpose: str, keyring: Keyring) -> bytes:
    return Keyring.encrypt(keyring.file_key(attachment.wrapped_key), data, purpose)


def _read(blob: Blob) -> bytes:
    with blob.open("r") as handle:
        return handle.read()


def original_bytes(attachment: Attachment, keyring: Keyring) -> bytes:
    data = _read(attachment.blob)
    if attachment.sealed:
        return keyring.decrypt(attachment.wrapped_key, data, ORIGINAL)
    return data


def derivative_bytes(attachment: Attachment, keyring: Keyring) -> bytes | None:
    if attachment.ocr_blob is None:
        return None
    data = _read(attachment.ocr_blob)
    if attachment.sealed:
        return keyring.decrypt(attachment.wrapped_key, data, DERIVATIVE)
    return data


def pages_of(attachment: Attachment, body: TextBody | None, keyring: Keyring) -> list[str]:
    if body is None:
        return []
    if body.box is None:
        return list(body.pages)
    return json.loads(keyring.decrypt(attachment.wrapped_key, body.box, TEXT))


def digest(attachment: Attachment, keyring: Keyring) -> str:
    """The file's real SHA-256 (what a download is checked against)."""
    if not attachment.sealed:
        return attachment.sha256
    return keyring.decrypt(attachment.wrapped_key, attachment.digest_box, DIGEST).decode()


def sealed_text(record: Record, keyring: Keyring) -> str:
    """The extracted and OCR text of the record's sealed attachments, for the blind index and
    for snippets shown to those already allowed to see the record."""
    parts = []
    for attachment in record.attachments.values():
        if attachment.sealed:
            for body in (attachment.text, attachment.ocr_text):
                parts.extend(p for p in pages_of(attachment, body, keyring) if p.strip())
    return "\n".join(parts)


def check_key(pemda, keyring: Keyring) -> None:
    """One repository, one master key: sealing under another key would split it in two."""
    if pemda.key_id is None:
        pemda.key_id = keyring.key_id
    elif pemda.key_id != keyring.key_id:
        raise KeyMismatch(path=str(keyring.path))


def has_sealed(record: Record) -> bool:
    return any(a.sealed for a in record.attachments.values())


def apply_class(pemda, record: Record, keyring: Keyring) -> int:
    """Seals or opens every attachment so it matches the record's class; returns how many
    changed. `by_sha256` follows, so duplicates are still found under the new fingerprint."""
    changed, by_sha256 = 0, pemda.by_sha256
    for position, attachment in list(record.attachments.items()):
        if attachment.sealed != must_seal(record.security):
            check_key(pemda, keyring)
            record.attachments[position] = _converted(attachment, record.security, keyring)
            old, new = attachment.sha256, record.attachments[position].sha256
            if by_sha256.get(old) == record.id:
                del by_sha256[old]
                by_sha256[new] = record.id
            changed += 1
    return changed


def _converted(old: Attachment, security: str, keyring: Keyring) -> Attachment:
    data, sha256 = original_bytes(old, keyring), digest(old, keyring)
    new = new_attachment(old.filename, data, old.media_type, sha256, security, keyring)
    for name in ("pages", "ocr_status", "flags", "notes", "uploaded"):
        setattr(new, name, getattr(old, name))
    if old.text is not None:
        new.text = text_body(new, pages_of(old, old.text, keyring), keyring)
    if old.ocr_text is not None:
        new.ocr_text = text_body(new, pages_of(old, old.ocr_text, keyring), keyring)
    pdf = derivative_bytes(old, keyring)
    if pdf is not None:
        new.ocr_blob = derivative_blob(new, pdf, keyring)
    return new
