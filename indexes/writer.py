"""The only code that writes the index. It runs in the worker (or in a CLI process that holds
the writer lock because no worker runs), never in the app.

`apply_queue` drains the index queue: it reads each queued record's *current* state, writes it
(or deletes it when the record is gone), commits the index, and only then removes the queue
entries. A crash between the two repeats the work, which is harmless, so the index can lag but
never disagree after catch-up.

While a rebuild is in progress (a killed one waiting to resume, `reindex.json` in the work
folder) the queue is left alone: the new index holds the records read before the changes
queued since, and its swap would bring their old versions back after the live index was fixed
and the entries gone. The rebuild drains the queue itself, once swapped in.
"""

from __future__ import annotations

import itertools
import json
import logging
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import ZODB
from whoosh import index
from whoosh.query import TermRange
from whoosh.reading import SegmentReader
from whoosh.writing import MERGE_SMALL

from indexes import postings
from indexes.documents import record_fields
from indexes.segments import SegmentHelper, commit_segments
from indexes.store import IndexStore, create_index, open_writer
from repository.core.content import after_indexing, pemda_of
from repository.core.db import reading, write
from repository.core.keys import Keyring

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
DEFAULT_PROCS = min(2, os.cpu_count() or 1)


def queued(db: ZODB.DB, limit: int) -> list[tuple[str, str]]:
    with reading(db) as root:
        return list(itertools.islice(pemda_of(root).index_queue.items(), limit))


def fields_for(db: ZODB.DB, ids: list[str], keyring: Keyring | None) -> dict[str, dict | None]:
    with reading(db) as root:
        records = pemda_of(root).records
        found = {
            rid: record_fields(records[rid], keyring) if rid in records else None for rid in ids
        }
        root._p_jar.cacheMinimize()
        return found


SMALL_SEGMENT = 10_000  # documents: segments above this are merged by a rebuild only


def merge_small_only(writer, segments):
    """Whoosh's `MERGE_SMALL` over the segments of at most `SMALL_SEGMENT` documents; bigger
    ones stay as they are. Whoosh's own policy also merges big segments once enough of them
    exist: at a million records it merged 23 of a rebuild's 25,000-document segments into one
    inside an upload's commit, 8 minutes for 200 files (`bench.ingest --into 1000000`), while
    the upload waited for its records to become searchable. The engine searches many segments
    as fast as few (its arrays are per segment), so big ones are left alone."""
    big = [segment for segment in segments if segment.doc_count_all() > SMALL_SEGMENT]
    small = [segment for segment in segments if segment.doc_count_all() <= SMALL_SEGMENT]
    return big + MERGE_SMALL(writer, small)


def expunge_deleted(writer, segments):
    """A Whoosh merge policy that rewrites every segment holding deleted documents. A plain
    delete only marks a document deleted: its terms and stored fields stay in the segment
    files until a merge. After a destruction they must be gone, so a batch that removes
    records commits with this policy (an update's older version goes with it)."""
    kept = []
    for segment in segments:
        if not segment.has_deletions():
            kept.append(segment)
            continue
        reader = SegmentReader(writer.storage, writer.schema, segment)
        writer.add_reader(reader)
        reader.close()
    return kept


def apply_queue(
    db: ZODB.DB, store: IndexStore, *, batch: int = 500, work_dir: Path | None = None
) -> int:
    """Apply up to `batch` queue entries; returns how many entries were consumed: none while
    a rebuild in `work_dir` is in progress (module doc). Records that are gone are deleted
    and their segments rewritten (`expunge_deleted`)."""
    entries = queued(db, batch)
    if not entries or (work_dir is not None and rebuild_in_progress(work_dir)):
        return 0
    ids = list(dict.fromkeys(rid for _, rid in entries))
    documents = fields_for(db, ids, store.keyring)
    store.ensure()
    writer = open_writer(store.ix())
    try:
        for rid, fields in documents.items():
            if fields is None:
                writer.delete_by_term("id", rid)
            else:
                writer.update_document(**fields)
    except BaseException:
        writer.cancel()
        raise
    removed = any(fields is None for fields in documents.values())
    writer.commit(mergetype=expunge_deleted if removed else merge_small_only)
    forget_queued(db, [key for key, _ in entries], ids)
    return len(entries)


def forget_queued(db: ZODB.DB, keys: list[str], ids: list[str]) -> None:
    """After the index committed: the queue entries go, and what follows indexing runs (the
    OAI ledger). Both backends end a batch here."""

    def forget(root) -> None:
        pemda = pemda_of(root)
        for key in keys:
            pemda.index_queue.pop(key, None)
        after_indexing(pemda, ids)

    write(db, forget, note="index queue drained")


