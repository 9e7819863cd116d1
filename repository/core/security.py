"""Who is asking, what they may do where, and which principals may see a record.

Permissions are data (Plone's model): `PERMISSIONS` maps each permission to the roles that hold
it. Roles are granted globally (at the Pemda) or in a unit, and a grant reaches every sub-unit
below it unless a unit on the way blocks inheritance; only the Administrator role is never
blocked. Each account also has a clearance, the highest security class it may see.

Seeing a record needs two things: one of the caller's principals among the record's allowed
principals, and a clearance at least the record's class. The index stores both per record
(`allowed`, `security`) and every query filters on them (allowedRolesAndUsers). Because a unit
grant becomes the principal `local:CODE` and records list the units whose grants reach them,
granting or revoking a role never needs a reindex; blocking a unit or sharing does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from repository.core import clock
from repository.core.content import SECURITY_CLASSES, Pemda, Record, Unit

ANONYMOUS_ROLE = "Anonymous"
ADMIN_ROLE = "Administrator"
ROLES = (
    ADMIN_ROLE,
    "Arsiparis",
    "Pencatat",
    "Pejabat",
    "Staf",
    "PPID",
    "Atasan PPID",
    "Auditor",
)
STAFF = frozenset(ROLES)
# The principal of the public catalogue: a record carries it when it is published (catalogue_public)
CATALOGUE_PRINCIPAL = "catalogue:public"
GLOBAL = "*"  # the unit code of a grant made at the Pemda: it reaches every unit

# permission -> roles that hold it; the anonymous public (Publik) holds only what names it.
PERMISSIONS: dict[str, frozenset[str]] = {
    "view": STAFF | {ANONYMOUS_ROLE},
    "add_records": frozenset({ADMIN_ROLE, "Arsiparis", "Pencatat"}),
    "edit_records": frozenset({ADMIN_ROLE, "Arsiparis"}),
    "share": frozenset({ADMIN_ROLE, "Arsiparis", "Pejabat"}),
    "audit": frozenset({ADMIN_ROLE, "Auditor"}),
    "approve": frozenset({ADMIN_ROLE, "Pejabat"}),  # sign off penyusutan reports
    "ppid": frozenset({ADMIN_ROLE, "PPID", "Atasan PPID"}),  # read requests and registers
    "ppid_decide": frozenset({ADMIN_ROLE, "PPID"}),  # assign, extend, decide, DIP/DIK
    "ppid_objection": frozenset({ADMIN_ROLE, "Atasan PPID"}),  # decide objections
    # official letters: draft, verify, sign, receive (each letter checks its own chain too)
    "letters": frozenset({ADMIN_ROLE, "Arsiparis", "Pencatat", "Pejabat", "Staf"}),
    "manage_letters": frozenset({ADMIN_ROLE}),  # types, templates, positions, signing set-up
    "register_letters": frozenset({ADMIN_ROLE, "Pencatat"}),  # agenda masuk of a unit
    "dashboard": frozenset({ADMIN_ROLE, "Arsiparis", "Pejabat"}),  # a unit's letter figures
    "assess": frozenset({ADMIN_ROLE, "Arsiparis"}),  # the five-element self-assessment
    "publish": frozenset({ADMIN_ROLE, "Arsiparis"}),  # the public catalogue, its descriptions
    "manage": frozenset({ADMIN_ROLE}),
}


def rank(security: str) -> int:
    return SECURITY_CLASSES.index(security)


@dataclass(frozen=True)
class Caller:
    """The acting user as services see it: rebuilt from the account on every request, so a
    revoked role or a lowered clearance takes effect at once."""

    name: str
    grants: tuple[tuple[str, frozenset[str]], ...] = ()
    clearance: str = "B"
    unit: str | None = None
    origin: str = ""
    only: frozenset[str] = frozenset()  # a caller limited to these principals (PUBLIC_CATALOGUE)

    @property
    def roles(self) -> frozenset[str]:
        """Every role held anywhere: what the sidebar offers; services check per unit."""
        return frozenset().union(*(roles for _, roles in self.grants))

    @property
    def global_roles(self) -> frozenset[str]:
        return frozenset().union(*(roles for code, roles in self.grants if code == GLOBAL))

    @property
    def principals(self) -> frozenset[str]:
        """Everyone holds the anonymous role, so what is public is visible to all."""
        if self.only:
            return self.only
        viewing = PERMISSIONS["view"]
        local = {f"local:{code}" for code, roles in self.grants if roles & viewing}
        roles = {f"role:{r}" for r in self.global_roles | {ANONYMOUS_ROLE}}
        grants = [(code, held) for code, held in self.grants if code != GLOBAL]
        in_units = {f"role:{r}@{code}" for code, held in grants for r in held}
        return frozenset({f"user:{self.name}", *roles, *local, *in_units})

    @property
    def anonymous(self) -> bool:
        return not self.grants

    def may(self, permission: str, where: Unit | Record | Pemda | None = None) -> bool:
        """`where=None` asks whether the permission is held anywhere (to offer a page)."""
        roles = self.roles if where is None else self.roles_at(where)
        holders = PERMISSIONS.get(permission, frozenset())
        return not holders.isdisjoint(roles | {ANONYMOUS_ROLE})

    def roles_at(self, where: Unit | Record | Pemda) -> frozenset[str]:
        grants = dict(self.grants)
        roles = set(self.global_roles & {ADMIN_ROLE})
        for code in reaching_units(where):
            roles |= grants.get(code, frozenset())
        return frozenset(roles)

    def sees_class(self, security: str) -> bool:
        return rank(security) <= rank(self.clearance)


ANONYMOUS = Caller("anonymous")
ADMIN = Caller("admin", ((GLOBAL, frozenset({ADMIN_ROLE})),), clearance="SR")
# Who the public catalogue searches and shows as: only what is published, never what the
# anonymous staff view of Cari shows (every class B record)
PUBLIC_CATALOGUE = Caller("katalog", only=frozenset({CATALOGUE_PRINCIPAL}))


def owning_unit(where: Unit | Record | Pemda) -> Unit | None:
    node = where
    while node is not None and not isinstance(node, Unit):
        node = node.parent
    return node


def pemda_above(node) -> Pemda | None:
    while node is not None and not isinstance(node, Pemda):
        node = node.parent
    return node


def index_settled(pemda: Pemda | None, mark: str | None) -> bool:
    """True when every index change queued up to `mark` has been applied."""
    queue = getattr(pemda, "index_queue", None)
    return mark is None or not queue or queue.minKey() > mark


def _blocks(unit: Unit, strict: bool) -> bool:
    """A unit whose block was lifted still blocks, in strict mode, until the index caught up."""
    if unit.block_inheritance:
        return True
    return strict and not index_settled(pemda_above(unit), unit.unblock_mark)


def reaching_units(where: Unit | Record | Pemda, strict: bool = False) -> list[str]:
    """Codes of the units whose grants reach `where`: its unit and those above it, up to and
    including the first that blocks inheritance; `*` (global) when no unit blocks."""
    codes, node = [], owning_unit(where)
    while node is not None:
        codes.append(node.code)
        if _blocks(node, strict):
            return codes
        node = node.parent if isinstance(node.parent, Unit) else None
    return [*codes, GLOBAL]


def subtree_keys(record: Record) -> list[str]:
    """What a subtree filter matches: the record itself, its ancestor records and units."""
    keys = [record.id]
    for node in record.ancestors():
        if isinstance(node, Record):
            keys.append(node.id)
        elif isinstance(node, Unit):
            keys.append(f"unit:{node.code}")
    return keys


def share_principals(record: Record, today: dt.date | None = None, strict: bool = False) -> set:
    """Principals the record or an ancestor is shared with, for shares not yet expired.

    A share is stored as principal -> (until, mark). In strict mode (record views) a share
    counts only once the index has applied it, so a new share opens a record in search and
    in its view together: until then the stricter, old rule holds everywhere."""
    today = today or clock.today()
    pemda = pemda_above(record) if strict else None
    found: set[str] = set()
    for node in [*record.ancestors(), record]:
        for principal, (until, mark) in (getattr(node, "shares", None) or {}).items():
            if (until is None or until >= today) and (not strict or index_settled(pemda, mark)):
                found.add(principal)
    return found


def effective_class(record: Record, strict: bool = False) -> str:
    """A lowered class counts, in strict mode, only once the index has the new one."""
    lowered = record.lowered_from
    if strict and lowered and not index_settled(pemda_above(record), lowered[1]):
        return lowered[0]
    return record.security


def role_principals(where: Unit | Record | Pemda, roles: Iterable[str]) -> list[str]:
    """The principals of whoever holds one of `roles` in a unit whose grants reach `where`
    ("role:Pencatat@DINKES", or "role:Pencatat" for a grant at the Pemda)."""
    found = []
    for code in reaching_units(where):
        found += [f"role:{r}" if code == GLOBAL else f"role:{r}@{code}" for r in sorted(roles)]
    return found


def confined_by(record: Record) -> tuple[str, ...]:
    """The confinement of the nearest confined node, the record itself first."""
    for node in [record, *reversed(record.ancestors())]:
        found = getattr(node, "confined", ())
        if found:
            return tuple(found)
    return ()


def catalogue_public(record: Record, strict: bool = False) -> bool:
    """Published to the catalogue: the record or a record above it was published, and it and
    every record above it are of class B and none is confined (a received letter's thread
    never is). Above the published node too: a fonds raised to T takes everything in it out
    of the catalogue, whatever was published inside it (`change_class` restricts the whole
    subtree at once). In strict mode (the catalogue's record view) a publication counts once
    the index has it, as a lowered class does, so the view never runs ahead of the search."""
    if confined_by(record):
        return False
    pemda = pemda_above(record) if strict else None
    published, node = False, record
    while isinstance(node, Record):
        if effective_class(node, strict) != "B":
            return False
        mark = node.published
        published = published or bool(mark and (not strict or index_settled(pemda, mark[2])))
        node = node.parent
    return published


def allowed_principals(
    record: Record, today: dt.date | None = None, strict: bool = False
) -> tuple[str, ...]:
    """What the index stores (strict=False: the current rule) and what record views check
    (strict=True: loosening changes wait for the index, so views never run ahead of search).
    A confined record (a received letter's thread) is seen by its named principals and the
    Administrator only, never by the unit's members as such nor the public."""
    principals = {f"role:{ADMIN_ROLE}"}
    confined = confined_by(record)
    if confined:
        principals.update(confined)
        principals |= share_principals(record, today, strict)
        return tuple(sorted(principals))
    principals.update(f"local:{code}" for code in reaching_units(record, strict))
    if effective_class(record, strict) == "B":
        principals.add(f"role:{ANONYMOUS_ROLE}")
    if catalogue_public(record, strict):
        principals.add(CATALOGUE_PRINCIPAL)
    principals |= share_principals(record, today, strict)
    return tuple(sorted(principals))


def can_view(caller: Caller, record: Record, today: dt.date | None = None) -> bool:
    if not caller.sees_class(effective_class(record, strict=True)):
        return False
    return not caller.principals.isdisjoint(allowed_principals(record, today, strict=True))


def visible_classes(caller: Caller) -> tuple[str, ...]:
    return tuple(c for c in SECURITY_CLASSES if caller.sees_class(c))


def grants_from(global_roles: Iterable[str], local: dict[str, frozenset[str]]) -> tuple:
    """The `grants` tuple of a Caller, in a stable order (callers are compared in tests)."""
    pairs = [(GLOBAL, frozenset(global_roles))] if global_roles else []
    pairs += [(code, frozenset(roles)) for code, roles in sorted(local.items()) if roles]
    return tuple(pairs)
