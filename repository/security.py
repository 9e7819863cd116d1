"""Who is asking, and which principals may see a record.

The index stores `allowed_principals(record)` for each record and every query filters on the
caller's principals (Plone's allowedRolesAndUsers). Until accounts and per-unit roles arrive,
the rule is: the public (everyone) sees class B records, the administrator sees everything.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from repository.content import Record

ANONYMOUS_ROLE = "Anonymous"
ADMIN_ROLE = "Administrator"


@dataclass(frozen=True)
class Caller:
    name: str
    roles: frozenset[str] = field(default_factory=frozenset)

    @property
    def principals(self) -> frozenset[str]:
        """Everyone holds the anonymous role, so what is public is visible to all."""
        roles = self.roles | {ANONYMOUS_ROLE}
        return frozenset({f"user:{self.name}", *(f"role:{r}" for r in roles)})

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
    return tuple(principals)


def can_view(caller: Caller, record: Record) -> bool:
    return not caller.principals.isdisjoint(allowed_principals(record))
