"""The master key: what seals attachments of class R and SR, their text and their digest.

Each sealed file gets its own random 256-bit key; the file, its OCR derivative, its extracted and
OCR text and its SHA-256 are encrypted with AES-GCM under that key, and the file key is stored
wrapped (RFC 3394) by the master key. The master key lives in one file *outside* the data
directory (`$LONTAR_KEY_FILE`, else `<home>-master.key` beside it), so a copy of the data
directory, a stolen disk image of it or its backups reveal none of that content. Losing the key
file loses every sealed file: it is backed up apart from the data (docs/security.md).

Keys for other purposes are derived from the master key with HMAC-SHA256 under a purpose label:
the blind-index key that turns the stems of sealed text into opaque index terms, and the key of
the keyed fingerprint that still finds exact duplicates among sealed files.
"""

from __future__ import annotations

import base64
import hmac
import os
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.keywrap import InvalidUnwrap, aes_key_unwrap, aes_key_wrap

from repository.core.config import Home
from repository.core.errors import LontarError

KEY_FILE_ENV = "LONTAR_KEY_FILE"
SEALED_CLASSES = frozenset({"R", "SR"})
TERM_PREFIX = "9"  # a digit first: the analyzer's stemmer leaves such a token as it is
NONCE_BYTES = 12


class KeyMissing(LontarError):
    key = "master_key_missing"


class KeyMismatch(LontarError):
    key = "master_key_mismatch"


def must_seal(security: str) -> bool:
    return security in SEALED_CLASSES


def key_path(home: Home) -> Path:
    configured = os.environ.get(KEY_FILE_ENV)
    if configured:
        return Path(configured).expanduser().resolve()
    return home.path.parent / f"{home.path.name}-master.key"


def _check_outside(home: Home, path: Path) -> None:
    if path.resolve().is_relative_to(home.path.resolve()):
        raise LontarError("master_key_inside_home", path=str(path), home=str(home.path))


def create_key(home: Home) -> Path:
    """Writes a new master key (readable by its owner only) unless one is already there."""
    path = key_path(home)
    _check_outside(home, path)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(base64.b64encode(AESGCM.generate_key(bit_length=256)).decode() + "\n")
    return path


class Keyring:
    """The master key of one installation, or its absence. Only sealing and opening need it;
    everything about open records works without it."""

    def __init__(self, path: Path, master: bytes | None) -> None:
        self.path, self._master, self._derived = path, master, {}

    @classmethod
    def load(cls, home: Home) -> Keyring:
        path = key_path(home)
        _check_outside(home, path)
        try:
            master = base64.b64decode(path.read_text().strip(), validate=True)
        except FileNotFoundError:
            return cls(path, None)
        except ValueError:
            raise KeyMismatch(path=str(path)) from None
        if len(master) != 32:
            raise KeyMismatch(path=str(path))
        return cls(path, master)

    @property
    def available(self) -> bool:
        return self._master is not None

    def master(self) -> bytes:
        if self._master is None:
            raise KeyMissing(path=str(self.path))
        return self._master

    def derived(self, purpose: str) -> bytes:
        if purpose not in self._derived:
            self._derived[purpose] = hmac.digest(self.master(), purpose.encode(), "sha256")
        return self._derived[purpose]

    @property
    def key_id(self) -> str:
        """Names the key without revealing it: a repository remembers which key sealed it."""
        return self.derived("lontar key id").hex()[:16]

    # -- files and texts --------------------------------------------------------------------------
    def new_file_key(self) -> tuple[bytes, bytes]:
        """(file key, the same wrapped by the master key)."""
        file_key = AESGCM.generate_key(bit_length=256)
        return file_key, aes_key_wrap(self.master(), file_key)

    def file_key(self, wrapped: bytes) -> bytes:
        try:
            return aes_key_unwrap(self.master(), wrapped)
        except InvalidUnwrap:
            raise KeyMismatch(path=str(self.path)) from None

    @staticmethod
    def encrypt(file_key: bytes, data: bytes, purpose: str) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        return nonce + AESGCM(file_key).encrypt(nonce, data, purpose.encode())

    def decrypt(self, wrapped: bytes, box: bytes, purpose: str) -> bytes:
        try:
            return AESGCM(self.file_key(wrapped)).decrypt(
                box[:NONCE_BYTES], box[NONCE_BYTES:], purpose.encode()
            )
        except InvalidTag:
            raise KeyMismatch(path=str(self.path)) from None

    # -- notes in the audit trail ---------------------------------------------------------------
    def seal_note(self, text: str) -> str:
        """A note (a search's words) sealed for the audit trail: the words of a sealed record
        are as secret in a query as in the record. Base64 of nonce + AES-GCM box."""
        nonce = os.urandom(NONCE_BYTES)
        box = AESGCM(self.derived("lontar audit notes")).encrypt(nonce, text.encode(), b"note")
        return base64.b64encode(nonce + box).decode()

    def open_note(self, sealed: str) -> str:
        raw = base64.b64decode(sealed)
        try:
            box = AESGCM(self.derived("lontar audit notes"))
            return box.decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], b"note").decode()
        except InvalidTag:
            raise KeyMismatch(path=str(self.path)) from None

    # -- what stays searchable --------------------------------------------------------------------
    def term(self, stem: str) -> str:
        """The blind-index term of a stem: equal stems give equal terms, nothing gives the stem."""
        digest = hmac.digest(self.derived("lontar index terms"), stem.encode(), "sha256")
        return TERM_PREFIX + digest[:10].hex()

    def fingerprint(self, sha256: str) -> str:
        """Stands for a sealed file's SHA-256 in duplicate detection; `k:` marks it keyed."""
        key = self.derived("lontar fingerprint")
        return "k:" + hmac.digest(key, sha256.encode(), "sha256").hex()
