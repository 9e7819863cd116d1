"""Creating, finding and describing records."""

from __future__ import annotations

import datetime as dt
import re

from repository.core import clock
from repository.core.content import (
    LEVEL_PREFIX,
    LEVELS,
    Pemda,
    Record,
    Unit,
    check_security,
    new_id,
    parse_date,
    touch,
)
from repository.core.errors import InvalidInput, RecordNotFound
from repository.core.i18n import translate
from repository.core.keys import Keyring
from repository.core.sealing import apply_class, digest
from repository.core.security import Caller, can_view
from repository.records.sharing import change_class
from repository.records.units import get_unit


def get_record(pemda: Pemda, record_id: str) -> Record:
    record = pemda.records.get(record_id)
    if record is None:
        raise RecordNotFound(id=record_id)
    return record


def visible_record(pemda: Pemda, caller: Caller, record_id: str) -> Record:
    """A record the caller may not see is reported exactly like one that does not exist."""
    record = pemda.records.get(record_id)
    if record is None or not can_view(caller, record):
        raise RecordNotFound(id=record_id)
    return record


def resolve_container(pemda: Pemda, unit_code: str, into: str | None) -> Unit | Record:
    if into:
        return get_record(pemda, into)
    return get_unit(pemda, unit_code)


def _check_level(container: Unit | Record, level: str) -> None:
    if isinstance(container, Record) and (LEVELS.index(level) <= LEVELS.index(container.level)):
        raise InvalidInput("bad_container", id=container.id, level=level)


def create_record(
    pemda: Pemda,
    container: Unit | Record,
    *,
    level: str,
    title: str,
    actor: str,
    date_start: dt.date | str | None = None,
    date_end: dt.date | str | None = None,
    description: str = "",
    classification: str = "",
    security: str = "B",
    urgency: str = "Biasa",
    location: str = "",
    code: str | None = None,
) -> Record:
    """Files a new record under `container`; its index entry is queued in this transaction."""
    _check_level(container, level)
    title = clean_text(title, one_line=True)
    if not title:
        raise InvalidInput("title_required")
    record_id = new_id()
    while record_id in pemda.records:
        record_id = new_id()
    unit_code = container.code if isinstance(container, Unit) else container.unit_code
    if code is None:  # the next number of the container (core/content.py: child numbers)
        code = f"{LEVEL_PREFIX[level]}{container.allocate_seq()}"
    record = Record(record_id, level, code, title, unit_code)
    record.parent = container
    record.date_start = parse_date(date_start)
    record.date_end = parse_date(date_end) or record.date_start
    record.description = clean_text(description)
    record.classification = clean_text(classification, one_line=True)
    record.security = check_security(security)
    record.urgency = clean_text(urgency, one_line=True)
    record.location = clean_text(location, one_line=True)
    if container.children is None:
        container.children = type(pemda.records)()
    container.children[record_id] = record
    pemda.records[record_id] = record
    pemda.record_count.change(1)
    get_unit(pemda, unit_code).record_count.change(1)
    record.add_history(actor, "created")
    touch(pemda, record)
    return record


def describe(record: Record, lang: str | None = None, keyring: Keyring | None = None) -> dict:
    """Everything a record view or `lontar show` needs, as plain data. With the keyring a
    sealed file shows its real SHA-256, else its keyed fingerprint."""
    return {
        "id": record.id,
        "reference_code": record.reference_code,
        "level": record.level,
        "title": record.title,
        "date_start": record.date_start.isoformat() if record.date_start else None,
        "date_end": record.date_end.isoformat() if record.date_end else None,
        "description": record.description,
        "classification": record.classification,
        "security": record.security,
        "urgency": record.urgency,
        "unit": record.unit_code,
        "location": record.location,
        "flags": list(record.flags),
        "revision": record.revision,
        "created": clock.local(record.created).isoformat(timespec="seconds"),
        "modified": clock.local(record.modified).isoformat(timespec="seconds"),
        "parent": getattr(record.parent, "id", None) or getattr(record.parent, "code", None),
        "breadcrumbs": [
            {"id": getattr(node, "id", None), "code": node.code, "title": _label(node)}
            for node in record.ancestors()
        ],
        "children": len(record.children) if record.children is not None else 0,
        "attachments": [
            _describe_attachment(position, attachment, lang, keyring)
            for position, attachment in record.attachments.items()
        ],
        "history": list(record.history.values()) if record.history is not None else [],
    }


