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
    Unit.sequence, Record.sequence -> Sequence (the numbers of the container's children)

Records keep their id for life; moving one changes its parent, never its id.
"""

from __future__ import annotations

import base64
import datetime as dt
import heapq
import os
import random
import re
import threading
import time
import weakref

import transaction
from BTrees.IOBTree import IOBTree
from BTrees.Length import Length
from BTrees.OOBTree import OOBTree
from persistent import Persistent
from transaction.interfaces import NoTransaction
from ZODB.blob import Blob
from ZODB.POSException import ConflictError
from ZODB.utils import z64

from repository.core import clock
from repository.core.errors import InvalidInput, NotInitialised

ROOT_KEY = "lontar"
SCHEMA_VERSION = 3  # the newest generation: the last of repository/run/evolve.py's STEPS
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
    schema_version = 1  # data written before generations were counted (run/evolve.py)
    accounts: OOBTree | None = None  # created on first use: repositories from before accounts
    login_failures: OOBTree | None = None  # name -> (failures in a row, locked until)
    sessions: OOBTree | None = None  # sha256(session id) -> Session (records/sessions.py)
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
    thesaurus: Persistent | None = None  # the search dictionary (records/thesaurus.py)
    letters: Persistent | None = None  # positions, letter types, letters (letters/model.py)
    catalogue: Persistent | None = None  # descriptions, the OAI ledger (catalogue/model.py)

    def __init__(self, code: str, name: str) -> None:
        self.code = code
        self.name = name
        self.schema_version = SCHEMA_VERSION
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
    next_seq = 0  # the last number given out, in units written before `sequence`
    sequence: Sequence | None = None

    def __init__(self, code: str, name: str) -> None:
        self.code = code
        self.name = name
        self.subunits = OOBTree()
        self.children = OOBTree()
        self.record_count = Length()
        self.sequence = Sequence()

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
        return next_number(self)


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
    next_seq = 0  # the last child number given out, in records written before `sequence`
    sequence: Sequence | None = None  # created with the first child number
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
    # principals who alone may see this record and everything below it, instead of the unit's
    # members (a received letter's thread: its chain of disposition, security.confined_by)
    confined: tuple[str, ...] = ()
    # the import attempt that stored it: a retry after a commit whose answer was lost (the
    # database server killed mid-commit) recognises its own record (ingest/pipeline.py)
    import_attempt = ""
    # set on a node an archivist published to the public catalogue: (actor, since, index mark);
    # what is below it and of class B is public too (security.catalogue_public)
    published: tuple[str, str, str] | None = None
    language = ""  # ISO 639-2 codes, space-separated; a node without one takes its parent's

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
        return next_number(self)

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


# -- child numbers: the `4` of `ID-KC/DINKES/F1/S2/B3/4` ------------------------------------------
#
# Every import into a unit needs the unit's next number. The number used to be kept on the unit
# and raised by the import's own transaction, so any two imports running at once wrote the same
# object: one of them had to start again, and with a few importers one ran out of retries.
#
# - A container's numbers are a `Sequence`, a small object of its own (never the unit itself).
# - While nobody else takes numbers from it, a number is claimed inside the transaction that uses
#   it, as before: one commit, nothing more. Such a claim commits only if no other claim on the
#   sequence committed since the transaction began (`_p_resolveConflict` refuses to merge it).
# - Once a transaction of this process failed after claiming inside it, the process claims its
#   numbers from that sequence *apart* for a while (`BUSY_SECONDS` since the last claim): each in
#   a short transaction of its own (`_claim_apart`), committed before the transaction that uses
#   the number goes on. That transaction then never writes the sequence, so imports into one
#   container no longer conflict over it. Claims apart committed at the same moment do not
#   conflict either: `_p_resolveConflict`, run by the storage (the ZEO server, or FileStorage
#   itself), stacks them above the committed ones, and each claimer reads its number back after
#   its commit, by its token, from the resolved state.
# - No number is handed out twice: the storage commits one transaction at a time; each committed
#   transaction raises `last` by its claims and holds the numbers between the `last` it found
#   and the new one (a claim inside a transaction only if nothing moved in between, a claim
#   apart renumbered into that range); committed claims keep their numbers.
# - A number claimed apart whose transaction is aborted (a conflict elsewhere, a rejection)
#   goes back to this process and is handed out again first, so retries leave no gaps; only a
#   process that stops between a claim apart and its use leaves one.
# - A sequence created in the running transaction (a new container, or the first number of a
#   container written before sequences existed, which goes on from its `next_seq`) is visible
#   to nobody else: its numbers are claimed inside the transaction.

BUSY_SECONDS = 60.0
CLAIM_RETRIES = 30
_lock = threading.Lock()
_spare: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # DB -> {oid: [number, ...]}
_busy: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # DB -> {oid: claim apart until}


class Sequence(Persistent):
    """The numbers a container gives its children: 1, 2, 3 … each once."""

    KEEP = 32  # recent claims apart, kept so that each claimer can read its number back
    last = 0
    claims: tuple[tuple[str, int], ...] = ()  # (token, number) of claims apart, oldest first

    def __init__(self, last: int = 0) -> None:
        self.last = last

    def claim(self, token: str | None = None) -> int:
        """The next number; with a token (a claim apart) also recorded under it."""
        if token is not None and self.number_for(token) is not None:
            raise ValueError(f"token {token} claimed twice")
        self.last += 1
        if token is not None:
            self.claims = (*self.claims, (token, self.last))[-self.KEEP :]
        return self.last

    def number_for(self, token: str) -> int | None:
        return next((number for t, number in self.claims if t == token), None)

    def _p_resolveConflict(self, old: dict, committed: dict, new: dict) -> dict:
        """Our claims apart (those `new` made on top of `old`) renumbered above the committed
        ones. A claim made inside a transaction has no token: its number is in use there, so
        it cannot move, and the transaction must start again."""
        old, committed, new = old or {}, committed or {}, new or {}
        if {*old, *committed, *new} - {"last", "claims"}:
            raise ConflictError("Sequence: unknown state")
        base, top = old.get("last", 0), committed.get("last", 0)
        added = new.get("last", 0) - base
        ours = new.get("claims", ())[-added:] if added > 0 else ()
        theirs = {token for token, _ in committed.get("claims", ())}
        if (
            added < 0
            or top < base
            or added > self.KEEP
            or [number for _, number in ours] != list(range(base + 1, base + added + 1))
            or any(token in theirs for token, _ in ours)
        ):
            raise ConflictError("Sequence: claims that cannot be merged")
        renumbered = tuple((token, top + n) for n, (token, _) in enumerate(ours, start=1))
        claims = (*committed.get("claims", ()), *renumbered)[-self.KEEP :]
        return {"last": top + added, "claims": claims}


def next_number(container: Unit | Record) -> int:
    """The next free number among `container`'s children, for the running transaction."""
    sequence = container.sequence
    if sequence is None:
        sequence = container.sequence = Sequence(container.next_seq)
    sequence._p_activate()  # a ghost's serial is not known before it is loaded
    jar = sequence._p_jar
    if jar is None or sequence._p_serial == z64 or sequence._p_changed:
        return sequence.claim()  # new, or already claimed from in this transaction
    db, oid = jar.db(), sequence._p_oid
    with _lock:
        spare = _spare.get(db, {}).get(oid)
        number = heapq.heappop(spare) if spare else None
        busy = _busy.get(db, {}).get(oid, 0.0) > time.monotonic()
    if number is None and not busy:
        _follow(jar, _Watch(db, oid))
        return sequence.claim()
    if number is None:
        number = _claim_apart(db, oid)
    _follow(jar, _Loan(db, oid, number))
    return number


def _token() -> str:
    return os.urandom(12).hex()


def _follow(jar, follower: _Watch | _Loan) -> None:
    """Tells `follower` how the running transaction ends: `after_commit(status)` after a
    commit or a failed one, `after_abort()` after an abort."""
    try:
        running = jar.transaction_manager.get()
    except NoTransaction:
        return  # nothing to follow: a number that ends up unused stays unused
    running.addAfterCommitHook(follower.after_commit)
    running.addAfterAbortHook(follower.after_abort)


def _mark_busy(db, oid: bytes) -> None:
    with _lock:
        _busy.setdefault(db, {})[oid] = time.monotonic() + BUSY_SECONDS


class _Watch:
    """A claim inside a transaction: should its commit fail, claim apart from now on."""

    def __init__(self, db, oid: bytes) -> None:
        self.db, self.oid = db, oid

    def after_commit(self, status: bool) -> None:
        if not status:
            _mark_busy(self.db, self.oid)

    def after_abort(self) -> None:
        pass  # given up before committing: no sign of anybody else


class _Loan:
    """A number claimed apart for the running transaction; back to the spare ones if the
    transaction does not commit."""

    def __init__(self, db, oid: bytes, number: int) -> None:
        self.db, self.oid, self.number, self.settled = db, oid, number, False

    def after_commit(self, status: bool) -> None:
        if status:
            self.settled = True
        else:
            self.after_abort()

    def after_abort(self) -> None:
        if not self.settled:
            self.settled = True
            with _lock:
                spare = _spare.setdefault(self.db, {}).setdefault(self.oid, [])
                heapq.heappush(spare, self.number)


def _claim_apart(db, oid: bytes) -> int:
    """Claims the next number of the sequence `oid` in a transaction of its own."""
    _mark_busy(db, oid)
    tm = transaction.TransactionManager(explicit=True)
    conn = db.open(tm)
    try:
        for attempt in range(CLAIM_RETRIES):
            token = _token()
            tm.begin()
            try:
                tm.get().note("claim a number")
                conn.get(oid).claim(token)
                tm.commit()
            except ConflictError:  # a storage that does not resolve conflicts
                tm.abort()
                time.sleep(random.uniform(0, 0.001 * 2 ** min(attempt, 8)))
                continue
            except BaseException:
                tm.abort()
                raise
            tm.begin()
            try:
                sequence = conn.get(oid)
                sequence._p_invalidate()  # the committed state, resolved or not
                number = sequence.number_for(token)
            finally:
                tm.abort()
            if number is not None:
                return number
        raise ConflictError("no number could be claimed", oid=oid)
    finally:
        conn.close()


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


# Functions run in the transaction that forgets index-queue entries the index has applied, with
# the Pemda and the applied record ids: a feature that follows changes as the index does (the
# catalogue's OAI ledger) registers one here and sees each change once, after the index.
AFTER_INDEXING: list = []


def after_indexing(pemda: Pemda, ids: list[str]) -> None:
    for follow in AFTER_INDEXING:
        follow(pemda, ids)


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
