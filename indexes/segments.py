"""Helper processes that build index segments in parallel for a rebuild.

Analysis and posting writes are most of a rebuild's cost and run in one core per Whoosh writer.
Whoosh's own `procs=N` forks its helpers, and a forked child inherits every open descriptor:
the Data.fs lock, the worker lock. A rebuild killed from outside then left helpers alive that
held those locks. These helpers are started with `python -m indexes.segments` instead: they
inherit no descriptor, never open the database, and read their documents from a pipe, so a
killed parent only closes their input and they exit.

A helper writes its documents into a new segment of the index directory without taking the
index lock (as Whoosh's own helpers do) and returns the segment description. The parent alone
commits: it writes the table of contents naming the old segments plus the new ones, and its
writer's finish removes the temporary directory the helpers share.
"""

from __future__ import annotations

import pickle
import subprocess
import sys
from pathlib import Path

from whoosh import index
from whoosh.writing import SegmentWriter

from indexes.store import open_writer


class SegmentHelper:
    """One helper process: send it batches of documents, then `finish` for its segment."""

    def __init__(self, path: Path, *, limitmb: int = 64) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "indexes.segments", str(path), str(limitmb)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )

    def send(self, documents: list[dict]) -> None:
        pickle.dump(documents, self.proc.stdin, protocol=pickle.HIGHEST_PROTOCOL)
        self.proc.stdin.flush()

    def finish(self):
        """The finished segment, or None when the helper was sent nothing."""
        self.proc.stdin.close()
        segment = pickle.load(self.proc.stdout)
        if self.proc.wait() != 0:
            raise RuntimeError(f"index segment helper failed with status {self.proc.returncode}")
        return segment

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def commit_segments(ix: index.Index, segments: list) -> None:
    """Make the helpers' segments part of the index, with any deletions made meanwhile."""
    writer = open_writer(ix)
    writer._close_segment()
    writer._commit_toc(writer.segments + [s for s in segments if s is not None])
    writer._finish()


def _serve(path: str, limitmb: int) -> None:
    ix = index.open_dir(path)
    writer = SegmentWriter(ix, _lk=False, limitmb=limitmb, compound=False)
    source = sys.stdin.buffer
    added = False
    while True:
        try:
            documents = pickle.load(source)
        except EOFError:
            break
        for fields in documents:
            writer.add_document(**fields)
        added = added or bool(documents)
    if added:
        segment = writer._finalize_segment()
    else:
        writer._close_segment()
        segment = None
    pickle.dump(segment, sys.stdout.buffer, protocol=pickle.HIGHEST_PROTOCOL)
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    _serve(sys.argv[1], int(sys.argv[2]))
