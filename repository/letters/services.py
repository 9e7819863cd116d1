"""The letters' service (`lontar.letters`): drafting and the paraf chain, sending, reading a
letter and one's queues, previews, and the public verification; composed with the other parts
of the one service object, each in its own module: organisation.py (positions, groups),
house_style.py (types, templates, kop, settings), signing_setup.py (CA, enrolment),
signing_flow.py (signing and reconciling, across transactions) and registers.py (agenda
keluar, buku ekspedisi, manual numbers).

Every method takes the acting caller first (the two public ones take none), checks the
object it acts on (a letter's chain and recipients, a unit's grants) and returns plain data.
A letter the caller may not see is `letter_not_found`, exactly as one that does not exist.
"""

from __future__ import annotations

import hashlib
import os

from repository.core import clock
from repository.core.content import Pemda
from repository.core.db import reading
from repository.core.errors import AccessDenied, InvalidInput, RecordNotFound
from repository.core.keys import must_seal
from repository.core.sealing import check_key, new_attachment, original_bytes
from repository.core.security import Caller
from repository.ingest.sniff import sniff
from repository.letters import (
    dispatch,
    drafting,
    messages,  # noqa: F401  (registers the catalogue)
    rendering,
    views,
)
from repository.letters import queues as work_queues
from repository.letters.dashboard import Dashboard
from repository.letters.disposing import Disposing
from repository.letters.house_style import HouseStyle
from repository.letters.model import SECURITY_OF_SIFAT, Letter, Version, new_id, registry_of
from repository.letters.organisation import Organisation
from repository.letters.receiving import Receiving
from repository.letters.registers import Registers
from repository.letters.service_base import NOT_FOUND
from repository.letters.signing import verify
from repository.letters.signing_flow import NUMBER_RETRIES, SHA_KEY, SigningFlow, verify_url
from repository.letters.signing_setup import SigningSetup
from repository.letters.views import Who
from repository.letters.worklists import Worklists

MAX_LAMPIRAN = 25 * 1024 * 1024
MAX_COPY = 20 * 1024 * 1024  # an uploaded copy to verify (anonymous: parsed in the server)
QUEUES = ("drafts", "returned", "to_verify", "to_sign", "signed", "sent", "unknown")


