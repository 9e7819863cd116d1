"""Accounts: who may log in, with which roles, in which unit.

Passwords are stored only as Argon2id hashes in PHC form (OWASP's minimum parameters: 19 MiB,
2 passes), so the parameters travel with each hash and can be raised later. What the security
issue adds on top (lockout, idle timeout, the administration page) builds on this module.
"""

from __future__ import annotations

import datetime as dt
import os
import re

from BTrees.OOBTree import OOBTree
from cryptography.exceptions import InvalidKey
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from persistent import Persistent

from repository.core.content import Pemda, check_security, lazy_tree
from repository.core.errors import InvalidInput
from repository.core.security import GLOBAL, ROLES, Caller, grants_from
from repository.records.units import get_unit

MEMORY_KIB, PASSES, LANES = 19 * 1024, 2, 1
MIN_PASSWORD = 8
ACCOUNT_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,39}$")
MAX_FAILURES = 5  # failed logins in a row before the name is locked
LOCK_MINUTES = 15


class Account(Persistent):
    """`unit` is the home unit shown with the name; what the account may do comes from
    `grants` (unit code, or `*` for global -> roles)."""

    full_name = ""
    unit = ""
    clearance = "B"
    demo = False
    disabled = False
    email = ""  # where notifications go (letters/notify.py); "" = none
    language = ""  # the language of those notifications; "" = the Pemda's default
    grants: OOBTree | None = None

    def __init__(self, name: str, password_hash: str, roles: frozenset[str]) -> None:
        self.name = name
        self.password_hash = password_hash
        self.roles = frozenset(roles)

    def grant(self, code: str, roles: set[str] | frozenset[str]) -> None:
        """Replaces the roles held in one unit (`*`: globally); no roles removes the grant."""
        unknown = set(roles) - set(ROLES)
        if unknown:
            raise InvalidInput("bad_account", name=self.name, roles=", ".join(sorted(unknown)))
        if self.grants is None:
            self.grants = OOBTree()
        if roles:
            self.grants[code] = frozenset(roles)
        else:
            self.grants.pop(code, None)


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise InvalidInput("password_too_short", minimum=MIN_PASSWORD)


def hash_password(password: str) -> str:
    check_password(password)
    kdf = Argon2id(
        salt=os.urandom(16), length=32, iterations=PASSES, lanes=LANES, memory_cost=MEMORY_KIB
    )
    return kdf.derive_phc_encoded(password.encode())


def password_matches(password: str, password_hash: str) -> bool:
    try:
        Argon2id.verify_phc_encoded(password.encode(), password_hash)
    except (InvalidKey, ValueError):
        return False
    return True


def accounts_of(pemda: Pemda) -> OOBTree:
    return lazy_tree(pemda, "accounts")


# names the application writes as an actor itself (letters.threads.SYSTEM: the registrar of
# a letter registered at sending); an account by that name would pass for it
RESERVED_NAMES = frozenset({"system"})


def add_account(
    pemda: Pemda,
    name: str,
    password: str,
    roles: set[str] | frozenset[str],
    *,
    unit: str = "",
    full_name: str = "",
    clearance: str = "B",
    demo: bool = False,
) -> Account:
    name = name.strip().lower()
    unknown = set(roles) - set(ROLES)
    if not ACCOUNT_NAME.match(name) or unknown:
        raise InvalidInput("bad_account", name=name, roles=", ".join(sorted(unknown)))
    if name in RESERVED_NAMES:
        raise InvalidInput("account_name_reserved", name=name)
    if name in accounts_of(pemda):
        raise InvalidInput("account_exists", name=name)
    if unit:
        get_unit(pemda, unit)
    account = Account(name, hash_password(password), frozenset(roles))
    account.unit, account.full_name, account.demo = unit.upper(), full_name, demo
    account.clearance = check_security(clearance)
    account.grant(unit.upper() or GLOBAL, roles)
    accounts_of(pemda)[name] = account
    return account


def caller_for(account: Account, origin: str = "") -> Caller:
    grants = dict(account.grants or {account.unit or GLOBAL: account.roles})
    local = {code: roles for code, roles in grants.items() if code != GLOBAL}
    return Caller(
        account.name,
        grants_from(grants.get(GLOBAL, ()), local),
        clearance=account.clearance,
        unit=account.unit or None,
        origin=origin,
    )


def authenticate(pemda: Pemda, name: str, password: str, now: dt.datetime) -> Caller | str:
    """Returns the caller, or the error key to raise once the failure count is committed.

    The same failure for an unknown name and a wrong password, and failures are counted per
    *name* whether or not it exists, so neither the answer, its timing nor the lockout tell
    which accounts exist. After MAX_FAILURES the name is locked for LOCK_MINUTES; the password
    is then not even checked, so guessing during the lock learns nothing. A password change
    checks the old password through here too (`change_password`): one counter per name."""
    name = (name or "").strip().lower()
    count, locked_until = failures_of(pemda).get(name, (0, None))
    if locked_until is not None and locked_until > now:
        return "account_locked"
    account = (pemda.accounts or {}).get(name)
    good = password_matches(password, account.password_hash if account else _DUMMY_HASH)
    if account is not None and good and not account.disabled:
        failures_of(pemda).pop(name, None)
        return caller_for(account)
    count = 0 if locked_until is not None else count
    count += 1
    locked = now + dt.timedelta(minutes=LOCK_MINUTES) if count >= MAX_FAILURES else None
    failures_of(pemda)[name] = (count, locked)
    return "account_locked" if locked else "login_failed"


def failures_of(pemda: Pemda) -> OOBTree:
    return lazy_tree(pemda, "login_failures")


def slowdown(pemda: Pemda, name: str) -> float:
    """Seconds to wait before answering a failed login: grows with the failures in a row."""
    count, _ = (pemda.login_failures or {}).get((name or "").strip().lower(), (0, None))
    return min(0.25 * 2 ** max(count - 1, 0), 4.0)


def change_password(pemda: Pemda, name: str, old: str, new: str, now: dt.datetime) -> str | None:
    """The account holder's own change: None when the password was changed, else the error
    key to raise once the failure is committed (`old_password_wrong`, `account_locked`).

    The old password is checked exactly as a login checks it (`authenticate`): a wrong one is
    a failed login for the name (the same counter, slow-down and lock-out), a locked name is
    refused without the password being checked, and a right one clears the count. A new
    password too short is refused first, before the old one is looked at or counted."""
    check_password(new)
    outcome = authenticate(pemda, name, old, now)
    if not isinstance(outcome, Caller):
        return "old_password_wrong" if outcome == "login_failed" else outcome
    accounts_of(pemda)[outcome.name].password_hash = hash_password(new)
    return None


def set_password(pemda: Pemda, name: str, new: str) -> None:
    """The administrator's reset: no old password, and the lock on the name is lifted."""
    account = accounts_of(pemda).get(name)
    if account is None:
        raise InvalidInput("unknown_account", name=name)
    account.password_hash = hash_password(new)
    failures_of(pemda).pop(name, None)


_DUMMY_HASH = (
    "$argon2id$v=19$m=19456,t=2,p=1$MDAwMDAwMDAwMDAwMDAwMA$"
    "9uISmDn92lFbRq6MBKOR0lncA/yxZrq4jUXOpNt2ldg"
)
