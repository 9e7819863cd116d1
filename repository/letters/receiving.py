"""The letters' service part: registering received letters, the buku agenda masuk, and one
received letter as its readers see it.

A letter from outside is registered by its unit's pencatat in two steps: one transaction
gives it its agenda number and its thread (threads.py), then each file (scan or PDF) goes
through the ingest into the thread, each in its own commit (duplicates flagged, the
original kept byte-identical, OCR to a derivative by the worker). A letter sent inside
Lontar arrives at sending (arrival.py); unless the Pemda registers those automatically, a
clerk registers it here with one click.
"""

from __future__ import annotations

import hashlib

from repository.core import clock, exports
from repository.core.content import Pemda, Unit, parse_date
from repository.core.db import reading
from repository.core.errors import AccessDenied, InvalidInput, RecordNotFound
from repository.core.sealing import original_bytes
from repository.core.security import Caller, effective_class
from repository.ingest.extract import ExtractorPool
from repository.ingest.pipeline import FileOutcome, ImportOptions, ImportReport, Ingest
from repository.ingest.pipeline import Incoming as IncomingFile
from repository.letters import (
    agenda,
    arrival,
    disposition,
    drafting,
    filing,
    threads,
    views,
    workindex,
)
from repository.letters.model import SIFAT, URGENCY, Incoming, Registry, new_id, registry_of
from repository.letters.service_base import LetterBase
from repository.letters.views import Who

MAX_TEXT = 500
MAX_SUMMARY = 5_000
MAX_FILES = 20
EXPORTS = (*exports.FORMATS, "pdf")
# Every registration of one unit meets on its agenda Counter (agenda.py): under a burst of
# registrars it waits its turn (random back-off, at most 0.5 s a try) rather than give up.
AGENDA_RETRIES = 60