class LetterServices(
    Organisation,
    HouseStyle,
    SigningSetup,
    SigningFlow,
    Registers,
    Receiving,
    Disposing,
    Worklists,
    Dashboard,
):
    """The one service object; its parts share `LetterBase` (service_base.py)."""

    # -- drafting ---------------------------------------------------------------------------------
    def draft(self, caller: Caller, fields: dict) -> str:
        """A new konsep (version 1) by the caller; returns its id."""
        self._ensure_seeded()

        def create(pemda: Pemda) -> str:
            registry = registry_of(pemda)
            unit, type_code, clean = drafting.clean(caller, pemda, registry, fields)
            letter_id = new_id()
            while letter_id in registry.letters:
                letter_id = new_id()
            letter = Letter(letter_id, unit, type_code, caller.name)
            letter.versions[1] = Version(1, clean, caller.name)
            letter.into = clean["into"]
            letter.in_reply_to = drafting.reply_to(caller, pemda, registry, clean["in_reply_to"])
            letter.log(caller.name, "draft", "1")
            registry.letters[letter_id] = letter
            drafting.link_reply(registry, letter)
            work_queues.track(registry, letter)  # the work lists (C)
            return letter_id

        return self._write(
            caller,
            create,
            "letter draft",
            audit=lambda made: [("letter_drafted", f"letter:{made}", {"version": 1})],
        )

    def edit(self, caller: Caller, letter_id: str, fields: dict) -> int:
        """A new version (earlier paraf no longer count); returns its number."""

        def change(pemda: Pemda) -> int:
            registry = registry_of(pemda)
            who = Who.of(registry, caller, clock.today())
            letter = self._letter(pemda, registry, who, letter_id)
            merged = {**letter.current.fields, "unit": letter.unit, "type": letter.type, **fields}
            unit, type_code, clean = drafting.clean(caller, pemda, registry, merged)
            self._apply(pemda, registry, who, letter, "edit", fields=clean)
            letter.unit, letter.type = unit, type_code
            letter.into = clean["into"]  # a reply keeps the letter it answers
            return letter.version

        return self._write(
            caller,
            change,
            f"letter edit {letter_id}",
            audit=lambda v: [("letter_edited", f"letter:{letter_id}", {"version": v})],
        )

    def attach(self, caller: Caller, letter_id: str, filename: str, data: bytes) -> None:
        """A lampiran file on a draft (the author's, while it can be edited)."""
        name = os.path.basename(str(filename or "")).strip()[:200]
        if not name or not data:
            raise InvalidInput("letter_lampiran_invalid")
        if len(data) > MAX_LAMPIRAN:
            raise InvalidInput("letter_lampiran_too_big", limit=MAX_LAMPIRAN // (1024 * 1024))
        sha256 = hashlib.sha256(data).hexdigest()

        def change(pemda: Pemda) -> int:
            registry = registry_of(pemda)
            who = Who.of(registry, caller, clock.today())
            letter = self._letter(pemda, registry, who, letter_id)
            if "edit" not in views.actions(pemda, letter, who):
                raise AccessDenied("letter_action_not_allowed", action="edit", state=letter.state)
            security = SECURITY_OF_SIFAT[letter.field("sifat", "biasa")]
            if must_seal(security):
                check_key(pemda, self.keyring)
            media = sniff(data).media_type
            attachment = new_attachment(name, data, media, sha256, security, self.keyring)
            position = (letter.lampiran.maxKey() + 1) if len(letter.lampiran) else 0
            letter.lampiran[position] = attachment
            return position

        self._write(
            caller,
            change,
            f"letter attach {letter_id}",
            audit=lambda p: [
                ("letter_attached", f"letter:{letter_id}", {"position": p, "size": len(data)})
            ],
        )

    # -- the paraf chain --------------------------------------------------------------------------
    def submit(self, caller: Caller, letter_id: str) -> str:
        """To the verifiers (or the signer); refused while a position of the chain is held
        only by people below the letter's class (drafting.check_chain)."""

        def change(pemda: Pemda) -> str:
            registry = registry_of(pemda)
            who = Who.of(registry, caller, clock.today())
            letter = self._letter(pemda, registry, who, letter_id)
            state = self._apply(pemda, registry, who, letter, "submit")
            drafting.check_chain(pemda, registry, letter.current.fields, who.day)
            return state

        return self._write(
            caller,
            change,
            f"letter submit {letter_id}",
            audit=lambda now: [("letter_submitted", f"letter:{letter_id}", {"result": now})],
        )

    def approve(self, caller: Caller, letter_id: str, version: int) -> str:
        return self._act(caller, letter_id, "approve", "letter_approved", version=version)

    def send_back(
        self, caller: Caller, letter_id: str, note: str, version: int | None = None
    ) -> str:
        return self._act(
            caller, letter_id, "send_back", "letter_returned", note=note, version=version
        )

    def reject(self, caller: Caller, letter_id: str, note: str) -> str:
        return self._act(caller, letter_id, "reject", "letter_rejected", note=note)

    def withdraw(self, caller: Caller, letter_id: str) -> str:
        return self._act(caller, letter_id, "withdraw", "letter_withdrawn")

    # -- sending ----------------------------------------------------------------------------------
    def send(self, caller: Caller, letter_id: str) -> dict:
        """Every internal recipient and copy gets it in their inbox, every external addressee
        a line in the buku ekspedisi, in one transaction."""

        def change(pemda: Pemda) -> dict:
            registry = registry_of(pemda)
            who = Who.of(registry, caller, clock.today())
            letter = self._letter(pemda, registry, who, letter_id)
            self._apply(pemda, registry, who, letter, "send")
            return dispatch.deliver(pemda, registry, letter, self.keyring)

        return self._write(
            caller,
            change,
            f"letter send {letter_id}",
            audit=lambda counts: [("letter_sent", f"letter:{letter_id}", dict(counts))],
            retries=NUMBER_RETRIES,  # it takes an agenda number in every receiving unit
        )

    # -- reading ----------------------------------------------------------------------------------
    def letter(self, caller: Caller, letter_id: str) -> dict:
        with reading(self.db) as root:
            pemda = self._pemda(root)
            registry = pemda.letters
            who = Who.of(registry, caller, clock.today())
            letter = self._letter(pemda, registry, who, letter_id)
            found = views.letter_dict(pemda, registry, letter, who)
        if found["signed"]:
            found["signed"]["verify_url"] = verify_url(found["signed"]["verify_id"])
        return found

    def changes(self, caller: Caller, letter_id: str) -> dict:
        """What changed since the caller's last read version; the drafts are the chain's and
        the clerks' business, so for a recipient the letter has no history at all."""
        with reading(self.db) as root:
            pemda = self._pemda(root)
            registry = pemda.letters
            letter = self._workings(pemda, registry, caller, letter_id)
            since = letter.read_versions.get(caller.name, 0)
            return views.changes(pemda, registry, letter, since)

    def mark_read(self, caller: Caller, letter_id: str, version: int) -> None:
        """Remembers the version the caller has read (what `changes` compares from); not
        audited: reading is not an act on the letter."""

        def change(pemda: Pemda) -> None:
            registry = registry_of(pemda)
            letter = self._letter(
                pemda, registry, Who.of(registry, caller, clock.today()), letter_id
            )
            if version in letter.versions and letter.read_versions.get(caller.name, 0) != version:
                letter.read_versions[caller.name] = version

        self._write(caller, change, f"letter read {letter_id}")

    def queues(self, caller: Caller) -> dict[str, list[dict]]:
        """The caller's work: their drafts and returned ones, what waits for their paraf or
        signature, signed not yet sent, sent, and outcomes to settle. Read from the caller's
        work lists (theirs, their positions', their units' as a clerk) and the newest lines
        of the caller's agenda keluar, never by scanning every letter (queues.py)."""
        found: dict[str, list[dict]] = {k: [] for k in QUEUES}
        self._ensure_lists()
        with reading(self.db) as root:
            pemda = self._pemda(root)
            registry = pemda.letters
            if registry is None:
                return found
            who = Who.of(registry, caller, clock.today())
            years = (who.day.year, who.day.year - 1)
            listed = work_queues.candidates(pemda, registry, who)
            candidates = {letter.id: letter for letter in listed}
            for letter in work_queues.recent_sent(pemda, registry, who, years):
                candidates.setdefault(letter.id, letter)
            clerks: dict[str, bool] = {}
            for letter in candidates.values():
                queue = work_queues.outgoing_queue(pemda, letter, who, clerks)
                if queue and views.may_see(pemda, registry, letter, who):
                    found[queue].append(views.row(pemda, registry, letter))
        for rows in found.values():
            rows.sort(key=lambda r: r["created"] or "", reverse=True)
        return found

    def _workings(self, pemda: Pemda, registry, caller: Caller, letter_id: str) -> Letter:
        """A letter whose making the caller may see (not only as a recipient or copy): else
        `letter_not_found`, as for one that does not exist."""
        who = Who.of(registry, caller, clock.today())
        letter = self._letter(pemda, registry, who, letter_id)
        if not views.sees_workings(pemda, letter, who):
            raise RecordNotFound(NOT_FOUND, id=letter_id)
        return letter

    def preview_pdf(self, caller: Caller, letter_id: str) -> bytes:
        """The current version as a draft print (KONSEP); a page render, not audited."""
        with reading(self.db) as root:
            pemda = self._pemda(root)
            registry = pemda.letters
            letter = self._workings(pemda, registry, caller, letter_id)
            view = views.letter_view(
                pemda,
                registry,
                unit=letter.unit,
                type_code=letter.type,
                fields=dict(letter.current.fields),
                attachments=len(letter.lampiran),
            )
            template = registry.types[letter.type].template
        return rendering.render(view, template).pdf

    def preview_fields(self, caller: Caller, fields: dict) -> bytes:
        """The drafting form's live preview: the fields as they are, missing ones allowed."""
        self._ensure_seeded()
        with reading(self.db) as root:
            pemda = self._pemda(root)
            registry = pemda.letters
            unit, type_code, clean = drafting.clean(caller, pemda, registry, fields, partial=True)
            view = views.letter_view(pemda, registry, unit=unit, type_code=type_code, fields=clean)
            template = registry.types[type_code].template
        return rendering.render(view, template).pdf

    def signed_pdf(self, caller: Caller, letter_id: str) -> bytes:
        """The signed file, byte for byte as signed, as a download: each one is audited."""
        data, number = self._signed_bytes(caller, letter_id)
        self.record_event(caller, "letter_downloaded", f"letter:{letter_id}", number=number)
        return data

    def signed_view(self, caller: Caller, letter_id: str) -> bytes:
        """The signed file for the letter's page to draw: the same checks as a download, but
        not audited, since drawing a page is not taking a copy (the audit records acts)."""
        return self._signed_bytes(caller, letter_id)[0]

    def _signed_bytes(self, caller: Caller, letter_id: str) -> tuple[bytes, str]:
        with reading(self.db) as root:
            pemda = self._pemda(root)
            registry = pemda.letters
            letter = self._letter(
                pemda, registry, Who.of(registry, caller, clock.today()), letter_id
            )
            if letter.signed is None:
                raise InvalidInput("letter_not_signed")
            return original_bytes(letter.signed, self.keyring), letter.number

    # -- signed files of superseded attempts ------------------------------------------------------
    def strays(self, caller: Caller, letter_id: str) -> list[dict]:
        """Signed PDFs a superseded attempt left (a provider's signature is a fact, so they
        are kept): listed for the signer and the unit's Administrator, for no one else."""
        with reading(self.db) as root:
            pemda = self._pemda(root)
            registry = pemda.letters
            who = Who.of(registry, caller, clock.today())
            letter = self._letter(pemda, registry, who, letter_id)
            if not views.sees_strays(pemda, letter, who):
                return []
            return views.stray_rows(letter, self.keyring)

    def stray_pdf(self, caller: Caller, letter_id: str, attempt: str) -> bytes:
        """One of them, byte for byte; a download, so audited (which attempt, not the file)."""
        with reading(self.db) as root:
            pemda = self._pemda(root)
            registry = pemda.letters
            who = Who.of(registry, caller, clock.today())
            letter = self._letter(pemda, registry, who, letter_id)
            found = (
                (letter.strays or {}).get(attempt)
                if views.sees_strays(pemda, letter, who)
                else None
            )
            if found is None:
                raise RecordNotFound(NOT_FOUND, id=f"{letter_id}/{attempt}")
            data, number = original_bytes(found, self.keyring), letter.number
        self.record_event(
            caller, "letter_downloaded", f"letter:{letter_id}", number=number, stray=attempt
        )
        return data

    # -- public verification ----------------------------------------------------------------------
    def verification(self, opaque: str) -> dict:
        """What the QR's page shows (anyone, no account); not audited: a public read."""
        opaque = str(opaque or "").strip()
        if not opaque or ":" in opaque:
            raise RecordNotFound(NOT_FOUND, id=opaque)
        with reading(self.db) as root:
            pemda = self._pemda(root)
            found = self._public(pemda, opaque)
        return found

    def _public(self, pemda: Pemda, key: str) -> dict:
        registry = pemda.letters
        letter_id = registry.verify_ids.get(key) if registry is not None else None
        letter = registry.letters.get(letter_id) if letter_id else None
        if letter is None or letter.signed is None or letter.state not in ("signed", "sent"):
            raise RecordNotFound(NOT_FOUND, id=key)
        found = views.public_view(pemda, registry, letter)
        if found["classified"]:
            return found
        stored = getattr(letter, "validation", None) or {}
        fresh = verify.validate(original_bytes(letter.signed, self.keyring), self.home)
        return {**found, "at_signing": dict(stored), "now": views.validation_dict(fresh)}

    def verify_copy(self, data: bytes) -> dict:
        """A copy someone holds: its hash, whether it is a letter Lontar signed (then that
        letter's public entry), and the check of the copy's own signature. Anyone may upload,
        so a file above MAX_COPY is refused before the PDF parser sees it."""
        data = bytes(data or b"")
        if len(data) > MAX_COPY:
            raise InvalidInput("letter_view_copy_too_big", limit=MAX_COPY // (1024 * 1024))
        sha256 = hashlib.sha256(data).hexdigest()
        check = views.validation_dict(verify.validate(data, self.home))
        with reading(self.db) as root:
            pemda = self._pemda(root)
            try:
                letter = self._public(pemda, SHA_KEY + sha256)
            except RecordNotFound:
                letter = None
        return {"sha256": sha256, "matches": letter is not None, "letter": letter, "check": check}
