"""Positions (jabatan) and who holds them on a day.

A letter names positions, never accounts: the signer, the verifiers and internal recipients
are position codes, and whoever holds the position (or acts for it, Plt/Plh, in a period) on
the day acts for it. Lookups scan the positions (a Pemda has a few thousand), never letters.
Functions here change objects in the caller's transaction; they commit and audit nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from repository.core.content import UNIT_CODE, Pemda
from repository.core.errors import InvalidInput, RecordNotFound
from repository.letters import messages  # noqa: F401  (registers the catalogue)
from repository.letters.model import ACTING, Position, Registry

MAX_NAME = 200
RANKS = range(0, 5)  # 0 unset, 1 head of an OPD, 2 sekretaris/kabid, 3 kasubbag/kasi, 4 staff
MAX_ABBREVIATION = 20


def find_position(registry: Registry, code: str) -> Position:
    position = registry.positions.get((code or "").strip().upper())
    if position is None:
        raise RecordNotFound("position_not_found", code=code)
    return position


def list_positions(registry: Registry, unit: str | None = None) -> list[Position]:
    """By unit, then rank (unset last), then code: the order of an organisation chart."""
    found = [p for p in registry.positions.values() if unit is None or p.unit == unit.upper()]
    return sorted(found, key=lambda p: (p.unit, p.rank or len(RANKS), p.code))


def save_position(
    registry: Registry,
    pemda: Pemda,
    code: str,
    *,
    unit: str,
    name: str,
    parent: str = "",
    holder: str = "",
    abbreviation: str = "",
    rank: int = 0,
) -> Position:
    """Adds or changes a position. Everything is checked before anything changes."""
    code, unit, parent = _code(code), (unit or "").strip().upper(), (parent or "").strip().upper()
    name, holder = (name or "").strip(), (holder or "").strip().lower()
    abbreviation = (abbreviation or "").strip()
    _check_fields(pemda, unit=unit, name=name, holder=holder, abbreviation=abbreviation, rank=rank)
    if parent:
        if parent not in registry.positions:
            raise InvalidInput("position_parent_unknown", parent=parent)
        _check_no_cycle(registry, code, parent)
    position = registry.positions.get(code)
    if position is None:
        position = registry.positions[code] = Position(code, unit, name)
    position.unit, position.name, position.parent = unit, name, parent
    position.holder, position.abbreviation, position.rank = holder, abbreviation, int(rank)
    return position


def _code(code: str) -> str:
    code = (code or "").strip()
    if not UNIT_CODE.match(code):
        raise InvalidInput("position_code_invalid", code=code)
    return code.upper()


def _check_fields(
    pemda: Pemda, *, unit: str, name: str, holder: str, abbreviation: str, rank: int
) -> None:
    if unit not in pemda.units:
        raise InvalidInput("position_unit_unknown", unit=unit)
    if not name or len(name) > MAX_NAME:
        raise InvalidInput("position_name_required")
    if holder and holder not in (pemda.accounts or {}):
        raise InvalidInput("position_holder_unknown", account=holder)
    if abbreviation and not _matches_abbreviation(abbreviation):
        raise InvalidInput("position_abbreviation_invalid", abbreviation=abbreviation)
    if isinstance(rank, bool) or not isinstance(rank, int) or rank not in RANKS:
        raise InvalidInput("position_rank_invalid", rank=rank)


def _matches_abbreviation(text: str) -> bool:
    return (
        len(text) <= MAX_ABBREVIATION
        and all(c.isalnum() or c in ".-" for c in text)
        and text[0].isalnum()
    )


def _check_no_cycle(registry: Registry, code: str, parent: str) -> None:
    """`parent` may not be `code` nor anywhere below it."""
    if parent == code or any(p.code == code for p in _upwards(registry, parent)):
        raise InvalidInput("position_cycle", code=code, parent=parent)


def _upwards(registry: Registry, code: str) -> Iterator[Position]:
    """The position `code` and its superiors, stopping at the top (or at a loop left by data
    written outside save_position, so a damaged tree cannot hang a request)."""
    seen: set[str] = set()
    position = registry.positions.get(code)
    while position is not None and position.code not in seen:
        seen.add(position.code)
        yield position
        position = registry.positions.get(position.parent) if position.parent else None


def set_acting(
    registry: Registry,
    code: str,
    kind: str,
    account: str,
    start: dt.date,
    end: dt.date,
    *,
    pemda: Pemda | None = None,
) -> Position:
    """Adds an acting period (Plt or Plh) to a position. Periods of one position may not
    overlap: on any day at most one person acts for it. With `pemda`, the account must exist."""
    position = find_position(registry, code)
    account = (account or "").strip().lower()
    if kind not in ACTING:
        raise InvalidInput("acting_kind_invalid", kind=kind)
    if not account:
        raise InvalidInput("acting_account_required")
    if pemda is not None and account not in (pemda.accounts or {}):
        raise InvalidInput("position_holder_unknown", account=account)
    if start > end:
        raise InvalidInput("acting_period_invalid", start=start.isoformat(), end=end.isoformat())
    if any(
        start <= other_end and other_start <= end
        for _, _, other_start, other_end in position.acting
    ):
        raise InvalidInput("acting_overlap", code=position.code)
    position.acting = tuple(
        sorted((*position.acting, (kind, account, start, end)), key=lambda a: a[2])
    )
    return position


def clear_acting(registry: Registry, code: str, start: dt.date | None = None) -> Position:
    """Removes every acting period of the position, or only the one that starts on `start`."""
    position = find_position(registry, code)
    position.acting = tuple(a for a in position.acting if start is not None and a[2] != start)
    return position


def holders_on(position: Position, day: dt.date) -> list[tuple[str, str]]:
    """[(account, "" | "Plt" | "Plh")]: the holder and the acting holder of that day."""
    return position.holders_on(day)


def held_by(registry: Registry, account: str, day: dt.date) -> list[tuple[Position, str]]:
    """The active positions `account` holds ("") or acts for ("Plt"/"Plh") on `day`."""
    found = []
    for position in registry.positions.values():
        if not position.active:
            continue
        for holder, kind in position.holders_on(day):
            if holder == account:
                found.append((position, kind))
                break
    return found


def codes_held(registry: Registry, account: str, day: dt.date) -> set[str]:
    """The codes of held_by: what workflow.apply takes as `positions_held`."""
    return {position.code for position, _ in held_by(registry, account, day)}


def chain_above(registry: Registry, code: str) -> list[Position]:
    """The superiors of a position, nearest first, up to the top."""
    return list(_upwards(registry, find_position(registry, code).code))[1:]


def head_of_unit(
    registry: Registry, unit_code: str, *, pemda: Pemda | None = None
) -> Position | None:
    """The unit's head: its active position of the highest rank (1 before 2 ...), the one at
    the top of the unit's own tree on a tie. A unit without positions: with `pemda`, the
    head of the nearest unit above it; else None."""
    unit_code = (unit_code or "").upper()
    mine = [p for p in registry.positions.values() if p.unit == unit_code and p.active]
    if mine:
        inside = {p.code for p in mine}
        return min(mine, key=lambda p: (p.rank or len(RANKS), p.parent in inside, p.code))
    unit = pemda.units.get(unit_code) if pemda is not None else None
    above = getattr(unit, "parent", None)
    if unit is None or above is None or above is pemda:
        return None
    return head_of_unit(registry, above.code, pemda=pemda)