class Receiving(LetterBase):
    # -- registering ------------------------------------------------------------------------------
    def register_external(
        self, caller: Caller, unit: str, fields: dict, files: list[tuple[str, bytes]]
    ) -> dict:
        """A letter from outside: the agenda number and the thread in one transaction, then
        each file into the thread through the ingest. Returns {id, agenda, thread, report}.
        A file the ingest refuses or finds a duplicate of is in the report; the letter is
        registered all the same (its number is taken and stays)."""
        wanted = _files(files)
        text = _wording(fields)

        def change(pemda: Pemda) -> dict:
            registry = registry_of(pemda)
            where = _registering_unit(caller, pemda, unit)
            incoming = Incoming(new_id(), where.code, "external", text["received"])
            _describe(caller, pemda, registry, where, incoming, text, fields)
            registry.table("incoming")[incoming.id] = incoming
            arrival.register(pemda, registry, incoming, caller.name, self.keyring)
            return {"id": incoming.id, "agenda": incoming.agenda, "thread": incoming.thread,
                    "unit": incoming.unit, "classification": incoming.classification,
                    "security": incoming.security}  # fmt: skip

        made = self._write(
            caller, change, f"incoming register {unit}", audit=_registered, retries=AGENDA_RETRIES
        )
        options = ImportOptions(
            unit=made["unit"],
            into=made["thread"],
            title=text["hal"] if len(wanted) == 1 else None,
            date=text["their_date"].isoformat() if text["their_date"] else None,
            classification=made["classification"],
            security=made["security"],
        )
        report = self._ingest_into(caller, wanted, options)
        self._file_duplicates(caller, made["thread"], wanted, report, options.title or "")
        return {**{k: made[k] for k in ("id", "agenda", "thread")}, "report": report.as_dict()}

    def _file_duplicates(
        self,
        caller: Caller,
        thread_id: str,
        files: list[IncomingFile],
        report: ImportReport,
        title: str,
    ) -> None:
        """A file the ingest found already stored in another record is filed into this
        letter's thread as well, flagged duplicate (threads.file_duplicate), in one commit
        with its `imported` entry; one already in this same thread (or the same bytes twice
        in one upload) stays a plain duplicate.
        The outcome then names the new item."""
        data = {hashlib.sha256(f.data).hexdigest(): f.data for f in files}

        def change(pemda: Pemda) -> list[tuple[FileOutcome, str]]:
            thread = pemda.records.get(thread_id)
            filed, seen = [], set()
            for outcome in report.duplicates:
                existing = pemda.records.get(outcome.duplicate_of or "")
                gone = existing is None or (outcome.sha256 or "") not in data
                if thread is None or gone or existing.parent is thread or outcome.sha256 in seen:
                    continue
                seen.add(outcome.sha256)
                item = threads.file_duplicate(
                    pemda, thread, outcome.filename, data[outcome.sha256 or ""], existing,
                    self.keyring, caller.name, title,
                )  # fmt: skip
                filed.append((outcome, item.id))
            return filed

        def entries(filed: list) -> list:
            return [
                ("imported", item_id, {"file": o.filename, "duplicate_of": o.duplicate_of})
                for o, item_id in filed
            ]

        if not report.duplicates:
            return
        for outcome, item_id in self._write(caller, change, "incoming duplicates", entries):
            outcome.id, outcome.flags = item_id, ["duplicate"]

    def _ingest_into(
        self, caller: Caller, files: list[IncomingFile], options: ImportOptions
    ) -> ImportReport:
        """The files into a thread, each in its own commit with its `imported` audit entry;
        the worker indexes and OCRs them afterwards."""
        pool = ExtractorPool(size=1)
        try:
            return Ingest(self.db, pool, caller, self.keyring, audit=self.audit).run(files, options)
        finally:
            pool.close()

    def register(self, caller: Caller, incoming_id: str, addressed: str = "") -> dict:
        """Registers a letter that arrived from inside Lontar and waits for its unit's
        clerks (the Pemda does not register them automatically): one click, no typing; the
        clerk may name the position it is for when the unit has no head. Returns {id, agenda}."""

        def change(pemda: Pemda) -> dict:
            registry = registry_of(pemda)
            who = Who.of(registry, caller, clock.today())
            incoming = disposition.find_incoming(pemda, registry, who, incoming_id)
            where = _registering_unit(caller, pemda, incoming.unit)
            if incoming.state != "unregistered":
                raise InvalidInput("incoming_already_registered", agenda=incoming.agenda)
            if addressed and not incoming.addressed:
                incoming.addressed = _addressed(pemda, registry, where, addressed)
            if not incoming.addressed:
                raise InvalidInput("incoming_addressed_required")
            arrival.register(pemda, registry, incoming, caller.name, self.keyring)
            return {"id": incoming.id, "agenda": incoming.agenda, "unit": incoming.unit,
                    "source": incoming.source}  # fmt: skip

        return self._write(
            caller,
            change,
            f"incoming register {incoming_id}",
            audit=_registered,
            retries=AGENDA_RETRIES,
        )

    # -- reading ----------------------------------------------------------------------------------
    def incoming(self, caller: Caller, incoming_id: str) -> dict:
        """Everything a received letter's page shows, for a caller who may see it (else
        `incoming_not_found`, as for one that does not exist): its facts, documents,
        dispositions, replies, history and the actions the caller may take now."""
        with reading(self.db) as root:
            pemda = self._pemda(root)
            registry = pemda.letters
            who = Who.of(registry, caller, clock.today())
            incoming = disposition.find_incoming(pemda, registry, who, incoming_id)
            return incoming_dict(pemda, registry, incoming, who)

    def incoming_document(self, caller: Caller, incoming_id: str, record_id: str) -> bytes:
        """A document of the letter's thread, its original bytes: for a caller who may see
        the letter on the day and is cleared for the record's class (a record of another
        thread is not found). The letter's rule decides, not the thread's confinement: an
        acting holder (Plt/Plh) is not in the confinement (threads.py) and reads here."""
        with reading(self.db) as root:
            pemda = self._pemda(root)
            registry = pemda.letters
            who = Who.of(registry, caller, clock.today())
            incoming = disposition.find_incoming(pemda, registry, who, incoming_id)
            record = pemda.records.get(record_id or "")
            inside = record is not None and record in threads.documents(pemda, incoming)
            seen = inside and caller.sees_class(effective_class(record, strict=True))
            if not seen or 0 not in record.attachments:
                raise RecordNotFound(id=record_id)
            return original_bytes(record.attachments[0], self.keyring)

    def unregistered(self, caller: Caller, unit: str) -> list[dict]:
        """Letters from inside Lontar waiting for the unit's clerks to register them."""
        with reading(self.db) as root:
            pemda = self._pemda(root)
            where = _registering_unit(caller, pemda, unit)
            registry = pemda.letters
            table = getattr(registry, "incoming", None) or {}
            rows = []
            for incoming_id in workindex.ids(registry, "unregistered", [f"unit:{where.code}"]):
                found = table.get(incoming_id)
                if found is not None and found.state == "unregistered":
                    rows.append(summary_row(pemda, registry, found, caller))
        return sorted(rows, key=lambda r: r["created"])

    # -- the buku agenda --------------------------------------------------------------------------
    def agenda_register(self, caller: Caller, unit: str, year: int, query: str = "") -> list[dict]:
        """The buku agenda masuk of a unit and year, for those who keep the unit's registers
        (Administrator, Arsiparis, Pencatat): one line per agenda number, in order. A line
        of a letter the caller may not open (views.sees_incoming) or is not cleared for keeps
        its number, dates and state but not its sender, their number, hal or summary, and a
        search does not look in them."""
        wanted = (query or "").strip().lower()
        with reading(self.db) as root:
            pemda = self._pemda(root)
            where = _keeper_unit(caller, pemda, unit)
            registry = pemda.letters
            if registry is None:
                return []

            def names(code: str) -> str:
                return views.position_name(registry, code)

            who = Who.of(registry, caller, clock.today())

            def sees(incoming: Incoming) -> bool:
                return views.sees_incoming(pemda, registry, incoming, who)

            rows = [
                agenda.register_row(pemda, registry, caller, incoming, names, sees(incoming))
                for incoming in agenda.entries(registry, where.code, int(year))
            ]
        return [r for r in rows if not wanted or wanted in agenda.row_words(r)]

    def agenda_export(self, caller: Caller, unit: str, year: int, fmt: str) -> bytes:
        """The buku agenda as Excel, CSV, JSON or a printable PDF; audited."""
        if fmt not in EXPORTS:
            raise InvalidInput("letter_export_format", fmt=fmt)
        rows = self.agenda_register(caller, unit, year)
        with reading(self.db) as root:
            name = views.unit_name(self._pemda(root), unit.upper())
        if fmt == "pdf":
            data = agenda.agenda_pdf(name, int(year), rows)
        else:
            table, columns = agenda.agenda_table(rows)
            data = exports.encode(table, fmt, columns)
        self.record_event(
            caller, "incoming_agenda_exported", f"unit:{unit.upper()}", year=int(year),
            rows=len(rows), format=fmt,
        )  # fmt: skip
        return data

    # -- settings ---------------------------------------------------------------------------------
    def agenda_pattern(self, caller: Caller, unit: str = "") -> dict:
        """The pattern a unit's agenda numbers follow (its own, the Pemda's, or built in)."""
        self.require(caller, "letters")
        with reading(self.db) as root:
            registry = self._pemda(root).letters
            own = (getattr(registry, "agenda_patterns", None) or {}).get(unit.upper(), "")
            used = agenda.pattern_for(registry, unit.upper()) if registry else ""
            auto = registry.auto_register if registry is not None else True
        return {
            "unit": unit.upper(),
            "own": own,
            "pattern": used or agenda.DEFAULT_PATTERN,
            "auto_register": auto,
            "tokens": list(agenda.TOKENS),
        }

    def set_agenda_pattern(self, caller: Caller, unit: str, pattern: str) -> str:
        """A unit's pattern ("" for the Pemda's default); an empty pattern removes the
        unit's own. Numbers already given keep what they were printed as."""
        code = (unit or "").strip().upper()
        checked = agenda.check_pattern(pattern) if (pattern or "").strip() else ""

        def change(pemda: Pemda) -> str:
            self._manage(caller, pemda, code or None)
            patterns = registry_of(pemda).table("agenda_patterns")
            if checked:
                patterns[code] = checked
            elif code in patterns:
                del patterns[code]
            return checked

        target = f"unit:{code}" if code else "pemda"
        return self._write(
            caller,
            change,
            f"agenda pattern {code}",
            audit=lambda saved: [("agenda_pattern_saved", target, {"pattern": saved})],
        )

    def set_auto_register(self, caller: Caller, on: bool) -> None:
        """Whether letters sent inside Lontar are registered at sending (the default) or
        wait for each receiving unit's pencatat."""

        def change(pemda: Pemda) -> None:
            self._manage(caller, pemda)
            registry_of(pemda).auto_register = bool(on)

        self._write(
            caller,
            change,
            "incoming auto register",
            audit=lambda _: [("incoming_auto_register_set", "pemda", {"on": bool(on)})],
        )


