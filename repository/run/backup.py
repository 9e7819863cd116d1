"""`lontar backup DEST`: a consistent hot backup of a running repository (docs/backup.md).

The order is what makes a backup taken while `lontar serve` runs consistent:

1. **repozo** copies Data.fs up to the end of its last complete transaction (it opens the file
   read-only and never takes the storage's lock): a full copy the first time (or with `--full`,
   or after a pack), else the bytes appended since. That transaction's id is the point the
   backup stands for.
2. **Blobs**, after repozo: every blob file of a transaction up to that point is in place
   before the transaction finishes, and blob files are never changed, only added (and removed
   by a pack). The snapshot hard-links what the previous snapshot already holds.
3. **The audit trail** (whole lines, under a shared lock), after repozo: an entry is written
   in its transaction's vote, so the copy holds the entry of every change the database copy
   holds. Then the configuration (lontar.toml, the signing certificates) and, if asked, the
   index.
4. **The facts** of the database *at that transaction* (a historical connection: records per
   unit, the key ids it needs), the manifest, and last `backup-info.json`, which completes it.

The master key and every private key (`<home>/secrets/`) are never copied; the manifest names
their ids. A backup that fails (a full disk) takes away what it wrote, so no half backup is
ever taken for one, and the failure is written to the audit trail.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import json
import os
import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit

import transaction
import ZODB
from ZODB.scripts import repozo
from ZODB.TimeStamp import TimeStamp
from ZODB.utils import u64, z64

from repository.app import Lontar
from repository.core import clock
from repository.core.audit import AuditLog
from repository.core.audit_pg import PgAuditLog, open_audit
from repository.core.config import Home
from repository.core.content import pemda_of
from repository.core.db import pack_lock
from repository.core.errors import LontarError
from repository.core.i18n import translate
from repository.core.security import Caller
from repository.ingest.recovery import audited_ids
from repository.letters.signing.ca import ca_info
from repository.run.manifest import (
    DIR_MODE,
    FILE_MODE,
    FORMAT,
    KEY_COPY,
    LAST_BACKUP,
    REPOZO_DIR,
    BackupSet,
    complete_sets,
    hash_files,
    is_stamp,
    moment_of,
    record_operation,
    sha256_file,
    stamp_of,
    stamps,
    write_durably,
)

CONFIG_ITEMS = ("lontar.toml", "signing")  # never secrets/: private keys stay out of backups
HISTORY_WAIT = 10.0  # seconds to wait for a ZEO client to hear of the backed-up transaction
INDEX_COPY_TRIES = 3
TRAIL = Path("audit.jsonl")  # in <home>/audit/ and <set>/audit/
EXPORT_LINES = 1000  # entries written at a time by `export_trail`
COPY_CHUNK = 1 << 20
LOCK_FILE = ".lontar-backup.lock"
FULL_EVERY_DAYS = 7
PACK_WAIT = 1800.0  # seconds a backup waits for a running pack before it gives up


@dataclass
class BackupResult:
    stamp: str
    dest: str
    kind: str  # full | incremental | unchanged | pg_dump
    bytes: int  # written by this run
    total_bytes: int  # of every file the backup is made of
    seconds: float
    tid: str
    records: int = 0
    warnings: list[str] = field(default_factory=list)
    pruned: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)


# -- where the data is --------------------------------------------------------------------------
def storage_files(home: Home) -> tuple[Path, Path]:
    """(Data.fs, blob directory) of the home's FileStorage. Raises LontarError
    `backup_relstorage` for RelStorage (pg_dump backs it up) and `backup_storage_unsupported`
    for a storage that is not a file here (a ZEO server elsewhere: back it up there)."""
    configured = home.storage_config()
    if configured is None:
        return home.data_fs, home.blobs
    if "<relstorage" in configured:
        raise LontarError("backup_relstorage")
    section = re.search(r"<filestorage[^>]*>(.*?)</filestorage>", configured, re.S)
    path = section and re.search(r"^\s*path\s+(.+?)\s*$", section.group(1), re.M)
    if not path:
        raise LontarError("backup_storage_unsupported")
    blobs = re.search(r"^\s*blob-dir\s+(.+?)\s*$", section.group(1), re.M)
    data_fs = Path(path.group(1))
    return data_fs, Path(blobs.group(1)) if blobs else data_fs.parent / "blobs"


# -- repozo ---------------------------------------------------------------------------------------
def run_repozo(data_fs: Path, repository: Path, stamp: str, *, full: bool) -> str:
    """Backs Data.fs up into `repository` under `stamp`; returns "full", "incremental" or
    "unchanged". Quick mode (`-Q`): only the last increment's checksum is compared with the
    file, and a file that shrank or changed before it (a pack) gets a full backup."""
    argv = ["-B", "-Q", "-r", str(repository), "-f", str(data_fs)] + (["-F"] if full else [])
    options = repozo.parseargs(argv)
    options.test_now = moment_of(stamp).timetuple()[:6]  # the one clock names the files
    repozo.do_backup(options)
    written = {name for name in os.listdir(repository) if name.startswith(stamp)}
    if f"{stamp}.fs" in written:
        return "full"
    return "incremental" if f"{stamp}.deltafs" in written else "unchanged"


def repozo_chain(repository: Path, stamp: str) -> list[str]:
    """The repozo files (names) that recover the state of `stamp`: its full, then increments."""
    options = repozo.parseargs(["-R", "-r", str(repository), "-D", stamp])
    return [Path(path).name for path in repozo.find_files(options)]


def last_tid(path: Path) -> bytes:
    """The id of the last transaction in a repozo file (a full copy or an increment ends
    where a transaction ends: its record closes with its own length, repeated)."""
    with open(path, "rb") as handle:
        end = handle.seek(0, os.SEEK_END)
        if end <= 4:
            return z64  # a storage with no transaction yet: only the "FS21" magic
        handle.seek(end - 8)
        length = u64(handle.read(8))
        start = end - 8 - length
        handle.seek(max(start, 0))
        header = handle.read(16)
    if start < 0 or u64(header[8:16]) != length:
        raise LontarError("backup_failed", dest=str(path), reason="not a FileStorage copy")
    return header[:8]


def tid_moment(tid: bytes) -> str:
    """When a transaction was committed, in the Pemda's zone."""
    moment = dt.datetime.fromtimestamp(TimeStamp(tid).timeTime(), dt.UTC)
    return clock.local(moment).isoformat(timespec="seconds")


