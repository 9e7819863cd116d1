"""Which of one's work queues an item is in, and the line a queue shows for it.

The queues are read from the work-queue index (workindex.py), never by scanning letters: the
index names the candidates of a caller's positions (and of the units where they keep the
agenda), and each candidate is checked here again with the visibility rule before it is
listed, since an index is not a permission. Outgoing letters in progress are kept in the
lists of whoever they wait for (the author's drafts, the verifier's or signer's position, the
signed letters of the author, signer and the unit's clerks) by `track`, called wherever a
letter's state changes, in that transaction.

Pure functions over the caller's transaction: they read and change objects, commit nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from BTrees.OOBTree import OOTreeSet

from repository.core.content import Pemda
from repository.letters import notify, views, workflow, workindex
from repository.letters.model import Disposition, Incoming, Letter, Registry
from repository.letters.views import Who

OUTGOING = ("to_verify", "to_sign", "signed")  # Kotak Masuk's outgoing queues
WAITING_STATES = frozenset({"verification", "ready", "signed"})
INCOMING = ("unregistered", "incoming_unread", "incoming_open", "cc_unread")
DISPOSITIONS = ("disp_unread", "disp_open", "disp_overdue")
QUEUES = (*OUTGOING, *INCOMING, *DISPOSITIONS)
# the order people work in, on every screen that lists the queues (Kotak Masuk, Beranda,
# `lontar inbox`): what blocks others first, then what only informs
QUEUE_ORDER = (
    "to_sign",
    "to_verify",
    "signed",
    "unregistered",
    "disp_overdue",
    "disp_unread",
    "disp_open",
    "incoming_unread",
    "incoming_open",
    "cc_unread",
)
RECENT_SENT = 200  # Naskah Keluar's "sent" tab: the newest of the caller's registers
LISTS_VERSION = 1  # Registry.outgoing_lists once the per-owner lists are built
LEGACY_OPEN = "open|all"  # the one list of every letter in progress, before the owners' lists


# -- keeping the outgoing lists -------------------------------------------------------------------
def track(registry: Registry, letter: Letter) -> None:
    """Moves the letter to the work lists of its state (workindex.OUTGOING: the author's
    drafts, the verifier's or signer's position, ...), out of the ones it left (its `queued`,
    so no list is searched); and when it now waits for a verifier's paraf or the signer,
    queues that notification (notify.py: only when e-mail is switched on)."""
    _place(registry, letter)
    if not registry.outgoing_lists and _only_letter(registry, letter):
        registry.outgoing_lists = LISTS_VERSION  # a new registry: its lists are complete
        (registry.work or {}).pop(LEGACY_OPEN, None)
    waiting = waits_for(letter)
    if waiting:
        event, position = waiting
        notify.enqueue(registry, event, f"position:{position}", letter.id)


def lists_of(letter: Letter) -> tuple[str, ...]:
    """The work lists ("QUEUE|OWNER") a letter belongs in by its state; none once it is sent,
    rejected or withdrawn."""
    state, author = letter.state, f"user:{letter.author}"
    if state in ("draft", "returned"):
        return (workindex.key("drafts" if state == "draft" else "returned", author),)
    if state in ("signing", "unknown"):
        return (workindex.key("unknown", "all"),)
    if state == "signed":
        owners = [author, f"user:{letter.signed_by}" if letter.signed_by else author]
        owners.append(f"unit:{letter.unit}")
        return tuple(workindex.key("signed", o) for o in dict.fromkeys(owners))
    waiting = waits_for(letter)
    return (workindex.key(waiting[0], f"position:{waiting[1]}"),) if waiting else ()


def _place(registry: Registry, letter: Letter) -> None:
    wanted, was = lists_of(letter), letter.queued
    if wanted == was:
        return
    for name in was:
        if name not in wanted:
            workindex.remove(registry, *name.split("|", 1), letter.id)
    for name in wanted:
        if name not in was:
            workindex.add(registry, *name.split("|", 1), letter.id)
    letter.queued = wanted


def _only_letter(registry: Registry, letter: Letter) -> bool:
    letters = registry.letters
    return letters.minKey() == letter.id == letters.maxKey()


def waits_for(letter: Letter) -> tuple[str, str] | None:
    """("to_verify" | "to_sign", position code) when the letter waits for a person."""
    if letter.state == workflow.VERIFICATION:
        code = workflow.current_verifier(letter)
        return ("to_verify", code) if code else None
    if letter.state == workflow.READY:
        signer = letter.field("signer", "")
        return ("to_sign", signer) if signer else None
    return None


def needs_lists(registry: Registry | None) -> bool:
    """A registry written before the per-owner lists (with `open|all`, or none at all)."""
    return (
        registry is not None and registry.outgoing_lists < LISTS_VERSION and bool(registry.letters)
    )


def build_lists(registry: Registry) -> int:
    """Once, for a registry written before the lists: every outgoing list emptied, then every
    letter placed by its state (no notification: nothing new waits). Returns how many letters
    are in a list."""
    work = registry.table("work")
    for queue in workindex.OUTGOING:
        for owner in workindex.owners(registry, queue):
            del work[workindex.key(queue, owner)]
    work.pop(LEGACY_OPEN, None)
    placed = 0
    for letter in registry.letters.values():
        wanted = lists_of(letter)
        for name in wanted:
            work.setdefault(name, OOTreeSet()).add(letter.id)
        if letter.queued != wanted:
            letter.queued = wanted
        placed += bool(wanted)
    registry.outgoing_lists = LISTS_VERSION
    return placed


def candidates(
    pemda: Pemda, registry: Registry, who: Who, wanted: Iterable[str] = workindex.OUTGOING
) -> Iterable[Letter]:
    """The letters in the caller's outgoing lists: their own (user:), their positions' on the
    day, the units where they are a clerk, and the few being signed; each once."""
    user, held = f"user:{who.caller.name}", [f"position:{c}" for c in sorted(who.held)]
    owners = {"drafts": [user], "returned": [user], "to_verify": held, "to_sign": held}
    owners["signed"] = [user, *unit_owners(pemda, registry, who, "signed")]
    owners["unknown"] = ["all"]
    seen: set[str] = set()
    for queue in wanted:
        for letter_id in workindex.ids(registry, queue, owners[queue]):
            letter = registry.letters.get(letter_id) if letter_id not in seen else None
            seen.add(letter_id)
            if letter is not None:
                yield letter


# -- which queue ----------------------------------------------------------------------------------
def outgoing_queue(pemda: Pemda, letter: Letter, who: Who, clerks: dict | None = None) -> str:
    """The outgoing queue a letter is in for the caller, "" when none (Naskah Keluar's rules:
    the author's drafts, what waits for one's paraf or signature, what the signing unit's
    clerks send). `clerks` remembers per unit whether the caller is a clerk there, for a
    caller going through many letters."""
    mine = letter.author == who.caller.name
    state = letter.state
    if state in ("draft", "returned"):
        return ("drafts" if state == "draft" else "returned") if mine else ""
    if state == "verification":
        return "to_verify" if workflow.current_verifier(letter) in who.held else ""
    if state == "ready":
        return "to_sign" if letter.field("signer", "") in who.held else ""
    if state in ("signing", "unknown"):
        return "unknown"
    if state in ("signed", "sent"):  # outgoing work: not the recipients' (their inbox is)
        ours = mine or letter.signed_by == who.caller.name
        return state if ours or _clerk(pemda, who, letter.unit, clerks) else ""
    return ""


def _clerk(pemda: Pemda, who: Who, unit: str, clerks: dict | None) -> bool:
    if clerks is None:
        return bool(who.roles(pemda, unit) & views.CLERKS)
    if unit not in clerks:
        clerks[unit] = bool(who.roles(pemda, unit) & views.CLERKS)
    return clerks[unit]


def waiting_outgoing(pemda: Pemda, registry: Registry, who: Who) -> Iterable[tuple[str, Letter]]:
    """(queue, letter) of the letters in progress that wait for the caller: to verify, to
    sign, signed not sent, from the caller's lists, each checked again by the queue rules."""
    clerks: dict[str, bool] = {}
    for letter in candidates(pemda, registry, who, OUTGOING):
        if letter.state not in WAITING_STATES:
            continue
        queue = outgoing_queue(pemda, letter, who, clerks)
        if queue in OUTGOING:
            yield queue, letter


