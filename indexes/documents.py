"""What the index holds for one record: the only place that turns a record into fields."""

from __future__ import annotations

import datetime as dt
import re

from indexes.analysis import normalise
from indexes.sealed import blind_terms
from repository.core.content import Record
from repository.core.keys import KeyMissing, Keyring
from repository.core.sealing import has_sealed, sealed_text
from repository.core.security import allowed_principals, catalogue_public, subtree_keys


def class_prefixes(code: str) -> list[str]:
    """`000.5.3.1` gives `000`, `000.5`, `000.5.3`, `000.5.3.1`: a prefix filter is one term."""
    parts = code.split(".") if code else []
    return [".".join(parts[: i + 1]) for i in range(len(parts))]


def _as_datetime(day: dt.date | None) -> dt.datetime | None:
    return dt.datetime(day.year, day.month, day.day) if day else None


def _parent_key(record: Record) -> str:
    """A record's container as browse filters name it: a record id, or `unit:CODE`."""
    parent = record.parent
    return getattr(parent, "id", None) or f"unit:{getattr(parent, 'code', '')}".lower()


def language_of(record: Record) -> str:
    """The first language of the nearest description that names one (ISO 639-2), else
    Indonesian: what a catalogue reader filters on. For a record of the public catalogue only
    the public records above it count (up to the topmost published one, as the catalogue's
    record view takes them), never an unpublished fonds' draft."""
    chain = [record, *reversed(record.ancestors())]
    if catalogue_public(record):
        top = max(i for i, node in enumerate(chain) if getattr(node, "published", None))
        chain = chain[: top + 1]
    for node in chain:
        codes = (getattr(node, "language", "") or "").split()
        if codes:
            return codes[0].lower()
    return "ind"


DIGITS = re.compile(r"[0-9]+")


def natural(code: str) -> str:
    """A reference code as it sorts: numbers by their value (B2 before B10), without case."""
    return DIGITS.sub(lambda run: run.group().zfill(10), code).lower()


def record_fields(record: Record, keyring: Keyring | None = None) -> dict:
    """`keyring` is needed only for records with sealed attachments (KeyMissing otherwise)."""
    unit = record.unit_code
    path = [node.code for node in record.ancestors() if getattr(node, "level", "") == "unit"]
    text = normalise("\n".join(filter(None, [record.description, record.text()])))
    fields = {
        "id": record.id,
        "title": normalise(record.title or ""),
        "text": text,
        "refcode": record.reference_code,
        "refsort": natural(record.reference_code),
        "parent": _parent_key(record),
        "added": record.created.replace(tzinfo=None),
        "classification": record.classification or "",
        "class_path": " ".join(class_prefixes(record.classification)),
        "class_top": (class_prefixes(record.classification) or ["-"])[0],
        "unit": unit,
        "unit_path": " ".join(path or [unit]),
        "level": record.level,
        "year": str(record.date_start.year) if record.date_start else "-",
        "security": record.security,
        "language": language_of(record),
        "digital": "1" if len(record.attachments) else "0",
        "flags": " ".join(record.flags),
        "media": " ".join(sorted({a.media_type for a in record.attachments.values()})),
        "allowed": " ".join(allowed_principals(record)),
        "path": " ".join(subtree_keys(record)),
        "revision": record.revision,
    }
    if record.date_start:
        fields["date"] = _as_datetime(record.date_start)
    if has_sealed(record):
        if keyring is None:
            raise KeyMissing(path="?")
        blind = blind_terms(normalise(sealed_text(record, keyring)), keyring)
        fields["text"], fields["_stored_text"] = f"{text}\n{blind}", text
    return fields
