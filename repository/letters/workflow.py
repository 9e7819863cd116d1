"""The letter's state machine: which actions exist, who may take each in which state, and
what each does to a Letter.

    draft ──submit──▶ verification ──approve × n──▶ ready ──begin_signing──▶ signing
      ▲ edit            │ send_back / reject          │ send_back / reject      │
    returned ◀──────────┴─────────────────────────────┘                         │
                 signing ──finish_signing──▶ signed ──send──▶ sent               │
                 signing ──signing_failed──▶ ready (the number stays on the letter)
                 signing ──signing_unknown──▶ unknown ──reconcile──▶ signed | ready
                 signing ──reconcile (attempt older than signing_grace())──▶ signed | ready
    rejected and withdrawn are terminal.

Pure rules over a Letter and an actor (account, the position codes they hold or act for on
the day, their roles in the letter's unit): no database, no commit, no audit, so the
property test drives it in memory and the services call it inside their transactions. A
refused action raises before it changes anything.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from repository.core import clock
from repository.core.errors import AccessDenied, InvalidInput, LontarError
from repository.core.security import ADMIN_ROLE
from repository.letters import messages  # noqa: F401  (registers the catalogue)
from repository.letters.model import Letter, Version

DRAFT, VERIFICATION, READY, SIGNING = "draft", "verification", "ready", "signing"
UNKNOWN, SIGNED, SENT = "unknown", "signed", "sent"
RETURNED, REJECTED, WITHDRAWN = "returned", "rejected", "withdrawn"
STATES = (DRAFT, VERIFICATION, READY, SIGNING, UNKNOWN, SIGNED, SENT, RETURNED, REJECTED, WITHDRAWN)
TERMINAL = frozenset({REJECTED, WITHDRAWN})
EDITABLE = frozenset({DRAFT, RETURNED})
BEFORE_SIGNING = frozenset({DRAFT, VERIFICATION, READY, RETURNED})
# what people choose (pages offer these); the system ones are the signing flow's own steps
USER_ACTIONS = (
    "edit",
    "submit",
    "approve",
    "send_back",
    "reject",
    "withdraw",
    "begin_signing",
    "reconcile",
    "send",
)
SYSTEM_ACTIONS = ("signing_failed", "signing_unknown", "finish_signing")
ACTIONS = USER_ACTIONS + SYSTEM_ACTIONS
NEEDS_VERSION = frozenset({"approve", "begin_signing"})
NEEDS_NOTE = frozenset({"send_back", "reject"})
SENDING_ROLES = frozenset({"Pencatat", ADMIN_ROLE})
RECONCILE_OUTCOMES = (SIGNED, READY)
# how long an attempt may still answer: local signing takes seconds; BSrE up to its timeout
LOCAL_GRACE = dt.timedelta(minutes=5)
BSRE_MARGIN = dt.timedelta(seconds=60)
BSRE_DEFAULT_TIMEOUT = 60.0


@dataclass(frozen=True)
class Actor:
    account: str
    positions: frozenset[str]
    roles: frozenset[str]


def verifiers_of(letter: Letter) -> tuple[str, ...]:
    return tuple(letter.field("verifiers", ()) or ()) if letter.version else ()


def signer_of(letter: Letter) -> str:
    return (letter.field("signer", "") or "") if letter.version else ""


def fully_verified(letter: Letter) -> bool:
    """Every verifier position approved the current version (true with no verifiers)."""
    if not letter.version:
        return False
    approved = letter.approvals
    return all(v in approved and approved[v][0] == letter.version for v in verifiers_of(letter))


def current_verifier(letter: Letter) -> str:
    """The verifier position whose paraf is awaited ("" outside verification)."""
    verifiers = verifiers_of(letter)
    if letter.state != VERIFICATION or letter.step >= len(verifiers):
        return ""
    return verifiers[letter.step]


def _author(letter: Letter, actor: Actor) -> bool:
    return actor.account == letter.author


def _signer(letter: Letter, actor: Actor) -> bool:
    return bool(signer_of(letter)) and signer_of(letter) in actor.positions


def _verifier_now(letter: Letter, actor: Actor) -> bool:
    return bool(current_verifier(letter)) and current_verifier(letter) in actor.positions


def _judge(letter: Letter, actor: Actor) -> bool:
    """Who may return or reject: the awaited verifier, or the signer once it is ready."""
    return _verifier_now(letter, actor) if letter.state == VERIFICATION else _signer(letter, actor)


def _signing_account(letter: Letter, actor: Actor) -> bool:
    return bool(letter.signed_by) and actor.account == letter.signed_by


def _reconciler(letter: Letter, actor: Actor) -> bool:
    return _signer(letter, actor) or ADMIN_ROLE in actor.roles


def _sender(letter: Letter, actor: Actor) -> bool:
    signed_it = bool(letter.signed_by) and actor.account == letter.signed_by
    sender = bool(SENDING_ROLES & actor.roles)
    return _author(letter, actor) or _signer(letter, actor) or signed_it or sender


# action -> (the states it starts from, who may take it)
RULES: dict[str, tuple[frozenset[str], Callable[[Letter, Actor], bool]]] = {
    "edit": (EDITABLE, _author),
    "submit": (EDITABLE, _author),
    "approve": (frozenset({VERIFICATION}), _verifier_now),
    "send_back": (frozenset({VERIFICATION, READY}), _judge),
    "reject": (frozenset({VERIFICATION, READY}), _judge),
    "withdraw": (BEFORE_SIGNING, _author),
    "begin_signing": (frozenset({READY}), _signer),
    "signing_failed": (frozenset({SIGNING}), _signing_account),
    "signing_unknown": (frozenset({SIGNING}), _signing_account),
    "finish_signing": (frozenset({SIGNING}), _signing_account),
    # from "signing" too, once the attempt is older than signing_grace(): a process that
    # died mid-signing leaves the letter there
    "reconcile": (frozenset({UNKNOWN, SIGNING}), _reconciler),
    "send": (frozenset({SIGNED}), _sender),
}


def signing_grace() -> dt.timedelta:
    """How long a signing attempt may still be waiting for its provider: the BSrE timeout
    and a margin, or five minutes locally. Before that, `signing` is a live attempt, not a
    process that died, and reconciling it would let its late answer land on a new version."""
    if os.environ.get("LONTAR_SIGNING", "local").strip().lower() != "bsre":
        return LOCAL_GRACE
    try:
        seconds = float(os.environ.get("LONTAR_BSRE_TIMEOUT", "").strip() or BSRE_DEFAULT_TIMEOUT)
    except ValueError:
        seconds = BSRE_DEFAULT_TIMEOUT
    return dt.timedelta(seconds=seconds) + BSRE_MARGIN


def attempt_over(letter: Letter) -> bool:
    """The letter is `signing` and its attempt is older than any provider can answer."""
    started = letter.signing_started
    return started is None or clock.utcnow() - started > signing_grace()


def _may(letter: Letter, action: str, actor: Actor) -> bool:
    states, who = RULES[action]
    if letter.state not in states or not who(letter, actor):
        return False
    return action != "reconcile" or letter.state != SIGNING or attempt_over(letter)


def _ripe(letter: Letter, action: str) -> bool:
    """What the letter itself must be for an action a person is allowed to take."""
    if action == "submit":
        return letter.version > 0
    if action == "begin_signing":
        return fully_verified(letter)
    return True


def allowed_actions(
    letter: Letter, account: str, positions_held: Iterable[str], roles_in_unit: Iterable[str]
) -> list[str]:
    """The actions a person may take now (no system steps), in USER_ACTIONS order."""
    actor = Actor(account, frozenset(positions_held), frozenset(roles_in_unit))
    return [a for a in USER_ACTIONS if _may(letter, a, actor) and _ripe(letter, a)]


def apply(
    letter: Letter,
    action: str,
    account: str,
    *,
    positions_held: Iterable[str],
    roles_in_unit: Iterable[str],
    version: int | None = None,
    note: str = "",
    fields: dict | None = None,
    outcome: str = "",
) -> str:
    """Takes `action` on the letter as `account` and returns the new state; logs a history
    line (`letter_history_<action>`, detail: the version for edit/approve/begin_signing, the
    note for send_back/reject/signing_failed, the outcome for reconcile).

    Raises LontarError: letter_action_unknown; AccessDenied letter_action_not_allowed (wrong
    state or person); letter_version_stale (`version` is not the current one: required for
    approve and begin_signing, checked for any action that names it); InvalidInput
    letter_note_required, letter_fields_required; letter_not_verified."""
    if action not in RULES:
        raise InvalidInput("letter_action_unknown", action=action)
    actor = Actor(account, frozenset(positions_held), frozenset(roles_in_unit))
    if not _may(letter, action, actor):
        raise AccessDenied("letter_action_not_allowed", action=action, state=letter.state)
    stale = version is not None and version != letter.version
    if stale or (action in NEEDS_VERSION and version is None):
        raise LontarError("letter_version_stale", version=version, current=letter.version)
    note = (note or "").strip()
    if action in NEEDS_NOTE and not note:
        raise InvalidInput("letter_note_required")
    detail = TRANSITIONS[action](letter, actor, note=note, fields=fields, outcome=outcome)
    letter.log(account, action, detail)
    return letter.state


def _edit(letter: Letter, actor: Actor, *, fields: dict | None, **_: object) -> str:
    """A new version from the previous one and the changed fields; earlier paraf no longer
    count, so the letter goes back to draft."""
    if not fields:
        raise InvalidInput("letter_fields_required")
    previous = dict(letter.current.fields) if letter.version else {}
    merged = {**previous, **fields}
    if "verifiers" in merged:
        merged["verifiers"] = tuple(merged["verifiers"] or ())
    number = letter.version + 1
    letter.versions[number] = Version(number, merged, actor.account)
    letter.approvals.clear()
    letter.step, letter.state = 0, DRAFT
    letter.security = ""  # the sifat may change: the class is fixed again at numbering
    return str(number)


def _submit(letter: Letter, actor: Actor, **_: object) -> str:
    """A new round of paraf from the first verifier, or straight to the signer."""
    if not letter.version:
        raise InvalidInput("letter_fields_required")
    letter.approvals.clear()
    letter.step = 0
    letter.state = VERIFICATION if verifiers_of(letter) else READY
    return ""


def _approve(letter: Letter, actor: Actor, **_: object) -> str:
    position = current_verifier(letter)
    letter.approvals[position] = (letter.version, actor.account, clock.utcnow())
    letter.step += 1
    if letter.step >= len(verifiers_of(letter)):
        letter.state = READY
    return str(letter.version)


def _send_back(letter: Letter, actor: Actor, *, note: str, **_: object) -> str:
    letter.state, letter.step, letter.note = RETURNED, 0, note
    return note


def _reject(letter: Letter, actor: Actor, *, note: str, **_: object) -> str:
    letter.state, letter.note = REJECTED, note
    return note


def _withdraw(letter: Letter, actor: Actor, **_: object) -> str:
    letter.state = WITHDRAWN
    return ""


def _begin_signing(letter: Letter, actor: Actor, **_: object) -> str:
    if not fully_verified(letter):
        raise LontarError("letter_not_verified")
    letter.state, letter.signed_by, letter.signed_version = SIGNING, actor.account, letter.version
    return str(letter.version)


def _signing_failed(letter: Letter, actor: Actor, *, note: str, **_: object) -> str:
    letter.state = READY  # letter.number stays: the next attempt of the same scope reuses it
    _attempt_over(letter)
    return note


def _signing_unknown(letter: Letter, actor: Actor, **_: object) -> str:
    letter.state = UNKNOWN
    return ""


def _finish_signing(letter: Letter, actor: Actor, **_: object) -> str:
    _check_signed_version(letter)
    letter.state = SIGNED
    if letter.signed_at is None:
        letter.signed_at = clock.utcnow()
    return str(letter.signed_version)


def _reconcile(letter: Letter, actor: Actor, *, outcome: str, **_: object) -> str:
    """Settles an unknown outcome: "signed" when the signed bytes were found (by default
    when the services stored them on the letter), else back to "ready"."""
    outcome = outcome or (SIGNED if letter.signed is not None else READY)
    if outcome not in RECONCILE_OUTCOMES:
        raise InvalidInput("letter_reconcile_outcome_invalid", outcome=outcome)
    if outcome == SIGNED:
        _check_signed_version(letter)
        if letter.signed_at is None:
            letter.signed_at = clock.utcnow()
    letter.state = outcome
    if outcome == READY:
        _attempt_over(letter)
    else:
        letter.signing_attempt = ""  # a late answer of the attempt is refused
    return outcome


def _send(letter: Letter, actor: Actor, **_: object) -> str:
    letter.state, letter.sent_by, letter.sent_at = SENT, actor.account, clock.utcnow()
    return ""


def _attempt_over(letter: Letter) -> None:
    """The attempt ended unsigned: a late answer of it is refused, and the class fixed for
    it no longer holds (the letter may be edited to another sifat before the next one)."""
    letter.signing_attempt, letter.security = "", ""


def _check_signed_version(letter: Letter) -> None:
    if letter.signed_version != letter.version or not fully_verified(letter):
        raise LontarError("letter_not_verified")


TRANSITIONS: dict[str, Callable[..., str]] = {
    "edit": _edit,
    "submit": _submit,
    "approve": _approve,
    "send_back": _send_back,
    "reject": _reject,
    "withdraw": _withdraw,
    "begin_signing": _begin_signing,
    "signing_failed": _signing_failed,
    "signing_unknown": _signing_unknown,
    "finish_signing": _finish_signing,
    "reconcile": _reconcile,
    "send": _send,
}
