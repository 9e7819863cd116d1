"""Disposition (disposisi): who may see a received letter, who may pass it on and to whom,
and the changes of its chain: given, cancelled while unread, read, closed (tindak lanjut),
and the letter marked as needing none or closed by its addressee.

The rule of who may see (views.sees_incoming) follows the chain: a subordinate cannot open
a letter before it is disposed to them, unless it is addressed to them; a classified letter
keeps its class on the whole chain, so a position none of whose holders is cleared for it
is refused as a target. Functions here change objects in the caller's transaction and keep
the work queues' index (workindex) in step; they commit nothing. The service (disposing.py)
re-confines the letter's thread after each change of the chain, in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import re

from repository.core import clock
from repository.core.content import Pemda, Unit
from repository.core.errors import AccessDenied, InvalidInput, RecordNotFound
from repository.core.i18n import MESSAGES
from repository.letters import (
    drafting,
    messages,  # noqa: F401  (registers the catalogue)
    positions,
    views,
    workindex,
)
from repository.letters.model import (
    DISPOSITION_KINDS,
    Disposition,
    Incoming,
    Position,
    Registry,
    new_id,
)
from repository.letters.views import Who

PRESETS = (
    "untuk_diketahui",
    "untuk_ditindaklanjuti",
    "siapkan_bahan",
    "hadiri_wakili",
    "koordinasikan",
    "untuk_diarsipkan",
    "saran_pendapat",
    "proses_sesuai_ketentuan",
)
OPEN_STATES = ("registered", "disposed")  # a letter can be disposed in these
MAX_NOTE = 2000
MAX_LABEL = 100
CODE = re.compile(r"^[a-z][a-z0-9_]{1,39}$")
NOT_FOUND = "incoming_not_found"
DISPOSITION_NOT_FOUND = "disposition_not_found"


# -- finding what the caller may see ------------------------------------------------------------
def may_see(pemda: Pemda, registry: Registry | None, incoming: Incoming, who: Who) -> bool:
    return registry is not None and views.sees_incoming(pemda, registry, incoming, who)


def find_incoming(pemda: Pemda, registry: Registry | None, who: Who, incoming_id: str) -> Incoming:
    """The incoming letter, or `incoming_not_found` whether it is missing or not the caller's."""
    table = getattr(registry, "incoming", None) or {}
    found = table.get(str(incoming_id or ""))
    if found is None or not may_see(pemda, registry, found, who):
        raise RecordNotFound(NOT_FOUND, id=incoming_id)
    return found


def find_disposition(
    pemda: Pemda, registry: Registry | None, who: Who, disposition_id: str
) -> tuple[Disposition, Incoming]:
    table = getattr(registry, "dispositions", None) or {}
    found = table.get(str(disposition_id or ""))
    incoming = (getattr(registry, "incoming", None) or {}).get(found.incoming_id) if found else None
    if incoming is None or not may_see(pemda, registry, incoming, who):
        raise RecordNotFound(DISPOSITION_NOT_FOUND, id=disposition_id)
    return found, incoming


def chain(registry: Registry, incoming: Incoming) -> list[Disposition]:
    """Its dispositions in the order given, cancelled ones included."""
    table = getattr(registry, "dispositions", None) or {}
    return [table[i] for i in incoming.disposed.values() if i in table]


def is_open(disposition: Disposition) -> bool:
    return disposition.live and disposition.closed_at is None


# -- instructions -------------------------------------------------------------------------------
def instruction_codes(registry: Registry | None) -> list[str]:
    """The presets in their order, then the Pemda's own codes."""
    stored = getattr(registry, "instructions", None) or {}
    return [*PRESETS, *sorted(code for code in stored if code not in PRESETS)]


def instruction_label(registry: Registry | None, code: str) -> dict[str, str]:
    """{"id": ..., "en": ...}: the Pemda's own labels, else the catalogue's for a preset."""
    stored = (getattr(registry, "instructions", None) or {}).get(code)
    if stored and stored[0]:
        return {"id": stored[0], "en": stored[1] or stored[0]}
    return dict(MESSAGES.get(f"disposition_instruction_{code}", {"id": code, "en": code}))


def seed_instructions(registry: Registry) -> None:
    """The presets as the table's first rows (labels from the catalogue)."""
    table = registry.table("instructions")
    for code in PRESETS:
        if code not in table:
            table[code] = ("", "")


