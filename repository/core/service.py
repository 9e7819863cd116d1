"""What every feature's service object is built on: one `Context` per process (the home, the
database, the keyring), and a `Service` base that reads the Pemda, checks a permission and
writes the audit trail the same way in every feature.

A feature's service names its collaborators (other features' services, the index store) as
constructor arguments; nothing reaches another feature through `self` by accident.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import ZODB

from repository.core.audit import AuditLog, Event
from repository.core.audit_pg import PgAuditLog, open_audit
from repository.core.config import Home
from repository.core.content import Pemda, pemda_of
from repository.core.db import RETRIES, write
from repository.core.errors import AccessDenied, NotInitialised
from repository.core.keys import Keyring
from repository.core.security import Caller

SEALED_QUERY = "query_sealed"
T = TypeVar("T")
Entry = tuple[str, str, dict]  # action, target, detail


@dataclasses.dataclass
class Context:
    """Shared by the services of one `Lontar`; `keyring` is replaced when `init` makes a key."""

    home: Home
    db: ZODB.DB
    keyring: Keyring
    trail: AuditLog | PgAuditLog | None = None  # fixed by the caller, or read once

    @property
    def audit(self) -> AuditLog | PgAuditLog:
        """The configured trail, read once per context: every audited action asks for it,
        and the configuration (lontar.toml) is read at start, as the index's is."""
        if self.trail is None:
            self.trail = open_audit(self.home)
        return self.trail


class Service:
    def __init__(self, context: Context) -> None:
        self.context = context

    @property
    def home(self) -> Home:
        return self.context.home

    @property
    def db(self) -> ZODB.DB:
        return self.context.db

    @property
    def keyring(self) -> Keyring:
        return self.context.keyring

    @property
    def audit(self) -> AuditLog | PgAuditLog:
        return self.context.audit

    def _pemda(self, root: Any) -> Pemda:
        try:
            return pemda_of(root)
        except NotInitialised:
            raise NotInitialised(home=str(self.home.path)) from None

    def require(self, caller: Caller, permission: str = "manage", where: Any = None) -> None:
        if not caller.may(permission, where):
            raise AccessDenied()

    def commit(
        self,
        caller: Caller,
        work: Callable[[Any], T],
        *,
        note: str = "",
        audit: Callable[[T], Iterable[Entry]],
        retries: int = RETRIES,
    ) -> T:
        """Runs `work(root)` in a transaction whose audit entries, `audit(result)` as
        (action, target, detail), are written in the same commit: both happen or neither
        (see `repository.core.db.write`)."""

        def events(result: T) -> list[Event]:
            return [(caller.name, a, t, caller.origin, d) for a, t, d in audit(result)]

        return write(self.db, work, note=note, retries=retries, audit=self.audit, events=events)

    def record_event(self, caller: Caller, action: str, target: str = "", **detail: Any) -> None:
        """For what changes nothing in the database (a view, a search, a download): written
        before the answer is returned, so an unwritable trail refuses the answer."""
        self.audit.append(caller.name, action, target, caller.origin, **detail)

    def query_detail(self, query: str) -> dict[str, str]:
        """How a search's words go into the audit trail: sealed whenever a key exists, since
        a query for a sealed record's word would otherwise put that word on disk in clear.
        An auditor reads it opened (`AccessServices.audit_entries`)."""
        if not self.keyring.available:
            return {"query": query}
        return {SEALED_QUERY: self.keyring.seal_note(query)}

    def record_events(self, caller: Caller, events: list[tuple[str, str, dict]]) -> None:
        """Many events (action, target, detail) under one lock and one fsync: bulk imports."""
        self.audit.extend([(caller.name, a, t, caller.origin, d) for a, t, d in events])