def drain(db: ZODB.DB, store: IndexStore, *, batch: int = 500, work_dir: Path | None = None) -> int:
    """Apply the whole queue; 0 while a rebuild in `work_dir` is in progress."""
    total = 0
    while consumed := apply_queue(db, store, batch=batch, work_dir=work_dir):
        total += consumed
    return total


@dataclass
class RebuildState:
    """Saved after every index commit, so a killed rebuild resumes where it stopped."""

    last_id: str = ""
    done: int = 0
    total: int = 0
    started: float = 0.0

    @classmethod
    def load(cls, path: Path) -> RebuildState | None:
        try:
            return cls(**json.loads(path.read_text()))
        except FileNotFoundError:
            return None

    def save(self, path: Path) -> None:
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.__dict__))
        os.replace(tmp, path)


def ids_after(db: ZODB.DB, last_id: str, limit: int) -> tuple[list[str], int]:
    """The next ids, and the total from the `Length` counter: `len()` of a BTree walks (and
    loads) every bucket, which after each chunk's cache flush cost more than the records."""
    with reading(db) as root:
        pemda = pemda_of(root)
        records = pemda.records
        ids = []
        for rid in records.keys(min=last_id or None, excludemin=bool(last_id)):
            ids.append(rid)
            if len(ids) >= limit:
                break
        return ids, pemda.record_count()


def rebuild(
    db: ZODB.DB,
    store: IndexStore,
    work_dir: Path,
    *,
    progress: Progress | None = None,
    chunk: int = 500,
    commit_every: int = 25000,
    procs: int = DEFAULT_PROCS,
) -> int:
    """Build a fresh index beside the live one from every record, swap it in, then apply
    what was queued meanwhile.

    This process reads records (in chunks, each in its own transaction with the connection
    cache emptied) and hands their fields to `procs` helper processes that analyse and write
    segments, each spilling to disk at its `limitmb`: memory stays bounded at any size. Every
    `commit_every` records the helpers' segments are committed and the state saved; on resume,
    anything indexed past the saved id is deleted and written again, so a kill at any moment
    leaves no duplicate.
    """
    new_path, state_path = work_dir / "index.new", work_dir / "reindex.json"
    state = RebuildState.load(state_path) if index.exists_in(str(new_path)) else None
    if state is None:
        shutil.rmtree(new_path, ignore_errors=True)
        create_index(new_path)
        state = RebuildState(started=time.time())
        state.save(state_path)
    ix = index.open_dir(str(new_path))
    if state.last_id:
        writer = open_writer(ix)
        writer.delete_by_query(TermRange("id", state.last_id, None, startexcl=True))
        writer.commit(merge=False)
    rounds = (db, ix, state, procs, chunk, commit_every, progress, store.keyring)
    while _rebuild_round(*rounds):
        state.save(state_path)
    # the new index is fast from its first search (indexes/postings.py)
    each = (lambda: progress(state.done, state.total)) if progress else None
    postings.write_missing(ix, new_path, limit=None, each=each)
    _swap(store, new_path, work_dir)
    state_path.unlink(missing_ok=True)
    drain(db, store)
    return state.done


def _rebuild_round(db, ix, state: RebuildState, procs, chunk, commit_every, progress, keyring):
    """Index up to `commit_every` more records and commit them; False when none were left."""
    ids, state.total = ids_after(db, state.last_id, chunk)
    if not ids:
        return False
    helpers = [SegmentHelper(Path(ix.storage.folder)) for _ in range(max(1, procs))]
    sent = 0
    try:
        while ids and sent < commit_every:
            documents = [f for f in fields_for(db, ids, keyring).values() if f is not None]
            helpers[(sent // chunk) % len(helpers)].send(documents)
            state.last_id, state.done, sent = ids[-1], state.done + len(ids), sent + len(ids)
            if progress:
                progress(state.done, state.total)
            if sent < commit_every:
                ids, state.total = ids_after(db, state.last_id, chunk)
        segments = [helper.finish() for helper in helpers]
    finally:
        for helper in helpers:
            helper.kill()
    commit_segments(ix, segments)
    return True


def _swap(store: IndexStore, new_path: Path, work_dir: Path) -> None:
    old = work_dir / f"index.old.{os.getpid()}"
    store.close()
    if store.path.exists():
        os.replace(store.path, old)
    os.replace(new_path, store.path)
    shutil.rmtree(old, ignore_errors=True)


def rebuild_in_progress(work_dir: Path) -> bool:
    return (work_dir / "reindex.json").exists()
