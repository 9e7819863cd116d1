"""Letters arriving: an Incoming per internal inbox when a letter is sent, and registering an
Incoming (its agenda number, its thread, its work queues), whether at sending, by a clerk's
click, or for a letter from outside.

When a letter is sent (dispatch.deliver), each internal inbox it lands in gets one Incoming:
its unit, the position it is addressed to (the inbox's position; for a unit without a head
of its own, the nearest head above it in the unit tree; when there is none either, "" and
the letter waits unregistered, even under auto_register, for the unit's clerks to name the
position when they register it: a registered letter nobody is addressed holds nobody's
queue and nobody may act on it), the sender (the sending unit and the
signer's position), the letter's number, date, hal, sifat, urgency, classification and class.
With `registry.auto_register` (the default) it is registered in the same transaction by
"system"; otherwise it waits in the unit's `unregistered` queue for its pencatat.

Functions here change objects in the caller's transaction; they commit and audit nothing.
"""

from __future__ import annotations

from repository.core import clock
from repository.core.content import Pemda, Unit
from repository.core.keys import Keyring
from repository.letters import (
    agenda,
    messages,  # noqa: F401  (registers the catalogue)
    threads,
    workindex,
)
from repository.letters.model import SECURITY_OF_SIFAT, Delivery, Incoming, Letter, Registry, new_id


def security_of(letter: Letter) -> str:
    """The class fixed at signing, else the sifat's (as views.security says of a letter)."""
    return letter.security or SECURITY_OF_SIFAT.get(letter.field("sifat", "biasa"), "R")


def sender_of(pemda: Pemda, registry: Registry, letter: Letter) -> str:
    """ "Dinas Kesehatan — Kepala Dinas Kesehatan": the sending unit and its signer."""
    unit = pemda.units.get(letter.unit)
    signer = registry.positions.get(letter.field("signer", ""))
    parts = [unit.name if unit is not None else letter.unit]
    if signer is not None:
        parts.append(signer.name)
    return " — ".join(parts)


def arrive(
    pemda: Pemda,
    registry: Registry,
    letter: Letter,
    inbox: str,
    delivery: Delivery,
    keyring: Keyring,
) -> Incoming:
    """The Incoming of one delivery (once: a delivery that names one already keeps it),
    registered at once when the Pemda registers internal letters automatically."""
    table = registry.table("incoming")
    found = table.get(delivery.incoming) if delivery.incoming else None
    if found is not None:
        return found
    kind, _, code = inbox.partition(":")
    position = registry.positions.get(code) if kind == "position" else None
    unit = position.unit if position is not None else code
    incoming = Incoming(new_id(), unit, "internal", clock.today())
    while incoming.id in table:
        incoming.id = new_id()
    _copy_letter(pemda, registry, letter, incoming)
    incoming.kind = delivery.kind
    incoming.addressed = (
        position.code if position is not None else nearest_head(pemda, registry, unit)
    )
    table[incoming.id] = incoming
    delivery.incoming = incoming.id
    incoming.log(threads.SYSTEM, "arrived", letter.number)
    if registry.auto_register and incoming.addressed:
        register(pemda, registry, incoming, threads.SYSTEM, keyring)
    else:
        workindex.add(registry, "unregistered", f"unit:{unit}", incoming.id)
    return incoming


def head_of(registry: Registry, unit_code: str) -> str | None:
    """The code of the unit's own head (its active position of the lowest rank number)."""
    heads = [p for p in registry.positions.values() if p.unit == unit_code and p.active and p.rank]
    return min(heads, key=lambda p: (p.rank, p.code)).code if heads else None


def nearest_head(pemda: Pemda, registry: Registry, unit_code: str) -> str:
    """The head of the unit, else of the nearest unit above it that has one; "" when no
    unit up the tree has a head position (the clerks then name the addressee)."""
    node = pemda.units.get(unit_code)
    while isinstance(node, Unit):
        head = head_of(registry, node.code)
        if head:
            return head
        node = node.parent
    return ""


def _copy_letter(pemda: Pemda, registry: Registry, letter: Letter, incoming: Incoming) -> None:
    incoming.letter_id = letter.id
    incoming.sender = sender_of(pemda, registry, letter)
    incoming.their_number, incoming.their_date = letter.number, letter.date
    incoming.hal = letter.field("hal", "")
    incoming.sifat = letter.field("sifat", "biasa")
    incoming.urgency = letter.field("urgency", "biasa")
    incoming.classification = letter.field("classification", "")
    incoming.security = security_of(letter)
    lampiran = len(letter.lampiran)
    incoming.attachments_note = f"{lampiran} berkas" if lampiran else ""


def register(
    pemda: Pemda, registry: Registry, incoming: Incoming, actor: str, keyring: Keyring
) -> None:
    """Registers the letter: the agenda number, the thread (with the internal letter's
    signed PDF copied into it) and the work queues of its addressee, all in the caller's
    transaction."""
    day = clock.today()
    agenda.allocate(registry, incoming, day)
    incoming.state = "registered"
    incoming.registered_at, incoming.registered_by = clock.utcnow(), actor
    thread = threads.open_thread(pemda, registry, incoming, actor)
    letter = registry.letters.get(incoming.letter_id) if incoming.letter_id else None
    if letter is not None and not thread.children:
        threads.file_copy(pemda, thread, letter, keyring, actor)
    queue_registered(registry, incoming)
    incoming.log(actor, "registered", incoming.agenda)


def queue_registered(registry: Registry, incoming: Incoming) -> None:
    """The work queues a registration changes (workindex's table: a letter "to" waits to be
    read and acted on by its addressee; a tembusan only to be read)."""
    workindex.remove(registry, "unregistered", f"unit:{incoming.unit}", incoming.id)
    if not incoming.addressed:
        return
    owner = f"position:{incoming.addressed}"
    if incoming.kind == "cc":
        workindex.add(registry, "cc_unread", owner, incoming.id)
    else:
        workindex.add(registry, "incoming_unread", owner, incoming.id)
        workindex.add(registry, "incoming_open", owner, incoming.id)
    workindex.add(registry, "party", owner, incoming.id)
