"""Publishing a node to the public catalogue and withdrawing it: access changes the index must
follow, made the way records/sharing.py makes them.

- Publishing marks the node (`Record.published`, with the mark of the index queue after its
  subtree) and queues the whole subtree: the catalogue's search finds it once the worker has
  reindexed it, and its record view waits for the same moment (`catalogue_public`, strict).
- Withdrawing takes the mark away at once (the record views stop at once) and restricts the
  catalogue principal on the subtree until the index has caught up, so search hides it too.
- Only a fonds, series or berkas is published; an item is public through its berkas.
"""

from __future__ import annotations

from repository.catalogue.model import catalogue_for_write
from repository.core import clock
from repository.core.content import Pemda, Record, lazy_tree
from repository.core.errors import InvalidInput
from repository.core.security import CATALOGUE_PRINCIPAL, catalogue_public, confined_by
from repository.records.sharing import descendants, enqueue_subtree, restrict

PUBLISHABLE = ("fonds", "series", "file")


def publish(pemda: Pemda, record: Record, actor: str) -> int:
    """Returns how many records the subtree holds (each one queued for the index)."""
    if record.level not in PUBLISHABLE:
        raise InvalidInput("catalogue_publish_level", level=record.level)
    if record.security != "B" or confined_by(record):
        raise InvalidInput("catalogue_publish_class", security=record.security)
    if record.published:
        return 0
    count = sum(1 for _ in descendants(record))
    mark = enqueue_subtree(pemda, record)
    record.published = (actor, clock.now().isoformat(timespec="seconds"), mark)
    lazy_tree(catalogue_for_write(pemda), "roots")[record.id] = True
    record.add_history(actor, "published")
    return count


def unpublish(pemda: Pemda, record: Record, actor: str) -> int:
    if not record.published:
        raise InvalidInput("catalogue_not_published")
    record.published = None
    lazy_tree(catalogue_for_write(pemda), "roots").pop(record.id, None)
    mark = enqueue_subtree(pemda, record)
    restrict(pemda, [CATALOGUE_PRINCIPAL], record, clock.today(), mark)
    record.add_history(actor, "unpublished")
    return sum(1 for _ in descendants(record))


def published_roots(pemda: Pemda) -> list[Record]:
    """Every node published explicitly and still there, whatever its state now (a root
    reclassified to T stays listed for the archivist, marked not public)."""
    catalogue = pemda.catalogue
    roots = (catalogue.roots or {}) if catalogue is not None else {}
    return [pemda.records[rid] for rid in roots if rid in pemda.records]


def is_public(record: Record) -> bool:
    """What the catalogue's views check on the live record: published, class B all the way
    from the published node, not confined; a publication counts once the index has it."""
    return catalogue_public(record, strict=True)
