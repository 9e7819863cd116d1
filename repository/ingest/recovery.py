"""Records in the database with no entry of their creation in the audit trail, and the
`recovered` entries `lontar check` appends for them; and the other way round, creation entries
whose record never came to be, which `lontar check` retracts.

Since imports write each record's `imported` entry in the commit that stores it (and
`create_container` its `created` entry), a record without one comes from before that (an
import killed before its batch-end entries), from a tool that wrote the database directly, or
from a commit whose entry was cut from the trail's torn tail. The trail is append-only, so the
gap cannot be filled in place: a `recovered` entry by "system" names the record, who created
it and when (from the record's own history) and why the entry is late.

Records are read before the trail: an entry is written in its transaction's vote, before the
record can be seen, so a record committed while this runs is never taken for unaudited.

The entry written in the vote has its own gap: a process killed (`kill -9`, power cut) after
its vote and before the storage's finish leaves an `imported` or `created` entry for a record
that was never committed. A finish that *raises* is retracted at once (`AuditVote`); a killed
process cannot do that, so `lontar check` does it later: an `aborted` entry by "system"
retracts each creation entry whose record is neither in the database nor destroyed (a
tombstone), counting only entries after the last `restored` one (a restore legitimately loses
what came after its backup). The trail is read first, then the records; a commit still
between its vote and its finish would look the same, so before anything is retracted a commit
of this check's own waits for the storage's commit lock, which such a commit holds from its
vote to its finish (FileStorage, ZEO and RelStorage alike), and the records are read again.
"""

from __future__ import annotations

import logging

import ZODB

from repository.core import clock
from repository.core.audit import RESTORED, RETRACTION, AuditLog, Event
from repository.core.audit_pg import PgAuditLog
from repository.core.content import pemda_of
from repository.core.db import reading, write

log = logging.getLogger(__name__)

AUDITED = frozenset({"imported", "created", "recovered"})
RECOVERED = "recovered"
REASON = "committed without an audit entry; entry written by lontar check"
CHUNK = 2000
CREATIONS = frozenset({"imported", "created"})
PHANTOM_REASON = "commit never finished (process ended after the vote); found by lontar check"
SETTLED = "audit_settled"  # pemda.settings: when a check last waited out the commits in flight


def record_ids(db: ZODB.DB, chunk: int = CHUNK) -> set[str]:
    """Every record's id, read in chunks with the cache emptied (100k records stay small)."""
    ids: set[str] = set()
    last = None
    while True:
        with reading(db) as root:
            records = pemda_of(root).records
            batch = []
            for rid in records.keys(min=last, excludemin=last is not None):
                batch.append(rid)
                if len(batch) >= chunk:
                    break
            root._p_jar.cacheMinimize()
        if not batch:
            return ids
        ids.update(batch)
        last = batch[-1]


def audited_ids(audit: AuditLog | PgAuditLog) -> set[str]:
    """Targets of creation entries (`imported`, `created`, `recovered`), in the file or the
    table (`targets`)."""
    return audit.targets(AUDITED)


def unaudited(db: ZODB.DB, audit: AuditLog) -> list[str]:
    """Ids of records with no creation entry in the trail, sorted."""
    ids = record_ids(db)  # first the records, then the trail: see the module's docstring
    if not ids:
        return []
    return sorted(ids - audited_ids(audit))


def _created(record) -> tuple[str, str]:
    """(when, by whom) from the record's history; empty when it has none."""
    for at, actor, action, _detail in (record.history or {}).values():
        if action == "created":
            return at, actor
    return "", ""


def recover_audit(
    db: ZODB.DB, audit: AuditLog, *, origin: str = "check", chunk: int = CHUNK
) -> list[str]:
    """Appends a `recovered` entry for every record with no creation entry; returns their
    ids. Running it again finds nothing more. Records are read and their entries written
    `chunk` at a time, with the cache emptied: a million records written by a tool without
    entries took `lontar check` to 3 GB when read at once. Raises `AuditUnavailable` when the
    trail cannot be written; the chunks before stay written, and the next run does the rest."""
    missing = unaudited(db, audit)
    recovered: list[str] = []
    for start in range(0, len(missing), chunk):
        events = _recovered_events(db, missing[start : start + chunk], origin)
        if events:
            audit.extend(events)
        recovered.extend(event[2] for event in events)
    if recovered:
        log.warning("audit: %d records had no entry; recovered entries written", len(recovered))
    return recovered


def _recovered_events(db: ZODB.DB, ids: list[str], origin: str) -> list[Event]:
    events: list[Event] = []
    with reading(db) as root:
        records = pemda_of(root).records
        for rid in ids:
            record = records.get(rid)
            if record is None:  # destroyed meanwhile: its destruction is in the trail
                continue
            at, actor = _created(record)
            detail = {
                "missing": "imported" if len(record.attachments) else "created",
                "level": record.level,
                "created_by": actor,
                "created_at": at,
                "reason": REASON,
            }
            events.append(("system", RECOVERED, rid, origin, detail))
        root._p_jar.cacheMinimize()
    return events


def phantoms(db: ZODB.DB, audit: AuditLog | PgAuditLog) -> list[tuple[int, str]]:
    """(seq, target) of the creation entries whose record never came to be (see the
    module's docstring), in order."""
    claims = audit.claims(CREATIONS | {RESTORED})
    since = max((seq for seq, action, _ in claims if action == RESTORED), default=-1)
    named = [(seq, target) for seq, action, target in claims if seq > since and action != RESTORED]
    absent = _absent(db, {target for _, target in named})
    if absent:
        _settle(db)  # a commit between its vote and its finish ends before this one begins
        absent = _absent(db, absent)
    return [(seq, target) for seq, target in named if target in absent]


def retract_phantoms(
    db: ZODB.DB, audit: AuditLog | PgAuditLog, *, origin: str = "check"
) -> list[str]:
    """Appends one `aborted` entry retracting every phantom creation entry; returns their
    targets. Running it again finds nothing more."""
    found = phantoms(db, audit)
    if not found:
        return []
    seqs = [seq for seq, _ in found]
    audit.append("system", RETRACTION, "audit", origin, seqs=seqs, reason=PHANTOM_REASON)
    log.warning("audit: %d creation entries named no committed record; retracted", len(seqs))
    return sorted({target for _, target in found})


def _absent(db: ZODB.DB, targets: set[str]) -> set[str]:
    """Those of `targets` that are neither records nor tombstones of destroyed ones."""
    if not targets:
        return set()
    with reading(db) as root:
        pemda = pemda_of(root)
        records, tombstones = pemda.records, pemda.tombstones or {}
        absent = {rid for rid in targets if rid not in records and rid not in tombstones}
        root._p_jar.cacheMinimize()
    return absent


def _settle(db: ZODB.DB) -> None:
    def stamp(root) -> None:
        pemda_of(root).settings[SETTLED] = clock.utcnow().isoformat(timespec="seconds")

    write(db, stamp, note="audit check: commits in flight waited out")
