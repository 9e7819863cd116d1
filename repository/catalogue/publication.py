"""Publishing a node to the public catalogue and withdrawing it: access changes the index must
follow, made the way records/sharing.py makes them.

- Publishing marks the node (`Record.published`, with the mark of the index queue after its
  subtree) and queues the whole subtree: the catalogue's search finds it once the worker has
  reindexed it, and its record view waits for the same moment (`catalogue_public`, strict).
- Only a node that is of class B, as every record above it is, may be published: what lies
  inside a T, R or SR node is never public (`catalogue_public`).
- Withdrawing takes the mark away at once, from the node and from every node below it that
  was published on its own (the record views stop at once), and restricts the catalogue
  principal on the subtree until the index has caught up, so search hides it too.
- Only a fonds, series or berkas is published; an item is public through its berkas.
"""

from __future__ import annotations

from repository.catalogue.model import catalogue_for_write, catalogue_of
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
    above = closed_above(record)
    if above is not None:
        raise InvalidInput(
            "catalogue_publish_class_above",
            refcode=above.reference_code, title=above.title, security=above.security,
        )  # fmt: skip
    if record.published:
        return 0
    count = sum(1 for _ in descendants(record))
    mark = enqueue_subtree(pemda, record)
    record.published = (actor, clock.now().isoformat(timespec="seconds"), mark)
    lazy_tree(catalogue_for_write(pemda), "roots")[record.id] = True
    record.add_history(actor, "published")
    return count


def closed_above(record: Record) -> Record | None:
    """The nearest record above that is not of class B: nothing inside it can be public."""
    for node in reversed(record.ancestors()):
        if isinstance(node, Record) and node.security != "B":
            return node
    return None


def unpublish(pemda: Pemda, record: Record, actor: str) -> tuple[int, list[str]]:
    """Withdraws the node and every node below it that was published on its own, so that what
    the archivist withdraws leaves the catalogue whole. Returns how many records the subtree
    holds and the ids of the nodes below that were withdrawn with it."""
    if not record.published:
        raise InvalidInput("catalogue_not_published")
    below = published_below(pemda, record)
    roots = lazy_tree(catalogue_for_write(pemda), "roots")
    for node in (record, *below):
        node.published = None
        roots.pop(node.id, None)
        node.add_history(actor, "unpublished")
    mark = enqueue_subtree(pemda, record)
    restrict(pemda, [CATALOGUE_PRINCIPAL], record, clock.today(), mark)
    return sum(1 for _ in descendants(record)), [node.id for node in below]


def published_below(pemda: Pemda, record: Record) -> list[Record]:
    """The nodes below `record` that were published on their own (from the roots, which are
    few: no walk of the subtree)."""
    return [
        node
        for node in published_roots(pemda)
        if node is not record and any(above is record for above in node.ancestors())
    ]


def published_above(record: Record) -> str | None:
    """The id of the nearest record above that is published too, or None."""
    for node in reversed(record.ancestors()):
        if isinstance(node, Record) and node.published:
            return node.id
    return None


def published_roots(pemda: Pemda) -> list[Record]:
    """Every node published explicitly and still there, whatever its state now (a root
    reclassified to T stays listed for the archivist, marked not public)."""
    catalogue = catalogue_of(pemda)
    roots = (catalogue.roots or {}) if catalogue is not None else {}
    return [pemda.records[rid] for rid in roots if rid in pemda.records]


def is_public(record: Record) -> bool:
    """What the catalogue's views check on the live record: published at or above it, class
    B all the way up, not confined; a publication counts once the index has it."""
    return catalogue_public(record, strict=True)
