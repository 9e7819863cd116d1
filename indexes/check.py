"""Compare the repository with the index: what is missing, stale or left over.

Revisions are read from the index's columns (never its stored text), and records are read in
chunks with the cache emptied, so a check of 100k records stays small.

Queue entries still waiting are not faults (`clean` stays true), but a repair applies them too
(`needs_repair`): after a standalone import was killed, nothing else would, until the next
command that catches the index up.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import ZODB

from indexes.store import IndexStore
from repository.core.content import pemda_of, queue_key
from repository.core.db import reading, write


@dataclass
class CheckReport:
    missing: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    orphans: list[str] = field(default_factory=list)
    pending: int = 0
    records: int = 0
    indexed: int = 0
    recovered: list[str] = field(default_factory=list)  # records given a late audit entry
    retracted: list[str] = field(default_factory=list)  # entries naming a record never committed

    @property
    def clean(self) -> bool:
        return not (self.missing or self.stale or self.orphans)

    @property
    def needs_repair(self) -> bool:
        """Something for `--repair` to do: faults to queue, or queue entries to apply."""
        return not self.clean or self.pending > 0

    def as_dict(self) -> dict:
        return {**self.__dict__, "clean": self.clean}


def _index_revisions(store: IndexStore) -> dict[str, int]:
    if not store.exists():
        return {}
    with store.searcher() as searcher:
        reader = searcher.reader()
        if reader.doc_count_all() == 0:
            return {}
        ids, revisions = reader.column_reader("id"), reader.column_reader("revision")
        return {ids[doc]: revisions[doc] for doc in reader.all_doc_ids()}


def repository_revisions(db: ZODB.DB, chunk: int = 2000) -> tuple[dict[str, int], set[str]]:
    revisions: dict[str, int] = {}
    last = None
    while True:
        with reading(db) as root:
            pemda = pemda_of(root)
            pending = set(pemda.index_queue.values())
            keys = pemda.records.keys(min=last, excludemin=last is not None)
            batch = []
            for rid in keys:
                batch.append((rid, pemda.records[rid].revision))
                if len(batch) >= chunk:
                    break
            root._p_jar.cacheMinimize()
        if not batch:
            return revisions, pending
        revisions.update(batch)
        last = batch[-1][0]


def check(db: ZODB.DB, store: IndexStore) -> CheckReport:
    """Records with queue entries still waiting are counted as pending, not as faults."""
    repo, pending = repository_revisions(db)
    return compare(repo, pending, _index_revisions(store))


def compare(repo: dict[str, int], pending: set[str], indexed: dict[str, int]) -> CheckReport:
    """The one comparison of both backends: the repository's revisions, the ids queued, and
    the index's revisions."""
    report = CheckReport(pending=len(pending), records=len(repo), indexed=len(indexed))
    for rid, revision in repo.items():
        if rid in pending:
            continue
        if rid not in indexed:
            report.missing.append(rid)
        elif indexed[rid] != revision:
            report.stale.append(rid)
    report.orphans = sorted(rid for rid in indexed if rid not in repo and rid not in pending)
    return report


def queue_repairs(db: ZODB.DB, report: CheckReport) -> int:
    """Queue every faulty id; the writer then rewrites or deletes each one."""
    ids = report.missing + report.stale + report.orphans

    def enqueue(root) -> None:
        queue = pemda_of(root).index_queue
        for rid in ids:
            queue[queue_key()] = rid

    if ids:
        write(db, enqueue, note="check --repair")
    return len(ids)
