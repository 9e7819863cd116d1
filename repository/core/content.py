"""The persistent content model: the Pemda at the root, units, archival description.

Layout in the database (every container that grows is a BTree; counts are `Length`):

    root["lontar"] = Pemda
        units        code -> Unit        (every unit, for lookup by code)
        top_units    code -> Unit        (the tree's first level, the OPDs)
        records      id -> Record        (every record, for lookup by stable id)
        by_sha256    sha256 -> record id (exact-duplicate detection)
        index_queue  key -> record id    (changes the index writer has yet to apply)
        ocr_queue    key -> "id/attachment"
    Unit.subunits    code -> Unit;  Unit.children  id -> Record
    Record.children  id -> Record;  Record.attachments  position -> Attachment

Records keep their id for life; moving one changes its parent, never its id.
"""

from __future__ import annotations

import base64
import datetime as dt
import os
import re
import time

from BTrees.IOBTree import IOBTree
from BTrees.Length import Length
from BTrees.OOBTree import OOBTree
from persistent import Persistent
from ZODB.blob import Blob

from repository.core import clock
from repository.core.errors import InvalidInput, NotInitialised

ROOT_KEY = "lontar"
LEVELS = ("fonds", "series", "file", "item")
LEVEL_PREFIX = {"fonds": "F", "series": "S", "file": "B", "item": ""}
SECURITY_CLASSES = ("B", "T", "R", "SR")
URGENCIES = ("Biasa", "Segera", "Sangat Segera")
UNIT_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


def new_id() -> str:
    """Short random ids: unique without a shared counter, so parallel imports never collide."""
    return base64.b32encode(os.urandom(5)).decode("ascii").lower()


class Pemda(Persistent):
    code = "ID"
    name = ""
    schema_version = 1
    accounts: OOBTree | None = None  # created on first use: repositories from before accounts
    login_failures: OOBTree | None = None  # name -> (failures in a row, locked until)
    restrictions: OOBTree | None = None  # "principal|subtree" -> (since, mark): see sharing.py
    key_id: str | None = None  # which master key sealed this repository's R/SR files (keys.py)
    schemes: OOBTree | None = None  # version -> Scheme (scheme.py)
    current_scheme: str | None = None
    jra: OOBTree | None = None  # code -> RetentionRule (retention.py)
    vital: OOBTree | None = None  # record id -> True: the vital-records register (vital.py)
    transfers: OOBTree | None = None  # id -> Transfer (transfers.py)
    destructions: OOBTree | None = None  # id -> Destruction (destruction.py)
    tombstones: OOBTree | None = None  # record id -> Tombstone of a destroyed record
    handovers: OOBTree | None = None  # id -> Handover (transfers.py)
    ppid: Persistent | None = None  # the PPID's Office (ppid/model.py)

    def __init__(self, code: str, name: str) -> None:
        self.code = code
        self.name = name
        self.units = OOBTree()
        self.top_units = OOBTree()
        self.records = OOBTree()
        self.record_count = Length()
        self.by_sha256 = OOBTree()
        self.index_queue = OOBTree()
        self.ocr_queue = OOBTree()
        self.classification = OOBTree()
        self.settings = OOBTree()

    parent = None
    reference_code = property(lambda self: self.code)


class Unit(Persistent):
    """An OPD or one of its sub-units; the owner of the records created in it."""

    parent: Persistent | None = None
    name = ""
    block_inheritance = False
    unblock_mark: str | None = None

    def __init__(self, code: str, name: str) -> None:
        self.code = code
        self.name = name
        self.subunits = OOBTree()
        self.children = OOBTree()
        self.record_count = Length()
        self.next_seq = 0

    level = "unit"

    @property
    def reference_code(self) -> str:
        return f"{self.parent.reference_code}/{self.code}"

    @property
    def unit_path(self) -> tuple[str, ...]:
        """Codes from the top OPD down to this unit; a query on any of them includes this one."""
        if isinstance(self.parent, Unit):
            return (*self.parent.unit_path, self.code)
        return (self.code,)

    def allocate_seq(self) -> int:
        """Touching the container itself makes two parallel inserts conflict and retry."""
        self.next_seq += 1
        return self.next_seq


class TextBody(Persistent):
    """Extracted or OCR text, page by page, kept apart so listing records never loads it.
    Of a sealed attachment only `box` is kept: the pages encrypted (see sealing.py)."""

    box: bytes | None = None

    def __init__(self, pages: tuple[str, ...]) -> None:
        self.pages = tuple(pages)

    @property
    def text(self) -> str:
        return "\n\f\n".join(self.pages)


