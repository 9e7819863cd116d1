"""The catalogue's persistent data: archival descriptions (ISAD(G)) of published fonds and
series, and what the features built on publication keep (the OAI ledger, selection lists).

Layout (every container that grows is a BTree, created on first write):

    pemda.catalogue = Catalogue
        roots         record id -> True (the nodes published explicitly)
        descriptions  record id -> Description
        ledger, order, set_order, stamps, refcodes   (ledger.py: the OAI-PMH ledger)
        selections    number -> Selection            (selection.py: saved selection lists)

A record's publication itself is a field of the record (`Record.published`, core), because it
decides who may see the record: the index and every view read it through
`security.catalogue_public`.
"""

from __future__ import annotations

from BTrees.OOBTree import OOBTree
from persistent import Persistent

from repository.core import clock
from repository.core.content import Pemda, lazy_tree

# ISAD(G) essential elements kept beside what the record already holds (reference code 3.1.1,
# title 3.1.2, dates 3.1.3 and level 3.1.4 come from the record itself)
DESCRIPTION_FIELDS = (
    "extent",  # 3.1.5 extent and medium
    "creator",  # 3.2.1 name of creator(s)
    "admin_history",  # 3.2.2 administrative / biographical history
    "scope_content",  # 3.3.1 scope and content
    "access_conditions",  # 3.4.1 conditions governing access
    "reproduction_conditions",  # 3.4.2 conditions governing reproduction
    "language",  # 3.4.3 language of material: ISO 639-2 codes, space-separated
)


class Description(Persistent):
    """The archival description of one published fonds or series (or berkas)."""

    extent = ""
    creator = ""
    admin_history = ""
    scope_content = ""
    access_conditions = ""
    reproduction_conditions = ""
    language = "ind"
    downloads = True  # whether the public may download the files below (reproduction allowed)
    updated = ""  # ISO moment of the last change
    updated_by = ""

    def public_dict(self) -> dict:
        """What the public sees of it: the ISAD(G) fields and whether downloads are allowed,
        not who last edited it nor when."""
        found = {name: getattr(self, name) for name in DESCRIPTION_FIELDS}
        found["downloads"] = self.downloads
        return found

    def as_dict(self) -> dict:
        """The archivist's form: also who last edited it and when."""
        return {**self.public_dict(), "updated": self.updated, "updated_by": self.updated_by}


class Catalogue(Persistent):
    roots: OOBTree | None = None  # record id -> True: the nodes published explicitly
    descriptions: OOBTree | None = None
    # the OAI ledger (ledger.py)
    ledger: OOBTree | None = None
    order: Persistent | None = None
    set_order: OOBTree | None = None
    stamps: OOBTree | None = None
    refcodes: OOBTree | None = None
    # (queue key, id) -> None: records the index has and the views not yet (ledger.py)
    pending: OOBTree | None = None
    generation = 0
    # saved selection lists (selection.py)
    selections: OOBTree | None = None
    selection_counters: OOBTree | None = None


def catalogue_of(pemda: Pemda) -> Catalogue | None:
    """For reading: None before anything was ever published (nothing is created on a read)."""
    return pemda.catalogue


def catalogue_for_write(pemda: Pemda) -> Catalogue:
    if pemda.catalogue is None:
        pemda.catalogue = Catalogue()
    return pemda.catalogue


def description_of(pemda: Pemda, record_id: str) -> Description | None:
    catalogue = pemda.catalogue
    return (catalogue.descriptions or {}).get(record_id) if catalogue is not None else None


def set_description(pemda: Pemda, record_id: str, fields: dict, actor: str) -> Description:
    descriptions = lazy_tree(catalogue_for_write(pemda), "descriptions")
    description = descriptions.get(record_id)
    if description is None:
        description = descriptions[record_id] = Description()
    for name in (*DESCRIPTION_FIELDS, "downloads"):
        if name in fields:
            setattr(description, name, fields[name])
    description.updated = clock.now().isoformat(timespec="seconds")
    description.updated_by = actor
    return description