# -- checks ----------------------------------------------------------------------------------------
def _registering_unit(caller: Caller, pemda: Pemda, unit: str) -> Unit:
    """A unit whose letters the caller registers (its pencatat: `register_letters`, and
    `add_records` to file into the thread)."""
    where = pemda.units.get(str(unit or "").strip().upper())
    if where is None:
        raise InvalidInput("incoming_unit_unknown", unit=str(unit or ""))
    if not caller.may("register_letters", where) or not caller.may("add_records", where):
        raise AccessDenied()
    return where


def _keeper_unit(caller: Caller, pemda: Pemda, unit: str) -> Unit:
    """A unit whose registers the caller keeps (Administrator, Arsiparis, Pencatat)."""
    where = pemda.units.get(str(unit or "").strip().upper())
    if where is None or not caller.may("add_records", where):
        raise AccessDenied()
    return where


def _files(files) -> list[IncomingFile]:
    wanted = [IncomingFile(str(name or ""), bytes(data)) for name, data in files or ()]
    if not wanted:
        raise InvalidInput("incoming_file_required")
    if len(wanted) > MAX_FILES:
        raise InvalidInput("incoming_too_many_files", limit=MAX_FILES)
    return wanted


def _wording(fields: dict) -> dict:
    """The typed fields, checked before anything is written."""
    today = clock.today()
    received = parse_date(fields.get("received")) or today
    their_date = parse_date(fields.get("their_date"))
    if received > today:
        raise InvalidInput("incoming_received_future", day=received.isoformat())
    if their_date is not None and their_date > received:
        raise InvalidInput("incoming_their_date_after", day=their_date.isoformat())
    return {
        "sender": drafting.text(
            fields.get("sender"), MAX_TEXT, "incoming_sender_required", False, one_line=True
        ),
        "their_number": drafting.text(
            fields.get("their_number"), MAX_TEXT, "", True, one_line=True
        ),
        "hal": drafting.text(fields.get("hal"), MAX_TEXT, "letter_hal_required", False, True),
        "summary": drafting.text(fields.get("summary"), MAX_SUMMARY, "", True),
        "attachments_note": drafting.text(
            fields.get("attachments_note"), MAX_TEXT, "", True, one_line=True
        ),
        "sifat": drafting.choice(fields.get("sifat") or "biasa", SIFAT, "letter_sifat_invalid"),
        "urgency": drafting.choice(
            fields.get("urgency") or "biasa", URGENCY, "letter_urgency_invalid"
        ),
        "received": received,
        "their_date": their_date,
    }