# -- copying files --------------------------------------------------------------------------------
@dataclass
class Copied:
    """What a copy step wrote: SHA-256 per path (relative to DEST) and bytes written."""

    hashes: dict[str, str] = field(default_factory=dict)
    written: int = 0
    linked: int = 0
    vanished: list[str] = field(default_factory=list)


def copy_hashing(source: Path, target: Path, limit: int | None = None) -> tuple[str, int]:
    """Copies `source` (its first `limit` bytes) to a new file `target`, hashing what it
    writes in the same read; returns (sha256, bytes)."""
    digest, done = hashlib.sha256(), 0
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        with open(source, "rb") as handle:
            while limit is None or done < limit:
                chunk = handle.read(COPY_CHUNK if limit is None else min(COPY_CHUNK, limit - done))
                if not chunk:
                    break
                digest.update(chunk)
                _write_all(descriptor, chunk, target)
                done += len(chunk)
    finally:
        os.close(descriptor)
    return digest.hexdigest(), done


def _write_all(descriptor: int, data: bytes, target: Path) -> None:
    """A failed write (a full disk) names the file it was writing."""
    view = memoryview(data)
    try:
        while view:
            view = view[os.write(descriptor, view) :]
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(target)) from exc


def snapshot_blobs(
    source: Path, dest: Path, stamp: str, previous: BackupSet | None, known: dict[str, str]
) -> Copied:
    """`DEST/blobs/<stamp>/`: each blob file a hard link to the previous snapshot's file of the
    same name and size (blob files are written once: same name, same bytes), else a copy;
    `known` is the previous set's manifest (a link's SHA-256 is its file's).
    Uncommitted files (`tmp/`) are left out; a file removed while the snapshot is taken (a
    pack dropping an old revision) is listed in `vanished`. Plain strings, not Path objects:
    a snapshot walks every one of the repository's files."""
    root, target = str(source), str(dest / "blobs" / stamp)
    earlier = str(previous.blobs) if previous is not None else None
    names = (f"blobs/{stamp}/", f"blobs/{previous.stamp}/" if previous is not None else "")
    copied = Copied()
    for folder, subfolders, files in os.walk(root):
        rel = folder[len(root) + 1 :]
        if not rel:
            subfolders[:] = [name for name in subfolders if name != "tmp"]
        with contextlib.suppress(FileExistsError):
            os.mkdir(os.path.join(target, rel), DIR_MODE)
        for name in files:
            file_rel = os.path.join(rel, name) if rel else name
            _snapshot_file(root, target, earlier, file_rel, names, known, copied)
    return copied


