"""Who letters go between: positions and their acting holders, the positions a caller holds,
recipient groups, and what a recipient picker offers. Reads are for anyone who takes part in
letters (pickers need them); changes are for those who manage letters in the unit. A change
of who holds a position re-confines the threads of the received letters it takes part in, in
the same transaction (threads.reconfine_party); acting holders are never named in a thread
(threads.py), so an acting period changes nothing there.
"""

from __future__ import annotations

import re

from repository.core import clock
from repository.core.content import Pemda, parse_date
from repository.core.db import reading
from repository.core.errors import InvalidInput
from repository.core.security import Caller
from repository.letters import (
    dispatch,
    messages,  # noqa: F401  (registers the catalogue)
    positions,
    threads,
    views,
)
from repository.letters.model import RecipientGroup, registry_of
from repository.letters.service_base import LetterBase

GROUP_CODE = re.compile(r"^[a-z][a-z0-9_]{1,39}$")


class Organisation(LetterBase):
    def positions(self, caller: Caller, unit: str | None = None) -> list[dict]:
        """Every position (what pickers offer): for anyone who takes part in letters."""
        self.require(caller, "letters")
        day = clock.today()
        with reading(self.db) as root:
            pemda = self._pemda(root)
            registry = pemda.letters
            if registry is None:
                return []
            return [
                views.position_row(pemda, registry, p, day)
                for p in positions.list_positions(registry, unit)
            ]

    def save_position(
        self,
        caller: Caller,
        code: str,
        *,
        unit: str,
        name: str,
        parent: str = "",
        holder: str = "",
        abbreviation: str = "",
        rank: int = 0,
    ) -> dict:
        fields = {"parent": parent, "holder": holder, "abbreviation": abbreviation, "rank": rank}

        def change(pemda: Pemda) -> dict:
            self._manage(caller, pemda, unit)
            registry = registry_of(pemda)
            saved = positions.save_position(registry, pemda, code, unit=unit, name=name, **fields)
            threads.reconfine_party(pemda, registry, saved.code)  # a new holder, a new reader
            return views.position_row(pemda, registry, saved, clock.today())

        return self._write(caller, change, f"position {code}", audit=_position_saved)

    def set_acting(self, caller: Caller, code: str, kind: str, account: str, start, end) -> None:
        first, last = parse_date(start), parse_date(end)
        if first is None or last is None:
            raise InvalidInput("acting_period_invalid", start=str(start), end=str(end))

        def change(pemda: Pemda) -> None:
            registry = registry_of(pemda)
            self._manage(caller, pemda, positions.find_position(registry, code).unit)
            positions.set_acting(registry, code, kind, account, first, last, pemda=pemda)

        detail = {
            "kind": kind,
            "account": account,
            "start": first.isoformat(),
            "end": last.isoformat(),
        }
        self._write(
            caller,
            change,
            f"acting {code}",
            audit=lambda _: [("position_acting_set", f"position:{code.upper()}", detail)],
        )

    def clear_acting(self, caller: Caller, code: str) -> None:
        def change(pemda: Pemda) -> None:
            registry = registry_of(pemda)
            self._manage(caller, pemda, positions.find_position(registry, code).unit)
            positions.clear_acting(registry, code)

        self._write(
            caller,
            change,
            f"acting clear {code}",
            audit=lambda _: [("position_acting_cleared", f"position:{code.upper()}", {})],
        )

    def my_positions(self, caller: Caller) -> list[dict]:
        day = clock.today()
        with reading(self.db) as root:
            pemda = self._pemda(root)
            registry = pemda.letters
            if registry is None:
                return []
            return [
                {**views.position_row(pemda, registry, p, day), "acting_kind": kind}
                for p, kind in positions.held_by(registry, caller.name, day)
            ]

    def groups(self, caller: Caller) -> list[dict]:
        self.require(caller, "letters")
        self._ensure_seeded()
        with reading(self.db) as root:
            pemda = self._pemda(root)
            registry = pemda.letters
            return [
                {
                    "code": g.code,
                    "name": g.name,
                    "members": views.targets(pemda, registry, g.members),
                }
                for g in registry.groups.values()
            ]

    def save_group(self, caller: Caller, code: str, name: str, members) -> dict:
        code, name = (code or "").strip(), (name or "").strip()
        if not GROUP_CODE.match(code):
            raise InvalidInput("letter_group_code_invalid", code=code)
        if not name:
            raise InvalidInput("letter_group_name_required")
        self._ensure_seeded()

        def change(pemda: Pemda) -> dict:
            self._manage(caller, pemda)
            registry = registry_of(pemda)
            kept = tuple(
                dict.fromkeys(
                    dispatch.check(pemda, registry, m, groups=False) for m in members or ()
                )
            )
            if not kept:
                raise InvalidInput("letter_group_empty")
            registry.groups[code] = RecipientGroup(code, name, kept)
            return {"code": code, "name": name, "members": list(kept)}

        return self._write(
            caller,
            change,
            f"group {code}",
            audit=lambda g: [
                ("letter_group_saved", f"group:{code}", {"members": len(g["members"])})
            ],
        )

    def targets(self, caller: Caller, query: str = "") -> list[dict]:
        """What a recipient picker offers, by name: positions (with their holders), units and
        groups whose name or code holds the query."""
        self.require(caller, "letters")
        self._ensure_seeded()
        wanted = (query or "").strip().lower()
        with reading(self.db) as root:
            pemda = self._pemda(root)
            registry = pemda.letters
            found = views.target_choices(pemda, registry, clock.today())
        return [t for t in found if not wanted or wanted in t["search"]]


def _position_saved(row: dict) -> list:
    detail = {"unit": row["unit"], "name": row["name"], "holder": row["holder"]}
    return [("position_saved", f"position:{row['code']}", detail)]
