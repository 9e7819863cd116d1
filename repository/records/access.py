"""The services for accounts, grants, shares and the audit trail.

Every access decision that changes data is written to the audit trail in its own transaction's
commit (`Service.commit`), with the acting caller's name and origin: both happen or neither, so
an unwritable trail refuses the change (`AuditUnavailable`). Logins and password changes too:
while the trail cannot be written nobody logs in or changes a password (see `login`).
"""

from __future__ import annotations

import dataclasses
import hmac
import json
import os
import re
import secrets
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from repository.core import clock, exports, formatting
from repository.core.audit import Verdict
from repository.core.content import check_security, parse_date
from repository.core.db import reading, write
from repository.core.errors import AccessDenied, AuditUnavailable, InvalidInput, LoginFailed
from repository.core.security import ANONYMOUS, GLOBAL, Caller, effective_class
from repository.core.service import SEALED_QUERY, Service
from repository.records import accounts, sessions, sharing
from repository.records.records import get_record
from repository.records.units import get_unit


class AccessServices(Service):
    # -- logging in ---------------------------------------------------------------------
    def login(self, name: str, password: str, origin: str = "") -> Caller:
        """Raises `LoginFailed` (the same for a wrong name or a wrong password, key
        `login_failed` or `account_locked`); answers to failures are slowed down, growing
        with each one (`accounts.authenticate`, `accounts.slowdown`).

        The attempt's entry (`login`, or `login_failed` under the name as typed) is written
        in the commit of the failure count (or of its reset). With an unwritable trail the
        attempt is refused whole: `AuditUnavailable`, right password or wrong, nothing
        committed, so the failure is *not* counted. That keeps the lock-out sound: no session
        is opened and the answer is the same for a right and a wrong password (and as slow,
        `_refused_alike`), so guessing while the trail is full learns nothing and needs no
        count, and a lock already set stays as it was. Counting without the entry would
        instead change the database with no entry for it, which the trail's rule forbids."""
        return self._login(name, password, origin, None)[0]

    def sign_in(
        self, name: str, password: str, origin: str = "", agent: str = ""
    ) -> tuple[Caller, sessions.Opened]:
        """`login` for the web app: a right password also opens a session (records/
        sessions.py) in the same commit as the `login` entry, so there is no session without
        its login in the trail, nor a login entry whose session was lost."""
        caller, opened = self._login(name, password, origin, agent)
        assert opened is not None
        return caller, opened

    def _login(
        self, name: str, password: str, origin: str, agent: str | None
    ) -> tuple[Caller, sessions.Opened | None]:
        now = clock.utcnow()
        who = Caller((name or "").strip().lower()[:40], origin=origin)
        address = origin.removeprefix("web:")

        def attempt(root) -> tuple[Caller | str, float, sessions.Opened | None]:
            pemda = self._pemda(root)
            outcome = accounts.authenticate(pemda, name, password, now)
            opened = None
            if isinstance(outcome, Caller) and agent is not None:
                opened = sessions.open_session(pemda, outcome.name, address, agent, now)
            return outcome, accounts.slowdown(pemda, name), opened

        def entries(done: tuple) -> list:
            return [("login" if isinstance(done[0], Caller) else "login_failed", "", {})]

        outcome, delay, opened = self._refused_alike(who, attempt, "login", entries)
        if isinstance(outcome, Caller):
            return dataclasses.replace(outcome, origin=origin), opened
        time.sleep(delay)
        raise LoginFailed(key=outcome)

    def _refused_alike(self, caller: Caller, work: Callable, note: str, entries: Callable):
        """`commit`, where a refusal for an unwritable trail takes as long as a checked
        password's answer would, whatever the password: its timing tells nothing either."""
        started = time.monotonic()
        try:
            return self.commit(caller, work, note=note, audit=entries)
        except AuditUnavailable:
            time.sleep(max(0.0, REFUSAL_SECONDS - (time.monotonic() - started)))
            raise

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

    def change_password(
        self, caller: Caller, old: str, new: str, keep_session: str | None = None
    ) -> None:
        """The account holder's own change, throttled like a login: a wrong old password is
        a failed login for the account (the same counter, slow-down and lock-out), a locked
        account cannot change its password, and each refusal is audited as
        `password_change_failed` with its reason key, never a password. A change ends every
        other session of the account (all but `keep_session`, the one the change came from),
        in the same commit (`sessions_revoked`, with their number). Raises `LoginFailed`
        (`old_password_wrong`, `account_locked`) or `InvalidInput` (a new password too short,
        refused before the old one is checked or counted); with an unwritable trail nothing
        happens and nothing is counted, as for `login`."""
        now, target = clock.utcnow(), f"user:{caller.name}"

        def attempt(root) -> tuple[str | None, float, int]:
            pemda = self._pemda(root)
            refused = accounts.change_password(pemda, caller.name, old, new, now)
            ended = 0
            if refused is None:
                ended = sessions.revoke_account(pemda, caller.name, now, "password", keep_session)
            return refused, accounts.slowdown(pemda, caller.name), ended

        def entries(done: tuple[str | None, float, int]) -> list:
            if done[0] is None:
                return [("password_changed", target, {}), *_revoked(target, done[2])]
            return [("password_change_failed", target, {"reason": done[0]})]

        refused, delay, _ = self._refused_alike(caller, attempt, f"password {caller.name}", entries)
        if refused is not None:
            time.sleep(delay)
            raise LoginFailed(key=refused)

    # -- administration -----------------------------------------------------------------
    def add_account(self, caller: Caller, name: str, password: str, roles, **details) -> str:
        if not self.needs_administrator():
            self.require(caller)

        def create(root) -> str:
            return accounts.add_account(self._pemda(root), name, password, roles, **details).name

        kept = {k: v for k, v in details.items() if k in ("unit", "clearance")}
        return self.commit(
            caller,
            create,
            note=f"account add {name}",
            audit=lambda made: [
                ("account_added", f"user:{made}", {"roles": sorted(roles), **kept})
            ],
        )

    def grant(self, caller: Caller, name: str, unit: str | None, roles: set[str]) -> None:
        """Sets the roles `name` holds in `unit` (globally when None); takes effect at once,
        with no reindex: records name the units whose grants reach them, not the users."""
        self.require(caller)

        def change(root) -> None:
            pemda = self._pemda(root)
            code = get_unit(pemda, unit).code if unit else GLOBAL
            _account(pemda, name).grant(code, roles)

        self.commit(
            caller,
            change,
            note=f"grant {name}",
            audit=lambda _: [
                ("granted", f"user:{name}", {"unit": unit or GLOBAL, "roles": sorted(roles)})
            ],
        )

    def set_password(self, caller: Caller, name: str, password: str) -> None:
        """The administrator's reset; it ends every session of the account."""
        self.require(caller)
        now = clock.utcnow()

        def change(root) -> int:
            pemda = self._pemda(root)
            accounts.set_password(pemda, name, password)
            return sessions.revoke_account(pemda, name, now, "password")

        self.commit(
            caller,
            change,
            note=f"password reset {name}",
            audit=lambda ended: [
                ("password_reset", f"user:{name}", {}),
                *_revoked(f"user:{name}", ended),
            ],
        )

    def set_disabled(self, caller: Caller, name: str, disabled: bool) -> None:
        """Disabling ends every session of the account at once, not at its next click."""
        self.require(caller)
        now = clock.utcnow()

        def change(root) -> int:
            pemda = self._pemda(root)
            _account(pemda, name).disabled = disabled
            return sessions.revoke_account(pemda, name, now, "disabled") if disabled else 0

        self.commit(
            caller,
            change,
            note=f"disable {name}",
            audit=lambda ended: [
                ("disabled" if disabled else "enabled", f"user:{name}", {}),
                *_revoked(f"user:{name}", ended),
            ],
        )

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

        self.commit(
            caller,
            change,
            note=f"clearance {name}",
            audit=lambda value: [("clearance", f"user:{name}", {"clearance": value})],
        )

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
        self.commit(
            caller,
            lambda root: sharing.set_blocking(self._pemda(root), unit, block),
            note=f"block {unit}",
            audit=lambda _: [("block" if block else "unblock", f"unit:{unit.upper()}", {})],
        )

    # -- shares -------------------------------------------------------------------------
    def share(self, caller: Caller, record_id: str, target: str, until=None) -> str:
        """Read-only access for a unit or a user to a record and everything below it."""
        until = parse_date(until)

        def change(root) -> str:
            pemda = self._pemda(root)
            record = get_record(pemda, record_id)
            self.require(caller, "share", record)
            return sharing.share(pemda, record, target, until, caller.name)

        return self.commit(
            caller,
            change,
            note=f"share {record_id}",
            audit=lambda principal: [
                ("shared", record_id, {"to": principal, "until": str(until or "")})
            ],
        )

    def unshare(self, caller: Caller, record_id: str, target: str) -> None:
        def change(root) -> None:
            pemda = self._pemda(root)
            record = get_record(pemda, record_id)
            self.require(caller, "share", record)
            sharing.unshare(pemda, record, target, caller.name)

        self.commit(
            caller,
            change,
            note=f"unshare {record_id}",
            audit=lambda _: [("unshared", record_id, {"to": target})],
        )

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
        """The filtered entries as CSV (UTF-8 with BOM, so Excel reads Indonesian names),
        as `audit_entries` shows them to `caller`; the export itself is audited."""
        self.require(caller, "audit")
        rows = [
            {**e, "detail": json.dumps(e.get("detail", {}), sort_keys=True)}
            for e in self._readable_entries(caller, filters)
        ]
        self.record_event(
            caller, "exported", "audit", rows=len(rows), filters=_plain_filters(filters)
        )
        return exports.encode(rows, "csv", AUDIT_COLUMNS)

    def audit_entries(self, caller: Caller, **filters) -> list[dict]:
        """The filtered entries as `caller` may read them: audit views respect clearance as
        every other view does.

        - Every entry is listed with its time, actor, action, target and origin: a record's
          id is random and tells nothing, and the trail must show that something happened.
        - An entry about a record (its target is a record, or a destroyed record's tombstone)
          whose class is above the caller's clearance shows no detail: the detail's values
          (a file name, a reason, a code...) are withheld as `{"withheld": [keys]}`. The class
          is the record's class today (the higher one while a lowered class is not yet in the
          index); a target shaped like a record id that is neither counts as SR.
        - Search words (`searched`, exported searches; sealed on disk) are opened only for
          the searcher themselves and for callers cleared for SR: a query may be about any
          record, and which one cannot be told from its words, so only a reader who may see
          every class reads someone else's. Others see `{"withheld": ["query"], ...}`.
        - A withheld entry shows no hash, nor the entry after it its `prev`, so a guess of
          what was withheld cannot be checked against the chain. `audit_verify` still checks
          the whole chain and names only line numbers."""
        self.require(caller, "audit")
        rows = self._readable_entries(caller, filters)
        self.record_event(caller, "audit_read", "", filters=_plain_filters(filters))
        return rows

    def _readable_entries(self, caller: Caller, filters: dict) -> list[dict]:
        found: list[dict] = []
        hidden = None  # the hash of the entry before, when it was withheld
        with reading(self.db) as root:
            class_of = _class_reader(self._pemda(root))
            for entry in self.audit.entries():
                shown = self._readable_entry(caller, entry, class_of)
                if hidden is not None and shown.get("prev") == hidden:
                    shown = {**shown, "prev": ""}
                hidden = entry.get("hash") if shown.get("hash") != entry.get("hash") else None
                if _matches(shown, filters):
                    found.append(shown)
        return found

    def _readable_entry(self, caller: Caller, entry: dict, class_of: Callable) -> dict:
        detail = entry.get("detail") or {}
        if not detail:
            return entry
        security = class_of(entry.get("target") or "")
        if security is not None and not caller.sees_class(security):
            return {**entry, "detail": {WITHHELD: sorted(detail)}, "hash": ""}
        if not _has_query(detail):
            return entry
        rest = {k: v for k, v in detail.items() if k not in (SEALED_QUERY, "query")}
        if entry.get("actor") != caller.name and not caller.sees_class("SR"):
            return {**entry, "detail": {**rest, WITHHELD: ["query"]}, "hash": ""}
        if SEALED_QUERY in detail and self.keyring.available:
            return {
                **entry,
                "detail": {**rest, "query": self.keyring.open_note(detail[SEALED_QUERY])},
            }
        return entry


