"""One `IndexStore` per process: the index on disk, a shared searcher, cached filter sets.

Opening a searcher per request would add its whole open cost to every search, so the store
keeps one and replaces it when the writer has committed. Not with Whoosh's `refresh()`: that
reuses segment readers by segment id, so deletions made since (every update is a delete plus an
add) would stay invisible and old versions, old permissions included, would still match.
Filter document sets (permissions, unit, class) are cached per index generation: rebuilding
them on every search is what makes a broad filter slow. A rebuilt index is swapped in by
renaming directories; the store notices the new directory and reopens.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import numpy as np
from whoosh import index
from whoosh.query import Query
from whoosh.searching import Searcher

from indexes import postings
from indexes.analysis import ANALYSIS, analysis_version
from indexes.engine import SCORED_FIELDS, Engine, SegmentData, TermCache
from indexes.schema import FACET_COLUMNS, build_schema
from repository.core.keys import Keyring

WRITER_OPTIONS = {"limitmb": 128, "procs": 1, "multisegment": False}
MAX_CACHED_SETS = 256


def create_index(path: Path) -> index.Index:
    path.mkdir(parents=True, exist_ok=True)
    return index.create_in(str(path), build_schema())


def open_writer(ix: index.Index, *, timeout: float = 60.0, **options):
    """`compound=False` keeps searcher opening cheap (no copy of postings into memory)."""
    merged = {**WRITER_OPTIONS, **options}
    return ix.writer(timeout=timeout, compound=False, **merged)


def _outdated_schema(schema) -> bool:
    """The schema lacks a field this version writes, or its text was analysed otherwise."""
    if not set(build_schema().names()) <= set(schema.names()):
        return True
    return analysis_version(schema["text"].analyzer) != ANALYSIS


WARM_MIN_DOCS = 20_000  # below this a first search reads its columns in well under 0.2 s
WARM_TERM_BYTES = 64 * 2**20  # frequent words' postings read ahead at a start (a quarter of the
# term cache at most): 8 million postings, the whole text vocabulary of 10,000 records


class IndexStore:
    """`keyring` turns sealed text into blind-index terms when writing and query terms into
    the same terms when searching (see indexes/sealed.py). `term_cache_mb` fixes the term
    cache's size; without it the cache grows with the index (`engine.term_cache_budget`)."""

    def __init__(
        self, path: Path, keyring: Keyring | None = None, term_cache_mb: int | None = None
    ) -> None:
        self.path = Path(path)
        self.keyring = keyring
        self._lock = threading.RLock()
        self._ix: index.Index | None = None
        self._inode: int | None = None
        self._searcher: Searcher | None = None
        self._masks: dict[tuple[int, int, str], np.ndarray] = {}
        self._segments: dict[str, SegmentData] = {}
        self._terms = TermCache(term_cache_mb << 20 if term_cache_mb else None)
        self._mapped: dict[str, postings.SegmentPostings] = {}
        self._unusable: dict[str, int] = {}  # segment -> the folder found damaged (its inode)
        self._postings_whole: tuple[int, int] | None = None  # the generation found complete
        self._engine: Engine | None = None
        self._engine_key: tuple[int, int] | None = None
        self._outdated: tuple[tuple[int, int], bool] | None = None

    def exists(self) -> bool:
        """Whether a table of contents is there, read from the folder's listing: Whoosh's
        `exists_in` opens the latest one, which the writer's next commit may delete under it
        (another process's commit made it fail about once in thirty calls)."""
        try:
            names = os.listdir(self.path)
        except FileNotFoundError:
            return False
        return any(name.startswith("_MAIN_") and name.endswith(".toc") for name in names)

    def outdated(self) -> bool:
        """True when the index on disk lacks fields this version writes, or was analysed
        with another `ANALYSIS` (its terms would not meet today's query terms): it
        was built by an older Lontar and must be rebuilt (the worker does so when it starts)."""
        if not self.exists():
            return False
        with self._lock:
            ix = self._open()
            key = (self._inode or 0, ix.latest_generation())
            if self._outdated is None or self._outdated[0] != key:
                self._outdated = (key, _outdated_schema(ix.schema))  # read once a generation
            return self._outdated[1]

    def ensure(self) -> None:
        if not self.exists():
            create_index(self.path)

    def _current_inode(self) -> int:
        return os.stat(self.path).st_ino

    def _open(self) -> index.Index:
        inode = self._current_inode()
        if self._ix is None or inode != self._inode:
            self.close()
            self._ix = index.open_dir(str(self.path))
            self._inode = inode
        return self._ix

    def ix(self) -> index.Index:
        with self._lock:
            return self._open()

    @contextlib.contextmanager
    def searcher(self) -> Iterator[Searcher]:
        """The process's searcher, refreshed; held under a lock because Whoosh's is not
        meant to be used from several threads at once."""
        with self._lock:
            ix = self._open()
            if self._searcher is None or not self._searcher.up_to_date():
                if self._searcher is not None:
                    self._searcher.close()
                self._searcher = ix.searcher()
            yield self._searcher

    def engine(self, searcher: Searcher) -> Engine:
        """The array engine for this searcher's generation (callers hold `searcher()`)."""
        key = (self._inode or 0, searcher.reader().generation())
        if self._engine_key != key:
            self._engine = Engine(searcher, self._segments, self._terms, self._mapped_postings)
            self._engine_key = key
            self._masks.clear()
            current = {segment_id for _, _, segment_id in self._engine.leaves}
            for stale in set(self._segments) - current:
                del self._segments[stale]
            for stale in set(self._mapped) - current:
                del self._mapped[stale]
            for stale in set(self._unusable) - current:
                del self._unusable[stale]
        return self._engine

    def _mapped_postings(self, segment_id: str) -> postings.SegmentPostings | None:
        """The segment's mapped lists, once the writer has written them (until then each
        word not in the term cache asks again: one `stat`). A damaged folder is opened, and
        warned of, once, not at every word: again only when the writer has replaced it."""
        found = self._mapped.get(segment_id)
        if found is not None:
            return found
        written = postings.identity(self.path, segment_id)
        if written is None or self._unusable.get(segment_id) == written:
            return None
        found = postings.open_segment(self.path, segment_id)
        if found is None:
            self._unusable[segment_id] = written
        else:
            self._mapped[segment_id] = found
        return found

    def write_postings(self, limit: int | None = 1) -> int:
        """The writer's part: the mapped posting lists of up to `limit` segments that lack
        them (indexes/postings.py); returns how many it wrote. Once a generation was found
        complete it is not looked at again: lists damaged after that are read around
        (Whoosh's blocks) and written again after the next commit or start."""
        if not self.exists():
            return 0
        with self._lock:
            ix = self._open()
            generation = (self._inode or 0, ix.latest_generation())
        if generation == self._postings_whole:  # the worker's idle pass: nothing new committed
            return 0
        written = postings.write_missing(ix, self.path, limit=limit)
        if not written:
            self._postings_whole = generation
        return written

    def mask(self, engine: Engine, query: Query) -> np.ndarray:
        """A filter's documents as a mask, cached for the generation; never mutate it."""
        key = (self._inode or 0, engine.searcher.reader().generation(), repr(query))
        cached = self._masks.get(key)
        if cached is None:
            if len(self._masks) >= MAX_CACHED_SETS:
                self._masks.clear()
            cached = self._masks[key] = engine.mask(query)
        return cached

    def warm(self, min_docs: int = WARM_MIN_DOCS, terms: int = WARM_TERM_BYTES) -> None:
        """Reads what a process's first searches would: each segment's field lengths (for
        ranking) and facet columns, a Python call a document (at a million records 7 s,
        which the first person to search after a start would otherwise wait; below
        `min_docs` documents a first search reads them in well under 0.2 s, so they are
        left), then the posting arrays of the most frequent words, up to `terms` bytes
        (`Engine.read_ahead`). The app calls this in a thread as it opens."""
        if not self.exists():
            return
        with self.searcher() as searcher:
            engine = self.engine(searcher)
            if searcher.doc_count_all() >= min_docs:
                for name in SCORED_FIELDS:
                    engine.lengths(name)
                for name in FACET_COLUMNS:
                    engine.codes(name)
            if terms:
                engine.read_ahead(SCORED_FIELDS, terms)

    def doc_count(self) -> int:
        with self.searcher() as s:
            return s.doc_count()

    def close(self) -> None:
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
            self._searcher = None
            self._ix = None
            self._outdated = None
            self._masks.clear()
            self._segments.clear()
            self._mapped.clear()
            self._unusable.clear()
            self._engine = self._engine_key = None
