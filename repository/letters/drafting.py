"""Checking and cleaning a draft's fields before they become a Version: pure functions over
the Pemda and the registry (no commit, no audit), shared by drafting, editing, the live
preview and manual numbers. Each raises InvalidInput (or AccessDenied for a unit the caller
may not write letters in) with the key the form shows next to the field.
"""

from __future__ import annotations

import datetime as dt

from repository.core import clock
from repository.core.content import Pemda
from repository.core.errors import AccessDenied, InvalidInput
from repository.core.security import Caller, rank
from repository.ingest.pipeline import current_codes
from repository.letters import (
    dispatch,
    filing,
    messages,  # noqa: F401  (registers the catalogue)
    numbering,
    views,
)
from repository.letters.model import SECURITY_OF_SIFAT, SIFAT, URGENCY, Letter, Registry

MAX_HAL = 500
MAX_BODY = 50_000
MAX_TARGETS = 500


def clean(
    caller: Caller, pemda: Pemda, registry: Registry, fields: dict, partial: bool = False
) -> tuple[str, str, dict]:
    """(unit, type, the version's fields) after checking each; raises InvalidInput.
    `partial` lets the live preview show a form with fields still missing."""
    unit = unit_for(caller, pemda, fields.get("unit"))
    letter_type = registry.types.get(str(fields.get("type") or "").strip())
    if letter_type is None or not letter_type.active:
        raise InvalidInput("letter_type_unknown", code=str(fields.get("type") or ""))
    kept = {
        **_wording(fields, partial),
        "classification": classification(pemda, fields.get("classification")),
        "recipients": targets(pemda, registry, fields.get("recipients"), partial),
        "copies": targets(pemda, registry, fields.get("copies"), True),
        "signer": signer(registry, letter_type, unit, fields.get("signer"), partial),
        "verifiers": verifiers(registry, fields.get("verifiers"), fields.get("signer")),
        "into": filing.check_into(pemda, caller, unit, str(fields.get("into") or "").strip()),
        "in_reply_to": str(fields.get("in_reply_to") or "").strip()[:64],
    }
    if not caller.sees_class(SECURITY_OF_SIFAT[kept["sifat"]]):
        raise InvalidInput("letter_sifat_above_clearance", sifat=kept["sifat"])
    if not partial:
        check_numberable(registry, letter_type, kept)
        check_chain(pemda, registry, kept, clock.today())
    return unit, letter_type.code, kept


def _wording(fields: dict, partial: bool) -> dict:
    return {
        "hal": text(fields.get("hal"), MAX_HAL, "letter_hal_required", partial, one_line=True),
        "body": text(fields.get("body"), MAX_BODY, "letter_body_required", partial),
        "sifat": choice(fields.get("sifat") or "biasa", SIFAT, "letter_sifat_invalid"),
        "urgency": choice(fields.get("urgency") or "biasa", URGENCY, "letter_urgency_invalid"),
    }


def unit_for(caller: Caller, pemda: Pemda, unit) -> str:
    code = str(unit or "").strip().upper()
    found = pemda.units.get(code)
    if found is None:
        raise InvalidInput("letter_unit_required", unit=code)
    if not caller.may("letters", found):
        raise AccessDenied()
    return code


def text(value, limit: int, required: str, partial: bool, one_line: bool = False) -> str:
    found = str(value or "").replace("\r\n", "\n").strip()
    if one_line:
        found = " ".join(found.split())
    if not found and not partial:
        raise InvalidInput(required)
    if len(found) > limit:
        raise InvalidInput("letter_text_too_long", limit=limit)
    return found


def choice(value, allowed, key: str) -> str:
    value = str(value).strip().lower()
    if value not in allowed:
        raise InvalidInput(key, value=value)
    return value


def classification(pemda: Pemda, value) -> str:
    """A code of the current scheme when one is loaded, else free text."""
    code = " ".join(str(value or "").split())
    if not code:
        return ""
    _, codes = current_codes(pemda)
    if codes is not None and code not in codes:
        raise InvalidInput("unknown_code", code=code)
    return code


def targets(pemda: Pemda, registry: Registry, values, optional: bool) -> tuple[str, ...]:
    if isinstance(values, str):
        values = [values]
    kept = dispatch.check_all(pemda, registry, values or ())
    if not kept and not optional:
        raise InvalidInput("letter_recipients_required")
    if len(kept) > MAX_TARGETS:
        raise InvalidInput("letter_too_many_targets", limit=MAX_TARGETS)
    return kept


