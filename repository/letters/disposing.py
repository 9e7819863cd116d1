"""The letters' service part: disposition down the hierarchy, tindak lanjut, replies, the
lembar disposisi.

Every change of a letter's chain runs in one transaction with its work-queue updates and
the re-confinement of the letter's thread (threads.reconfine), so who may open the thread
in the records tree never lags behind who may open the letter. Reading marks are state,
not acts: they are written (only when something is new) and never audited.
"""

from __future__ import annotations

import datetime as dt

from repository.core import clock, formatting
from repository.core.content import Pemda
from repository.core.db import reading
from repository.core.errors import InvalidInput
from repository.core.i18n import translate
from repository.core.security import Caller
from repository.ingest.pipeline import ImportOptions
from repository.ingest.pipeline import Incoming as IncomingFile
from repository.letters import disposition as rules
from repository.letters import lembar, positions, threads
from repository.letters.model import Incoming, registry_of
from repository.letters.service_base import LetterBase
from repository.letters.views import Who

MAX_RESULT = 50 * 1024 * 1024
REPLY_TYPE = "surat_dinas"


def target(incoming_id: str) -> str:
    return f"incoming:{incoming_id}"


class Disposing(LetterBase):
    """dispose, cancel, close, no_disposition, close_incoming, start_reply, read marks, the
    form's choices, the Pemda's instructions and the lembar disposisi."""

    # -- the chain --------------------------------------------------------------------------------
    def dispose(
        self,
        caller: Caller,
        incoming_id: str,
        to: list[str],
        instructions: list[str],
        note: str = "",
        due: dt.date | str | None = None,
        kind: str = "down",
        parent: str = "",
    ) -> list[str]:
        """One disposition per position in `to`; returns their ids."""

        def change(pemda: Pemda) -> list[str]:
            registry, who, incoming = self._open(pemda, caller, incoming_id)
            made = rules.give(
                pemda,
                registry,
                incoming,
                who,
                to=list(to or ()),
                instructions=list(instructions or ()),
                note=note,
                due=due,
                kind=kind,
                parent=parent,
            )
            threads.reconfine(pemda, registry, incoming)
            return [(d.id, d.to_position) for d in made]

        made = self._write(
            caller,
            change,
            f"dispose {incoming_id}",
            audit=lambda given: [
                ("disposition_given", target(incoming_id), {"id": i, "to": code, "kind": kind})
                for i, code in given
            ],
        )
        return [i for i, _ in made]

    def cancel_disposition(self, caller: Caller, disposition_id: str) -> None:
        def change(pemda: Pemda) -> str:
            registry, who = registry_of(pemda), self._who(pemda, caller)
            found, incoming = rules.find_disposition(pemda, registry, who, disposition_id)
            rules.cancel(registry, incoming, found, who)
            threads.reconfine(pemda, registry, incoming)
            return incoming.id

        self._write(
            caller,
            change,
            f"disposition cancel {disposition_id}",
            audit=lambda i: [("disposition_cancelled", target(i), {"id": disposition_id})],
        )

    def close_disposition(
        self,
        caller: Caller,
        disposition_id: str,
        note: str,
        result: tuple[str, bytes] | None = None,
    ) -> None:
        """Tindak lanjut with a note; a result file is first filed into the letter's thread
        through the ingest (its own commit, as every file is), then named on the disposition."""
        rules.checked_note(note, required=True)
        filed = self._file_result(caller, disposition_id, result) if result else ""

        def change(pemda: Pemda) -> str:
            registry, who = registry_of(pemda), self._who(pemda, caller)
            found, incoming = rules.find_disposition(pemda, registry, who, disposition_id)
            rules.close(registry, incoming, found, who, note, filed)
            threads.reconfine(pemda, registry, incoming)
            return incoming.id

        incoming_id = self._write(
            caller,
            change,
            f"disposition close {disposition_id}",
            audit=lambda i: [
                ("disposition_closed", target(i), {"id": disposition_id, "result": filed})
            ],
        )
        self._file_lembar(caller, incoming_id)

    def no_disposition(self, caller: Caller, incoming_id: str, note: str) -> None:
        """The addressee marks it as needing no disposition."""
        self._finish(caller, incoming_id, note, "no_disposition", "disposition_not_needed")

    def close_incoming(self, caller: Caller, incoming_id: str, note: str) -> None:
        """The addressee closes it without disposing (they acted on it themselves)."""
        self._finish(caller, incoming_id, note, "done", "disposition_finished")

    def _finish(self, caller: Caller, incoming_id: str, note: str, state: str, action: str):
        def change(pemda: Pemda) -> None:
            registry, who, incoming = self._open(pemda, caller, incoming_id)
            rules.finish(registry, incoming, who, note, state)
            threads.reconfine(pemda, registry, incoming)

        self._write(
            caller,
            change,
            f"incoming {state} {incoming_id}",
            audit=lambda _: [(action, target(incoming_id), {})],
        )
        self._file_lembar(caller, incoming_id)

    # -- reading ----------------------------------------------------------------------------------
    def mark_incoming_read(self, caller: Caller, incoming_id: str) -> bool:
        """Read marks of the addressee and of the caller's open dispositions; writes only
        when one is new (a page opened twice writes once). Not audited."""
        with reading(self.db) as root:
            pemda = self._pemda(root)
            registry, who, incoming = self._open(pemda, caller, incoming_id, create=False)
            if not rules.unread(registry, incoming, who):
                return False

        def change(pemda: Pemda) -> None:
            registry, who, incoming = self._open(pemda, caller, incoming_id)
            rules.read(registry, incoming, who)

        self._write(caller, change, f"incoming read {incoming_id}")
        return True

    def disposition_targets(self, caller: Caller, incoming_id: str) -> list[dict]:
        """The positions the caller may dispose to, from each position they may dispose
        from (empty: they may not dispose it)."""
        with reading(self.db) as root:
            pemda = self._pemda(root)
            registry, who, incoming = self._open(pemda, caller, incoming_id, create=False)
            return rules.target_rows(pemda, registry, incoming, who)

    def disposition_rows(self, caller: Caller, incoming_id: str) -> dict:
        """The chain and the caller's actions on the letter (what the panel draws)."""
        with reading(self.db) as root:
            pemda = self._pemda(root)
            registry, who, incoming = self._open(pemda, caller, incoming_id, create=False)
            return {
                "rows": rules.rows(pemda, registry, incoming, who),
                "actions": rules.actions(pemda, registry, incoming, who),
                "state": incoming.state,
            }

    # -- instructions -----------------------------------------------------------------------------
    def instructions(self, caller: Caller) -> list[dict]:
        """[{code, label: {id, en}, preset}] in the form's order."""
        with reading(self.db) as root:
            registry = self._pemda(root).letters
            return [
                {
                    "code": code,
                    "label": rules.instruction_label(registry, code),
                    "preset": code in rules.PRESETS,
                }
                for code in rules.instruction_codes(registry)
            ]

    def save_instruction(self, caller: Caller, code: str, label_id: str, label_en: str) -> str:
        """A code of the Pemda's own (or new labels for a preset); those who manage letters."""

        def change(pemda: Pemda) -> str:
            self._manage(caller, pemda)
            return rules.save_instruction(registry_of(pemda), code, label_id, label_en)

        return self._write(
            caller,
            change,
            f"disposition instruction {code}",
            audit=lambda c: [("disposition_instruction_saved", f"instruction:{c}", {})],
        )

    # -- replies ----------------------------------------------------------------------------------
    def start_reply(self, caller: Caller, incoming_id: str, disposition_id: str = "") -> str:
        """A new outgoing draft answering the letter (`in_reply_to`), from the caller's
        position's unit, signed by its head, to the sender; linked both ways. Returns its id."""
        with reading(self.db) as root:
            pemda = self._pemda(root)
            registry, who, incoming = self._open(pemda, caller, incoming_id, create=False)
            position, _ = rules.reply_position(registry, incoming, who, disposition_id)
            fields = self._reply_fields(pemda, registry, incoming, position)
        letter_id = self.draft(caller, fields)

        def link(pemda: Pemda) -> None:
            registry, who, incoming = self._open(pemda, caller, incoming_id)
            _, found = rules.reply_position(registry, incoming, who, disposition_id)
            if letter_id not in incoming.replies:
                incoming.replies = (*incoming.replies, letter_id)
            incoming.log(caller.name, "disposition_reply", letter_id)
            if found is not None and not found.reply:
                found.reply = letter_id

        self._write(
            caller,
            link,
            f"incoming reply {incoming_id}",
            audit=lambda _: [("disposition_reply", target(incoming_id), {"letter": letter_id})],
        )
        return letter_id

    def _reply_fields(self, pemda: Pemda, registry, incoming: Incoming, position: str) -> dict:
        unit = registry.positions[position].unit
        head = positions.head_of_unit(registry, unit, pemda=pemda)
        original = registry.letters.get(incoming.letter_id) if incoming.letter_id else None
        if original is not None and original.field("signer", ""):
            recipient = f"position:{original.field('signer', '')}"
        else:
            recipient = "external:" + " ".join(incoming.sender.split())[:300]
        when = formatting.date_text(incoming.their_date, "id") if incoming.their_date else "-"
        body = translate(
            "disposition_reply_body",
            "id",
            sender=incoming.sender,
            number=incoming.their_number or "-",
            date=when,
            hal=incoming.hal,
        )
        return {
            "unit": head.unit if head is not None else unit,
            "type": REPLY_TYPE,
            "sifat": incoming.sifat,
            "urgency": incoming.urgency,
            "classification": incoming.classification,
            "hal": translate("disposition_reply_hal", "id", hal=incoming.hal)[:250],
            "body": body,
            "recipients": [recipient],
            "signer": head.code if head is not None else position,
            "in_reply_to": incoming.id,
        }

    # -- the lembar disposisi ---------------------------------------------------------------------
    def lembar_disposisi(self, caller: Caller, incoming_id: str, lang: str = "id") -> bytes:
        """The sheet for printing and filing (a render, not audited)."""
        with reading(self.db) as root:
            pemda = self._pemda(root)
            registry, who, incoming = self._open(pemda, caller, incoming_id, create=False)
            if incoming.state == "unregistered":
                raise rules.refused_state(incoming)
            sheet = lembar.sheet(pemda, registry, incoming, who, lang)
        return lembar.render(sheet)

    # -- shared -----------------------------------------------------------------------------------
    def _who(self, pemda: Pemda, caller: Caller) -> Who:
        return Who.of(pemda.letters, caller, clock.today())

    def _open(self, pemda: Pemda, caller: Caller, incoming_id: str, create: bool = True):
        """(registry, who, incoming) for a caller who may see the letter."""
        registry = registry_of(pemda) if create else pemda.letters
        who = self._who(pemda, caller)
        return registry, who, rules.find_incoming(pemda, registry, who, incoming_id)

    def _file_lembar(self, caller: Caller, incoming_id: str) -> None:
        """Once the letter is settled (done, or needing no disposition), its lembar
        disposisi is filed into the thread as the archive keeps it: the letter, its
        dispositions and its replies in one berkas. Through the ingest, after the commit
        that settled it; a letter reopened (a disposition cancelled) and settled again
        files the sheet again, so the berkas holds each sheet as it stood."""
        with reading(self.db) as root:
            pemda = self._pemda(root)
            registry, who, incoming = self._open(pemda, caller, incoming_id, create=False)
            if incoming.state not in ("done", "no_disposition") or not incoming.thread:
                return
            sheet = lembar.sheet(pemda, registry, incoming, who, "id")
            options = ImportOptions(
                unit=incoming.unit,
                into=incoming.thread,
                classification=incoming.classification,
                security=incoming.security,
                description=translate("disposition_lembar_description", "id", hal=incoming.hal),
            )
            name = f"lembar-disposisi-{incoming.agenda.replace('/', '-') or incoming.id}.pdf"
        report = self._ingest_into(caller, [IncomingFile(name, lembar.render(sheet))], options)
        if report.rejected:
            raise InvalidInput("disposition_result_rejected", reason=report.rejected[0].message)

    def _file_result(self, caller: Caller, disposition_id: str, result: tuple[str, bytes]) -> str:
        """The result file as an item of the thread; returns its record id (or the record
        it duplicates)."""
        name, data = result
        if not data or len(data) > MAX_RESULT:
            raise InvalidInput("disposition_result_invalid", limit=MAX_RESULT // (1024 * 1024))
        with reading(self.db) as root:
            pemda = self._pemda(root)
            who = self._who(pemda, caller)
            found, incoming = rules.find_disposition(pemda, pemda.letters, who, disposition_id)
            if found.to_position not in who.held or not rules.is_open(found):
                raise InvalidInput("disposition_not_open")
            options = ImportOptions(
                unit=incoming.unit,
                into=incoming.thread or None,
                classification=incoming.classification,
                security=incoming.security,
                description=translate("disposition_result_description", "id", hal=incoming.hal),
            )
        # the same way as the letter's own files (Receiving._ingest_into, this object's part)
        report = self._ingest_into(caller, [IncomingFile(str(name or ""), bytes(data))], options)
        for outcome in report.accepted + report.duplicates:
            return outcome.id or outcome.duplicate_of or ""
        reason = report.rejected[0].message if report.rejected else ""
        raise InvalidInput("disposition_result_rejected", reason=reason)