def _snapshot_file(
    root: str, target: str, earlier: str | None, rel: str, names, known: dict, copied: Copied
) -> None:
    new, old = os.path.join(target, rel), os.path.join(earlier, rel) if earlier else None
    try:
        size = os.stat(os.path.join(root, rel)).st_size
        if old is not None and _same_size(old, size):
            os.link(old, new)
            copied.hashes[names[0] + rel] = known.get(names[1] + rel) or sha256_file(Path(new))
            copied.linked += 1
            return
        digest, written = copy_hashing(Path(root, rel), Path(new))
    except FileNotFoundError:
        copied.vanished.append(rel)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(new)
        return
    copied.hashes[names[0] + rel], copied.written = digest, copied.written + written


def _same_size(path: str, size: int) -> bool:
    try:
        return os.stat(path).st_size == size
    except FileNotFoundError:
        return False


def previous_hashes(previous: BackupSet | None) -> dict[str, str]:
    """The previous set's manifest: what a hard link or an unchanged file already hashes to."""
    if previous is None:
        return {}
    try:
        return previous.manifest()
    except LontarError:
        return {}


def copy_audit(home: Home, folder: Path, dest: Path) -> Copied:
    """The trail's files into `<set>/audit/`: `audit.jsonl` up to its last whole line, read
    under a shared lock (appenders wait a moment), and the torn tails kept aside. A trail in
    PostgreSQL is written out as the same `audit.jsonl` (restore and drill read that file),
    and the home's own file, already moved into the table, is left out."""
    source, target, copied = home.path / "audit", folder / "audit", Copied()
    trail = open_audit(home)
    if isinstance(trail, PgAuditLog):
        target.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
        _record(copied, target / TRAIL, dest, export_trail(trail, target / TRAIL))
    if not source.is_dir():
        return copied
    for path in sorted(p for p in source.rglob("*") if p.is_file()):
        rel = path.relative_to(source)
        if rel == TRAIL and isinstance(trail, PgAuditLog):
            continue  # its entries are in the table, written out above
        (target / rel).parent.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
        copy = _copy_trail if rel == TRAIL else copy_hashing
        _record(copied, target / rel, dest, copy(path, target / rel))
    return copied


def _record(copied: Copied, target: Path, dest: Path, done: tuple[str, int]) -> None:
    copied.hashes[str(target.relative_to(dest))] = done[0]
    copied.written += done[1]


def export_trail(trail: PgAuditLog, target: Path) -> tuple[str, int]:
    """The table's entries as the lines a trail file holds (the same JSON, so the copy
    verifies as the same chain), into a new file `target`; returns (sha256, bytes). Read
    after repozo: every committed change's entry was written in its vote, before."""
    digest, done = hashlib.sha256(), 0
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        chunk: list[bytes] = []
        for entry in trail.entries():
            chunk.append(json.dumps(entry, ensure_ascii=False).encode() + b"\n")
            if len(chunk) == EXPORT_LINES:
                done += _write_hashing(descriptor, b"".join(chunk), target, digest)
                chunk = []
        done += _write_hashing(descriptor, b"".join(chunk), target, digest)
    finally:
        os.close(descriptor)
    return digest.hexdigest(), done


def _write_hashing(descriptor: int, data: bytes, target: Path, digest: Any) -> int:
    digest.update(data)
    _write_all(descriptor, data, target)
    return len(data)


def _copy_trail(source: Path, target: Path) -> tuple[str, int]:
    """Only the length of the whole lines is found under the lock, so every commit's audit
    append waits a moment, not for the copy: the bytes before the last newline are never
    changed again (an appender only adds, or cuts back its own torn tail, after it)."""
    return copy_hashing(source, target, limit=_whole_lines_length(source))