def _describe(
    caller: Caller,
    pemda: Pemda,
    registry: Registry,
    where: Unit,
    incoming: Incoming,
    text: dict,
    fields: dict,
) -> None:
    """The checked fields onto the letter, with what needs the database: the classification
    (a code of the scheme), its class (the sifat's, or the JRA's when stricter: the registrar
    must be cleared for it) and the position it is for (default: the unit's head)."""
    for name in ("sender", "their_number", "their_date", "hal", "summary", "attachments_note"):
        setattr(incoming, name, text[name])
    incoming.sifat, incoming.urgency = text["sifat"], text["urgency"]
    incoming.classification = drafting.classification(pemda, fields.get("classification"))
    incoming.security = filing.security_of(pemda, incoming.sifat, incoming.classification)
    if not caller.sees_class(incoming.security):
        raise InvalidInput("incoming_above_clearance", security=incoming.security)
    named = str(fields.get("addressed") or "").strip()
    incoming.addressed = (
        _addressed(pemda, registry, where, named)
        if named
        else arrival.nearest_head(pemda, registry, where.code)
    )
    if not incoming.addressed:
        raise InvalidInput("incoming_addressed_required")


def _addressed(pemda: Pemda, registry: Registry, where: Unit, code: str) -> str:
    """A position of the unit or of a unit below it."""
    position = registry.positions.get(code.strip().upper())
    if position is None or not _within(pemda, where, position.unit):
        raise InvalidInput("incoming_addressed_invalid", position=code)
    return position.code


def _within(pemda: Pemda, where: Unit, code: str) -> bool:
    node = pemda.units.get(code)
    while isinstance(node, Unit):
        if node is where:
            return True
        node = node.parent
    return False


