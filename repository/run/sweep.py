"""A destruction reaches every node's caches.

A destruction's purge (repository/disposal/services.py `finish_purge`) runs where the index
writer runs: it packs the storage, so the destroyed files leave PostgreSQL, and removes the page
images cached in that home. Every node keeps copies of its own, though: RelStorage's blob cache
(the storage's `blob-dir`, `<home>/blobcache`) holds each file the node read, and
`<home>/work/previews` the page images it drew. So the purge also counts itself in the database
(`PURGE_GENERATION`, in its own commit), and each node's supervisor (`lontar serve`, every role)
looks at that number every `CHECK_SECONDS`, the first time as it starts: when it differs from
the one the node last swept for (`<home>/work/purge.seen`), the node empties both caches. They
are caches: what is still needed is fetched from PostgreSQL, or drawn, again.

Emptying a blob cache under running processes is what RelStorage's own size checker does
(relstorage/blobhelper/cached.py): each file is removed holding the lock of its folder
(`<blob-dir>/<n>/.lock`, which RelStorage holds while it downloads a file there), so no download
is cut in half, and a process that opens a blob whose file is gone downloads it again
(`openCommittedBlobFile` retries after the error). A file being read at that moment is read to
its end: Linux removes the name, the bytes stay on the disk until the reader closes it. What
was in flight when the first pass ran (a page image drawn from a record read just before the
destruction: pdftoppm stops after 20 s) is caught by a second pass `CHECK_SECONDS` later; only
then does the node remember the number. Only a folder in the cache layout ("zeocache", of
RelStorage and of ZEO clients) is emptied: in any other the storage keeps its only copy.

Without a configured storage the supervisor does not sweep: every process of the machine
shares one home, whose page images the purge removed itself, and there is no blob cache (ZEO
clients share the server's folder). Opening the database from the supervisor could even take
the FileStorage that its restarting ZEO server needs.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import zc.lockfile
import ZODB

from repository.core.config import Home
from repository.core.content import pemda_of
from repository.core.db import open_db, reading
from repository.core.errors import NotInitialised
from repository.core.i18n import translate
from repository.disposal.services import PURGE_GENERATION

CHECK_SECONDS = 30.0
SEEN = "purge.seen"  # in <home>/work: the purge generation this node last swept for
CACHE_LAYOUT = "zeocache"  # ZODB's layout marker of a blob cache (RelStorage, ZEO clients)
LOCK_TRIES = 1000  # RelStorage's lock of a blob folder, tried every 10 ms: a download ends first


def purge_generation(db: ZODB.DB) -> int:
    """The number of purges the database has seen; 0 before the first (or before `init`)."""
    with reading(db) as root:
        try:
            settings = pemda_of(root).settings
        except NotInitialised:
            return 0
        return int(settings.get(PURGE_GENERATION, 0))


def seen(home: Home) -> int | None:
    """The generation this node last swept for; None when it never swept (or the note is
    damaged: it sweeps again)."""
    try:
        return int((home.work_dir / SEEN).read_text().strip())
    except (FileNotFoundError, ValueError):
        return None


def remember(home: Home, generation: int) -> None:
    target = home.work_dir / SEEN
    partial = target.with_suffix(".part")
    partial.write_text(f"{generation}\n")
    partial.replace(target)


def sweep(home: Home, db: ZODB.DB) -> bool:
    """One look, for what runs it once (a command, a test): empties this node's caches when
    the purge generation differs from the one it last swept for, and remembers it. True
    when it swept."""
    generation = purge_generation(db)
    if generation == seen(home):
        return False
    empty_caches(home, db)
    remember(home, generation)
    return True


def empty_caches(home: Home, db: ZODB.DB) -> int:
    """Removes every page image cached in the home and every file of the storage's blob
    cache, if it has one; the number of files removed."""
    removed = _empty_previews(home.work_dir / "previews")
    cache = blob_cache(db)
    return removed + (_empty_blob_cache(cache) if cache is not None else 0)


def blob_cache(db: ZODB.DB) -> Path | None:
    """The storage's blob folder when it is a cache (RelStorage with `shared-blob-dir false`,
    a ZEO client's own cache), else None: a shared folder or a FileStorage's holds the files
    themselves."""
    storage = db.storage
    folder = getattr(getattr(storage, "blobhelper", storage), "blob_dir", None)
    if not folder:
        return None
    marker = Path(folder) / ".layout"
    if not marker.is_file() or marker.read_text().strip() != CACHE_LAYOUT:
        return None
    return Path(folder)


def _empty_previews(folder: Path) -> int:
    """Files only: a folder another process has just made for a page image stays."""
    files = [path for path in folder.rglob("*") if path.is_file()] if folder.is_dir() else []
    for path in files:
        path.unlink(missing_ok=True)
    return len(files)


def _empty_blob_cache(folder: Path) -> int:
    """Every folder of the layout (`<blob-dir>/<n>/`, digits) emptied; `tmp/` (the files of
    transactions being committed here) and the layout marker stay."""
    return sum(
        _empty_locked(sub) for sub in folder.iterdir() if sub.is_dir() and sub.name.isdigit()
    )


def _empty_locked(folder: Path) -> int:
    """The files of one blob folder (`.blob`, and a `.tmp` a killed download left), holding
    the lock RelStorage's `lock_blob` takes there."""
    lock = _lock(folder / ".lock")
    try:
        files = [path for path in folder.iterdir() if path.name != ".lock" and path.is_file()]
        for path in files:
            path.unlink(missing_ok=True)
        return len(files)
    finally:
        lock.close()


def _lock(path: Path) -> zc.lockfile.LockFile:
    """Waits as RelStorage does while a download holds the folder; `LockError` after
    `LOCK_TRIES` (the sweep fails, and is tried again at the next look)."""
    for _ in range(LOCK_TRIES):
        try:
            return zc.lockfile.LockFile(str(path))
        except zc.lockfile.LockError:
            time.sleep(0.01)
    return zc.lockfile.LockFile(str(path))


class Sweeper:
    """The supervisor's: a look every `every` seconds, the first at once (a node that was
    down during a destruction sweeps as it starts), with a database of its own, opened at the
    first look and kept until `close`."""

    def __init__(self, home: Home, every: float = CHECK_SECONDS) -> None:
        self.home, self.every = home, every
        self.db: ZODB.DB | None = None
        self.due = 0.0
        self.first_pass: int | None = None  # swept once for this generation: one more pass

    def tick(self) -> None:
        """Called from the supervisor's loop; looks when it is due. A failed look (the
        database unreachable, a folder locked too long) is said and tried again at the next:
        the node serves on without it."""
        now = time.monotonic()
        if now < self.due:
            return
        self.due = now + self.every
        try:
            self.look()
        except Exception as exc:  # any failure: reported, tried again in `every` seconds
            error = f"{type(exc).__name__}: {exc}"
            message = translate("sweep_failed", error=error, seconds=int(self.every))
            print(f"lontar: {message}", file=sys.stderr, flush=True)

    def look(self) -> None:
        if self.db is None:
            self.db = open_db(self.home)
        generation = purge_generation(self.db)
        if generation == seen(self.home):
            return
        removed = empty_caches(self.home, self.db)
        if self.first_pass == generation:
            remember(self.home, generation)
            self.first_pass = None
        else:
            self.first_pass = generation
        said = translate("sweep_done", files=removed, generation=generation)
        print(f"lontar: {said}", flush=True)

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None
