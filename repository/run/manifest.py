"""A backup's layout on disk, its manifest, how a set is found again, and what the operations
record (`ops_*` in the Pemda's settings, with their audit entry).

One destination (`lontar backup DEST`) holds every backup taken into it:

    DEST/filestorage/          repozo's repository: <stamp>.fs (full), <stamp>.deltafs
                               (incremental), their .index and the full's .dat, shared by sets
    DEST/blobs/<stamp>/        the blob files, a snapshot; a file the previous snapshot holds
                               is a hard link to it (blob files are never changed in place)
    DEST/sets/<stamp>/         one backup: backup-info.json, manifest-sha256.txt,
                               tagmanifest-sha256.txt, audit/, config/, index/ (optional)

A stamp is the backup's moment in UTC, `YYYY-MM-DD-HH-MM-SS`, as repozo names its files, so
`repozo -R -D <stamp>` recovers exactly the set's state. A set is made of the repozo files from
its full backup up to its stamp, its blob snapshot and its own folder; `manifest-sha256.txt`
(BagIt style: `<sha256>  <path>` with paths relative to DEST) names every one of those files
with its SHA-256, and `tagmanifest-sha256.txt` the SHA-256 of the manifest and of
`backup-info.json`, so a changed manifest is found too. `backup-info.json` is written last:
a set without it was never finished and is not a backup.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import ZODB

from repository.core.audit import AuditLog
from repository.core.content import pemda_of
from repository.core.db import write
from repository.core.errors import LontarError
from repository.core.security import Caller

STAMP = "%Y-%m-%d-%H-%M-%S"
INFO, MANIFEST, TAGMANIFEST = "backup-info.json", "manifest-sha256.txt", "tagmanifest-sha256.txt"
FORMAT = "lontar-backup/1"
REPOZO_DIR = "filestorage"
CHUNK = 1 << 20
HASH_WORKERS = 4  # hashing many small blob files is bound by the disk's latency, not the CPU
DIR_MODE, FILE_MODE = 0o700, 0o600


# What the operations keep in the Pemda's settings (read by `lontar health`).
LAST_BACKUP, KEY_COPY, LAST_DRILL = "ops_last_backup", "ops_key_copy", "ops_last_drill"


def record_operation(
    db: ZODB.DB,
    audit: AuditLog,
    caller: Caller,
    setting: str,
    value: dict,
    action: str,
    target: str = "",
) -> None:
    """`value` under `setting` in the Pemda's settings, and the audit entry `action` with the
    same facts, in one commit (both or neither)."""

    def work(root) -> None:
        pemda_of(root).settings[setting] = value

    def events(_result) -> list:
        return [(caller.name, action, target, caller.origin, value)]

    write(db, work, note=f"lontar {action}", audit=audit, events=events)


def stamp_of(moment: dt.datetime) -> str:
    """The stamp of an aware moment (the clock's `utcnow()`), as repozo writes it."""
    return moment.astimezone(dt.UTC).strftime(STAMP)


def moment_of(stamp: str) -> dt.datetime:
    return dt.datetime.strptime(stamp, STAMP).replace(tzinfo=dt.UTC)


def is_stamp(text: str) -> bool:
    try:
        moment_of(text)
    except ValueError:
        return False
    return True


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def hash_files(root: Path, paths: Iterable[str], *, missing_ok: bool = False) -> dict:
    """SHA-256 of each path (relative to `root`), a few at a time; with `missing_ok`, None
    for a file that is not there (or not a file) instead of the error."""

    def one(rel: str) -> str | None:
        try:
            return sha256_file(root / rel)
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            if missing_ok:
                return None
            raise

    paths = list(paths)
    with ThreadPoolExecutor(HASH_WORKERS) as pool:
        return dict(zip(paths, pool.map(one, paths), strict=True))


def write_durably(path: Path, data: bytes) -> None:
    """Written under a temporary name, synced, then renamed: the file is whole or absent."""
    temporary = path.with_name(path.name + ".part")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view) :]
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
    os.replace(temporary, path)