def save_instruction(registry: Registry, code: str, label_id: str, label_en: str) -> str:
    code = str(code or "").strip().lower()
    if not CODE.match(code):
        raise InvalidInput("disposition_instruction_code_invalid", code=code)
    labels = [" ".join(str(v or "").split()) for v in (label_id, label_en)]
    if not all(labels) or any(len(v) > MAX_LABEL for v in labels):
        raise InvalidInput("disposition_instruction_label_required", limit=MAX_LABEL)
    seed_instructions(registry)
    registry.instructions[code] = tuple(labels)
    return code


# -- who may pass it on, and to whom ------------------------------------------------------------
def sources(registry: Registry, incoming: Incoming, who: Who) -> list[tuple[str, str]]:
    """[(position, parent disposition id)] the caller may dispose from: the addressed
    position once registered, and each open disposition to a position they hold."""
    if incoming.state not in OPEN_STATES:
        return []
    found = [(incoming.addressed, "")] if incoming.addressed in who.held else []
    for disposition in chain(registry, incoming):
        if is_open(disposition) and disposition.to_position in who.held:
            found.append((disposition.to_position, disposition.id))
    return found


def targets(pemda: Pemda, registry: Registry, source: str, kind: str) -> list[Position]:
    """Down: the active positions below `source`. Coordinate: the active positions beside it
    (see sideways)."""
    origin = registry.positions.get(source)
    if origin is None:
        return []
    above = {p.code for p in positions.chain_above(registry, origin.code)}
    found = []
    for position in registry.positions.values():
        if not position.active or position.code == origin.code:
            continue
        chain = {p.code for p in positions.chain_above(registry, position.code)}
        if kind == "down":
            if origin.code in chain:
                found.append(position)
        elif sideways(pemda, origin, position, above, chain):
            found.append(position)
    return sorted(found, key=lambda p: (p.unit, p.rank or 99, p.code))


def sideways(
    pemda: Pemda, origin: Position, position: Position, above: set[str], chain: set[str]
) -> bool:
    """Beside the origin: a sibling (same superior), or a position of the same SET rank in the
    same OPD; never one of its superiors nor its subordinates. An unset rank (0) is no rank:
    without it, "the same rank" would let a subordinate dispose up to the head."""
    if position.code in above or origin.code in chain:
        return False
    if origin.parent and position.parent == origin.parent:
        return True
    same_rank = bool(origin.rank) and position.rank == origin.rank
    return same_rank and same_tree(pemda, origin.unit, position.unit)


def top_unit(pemda: Pemda, code: str) -> str:
    unit = pemda.units.get(code)
    while unit is not None and isinstance(getattr(unit, "parent", None), Unit):
        unit = unit.parent
    return unit.code if unit is not None else code


def same_tree(pemda: Pemda, one: str, other: str) -> bool:
    return top_unit(pemda, one) == top_unit(pemda, other)


def target_rows(pemda: Pemda, registry: Registry, incoming: Incoming, who: Who) -> list[dict]:
    """What the dispose form offers: per position the caller may dispose from, the
    positions below it and, to coordinate, beside it, with who holds them today."""
    rows = []
    for source, parent in sources(registry, incoming, who):
        for kind in DISPOSITION_KINDS:
            for position in targets(pemda, registry, source, kind):
                entry = views.position_entry(pemda, registry, position.code, who.day)
                rows.append(
                    {
                        **entry,
                        "kind": kind,
                        "from": source,
                        "from_name": views.position_name(registry, source),
                        "parent": parent,
                        "cleared": cleared(pemda, position, incoming.security, who.day),
                    }
                )
    return rows


def cleared(pemda: Pemda, position: Position, security: str, day: dt.date) -> bool:
    """A position nobody holds today is not refused (it waits, as a letter's chain does)."""
    holders = [account for account, _ in position.holders_on(day)]
    return not holders or any(drafting.cleared(pemda, a, security or "B") for a in holders)


