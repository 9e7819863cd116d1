"""Pemindahan (transfer): records whose active retention has ended move from the unit that
made them (unit pengolah) into the custody of the unit kearsipan. Penyerahan (hand-over) of
permanent records to the regional archive (LKD) follows the same path: a list, the sign-off of
both heads, custody recorded on completion (`Handover`); its bag is made by bags.py.

A transfer is proposed with its list of records (daftar arsip usul pindah), signed off by the
head of each side (a Pejabat, or an Administrator, of the sending and of the receiving unit),
and carried out when both have signed: every record then records its new custody and the day.
The berita acara and the list are generated as one PDF (reports.py) at any state, so a draft
can be printed for the signatures on paper too.
"""

from __future__ import annotations

import datetime as dt

from BTrees.OOBTree import OOBTree
from persistent import Persistent

from repository.core import clock
from repository.core.content import Pemda, Record, lazy_tree, new_id, touch
from repository.core.errors import InvalidInput

SIDES = ("sender", "receiver")


class Transfer(Persistent):
    prefix = "PINDAH"
    container = "transfers"
    action = "transferred"

    def __init__(self, id: str, source: str, target: str, record_ids: tuple[str, ...]) -> None:
        self.id, self.source, self.target = id, source, target
        self.record_ids = record_ids
        self.created = clock.today()
        self.signoffs = OOBTree()  # side -> (account name, full name, date)
        self.done_on: dt.date | None = None

    @property
    def state(self) -> str:
        if self.done_on:
            return "done"
        return "signing" if len(self.signoffs) else "proposed"

    @staticmethod
    def settled(record: Record) -> bool:
        return record.transferred_on is not None

    def carry_out(self, record: Record) -> None:
        record.transferred_on, record.custody = self.done_on, self.target


class Handover(Transfer):
    """Permanent records given to the regional archive: the receiving side is the LKD's unit."""

    prefix = "SERAH"
    container = "handovers"
    action = "handed_over"

    @staticmethod
    def settled(record: Record) -> bool:
        return record.handed_over_on is not None

    def carry_out(self, record: Record) -> None:
        record.handed_over_on, record.custody = self.done_on, self.target


def transfers_of(pemda: Pemda, kind: type[Transfer] = Transfer) -> OOBTree:
    return lazy_tree(pemda, kind.container)


def propose(
    pemda: Pemda, source: str, target: str, records: list[Record], kind: type[Transfer] = Transfer
) -> Transfer:
    if not records:
        raise InvalidInput("transfer_empty")
    if source == target:
        raise InvalidInput("transfer_same_unit", unit=source)
    open_ones = transfers_of(pemda, kind).values()
    taken = {rid for t in open_ones if not t.done_on for rid in t.record_ids}
    clash = [r.id for r in records if r.id in taken or kind.settled(r)]
    if clash:
        raise InvalidInput("transfer_already", ids=", ".join(clash[:5]))
    transfer = kind(f"{kind.prefix}-{new_id()}", source, target, tuple(r.id for r in records))
    transfers_of(pemda, kind)[transfer.id] = transfer
    return transfer


def sign(pemda: Pemda, transfer: Transfer, side: str, who: tuple[str, str]) -> bool:
    """Records one side's sign-off; True when that completed the transfer."""
    if side not in SIDES:
        raise InvalidInput("bad_side", choices=", ".join(SIDES))
    if transfer.done_on:
        raise InvalidInput("transfer_done", id=transfer.id)
    transfer.signoffs[side] = (*who, clock.today())
    if len(transfer.signoffs) < len(SIDES):
        return False
    transfer.done_on = clock.today()
    for rid in transfer.record_ids:
        record = pemda.records.get(rid)
        if record is not None:
            transfer.carry_out(record)
            record.add_history(who[0], transfer.action, f"{transfer.id} → {transfer.target}")
            touch(pemda, record)
    return True


def as_dict(pemda: Pemda, transfer: Transfer) -> dict:
    return {
        "id": transfer.id,
        "source": transfer.source,
        "target": transfer.target,
        "state": transfer.state,
        "created": transfer.created.isoformat(),
        "done_on": transfer.done_on.isoformat() if transfer.done_on else None,
        "signoffs": {
            side: {"name": name, "full_name": full, "date": day.isoformat()}
            for side, (name, full, day) in transfer.signoffs.items()
        },
        "records": [_row(pemda.records.get(rid), rid) for rid in transfer.record_ids],
    }


def _row(record: Record | None, rid: str) -> dict:
    if record is None:
        return {"id": rid, "refcode": "-", "title": "-", "date": None, "code": ""}
    return {
        "id": rid,
        "refcode": record.reference_code,
        "title": record.title,
        "date": record.date_start.isoformat() if record.date_start else None,
        "code": record.classification,
    }