@dataclass(frozen=True)
class BackupSet:
    """One backup in a destination, named by its stamp."""

    dest: Path
    stamp: str

    @property
    def folder(self) -> Path:
        return self.dest / "sets" / self.stamp

    @property
    def blobs(self) -> Path:
        return self.dest / "blobs" / self.stamp

    @property
    def complete(self) -> bool:
        return (self.folder / INFO).is_file()

    def info(self) -> dict:
        try:
            return json.loads((self.folder / INFO).read_text())
        except (OSError, ValueError) as exc:
            raise LontarError(
                "restore_damaged", file=f"sets/{self.stamp}/{INFO}", detail=str(exc), count=1
            ) from None

    def manifest(self) -> dict[str, str]:
        return read_manifest(self.folder / MANIFEST)

    def write(self, hashes: dict[str, str], info: dict) -> None:
        """The manifest, the tag manifest, and last `backup-info.json`, which completes it."""
        manifest = "".join(f"{hashes[rel]}  {rel}\n" for rel in sorted(hashes)).encode()
        info_bytes = json.dumps(info, indent=2, ensure_ascii=False, default=str).encode()
        tags = {
            MANIFEST: hashlib.sha256(manifest).hexdigest(),
            INFO: hashlib.sha256(info_bytes).hexdigest(),
        }
        tagmanifest = "".join(f"{tags[name]}  {name}\n" for name in sorted(tags)).encode()
        write_durably(self.folder / MANIFEST, manifest)
        write_durably(self.folder / TAGMANIFEST, tagmanifest)
        write_durably(self.folder / INFO, info_bytes)

    def verify(self) -> list[tuple[str, str]]:
        """(path relative to DEST, problem) for every file of the set that is missing or does
        not match its SHA-256: "missing" or "damaged". The tag manifest first: a manifest that
        was changed cannot vouch for anything."""
        problems = _check(self.folder, read_manifest(self.folder / TAGMANIFEST, missing_ok=True))
        if not (self.folder / TAGMANIFEST).is_file():
            problems.append((TAGMANIFEST, "missing"))
        prefix = f"sets/{self.stamp}/"
        problems = [(prefix + rel, what) for rel, what in problems]
        if problems:
            return problems
        return _check(self.dest, self.manifest())


def _check(root: Path, expected: dict[str, str]) -> list[tuple[str, str]]:
    found = hash_files(root, expected, missing_ok=True)
    problems = [(rel, "missing") for rel, digest in found.items() if digest is None]
    problems += [
        (rel, "damaged") for rel, digest in found.items() if digest not in (None, expected[rel])
    ]
    return sorted(problems)


def read_manifest(path: Path, *, missing_ok: bool = False) -> dict[str, str]:
    """`<sha256>  <path>` lines; a line that is not one is reported as a damaged manifest."""
    try:
        text = path.read_text()
    except FileNotFoundError:
        if missing_ok:
            return {}
        raise LontarError("restore_damaged", file=path.name, detail="missing", count=1) from None
    found = {}
    for line in text.splitlines():
        digest, _, rel = line.partition("  ")
        if len(digest) != 64 or not rel or rel.startswith("/") or ".." in Path(rel).parts:
            raise LontarError("restore_damaged", file=path.name, detail=line[:80], count=1)
        found[rel] = digest
    return found


def stamps(folder: Path) -> list[str]:
    """The stamps of the entries of `folder` named by one, oldest first."""
    if not folder.is_dir():
        return []
    return sorted(name for name in os.listdir(folder) if is_stamp(name))


def complete_sets(dest: Path) -> list[BackupSet]:
    """The finished backups in a destination, oldest first."""
    found = (BackupSet(dest, stamp) for stamp in stamps(dest / "sets"))
    return [backup for backup in found if backup.complete]


def pick(dest: Path, at: dt.datetime | None = None) -> BackupSet:
    """The latest finished backup at or before `at` (an aware moment; None: the latest).
    Raises LontarError `restore_no_backup` when there is none."""
    sets = complete_sets(dest)
    if at is not None:
        sets = [backup for backup in sets if moment_of(backup.stamp) <= at]
    if not sets:
        when = at.isoformat(timespec="minutes") if at else "-"
        raise LontarError("restore_no_backup", dest=str(dest), at=when)
    return sets[-1]
