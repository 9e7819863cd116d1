"""The reading room's part of `lontar.catalogue`: selection lists (daftar pilihan) a researcher
pins, exports and saves under a number, and finding aids (inventaris arsip statis) of public
fonds, series and berkas. Rules and PDFs in selection.py and findingaid.py.

Everything here shows public records only, whoever asks: a list keeps the ids it was given,
and which of them are still public is decided each time it is read. Saving a list is an
action (audited in its transaction); reading one is not written; exports and finding aids
are audited as exports. The public opens a saved list by its full number (with its random
check), staff also by the bare one; saves and wrong numbers are throttled per client address
(the caller's origin, `web:<address>` on the web).
"""

from __future__ import annotations

from collections.abc import Iterable

from repository.catalogue import findingaid, selection
from repository.core import clock
from repository.core.content import Pemda
from repository.core.db import reading
from repository.core.errors import RecordNotFound
from repository.core.i18n import current_language
from repository.core.security import Caller
from repository.core.service import Context

STAFF = ("publish", "ppid")  # who sees the name and contact saved with a list


class ReadingRoom:
    """Mixed into `CatalogueServices` (services.py), whose `db`, `base_url`, `commit`,
    `record_event`, `_pemda` and `_public` it uses."""

    def __init__(self, context: Context) -> None:
        super().__init__(context)  # Service's
        self._saves = selection.Throttle(*selection.SAVES)
        self._misses = selection.Throttle(*selection.MISSES)

    # -- selection lists --------------------------------------------------------------------
    def selection_rows(self, caller: Caller, ids: Iterable[str]) -> list[dict]:
        """The pinned records that are public now, in the order pinned, numbered from 1;
        the others are left out (a researcher's list never shows what it may not)."""
        with reading(self.db) as root:
            pemda = self._pemda(root)
            return selection.rows(pemda, ids, self.base_url, public_only=True)

    def save_selection(
        self, caller: Caller, ids: Iterable[str], name: str = "", contact: str = ""
    ) -> str:
        """Saves the public ones of `ids` under a new number and returns the full one, to
        cite (DP-<year>-<nnnn>-<check>). Refuses an empty list, more than `selection.MAX_IDS`
        ids, a list none of whose records is public, a contact that is not an e-mail address,
        and more than `selection.SAVES` saves a minute from one client address."""
        wanted = selection.checked_ids(ids)
        name, contact = selection.checked_contact(name, contact)
        now, address = clock.now().timestamp(), _address(caller)
        self._saves.allow(address, now)
        self._saves.note(address, now)

        def work(root) -> dict:
            saved = selection.save(self._pemda(root), wanted, name, contact, caller.name)
            return {"number": saved.number, "cited": saved.cited, "records": len(saved.ids)}

        done = self.commit(
            caller,
            work,
            note="save selection",
            audit=lambda done: [("selection_saved", done["number"], {"records": done["records"]})],
        )
        return done["cited"]

    def selection(self, caller: Caller, number: str) -> dict:
        """A saved list by its full number (staff: also by the bare one): its lines (a record
        no longer public is a line marked unavailable, without its title), when it was
        saved, and for staff (who may publish or handle PPID requests) the name and contact
        it was saved with. An unknown number, a wrong check and, for the public, a bare
        number are all `RecordNotFound`; after `selection.MISSES` different wrong numbers
        from one address in ten minutes the public is refused (`InvalidInput`)."""
        with reading(self.db) as root:
            return self._saved(self._pemda(root), caller, number)

    def _saved(self, pemda: Pemda, caller: Caller, number: str) -> dict:
        staff = any(caller.may(permission) for permission in STAFF)
        now, address = clock.now().timestamp(), _address(caller)
        typed = " ".join(str(number or "").split())
        if not staff:
            self._misses.allow(address, now, typed.upper())
        saved = selection.find(pemda, number, staff=staff)
        if saved is None:
            if not staff:
                self._misses.note(address, now, typed.upper())
            raise RecordNotFound("sel_not_found", number=typed)
        lines = selection.rows(pemda, saved.ids, self.base_url, public_only=False)
        found = {
            "number": saved.cited,
            "created": saved.created,
            "count": len(lines),
            "available": sum(1 for line in lines if line["available"]),
            "rows": lines,
        }
        if staff:
            found.update(name=saved.name, contact=saved.contact, saved_by=saved.saved_by)
        return found

    def export_selection(
        self,
        caller: Caller,
        ids: Iterable[str],
        fmt: str,
        lang: str | None = None,
        number: str = "",
    ) -> bytes:
        """The list as CSV, Excel or PDF, in the reader's language: a saved list (`number`,
        opened as `selection` opens it) with its unavailable lines, else only the pinned
        records that are public. The audit trail names a saved list by its bare number: the
        check is for the researcher, not for whoever reads the trail."""
        lang = lang or current_language()
        cited = target = ""
        with reading(self.db) as root:
            pemda = self._pemda(root)
            if number:
                found = self._saved(pemda, caller, number)
                lines, cited = found["rows"], found["number"]
                target = selection.bare_number(cited)
            else:
                lines = selection.rows(pemda, ids, self.base_url, public_only=True)
            data = selection.export(lines, fmt, lang, pemda.name, cited)
        detail = {"format": fmt, "records": len(lines), "document": "selection"}
        self.record_event(caller, "exported", target or "selection", **detail)
        return data

    # -- finding aids -------------------------------------------------------------------------
    def finding_aid(self, caller: Caller, record_id: str, lang: str | None = None) -> bytes:
        """The finding aid of a public fonds, series or berkas as a PDF, in the reader's
        language. Not public (or not there): `RecordNotFound`; an item: `InvalidInput`."""
        lang = lang or current_language()
        with reading(self.db) as root:
            pemda = self._pemda(root)
            record = self._public(pemda, record_id)
            findingaid.check_level(record)
            data = findingaid.finding_aid_pdf(record, pemda.name, self.base_url, lang)
            found = record.id
        self.record_event(caller, "exported", found, format="pdf", document="finding_aid")
        return data


def _address(caller: Caller) -> str:
    """Whom the throttles count: the client address in the caller's origin (`web:<address>`),
    else the account's name."""
    return caller.origin or f"account:{caller.name}"
