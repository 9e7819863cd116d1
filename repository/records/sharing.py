"""Shares, inheritance blocks and security-class changes: access changes the index must follow.

Such a change reaches every record below the node it is made on, so the whole subtree is
queued for reindexing in the same transaction. Until the worker has applied it, the stricter
of the old and the new rule holds:

* a change that *narrows* access (a share withdrawn or expired, a unit blocking inheritance,
  a class raised) takes effect in the database at once, and search hides the subtree from the
  principals that lose access through a *restriction* ("principal|subtree" -> (since, mark))
  until the index has caught up with `mark`;
* a change that *widens* access (a new share, a block lifted, a class lowered) carries the same
  mark and record views ignore it until the index has applied it (see `security`).

A share with an end date writes its restriction in advance (since = the day after the end);
the worker withdraws the share on that day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from BTrees.OOBTree import OOBTree

from repository.core import clock
from repository.core.content import Pemda, Record, Unit, check_security, queue_key
from repository.core.errors import InvalidInput
from repository.core.security import GLOBAL, Caller, index_settled, rank, reaching_units
from repository.records.units import get_unit

EVERYONE = "*"


def descendants(node: Unit | Record) -> Iterator[Record]:
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, Unit):
            stack.extend(current.subunits.values())
        stack.extend((current.children or {}).values())
        if isinstance(current, Record):
            yield current


def enqueue_subtree(pemda: Pemda, node: Unit | Record) -> str:
    """Queues every record below (and at) `node`; returns the mark the index must pass."""
    queue = pemda.index_queue
    for record in descendants(node):
        queue[queue_key()] = record.id
    return queue_key()


def subtree_key(node: Unit | Record) -> str:
    return f"unit:{node.code}" if isinstance(node, Unit) else node.id


def restrict(pemda: Pemda, principals, node, since: dt.date, mark: str | None) -> None:
    if pemda.restrictions is None:
        pemda.restrictions = OOBTree()
    for principal in principals:
        pemda.restrictions[f"{principal}|{subtree_key(node)}"] = (since, mark)


def share_principal(pemda: Pemda, target: str) -> str:
    """A unit (by code, or by its name: "Dinas Pendidikan") shares with everyone granted a
    role in that unit, an account name (or `user:NAME`) with that account alone."""
    target = " ".join((target or "").split())
    if target.lower().startswith("local:"):
        target = target[6:]
    name = target[5:].lower() if target.lower().startswith("user:") else target.lower()
    if not target.lower().startswith("user:"):
        if target.upper() in pemda.units:
            return f"local:{get_unit(pemda, target).code}"
        named = [u.code for u in pemda.units.values() if (u.name or "").lower() == name]
        if len(named) == 1:
            return f"local:{named[0]}"
    if name not in (pemda.accounts or {}):
        raise InvalidInput("unknown_share_target", target=target)
    return f"user:{name}"


def share(pemda: Pemda, record: Record, target: str, until: dt.date | None, actor: str) -> str:
    principal = share_principal(pemda, target)
    if until is not None and until < clock.today():
        raise InvalidInput("share_in_past", date=until.isoformat())
    if record.shares is None:
        record.shares = OOBTree()
    (pemda.restrictions or {}).pop(f"{principal}|{record.id}", None)
    mark = enqueue_subtree(pemda, record)
    record.shares[principal] = (until, mark)
    if until is not None:
        restrict(pemda, [principal], record, until + dt.timedelta(days=1), None)
    record.add_history(actor, "share", f"{principal} {until or '-'}")
    return principal


def unshare(pemda: Pemda, record: Record, target: str, actor: str) -> None:
    principal = share_principal(pemda, target)
    if principal not in (record.shares or {}):
        raise InvalidInput("not_shared", principal=principal)
    del record.shares[principal]
    mark = enqueue_subtree(pemda, record)
    restrict(pemda, [principal], record, clock.today(), mark)
    record.add_history(actor, "unshare", principal)


def set_blocking(pemda: Pemda, code: str, block: bool) -> None:
    unit = get_unit(pemda, code)
    if unit.block_inheritance == block:
        return
    above = reaching_units(unit.parent) if isinstance(unit.parent, Unit) else [GLOBAL]
    unit.block_inheritance = block
    mark = enqueue_subtree(pemda, unit)
    if block:
        restrict(pemda, [f"local:{c}" for c in above], unit, clock.today(), mark)
    else:
        unit.unblock_mark = mark


def change_class(pemda: Pemda, record: Record, security: str) -> None:
    """Raising hides the record from search until reindexed; lowering waits in views."""
    security = check_security(security)
    old = record.security
    if security == old:
        return
    record.security = security
    mark = enqueue_subtree(pemda, record)
    if rank(security) > rank(old):
        restrict(pemda, [EVERYONE], record, clock.today(), mark)
        record.lowered_from = None
    else:
        record.lowered_from = (old, mark)


def hidden_subtrees(pemda: Pemda, caller: Caller, today: dt.date | None = None) -> list[str]:
    """Subtrees search must hide from this caller while a narrowing change is being indexed."""
    today = today or clock.today()
    found = []
    for principal in [EVERYONE, *sorted(caller.principals)]:
        prefix = f"{principal}|"
        for key, (since, _) in (pemda.restrictions or OOBTree()).items(prefix, prefix + "\uffff"):
            if since <= today:
                found.append(key[len(prefix) :])
    return found


def settle_due(pemda: Pemda, today: dt.date | None = None) -> bool:
    """Whether `settle` has anything to do: read-only, so an idle worker writes nothing."""
    today = today or clock.today()
    for since, mark in (pemda.restrictions or {}).values():
        if since <= today and (mark is None or index_settled(pemda, mark)):
            return True
    return False


def settle(pemda: Pemda, today: dt.date | None = None) -> int:
    """The worker's job: withdraw expired shares and drop restrictions the index has passed."""
    today = today or clock.today()
    changed = 0
    for key, (since, mark) in list((pemda.restrictions or {}).items()):
        if since > today:
            continue
        if mark is None:
            principal, subtree = key.split("|", 1)
            pemda.restrictions[key] = (since, _withdraw(pemda, principal, subtree))
            changed += 1
        elif index_settled(pemda, mark):
            del pemda.restrictions[key]
            changed += 1
    return changed


def _withdraw(pemda: Pemda, principal: str, subtree: str) -> str:
    record = pemda.records.get(subtree)
    until = (record.shares or {}).get(principal, (None, None))[0] if record else None
    if until is not None and until < clock.today():
        del record.shares[principal]
        record.add_history("system", "share_expired", principal)
        return enqueue_subtree(pemda, record)
    return queue_key()
