"""Units: the OPDs of the Pemda and their sub-units."""

from __future__ import annotations

from repository.core.content import UNIT_CODE, Pemda, Unit
from repository.core.errors import DuplicateUnit, InvalidInput, UnitNotFound


def get_unit(pemda: Pemda, code: str) -> Unit:
    unit = pemda.units.get((code or "").upper())
    if unit is None:
        raise UnitNotFound(code=code)
    return unit


def add_unit(pemda: Pemda, code: str, name: str, parent_code: str | None = None) -> Unit:
    """Unit codes are unique across the whole Pemda so a code alone names a unit."""
    if not UNIT_CODE.match(code or ""):
        raise InvalidInput("bad_unit_code", code=code)
    code = code.upper()
    if code in pemda.units:
        raise DuplicateUnit(code=code)
    unit = Unit(code, name)
    if parent_code:
        parent = get_unit(pemda, parent_code)
        unit.parent = parent
        parent.subunits[code] = unit
    else:
        unit.parent = pemda
        pemda.top_units[code] = unit
    pemda.units[code] = unit
    return unit


def walk(pemda: Pemda):
    """Units in tree order with their depth, OPDs first, sub-units beneath each."""
    stack = [(unit, 0) for unit in reversed(list(pemda.top_units.values()))]
    while stack:
        unit, depth = stack.pop()
        yield unit, depth
        stack.extend((child, depth + 1) for child in reversed(list(unit.subunits.values())))


def unit_rows(pemda: Pemda) -> list[dict]:
    return [
        {
            "code": unit.code,
            "name": unit.name,
            "parent": unit.parent.code if isinstance(unit.parent, Unit) else None,
            "depth": depth,
            "records": unit.record_count(),
            "blocked": unit.block_inheritance,
        }
        for unit, depth in walk(pemda)
    ]
