"""PPID services: the public side (file a request, follow it, download
what was released, object) needs no account and sees only the one request whose number and
email or NIK it gives; the officers' side needs the PPID roles (a global grant: PPID Utama,
every request; a grant in a unit: PPID Pelaksana of that OPD, its requests).
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import secrets

from repository.core import clock, sealing
from repository.core.content import parse_date
from repository.core.db import reading, write
from repository.core.errors import AccessDenied, InvalidInput, RecordNotFound
from repository.core.security import ANONYMOUS, Caller
from repository.core.service import Context, Service
from repository.ingest.sniff import sniff
from repository.ppid import (
    documents,
    forms,
    handling,
    lists,
    objections,
    reporting,
    settlement,
    views,
)
from repository.ppid.model import CATEGORIES, InformationRequest, Office, next_number, office_of
from repository.ppid.workdays import deadlines
from repository.records.access import AccessServices
from repository.records.accounts import caller_for
from repository.records.records import visible_record
from repository.records.services import RecordServices
from repository.records.units import get_unit

LOOKUP_FAILED = "request_lookup_failed"


class PPIDServices(Service):
    def __init__(self, context: Context, access: AccessServices, records: RecordServices) -> None:
        super().__init__(context)
        self.access = access
        self.records = records
        self._challenge_key = secrets.token_bytes(32)

    # -- the public side ----------------------------------------------------------------------
    def ppid_challenge(self) -> tuple[str, str]:
        return forms.challenge(self._challenge_secret(), clock.now().timestamp())

    def _challenge_secret(self) -> bytes:
        if self.keyring.available:
            return self.keyring.derived("ppid-challenge")
        return self._challenge_key  # no master key: valid for this process only

    def file_request(
        self, form: dict, id_card: tuple[str, bytes] | None, token: str, answer: str, address: str
    ) -> dict:
        """Registers a request at once and returns its number and due dates. Nothing is
        stored when the challenge or a field is wrong (`InvalidForm` names every field)."""
        now = clock.now()
        forms.check_challenge(self._challenge_secret(), token, answer, now.timestamp())
        fields = forms.clean_request(form, id_card)

        def create(root) -> dict:
            pemda = self._pemda(root)
            office = office_of(pemda)
            forms.throttle(office.throttle, "request", address, now.timestamp())
            forms.spend(office.throttle, token, now.timestamp())
            cal = handling.calendar(office)
            received = clock.local(now).replace(tzinfo=None)  # local time, as filed
            number = next_number(office, "PPID", received.year)
            request = InformationRequest(number, received, cal.start(received.date()), fields)
            name, data = id_card
            request.id_card = sealing.new_attachment(
                name, data, sniff(data).media_type, _sha256(data), "R", self.keyring
            )
            request.log(received, "pemohon", "filed")
            office.requests[number] = request
            office.open[number] = True
            return {"number": number, **deadlines(cal, received.date())}

        return self.commit(
            _public(address),
            create,
            note="ppid request",
            audit=lambda made: [("ppid_filed", made["number"], {})],
        )

    def request_status(self, number: str, secret: str, address: str) -> dict:
        """What the requester sees of their request: its stage, due dates, the decision,
        the documents released and their objections. Wrong number and secret look alike."""
        return self._requester_view(number, secret, address, "ppid_status")

    def _requester_view(self, number: str, secret: str, address: str, action: str = "") -> dict:
        """The lookup by number and email or NIK, throttled per address (a miss counts); with
        `action`, a hit is audited under it in the same commit."""

        def look(root) -> dict:
            pemda = self._pemda(root)
            office = office_of(pemda)
            moment = clock.now().timestamp()
            forms.throttle(office.throttle, "lookup", address, moment, count=False)
            request = _matching(office, number, secret)
            if request is None:
                forms.throttle(office.throttle, "lookup", address, moment)
                return {}
            return views.public_view(pemda, office, request, clock.today())

        found = self.commit(
            _public(address),
            look,
            note="ppid lookup",
            audit=lambda view: [(action, number, {})] if view and action else [],
        )
        if not found:
            raise InvalidInput(LOOKUP_FAILED)
        return found

    def released_file(
        self, number: str, secret: str, record_id: str, position: int, address: str
    ) -> tuple[str, str, bytes]:
        """A file of a document released to this request, while it is still public."""
        view = self._requester_view(number, secret, address)
        if record_id not in {d["id"] for d in view["released"]}:
            raise RecordNotFound(id=record_id)
        with reading(self.db) as root:
            record = self._pemda(root).records.get(record_id)
            attachment = record.attachments.get(position) if record else None
            if attachment is None or record.security != "B":
                raise RecordNotFound(id=record_id)
            found = (
                attachment.filename,
                attachment.media_type,
                sealing.original_bytes(attachment, self.keyring),
            )
        self.record_event(_public(address), "downloaded", record_id, request=number)
        return found

    def requester_notice(self, number: str, secret: str, address: str, lang: str = "id") -> bytes:
        view = self._requester_view(number, secret, address)
        if not view["decision"]:
            raise InvalidInput("request_undecided", number=number)
        return self._notice(view["number"], lang)

    def receipt(self, number: str, secret: str, address: str, lang: str = "id") -> bytes:
        """The tanda bukti permohonan: the requester's proof of filing, with the number, the
        moment received, what was asked and the legal deadline; for the requester only
        (number with email or NIK, throttled like every look-up)."""
        view = self._requester_view(number, secret, address)
        with reading(self.db) as root:
            pemda = self._pemda(root)
            office = pemda.ppid
            request = office.requests[view["number"]]
            cal = handling.calendar(office)
            facts = {
                **views.public_view(pemda, office, request, clock.today()),
                **deadlines(cal, request.received.date()),
                "received": request.received.isoformat(timespec="minutes"),
                "name": request.name,
                "kind": request.kind,
                "organisation": request.organisation,
                "purpose": request.purpose,
                "obtain": list(request.obtain),
                "delivery": request.delivery,
            }
            return documents.receipt_pdf(pemda.name, facts, lang)

    def file_objection(
        self, number: str, secret: str, grounds: list[str], reasons: str, address: str
    ) -> dict:
        """The requester's keberatan, within 30 working days of its cause."""
        today = clock.today()

        def create(root) -> dict:
            pemda = self._pemda(root)
            office = office_of(pemda)
            forms.throttle(office.throttle, "lookup", address, clock.now().timestamp(), count=False)
            request = _matching(office, number, secret)
            if request is None:
                raise InvalidInput(LOOKUP_FAILED)
            cal = handling.calendar(office)
            made = objections.file(
                office,
                request,
                grounds,
                reasons,
                next_number(office, "KEB", today.year),
                today,
                cal,
            )
            request.log(clock.now(), "pemohon", "objection", made.number)
            return {
                "number": made.number,
                "answer_due": objections.answer_due_of(cal, made).isoformat(),
            }

        return self.commit(
            _public(address),
            create,
            note="ppid objection",
            audit=lambda made: [("ppid_objection", number, {"objection": made["number"]})],
        )

    def public_dip(self) -> list[dict]:
        return self.dip_list(ANONYMOUS)

    def dip_list(self, caller: Caller) -> list[dict]:
        with reading(self.db) as root:
            pemda = self._pemda(root)
            office = pemda.ppid
            entries = office.dip.values() if office else ()
            return [lists.dip_row(pemda, e, caller, n) for n, e in enumerate(entries, start=1)]

    def dik_list(self, caller: Caller) -> list[dict]:
        """Public too (the list, not the information); officers also see the linked records."""
        with reading(self.db) as root:
            pemda = self._pemda(root)
            office = pemda.ppid
            officer = caller.may("ppid", pemda)
            today = clock.today()
            return [
                lists.dik_row(e, today, officer) for e in (office.dik.values() if office else ())
            ]

    # -- the officers' side -------------------------------------------------------------------
    def ppid_queue(self, caller: Caller) -> list[dict]:
        """Open requests the caller handles, soonest due first, with due-soon and overdue."""
        self.require(caller, "ppid")
        today = clock.today()
        with reading(self.db) as root:
            pemda = self._pemda(root)
            office = pemda.ppid
            if office is None:
                return []
            cal = handling.calendar(office)
            rows = []
            for number in office.open:
                request = office.requests[number]
                if not _may(caller, pemda, request, "ppid"):
                    continue
                standing = handling.standing(cal, request, today)
                rows.append(
                    {
                        **reporting.request_row(cal, request),
                        "state": standing.state,
                        "left": standing.left,
                        "flag": standing.flag,
                        "assignee": request.assignee or "",
                        "unit_name": views.unit_name(pemda, request.unit),
                        "assignee_name": views.person(pemda, request.assignee),
                        "next_step": handling.next_step(pemda, request),
                    }
                )
        return sorted(rows, key=lambda r: (r["state"] == "decided", r["due"], r["number"]))

    def ppid_request(self, caller: Caller, number: str) -> dict:
        with reading(self.db) as root:
            pemda = self._pemda(root)
            office, request = self._handled(caller, pemda, number, "ppid")
            return views.officer_view(pemda, office, request, clock.today())

    def assign_request(self, caller: Caller, number: str, unit: str, assignee: str) -> dict:
        """To a PPID Pelaksana: an account holding the PPID role in the holding OPD."""

        def change(pemda, office, request) -> None:
            holder = get_unit(pemda, unit)
            account = (pemda.accounts or {}).get(assignee)
            if account is None or "PPID" not in self.access.caller(assignee).roles_at(holder):
                raise InvalidInput("not_a_pelaksana", name=assignee, unit=holder.code)
            handling.assign(pemda, request, holder.code, assignee)
            request.log(clock.now(), caller.name, "assigned", f"{holder.code} {assignee}")

        return self._handle(caller, number, "ppid_decide", change, "ppid_assigned")

    def extend_request(self, caller: Caller, number: str, reason: str) -> dict:
        def change(pemda, office, request) -> None:
            cal = handling.calendar(office)
            handling.extend(request, reason, clock.today(), caller.name, cal)
            request.log(clock.now(), caller.name, "extended", reason.strip())

        return self._handle(caller, number, "ppid_decide", change, "ppid_extended")

    def concern_records(self, caller: Caller, number: str, record_ids: list[str]) -> dict:
        """Names the records that hold the requested information (seen by the officer)."""

        def change(pemda, office, request) -> None:
            for rid in record_ids:
                visible_record(pemda, caller, rid)
            handling.concern(pemda, request, record_ids, clock.today())
            request.log(clock.now(), caller.name, "concerned", " ".join(record_ids))

        return self._handle(caller, number, "ppid_decide", change, "ppid_concerned")

    def decide_request(self, caller: Caller, number: str, **decision) -> dict:
        """kind (granted, partial, refused, not_held), ground and test_id (refused, partial),
        holder (not_held), redactions (partial), form, cost, notes, released (record ids)."""
        chosen = handling.Decision(**{**decision, "released": tuple(decision.get("released", ()))})

        def change(pemda, office, request) -> None:
            for rid in chosen.released:
                visible_record(pemda, caller, rid)
            handling.decide(pemda, office, request, chosen, caller.name, clock.today())
            request.log(clock.now(), caller.name, "decided", chosen.kind)

        return self._handle(caller, number, "ppid_decide", change, "ppid_decided")

    def notice(self, caller: Caller, number: str, lang: str = "id") -> bytes:
        found = self.ppid_request(caller, number)
        if not found["decision"]:
            raise InvalidInput("request_undecided", number=number)
        self.record_event(caller, "exported", number, format="pdf")
        return self._notice(found["number"], lang)

    def _notice(self, number: str, lang: str = "id") -> bytes:
        with reading(self.db) as root:
            pemda = self._pemda(root)
            office = pemda.ppid
            request = office.requests[number]
            view = views.officer_view(pemda, office, request, clock.today())
            officer = views.person(pemda, request.decided_by)
            return documents.notice_pdf(pemda.name, view, officer, lang)

    def notify_request(self, caller: Caller, number: str) -> dict:
        """The last step: the PPID marks the written notice as sent to the requester."""

        def change(pemda, office, request) -> None:
            handling.notify(request, clock.today())
            request.log(clock.now(), caller.name, "notified")

        return self._handle(caller, number, "ppid_decide", change, "ppid_notified")

    def ppid_units(self, caller: Caller) -> list[dict]:
        """The units the caller may assign requests to (holds `ppid_decide` there), by name."""
        with reading(self.db) as root:
            pemda = self._pemda(root)
            return [
                {"code": unit.code, "name": unit.name}
                for unit in pemda.units.values()
                if caller.may("ppid_decide", unit)
            ]

    def pelaksana(self, caller: Caller, unit: str) -> list[dict]:
        """The accounts that may be assigned a request in `unit`: enabled, with the PPID role
        there; the unit's own PPID Pelaksana first (a grant in the unit itself), then those
        whose grant reaches it from above (the PPID Utama), each by full name. Only for those
        who assign."""
        self.require(caller, "ppid_decide")
        with reading(self.db) as root:
            pemda = self._pemda(root)
            holder = get_unit(pemda, unit)
            found = [
                (unit not in (a.grants or {a.unit: a.roles}), a.full_name or a.name, a.name)
                for a in (pemda.accounts or {}).values()
                if not a.disabled and "PPID" in caller_for(a).roles_at(holder)
            ]
        return [{"name": name, "full_name": full} for _, full, name in sorted(found)]

    def id_card(self, caller: Caller, number: str) -> tuple[str, str, bytes]:
        """The requester's ID card scan, for checking the request; every view is audited."""
        with reading(self.db) as root:
            pemda = self._pemda(root)
            _, request = self._handled(caller, pemda, number, "ppid_decide")
            card = request.id_card
            found = card.filename, card.media_type, sealing.original_bytes(card, self.keyring)
        self.record_event(caller, "ppid_id_card_viewed", number)
        return found

    def decide_objection(
        self, caller: Caller, number: str, outcome: str, reasons: str, official: str
    ) -> dict:
        """The Atasan PPID's written answer; `official` is the name that signs it."""
        self.require(caller, "ppid_objection")

        def change(root) -> dict:
            pemda = self._pemda(root)
            office = office_of(pemda)
            objection = office.objections.get(number)
            if objection is None:
                raise InvalidInput("no_such_objection", number=number)
            objections.decide(objection, outcome, reasons, official, clock.today())
            office.requests[objection.request].log(
                clock.now(), caller.name, "objection_decided", f"{number} {outcome}"
            )
            return reporting.objection_row(office, objection)

        return self.commit(
            caller,
            change,
            note=f"objection {number}",
            audit=lambda _: [("ppid_objection_decided", number, {"outcome": outcome})],
        )

    def record_dispute(self, caller: Caller, number: str, filed, outcome: str = "") -> dict:
        """A dispute at the Komisi Informasi, and later its outcome, for the registers."""
        self.require(caller, "ppid_decide")
        day = parse_date(filed) or clock.today()

        def change(root) -> dict:
            office = office_of(self._pemda(root))
            objection = office.objections.get(number)
            if objection is None:
                raise InvalidInput("no_such_objection", number=number)
            objections.record_dispute(objection, day, outcome)
            return reporting.objection_row(office, objection)

        return self.commit(
            caller,
            change,
            note=f"dispute {number}",
            audit=lambda _: [("ppid_dispute", number, {"outcome": outcome})],
        )

    def ppid_registers(self, caller: Caller) -> dict[str, list[dict]]:
        self.require(caller, "ppid")
        with reading(self.db) as root:
            pemda = self._pemda(root)
            found = reporting.registers(pemda.ppid)
            for row in found["requests"]:
                row["unit_name"] = views.unit_name(pemda, row["unit"])
            if not caller.may("ppid", pemda):  # a Pelaksana: the OPD's own requests only
                found["requests"] = [r for r in found["requests"] if _handles(caller, pemda, r)]
                numbers = {r["number"] for r in found["requests"]}
                found["objections"] = [o for o in found["objections"] if o["request"] in numbers]
            return found

    def ppid_report(self, caller: Caller, year: int) -> dict:
        self.require(caller, "ppid")
        with reading(self.db) as root:
            pemda = self._pemda(root)
            if not caller.may("ppid", pemda):
                raise AccessDenied()
            return reporting.annual(pemda.ppid, year)

    def ppid_report_pdf(self, caller: Caller, year: int) -> bytes:
        report = self.ppid_report(caller, year)
        self.record_event(caller, "exported", f"ppid-report-{year}", format="pdf")
        return documents.annual_pdf(self.records.pemda_info()["name"], report)

    def save_dip(self, caller: Caller, fields: dict, entry_id: str | None = None) -> dict:
        def change(root) -> dict:
            pemda = self._pemda(root)
            if not fields.get("unit"):
                raise InvalidInput("dip_incomplete", choices=", ".join(CATEGORIES))
            self.require(caller, "ppid_decide", get_unit(pemda, fields["unit"]))
            _check_linked(pemda, caller, fields)
            entry = lists.save_dip(office_of(pemda), fields, entry_id)
            return lists.dip_row(pemda, entry, caller, 0)

        return self.commit(
            caller, change, note="dip", audit=lambda row: [("ppid_dip_saved", row["id"], {})]
        )

    def save_dik(self, caller: Caller, fields: dict) -> dict:
        """A consequence test's result, by the PPID (Utama: it binds the whole body)."""

        def change(root) -> dict:
            pemda = self._pemda(root)
            self.require(caller, "ppid_decide", pemda)
            _check_linked(pemda, caller, fields)
            entry = lists.save_dik(office_of(pemda), fields)
            return lists.dik_row(entry, clock.today(), True)

        return self.commit(
            caller, change, note="dik", audit=lambda row: [("ppid_dik_saved", row["id"], {})]
        )

    def set_day_off(self, caller: Caller, day, reason: str = "", working: bool = False) -> None:
        """A day off the agency adds (or, with `working`, a listed holiday it works)."""
        day = parse_date(day)

        def change(root) -> None:
            pemda = self._pemda(root)
            self.require(caller, "ppid_decide", pemda)
            office = office_of(pemda)
            if working:
                office.days_off.pop(day, None)
                office.days_on[day] = True
            else:
                office.days_on.pop(day, None)
                office.days_off[day] = reason.strip() or "Libur instansi"

        self.commit(
            caller,
            change,
            note="ppid calendar",
            audit=lambda _: [("ppid_calendar", day.isoformat(), {"working": working})],
        )

    def ppid_deadlines(self, received, objection_filed=None) -> dict[str, str]:
        with reading(self.db) as root:
            cal = handling.calendar(self._pemda(root).ppid)
        return deadlines(cal, parse_date(received), parse_date(objection_filed))

    def ppid_calendar(self, first, last) -> list[dict]:
        with reading(self.db) as root:
            cal = handling.calendar(self._pemda(root).ppid)
        found = cal.days_off_in(parse_date(first), parse_date(last))
        return [{"date": d.isoformat(), "reason": r} for d, r in found]

    def settle_ppid(self) -> bool:
        """The worker's daily pass: requests nothing can follow any more release their
        records for destruction. True when it settled any."""
        today = clock.today()
        with reading(self.db) as root:
            pemda = self._pemda(root)
            if pemda.ppid is None or pemda.settings.get("ppid_settled") == today:
                return False

        def change(root) -> list[str]:
            pemda = self._pemda(root)
            pemda.settings["ppid_settled"] = today
            return settlement.settle(pemda, office_of(pemda), today)

        return bool(write(self.db, change, note="ppid settle"))

    # -- helpers ----------------------------------------------------------------------------------
    def _handled(self, caller: Caller, pemda, number: str, permission: str):
        office = pemda.ppid
        request = office.requests.get(number) if office else None
        if request is None or not _may(caller, pemda, request, permission):
            raise InvalidInput("no_such_request", number=number)
        return office, request

    def _handle(self, caller: Caller, number: str, permission: str, step, action: str) -> dict:
        """An officer's `step` on a request, committed with its `action` entry."""
        self.require(caller, permission)

        def change(root) -> dict:
            pemda = self._pemda(root)
            office, request = self._handled(caller, pemda, number, permission)
            step(pemda, office, request)
            return views.officer_view(pemda, office, request, clock.today())

        return self.commit(
            caller, change, note=f"{action} {number}", audit=lambda _: [(action, number, {})]
        )


def _check_linked(pemda, caller: Caller, fields: dict) -> None:
    """A DIP or DIK entry names a unit and records that exist and the officer can see."""
    if fields.get("unit"):
        get_unit(pemda, fields["unit"])
    for record_id in fields.get("record_ids") or ():
        visible_record(pemda, caller, record_id)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _public(address: str) -> Caller:
    return dataclasses.replace(ANONYMOUS, origin=f"web:{address or 'unknown'}")


def _handles(caller: Caller, pemda, row: dict) -> bool:
    unit = pemda.units.get(row["unit"]) if row["unit"] else None
    return unit is not None and caller.may("ppid", unit)


def _may(caller: Caller, pemda, request: InformationRequest, permission: str) -> bool:
    if caller.may(permission, pemda):
        return True
    unit = pemda.units.get(request.unit) if request.unit else None
    return unit is not None and caller.may(permission, unit)


def _matching(office: Office, number: str, secret: str) -> InformationRequest | None:
    """The request when `secret` is its email or NIK; compared in constant time."""
    request = office.requests.get((number or "").strip().upper())
    given = (secret or "").strip().lower()
    if request is None or not given:
        return None
    if hmac.compare_digest(given, request.email) or hmac.compare_digest(given, request.nik):
        return request
    return None
