"""Vital records (arsip vital): what must survive a disaster, how it is protected, where its
copy is. A record's protection is complete when it has a method, a copy location and a date
on which someone checked that the copy is there and readable (SOP perlindungan: identify,
protect, and be able to recover)."""

from __future__ import annotations

import datetime as dt

from BTrees.OOBTree import OOBTree

from repository.core.content import Pemda, Record, lazy_tree
from repository.core.errors import InvalidInput

METHODS = ("Duplikasi", "Pemencaran", "Penyimpanan khusus")


def register_of(pemda: Pemda) -> OOBTree:
    """Record ids of vital records: the register is listed without walking every record."""
    return lazy_tree(pemda, "vital")


def mark(
    pemda: Pemda,
    record: Record,
    method: str,
    copy_location: str,
    verified: dt.date | None,
    actor: str,
) -> None:
    given = (method or "").strip()
    method = next((m for m in METHODS if m.lower() == given.lower()), "")
    if given and not method:
        raise InvalidInput("bad_vital_method", choices=", ".join(METHODS))
    record.vital = {
        "method": method,
        "copy_location": (copy_location or "").strip(),
        "verified": verified,
        "by": actor,
    }
    register_of(pemda)[record.id] = True


def unmark(pemda: Pemda, record: Record) -> None:
    record.vital = None
    register_of(pemda).pop(record.id, None)


def missing(record: Record) -> list[str]:
    """What the record's protection still lacks (empty: complete)."""
    info = record.vital or {}
    return [key for key in ("method", "copy_location", "verified") if not info.get(key)]


def row(record: Record) -> dict:
    info = record.vital or {}
    verified = info.get("verified")
    return {
        "id": record.id,
        "title": record.title,
        "refcode": record.reference_code,
        "unit": record.unit_code,
        "method": info.get("method", ""),
        "copy_location": info.get("copy_location", ""),
        "verified": verified.isoformat() if verified else None,
        "missing": missing(record),
        "complete": not missing(record),
    }
