"""Accounts: who may log in, with which roles, in which unit.

Passwords are stored only as Argon2id hashes in PHC form (OWASP's minimum parameters: 19 MiB,
2 passes), so the parameters travel with each hash and can be raised later. What the security
issue adds on top (lockout, idle timeout, the administration page) builds on this module.
"""

from __future__ import annotations

import os

from BTrees.OOBTree import OOBTree
from cryptography.exceptions import InvalidKey
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from persistent import Persistent

from repository.content import Pemda, check_security
from repository.errors import InvalidInput, LoginFailed
from repository.security import ROLES, Caller

MEMORY_KIB, PASSES, LANES = 19 * 1024, 2, 1
MIN_PASSWORD = 8


class Account(Persistent):
    full_name = ""
    unit = ""
    clearance = "B"
    demo = False

    def __init__(self, name: str, password_hash: str, roles: frozenset[str]) -> None:
        self.name = name
        self.password_hash = password_hash
        self.roles = frozenset(roles)


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise InvalidInput("password_too_short", minimum=MIN_PASSWORD)
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
    if pemda.accounts is None:
        pemda.accounts = OOBTree()
    return pemda.accounts


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
    if not name or unknown:
        raise InvalidInput("bad_account", name=name, roles=", ".join(sorted(unknown)))
    account = Account(name, hash_password(password), frozenset(roles))
    account.unit, account.full_name, account.demo = unit.upper(), full_name, demo
    account.clearance = check_security(clearance)
    accounts_of(pemda)[name] = account
    return account


def caller_for(account: Account) -> Caller:
    return Caller(account.name, account.roles, account.unit or None)


def authenticate(pemda: Pemda, name: str, password: str) -> Caller:
    """The same failure for an unknown name and a wrong password: no account probing. An
    unknown name still costs one hash, so timing does not tell them apart either."""
    account = (pemda.accounts or {}).get((name or "").strip().lower())
    if account is None:
        password_matches(password, _DUMMY_HASH)
        raise LoginFailed()
    if not password_matches(password, account.password_hash):
        raise LoginFailed()
    return caller_for(account)


_DUMMY_HASH = (
    "$argon2id$v=19$m=19456,t=2,p=1$MDAwMDAwMDAwMDAwMDAwMA$"
    "9uISmDn92lFbRq6MBKOR0lncA/yxZrq4jUXOpNt2ldg"
)
