"""Media type from the bytes, never from the file name."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from io import BytesIO


@dataclass(frozen=True)
class Sniffed:
    media_type: str
    kind: str  # "pdf", "image", "text", "office" (stored, content not read) or "reject"


_MAGIC = (
    (b"\xff\xd8\xff", Sniffed("image/jpeg", "image")),
    (b"\x89PNG\r\n\x1a\n", Sniffed("image/png", "image")),
    (b"II*\x00", Sniffed("image/tiff", "image")),
    (b"MM\x00*", Sniffed("image/tiff", "image")),
    (b"{\\rtf", Sniffed("application/rtf", "office")),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", Sniffed("application/x-ole-storage", "office")),
    (b"\x7fELF", Sniffed("application/x-executable", "reject")),
    (b"MZ", Sniffed("application/x-msdownload", "reject")),
    (b"GIF8", Sniffed("image/gif", "reject")),
    (b"\x1f\x8b", Sniffed("application/gzip", "reject")),
)

_OFFICE_ZIP = {
    "word/": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xl/": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt/": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}


def sniff(data: bytes) -> Sniffed:
    head = data[:1024]
    if b"%PDF-" in head:
        return Sniffed("application/pdf", "pdf")
    for magic, sniffed in _MAGIC:
        if head.startswith(magic):
            return sniffed
    if head.startswith(b"PK\x03\x04"):
        return _sniff_zip(data)
    if _looks_like_text(head):
        return Sniffed("text/plain", "text")
    return Sniffed("application/octet-stream", "reject")


def _sniff_zip(data: bytes) -> Sniffed:
    try:
        names = zipfile.ZipFile(BytesIO(data)).namelist()
    except zipfile.BadZipFile:
        return Sniffed("application/zip", "reject")
    if "mimetype" in names:
        return Sniffed("application/vnd.oasis.opendocument", "office")
    for prefix, media_type in _OFFICE_ZIP.items():
        if any(name.startswith(prefix) for name in names):
            return Sniffed(media_type, "office")
    return Sniffed("application/zip", "reject")


def _looks_like_text(head: bytes) -> bool:
    if not head or b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # a cut multibyte character at the end is fine
            return False
    printable = sum(32 <= b < 127 or b in (9, 10, 13) or b >= 128 for b in head)
    return printable / len(head) > 0.95


def decode_text(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")