def _whole_lines_length(source: Path) -> int:
    with open(source, "rb") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_SH)
        try:
            whole = handle.seek(0, os.SEEK_END)
            while whole > 0:  # the last newline: a line being written is not copied
                start = max(0, whole - COPY_CHUNK)
                handle.seek(start)
                newline = handle.read(whole - start).rfind(b"\n")
                if newline >= 0:
                    return start + newline + 1
                whole = start
            return 0
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def copy_tree(source: Path, target: Path, dest: Path) -> Copied:
    """A file or a folder, copied and hashed (paths in the result relative to DEST)."""
    copied = Copied()
    paths = [source] if source.is_file() else sorted(p for p in source.rglob("*") if p.is_file())
    for path in paths:
        rel = target / path.relative_to(source) if source.is_dir() else target
        rel.parent.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
        digest, written = copy_hashing(path, rel)
        copied.hashes[str(rel.relative_to(dest))] = digest
        copied.written += written
    return copied


def copy_config(home: Home, folder: Path, dest: Path) -> Copied:
    copied = Copied()
    for name in CONFIG_ITEMS:
        if (home.path / name).exists():
            part = copy_tree(home.path / name, folder / "config" / name, dest)
            copied.hashes.update(part.hashes)
            copied.written += part.written
    return copied


def copy_index(home: Home, folder: Path, dest: Path) -> Copied:
    """The index is rebuildable; a copy only shortens a restore. The worker may merge
    segments while it is read: a file gone in the middle means copying again."""
    for attempt in range(INDEX_COPY_TRIES):
        shutil.rmtree(folder / "index", ignore_errors=True)
        try:
            return copy_tree(home.index_dir, folder / "index", dest)
        except FileNotFoundError:
            if attempt == INDEX_COPY_TRIES - 1:
                raise
            time.sleep(0.5)
    return Copied()


# -- what the backup holds ------------------------------------------------------------------------
@contextlib.contextmanager
def state_at(db: ZODB.DB, tid: bytes) -> Iterator:
    """The database's root as of transaction `tid` (read-only). A ZEO client may hear of a
    just-committed transaction a moment after it was written: wait for it."""
    tm = transaction.TransactionManager(explicit=True)
    deadline = time.monotonic() + HISTORY_WAIT
    while True:
        try:
            conn = db.open(tm, at=tid) if tid != z64 else db.open(tm)
            break
        except ValueError:  # "cannot open an historical connection in the future"
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
    tm.begin()
    try:
        yield conn.root()
    finally:
        tm.abort()
        conn.close()


def describe(lontar: Lontar, tid: bytes) -> dict:
    """Records per unit, the ids of the keys the data needs, and how many records have no
    creation entry in the trail (the drill finds the same number in a restored copy when
    the trail copy is continuous up to the backup), all as of `tid`."""
    with state_at(lontar.db, tid) as root:
        pemda = pemda_of(root)
        counts = {code: unit.record_count() for code, unit in pemda.units.items()}
        ids = set(pemda.records.keys())
        signers = getattr(pemda.letters, "signers", None) or {}
        enrolments = {
            account: {"serial": str(e.serial), "fingerprint": e.fingerprint, "revoked": e.revoked}
            for account, e in signers.items()
        }
        key_id, code, name = pemda.key_id, pemda.code, pemda.name
    ca = ca_info(lontar.home)
    return {
        "pemda": {"code": code, "name": name},
        "records": len(ids),
        "counts": counts,
        "unaudited": len(ids - audited_ids(lontar.context.audit)),
        "keys": {
            "master_key_id": key_id,
            "signing_ca": {"fingerprint": ca.fingerprint, "subject": ca.subject} if ca else None,
            "signers": enrolments,
        },
    }


def audit_head(folder: Path) -> tuple[dict, list[str]]:
    verdict = AuditLog(folder / "audit" / "audit.jsonl").verify()
    head = {"seq": verdict.head.get("seq"), "hash": verdict.head.get("hash")}
    head |= {"entries": verdict.count, "intact": verdict.intact}
    return head, ([] if verdict.intact else [translate("backup_audit_broken")])


def key_copy_warning(lontar: Lontar) -> list[str]:
    """`lontar backup` says so while no copy of the current master key is recorded."""
    with state_at(lontar.db, z64) as root:
        copy = pemda_of(root).settings.get(KEY_COPY)
    key_id = lontar.keyring.key_id if lontar.keyring.available else None
    if copy and copy.get("key_id") == key_id:
        return []
    return [translate("backup_no_key_copy", path=str(lontar.keyring.path))]


