"""The registers a unit's clerks keep: the agenda keluar (every number given, electronic or
manual) and its export, the buku ekspedisi of external addressees and their hand-over, and
manual numbers for paper letters. Only those who keep the unit's records (Administrator,
Arsiparis, Pencatat) see or change them, or take a manual number; above the caller's
clearance a line keeps its number, date and signer but not its hal, addressees or record.
"""

from __future__ import annotations

from repository.core import clock, exports
from repository.core.content import Pemda, parse_date
from repository.core.db import reading
from repository.core.errors import AccessDenied, InvalidInput
from repository.core.i18n import translate
from repository.core.security import Caller
from repository.letters import (
    catalogue,
    dispatch,
    drafting,
    filing,
    messages,  # noqa: F401  (registers the catalogue)
    numbering,
    views,
)
from repository.letters.model import registry_of
from repository.letters.service_base import LetterBase

REGISTER_COLUMNS = ("number", "date", "hal", "recipients", "signer", "state", "record")


class Registers(LetterBase):
    def outgoing_register(
        self, caller: Caller, unit: str, year: int, query: str = ""
    ) -> list[dict]:
        """The agenda keluar of a unit and year (its registry clerks, archivists and
        administrators): number, date, hal, recipients, signer, state and the filed record.
        Manual numbers are in it too; a line above the caller's clearance is withheld (no
        hal, addressees or record, and a search does not look in them)."""
        wanted = (query or "").strip().lower()
        with reading(self.db) as root:
            pemda = self._pemda(root)
            where = self._clerk_unit(caller, pemda, unit)
            registry = pemda.letters
            if registry is None:
                return []
            rows = [
                views.register_row(pemda, registry, caller, value)
                for value in filing.register_entries(registry, where.code, int(year))
            ]
        return [r for r in rows if not wanted or wanted in views.row_words(r)]

    def register_export(self, caller: Caller, unit: str, year: int, fmt: str) -> bytes:
        if fmt not in exports.FORMATS:
            raise InvalidInput("letter_export_format", fmt=fmt)
        rows = self.outgoing_register(caller, unit, year)
        headers = {c: translate(f"letter_register_{c}") for c in REGISTER_COLUMNS}
        table = [
            {
                headers[c]: ("; ".join(r[c]) if isinstance(r[c], list) else r[c])
                for c in REGISTER_COLUMNS
            }
            for r in rows
        ]
        data = exports.encode(table, fmt, [headers[c] for c in REGISTER_COLUMNS])
        self.record_event(
            caller,
            "letter_register_exported",
            f"unit:{unit.upper()}",
            year=int(year),
            rows=len(rows),
        )
        return data

    def dispatch_register(self, caller: Caller, unit: str, year: int) -> list[dict]:
        """The buku ekspedisi of a unit and year: each external addressee of each sent letter,
        with the letter's number and hal, and how and when it was handed over."""
        with reading(self.db) as root:
            pemda = self._pemda(root)
            where = self._clerk_unit(caller, pemda, unit)
            registry = pemda.letters
            if registry is None:
                return []
            rows = []
            for value in filing.register_entries(registry, where.code, int(year)):
                letter = registry.letters.get(value)
                if letter is not None:
                    rows += _dispatch_lines(registry, letter, views.cleared(letter, caller))
        return rows

    def hand_over(self, caller: Caller, key: str, via: str, day=None) -> None:
        """Marks a buku ekspedisi line handed over (by post, courier, email, or collected)."""
        when = parse_date(day) or clock.today()

        def change(pemda: Pemda) -> str:
            registry = registry_of(pemda)
            letter = registry.letters.get(str(key or "").partition("|")[0])
            self._clerk_unit(caller, pemda, letter.unit if letter is not None else "")
            return dispatch.hand_over(registry, key, via, when)

        self._write(
            caller,
            change,
            f"dispatch {key}",
            audit=lambda letter_id: [
                ("letter_handed_over", f"letter:{letter_id}", {"via": via, "on": when.isoformat()})
            ],
        )

    def _clerk_unit(self, caller: Caller, pemda: Pemda, unit: str):
        """A unit whose registers the caller keeps (Administrator, Arsiparis, Pencatat)."""
        where = pemda.units.get((unit or "").upper())
        if where is None or not caller.may("add_records", where):
            raise AccessDenied()
        return where

    def reserve_number(self, caller: Caller, fields: dict) -> dict:
        """Ambil nomor manual: the next number of the type's scope for a paper letter,
        registered (and in the agenda keluar) so no electronic letter gets it."""
        self._ensure_seeded()

        def change(pemda: Pemda) -> dict:
            # a number taken is a line in the register for good: only its keepers take one
            self._clerk_unit(caller, pemda, drafting.unit_for(caller, pemda, fields.get("unit")))
            return _reserve(caller, pemda, fields)

        return self._write(
            caller,
            change,
            "letter reserve",
            audit=lambda m: [
                ("letter_number_reserved", f"manual:{m['id']}", {"number": m["number"]})
            ],
        )


def _dispatch_lines(registry, letter, seen: bool) -> list[dict]:
    """A letter's buku ekspedisi lines; above the caller's clearance without the hal and the
    addressee (the number and the hand-over stay: the clerk still has to hand it over)."""
    hal = letter.field("hal", "") if seen else ""
    found = []
    for line in dispatch.dispatch_rows(registry, letter.id):
        addressee = line["addressee"] if seen else ""
        found.append({**line, "addressee": addressee, "number": letter.number, "hal": hal})
    return found


def _reserve(caller: Caller, pemda: Pemda, fields: dict) -> dict:
    """In the caller's transaction: the manual number and its agenda keluar line."""
    registry = registry_of(pemda)
    unit = drafting.unit_for(caller, pemda, fields.get("unit"))
    letter_type = catalogue.find_type(registry, str(fields.get("type") or ""))
    hal = drafting.text(
        fields.get("hal"), drafting.MAX_HAL, "letter_hal_required", False, one_line=True
    )
    kka = drafting.classification(pemda, fields.get("classification"))
    signer = registry.positions.get(str(fields.get("signer") or "").upper())
    day = clock.today()
    manual = numbering.reserve_manual(
        registry,
        letter_type,
        unit_code=unit,
        kka=kka,
        jabatan=signer.abbreviation if signer is not None else "",
        day=day,
        fields={"hal": hal, "classification": kka, "type": letter_type.code, "unit": unit},
        by=caller.name,
    )
    key = f"{day.isoformat()}|{manual.at.isoformat()}|manual:{manual.id}"
    filing.enter_register(registry, unit, day.year, key, f"manual:{manual.id}")
    return {"number": manual.number, "id": manual.id, "date": day.isoformat()}