def signer(registry: Registry, letter_type, unit: str, value, partial: bool) -> str:
    """A position whose rank the type allows to sign."""
    code = str(value or "").strip().upper()
    if not code:
        if partial:
            return ""
        raise InvalidInput("letter_signer_required")
    position = registry.positions.get(code)
    if position is None or not position.active:
        raise InvalidInput("letter_position_unknown", code=code)
    if letter_type.signer_ranks and position.rank not in letter_type.signer_ranks:
        raise InvalidInput("letter_signer_rank", position=position.name, type=letter_type.name)
    return code


def verifiers(registry: Registry, values, signer_code) -> tuple[str, ...]:
    if isinstance(values, str):
        values = [values]
    codes = [str(v or "").strip().upper() for v in values or () if str(v or "").strip()]
    for code in codes:
        if code not in registry.positions:
            raise InvalidInput("letter_position_unknown", code=code)
    if len(set(codes)) != len(codes) or str(signer_code or "").strip().upper() in codes:
        raise InvalidInput("letter_verifier_twice")
    return tuple(codes)


def check_numberable(registry: Registry, letter_type, fields: dict) -> None:
    """A number this letter could not be given is refused now, not at signing."""
    position = registry.positions.get(fields["signer"])
    tokens = numbering.tokens_for(
        urut=1,
        unit_code="X",
        kka=fields["classification"],
        jabatan=position.abbreviation if position is not None else "",
        day=dt.date(2000, 1, 1),
        derajat=SECURITY_OF_SIFAT[fields["sifat"]],
    )
    numbering.format_number(letter_type.pattern, tokens, letter_type.padding)
    numbering.scope_key(letter_type, "X", fields["classification"], 2000)


def check_chain(pemda: Pemda, registry: Registry, fields: dict, day: dt.date) -> None:
    """A terbatas or rahasia letter is seen only by those cleared for its class: a verifier
    or signer position whose every holder that day is below it would hold the letter for
    ever (nobody there could open it), so it is refused when saved and when submitted. A
    position nobody holds is the chain's ordinary wait, not this."""
    wanted = SECURITY_OF_SIFAT[fields.get("sifat", "biasa")]
    for code in (*fields.get("verifiers", ()), fields.get("signer", "")):
        position = registry.positions.get(code)
        holders = [account for account, _ in position.holders_on(day)] if position else []
        if holders and not any(cleared(pemda, a, wanted) for a in holders):
            names = ", ".join(_name(pemda, a) for a in holders)
            raise InvalidInput(
                "letter_chain_clearance",
                position=position.name,
                holder=names,
                sifat=fields["sifat"],
            )


def cleared(pemda: Pemda, account: str, security: str) -> bool:
    """The account's clearance as it stands (read per request, as a Caller's is)."""
    found = (pemda.accounts or {}).get(account)
    return rank(security) <= rank(getattr(found, "clearance", "B"))


def _name(pemda: Pemda, account: str) -> str:
    found = (pemda.accounts or {}).get(account)
    return getattr(found, "full_name", "") or account


def reply_to(caller: Caller, pemda: Pemda, registry: Registry, value) -> str:
    """The received letter a new draft answers: one the author may see (views.sees_incoming),
    else `letter_in_reply_to_invalid` (as for one that does not exist): a draft may not
    name, and so link itself to, a letter its author may not open. "" for none."""
    code = str(value or "").strip()[:64]
    if not code:
        return ""
    table = getattr(registry, "incoming", None) or {}
    found = table.get(code)
    who = views.Who.of(registry, caller, clock.today())
    if found is None or not views.sees_incoming(pemda, registry, found, who):
        raise InvalidInput("letter_in_reply_to_invalid", id=code)
    return code


def link_reply(registry: Registry, letter: Letter) -> None:
    """The other way of the link, in the drafting transaction: the received letter lists
    its reply (Incoming.replies), so both pages show it. Idempotent (conflict retries)."""
    table = getattr(registry, "incoming", None) or {}
    found = table.get(letter.in_reply_to) if letter.in_reply_to else None
    if found is not None and letter.id not in found.replies:
        found.replies = (*found.replies, letter.id)