# -- giving -------------------------------------------------------------------------------------
def give(
    pemda: Pemda,
    registry: Registry,
    incoming: Incoming,
    who: Who,
    *,
    to: list[str],
    instructions: list[str],
    note: str = "",
    due: dt.date | str | None = None,
    kind: str = "down",
    parent: str = "",
) -> list[Disposition]:
    """One disposition per target position, from the caller's position (the addressee's,
    or the recipient's of `parent`); everything is checked before anything changes."""
    source, parent = pick_source(registry, incoming, who, parent)
    if kind not in DISPOSITION_KINDS:
        raise InvalidInput("disposition_kind_invalid", kind=str(kind))
    codes = checked_targets(pemda, registry, incoming, source, kind, to, who.day)
    chosen = checked_instructions(registry, instructions)
    note, due = checked_note(note, required=False), checked_due(due, who.day)
    read(registry, incoming, who)  # giving it on is reading it
    made = []
    for code in codes:
        made.append(_new(registry, incoming, who, source, code, chosen))
        made[-1].parent, made[-1].kind, made[-1].note, made[-1].due = parent, kind, note, due
    if incoming.state == "registered":
        incoming.state = "disposed"
        workindex.remove(registry, "incoming_open", f"position:{incoming.addressed}", incoming.id)
    workindex.add(registry, "party", f"position:{source}", incoming.id)
    incoming.log(who.caller.name, "disposition_given", ", ".join(codes))
    return made


def _new(
    registry: Registry, incoming: Incoming, who: Who, source: str, code: str, chosen
) -> Disposition:
    table = registry.table("dispositions")
    disposition_id = new_id()
    while disposition_id in table:
        disposition_id = new_id()
    made = Disposition(disposition_id, incoming.id, source, who.caller.name, code, chosen)
    table[disposition_id] = made
    sequence = (incoming.disposed.maxKey() + 1) if len(incoming.disposed) else 0
    incoming.disposed[sequence] = disposition_id
    owner = f"position:{code}"
    workindex.add(registry, "disp_unread", owner, disposition_id)
    workindex.add(registry, "disp_open", owner, disposition_id)
    workindex.add(registry, "party", owner, incoming.id)
    return made


def refused_state(incoming: Incoming) -> InvalidInput:
    """Not possible in the letter's state; the message names the state in words (one key
    per state, so both languages say it properly)."""
    return InvalidInput(f"disposition_incoming_state_{incoming.state}")


def pick_source(
    registry: Registry, incoming: Incoming, who: Who, parent: str = ""
) -> tuple[str, str]:
    """The position the caller disposes from: the one `parent` names, else the addressee's,
    else their latest open disposition's."""
    if incoming.state not in OPEN_STATES:
        raise refused_state(incoming)
    found = sources(registry, incoming, who)
    if parent:
        found = [entry for entry in found if entry[1] == parent]
    if not found:
        raise AccessDenied("disposition_not_allowed")
    return found[0] if not parent and found[0][1] == "" else found[-1]


def checked_targets(
    pemda: Pemda,
    registry: Registry,
    incoming: Incoming,
    source: str,
    kind: str,
    to: list[str],
    day: dt.date,
) -> list[str]:
    codes = list(dict.fromkeys(str(c or "").strip().upper() for c in to or () if c))
    if not codes:
        raise InvalidInput("disposition_target_required")
    allowed = {p.code: p for p in targets(pemda, registry, source, kind)}
    waiting = {d.to_position for d in chain(registry, incoming) if is_open(d)}
    for code in codes:
        position = allowed.get(code)
        if position is None:
            raise InvalidInput("disposition_target_invalid", position=code)
        if code in waiting:
            raise InvalidInput("disposition_target_duplicate", position=position.name)
        if not cleared(pemda, position, incoming.security, day):
            names = ", ".join(views.person(pemda, a) for a, _ in position.holders_on(day))
            raise InvalidInput("disposition_not_cleared", position=position.name, holder=names)
    return codes


def checked_instructions(registry: Registry, instructions: list[str]) -> tuple[str, ...]:
    known = set(instruction_codes(registry))
    chosen = tuple(dict.fromkeys(str(c or "").strip().lower() for c in instructions or () if c))
    if not chosen:
        raise InvalidInput("disposition_instruction_required")
    for code in chosen:
        if code not in known:
            raise InvalidInput("disposition_instruction_unknown", code=code)
    return chosen


def checked_note(note: str, required: bool) -> str:
    text = str(note or "").replace("\r\n", "\n").strip()
    if required and not text:
        raise InvalidInput("disposition_note_required")
    if len(text) > MAX_NOTE:
        raise InvalidInput("disposition_note_too_long", limit=MAX_NOTE)
    return text


