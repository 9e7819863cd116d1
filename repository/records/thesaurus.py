"""The Pemda's search dictionary: abbreviations and spelling variants searched together.

The national lists in `data/` (abbreviations.csv, spelling_variants.csv) always apply; every
region also has its own agency acronyms (Disdukcapil here, Dukcapil there), so an
administrator adds local entries, and may switch a national pair off where it misleads
locally (SPT as a tax return in a Bapenda that only writes travel orders). Local entries live
in ZODB (`pemda.thesaurus`, a `Dictionary`); a `Thesaurus` (indexes/expansion.py) is built
from the national pairs minus those switched off plus the local ones, once per revision of
the dictionary, not per search: the revision is a `Length` raised by every change, read by
each search in the transaction that reads the hidden subtrees anyway.
"""

from __future__ import annotations

import csv
import functools
import io
import threading
from collections.abc import Iterable

from BTrees.Length import Length
from BTrees.OOBTree import OOBTree
from persistent import Persistent

from indexes.expansion import ABBREVIATIONS, SPELLING_VARIANTS, Thesaurus, read_pairs
from repository.core import clock
from repository.core.content import Pemda
from repository.core.errors import InvalidInput

KINDS = ("abbreviation", "variant")
LOCAL, NATIONAL = "local", "national"
ADDED, OFF = "added", "off"
MAX_FORM_CHARS = 120
MAX_IMPORT_ROWS = 5000
CSV_COLUMNS = ("term", "equivalent", "kind", "source", "state")


class Dictionary(Persistent):
    """`entries`: key (`entry_key`) -> (term, equivalent, kind, state, actor, moment ISO);
    state `added` (a local pair) or `off` (a national pair switched off here)."""

    def __init__(self) -> None:
        self.entries = OOBTree()
        self.revision = Length()


def entry_key(term: str, equivalent: str) -> str:
    """One key per unordered pair: (SK, surat keputusan) is (surat keputusan, SK)."""
    a, b = sorted((_norm(term).lower(), _norm(equivalent).lower()))
    return f"{a}|{b}"


def _norm(text: str) -> str:
    return " ".join((text or "").split())


@functools.cache
def national() -> tuple[tuple[str, str, str], ...]:
    """(term, equivalent, kind) of the lists shipped in `data/`, read once per process."""
    abbreviations = read_pairs(ABBREVIATIONS, "abbreviation", "expansion")
    variants = read_pairs(SPELLING_VARIANTS, "variant", "standard")
    return tuple(
        [(a, b, "abbreviation") for a, b in abbreviations]
        + [(a, b, "variant") for a, b in variants]
    )


@functools.cache
def national_kinds() -> dict[str, str]:
    """`entry_key` -> kind of every national pair."""
    return {entry_key(a, b): kind for a, b, kind in national()}


def dictionary(pemda: Pemda, create: bool = False) -> Dictionary | None:
    if pemda.thesaurus is None and create:
        pemda.thesaurus = Dictionary()
    return pemda.thesaurus


def revision(pemda: Pemda) -> int:
    found = pemda.thesaurus
    return found.revision() if found is not None else 0


def rows(pemda: Pemda) -> list[dict]:
    """Every pair, national then local, each with its source and whether it applies."""
    entries = dictionary(pemda)
    stored = dict(entries.entries.items()) if entries is not None else {}
    out = []
    for term, equivalent, kind in national():
        state = stored.get(entry_key(term, equivalent), (None,) * 6)[3]
        out.append(_row(term, equivalent, kind, NATIONAL, state != OFF))
    for term, equivalent, kind, state, actor, when in stored.values():
        if state == ADDED:
            out.append(_row(term, equivalent, kind, LOCAL, True, actor, when))
    return out


def _row(term, equivalent, kind, source, active, actor="", when="") -> dict:
    return {
        "term": term,
        "equivalent": equivalent,
        "kind": kind,
        "source": source,
        "active": active,
        "by": actor,
        "at": when,
    }


def pairs(pemda: Pemda) -> list[tuple[str, str]]:
    """What the search applies: national pairs not switched off, and the local ones."""
    return [(r["term"], r["equivalent"]) for r in rows(pemda) if r["active"]]


