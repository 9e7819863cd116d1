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

from BTrees.OOBTree import OOBTree
from persistent import Persistent

from repository.content import Pemda
from repository.errors import InvalidInput

CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.\-/]{0,63}$")


class Scheme(Persistent):
    def __init__(self, version: str, loaded: dt.date) -> None:
        self.version = version
        self.loaded = loaded
        self.codes = OOBTree()  # code -> (name, parent code or None)


def schemes_of(pemda: Pemda) -> OOBTree:
    """Versions by name. A repository from before versions had one flat table: it becomes
    the first version, so nothing classified under it loses its meaning."""
    if pemda.schemes is None:
        pemda.schemes = OOBTree()
        if len(pemda.classification):
            first = Scheme("awal", dt.date.today())
            first.codes.update(pemda.classification)
            pemda.schemes[first.version] = first
            pemda.current_scheme = first.version
    return pemda.schemes


def current(pemda: Pemda) -> Scheme | None:
    schemes = schemes_of(pemda)
    return schemes.get(pemda.current_scheme) if pemda.current_scheme else None


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
    scheme = Scheme(version, dt.date.today())
    for code, name, parent in rows:
        scheme.codes[code] = (name, parent)
    schemes[version] = scheme
    pemda.current_scheme = version
    pemda.classification = scheme.codes  # what the rest of the app reads as "the scheme"
    return scheme


def resolve(pemda: Pemda, code: str) -> dict | None:
    """The code's name and the version that defines it: the current version first, then the
    older ones, newest first. None when no version knows it."""
    newest_first = sorted(schemes_of(pemda).values(), key=lambda s: s.loaded, reverse=True)
    for scheme in sorted(newest_first, key=lambda s: s.version != pemda.current_scheme):
        found = scheme.codes.get(code)
        if found is not None:
            return {
                "code": code,
                "name": found[0],
                "parent": found[1],
                "version": scheme.version,
                "current": scheme.version == pemda.current_scheme,
            }
    return None


def versions(pemda: Pemda) -> list[dict]:
    return [
        {
            "version": s.version,
            "loaded": s.loaded.isoformat(),
            "codes": len(s.codes),
            "current": s.version == pemda.current_scheme,
        }
        for s in sorted(schemes_of(pemda).values(), key=lambda s: s.loaded)
    ]
