"""The exchange formats' part of `lontar.catalogue`: EAD 2002 of a public subtree and Dublin
Core of a public record, as downloads and from `lontar export-ead` / `lontar export-dc`
(ead.py and dc.py build the XML from the public projection, views.py).

Whoever asks gets what the public catalogue shows: a record that is not public is
`record_not_found`, and the records below it that are not public (T, R, SR, a confined
thread, anything under them) are simply not in the file. Each export is audited as
`exported`, with its format, before the file is handed over.
"""

from __future__ import annotations

from collections.abc import Iterator

from repository.catalogue import dc, ead, views
from repository.core.content import Pemda, Record
from repository.core.db import reading
from repository.core.security import Caller

# the EAD walk lets the database connection forget the records it has written every so many
# (a fonds of 100,000 items would otherwise all stay in the connection's cache)
FORGET_EVERY = 2000


class Exchange:
    """Mixed into `CatalogueServices` (services.py), whose `db`, `base_url`, `record_event`,
    `_pemda` and `_public` it uses."""

    def export_ead(self, caller: Caller, record_id: str) -> bytes:
        """The EAD 2002 finding aid of a public fonds, series, berkas (or item) by id or
        reference code: the record and every public record below it, in reference order."""
        with reading(self.db) as root:
            pemda = self._pemda(root)
            record = self._public(pemda, record_id)
            found = record.id
            tree = public_tree(record, self.base_url, _Forgetting(pemda))
            data = ead.fonds_ead(tree, institution(pemda, self.base_url))
        self.record_event(caller, "exported", found, format="ead", size=len(data))
        return data

    def export_dc(self, caller: Caller, record_id: str) -> bytes:
        """The Dublin Core (oai_dc) of one public record by id or reference code."""
        with reading(self.db) as root:
            pemda = self._pemda(root)
            record = self._public(pemda, record_id)
            found = record.id
            data = dc.dc_document(views.node_dict(record, self.base_url), pemda.name)
        self.record_event(caller, "exported", found, format="dc")
        return data


def institution(pemda: Pemda, base_url: str) -> dict:
    """Who publishes the catalogue, as ead.py and the OAI provider name it."""
    return {"name": pemda.name, "code": pemda.code, "url": base_url}


def public_tree(record: Record, base_url: str, visit=None) -> dict:
    """`views.tree_dict` read lazily: each node's `children` is a generator that reads the
    public children when the writer reaches them, so one component is in memory at a time
    (per level), whatever the size of the fonds. `visit`, if given, is called per node."""
    node = views.node_dict(record, base_url)
    if visit is not None:
        visit()
    node["children"] = _children(record, base_url, visit)
    return node


def _children(record: Record, base_url: str, visit) -> Iterator[dict]:
    for child in views.public_children(record):
        yield public_tree(child, base_url, visit)


class _Forgetting:
    """Every `FORGET_EVERY` nodes, lets the connection turn the records already written back
    into ghosts (they are only read, so nothing is lost)."""

    def __init__(self, pemda: Pemda) -> None:
        self.jar = pemda._p_jar
        self.count = 0

    def __call__(self) -> None:
        self.count += 1
        if self.jar is not None and self.count % FORGET_EVERY == 0:
            self.jar.cacheGC()
