"""The OAI-PMH ledger: every record that was ever public in the catalogue, with the datestamp
of the last change to what the catalogue shows of it, so that a harvester sees additions,
changes and withdrawals (`deletedRecord=persistent`: a withdrawn record stays, marked deleted).

It follows the index, not the write: `follow` runs in the transaction in which the index
writer forgets the queue entries it applied (`content.AFTER_INDEXING`), with the ids of the
batch. An entry is live exactly when the catalogue's views show the record at that moment
(`security.catalogue_public`, strict: a publication or a lowered class counts once the index
has all of it); a record the index has as public but the views not yet waits in `pending`
(and an entry that was live is deleted meanwhile, so its return gets a new datestamp).
Layout (on `pemda.catalogue`, model.py):

    ledger     id -> entry tuple (seq, datestamp, deleted, sets, refcode, digest, former)
    order      IOBTree seq -> id: every id ever public, append-only, seq dense from 1
    set_order  set spec -> IOBTree pos -> id: every id ever in the set, append-only, dense
    stamps     (datestamp, id) -> None: the current datestamp of each entry, for from/until
    refcodes   reference code -> id: every code a record had while public (permanent URLs)
    pending    (queue key, id) -> None: public for the index, not yet for the views (below)
    generation +1 with every change of the ledger (invalidates date-range resumption tokens)

The append-only orders make resumption by position stable: a harvest without from/until that
started before a publication still ends with every record, the new ones last. Entries are
plain tuples (no class of ours in the pickle), read through `Entry`.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from typing import NamedTuple

from BTrees.IOBTree import IOBTree
from BTrees.OOBTree import OOBTree

from repository.catalogue.model import Catalogue, catalogue_of
from repository.catalogue.views import node_dict
from repository.core import clock
from repository.core.content import AFTER_INDEXING, Pemda, Record, Unit, lazy_tree, queue_key
from repository.core.security import catalogue_public, owning_unit

DATESTAMP = "%Y-%m-%dT%H:%M:%SZ"  # OAI-PMH's seconds granularity, always UTC
OPD_SET = "opd:"
LEVEL_SET = "level:"
# what the catalogue shows of a record that its neighbours do not decide: a change here is a
# change a harvester must see (breadcrumbs and the parent follow the neighbours' own entries)
DIGESTED = (
    "refcode", "title", "level", "date_start", "date_end", "unit", "creator", "classification",
    "scope", "languages", "digital", "files", "description", "access_conditions",
    "reproduction_conditions", "downloads",
)  # fmt: skip


class Entry(NamedTuple):
    seq: int
    datestamp: str
    deleted: bool
    sets: tuple[str, ...]
    refcode: str
    digest: str
    former: tuple[str, ...]  # sets it left: a harvest of such a set lists it as deleted


def entry_of(catalogue: Catalogue | None, record_id: str) -> Entry | None:
    ledger = catalogue.ledger if catalogue is not None else None
    found = ledger.get(record_id) if ledger is not None else None
    return Entry._make(found) if found is not None else None


def datestamp_now() -> str:
    return clock.utcnow().strftime(DATESTAMP)


def top_unit(record: Record) -> Unit | None:
    """The OPD: the top-level unit above the record's unit."""
    unit = owning_unit(record)
    while unit is not None and isinstance(unit.parent, Unit):
        unit = unit.parent
    return unit


def set_specs(record: Record) -> tuple[str, ...]:
    """`opd:<top unit code>` and `level:<fonds|series|file|item>`."""
    top = top_unit(record)
    found = (f"{OPD_SET}{top.code}",) if top is not None else ()
    return (*found, f"{LEVEL_SET}{record.level}")


def digest(record: Record) -> str:
    """A fingerprint of the public projection, and of what makes it visible: a reindex that
    changed nothing a harvester sees (a share, a new description language above) keeps the
    datestamp; a record the views hid for a while (its fonds withdrawn and published again,
    a class raised and lowered again, before the index caught up) gets a new one, since a
    harvester may have seen it deleted meanwhile."""
    shown = node_dict(record)
    text = json.dumps(
        [[shown[name] for name in DIGESTED], visibility(record)], sort_keys=True, default=str
    )
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


def visibility(record: Record) -> list:
    """The marks that made the record visible: each lowered class on the way up, to the top
    (as `catalogue_public` walks: every record above must be of class B), and the
    publication of the nearest published node."""
    found, published, node = [], [], record
    while isinstance(node, Record):
        found.append(node.lowered_from)
        if node.published and not published:
            published = [node.id, node.published]
        node = node.parent
    return [*found, *published]


def follow(pemda: Pemda, ids: list[str]) -> None:
    """The after-indexing hook. Cheap for what is not public: nothing at all before the first
    publication; then one ledger lookup and `catalogue_public` (a walk of at most the
    record's ancestors) per id that never was public."""
    catalogue = catalogue_of(pemda)
    if catalogue is None or not (catalogue.roots or catalogue.ledger):
        return
    changed = False
    for record_id in dict.fromkeys([*ids, *_due(pemda, catalogue)]):
        changed |= _follow_one(pemda, catalogue, record_id)
    if changed:
        # a plain int on the Catalogue: only the index writer (one process, one batch at a
        # time, this hook) ever writes it, so it never conflicts with itself
        catalogue.generation += 1