def checked_due(due: dt.date | str | None, today: dt.date) -> dt.date | None:
    if due in (None, ""):
        return None
    try:
        day = due if isinstance(due, dt.date) else dt.date.fromisoformat(str(due).strip())
    except ValueError as exc:
        raise InvalidInput("disposition_due_invalid", value=str(due)) from exc
    if day < today:
        raise InvalidInput("disposition_due_past", due=day.isoformat())
    return day


# -- cancelling, reading, closing ---------------------------------------------------------------
def cancel(registry: Registry, incoming: Incoming, disposition: Disposition, who: Who) -> None:
    """By whoever gave it (or holds the position it came from), while nobody has read it."""
    if not (who.caller.name == disposition.from_account or disposition.from_position in who.held):
        raise AccessDenied("disposition_not_allowed")
    if not is_open(disposition) or disposition.read_at is not None:
        raise InvalidInput("disposition_not_cancellable")
    disposition.cancelled_at, disposition.cancelled_by = clock.utcnow(), who.caller.name
    owner = f"position:{disposition.to_position}"
    workindex.remove(registry, "disp_unread", owner, disposition.id)
    workindex.remove(registry, "disp_open", owner, disposition.id)
    for code in (disposition.to_position, disposition.from_position):
        if not is_party(registry, incoming, code):
            workindex.remove(registry, "party", f"position:{code}", incoming.id)
    settle(registry, incoming)
    incoming.log(who.caller.name, "disposition_cancelled", disposition.to_position)


def is_party(registry: Registry, incoming: Incoming, code: str) -> bool:
    if code == incoming.addressed:
        return True
    return any(
        d.live and code in (d.from_position, d.to_position) for d in chain(registry, incoming)
    )


def settle(registry: Registry, incoming: Incoming) -> None:
    """The letter's state from its chain: registered with no live disposition (back in the
    addressee's open list), done when every live one is closed, else disposed."""
    if incoming.state not in ("registered", "disposed", "done"):
        return
    live = [d for d in chain(registry, incoming) if d.live]
    state = "registered" if not live else "done"
    if any(d.closed_at is None for d in live):
        state = "disposed"
    if state == "registered" and incoming.state != "registered" and incoming.kind == "to":
        workindex.add(registry, "incoming_open", f"position:{incoming.addressed}", incoming.id)
    incoming.state = state


def unread(registry: Registry, incoming: Incoming, who: Who) -> bool:
    """Whether opening it now would set a read mark (so a page view writes only then)."""
    if incoming.addressed in who.held and incoming.addressed not in incoming.read:
        return incoming.state != "unregistered"
    return any(
        is_open(d) and d.to_position in who.held and d.read_at is None
        for d in chain(registry, incoming)
    )


def read(registry: Registry, incoming: Incoming, who: Who) -> None:
    """Read marks of the addressee and of the recipients of open dispositions: state, not
    an act (never audited)."""
    name, now = who.caller.name, clock.utcnow()
    code = incoming.addressed
    if code in who.held and code not in incoming.read and incoming.state != "unregistered":
        incoming.read[code] = (name, now)
        workindex.remove(registry, "incoming_unread", f"position:{code}", incoming.id)
        workindex.remove(registry, "cc_unread", f"position:{code}", incoming.id)
    for disposition in chain(registry, incoming):
        mine = is_open(disposition) and disposition.to_position in who.held
        if mine and disposition.read_at is None:
            disposition.read_at, disposition.read_by = now, name
            owner = f"position:{disposition.to_position}"
            workindex.remove(registry, "disp_unread", owner, disposition.id)


def close(
    registry: Registry,
    incoming: Incoming,
    disposition: Disposition,
    who: Who,
    note: str,
    result: str = "",
) -> None:
    """Tindak lanjut: the recipient closes their part with a note (and a result filed into
    the thread, or a reply started)."""
    if disposition.to_position not in who.held:
        raise AccessDenied("disposition_not_allowed")
    if not is_open(disposition):
        raise InvalidInput("disposition_not_open")
    note = checked_note(note, required=True)
    read(registry, incoming, who)
    disposition.closed_at, disposition.closed_by = clock.utcnow(), who.caller.name
    disposition.close_note, disposition.result = note, result
    workindex.remove(registry, "disp_open", f"position:{disposition.to_position}", disposition.id)
    settle(registry, incoming)
    incoming.log(who.caller.name, "disposition_closed", disposition.to_position)