# -- a backup that fails leaves nothing -----------------------------------------------------------
class Partial:
    """Remembers what a backup run may change in DEST, to take it back on failure: the files
    named by its stamp, repozo's scratch file, and the `.dat` files it appends to."""

    def __init__(self, dest: Path, stamp: str) -> None:
        self.dest, self.stamp = dest, stamp
        repository = dest / REPOZO_DIR
        self.dat_sizes = {p: p.stat().st_size for p in repository.glob("*.dat")}

    def discard(self) -> None:
        repository = self.dest / REPOZO_DIR
        for path in repository.iterdir():
            if path.name.startswith(self.stamp) or path.name == "tmp.tmp":
                path.unlink(missing_ok=True)
        for path, size in self.dat_sizes.items():
            with contextlib.suppress(OSError):
                os.truncate(path, size)  # shrinking needs no space, also on a full disk
        for folder in (self.dest / "blobs" / self.stamp, self.dest / "sets" / self.stamp):
            shutil.rmtree(folder, ignore_errors=True)


def discard_unfinished(dest: Path, current: str) -> list[str]:
    """Takes away what a backup that was killed left (files named by a stamp with no finished
    set, newer than the last finished one): repozo would otherwise build the next increment
    on a file no manifest vouches for, or on a `.dat` line without its file. Returns them."""
    newest = max((s.stamp for s in complete_sets(dest)), default="")
    repository = dest / REPOZO_DIR
    named = {p.name[:19] for p in repository.iterdir() if is_stamp(p.name[:19])}
    named |= {*stamps(dest / "sets"), *stamps(dest / "blobs")}
    unfinished = sorted(s for s in named if s > newest and s != current)
    for stamp in unfinished:
        for path in repository.glob(f"{stamp}.*"):
            path.unlink()
        shutil.rmtree(dest / "sets" / stamp, ignore_errors=True)
        shutil.rmtree(dest / "blobs" / stamp, ignore_errors=True)
    for dat in repository.glob("*.dat"):
        lines = dat.read_text().splitlines(keepends=True)
        kept = [line for line in lines if Path(line.split(" ", 1)[0]).name[:19] not in unfinished]
        if kept != lines:
            write_durably(dat, "".join(kept).encode())
    (repository / "tmp.tmp").unlink(missing_ok=True)
    return unfinished


def new_stamp(dest: Path) -> str:
    """The stamp of a new backup, its folder made: a second backup within the same second
    waits for the next one (a stopped clock, `$LONTAR_CLOCK`, never gets one)."""
    for folder in (dest, dest / REPOZO_DIR, dest / "blobs", dest / "sets"):
        folder.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    for _attempt in range(3):
        stamp = stamp_of(clock.utcnow())
        taken = [n for n in os.listdir(dest / REPOZO_DIR) if n.startswith(stamp)]
        if not (taken or (dest / "sets" / stamp).exists() or (dest / "blobs" / stamp).exists()):
            (dest / "sets" / stamp).mkdir(mode=DIR_MODE)
            return stamp
        time.sleep(1.0)
    raise LontarError("backup_too_soon", stamp=stamp)


