"""What a person sees of a letter: who may see it at all, plain dicts with names instead of
codes (dates as ISO strings: pages and the CLI write them through `core.formatting`), the
history as catalogue lines with parameters, what changed since the reader's last version,
and the LetterView the renderer prints (always in Bahasa Indonesia: it is the document).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import re

from repository.core import clock, formatting, sealing
from repository.core.content import Pemda
from repository.core.i18n import translate
from repository.core.security import ADMIN_ROLE, Caller
from repository.letters import (
    dispatch,
    messages,  # noqa: F401  (registers the catalogue)
    positions,
    threads,
    workflow,
)
from repository.letters.model import (
    SECURITY_OF_SIFAT,
    Enrolment,
    Incoming,
    Kop,
    Letter,
    LetterType,
    Registry,
)
from repository.letters.rendering import LetterView, Signature

# states in which the signing unit's registry clerks (Pencatat) and administrators see a letter
SIGNED_STATES = ("unknown", "signed", "sent")
CLERKS = threads.CLERKS
COMPARED = (
    "hal",
    "body",
    "recipients",
    "copies",
    "sifat",
    "urgency",
    "classification",
    "signer",
    "verifiers",
)
WORDS = re.compile(r"(\s+)")
NEXT_STEP = {
    "draft": "letter_next_submit",
    "returned": "letter_next_revise",
    "verification": "letter_next_verify",
    "ready": "letter_next_sign",
    "signing": "letter_next_signing",
    "unknown": "letter_next_reconcile",
    "signed": "letter_next_send",
}


@dataclasses.dataclass(frozen=True)
class Who:
    """The caller as the letter rules need them on one day: their positions, held or acted
    for, computed once per request."""

    caller: Caller
    held: frozenset[str]
    day: dt.date

    @classmethod
    def of(cls, registry: Registry | None, caller: Caller, day: dt.date) -> Who:
        held = positions.codes_held(registry, caller.name, day) if registry is not None else ()
        return cls(caller, frozenset(held), day)

    def roles(self, pemda: Pemda, unit_code: str) -> frozenset[str]:
        unit = pemda.units.get(unit_code)
        return self.caller.roles_at(unit) if unit is not None else frozenset()


# -- names --------------------------------------------------------------------------------------
def person(pemda: Pemda, account: str | None) -> str:
    if not account:
        return ""
    found = (pemda.accounts or {}).get(account)
    return getattr(found, "full_name", "") or account


def unit_name(pemda: Pemda, code: str | None) -> str:
    unit = pemda.units.get(code) if code else None
    return unit.name if unit is not None else (code or "")


def position_entry(pemda: Pemda, registry: Registry, code: str, day: dt.date) -> dict:
    """A position by name with whoever acts for it on the day."""
    found = registry.positions.get(code or "")
    if found is None:
        return {"code": code or "", "name": code or "", "unit": "", "unit_name": "", "holders": []}
    holders = [
        {"account": account, "name": person(pemda, account), "acting": kind}
        for account, kind in found.holders_on(day)
    ]
    return {
        "code": found.code,
        "name": found.name,
        "unit": found.unit,
        "unit_name": unit_name(pemda, found.unit),
        "holders": holders,
    }


def position_name(registry: Registry, code: str) -> str:
    found = registry.positions.get(code)
    return found.name if found is not None else code


def type_name(registry: Registry, code: str) -> str:
    found = registry.types.get(code)
    return found.name if found is not None else code


# -- who may see a letter ----------------------------------------------------------------------
def security(letter: Letter) -> str:
    """The letter's class: the one fixed at signing (the filed record's, which the JRA can
    make stricter than the sifat's), else the sifat's."""
    fixed = getattr(letter, "security", "")
    return fixed or SECURITY_OF_SIFAT.get(letter.field("sifat", "biasa"), "R")


def cleared(letter: Letter, caller: Caller) -> bool:
    return caller.sees_class(security(letter))


def in_chain(letter: Letter, who: Who) -> bool:
    """The author, the holders of its verifier and signer positions, and whoever took part
    (approved, signed) even if they hold the position no longer."""
    name = who.caller.name
    if name == letter.author or name == letter.signed_by:
        return True
    chain = {letter.field("signer", ""), *letter.field("verifiers", ())}
    if chain & who.held:
        return True
    return any(approval[1] == name for approval in letter.approvals.values())


def reached(pemda: Pemda, registry: Registry, letter: Letter, who: Who) -> bool:
    """A sent letter's recipients and copies: holders of the positions named (directly, in
    a group, or as a unit's head, whose inbox it lands in), the registry clerks of the units
    named, and whoever may see the incoming letter it was registered as in a recipient's
    inbox (so a unit's other members see it only once it is disposed to them)."""
    targets = (*letter.field("recipients", ()), *letter.field("copies", ()))
    held = {f"position:{c}" for c in who.held}
    for target in targets:
        for member in dispatch.members(registry, target):
            kind, _, rest = member.partition(":")
            if kind == "position" and rest in who.held:
                return True
            if kind == "unit" and who.roles(pemda, rest) & CLERKS:
                return True
            if kind == "unit" and dispatch.inbox_of(registry, member) in held:
                return True
    return through_incoming(pemda, registry, letter, who)


def through_incoming(pemda: Pemda, registry: Registry, letter: Letter, who: Who) -> bool:
    """Whether an Incoming made of this letter in one of its inboxes is one the caller may
    see (the inboxes as its targets name them: a few lookups, not a scan)."""
    incoming_table = getattr(registry, "incoming", None)
    if not incoming_table:
        return False
    inboxes, _ = dispatch.expand(
        registry, letter.field("recipients", ()), letter.field("copies", ())
    )
    for key in inboxes:
        box = registry.inbox.get(key)
        delivery = box.get(letter.id) if box is not None else None
        found = incoming_table.get(delivery.incoming) if delivery and delivery.incoming else None
        if found is not None and sees_incoming(pemda, registry, found, who):
            return True
    return False


def sees_incoming(pemda: Pemda, registry: Registry, incoming: Incoming, who: Who) -> bool:
    """The rule of the receiving side: cleared for the letter's class, and its unit's clerks,
    its registrar, the holders of the position it is addressed to, the holders of either end
    of a live disposition, or someone who acted on it (gave or closed a disposition, closed
    the letter). A cancelled disposition gives its recipient nothing."""
    caller = who.caller
    if caller.anonymous or not caller.sees_class(incoming.security or "B"):
        return False
    if who.roles(pemda, incoming.unit) & CLERKS:
        return True
    name = caller.name
    acted = {incoming.registered_by, getattr(incoming, "closed_by", "")} - {threads.SYSTEM}
    if name in acted:
        return True
    if incoming.addressed and incoming.addressed in who.held:
        return True
    dispositions = getattr(registry, "dispositions", None) or {}
    for disposition_id in incoming.disposed.values():
        found = dispositions.get(disposition_id)
        if found is None:
            continue
        if name in (found.from_account, found.closed_by):
            return True
        if found.live and {found.from_position, found.to_position} & who.held:
            return True
    return False


def may_see(pemda: Pemda, registry: Registry, letter: Letter, who: Who) -> bool:
    if who.caller.anonymous or not cleared(letter, who.caller):
        return False
    if sees_workings(pemda, letter, who):
        return True
    return letter.state == "sent" and reached(pemda, registry, letter, who)


def sees_workings(pemda: Pemda, letter: Letter, who: Who) -> bool:
    """Those who made or keep the letter (its chain, the signing unit's clerks once signed,
    its administrators while signing, who may reconcile an attempt that stalled) see how it
    was made; a recipient or copy sees only the letter as it was sent."""
    if in_chain(letter, who):
        return True
    roles = who.roles(pemda, letter.unit)
    if letter.state == "signing" and ADMIN_ROLE in roles:  # to settle a stalled attempt
        return True
    return letter.state in SIGNED_STATES and bool(roles & CLERKS)


def sees_strays(pemda: Pemda, letter: Letter, who: Who) -> bool:
    """The signer (who began an attempt, or holds the signer position) and the signing
    unit's Administrator: those who settle what a superseded attempt left."""
    if who.caller.name == letter.signed_by or letter.field("signer", "") in who.held:
        return True
    return ADMIN_ROLE in who.roles(pemda, letter.unit)


def stray_rows(letter: Letter, keyring) -> list[dict]:
    """When each was kept, its attempt and the file's real SHA-256 (opened when sealed)."""
    kept = letter.strays or {}
    rows = [
        {
            "attempt": attempt,
            "at": iso(attachment.uploaded),
            "sha256": sealing.digest(attachment, keyring),
            "size": attachment.size,
            "filename": attachment.filename,
        }
        for attempt, attachment in kept.items()
    ]
    return sorted(rows, key=lambda r: r["at"] or "")


def actions(pemda: Pemda, letter: Letter, who: Who) -> list[str]:
    roles = who.roles(pemda, letter.unit)
    return list(workflow.allowed_actions(letter, who.caller.name, set(who.held), roles))


# -- plain data ----------------------------------------------------------------------------------
def iso(moment) -> str | None:
    return moment.isoformat() if moment is not None else None


def row(pemda: Pemda, registry: Registry, letter: Letter) -> dict:
    """One line of a queue or register."""
    return {
        "id": letter.id,
        "number": letter.number if letter.state in SIGNED_STATES else "",
        "date": iso(letter.date) if letter.state in SIGNED_STATES else None,
        "hal": letter.field("hal", ""),
        "type": letter.type,
        "type_name": type_name(registry, letter.type),
        "unit": letter.unit,
        "unit_name": unit_name(pemda, letter.unit),
        "sifat": letter.field("sifat", "biasa"),
        "state": letter.state,
        "state_key": f"letter_state_{letter.state}",
        "next_step": next_step(pemda, registry, letter),
        "version": letter.version,
        "author": letter.author,
        "author_name": person(pemda, letter.author),
        "created": iso(letter.created),
        "recipients": [dispatch.label(pemda, registry, t) for t in letter.field("recipients", ())],
    }


def next_step(pemda: Pemda, registry: Registry, letter: Letter) -> dict:
    """{key, params}: what the letter waits for, as a catalogue line."""
    key = NEXT_STEP.get(letter.state, "letter_next_none")
    params: dict[str, str] = {}
    verifiers = letter.field("verifiers", ())
    if letter.state == "verification" and letter.step < len(verifiers):
        params["position"] = position_name(registry, verifiers[letter.step])
    elif letter.state in ("ready", "signing"):
        params["position"] = position_name(registry, letter.field("signer", ""))
    elif letter.state == "returned":
        params["note"] = letter.note
    return {"key": key, "params": params}


def history(pemda: Pemda, letter: Letter) -> list[dict]:
    return [
        {
            "when": when,
            "who": who,
            "who_name": person(pemda, who),
            "what": what,
            "key": f"letter_history_{what}",
            "params": {"who": person(pemda, who), "detail": detail},
        }
        for when, who, what, detail in letter.history.values()
    ]


def approvals(pemda: Pemda, registry: Registry, letter: Letter, day: dt.date) -> list[dict]:
    """The paraf chain in order, with who approved which version and when."""
    chain = []
    for step, code in enumerate(letter.field("verifiers", ())):
        given = letter.approvals.get(code)
        approval = None
        if given is not None:
            version, account, at = given[:3]
            approval = {
                "version": version,
                "account": account,
                "name": person(pemda, account),
                "at": iso(at),
                "current": version == letter.version,
            }
        entry = position_entry(pemda, registry, code, day)
        chain.append({**entry, "step": step, "approval": approval})
    return chain


def letter_dict(pemda: Pemda, registry: Registry, letter: Letter, who: Who) -> dict:
    """Everything a letter's page shows, for a caller who may see it; a recipient's view
    when they see it only as a recipient or copy."""
    if not sees_workings(pemda, letter, who):
        return received_dict(pemda, registry, letter, who)
    read = letter.read_versions.get(who.caller.name, 0)
    found = _what_it_says(pemda, registry, letter, who)
    found.update(
        verifiers=approvals(pemda, registry, letter, who.day),
        step=letter.step,
        note=letter.note,
        versions=[
            {
                "number": n,
                "author": v.author,
                "author_name": person(pemda, v.author),
                "at": iso(v.at),
            }
            for n, v in letter.versions.items()
        ],
        history=history(pemda, letter),
        actions=actions(pemda, letter, who),
        read_version=read,
        changed_since_read=bool(read) and read < letter.version,
        lampiran=[
            {"position": p, "filename": a.filename, "size": a.size}
            for p, a in letter.lampiran.items()
        ],
        into=letter.into,
        in_reply_to=letter.in_reply_to,
        record_id=letter.record_id,
        sent_by=letter.sent_by,
    )
    return found


def received_dict(pemda: Pemda, registry: Registry, letter: Letter, who: Who) -> dict:
    """A sent letter as its recipients and copies see it: what the signed letter says and
    that it is signed, never how it was made (versions, notes, paraf, history, the berkas)."""
    found = _what_it_says(pemda, registry, letter, who)
    found.update(
        received=True,
        lampiran=[{"filename": a.filename, "size": a.size} for a in letter.lampiran.values()],
        actions=[],
    )
    return found


def _what_it_says(pemda: Pemda, registry: Registry, letter: Letter, who: Who) -> dict:
    """The letter's own content and signature, shared by every view of it."""
    found = row(pemda, registry, letter)
    found.update(
        body=letter.field("body", ""),
        urgency=letter.field("urgency", "biasa"),
        classification=letter.field("classification", ""),
        recipients=targets(pemda, registry, letter.field("recipients", ())),
        copies=targets(pemda, registry, letter.field("copies", ())),
        signer=position_entry(pemda, registry, letter.field("signer", ""), who.day),
        signed=signed_facts(pemda, letter),
        sent_at=iso(letter.sent_at),
        reply_to=reply_to(pemda, registry, letter, who),
    )
    return found


def reply_to(pemda: Pemda, registry: Registry, letter: Letter, who: Who) -> dict | None:
    """The incoming letter this one answers ("balasan atas"), for a caller who may see it:
    its id (the page links it), agenda number and hal; else nothing, not even that it exists."""
    table = getattr(registry, "incoming", None) or {}
    found = table.get(letter.in_reply_to) if letter.in_reply_to else None
    if found is None or not sees_incoming(pemda, registry, found, who):
        return None
    return {"id": found.id, "agenda": found.agenda, "hal": found.hal, "sender": found.sender}


def signed_facts(pemda: Pemda, letter: Letter) -> dict | None:
    if not letter.signed_sha256:
        return None
    return {
        "at": iso(letter.signed_at),
        "by": letter.signed_by,
        "by_name": person(pemda, letter.signed_by),
        "acting": letter.signed_as,
        "version": letter.signed_version,
        "sha256": letter.signed_sha256,
        "provider": letter.provider,
        "certified": letter.certified,
        "verify_id": letter.verify_id,
    }


def targets(pemda: Pemda, registry: Registry, values) -> list[dict]:
    return [
        {"value": v, "label": dispatch.label(pemda, registry, v), "kind": v.partition(":")[0]}
        for v in values
    ]


# -- what changed ------------------------------------------------------------------------------
def changes(pemda: Pemda, registry: Registry, letter: Letter, since: int) -> dict:
    """Per field, between the version the reader last read (`since`; 0: never, compared
    with the first) and the current one; the body word by word."""
    start = since if since in letter.versions else letter.versions.minKey()
    before, after = letter.versions[start].fields, letter.current.fields
    fields = []
    for name in COMPARED:
        old, new = before.get(name), after.get(name)
        if old == new:
            continue
        entry = {"field": name, "before": shown(pemda, registry, name, old)}
        entry["after"] = shown(pemda, registry, name, new)
        if name in ("hal", "body"):
            entry["diff"] = word_diff(old or "", new or "")
        fields.append(entry)
    return {"from": start, "to": letter.version, "read": since, "fields": fields}


def shown(pemda: Pemda, registry: Registry, name: str, value):
    if name in ("recipients", "copies"):
        return [dispatch.label(pemda, registry, t) for t in value or ()]
    if name == "signer":
        return position_name(registry, value or "")
    if name == "verifiers":
        return [position_name(registry, c) for c in value or ()]
    return value if value is not None else ""


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """[(op, text)] with op "equal", "insert" or "delete", in reading order."""
    a, b = WORDS.split(old), WORDS.split(new)
    parts: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op in ("equal", "delete", "replace") and i2 > i1:
            parts.append(("equal" if op == "equal" else "delete", "".join(a[i1:i2])))
        if op in ("insert", "replace") and j2 > j1:
            parts.append(("insert", "".join(b[j1:j2])))
    return parts


# -- the printed letter ------------------------------------------------------------------------
@dataclasses.dataclass(frozen=True)
class Final:
    """What signing adds to a letter's print."""

    number: str
    date: dt.date
    account: str  # who signs
    acting: str  # "" | "Plt" | "Plh"
    qr_url: str
    footer: str


def city(pemda: Pemda) -> str:
    """Where letters are dated: the setting, else the Pemda's name without its prefix."""
    configured = pemda.settings.get("letters.city", "")
    if configured:
        return configured
    name = pemda.name
    for prefix in ("Pemerintah Kabupaten ", "Pemerintah Kota ", "Pemerintah Provinsi "):
        if name.startswith(prefix):
            return ("Kota " if "Kota" in prefix else "") + name.removeprefix(prefix)
    return name


def kop_of(pemda: Pemda, registry: Registry, unit_code: str) -> Kop:
    found = registry.kops.get(unit_code) or registry.kops.get("")
    if found is not None:
        return found
    lines = (pemda.name.upper(), unit_name(pemda, unit_code).upper())
    return Kop(tuple(line for line in lines if line))


def body_paragraphs(body: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in re.split(r"\n\s*\n", body or "") if p.strip())


def signature(
    pemda: Pemda, registry: Registry, letter_type: LetterType, unit: str, fields: dict, final
) -> Signature:
    """Plt./Plh. before the title of an acting signer; "a.n." of the unit's head when the
    type asks for it and the signer is not the head."""
    code = fields.get("signer", "")
    found = registry.positions.get(code)
    title = (found.name if found is not None else code).upper()
    if final is not None:
        account, acting = final.account, final.acting
    else:
        account, acting = (found.holder if found is not None else ""), ""
    head = positions.head_of_unit(registry, unit, pemda=pemda)
    atas_nama = ""
    if letter_type.atas_nama and head is not None and head.code != code:
        atas_nama = f"a.n. {head.name.upper()}"
    when = formatting.date_text(final.date, "id") if final is not None else "[tanggal]"
    place = city(pemda)
    judul = letter_type.layout == "judul"
    if judul and final is not None:
        place_date = f"Ditetapkan di {place} pada tanggal {when}"
    else:
        place_date = f"{place}, {when}"
    return Signature(
        place_date=place_date,
        atas_nama=atas_nama,
        title=f"{acting}. {title}" if acting else title,
        name=person(pemda, account),
        identifier="",
    )


def letter_view(
    pemda: Pemda,
    registry: Registry,
    *,
    unit: str,
    type_code: str,
    fields: dict,
    attachments: int = 0,
    final: Final | None = None,
) -> LetterView:
    """The print of a letter: a draft (placeholders, the KONSEP watermark) or, with
    `final`, the letter as it is signed (number, date, QR, footer)."""
    letter_type = registry.types[type_code]
    kop = kop_of(pemda, registry, unit)
    recipients = fields.get("recipients", ())
    return LetterView(
        layout=letter_type.layout,
        font=letter_type.font,
        paper=letter_type.paper,
        type_name=letter_type.name,
        kop_lines=tuple(kop.lines),
        kop_address=kop.address,
        kop_contact=kop.contact,
        logo=kop.logo,
        logo_type=kop.logo_type,
        number=final.number if final is not None else "[nomor]",
        date_text=formatting.date_text(final.date, "id") if final is not None else "[tanggal]",
        sifat=translate(f"letter_sifat_{fields.get('sifat', 'biasa')}", "id"),
        urgency=translate(f"letter_urgency_{fields.get('urgency', 'biasa')}", "id"),
        lampiran=f"{attachments} berkas" if attachments else "-",
        hal=fields.get("hal", ""),
        recipients=tuple(dispatch.label(pemda, registry, t) for t in recipients),
        place=place_of(recipients),
        body=body_paragraphs(fields.get("body", "")),
        signature=signature(pemda, registry, letter_type, unit, fields, final),
        copies=tuple(dispatch.label(pemda, registry, t) for t in fields.get("copies", ())),
        qr_url=final.qr_url if final is not None else "",
        footer=final.footer if final is not None else "",
        draft=final is None,
        group=letter_type.group,
    )


def place_of(recipients) -> str:
    """ "di <address>" for a single external addressee with an address, else "di Tempat"."""
    if len(recipients) == 1 and recipients[0].startswith("external:"):
        address = recipients[0].partition(":")[2].partition(",")[2].strip()
        if address:
            return address
    return "Tempat"


def text_of(view: LetterView) -> list[str]:
    """The letter's own words, page-less, for the index: no need to extract the PDF."""
    lines = [
        view.type_name,
        view.number,
        view.date_text,
        view.hal,
        *view.recipients,
        *view.body,
        view.signature.title,
        view.signature.name,
        *view.copies,
    ]
    return ["\n".join(line for line in lines if line)]


def public_view(pemda: Pemda, registry: Registry, letter: Letter) -> dict:
    """The verification page's register entry; for a classified letter only that it exists
    and its hash."""
    if security(letter) != "B":
        return {"exists": True, "classified": True, "sha256": letter.signed_sha256}
    signer = registry.positions.get(letter.field("signer", ""))
    return {
        "exists": True,
        "classified": False,
        "number": letter.number,
        "date": iso(letter.date),
        "hal": letter.field("hal", ""),
        "type": type_name(registry, letter.type),
        "unit": unit_name(pemda, letter.unit),
        "signer": person(pemda, letter.signed_by),
        "position": signer.name if signer is not None else "",
        "acting": letter.signed_as,
        "signed_at": iso(letter.signed_at),
        "sha256": letter.signed_sha256,
        "provider": letter.provider,
        "certified": letter.certified,
    }


# -- set-up, pickers, registers ---------------------------------------------------------
def position_row(pemda: Pemda, registry: Registry, position, day: dt.date) -> dict:
    return {
        "code": position.code,
        "unit": position.unit,
        "unit_name": unit_name(pemda, position.unit),
        "name": position.name,
        "holder": position.holder,
        "holder_name": person(pemda, position.holder),
        "parent": position.parent,
        "parent_name": position_name(registry, position.parent) if position.parent else "",
        "abbreviation": position.abbreviation,
        "rank": position.rank,
        "active": position.active,
        "acting": [
            {
                "kind": kind,
                "account": account,
                "name": person(pemda, account),
                "start": start.isoformat(),
                "end": end.isoformat(),
                "now": start <= day <= end,
            }
            for kind, account, start, end in position.acting
        ],
    }


def target_choices(pemda: Pemda, registry: Registry | None, day: dt.date) -> list[dict]:
    found = []
    for position in registry.positions.values() if registry else ():
        holders = ", ".join(person(pemda, a) for a, _ in position.holders_on(day))
        unit = unit_name(pemda, position.unit)
        label = f"{position.name} — {holders} ({unit})" if holders else f"{position.name} ({unit})"
        found.append(choice_row(f"position:{position.code}", label, "position"))
    for unit in pemda.units.values():
        found.append(choice_row(f"unit:{unit.code}", unit.name, "unit"))
    for group in registry.groups.values() if registry else ():
        found.append(choice_row(f"group:{group.code}", group.name, "group"))
    return found


def choice_row(value: str, label: str, kind: str) -> dict:
    return {"value": value, "label": label, "kind": kind, "search": f"{value} {label}".lower()}


def record_description(pemda: Pemda, registry: Registry, letter: Letter) -> str:
    recipients = "; ".join(
        dispatch.label(pemda, registry, t) for t in letter.field("recipients", ())
    )
    return translate(
        "letter_record_description",
        "id",
        number=letter.number,
        type=type_name(registry, letter.type),
        recipients=recipients,
    )


def validation_dict(found) -> dict:
    values = dataclasses.asdict(found)
    values["signing_time"] = found.signing_time.isoformat() if found.signing_time else None
    return values


def ca_dict(info) -> dict:
    return {
        "subject": info.subject,
        "serial": str(info.serial),
        "not_before": info.not_before.isoformat(),
        "not_after": info.not_after.isoformat(),
        "fingerprint": info.fingerprint,
    }


def enrolment_dict(enrolment: Enrolment) -> dict:
    return {
        "account": enrolment.account,
        "subject": enrolment.subject,
        "serial": str(enrolment.serial),
        "not_after": enrolment.not_after.isoformat(),
        "fingerprint": enrolment.fingerprint,
        "revoked": enrolment.revoked,
        "nik": bool(getattr(enrolment, "nik", "")),
    }


def register_row(pemda: Pemda, registry: Registry, caller: Caller, value: str) -> dict:
    """One agenda keluar line. Above the caller's clearance only that the number was given,
    when and by whom: no hal, no addressees, no record."""
    if value.startswith("manual:"):
        return manual_row(pemda, registry, value)
    if value.startswith("void:"):
        return void_row(registry, value)
    letter = registry.letters[value]
    line = row(pemda, registry, letter)
    seen = cleared(letter, caller)
    return {
        "id": letter.id,
        "number": letter.number,
        "date": line["date"],
        "hal": line["hal"] if seen else "",
        "recipients": line["recipients"] if seen else [],
        "signer": person(pemda, letter.signed_by),
        "state": letter.state,
        "record": letter.record_id if seen else "",
        "withheld": not seen,
    }


def manual_row(pemda: Pemda, registry: Registry, value: str) -> dict:
    manual = registry.manual.get(value.partition(":")[2])
    return {
        "id": value,
        "number": manual.number if manual else "",
        "date": clock.local(manual.at).date().isoformat() if manual else None,
        "hal": manual.fields.get("hal", "") if manual else "",
        "recipients": [],
        "signer": person(pemda, manual.by) if manual else "",
        "state": "manual",
        "record": "",
        "withheld": False,
    }


def void_row(registry: Registry, value: str) -> dict:
    """A nomor batal: a number a letter held and lost unsigned (filing.void_number), with why
    (a message key in `void_reason`); nothing of the letter itself, which was never sent."""
    voids = getattr(registry, "voids", None)
    void = voids.get(value.partition(":")[2]) if voids is not None else None
    return {
        "id": value,
        "number": void.number if void else "",
        "date": clock.local(void.at).date().isoformat() if void else None,
        "hal": "",
        "recipients": [],
        "signer": "",
        "state": "void",
        "record": "",
        "withheld": False,
        "void_reason": void.reason if void else "",
    }


def row_words(row: dict) -> str:
    """What a register search looks in: only what the row shows (a withheld line's hal and
    addressees are blank, so they cannot be found by guessing either)."""
    parts = [row["number"], row["hal"], row["signer"], *row["recipients"]]
    return " ".join(str(p) for p in parts if p).lower()
