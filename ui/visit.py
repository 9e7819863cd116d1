"""A visit: the runs of one page for one caller, from arriving on the page until leaving it
(or until the caller changes: a login, a logout, a changed role or clearance).

Some reads are actions the audit trail records: opening a record (`viewed`), running a
search (`searched`), reading the audit trail (`audit_read`), a requester looking up their
request (`ppid_status`). Such a read happens once per visit and input, in the run that opens
the record or runs the search; the reruns that follow (another preview page, the hash-chain
check, any widget that does not change the input) reuse its answer, so the trail holds one
entry per opening, not one per rerun. New input reads again: another record or search, a
click on the search or filter button, the language on the record page (its view carries
translated notes). Leaving the page ends the visit: coming back opens the record again.

Only plain values are kept (dicts, lists, search hits), never a connection or a persistent
object; checks that must hold on every run (may the caller still see this record?) stay in
the page, with reads that write no audit entry.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, TypeVar

import streamlit as st

from repository.app import Caller

T = TypeVar("T")

_VISIT, _KEPT = "_visit", "_visit_kept"


def begin(script: str, caller: Caller) -> None:
    """Called by the frame on every run: another page or another caller (another account,
    or the same with other roles or clearance) starts a new visit; the caller's address does
    not, it may change within a session."""
    visit = (script, dataclasses.replace(caller, origin=""))
    if st.session_state.get(_VISIT) != visit:
        st.session_state[_VISIT] = visit
        st.session_state[_KEPT] = {}


def _kept() -> dict[str, tuple[Any, Any]]:
    return st.session_state.setdefault(_KEPT, {})


def once(name: str, key: Any, read: Callable[[], T]) -> T:
    """`read()` the first time this visit asks for `name` with this `key` (the record id,
    the search request); its answer on the reruns after. Only the latest key is kept."""
    held = _kept().get(name)
    if held is not None and held[0] == key:
        return held[1]
    value = read()
    _kept()[name] = (key, value)
    return value


def keep(name: str, value: Any, key: Any = None) -> None:
    """Keeps what an action read (a click's answer) for the reruns of this visit."""
    _kept()[name] = (key, value)


def kept(name: str) -> Any:
    held = _kept().get(name)
    return None if held is None else held[1]


def forget(name: str) -> None:
    """After the page changed what was read (an edit), the next run reads it again."""
    _kept().pop(name, None)
