"""Changing a password is throttled like a login: a wrong old password is a failed login for
the account (one counter, one slow-down, one lock-out), a locked account cannot change its
password, and every attempt is audited without a secret in it. With an unwritable trail
neither a login nor a change happens, and nothing is counted."""

from __future__ import annotations

import datetime as dt

import pytest

from repository.core import clock
from repository.core.db import reading
from repository.core.errors import AuditUnavailable, InvalidInput, LoginFailed
from repository.core.security import ADMIN
from repository.records import access, accounts
from tests.test_audit_views import trail_of, unwritable_trail

OLD, NEW, WRONG = "sandi-yang-lama", "sandi-yang-baru", "bukan-sandinya"
START = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def siti(service, monkeypatch):
    """An account, a clock standing still, and the waits recorded instead of slept."""
    service.access.add_account(ADMIN, "siti", OLD, {"Staf"}, unit="DPK")
    waits: list[float] = []
    monkeypatch.setattr(access.time, "sleep", waits.append)
    with clock.frozen(START):
        yield service, service.access.caller("siti"), waits


def failures(service, name: str = "siti"):
    with reading(service.db) as root:
        return (root["lontar"].login_failures or {}).get(name, (0, None))


def refused(action) -> str:
    with pytest.raises(LoginFailed) as failed:
        action()
    return failed.value.key


def test_a_wrong_old_password_is_a_failed_login(siti):
    service, caller, waits = siti
    for n in range(1, accounts.MAX_FAILURES - 1):
        assert refused(lambda: service.access.change_password(caller, WRONG, NEW)) == (
            "old_password_wrong"
        )
        assert failures(service)[0] == n
    assert waits == [0.25, 0.5, 1.0]  # the login's slow-down, growing with the count
    assert refused(lambda: service.access.login("siti", WRONG)) == "login_failed"
    assert refused(lambda: service.access.change_password(caller, WRONG, NEW)) == (
        "account_locked"  # the fifth failure, whichever way it came, locks the name
    )
    assert refused(lambda: service.access.login("siti", OLD)) == "account_locked"


def test_a_locked_account_cannot_change_its_password(siti):
    service, caller, _ = siti
    for _ in range(accounts.MAX_FAILURES):
        refused(lambda: service.access.login("siti", WRONG))
    locked = failures(service)
    assert refused(lambda: service.access.change_password(caller, OLD, NEW)) == "account_locked"
    assert failures(service) == locked  # during the lock nothing is checked or counted
    later = START + dt.timedelta(minutes=accounts.LOCK_MINUTES + 1)
    with clock.frozen(later):
        assert service.access.login("siti", OLD).name == "siti"  # not changed while locked
        service.access.change_password(caller, OLD, NEW)
        assert service.access.login("siti", NEW).name == "siti"


def test_a_right_change_clears_the_count(siti):
    service, caller, _ = siti
    refused(lambda: service.access.change_password(caller, WRONG, NEW))
    service.access.change_password(caller, OLD, NEW)
    assert failures(service) == (0, None)
    assert refused(lambda: service.access.login("siti", OLD)) == "login_failed"
    assert service.access.login("siti", NEW).name == "siti"


def test_a_short_new_password_is_refused_before_the_old_one_is_checked(siti):
    service, caller, _ = siti
    for old in (WRONG, OLD):
        with pytest.raises(InvalidInput) as short:
            service.access.change_password(caller, old, "pendek")
        assert short.value.key == "password_too_short"
    assert failures(service) == (0, None)


def test_changes_are_audited_without_a_secret(siti):
    service, caller, _ = siti
    refused(lambda: service.access.change_password(caller, WRONG, NEW))
    for _ in range(accounts.MAX_FAILURES - 1):
        refused(lambda: service.access.login("siti", WRONG))
    refused(lambda: service.access.change_password(caller, OLD, NEW))  # locked
    with clock.frozen(START + dt.timedelta(minutes=accounts.LOCK_MINUTES + 1)):
        service.access.change_password(caller, OLD, NEW)
    found = [
        (e["actor"], e["action"], e["target"], e["detail"])
        for e in service.access.audit.entries()
        if e["action"].startswith("password")
    ]
    assert found == [
        ("siti", "password_change_failed", "user:siti", {"reason": "old_password_wrong"}),
        ("siti", "password_change_failed", "user:siti", {"reason": "account_locked"}),
        ("siti", "password_changed", "user:siti", {}),
    ]
    trail = trail_of(service).read_bytes()
    for secret in (OLD, NEW, WRONG):
        assert secret.encode() not in trail


def test_an_unwritable_trail_refuses_logins_and_changes_alike(siti):
    service, caller, waits = siti
    refused(lambda: service.access.login("siti", WRONG))
    counted = failures(service)
    with unwritable_trail(service):
        for password in (OLD, WRONG):  # the same answer whether the password is right
            with pytest.raises(AuditUnavailable):
                service.access.login("siti", password)
            with pytest.raises(AuditUnavailable):
                service.access.change_password(caller, password, NEW)
    assert failures(service) == counted  # neither counted nor cleared
    assert all(w <= access.REFUSAL_SECONDS for w in waits[1:])
    assert refused(lambda: service.access.login("siti", NEW)) == "login_failed"
    assert service.access.login("siti", OLD).name == "siti"


def test_a_lock_outlasts_an_unwritable_trail(siti):
    service, _, _ = siti
    for _ in range(accounts.MAX_FAILURES):
        refused(lambda: service.access.login("siti", WRONG))
    with unwritable_trail(service), pytest.raises(AuditUnavailable):
        service.access.login("siti", OLD)
    assert refused(lambda: service.access.login("siti", OLD)) == "account_locked"
