"""Classification schemes as data, in versions.

A scheme is a tree of codes (free strings, such as `000.5.3.1` or `KP.01.01`) with names. An
agency loads a scheme from CSV; loading one makes a new version the current one, and every
older version is kept, so a record keeps the code it was filed under and that code still
resolves (to its old name, with the version that defined it) after Permendagri 78/2012 gives
way to 83/2022. Records name the version they were classified under.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Mapping

from BTrees.OOBTree import OOBTree
from persistent import Persistent

from repository.core import clock
from repository.core.content import Pemda
from repository.core.errors import InvalidInput

LEGACY = "awal"
CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.\-/]{0,63}$")


class Scheme(Persistent):
    def __init__(self, version: str, loaded: dt.date) -> None:
        self.version = version
        self.loaded = loaded
        self.codes = OOBTree()  # code -> (name, parent code or None)


def schemes_of(pemda: Pemda) -> OOBTree:
    """Versions by name, for writing. A repository from before versions had one flat table:
    it becomes the first version, so nothing classified under it loses its meaning."""
    if pemda.schemes is None:
        known, version = _versions(pemda)  # read before the table exists: else "awal" is lost
        pemda.schemes = OOBTree()
        if version:
            first = Scheme(version, clock.today())
            first.codes.update(known[version].codes)
            pemda.schemes[version] = first
            pemda.current_scheme = version
    return pemda.schemes


def _versions(pemda: Pemda) -> tuple[Mapping[str, Scheme], str | None]:
    """(versions, current version) for reading, without writing anything: the flat table of
    a repository from before versions reads as the one version "awal"."""
    if pemda.schemes is not None:
        return pemda.schemes, pemda.current_scheme
    if not len(pemda.classification):
        return {}, None
    legacy = Scheme(LEGACY, dt.date.min)
    legacy.codes = pemda.classification
    return {LEGACY: legacy}, LEGACY


def current(pemda: Pemda) -> Scheme | None:
    known, version = _versions(pemda)
    return known.get(version) if version else None


def parse_rows(text: str) -> list[tuple[str, str, str | None]]:
    """(code, name, parent) from CSV with the columns code, name[, parent]; a missing parent
    is the code without its last part when that part's parent is in the file."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    if not reader.fieldnames or not {"code", "name"} <= set(reader.fieldnames):
        raise InvalidInput("bad_csv", columns="code, name[, parent]")
    rows = []
    for number, row in enumerate(reader, start=2):
        code, name = (row.get("code") or "").strip(), (row.get("name") or "").strip()
        if not CODE.match(code) or not name:
            raise InvalidInput("bad_csv_row", line=number, value=code or "-")
        rows.append((code, name, (row.get("parent") or "").strip() or None))
    codes = {code for code, _, _ in rows}
    return [(c, n, p or _implied_parent(c, codes)) for c, n, p in rows]


def _implied_parent(code: str, codes: set[str]) -> str | None:
    head = code.rsplit(".", 1)[0] if "." in code else None
    return head if head in codes else None


def load(pemda: Pemda, rows: list[tuple[str, str, str | None]], version: str) -> Scheme:
    """A new version holding these codes becomes the current scheme."""
    version = version.strip()
    schemes = schemes_of(pemda)
    if not version or version in schemes:
        raise InvalidInput("scheme_version_exists", version=version or "-")
    codes = {code for code, _, _ in rows}
    missing = sorted({p for _, _, p in rows if p and p not in codes})
    if missing:
        raise InvalidInput("scheme_missing_parent", codes=", ".join(missing[:5]))
    scheme = Scheme(version, clock.today())
    for code, name, parent in rows:
        scheme.codes[code] = (name, parent)
    schemes[version] = scheme
    pemda.current_scheme = version
    return scheme


def resolve(pemda: Pemda, code: str) -> dict | None:
    """The code's name and the version that defines it: the current version first, then the
    older ones, newest first. None when no version knows it."""
    known, version = _versions(pemda)
    newest_first = sorted(known.values(), key=lambda s: s.loaded, reverse=True)
    for scheme in sorted(newest_first, key=lambda s: s.version != version):
        found = scheme.codes.get(code)
        if found is not None:
            return {
                "code": code,
                "name": found[0],
                "parent": found[1],
                "version": scheme.version,
                "current": scheme.version == version,
            }
    return None


def versions(pemda: Pemda) -> list[dict]:
    known, version = _versions(pemda)
    return [
        {
            "version": s.version,
            "loaded": s.loaded.isoformat(),
            "codes": len(s.codes),
            "current": s.version == version,
        }
        for s in sorted(known.values(), key=lambda s: s.loaded)
    ]
