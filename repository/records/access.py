"""The services for accounts, grants, shares and the audit trail.

Every access decision that changes data is written to the audit trail after its transaction
commits, with the acting caller's name and origin.
"""

from __future__ import annotations

import dataclasses
import hmac
import json
import os
import secrets
import time
from collections.abc import Iterator
from pathlib import Path

from repository.core import clock, exports
from repository.core.audit import Verdict
from repository.core.content import check_security, parse_date
from repository.core.db import reading, write
from repository.core.errors import AccessDenied, InvalidInput, LoginFailed
from repository.core.security import ANONYMOUS, GLOBAL, Caller
from repository.core.service import SEALED_QUERY, Service
from repository.records import accounts, sharing
from repository.records.records import get_record
from repository.records.units import get_unit


class AccessServices(Service):
    # -- logging in ---------------------------------------------------------------------
    def login(self, name: str, password: str, origin: str = "") -> Caller:
        """Raises `LoginFailed` (the same for a wrong name or a wrong password) or
        `AccountLocked`; answers to failures are slowed down, growing with each one."""
        now = clock.utcnow()

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

    def set_clearance(self, caller: Caller, name: str, clearance: str) -> None:
        """Takes effect at the account's next click: clearances are read per request."""
        self.require(caller)

        def change(root) -> str:
            account = _account(self._pemda(root), name)
            account.clearance = check_security(clearance)
            return account.clearance

        value = write(self.db, change, note=f"clearance {name}")
        self.record_event(caller, "clearance", f"user:{name}", clearance=value)

    # -- first start ----------------------------------------------------------------------
    @property
    def setup_token_file(self) -> Path:
        return self.home.path / "setup-token"

    def setup_token(self) -> str | None:
        """While no account exists, the web form for the first administrator asks for this
        token, which only whoever started the server can read (it is printed at start and
        kept in the data directory, mode 0600): the first visitor cannot claim the server."""
        if not self.needs_administrator():
            self.setup_token_file.unlink(missing_ok=True)
            return None
        if not self.setup_token_file.exists():
            descriptor = os.open(self.setup_token_file, os.O_WRONLY | os.O_CREAT, 0o600)
            with os.fdopen(descriptor, "w") as handle:
                handle.write(secrets.token_urlsafe(12))
        return self.setup_token_file.read_text().strip()

    def create_administrator(
        self, token: str, name: str, password: str, full_name: str = "", origin: str = ""
    ) -> str:
        expected = self.setup_token()
        if expected is None or not hmac.compare_digest(token.strip(), expected):
            raise AccessDenied("setup_token_wrong")
        first = dataclasses.replace(ANONYMOUS, name="setup", origin=origin)
        created = self.add_account(
            first, name, password, {"Administrator"}, full_name=full_name, clearance="SR"
        )
        self.setup_token_file.unlink(missing_ok=True)
        return created

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

    def shares(self, caller: Caller, record_id: str) -> list[dict]:
        """Who a record is shared with, for those who may share it."""
        with reading(self.db) as root:
            pemda = self._pemda(root)
            record = get_record(pemda, record_id)
            self.require(caller, "share", record)
            return [
                {"principal": principal, "until": until.isoformat() if until else None}
                for principal, (until, _) in (record.shares or {}).items()
            ]

    def settle_access(self) -> bool:
        """The worker's step for shares and restrictions; True when it changed anything."""
        with reading(self.db) as root:
            if not sharing.settle_due(self._pemda(root)):
                return False
        return bool(write(self.db, lambda root: sharing.settle(self._pemda(root)), note="settle"))

    # -- audit ----------------------------------------------------------------------------
    def audit_verify(self, caller: Caller | None = None) -> Verdict:
        """The CLI verifies as whoever runs it on the server; the page, as an auditor."""
        if caller is not None:
            self.require(caller, "audit")
        return self.audit.verify()

    def audit_export(self, caller: Caller, **filters) -> bytes:
        """The filtered entries as CSV (UTF-8 with BOM, so Excel reads Indonesian names);
        the export itself is audited."""
        self.require(caller, "audit")
        rows = [
            {**e, "detail": json.dumps(e.get("detail", {}), sort_keys=True)}
            for e in self._opened_entries()
            if _matches(e, filters)
        ]
        self.record_event(
            caller, "exported", "audit", rows=len(rows), filters=_plain_filters(filters)
        )
        return exports.encode(rows, "csv", AUDIT_COLUMNS)

    def audit_entries(self, caller: Caller, **filters) -> list[dict]:
        self.require(caller, "audit")
        rows = [e for e in self._opened_entries() if _matches(e, filters)]
        self.record_event(caller, "audit_read", "", filters=_plain_filters(filters))
        return rows

    def _opened_entries(self) -> Iterator[dict]:
        """The trail as an auditor reads it: sealed search words opened."""
        for entry in self.audit.entries():
            detail = entry.get("detail") or {}
            if SEALED_QUERY in detail and self.keyring.available:
                opened = {k: v for k, v in detail.items() if k != SEALED_QUERY}
                opened["query"] = self.keyring.open_note(detail[SEALED_QUERY])
                entry = {**entry, "detail": opened}
            yield entry


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


AUDIT_COLUMNS = ("seq", "at", "actor", "action", "target", "origin", "detail", "hash")


def _plain_filters(filters: dict) -> dict[str, str]:
    """Filters as the trail keeps them (`action` and `target` are also an entry's own keys)."""
    return {key: str(value) for key, value in filters.items() if value}


def _matches(entry: dict, filters: dict) -> bool:
    for key in ("actor", "action", "target"):
        wanted = filters.get(key)
        if wanted and wanted.lower() not in str(entry.get(key, "")).lower():
            return False
    since, until = filters.get("since"), filters.get("until")
    day = entry.get("at", "")[:10]
    return (not since or day >= str(since)) and (not until or day <= str(until))