def finish(registry: Registry, incoming: Incoming, who: Who, note: str, state: str) -> None:
    """The addressee ends it without disposing: "no_disposition" (needs none) or "done"
    (they acted on it themselves), with a note."""
    if incoming.addressed not in who.held:
        raise AccessDenied("disposition_not_allowed")
    if incoming.state != "registered":
        raise refused_state(incoming)
    note = checked_note(note, required=True)
    read(registry, incoming, who)
    incoming.state, incoming.closed_note, incoming.closed_by = state, note, who.caller.name
    workindex.remove(registry, "incoming_open", f"position:{incoming.addressed}", incoming.id)
    action = "disposition_not_needed" if state == "no_disposition" else "disposition_finished"
    incoming.log(who.caller.name, action, "")


def reply_position(
    registry: Registry, incoming: Incoming, who: Who, disposition_id: str = ""
) -> tuple[str, Disposition | None]:
    """The position a reply is written from: the recipient's of the disposition named, else
    the addressee's, else the caller's latest open disposition's."""
    mine = [d for d in chain(registry, incoming) if is_open(d) and d.to_position in who.held]
    if disposition_id:
        named = [d for d in mine if d.id == disposition_id]
        if not named:
            raise AccessDenied("disposition_not_allowed")
        return named[0].to_position, named[0]
    if incoming.addressed in who.held and incoming.state != "unregistered":
        return incoming.addressed, None
    if not mine:
        raise AccessDenied("disposition_not_allowed")
    return mine[-1].to_position, mine[-1]


# -- what the page shows ------------------------------------------------------------------------
def actions(pemda: Pemda, registry: Registry, incoming: Incoming, who: Who) -> list[str]:
    """What the caller may do with the letter as a whole (per disposition: `rows`)."""
    found = []
    if sources(registry, incoming, who):
        found.append("dispose")
    addressee = incoming.addressed in who.held
    if addressee and incoming.state == "registered":
        found += ["no_disposition", "close"]
    mine = any(is_open(d) and d.to_position in who.held for d in chain(registry, incoming))
    if (addressee and incoming.state in OPEN_STATES) or mine:
        found.append("reply")
    if incoming.state != "unregistered":
        found.append("lembar")
    return found


def rows(pemda: Pemda, registry: Registry, incoming: Incoming, who: Who) -> list[dict]:
    """The chain as the page and the lembar show it: names, not codes; dates as ISO."""
    return [row(pemda, registry, d, who) for d in chain(registry, incoming)]


def row(pemda: Pemda, registry: Registry, disposition: Disposition, who: Who) -> dict:
    origin = views.position_entry(pemda, registry, disposition.from_position, who.day)
    target = views.position_entry(pemda, registry, disposition.to_position, who.day)
    due = disposition.due
    return {
        "id": disposition.id,
        "parent": disposition.parent,
        "kind": disposition.kind,
        "from": origin,
        "from_account": disposition.from_account,
        "from_name": views.person(pemda, disposition.from_account),
        "to": target,
        "instructions": [
            {"code": c, "label": instruction_label(registry, c)} for c in disposition.instructions
        ],
        "note": disposition.note,
        "due": views.iso(due),
        "overdue": bool(due and is_open(disposition) and due < who.day),
        "at": views.iso(disposition.at),
        "read_at": views.iso(disposition.read_at),
        "read_by_name": views.person(pemda, disposition.read_by),
        "state": state_of(disposition),
        "closed_at": views.iso(disposition.closed_at),
        "closed_by_name": views.person(pemda, disposition.closed_by),
        "close_note": disposition.close_note,
        "result": disposition.result,
        "reply": disposition.reply,
        "cancelled_at": views.iso(disposition.cancelled_at),
        "actions": row_actions(disposition, who),
    }


def state_of(disposition: Disposition) -> str:
    if not disposition.live:
        return "cancelled"
    if disposition.closed_at is not None:
        return "closed"
    return "read" if disposition.read_at is not None else "unread"


def row_actions(disposition: Disposition, who: Who) -> list[str]:
    if not is_open(disposition):
        return []
    found = []
    giver = who.caller.name == disposition.from_account
    if disposition.read_at is None and (giver or disposition.from_position in who.held):
        found.append("cancel")
    if disposition.to_position in who.held:
        found += ["dispose", "close", "reply"]
    return found