def _registered(made: dict) -> list:
    detail = {"agenda": made["agenda"], "unit": made["unit"]}
    return [("incoming_registered", f"incoming:{made['id']}", detail)]


# -- what a page shows -----------------------------------------------------------------------------
def summary_row(pemda: Pemda, registry: Registry, incoming: Incoming, caller: Caller) -> dict:
    """One line of a list of received letters (above the caller's clearance: no sender, hal)."""
    seen = caller.sees_class(incoming.security or "B")
    return {
        "id": incoming.id,
        "agenda": incoming.agenda,
        "unit": incoming.unit,
        "unit_name": views.unit_name(pemda, incoming.unit),
        "sender": incoming.sender if seen else "",
        "hal": incoming.hal if seen else "",
        "their_number": incoming.their_number if seen else "",
        "their_date": agenda.iso(incoming.their_date),
        "received": agenda.iso(incoming.received),
        "kind": incoming.kind,
        "source": incoming.source,
        "state": incoming.state,
        "addressed_code": incoming.addressed,
        "created": views.iso(incoming.created),
        "withheld": not seen,
    }


def incoming_dict(pemda: Pemda, registry: Registry, incoming: Incoming, who: Who) -> dict:
    """The letter by name for a caller who may see it (and is cleared for its class)."""
    found = summary_row(pemda, registry, incoming, who.caller)
    found.update(
        summary=incoming.summary,
        sifat=incoming.sifat,
        urgency=incoming.urgency,
        classification=incoming.classification,
        security=incoming.security,
        attachments_note=incoming.attachments_note,
        addressed=views.position_entry(pemda, registry, incoming.addressed, who.day)
        if incoming.addressed
        else None,
        agenda_year=incoming.agenda_year,
        registered_at=views.iso(incoming.registered_at),
        registered_by=incoming.registered_by,
        registered_by_name=views.person(pemda, incoming.registered_by),
        letter_id=_letter_link(pemda, registry, incoming, who),
        thread=incoming.thread,
        closed_note=incoming.closed_note,
        documents=[document_row(r) for r in threads.documents(pemda, incoming)],
        dispositions=disposition.rows(pemda, registry, incoming, who),
        replies=_replies(pemda, registry, incoming, who),
        history=_history(pemda, incoming),
        actions=_actions(pemda, registry, incoming, who),
    )
    return found


def document_row(record) -> dict:
    attachment = record.attachments.get(0)
    return {
        "id": record.id,
        "title": record.title,
        "flags": list(record.flags),
        "filename": attachment.filename if attachment is not None else "",
        "media_type": attachment.media_type if attachment is not None else "",
        "size": attachment.size if attachment is not None else 0,
    }


def _letter_link(pemda: Pemda, registry: Registry, incoming: Incoming, who: Who) -> str:
    """The sent letter's id when the caller may open it on Naskah Keluar."""
    letter = registry.letters.get(incoming.letter_id) if incoming.letter_id else None
    return letter.id if letter is not None and views.may_see(pemda, registry, letter, who) else ""


def _replies(pemda: Pemda, registry: Registry, incoming: Incoming, who: Who) -> list[dict]:
    """The outgoing letters made in reply that the caller may see, with their state."""
    found = []
    for letter_id in incoming.replies:
        letter = registry.letters.get(letter_id)
        if letter is not None and views.may_see(pemda, registry, letter, who):
            found.append(views.row(pemda, registry, letter))
    return found


def _history(pemda: Pemda, incoming: Incoming) -> list[dict]:
    return [
        {
            "when": when,
            "who": account,
            "who_name": views.person(pemda, account),
            "what": what,
            "key": f"incoming_history_{what}",
            "params": {"who": views.person(pemda, account), "detail": detail},
        }
        for when, account, what, detail in incoming.history.values()
    ]


def _actions(pemda: Pemda, registry: Registry, incoming: Incoming, who: Who) -> list[str]:
    """The disposition rule's actions, and "register" for a clerk of an unregistered one."""
    found = list(disposition.actions(pemda, registry, incoming, who))
    unit = pemda.units.get(incoming.unit)
    clerk = unit is not None and who.caller.may("register_letters", unit)
    if incoming.state == "unregistered" and clerk:
        found.insert(0, "register")
    return found
