"""The work queues' index: for each queue and owner, the ids in it, kept in the same
transaction as the change that puts an item in or takes it out, so a queue is read by its
owner's key (a range of one tree), never by scanning every letter.

A list key is "QUEUE|OWNER": OWNER is "position:CODE", "unit:CODE" or "user:NAME".
Queues (ids are letter, incoming or disposition ids as the queue says):

    drafts          user:NAME       outgoing drafts of their author
    returned        user:NAME       outgoing letters sent back to their author
    to_verify       position:CODE   outgoing letters waiting for that verifier's paraf
    to_sign         position:CODE   outgoing letters ready, waiting for that signer
    signed          user:NAME, unit:CODE   signed, not sent: for the author and the signing
                                    account, and for the clerks of the letter's unit
    unknown         owner "all"     outgoing letters being signed or of unknown outcome
    unregistered    unit:CODE       incoming ids waiting for the unit's pencatat
    incoming_unread position:CODE   incoming ids addressed to it, not yet read by a holder
    incoming_open   position:CODE   incoming ids addressed to it, neither disposed nor closed
    cc_unread       position:CODE   tembusan (incoming kind "cc") not yet read
    disp_unread     position:CODE   disposition ids to it, not yet read
    disp_open       position:CODE   disposition ids to it, not closed nor cancelled
    party           position:CODE   incoming ids it takes part in (addressed, disposed to or
                                    from): what to re-confine when its holder changes

Lengths of these trees are small (what waits for one position), so len() is cheap.
"""

from __future__ import annotations

from collections.abc import Iterable

from BTrees.OOBTree import OOTreeSet

from repository.letters import notify
from repository.letters.model import Registry

OUTGOING = ("drafts", "returned", "to_verify", "to_sign", "signed", "unknown")  # queues.track
QUEUES = (
    *OUTGOING,
    "unregistered",
    "incoming_unread",
    "incoming_open",
    "cc_unread",
    "disp_unread",
    "disp_open",
    "party",
)


def key(queue: str, owner: str) -> str:
    if queue not in QUEUES:
        raise ValueError(queue)
    return f"{queue}|{owner}"


def add(registry: Registry, queue: str, owner: str, item: str) -> None:
    work = registry.table("work")
    found = work.get(key(queue, owner))
    if found is None:
        found = work[key(queue, owner)] = OOTreeSet()
    if found.add(item):
        notify.on_queue(registry, queue, owner, item)  # an e-mail, when switched on (C)


def remove(registry: Registry, queue: str, owner: str, item: str) -> None:
    found = (registry.work or {}).get(key(queue, owner))
    if found is not None and item in found:
        found.remove(item)


def owners(registry: Registry | None, queue: str) -> list[str]:
    """The owners that have a list of the queue (a range of the index's keys, not a scan):
    e.g. the units with signed letters, to keep those where the caller is a clerk."""
    work = getattr(registry, "work", None)
    if not work:
        return []
    prefix = key(queue, "")
    found = work.items(min=prefix, max=prefix + "\uffff")
    return [name[len(prefix) :] for name, items in found if items]


def ids(registry: Registry | None, queue: str, owners: Iterable[str]) -> list[str]:
    """The ids in the queue for any of the owners (a caller's positions), de-duplicated."""
    work = getattr(registry, "work", None) or {}
    found: dict[str, None] = {}
    for owner in owners:
        for item in work.get(key(queue, owner), ()):
            found[item] = None
    return list(found)


def count(registry: Registry | None, queue: str, owners: Iterable[str]) -> int:
    return len(ids(registry, queue, owners))
