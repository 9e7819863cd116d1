"""Each segment's posting lists once more, as flat arrays the engine maps instead of unpickling.

Whoosh keeps a posting list in pickled, compressed blocks of 128 that hold each document's
word positions too. The engine wants only the documents and their frequencies, yet reading
them from the blocks unpickles the positions as well: 1.4 µs a posting, 15 ms for a word in
11,000 documents of one segment. At 100,000 records a search for a common word, or a word the
thesaurus widens into common ones, read 100-500 ms of blocks before its first answer.

So the index writer (the worker, when it has nothing else to do, and every rebuild before its
swap) writes beside each segment, in `<index>/lontar-postings/<segment id>/`:

- `keys.i64`: the sorted offsets of the segment's posting lists in its Whoosh postings file,
  which name a (field, word) uniquely within the segment (Whoosh's term info holds them);
- `starts.i64`, `counts.i64`: where each list starts in the two arrays below, and its length;
- `ids.i32`, `weights.f32`: every list's document numbers and frequencies, end to end.

A search maps these files (`np.memmap`): a word's list is two slices, read by the operating
system's page cache. Segments never change once written (deletions are the engine's live
mask), so a segment's file never goes stale; it is removed once the segment is gone. A list
is used only when its length is the one Whoosh's term info gives; anything else (no file yet,
a file cut short by a crash) reads the blocks, as before.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from whoosh.fields import NUMERIC
from whoosh.reading import TermNotFound

from indexes.engine import NO_POSTINGS, block_postings, private_member

log = logging.getLogger(__name__)

FOLDER = "lontar-postings"
ARRAYS = {"keys": np.int64, "starts": np.int64, "counts": np.int64}
POSTINGS = {"ids": np.int32, "weights": np.float32}
SUFFIX = {np.int64: "i64", np.int32: "i32", np.float32: "f32"}


def folder(index_path: Path) -> Path:
    return Path(index_path) / FOLDER


def _file(where: Path, name: str, dtype) -> Path:
    return where / f"{name}.{SUFFIX[dtype]}"


@dataclass(frozen=True)
class SegmentPostings:
    """One segment's lists, mapped."""

    keys: np.ndarray
    starts: np.ndarray
    counts: np.ndarray
    ids: np.ndarray
    weights: np.ndarray

    def lookup(self, reader, fieldname: str, text) -> tuple[np.ndarray, np.ndarray] | None:
        """A word's documents and frequencies, or None when this file cannot tell."""
        btext = reader.schema[fieldname].to_bytes(text) if isinstance(text, str) else text
        try:
            info = reader.term_info(fieldname, btext)
        except TermNotFound:
            return NO_POSTINGS
        offset, count = private_member(info, "_offset"), info.doc_frequency()
        at = int(np.searchsorted(self.keys, offset))
        if at == len(self.keys) or self.keys[at] != offset or self.counts[at] != count:
            return None
        start = int(self.starts[at])
        return self.ids[start : start + count], self.weights[start : start + count]


def identity(index_path: Path, segment_id: str) -> int | None:
    """The segment's folder as written (its inode: a rewrite renames a new one into place),
    or None when there is none yet."""
    try:
        return (folder(index_path) / segment_id).stat().st_ino
    except FileNotFoundError:
        return None


def open_segment(index_path: Path, segment_id: str) -> SegmentPostings | None:
    """The segment's mapped lists; None when none were written, or what is there does not
    hold together (its arrays' lengths disagree)."""
    where = folder(index_path) / segment_id
    if not where.is_dir():
        return None
    try:
        arrays = {
            name: _map(_file(where, name, dtype), dtype)
            for name, dtype in {**ARRAYS, **POSTINGS}.items()
        }
    except (OSError, ValueError) as exc:
        log.warning("postings of segment %s unreadable, reading Whoosh's blocks: %s", where, exc)
        return None
    found = SegmentPostings(**arrays)
    if not _whole(found):
        log.warning("postings of segment %s incomplete, reading Whoosh's blocks", where)
        return None
    return found


def _whole(found: SegmentPostings) -> bool:
    """The arrays agree in length, and every list lies within the postings written."""
    keys, postings = len(found.keys), len(found.ids)
    if not (len(found.starts) == len(found.counts) == keys and len(found.weights) == postings):
        return False
    return keys == 0 or int((found.starts + found.counts).max()) <= postings


def _map(path: Path, dtype) -> np.ndarray:
    if path.stat().st_size == 0:  # mmap refuses an empty file
        return np.empty(0, dtype)
    return np.memmap(path, dtype=dtype, mode="r")


def write_segment(reader, index_path: Path, segment_id: str) -> Path:
    """Writes the lists of every indexed field of one segment (`reader` is its leaf reader),
    into a temporary folder renamed into place: a reader sees all of it or none."""
    base = folder(index_path)
    base.mkdir(exist_ok=True)
    temporary = base / f".{segment_id}.{os.getpid()}"
    shutil.rmtree(temporary, ignore_errors=True)
    temporary.mkdir()
    keys, starts, counts, written = [], [], [], 0
    with (
        open(_file(temporary, "ids", np.int32), "wb") as ids,
        open(_file(temporary, "weights", np.float32), "wb") as weights,
    ):
        for fieldname in _word_fields(reader):
            for btext, info in reader.iter_field(fieldname):
                found_ids, found_weights = block_postings(reader, fieldname, btext)
                found_ids.tofile(ids)
                found_weights.tofile(weights)
                keys.append(private_member(info, "_offset"))
                starts.append(written)
                counts.append(len(found_ids))
                written += len(found_ids)
    order = np.argsort(np.asarray(keys, np.int64), kind="stable")
    for name, values in (("keys", keys), ("starts", starts), ("counts", counts)):
        np.asarray(values, np.int64)[order].tofile(_file(temporary, name, np.int64))
    target = base / segment_id
    shutil.rmtree(target, ignore_errors=True)
    os.replace(temporary, target)
    return target


def _word_fields(reader) -> list[str]:
    """The fields of words and codes. Not numbers and dates: their queries are ranges, which
    the engine answers from columns, and Whoosh cannot walk their terms from the first."""
    schema = reader.schema
    return [
        name
        for name in reader.indexed_field_names()
        if name in schema and not isinstance(schema[name], NUMERIC)
    ]


def remove_orphans(index_path: Path, live: Iterable[str]) -> int:
    """Removes the lists of segments no longer in the index (merged, or rewritten without a
    destroyed record's documents), and what a killed writer left half written."""
    base = folder(index_path)
    if not base.is_dir():
        return 0
    keep = set(live)
    gone = [entry for entry in base.iterdir() if entry.name not in keep]
    for entry in gone:
        shutil.rmtree(entry, ignore_errors=True)
    return len(gone)


def write_missing(
    ix, index_path: Path, *, limit: int | None = 1, each: Callable[[], None] | None = None
) -> int:
    """Writes the lists of up to `limit` segments that lack them (all, with None), after
    removing those of segments gone; returns how many were written. `each` is called after
    every segment (a rebuild's progress: its worker must not look hung)."""
    written = 0
    with ix.searcher() as searcher:
        leaves = [
            (reader, reader.segment().segment_id())
            for reader, _ in searcher.reader().leaf_readers()
            if reader.segment() is not None
        ]
        remove_orphans(index_path, [segment_id for _, segment_id in leaves])
        for reader, segment_id in leaves:
            if limit is not None and written >= limit:
                break
            if open_segment(index_path, segment_id) is None:
                write_segment(reader, index_path, segment_id)
                written += 1
                if each is not None:
                    each()
    return written