def recent_sent(pemda: Pemda, registry: Registry, who: Who, years: Iterable[int]) -> list[Letter]:
    """Sent letters for Naskah Keluar's "sent" tab without scanning every letter: the newest
    RECENT_SENT lines of the agenda keluar of the given years, of the units the caller has a
    role in (directly, above, or across the Pemda) or holds a position in (an author writes
    for their unit), newest first and RECENT_SENT at most."""
    units = {registry.positions[c].unit for c in who.held if c in registry.positions}
    wanted = {str(y) for y in years}
    found: list[Letter] = []
    for key, book in registry.register.items():
        unit, _, year = key.rpartition("|")
        if year in wanted and (unit in units or who.roles(pemda, unit)):
            found += _newest_sent(registry, book)
    found.sort(key=lambda letter: letter.sent_at or letter.created, reverse=True)
    return found[:RECENT_SENT]


def _newest_sent(registry: Registry, book) -> list[Letter]:
    found: list[Letter] = []
    for value in list(book.values())[-RECENT_SENT:]:
        letter = registry.letters.get(value)
        if letter is not None and letter.state == "sent":
            found.append(letter)
    return found


def unit_owners(
    pemda: Pemda, registry: Registry, who: Who, queue: str = "unregistered"
) -> list[str]:
    """ "unit:CODE" of the units with a list of the queue (letters waiting to be registered,
    signed letters not sent) where the caller is a clerk: a range of the index's keys, not
    every unit."""
    units = (o[len("unit:") :] for o in workindex.owners(registry, queue) if o.startswith("unit:"))
    return [f"unit:{code}" for code in units if who.roles(pemda, code) & views.CLERKS]


