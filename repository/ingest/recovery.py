"""Records in the database with no entry of their creation in the audit trail, and the
`recovered` entries `lontar check` appends for them.

Since imports write each record's `imported` entry in the commit that stores it (and
`create_container` its `created` entry), a record without one comes from before that (an
import killed before its batch-end entries), from a tool that wrote the database directly, or
from a commit whose entry was cut from the trail's torn tail. The trail is append-only, so the
gap cannot be filled in place: a `recovered` entry by "system" names the record, who created
it and when (from the record's own history) and why the entry is late.

Records are read before the trail: an entry is written in its transaction's vote, before the
record can be seen, so a record committed while this runs is never taken for unaudited.
"""

from __future__ import annotations

import logging

import ZODB

from repository.core.audit import AuditLog, Event
from repository.core.audit_pg import PgAuditLog
from repository.core.content import pemda_of
from repository.core.db import reading

log = logging.getLogger(__name__)

AUDITED = frozenset({"imported", "created", "recovered"})
RECOVERED = "recovered"
REASON = "committed without an audit entry; entry written by lontar check"
CHUNK = 2000


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
