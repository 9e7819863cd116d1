"""The services for accounts, grants, shares and the audit trail (mixed into `Lontar`).

Every access decision that changes data is written to the audit trail after its transaction
commits, with the acting caller's name and origin.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import time

from repository import accounts, sharing
from repository.audit import AuditLog, Verdict
from repository.content import parse_date
from repository.db import reading, write
from repository.errors import AccessDenied, InvalidInput, LoginFailed
from repository.records import get_record
from repository.security import ANONYMOUS, GLOBAL, Caller
from repository.units import get_unit


class AccessServices:
    @property
    def audit(self) -> AuditLog:
        return AuditLog(self.home.path / "audit" / "audit.jsonl")

    def record_event(self, caller: Caller, action: str, target: str = "", **detail) -> None:
        self.audit.append(caller.name, action, target, caller.origin, **detail)

    def record_events(self, caller: Caller, events: list[tuple[str, str, dict]]) -> None:
        """Many events (action, target, detail) under one lock and one fsync: bulk imports."""
        self.audit.extend([(caller.name, a, t, caller.origin, d) for a, t, d in events])

    def require(self, caller: Caller, permission: str = "manage", where=None) -> None:
        if not caller.may(permission, where):
            raise AccessDenied()

    # -- logging in ---------------------------------------------------------------------
    def login(self, name: str, password: str, origin: str = "") -> Caller:
        """Raises `LoginFailed` (the same for a wrong name or a wrong password) or
        `AccountLocked`; answers to failures are slowed down, growing with each one."""
        now = dt.datetime.now(dt.UTC)

        def attempt(root) -> tuple[Caller | str, float]:
            pemda = self._pemda(root)
            outcome = accounts.authenticate(pemda, name, password, now)
            return outcome, accounts.slowdown(pemda, name)

        outcome, delay = write(self.db, attempt, note="login")
        if isinstance(outcome, Caller):
            outcome = dataclasses.replace(outcome, origin=origin)
            self.record_event(outcome, "login")
            return outcome
        self.audit.append((name or "").strip().lower()[:40], "login_failed", "", origin)
        time.sleep(delay)
        raise LoginFailed(key=outcome)

    def caller(self, name: str | None, origin: str = "") -> Caller:
        """The caller a session names, re-read each time: a removed account or a changed role
        takes effect on the next click, not at the next login."""
        if not name:
            return Caller(ANONYMOUS.name, origin=origin)
        with reading(self.db) as root:
            account = (self._pemda(root).accounts or {}).get(name)
            if account is None or account.disabled:
                return Caller(ANONYMOUS.name, origin=origin)
            return accounts.caller_for(account, origin)

    def needs_administrator(self) -> bool:
        """True until the first account exists: the first start then asks for one."""
        with reading(self.db) as root:
            return not self._pemda(root).accounts

    def change_password(self, caller: Caller, old: str, new: str) -> None:
        write(
            self.db,
            lambda root: accounts.change_password(self._pemda(root), caller.name, old, new),
            note=f"password {caller.name}",
        )
        self.record_event(caller, "password_changed", f"user:{caller.name}")

    # -- administration -----------------------------------------------------------------
    def add_account(self, caller: Caller, name: str, password: str, roles, **details) -> str:
        if not self.needs_administrator():
            self.require(caller)

        def create(root) -> str:
            return accounts.add_account(self._pemda(root), name, password, roles, **details).name

        name = write(self.db, create, note=f"account add {name}")
        kept = {k: v for k, v in details.items() if k in ("unit", "clearance")}
        self.record_event(caller, "account_added", f"user:{name}", roles=sorted(roles), **kept)
        return name

    def grant(self, caller: Caller, name: str, unit: str | None, roles: set[str]) -> None:
        """Sets the roles `name` holds in `unit` (globally when None); takes effect at once,
        with no reindex: records name the units whose grants reach them, not the users."""
        self.require(caller)

        def change(root) -> None:
            pemda = self._pemda(root)
            code = get_unit(pemda, unit).code if unit else GLOBAL
            _account(pemda, name).grant(code, roles)

        write(self.db, change, note=f"grant {name}")
        self.record_event(
            caller, "granted", f"user:{name}", unit=unit or GLOBAL, roles=sorted(roles)
        )

    def set_password(self, caller: Caller, name: str, password: str) -> None:
        self.require(caller)
        write(self.db, lambda root: accounts.set_password(self._pemda(root), name, password))
        self.record_event(caller, "password_reset", f"user:{name}")

    def set_disabled(self, caller: Caller, name: str, disabled: bool) -> None:
        self.require(caller)

        def change(root) -> None:
            _account(self._pemda(root), name).disabled = disabled

        write(self.db, change, note=f"disable {name}")
        self.record_event(caller, "disabled" if disabled else "enabled", f"user:{name}")

    def accounts(self, caller: Caller) -> list[dict]:
        self.require(caller)
        with reading(self.db) as root:
            found = (self._pemda(root).accounts or {}).values()
            return [_account_row(a) for a in found]

    def demo_accounts(self) -> list[dict]:
        with reading(self.db) as root:
            found = (self._pemda(root).accounts or {}).values()
            return [_account_row(a) for a in found if a.demo]

    def set_blocking(self, caller: Caller, unit: str, block: bool) -> None:
        self.require(caller)
        write(self.db, lambda root: sharing.set_blocking(self._pemda(root), unit, block))
        self.record_event(caller, "block" if block else "unblock", f"unit:{unit.upper()}")

    # -- shares -------------------------------------------------------------------------
    def share(self, caller: Caller, record_id: str, target: str, until=None) -> str:
        """Read-only access for a unit or a user to a record and everything below it."""
        until = parse_date(until)

        def change(root) -> str:
            pemda = self._pemda(root)
            record = get_record(pemda, record_id)
            self.require(caller, "share", record)
            return sharing.share(pemda, record, target, until, caller.name)

        principal = write(self.db, change, note=f"share {record_id}")
        self.record_event(caller, "shared", record_id, to=principal, until=str(until or ""))
        return principal

    def unshare(self, caller: Caller, record_id: str, target: str) -> None:
        def change(root) -> None:
            pemda = self._pemda(root)
            record = get_record(pemda, record_id)
            self.require(caller, "share", record)
            sharing.unshare(pemda, record, target, caller.name)

        write(self.db, change, note=f"unshare {record_id}")
        self.record_event(caller, "unshared", record_id, to=target)

    def settle_access(self) -> bool:
        """The worker's step for shares and restrictions; True when it changed anything."""
        with reading(self.db) as root:
            if not sharing.settle_due(self._pemda(root)):
                return False
        return bool(write(self.db, lambda root: sharing.settle(self._pemda(root)), note="settle"))

    # -- audit ----------------------------------------------------------------------------
    def audit_verify(self) -> Verdict:
        return self.audit.verify()

    def audit_entries(self, caller: Caller, **filters) -> list[dict]:
        self.require(caller, "audit")
        rows = [e for e in self.audit.entries() if _matches(e, filters)]
        self.record_event(caller, "audit_read", "", **{k: str(v) for k, v in filters.items()})
        return rows


def _account(pemda, name: str):
    account = (pemda.accounts or {}).get((name or "").strip().lower())
    if account is None:
        raise InvalidInput("unknown_account", name=name)
    return account


def _account_row(account) -> dict:
    grants = dict(account.grants or {account.unit or GLOBAL: account.roles})
    return {
        "name": account.name,
        "full_name": account.full_name,
        "unit": account.unit,
        "roles": sorted(set().union(*grants.values())),
        "grants": {code: sorted(roles) for code, roles in grants.items()},
        "clearance": account.clearance,
        "disabled": account.disabled,
        "demo": account.demo,
    }


def _matches(entry: dict, filters: dict) -> bool:
    for key in ("actor", "action", "target"):
        wanted = filters.get(key)
        if wanted and wanted.lower() not in str(entry.get(key, "")).lower():
            return False
    since, until = filters.get("since"), filters.get("until")
    day = entry.get("at", "")[:10]
    return (not since or day >= str(since)) and (not until or day <= str(until))