def overdue(disposition: Disposition, today: dt.date) -> bool:
    due = disposition.due
    return due is not None and due < today and disposition.closed_at is None and disposition.live


# -- the lines ------------------------------------------------------------------------------------
def letter_row(pemda: Pemda, registry: Registry, letter: Letter, queue: str) -> dict:
    return {
        "id": letter.id,
        "kind": "letter",
        "queue": queue,
        "hal": letter.field("hal", ""),
        "from": views.person(pemda, letter.author),
        "agenda": letter.number,
        "at": views.iso(letter.created),
        "due": None,
        "state": letter.state,
        "withheld": False,
        "target": letter.id,
    }


def incoming_row(pemda: Pemda, registry: Registry, incoming: Incoming, who: Who, queue: str):
    """Defensive: a letter above the caller's clearance (the visibility check has already
    left it out) would show no hal and no sender."""
    seen = who.caller.sees_class(incoming.security or "B")
    return {
        "id": incoming.id,
        "kind": "incoming",
        "queue": queue,
        "hal": incoming.hal if seen else "",
        "from": incoming.sender if seen else "",
        "agenda": incoming.agenda,
        "at": views.iso(incoming.received),
        "due": None,
        "state": incoming.state,
        "withheld": not seen,
        "target": incoming.id,
    }


def disposition_row(
    pemda: Pemda, registry: Registry, disposition: Disposition, incoming: Incoming, who: Who,
    queue: str,
) -> dict:  # fmt: skip
    line = incoming_row(pemda, registry, incoming, who, queue)
    giver = views.position_name(registry, disposition.from_position)
    person = views.person(pemda, disposition.from_account)
    line.update(
        id=disposition.id,
        kind="disposition",
        **{"from": f"{giver} ({person})" if person else giver},
        at=views.iso(disposition.at),
        due=views.iso(disposition.due),
        state=_disposition_state(disposition),
        target=incoming.id,
    )
    return line


def _disposition_state(disposition: Disposition) -> str:
    if not disposition.live:
        return "cancelled"
    if disposition.closed_at is not None:
        return "closed"
    return "read" if disposition.read_at is not None else "unread"