def _label(node) -> str:
    return getattr(node, "title", None) or getattr(node, "name", "")


def _describe_attachment(position: int, attachment, lang: str | None, keyring) -> dict:
    notes = dict(attachment.notes)
    opened = keyring is not None and keyring.available
    return {
        "position": position,
        "filename": attachment.filename,
        "size": attachment.size,
        "media_type": attachment.media_type,
        "sha256": digest(attachment, keyring) if opened else attachment.sha256,
        "sealed": attachment.sealed,
        "pages": attachment.pages,
        "ocr_status": attachment.ocr_status,
        "has_ocr_derivative": attachment.ocr_blob is not None,
        "flags": list(attachment.flags),
        "messages": [
            translate(
                f"flag_{flag}", lang, detail=notes.get(flag, ""), media_type=attachment.media_type
            )
            for flag in attachment.flags
        ],
    }


EDITABLE = (
    "title",
    "description",
    "date_start",
    "date_end",
    "classification",
    "security",
    "urgency",
    "location",
)


# Removed from every text field: C0 controls but tab and line feed, DEL, C1 controls, lone
# surrogates (what Python makes of a file name that is not UTF-8) and U+FFFE/U+FFFF; none is
# text a person typed, several break XML (Dublin Core and EAD in a hand-over bag) and
# terminals.
CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Line breaks, whatever the system (CR LF, CR, VT, FF, the file/group/record separators,
# NEL, U+2028/9), with the blanks around them; in a one-line field they become one space.
BREAKS = re.compile(r"[^\S\n]*(?:\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029])\s*")


def clean_text(value, one_line: bool = False) -> str:
    """A text field as stored: control characters removed, trimmed. A title (and every other
    field but the description) is one line: line breaks and tabs become spaces. A
    description keeps its lines (each break a plain LF) and tabs."""
    text = str(value or "")
    if one_line:
        text = BREAKS.sub(" ", text).replace("\t", " ")
    else:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return CONTROLS.sub("", text).strip()


def _normalised(field: str, value):
    if field in ("date_start", "date_end"):
        return parse_date(value)
    if field == "security":
        return check_security(value)
    text = clean_text(value, one_line=field != "description")
    if field == "title" and not text:
        raise InvalidInput("title_required")
    return text


def set_class(pemda: Pemda, record: Record, security: str, keyring: Keyring) -> None:
    """A new class: who may see the subtree changes (sharing.change_class) and the record's
    files are sealed or opened to match, in the same transaction."""
    change_class(pemda, record, security)
    apply_class(pemda, record, keyring)


def update_record(
    pemda: Pemda, record: Record, changes: dict, actor: str, keyring: Keyring
) -> list[str]:
    """Applies the changes that differ, records each in the history, queues a reindex (a new
    security class changes who may see the record, and seals or opens its files). Returns
    the changed field names."""
    changed = []
    for field in EDITABLE:
        if field not in changes:
            continue
        old, new = getattr(record, field), _normalised(field, changes[field])
        if old != new:
            if field == "security":
                set_class(pemda, record, new, keyring)
            else:
                setattr(record, field, new)
            record.add_history(actor, "edited", f"{field}: {old or '-'} → {new or '-'}")
            changed.append(field)
    if changed:
        if record.date_end and record.date_start and record.date_end < record.date_start:
            raise InvalidInput("bad_date_range")
        touch(pemda, record)
    return changed