# -- one run at a time ----------------------------------------------------------------------------
@contextlib.contextmanager
def dest_lock(dest: Path, *, shared: bool = False) -> Iterator[None]:
    """`DEST/.lontar-backup.lock`: a backup holds it exclusively from its stamp to its prune
    (two runs into one DEST would take each other's files for a killed run's leftovers and
    remove them); a restore or a drill holds it shared while it reads a set. Raises
    LontarError `backup_busy`. A destination no one can write (read-only media) has no
    writer to wait for: it is read without the lock."""
    descriptor = _open_lock(dest / LOCK_FILE, create=not shared)
    if descriptor is None:
        yield
        return
    try:
        try:
            fcntl.flock(descriptor, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
        except BlockingIOError:
            raise LontarError("backup_busy", dest=str(dest)) from None
        yield
    finally:
        os.close(descriptor)  # closing releases the lock


def _open_lock(path: Path, *, create: bool) -> int | None:
    """The lock file's descriptor; a reader that cannot create it goes without (None)."""
    for flags in (os.O_RDWR | os.O_CREAT, os.O_RDONLY):
        try:
            return os.open(path, flags, FILE_MODE)
        except OSError:
            if create:
                raise
    return None


def full_due(repository: Path, days: int | None) -> bool:
    """True when the newest full backup is `days` days old or older: without a new full
    now and then, `--keep` would never have an older chain to remove."""
    if not days:
        return False
    fulls = [p.name[:19] for p in repository.glob("*.fs") if is_stamp(p.name[:19])]
    if not fulls:
        return False  # repozo makes the first one full by itself
    return clock.utcnow() - moment_of(max(fulls)) >= dt.timedelta(days=days)


# -- the backup ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class BackupOptions:
    dest: Path
    keep: int | None = None
    with_index: bool = False
    full: bool = False
    full_every: int | None = FULL_EVERY_DAYS  # days; None: only with --full or after a pack


def backup(lontar: Lontar, caller: Caller, options: BackupOptions) -> BackupResult:
    """Takes one backup into `options.dest` (docs/backup.md), then prunes to `keep` full
    backups. Records `ops_last_backup` and the audit entry `backup`; a failure (LontarError
    `backup_failed`, naming the cause) leaves no part of the backup and is audited as
    `backup_failed`. Raises `backup_relstorage` for a RelStorage home, `backup_busy` while
    another run writes into DEST, `backup_pack_running` when a pack does not finish."""
    started = time.monotonic()
    data_fs, blobs = storage_files(lontar.home)
    dest = options.dest.expanduser().resolve()
    if dest.is_relative_to(lontar.home.path.resolve()):
        raise LontarError("backup_inside_home", dest=str(dest))
    try:
        dest.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
        (dest / LOCK_FILE).touch(mode=FILE_MODE)
    except OSError as exc:
        raise _failed(lontar, caller, dest, exc) from None
    with dest_lock(dest):
        result = _locked_backup(lontar, caller, dest, (data_fs, blobs), options)
    result.seconds = round(time.monotonic() - started, 2)
    result.warnings += key_copy_warning(lontar)
    record_backup(lontar, caller, dest, result)
    return result


def record_backup(lontar: Lontar, caller: Caller, dest: Path, result: BackupResult) -> None:
    """`ops_last_backup` (what `lontar health` reads) and the audit entry `backup`."""
    value = {
        "at": clock.now().isoformat(timespec="seconds"),
        "dest": str(dest),
        "stamp": result.stamp,
        "kind": result.kind,
        "bytes": result.bytes,
        "seconds": result.seconds,
        "tid": result.tid,
    }
    record_operation(
        lontar.db, lontar.context.audit, caller, LAST_BACKUP, value, "backup", result.stamp
    )


def _locked_backup(
    lontar: Lontar, caller: Caller, dest: Path, files: tuple[Path, Path], options: BackupOptions
) -> BackupResult:
    """The run under DEST's lock: no pack while the database and its blobs are copied (a
    pack would remove blob files of the backed-up transaction), then the prune."""
    with pack_lock(lontar.home, wait=PACK_WAIT) as taken:
        if not taken:
            minutes = round(PACK_WAIT / 60)
            _audit_failure(lontar, caller, dest, f"a pack ran for over {minutes} minutes")
            raise LontarError("backup_pack_running", home=str(lontar.home.path), minutes=minutes)
        try:
            stamp = new_stamp(dest)
            discard_unfinished(dest, stamp)
        except OSError as exc:
            raise _failed(lontar, caller, dest, exc) from None
        partial = Partial(dest, stamp)
        try:
            result = _take(lontar, *files, dest, stamp, options)
        except (OSError, repozo.RepozoError) as exc:
            partial.discard()
            raise _failed(lontar, caller, dest, exc) from None
        except BaseException:
            partial.discard()
            raise
    result.pruned = prune(dest, options.keep) if options.keep else []
    return result


def _take(
    lontar: Lontar, data_fs: Path, blobs: Path, dest: Path, stamp: str, options: BackupOptions
) -> BackupResult:
    if not data_fs.is_file():
        raise FileNotFoundError(2, "No such file", str(data_fs))
    repository, this = dest / REPOZO_DIR, BackupSet(dest, stamp)
    earlier = [s for s in complete_sets(dest) if s.stamp < stamp]
    previous = earlier[-1] if earlier else None
    full = options.full or full_due(repository, options.full_every)
    kind = run_repozo(data_fs, repository, stamp, full=full)
    chain = repozo_chain(repository, stamp)
    tid = last_tid(repository / chain[-1])
    known = previous_hashes(previous)
    hashes, written = _repozo_hashes(repository, chain, known, stamp)
    parts = [
        snapshot_blobs(blobs, dest, stamp, previous, known),
        copy_audit(lontar.home, this.folder, dest),
        copy_config(lontar.home, this.folder, dest),
    ]
    if options.with_index and lontar.home.index_dir.is_dir():
        parts.append(copy_index(lontar.home, this.folder, dest))
    for part in parts:
        hashes.update(part.hashes)
        written += part.written
    head, warnings = audit_head(this.folder)
    vanished = parts[0].vanished
    if vanished:
        warnings.append(translate("backup_blobs_vanished", count=len(vanished)))
    facts = describe(lontar, tid)
    total = sum(os.stat(os.path.join(dest, rel)).st_size for rel in hashes)
    info = {
        "format": FORMAT,
        "stamp": stamp,
        "utc": moment_of(stamp).isoformat(),
        "local": clock.local(moment_of(stamp)).isoformat(timespec="seconds"),
        "kind": kind,
        "tid": tid.hex(),
        "tid_time": tid_moment(tid) if tid != z64 else None,
        "filestorage": [f"{REPOZO_DIR}/{name}" for name in chain],
        "blobs": {
            "files": sum(1 for r in hashes if r.startswith("blobs/")),
            "linked": parts[0].linked,
        },
        "blobs_vanished": vanished[:100],
        "audit": head,
        "index": options.with_index and lontar.home.index_dir.is_dir(),
        "source": {"home": str(lontar.home.path), "data_fs": str(data_fs)},
        "bytes": written,
        "total_bytes": total,
        **facts,
    }
    os.sync()  # every copied file on disk before the set says it is complete
    this.write(hashes, info)
    return BackupResult(
        stamp=stamp,
        dest=str(dest),
        kind=kind,
        bytes=written,
        total_bytes=total,
        seconds=0.0,
        tid=tid.hex(),
        records=facts["records"],
        warnings=warnings,
    )


def _repozo_hashes(
    repository: Path, chain: list[str], known: dict[str, str], stamp: str
) -> tuple[dict[str, str], int]:
    """SHA-256 of the chain's files (and the last one's .index); those an earlier set named
    already are taken from its manifest."""
    names = [*chain, f"{Path(chain[-1]).stem}.index"]
    rels = [f"{REPOZO_DIR}/{name}" for name in names if (repository / name).exists()]
    todo = [rel for rel in rels if rel not in known]
    hashes = {rel: known[rel] for rel in rels if rel in known}
    hashes.update(hash_files(repository.parent, todo))
    written = sum(
        (repository.parent / rel).stat().st_size for rel in todo if Path(rel).name.startswith(stamp)
    )
    return hashes, written


def _failed(lontar: Lontar, caller: Caller, dest: Path, exc: BaseException) -> LontarError:
    reason = getattr(exc, "strerror", None) or str(exc)
    if isinstance(exc, OSError) and exc.filename:
        reason = f"{reason}: {exc.filename}"
    _audit_failure(lontar, caller, dest, reason)
    return LontarError("backup_failed", dest=str(dest), reason=reason)


def _audit_failure(lontar: Lontar, caller: Caller, dest: Path, reason: str) -> None:
    with contextlib.suppress(LontarError, OSError):
        lontar.context.audit.append(
            caller.name, "backup_failed", str(dest), caller.origin, reason=reason
        )


def prune(dest: Path, keep: int) -> list[str]:
    """Keeps the `keep` newest full backups and what builds on them; everything older goes
    (repozo files, blob snapshots, sets). Returns the stamps of the sets removed."""
    repository = dest / REPOZO_DIR
    fulls = sorted(p.name[:19] for p in repository.glob("*.fs") if is_stamp(p.name[:19]))
    if len(fulls) <= keep:
        return []
    cutoff = fulls[-keep]
    for path in repository.iterdir():
        if is_stamp(path.name[:19]) and path.name[:19] < cutoff:
            path.unlink()
    for stamp in stamps(dest / "blobs"):
        if stamp < cutoff:
            shutil.rmtree(dest / "blobs" / stamp)
    removed = [stamp for stamp in stamps(dest / "sets") if stamp < cutoff]
    for stamp in removed:
        shutil.rmtree(dest / "sets" / stamp)
    return removed


# -- RelStorage: pg_dump ---------------------------------------------------------------------------
def pg_backup(lontar: Lontar, caller: Caller, dest: Path) -> BackupResult:
    """`lontar backup DEST --pg-dump`: the dump, recorded like any backup (`ops_last_backup`
    of kind `pg_dump`, the audit entry `backup`); a failed dump is audited `backup_failed`."""
    dest = dest.expanduser().resolve()
    try:
        result = pg_dump(lontar.home, dest)
    except LontarError as exc:
        if exc.key == "backup_pg_dump_failed":
            _audit_failure(lontar, caller, dest, str(exc.params.get("reason", "")))
        raise
    record_backup(lontar, caller, dest, result)
    return result


def pg_dump(home: Home, dest: Path) -> BackupResult:
    """`pg_dump --format=custom` of the RelStorage database (with its large objects, where
    RelStorage keeps blobs) into `DEST/pgdump/<stamp>.dump`, the password passed in the
    environment, never on the command line. Raises `backup_pg_dump_failed`."""
    started = time.monotonic()
    configured = home.storage_config() or ""
    found = re.search(r"^\s*dsn\s+(.+?)\s*$", configured, re.M)
    if "<relstorage" not in configured or not found:
        raise LontarError("backup_pg_dump_not_relstorage")
    dbname, password = pg_dbname(found.group(1).replace("$$", "$"))
    stamp = stamp_of(clock.utcnow())
    folder = dest.expanduser().resolve() / "pgdump"
    folder.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    target = folder / f"{stamp}.dump"
    partial = target.with_name(target.name + ".part")
    command = ["pg_dump", "--format=custom", "-b", "--file", str(partial), "--dbname", dbname]
    env = {**os.environ, **({"PGPASSWORD": password} if password else {})}
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise LontarError("backup_pg_dump_failed", reason=exc.strerror or str(exc)) from None
    if done.returncode != 0 or not partial.is_file():
        partial.unlink(missing_ok=True)
        reason = (done.stderr.strip() or f"exit status {done.returncode}").replace(
            password or "\0", "***"
        )
        raise LontarError("backup_pg_dump_failed", reason=reason)
    os.replace(partial, target)
    size = target.stat().st_size
    (folder / f"{stamp}.dump.sha256").write_text(f"{sha256_file(target)}  {target.name}\n")
    seconds = round(time.monotonic() - started, 2)
    return BackupResult(stamp, str(folder), "pg_dump", size, size, seconds, tid="")


def pg_dbname(dsn: str) -> tuple[str, str]:
    """(pg_dump's `--dbname`, the password): the connection string without its password,
    which goes to pg_dump in the environment only. A URI (`postgresql://…`) stays a URI: its
    keyword pairs are none, and an empty `--dbname` would dump the wrong database."""
    if re.match(r"postgres(ql)?://", dsn):
        parts = urlsplit(dsn)
        password = unquote(parts.password or "")
        hostport = parts.netloc.rpartition("@")[2]
        user = parts.netloc.rpartition("@")[0].partition(":")[0] if "@" in parts.netloc else ""
        netloc = f"{user}@{hostport}" if user else hostport
        return urlunsplit(parts._replace(netloc=netloc)), password
    pairs = libpq_pairs(dsn)
    if not pairs:
        return dsn, ""
    password = pairs.pop("password", "")
    return " ".join(f"{key}={libpq_quoted(value)}" for key, value in pairs.items()), password


def libpq_pairs(dsn: str) -> dict[str, str]:
    """keyword=value pairs of a libpq connection string (values quoted or bare)."""
    pairs = {}
    for key, quoted, bare in re.findall(r"(\w+)\s*=\s*(?:'((?:[^'\\]|\\.)*)'|(\S+))", dsn):
        value = re.sub(r"\\(.)", r"\1", quoted) if quoted or not bare else bare
        pairs[key] = value
    return pairs


def libpq_quoted(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"
