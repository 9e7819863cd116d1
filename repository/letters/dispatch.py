"""Who a letter goes to: targets as typed by the author, the groups they name, the inboxes
a sent letter lands in and the buku ekspedisi for addressees outside Lontar.

A target is a string (`position:CODE`, `unit:CODE`, `group:CODE`, `external:Name, address`).
Sending expands groups and units: a unit goes to its head position's inbox (the head reads
and disposes), or to the unit's own inbox when it has no head position yet; each inbox's
delivery becomes an incoming letter of the receiving unit (arrival.py).
One delivery per inbox, "to" winning over "cc" when a position is named both ways.
"""

from __future__ import annotations

from BTrees.OOBTree import OOBTree

from repository.core.content import Pemda
from repository.core.errors import InvalidInput
from repository.core.keys import Keyring
from repository.letters import (
    arrival,
    messages,  # noqa: F401  (registers the catalogue)
)
from repository.letters.model import (
    TARGET_KINDS,
    Delivery,
    DispatchEntry,
    Letter,
    RecipientGroup,
    Registry,
    new_id,
)

MAX_EXTERNAL = 300
# groups every Pemda starts with (editable): every OPD, every kecamatan
SEEDED_GROUPS = ("semua_opd", "semua_kecamatan")


def parse(target: str) -> tuple[str, str]:
    """(kind, rest) of a target string; raises letter_target_invalid for anything else."""
    kind, sep, rest = str(target or "").strip().partition(":")
    if not sep or kind not in TARGET_KINDS or not rest.strip():
        raise InvalidInput("letter_target_invalid", target=str(target or ""))
    return kind, rest.strip()


def check(pemda: Pemda, registry: Registry, target: str, *, groups: bool = True) -> str:
    """The target as stored (codes upper-cased where codes are), after checking that what it
    names exists; a group may not name a group (no cycles to expand)."""
    kind, rest = parse(target)
    if kind == "external":
        if len(rest) > MAX_EXTERNAL or not rest.partition(",")[0].strip():
            raise InvalidInput("letter_target_invalid", target=target)
        return f"external:{rest}"
    code = rest if kind == "group" else rest.upper()
    known = {
        "position": registry.positions,
        "unit": pemda.units,
        "group": registry.groups if groups else {},
    }[kind]
    if code not in known:
        raise InvalidInput("letter_target_unknown", target=target)
    return f"{kind}:{code}"


def check_all(pemda: Pemda, registry: Registry, targets) -> tuple[str, ...]:
    """Targets checked and de-duplicated, in the author's order."""
    return tuple(dict.fromkeys(check(pemda, registry, t) for t in targets or () if t))


def members(registry: Registry, target: str) -> tuple[str, ...]:
    """A group's members, or the target itself."""
    kind, rest = parse(target)
    if kind != "group":
        return (target,)
    group = registry.groups.get(rest)
    return tuple(group.members) if group is not None else ()


def inbox_of(registry: Registry, target: str) -> str:
    """The inbox key a member target is delivered to."""
    kind, rest = parse(target)
    if kind == "unit":
        head = arrival.head_of(registry, rest)
        return f"position:{head}" if head else f"unit:{rest}"
    return f"{kind}:{rest}"


def expand(registry: Registry, recipients, copies) -> tuple[dict[str, str], list[str]]:
    """({inbox key: "to" | "cc"}, [external addressees]) of a letter's targets."""
    inboxes: dict[str, str] = {}
    external: list[str] = []
    for kind, targets in (("to", recipients), ("cc", copies)):
        for target in targets:
            for member in members(registry, target):
                if member.startswith("external:"):
                    if member not in external:
                        external.append(member)
                    continue
                key = inbox_of(registry, member)
                if inboxes.get(key) != "to":
                    inboxes[key] = kind
    return inboxes, external


def deliver(pemda: Pemda, registry: Registry, letter: Letter, keyring: Keyring) -> dict[str, int]:
    """Puts the letter in every internal inbox, each as an incoming letter of the receiving
    unit (registered at once unless the Pemda turned that off: arrival.py), and every
    external addressee in the buku ekspedisi, in the caller's transaction; idempotent on
    fresh state (conflict retries)."""
    inboxes, external = expand(registry, letter.field("recipients", ()), letter.field("copies", ()))
    for key, kind in inboxes.items():
        box = registry.inbox.get(key)
        if box is None:
            box = registry.inbox[key] = OOBTree()
        if letter.id not in box:
            box[letter.id] = Delivery(letter.id, kind)
        arrival.arrive(pemda, registry, letter, key, box[letter.id], keyring)
    for addressee in external:
        key = f"{letter.id}|{new_id()}"
        registry.dispatch[key] = DispatchEntry(letter.id, addressee.partition(":")[2])
    return {"delivered": len(inboxes), "external": len(external)}


def dispatch_rows(registry: Registry, letter_id: str) -> list[dict]:
    """The buku ekspedisi lines of one letter (keys start with its id: a range read)."""
    rows = []
    for key, entry in registry.dispatch.items(min=f"{letter_id}|", max=f"{letter_id}|\uffff"):
        rows.append(
            {
                "key": key,
                "letter": entry.letter_id,
                "addressee": entry.addressee,
                "at": entry.at.isoformat(timespec="seconds"),
                "handed_over": entry.handed_over.isoformat() if entry.handed_over else None,
                "via": entry.via,
            }
        )
    return rows


VIA = ("pos", "kurir", "email", "diambil")


def hand_over(registry: Registry, key: str, via: str, day) -> str:
    """Records how and when an external addressee got the letter; returns its letter id."""
    entry = registry.dispatch.get(key or "")
    if entry is None:
        raise InvalidInput("letter_dispatch_unknown", key=key)
    if via not in VIA:
        raise InvalidInput("letter_dispatch_via_invalid", via=via)
    entry.via, entry.handed_over = via, day
    return entry.letter_id


def label(pemda: Pemda, registry: Registry, target: str) -> str:
    """How a target reads in a letter and on a page: a position or group by name, a unit
    by its head's title (or its name), an external addressee by name."""
    kind, rest = parse(target)
    if kind == "external":
        return rest.partition(",")[0].strip()
    if kind == "position":
        position = registry.positions.get(rest)
        return position.name if position is not None else rest
    if kind == "group":
        group = registry.groups.get(rest)
        return group.name if group is not None else rest
    head = arrival.head_of(registry, rest)
    if head:
        return registry.positions[head].name
    unit = pemda.units.get(rest)
    return unit.name if unit is not None else rest


def seed_groups(pemda: Pemda, registry: Registry) -> int:
    """The two groups every Pemda needs on its first letter: every OPD (the top units) and
    every kecamatan (top units whose code starts with KEC or whose name with Kecamatan).
    Seeded once; the administrator edits them afterwards. Returns how many were added."""
    tops = [pemda.units[code] for code in pemda.top_units]
    wanted = {
        "semua_opd": ("Semua Perangkat Daerah", tops),
        "semua_kecamatan": (
            "Semua Kecamatan",
            [u for u in tops if u.code.startswith("KEC") or u.name.startswith("Kecamatan")],
        ),
    }
    added = 0
    for code, (name, units) in wanted.items():
        if code not in registry.groups:
            targets = tuple(f"unit:{u.code}" for u in units)
            registry.groups[code] = RecipientGroup(code, name, targets)
            added += 1
    return added