def _revoked(target: str, count: int) -> list:
    """The entry for sessions a change ended, when it ended any (never their ids)."""
    return [("sessions_revoked", target, {"count": count})] if count else []


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


WITHHELD = "withheld"  # the detail key naming what an audit view left out
RECORD_ID = re.compile(r"^[a-z2-7]{8}$")  # `content.new_id`: 5 random bytes in base 32
REFUSAL_SECONDS = 0.25  # no answer to a login refused for the trail comes sooner


def _class_reader(pemda) -> Callable[[str], str | None]:
    """target -> the class of the record it names (None: no record), each looked up once."""
    known: dict[str, str | None] = {}

    def class_of(target: str) -> str | None:
        if target not in known:
            known[target] = _record_class(pemda, target)
        return known[target]

    return class_of


def _record_class(pemda, target: str) -> str | None:
    if not RECORD_ID.match(target):
        return None
    record = pemda.records.get(target)
    if record is not None:
        return effective_class(record, strict=True)
    tombstone = (getattr(pemda, "tombstones", None) or {}).get(target)
    return getattr(tombstone, "security", "SR")


def _has_query(detail: dict[str, Any]) -> bool:
    return SEALED_QUERY in detail or "query" in detail


def _plain_filters(filters: dict) -> dict[str, str]:
    """Filters as the trail keeps them (`action` and `target` are also an entry's own keys)."""
    return {key: str(value) for key, value in filters.items() if value}


def _matches(entry: dict, filters: dict) -> bool:
    for key in ("actor", "action", "target"):
        wanted = filters.get(key)
        if wanted and wanted.lower() not in str(entry.get(key, "")).lower():
            return False
    since, until = filters.get("since"), filters.get("until")
    day = formatting.machine(entry.get("at", ""))[:10]  # the Pemda's day, not UTC's
    return (not since or day >= str(since)) and (not until or day <= str(until))
