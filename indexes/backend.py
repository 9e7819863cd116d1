"""The search index as the features see it: one interface, two engines.

Whoosh (the default) keeps the index in `<home>/index` and suits one server: only one process
on one machine may write it, and another machine cannot read it. PostgreSQL full-text search
(`indexes/postgres/`) keeps the same index rows in a database every node reaches, for several
app servers. Both follow the same contract (docs/architecture.md, "The database/index
contract"): changes are queued in the ZODB transaction, one writer drains the queue, the index
may lag but never disagrees after catch-up. Which one runs is configuration alone
(`repository.core.config.search_settings`).
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Protocol, TypeVar

import ZODB

from indexes import check as index_check
from indexes import suggest as index_suggest
from indexes import writer as index_writer
from indexes.check import CheckReport
from indexes.expansion import Thesaurus
from indexes.postgres.index import PostgresIndex
from indexes.search import Hit, OpenSealed, SearchRequest, SearchResult, related, search
from indexes.store import IndexStore
from indexes.suggest import Suggestion
from repository.core.config import Home, search_settings
from repository.core.keys import Keyring
from repository.core.security import Caller
from repository.core.writer_lock import writer_lock

Progress = Callable[[int, int], None]
T = TypeVar("T")
log = logging.getLogger(__name__)


class SearchIndex(Protocol):
    """What every feature, the worker and the CLI use of the index."""

    keyring: Keyring | None
    kind: str

    def exists(self) -> bool: ...
    def outdated(self) -> bool: ...
    def ensure(self) -> None: ...
    def doc_count(self) -> int: ...
    def generation(self) -> tuple: ...
    def close(self) -> None: ...

    def search(
        self,
        caller: Caller,
        request: SearchRequest,
        hidden: tuple[str, ...] = (),
        opened: OpenSealed | None = None,
        thesaurus: Thesaurus | None = None,
    ) -> SearchResult: ...

    def related(
        self, caller: Caller, record_id: str, *, limit: int = 5, hidden: tuple = ()
    ) -> list[Hit]: ...

    def suggest(
        self, caller: Caller, record_id: str, *, top: int = 3, hidden: tuple = ()
    ) -> list[Suggestion]: ...

    def apply_queue(self, db: ZODB.DB, *, batch: int = 500) -> int: ...
    def drain(self, db: ZODB.DB, *, batch: int = 500) -> int: ...
    def rebuild(self, db: ZODB.DB, work_dir: Path, *, progress: Progress | None = None) -> int: ...
    def rebuild_in_progress(self, work_dir: Path) -> bool: ...
    def check(self, db: ZODB.DB) -> CheckReport: ...
    def reclaim(self) -> None: ...
    def writer_lock(self, home: Home, *, wait: float = 0.0) -> AbstractContextManager[bool]: ...
    def writer_elsewhere(self) -> bool: ...
    def warm(self) -> None: ...
    def write_postings(self) -> int: ...


class WhooshIndex(IndexStore):
    """The Whoosh index of one machine, behind the common interface. `work_dir` is where a
    rebuild keeps its state (the home's `work_dir`): draining the queue waits for a rebuild in
    progress there (indexes/writer.py)."""

    kind = "whoosh"

    def __init__(
        self,
        path: Path,
        keyring: Keyring | None = None,
        term_cache_mb: int | None = None,
        work_dir: Path | None = None,
    ) -> None:
        super().__init__(path, keyring, term_cache_mb)
        self.work_dir = work_dir

    def generation(self) -> tuple:
        """The index folder (a rebuild replaces it) and its latest commit."""
        self.ensure()
        return os.stat(self.path).st_ino, self.ix().latest_generation()

    def search(self, caller, request, hidden=(), opened=None, thesaurus=None) -> SearchResult:
        return self._read(lambda: search(self, caller, request, hidden, opened, thesaurus))

    def related(self, caller, record_id, *, limit=5, hidden=()) -> list[Hit]:
        return self._read(lambda: related(self, caller, record_id, limit=limit, hidden=hidden))

    def suggest(self, caller, record_id, *, top=3, hidden=()) -> list[Suggestion]:
        return self._read(
            lambda: index_suggest.suggest(self, caller, record_id, top=top, hidden=hidden)
        )

    def _read(self, run: Callable[[], T]) -> T:
        """Whoosh opens some of a segment's files only when they are first read, and a merge
        the worker commits meanwhile deletes them: the read then fails (`FileNotFoundError`,
        or a `TypeError` inside Whoosh for a column file it found gone). Such a failure while
        the index moved on to a new generation is read again, once, from the new one; any
        other failure is raised as it is."""
        before = self.generation()
        try:
            return run()
        except (OSError, TypeError):
            if self.generation() == before:
                raise
            log.info("the index changed while it was read: reading again")
            self.close()
            return run()

    def apply_queue(self, db: ZODB.DB, *, batch: int = 500) -> int:
        return index_writer.apply_queue(db, self, batch=batch, work_dir=self.work_dir)

    def drain(self, db: ZODB.DB, *, batch: int = 500) -> int:
        return index_writer.drain(db, self, batch=batch, work_dir=self.work_dir)

    def rebuild(self, db: ZODB.DB, work_dir: Path, *, progress: Progress | None = None) -> int:
        return index_writer.rebuild(db, self, work_dir, progress=progress)

    def rebuild_in_progress(self, work_dir: Path) -> bool:
        return index_writer.rebuild_in_progress(work_dir)

    def check(self, db: ZODB.DB) -> CheckReport:
        return index_check.check(db, self)

    def reclaim(self) -> None:
        """Nothing left to do: a batch that deletes documents already rewrote their segments
        (indexes/writer.py `expunge_deleted`)."""

    def writer_elsewhere(self) -> bool:
        """Never: a Whoosh index's writer is on this machine, where its heartbeat file is."""
        return False

    @contextlib.contextmanager
    def writer_lock(self, home: Home, *, wait: float = 0.0) -> Iterator[bool]:
        """`flock` on the home's lock file: the writer and its index are on one machine."""
        with writer_lock(home, wait=wait) as holding:
            yield holding


def open_index(home: Home, keyring: Keyring | None) -> SearchIndex:
    """The configured engine: Whoosh in the home, or PostgreSQL full-text search."""
    settings = search_settings(home)
    if settings.backend == "postgresql":
        return PostgresIndex(settings.dsn, settings.schema, keyring)
    return WhooshIndex(home.index_dir, keyring, settings.term_cache_mb or None, home.work_dir)
