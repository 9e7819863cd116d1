"""Who is asking, and which principals may see a record.

The index stores `allowed_principals(record)` for each record and every query filters on the
caller's principals (Plone's allowedRolesAndUsers). Until accounts and per-unit roles arrive,
the rule is: the public (everyone) sees class B records, staff of a unit also see their unit's
(and its sub-units') class T records, and the administrator sees everything.

What each role may *do* is data too (`PERMISSIONS`): pages and services ask `caller.may(...)`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from repository.content import Record

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

# permission -> roles that hold it; the anonymous public holds only what names it.
PERMISSIONS: dict[str, frozenset[str]] = {
    "view": STAFF | {ANONYMOUS_ROLE},
    "add_records": frozenset({ADMIN_ROLE, "Arsiparis", "Pencatat"}),
    "edit_records": frozenset({ADMIN_ROLE, "Arsiparis"}),
    "manage": frozenset({ADMIN_ROLE}),
}


@dataclass(frozen=True)
class Caller:
    name: str
    roles: frozenset[str] = field(default_factory=frozenset)
    unit: str | None = None

    @property
    def principals(self) -> frozenset[str]:
        """Everyone holds the anonymous role, so what is public is visible to all."""
        roles = self.roles | {ANONYMOUS_ROLE}
        unit = {f"unit:{self.unit.upper()}"} if self.unit else set()
        return frozenset({f"user:{self.name}", *(f"role:{r}" for r in roles), *unit})

    @property
    def anonymous(self) -> bool:
        return not self.roles

    def may(self, permission: str) -> bool:
        holders = PERMISSIONS.get(permission, frozenset())
        return not holders.isdisjoint(self.roles | {ANONYMOUS_ROLE})

    @property
    def is_admin(self) -> bool:
        return ADMIN_ROLE in self.roles


ANONYMOUS = Caller("anonymous")
ADMIN = Caller("admin", frozenset({ADMIN_ROLE}))


def caller_named(name: str) -> Caller:
    """The callers the CLI's `--as` knows before accounts exist."""
    return ANONYMOUS if name in ("anonymous", "publik", "") else ADMIN


def allowed_principals(record: Record) -> tuple[str, ...]:
    principals = [f"role:{ADMIN_ROLE}"]
    if record.security == "B":
        principals.append(f"role:{ANONYMOUS_ROLE}")
    elif record.security == "T":
        units = [n.code for n in record.ancestors() if getattr(n, "level", "") == "unit"]
        principals.extend(f"unit:{code}" for code in units or [record.unit_code])
    return tuple(principals)


def can_view(caller: Caller, record: Record) -> bool:
    return not caller.principals.isdisjoint(allowed_principals(record))