def _follow_one(pemda: Pemda, catalogue: Catalogue, record_id: str) -> bool:
    record = pemda.records.get(record_id)
    entry = entry_of(catalogue, record_id)
    if record is not None and catalogue_public(record):
        if catalogue_public(record, strict=True):
            return _public(catalogue, record, entry)
        _pend(pemda, catalogue, record_id)  # the views wait for the index: so does the ledger
    if entry is None or entry.deleted:
        return False
    _store(catalogue, record_id, entry, entry._replace(deleted=True))
    return True


# -- records the index has and the views do not show yet --------------------------------------
# A publication (or a lowered class) counts for the catalogue's views once the index has the
# whole subtree (`catalogue_public(strict=True)`); the index applies it 500 records at a time.
# A record of an early batch waits here, keyed by the last queue key of that moment, and
# enters the ledger once the queue has passed that key: its datestamp is then the moment it
# became visible, so no harvester can have seen it before under that datestamp.
PENDING_BATCH = 1000


def _pend(pemda: Pemda, catalogue: Catalogue, record_id: str) -> None:
    queue = pemda.index_queue
    bound = queue.maxKey() if queue else ""
    _pending(catalogue)[(bound, record_id)] = None


def _pending(catalogue: Catalogue) -> OOBTree:
    found = getattr(catalogue, "pending", None)
    if found is None:
        found = catalogue.pending = OOBTree()
    return found


def _due(pemda: Pemda, catalogue: Catalogue) -> list[str]:
    """Up to PENDING_BATCH waiting ids whose bound the queue has passed, taken out. If more
    are due, one of them goes back on the index queue, so the writer comes back for them
    (reindexing one record is cheap; a transaction of 100k ledger entries is not)."""
    pending = getattr(catalogue, "pending", None)
    if not pending:
        return []
    queue = pemda.index_queue
    first = queue.minKey() if queue else None
    keys = pending.keys(max=(first,), excludemax=True) if first is not None else pending.keys()
    taken = list(itertools.islice(keys, PENDING_BATCH + 1))
    for key in taken:
        del pending[key]
    if len(taken) > PENDING_BATCH:
        queue[queue_key()] = taken.pop()[1]  # followed again when the writer has it
    return [record_id for _, record_id in taken]


def _public(catalogue: Catalogue, record: Record, entry: Entry | None) -> bool:
    sets, code, fingerprint = set_specs(record), record.reference_code, digest(record)
    refcodes = lazy_tree(catalogue, "refcodes")
    if refcodes.get(code) != record.id:
        refcodes[code] = record.id
    if entry is None:
        seq = _append(_order(catalogue), record.id)
        for spec in sets:
            _append(_set_order(catalogue, spec), record.id)
        _store(catalogue, record.id, None, Entry(seq, "", False, sets, code, fingerprint, ()))
        return True
    if (entry.deleted, entry.sets, entry.refcode, entry.digest) == (False, sets, code, fingerprint):
        return False
    known = set(entry.sets) | set(entry.former)
    for spec in sets:
        if spec not in known:
            _append(_set_order(catalogue, spec), record.id)
    former = tuple(sorted(known - set(sets)))
    new = entry._replace(deleted=False, sets=sets, refcode=code, digest=fingerprint)
    _store(catalogue, record.id, entry, new._replace(former=former))
    return True


def _store(catalogue: Catalogue, record_id: str, old: Entry | None, new: Entry) -> None:
    """Writes the entry with a new datestamp (now) and moves its key in `stamps`."""
    stamps = lazy_tree(catalogue, "stamps")
    if old is not None:
        stamps.pop((old.datestamp, record_id), None)
    new = new._replace(datestamp=datestamp_now())
    stamps[(new.datestamp, record_id)] = None
    lazy_tree(catalogue, "ledger")[record_id] = tuple(new)


def _order(catalogue: Catalogue) -> IOBTree:
    if catalogue.order is None:
        catalogue.order = IOBTree()
    return catalogue.order


def _set_order(catalogue: Catalogue, spec: str) -> IOBTree:
    trees = lazy_tree(catalogue, "set_order")
    tree = trees.get(spec)
    if tree is None:
        tree = trees[spec] = IOBTree()
    return tree


def _append(tree: IOBTree, record_id: str) -> int:
    position = size(tree) + 1
    tree[position] = record_id
    return position


def size(tree: IOBTree | None) -> int:
    """How many ids an order holds: positions are dense from 1, so the last one (`len` of a
    BTree would walk every bucket)."""
    if tree is None:
        return 0
    try:
        return tree.maxKey()
    except ValueError:  # empty
        return 0


if follow not in AFTER_INDEXING:
    AFTER_INDEXING.append(follow)