class Attachment(Persistent):
    """One file of a record: the original bytes in a blob, never changed after upload."""

    pages = 0
    text: TextBody | None = None
    ocr_status = "none"
    ocr_blob: Blob | None = None
    ocr_text: TextBody | None = None
    flags: tuple[str, ...] = ()
    notes: tuple[tuple[str, str], ...] = ()
    wrapped_key: bytes | None = None  # set when sealed: the file key, wrapped by the master key
    digest_box: bytes | None = None  # a sealed file's SHA-256, encrypted; `sha256` is then keyed

    def __init__(self, filename: str, data: bytes, media_type: str, sha256: str) -> None:
        self.filename = filename
        self.size = len(data)
        self.media_type = media_type
        self.sha256 = sha256
        self.blob = Blob(data)
        self.uploaded = clock.utcnow()

    @property
    def sealed(self) -> bool:
        return self.wrapped_key is not None

    def set_flag(self, flag: str, detail: str = "") -> None:
        if flag not in self.flags:
            self.flags = (*self.flags, flag)
        if detail:
            self.notes = (*[n for n in self.notes if n[0] != flag], (flag, detail))

    def clear_flag(self, flag: str) -> None:
        self.flags = tuple(f for f in self.flags if f != flag)
        self.notes = tuple(n for n in self.notes if n[0] != flag)

    def searchable_text(self) -> str:
        parts = [body.text for body in (self.text, self.ocr_text) if body is not None]
        return "\n".join(p for p in parts if p.strip())


class Record(Persistent):
    """An archival description at any level: fonds, series, file (berkas) or item."""

    parent: Persistent | None = None
    description = ""
    classification = ""
    security = "B"
    urgency = "Biasa"
    location = ""
    date_start: dt.date | None = None
    date_end: dt.date | None = None
    revision = 0
    children: OOBTree | None = None
    history: IOBTree | None = None
    next_seq = 0
    shares: OOBTree | None = None  # principal -> (until date or None, index-queue mark)
    lowered_from: tuple[str, str] | None = None  # (old class, mark) while the index lags
    scheme_version: str | None = None  # the scheme version `classification` was chosen from
    events: OOBTree | None = None  # retention trigger event name -> date (retention.py)
    holds: OOBTree | None = None  # hold key -> (reason, actor, since): blocks destruction
    transferred_on: dt.date | None = None  # custody passed to the unit kearsipan (pemindahan)
    vital: dict | None = None  # method, copy_location, verified, by (vital.py)
    custody: str | None = None  # unit code holding the record after a transfer
    matters: OOBTree | None = None  # "kind:ref" -> (kind, ref, note, since): blocks destruction
    handed_over_on: dt.date | None = None  # given to the regional archive (penyerahan)
    appraisal: tuple | None = None  # (destruction id, reason, kept until or None: for good)

    def __init__(self, id: str, level: str, code: str, title: str, unit_code: str) -> None:
        if level not in LEVELS:
            raise InvalidInput("bad_level", value=level)
        self.id = id
        self.level = level
        self.code = code
        self.title = title
        self.unit_code = unit_code
        self.attachments = IOBTree()
        self.created = self.modified = clock.utcnow()

    @property
    def reference_code(self) -> str:
        return f"{self.parent.reference_code}/{self.code}"

    @property
    def flags(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for attachment in self.attachments.values():
            seen.update(dict.fromkeys(attachment.flags))
        return tuple(seen)

    def allocate_seq(self) -> int:
        self.next_seq += 1
        return self.next_seq

    def ancestors(self) -> list[Persistent]:
        """From the Pemda down to the direct parent."""
        chain, node = [], self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain[::-1]

    def text(self) -> str:
        return "\n".join(a.searchable_text() for a in self.attachments.values())

    def add_history(self, actor: str, action: str, detail: str = "") -> None:
        if self.history is None:
            self.history = IOBTree()
        key = (self.history.maxKey() + 1) if len(self.history) else 0
        self.history[key] = (clock.now().isoformat(timespec="seconds"), actor, action, detail)


def lazy_tree(owner: Persistent, name: str) -> OOBTree:
    """A container added after the first release (a class-level None), created on the first
    write, so older repositories need no migration. Reads use `owner.name or {}` instead:
    creating one inside a read transaction would be thrown away each time."""
    tree = getattr(owner, name)
    if tree is None:
        tree = OOBTree()
        setattr(owner, name, tree)
    return tree


def queue_key() -> str:
    """Time-ordered and unique, so the writer drains in order and parallel inserts differ."""
    return f"{time.time_ns():020d}.{os.urandom(3).hex()}"


def touch(pemda: Pemda, record: Record) -> None:
    """Mark a record changed: a new revision, and an index-queue entry in this same transaction."""
    record.revision += 1
    record.modified = clock.utcnow()
    pemda.index_queue[queue_key()] = record.id


def pemda_of(root) -> Pemda:
    pemda = root.get(ROOT_KEY)
    if pemda is None:
        raise NotInitialised(home="?")
    return pemda


def parse_date(value: str | dt.date | None) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InvalidInput("bad_date", value=value) from None


def check_security(value: str) -> str:
    value = (value or "B").upper()
    if value not in SECURITY_CLASSES:
        raise InvalidInput("bad_security", value=value, choices=", ".join(SECURITY_CLASSES))
    return value
