"""`lontar --home NEW restore BACKUP`: a backup back into an empty data directory, and the
copy of the master key a restore on a new machine needs (`lontar key export|import`).

Nothing is half-restored: the set's files are checked against its manifest first (a
truncated or flipped file is named and nothing is written), then everything is restored into
a scratch directory beside the target, which is renamed into place only when complete.
The blob snapshot is copied, never hard-linked, so the backup stays as it was.

The key copy is the master key (and the signing CA's private key, which is itself encrypted
under the master key) sealed with a passphrase: scrypt (n=2^17, r=8, p=1) derives the key of
an AES-256-GCM box. Neither key nor passphrase is printed, logged or audited.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import shutil
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from ZODB.scripts import repozo

from repository.core import clock
from repository.core.config import PRIVATE_UMASK, Home
from repository.core.errors import InvalidInput, LontarError
from repository.core.keys import Keyring, key_path
from repository.letters.signing.ca import ca_key_path
from repository.run.backup import dest_lock
from repository.run.manifest import DIR_MODE, REPOZO_DIR, BackupSet, pick, write_durably

EXPORT_FORMAT = "lontar-key-copy/1"
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**17, 8, 1
MIN_PASSPHRASE = 12
PASSPHRASE_ENV = "LONTAR_KEY_PASSPHRASE"
SHOWN_PROBLEMS = 5


@dataclass
class Restored:
    home: str
    backup: str
    stamp: str
    tid: str
    records: int
    seconds: float

    def as_dict(self) -> dict:
        return asdict(self)


# -- choosing and checking the set ----------------------------------------------------------------
def local_moment(text: str) -> dt.datetime:
    """`--at "2026-12-01 10:00"`: a moment in the Pemda's zone (a date alone is the end of
    that day), as an aware datetime. Raises InvalidInput `restore_bad_at`."""
    try:
        moment = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput("restore_bad_at", value=text) from None
    if len(text.strip()) <= 10:
        moment = moment.replace(hour=23, minute=59, second=59)
    return clock.local(moment)


def checked_set(backup: Path, at: dt.datetime | None) -> BackupSet:
    """The set to restore, with every one of its files matching the manifest. Raises
    LontarError `restore_damaged` naming the first bad file (and how many there are)."""
    chosen = pick(backup.expanduser().resolve(), at)
    problems = chosen.verify()
    if problems:
        path, what = problems[0]
        raise LontarError("restore_damaged", file=path, detail=what, count=len(problems))
    return chosen


def require_empty(target: Home) -> None:
    if target.path.exists() and (not target.path.is_dir() or any(target.path.iterdir())):
        raise LontarError("restore_target_not_empty", home=str(target.path))


# -- restoring ----------------------------------------------------------------------------------
def restore(
    backup: Path, target: Home, at: dt.datetime | None = None, *, chosen: BackupSet | None = None
) -> tuple[Restored, dict]:
    """Restores the latest set at or before `at` (or `chosen`, a set already verified) into
    the empty `target`; returns what was restored and the set's backup-info. Raises
    `restore_target_not_empty`, `restore_no_backup`, `restore_damaged`, `restore_failed`
    (nothing is left behind), `backup_busy` while a backup writes into `backup`."""
    started = time.monotonic()
    os.umask(PRIVATE_UMASK)  # the restored files are the Pemda's records: private
    require_empty(target)
    with dest_lock(backup.expanduser().resolve(), shared=True):
        chosen = chosen or checked_set(backup, at)
        return _restore_set(chosen, target, started)


def _restore_set(chosen: BackupSet, target: Home, started: float) -> tuple[Restored, dict]:
    info = chosen.info()
    scratch = target.path.parent / f".{target.path.name}.restoring"
    shutil.rmtree(scratch, ignore_errors=True)
    try:
        target.path.parent.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
        scratch.mkdir(mode=DIR_MODE)
        _restore_into(chosen, info, scratch)
        require_empty(target)
        if target.path.exists():
            target.path.rmdir()
        os.rename(scratch, target.path)
    except (OSError, repozo.RepozoError) as exc:
        shutil.rmtree(scratch, ignore_errors=True)
        reason = getattr(exc, "strerror", None) or str(exc)
        raise LontarError("restore_failed", home=str(target.path), reason=reason) from None
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    seconds = round(time.monotonic() - started, 2)
    restored = Restored(
        str(target.path), str(chosen.dest), chosen.stamp, info["tid"], info["records"], seconds
    )
    return restored, info


def _restore_into(chosen: BackupSet, info: dict, folder: Path) -> None:
    repository = chosen.dest / REPOZO_DIR
    options = repozo.parseargs(
        ["-R", "-r", str(repository), "-D", chosen.stamp, "-o", str(folder / "Data.fs")]
    )
    used = [f"{REPOZO_DIR}/{Path(p).name}" for p in repozo.find_files(options)]
    if used != info["filestorage"]:  # a file added to or taken from the repository since
        raise LontarError("restore_damaged", file=REPOZO_DIR, detail=" ".join(used), count=1)
    repozo.do_recover(options)
    _copy_folder(chosen.blobs, folder / "blobs")
    _copy_folder(chosen.folder / "audit", folder / "audit")
    if (chosen.folder / "config").is_dir():
        _copy_folder(chosen.folder / "config", folder)
    if (chosen.folder / "index").is_dir():
        _copy_folder(chosen.folder / "index", folder / "index")
    for name in ("logs", "work"):
        (folder / name).mkdir(mode=DIR_MODE, exist_ok=True)


def _copy_folder(source: Path, target: Path) -> None:
    """A copy (new inodes: the backup's files must stay as they are), private to the
    service account: folders made 0700, files written under the umask 077."""
    os.makedirs(target, DIR_MODE, exist_ok=True)
    root, into = str(source), str(target)
    for folder, _subfolders, files in os.walk(root):
        rel = folder[len(root) + 1 :]
        if rel:
            os.makedirs(os.path.join(into, rel), DIR_MODE, exist_ok=True)
        for name in files:
            shutil.copyfile(os.path.join(folder, name), os.path.join(into, rel, name))


# -- the key copy ---------------------------------------------------------------------------------
def _box_key(passphrase: str, salt: bytes) -> bytes:
    kdf = Scrypt(salt=salt, length=32, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P)
    return kdf.derive(passphrase.encode())


def export_key(home: Home, keyring: Keyring, out: Path, passphrase: str) -> dict:
    """Writes the passphrase-protected key copy to `out` (0600, never over an existing
    file); returns what it holds, without the keys: {"key_id", "where", "signing_ca"}.
    Raises InvalidInput `key_passphrase_short`, `key_export_exists`; KeyMissing."""
    if len(passphrase) < MIN_PASSPHRASE:
        raise InvalidInput("key_passphrase_short", minimum=MIN_PASSPHRASE)
    master = keyring.master()
    out = out.expanduser().resolve()
    if out.is_relative_to(home.path.resolve()):
        raise InvalidInput("key_export_inside_home", path=str(out), home=str(home.path))
    ca_key = ca_key_path(home).read_bytes() if ca_key_path(home).is_file() else None
    payload = {"master": base64.b64encode(master).decode()}
    if ca_key is not None:
        payload["signing_ca_key"] = ca_key.decode()
    salt, nonce = os.urandom(16), os.urandom(12)
    header = {"format": EXPORT_FORMAT, "key_id": keyring.key_id}
    aad = json.dumps(header, sort_keys=True).encode()
    box = AESGCM(_box_key(passphrase, salt)).encrypt(nonce, json.dumps(payload).encode(), aad)
    document = {
        **header,
        "kdf": {"name": "scrypt", "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P},
        "salt": base64.b64encode(salt).decode(),
        "nonce": base64.b64encode(nonce).decode(),
        "box": base64.b64encode(box).decode(),
        "made": clock.now().isoformat(timespec="seconds"),
    }
    if out.exists():
        raise InvalidInput("key_export_exists", path=str(out))
    out.parent.mkdir(parents=True, exist_ok=True)
    write_durably(out, json.dumps(document, indent=2).encode())
    return {"key_id": keyring.key_id, "where": str(out), "signing_ca": ca_key is not None}


def open_key_copy(path: Path, passphrase: str) -> tuple[bytes, bytes | None, str]:
    """(master key, signing CA key or None, key id) from a key copy. Raises InvalidInput
    `key_copy_unreadable`, `key_wrong_passphrase`."""
    try:
        document = json.loads(path.read_text())
        header = {"format": document["format"], "key_id": document["key_id"]}
        salt, nonce, box = (base64.b64decode(document[k]) for k in ("salt", "nonce", "box"))
    except (OSError, ValueError, KeyError, TypeError):
        raise InvalidInput("key_copy_unreadable", path=str(path)) from None
    if header["format"] != EXPORT_FORMAT:
        raise InvalidInput("key_copy_unreadable", path=str(path))
    aad = json.dumps(header, sort_keys=True).encode()
    try:
        payload = json.loads(AESGCM(_box_key(passphrase, salt)).decrypt(nonce, box, aad))
    except InvalidTag:
        raise InvalidInput("key_wrong_passphrase") from None
    master = base64.b64decode(payload["master"])
    ca_key = payload.get("signing_ca_key")
    return master, ca_key.encode() if ca_key else None, header["key_id"]


def is_key_copy(path: Path) -> bool:
    try:
        return json.loads(path.read_text()).get("format") == EXPORT_FORMAT
    except (OSError, ValueError, AttributeError):
        return False


def import_key(home: Home, copy: Path, passphrase: str) -> dict:
    """Writes the master key of a key copy where `key_path(home)` expects it (0600), and the
    signing CA's key into the home when the home holds a restored repository; returns
    {"key_id", "path", "signing_ca": "written" | "later" | "present" | "none"}. An existing
    key file is left alone when it is the same key and refused when it is another."""
    master, ca_key, key_id = open_key_copy(copy, passphrase)
    keyring = Keyring(key_path(home), master)
    if keyring.key_id != key_id:
        raise InvalidInput("key_copy_unreadable", path=str(copy))
    path = key_path(home)
    if path.resolve().is_relative_to(home.path.resolve()):
        raise LontarError("master_key_inside_home", path=str(path), home=str(home.path))
    if path.exists():
        existing = Keyring.load(home)
        if not existing.available or existing.key_id != key_id:
            raise InvalidInput("key_import_other_key", path=str(path))
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_durably(path, base64.b64encode(master) + b"\n")
    return {"key_id": key_id, "path": str(path), "signing_ca": _place_ca_key(home, ca_key)}


def _place_ca_key(home: Home, ca_key: bytes | None) -> str:
    """The CA key goes into the home's secrets; before a restore the home must stay empty
    (restore refuses anything else), so it waits for the key import after the restore."""
    if ca_key is None:
        return "none"
    target = ca_key_path(home)
    if target.exists():
        return "present"
    if not home.data_fs.exists():
        return "later"
    target.parent.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    write_durably(target, ca_key)
    return "written"


def keyring_from(path: Path | None, home: Home, passphrase: str | None = None) -> Keyring:
    """The keyring a drill opens sealed files with: a key file (`--key`: the master key file
    itself, or a key copy with its passphrase), else the home's own key (which may be absent:
    then sealed files cannot be checked, and the drill says so)."""
    if path is None:
        return Keyring.load(home)
    path = path.expanduser().resolve()
    if is_key_copy(path):
        master, _ca, _id = open_key_copy(path, passphrase or "")
        return Keyring(path, master)
    try:
        master = base64.b64decode(path.read_text().strip(), validate=True)
    except (OSError, ValueError):
        raise InvalidInput("key_copy_unreadable", path=str(path)) from None
    if len(master) != 32:
        raise InvalidInput("key_copy_unreadable", path=str(path))
    return Keyring(path, master)
