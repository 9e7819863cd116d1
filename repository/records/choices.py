"""What pickers offer, by name: units and the people and units a record can be shared with.

People choose "Dinas Pendidikan", not `DISDIK`, and "Ani Lestari", not `user:ani`; the value
each choice carries is what the service that acts on it takes (a unit code, `user:NAME`), so
the page never has to translate a name back. Only what the caller may act on is offered.
"""

from __future__ import annotations

from repository.core.content import Pemda, Record, Unit
from repository.core.security import Caller, reaching_units
from repository.records.units import walk


def unit_choice(unit: Unit) -> dict:
    return {"code": unit.code, "name": unit.name or unit.code, "label": unit.name or unit.code}


def unit_name(pemda: Pemda, code: str | None) -> str:
    unit = pemda.units.get(code or "")
    return (unit.name or unit.code) if unit is not None else (code or "")


def principal_choice(pemda: Pemda, principal: str) -> dict:
    """`local:DPK` or `user:ani` as a choice: {value (the principal), label (a name), kind}."""
    kind, _, name = principal.partition(":")
    if kind == "local":
        return {"value": principal, "label": unit_name(pemda, name), "kind": "unit"}
    account = (pemda.accounts or {}).get(name)
    label = (getattr(account, "full_name", "") or name) if account is not None else name
    return {"value": principal, "label": label, "kind": "user"}


def shared(pemda: Pemda, record: Record) -> list[dict]:
    """Whom the record is shared with, by name, with the share's last day (None: no end)."""
    return [
        {**principal_choice(pemda, principal), "until": until.isoformat() if until else None}
        for principal, (until, _) in (record.shares or {}).items()
    ]


def share_targets(pemda: Pemda, record: Record, caller: Caller) -> list[dict]:
    """Units first (in tree order), then accounts by name. A unit whose roles already reach
    the record (its own unit and those above, unless a block stops them) gains nothing from
    a share; nor does the caller, a disabled account, or one already shared with."""
    taken = set(record.shares or {})
    reaching = set(reaching_units(record))
    found = [
        {"value": unit.code, "label": unit.name or unit.code, "kind": "unit"}
        for unit, _ in walk(pemda)
        if unit.code not in reaching and f"local:{unit.code}" not in taken
    ]
    people = [
        {"value": f"user:{name}", "label": account.full_name or name, "kind": "user"}
        for name, account in (pemda.accounts or {}).items()
        if name != caller.name and not account.disabled and f"user:{name}" not in taken
    ]
    return found + sorted(people, key=lambda choice: choice["label"].lower())