def check_entry(term: str, equivalent: str, kind: str) -> tuple[str, str, str]:
    """The entry, tidied; `InvalidInput` for an empty, overlong, identical or odd one."""
    term, equivalent = _norm(term), _norm(equivalent)
    if kind not in KINDS:
        raise InvalidInput("thesaurus_bad_kind", value=kind, choices=", ".join(KINDS))
    if not term or not equivalent or term.lower() == equivalent.lower():
        raise InvalidInput("thesaurus_bad_entry", term=term, equivalent=equivalent)
    if max(len(term), len(equivalent)) > MAX_FORM_CHARS or any(
        c in '"*?:()[]{}' for c in term + equivalent
    ):
        raise InvalidInput("thesaurus_bad_entry", term=term, equivalent=equivalent)
    return term, equivalent, kind


def is_national(term: str, equivalent: str) -> bool:
    return entry_key(term, equivalent) in national_kinds()


def add(pemda: Pemda, term: str, equivalent: str, kind: str, actor: str) -> dict:
    """Adds a local pair, or switches a national pair back on. Returns the stored row."""
    term, equivalent, kind = check_entry(term, equivalent, kind)
    entries = dictionary(pemda, create=True)
    key = entry_key(term, equivalent)
    national_pair = key in national_kinds()
    if national_pair:
        entries.entries.pop(key, None)  # on again: the national list applies
    else:
        entries.entries[key] = (term, equivalent, kind, ADDED, actor, _now())
    entries.revision.change(1)
    return _row(term, equivalent, kind, NATIONAL if national_pair else LOCAL, True)


def remove(pemda: Pemda, term: str, equivalent: str, actor: str) -> dict:
    """Removes a local pair, or switches a national pair off for this Pemda. Raises
    `InvalidInput` (`thesaurus_not_found`) for a pair that is in neither list."""
    term, equivalent = _norm(term), _norm(equivalent)
    entries = dictionary(pemda, create=True)
    key = entry_key(term, equivalent)
    national_kind = national_kinds().get(key)
    if national_kind is not None:
        entries.entries[key] = (term, equivalent, national_kind, OFF, actor, _now())
        source = NATIONAL
    elif key in entries.entries:
        del entries.entries[key]
        source = LOCAL
    else:
        raise InvalidInput("thesaurus_not_found", term=term, equivalent=equivalent)
    entries.revision.change(1)
    return {"term": term, "equivalent": equivalent, "source": source, "active": False}


def _now() -> str:
    return clock.now().isoformat(timespec="seconds")


def read_csv(data: bytes) -> list[tuple[str, str, str, bool]]:
    """(term, equivalent, kind, on) rows of an uploaded CSV: columns
    `term,equivalent[,kind][,state]` (kind defaults to abbreviation; state `off` switches a
    national pair off), as `write_csv` writes them, or the national files' own headers
    (`abbreviation,expansion` / `standard,variant`); `#` lines are notes."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInput("thesaurus_bad_csv", detail="UTF-8") from exc
    reader = csv.DictReader(line for line in io.StringIO(text) if not line.startswith("#"))
    found = []
    for raw in reader:
        row = {(k or "").strip().lower(): (v or "") for k, v in raw.items()}
        entry = _csv_entry(row)
        if entry is None:
            raise InvalidInput("thesaurus_bad_csv", detail=", ".join(reader.fieldnames or []))
        off = row.get("state", "").strip().lower() == "off"
        found.append((*check_entry(*entry), not off))
        if len(found) > MAX_IMPORT_ROWS:
            raise InvalidInput("thesaurus_bad_csv", detail=f"> {MAX_IMPORT_ROWS}")
    return found


def _csv_entry(row: dict) -> tuple[str, str, str] | None:
    if "term" in row and "equivalent" in row:
        return row["term"], row["equivalent"], (row.get("kind") or "abbreviation").strip()
    if "abbreviation" in row and "expansion" in row:
        return row["abbreviation"], row["expansion"], "abbreviation"
    if "variant" in row and "standard" in row:
        return row["variant"], row["standard"], "variant"
    return None


def write_csv(found: Iterable[dict]) -> bytes:
    """The dictionary as the import reads it back (`state`: on/off)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for r in found:
        state = "on" if r["active"] else "off"
        writer.writerow([r["term"], r["equivalent"], r["kind"], r["source"], state])
    return out.getvalue().encode("utf-8")


class Cache:
    """One `Thesaurus` per process and dictionary revision: building it stems every form
    (about 700), cheap but not per search. The lock keeps two threads from building twice."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._built: tuple[int, Thesaurus] | None = None

    def get(self, pemda: Pemda) -> Thesaurus:
        current = revision(pemda)
        built = self._built
        if built is not None and built[0] == current:
            return built[1]
        with self._lock:
            if self._built is None or self._built[0] != current:
                self._built = (current, Thesaurus.from_pairs(pairs(pemda)))
            return self._built[1]
