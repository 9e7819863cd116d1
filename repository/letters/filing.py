"""A signed letter becomes a record: an item of the signing unit, in the berkas the author
chose or in a default berkas per year and classification, with the signed PDF as its one
attachment (the same bytes, sealed for rahasia) and the letter's own text, so search finds it
once the index catches up. Retention follows from the classification through the JRA, as for
any record; a JRA class stricter than the sifat's is applied.

The agenda keluar (outgoing register) is kept per unit and year in `registry.register`.
"""

from __future__ import annotations

import datetime as dt

from BTrees.OOBTree import OOBTree

from repository.core import clock
from repository.core.content import SECURITY_CLASSES, Pemda, Record, Unit, check_security, touch
from repository.core.errors import InvalidInput
from repository.core.i18n import translate
from repository.core.keys import KeyMismatch, Keyring, must_seal
from repository.core.sealing import check_key, digest, new_attachment, original_bytes, text_body
from repository.core.security import Caller
from repository.ingest.pipeline import hold, scheme_version
from repository.letters import messages  # noqa: F401  (registers the catalogue)
from repository.letters.model import SECURITY_OF_SIFAT, Letter, Registry, VoidNumber, new_id
from repository.records.records import create_record
from repository.records.units import get_unit
from repository.workbench.retention import rule_for

MEDIA_TYPE = "application/pdf"


def check_into(pemda: Pemda, caller: Caller, unit_code: str, into: str) -> str:
    """The berkas an author names: a file-level record of the signing unit the author may
    add records to. Raises letter_into_invalid otherwise (also for a record not seen)."""
    if not into:
        return ""
    record = pemda.records.get(into)
    if (
        record is None
        or record.level != "file"
        or record.unit_code != unit_code
        or not caller.may("add_records", record)
    ):
        raise InvalidInput("letter_into_invalid", id=into)
    return record.id


def security_of(pemda: Pemda, sifat: str, classification: str) -> str:
    """The sifat's class, or the JRA's when that is stricter."""
    wanted = SECURITY_OF_SIFAT[sifat]
    rule = rule_for(pemda, classification) if classification else None
    if rule is None or not rule.security:
        return wanted
    return max(wanted, check_security(rule.security), key=SECURITY_CLASSES.index)


def letter_security(pemda: Pemda, letter: Letter) -> str:
    """The class fixed at numbering (transaction A) when there is one: the record and the
    pre-signing key check must agree even if the JRA changes while the provider signs."""
    if letter.security:
        return letter.security
    return security_of(pemda, letter.field("sifat", "biasa"), letter.field("classification", ""))


def check_sealable(pemda: Pemda, security: str, keyring: Keyring) -> None:
    """Before a number is taken: a letter whose record must be sealed can be, with this
    installation's master key (KeyMismatch, or the keyring's own error, otherwise). Read
    only: the first sealing records the key id, in transaction B."""
    if not must_seal(security):
        return
    if pemda.key_id is not None and pemda.key_id != keyring.key_id:
        raise KeyMismatch(path=str(keyring.path))


def berkas_table(registry: Registry) -> OOBTree:
    """ "UNIT|YEAR|KKA" -> record id of the default berkas (model patch: a class-level None)."""
    table = getattr(registry, "berkas", None)
    if table is None:
        table = registry.berkas = OOBTree()
    return table


def default_berkas(pemda: Pemda, registry: Registry, unit: Unit, year: int, kka: str, actor: str):
    """The unit's berkas for outgoing letters of a year and classification, created on the
    first letter that needs it (titled in Bahasa Indonesia: it is an archival description)."""
    key = f"{unit.code}|{year}|{kka}"
    table = berkas_table(registry)
    found = pemda.records.get(table.get(key, ""))
    if found is not None:
        return found
    title = translate("letter_default_berkas", "id", year=year, classification=kka or "-")
    berkas = create_record(
        pemda,
        unit,
        level="file",
        title=title,
        actor=actor,
        date_start=dt.date(year, 1, 1),
        date_end=dt.date(year, 12, 31),
        classification=kka,
    )
    version = scheme_version(pemda, kka) if kka else None
    if version is not None:
        berkas.scheme_version = version
    table[key] = berkas.id
    return berkas


def container_for(pemda: Pemda, registry: Registry, letter: Letter, actor: str):
    """The chosen berkas while it is still a berkas of the signing unit, else the default."""
    kka = letter.field("classification", "")
    chosen = pemda.records.get(letter.into) if letter.into else None
    if chosen is not None and chosen.level == "file" and chosen.unit_code == letter.unit:
        return chosen
    unit = get_unit(pemda, letter.unit)
    return default_berkas(pemda, registry, unit, letter.date.year, kka, actor)


def file_letter(
    pemda: Pemda,
    registry: Registry,
    letter: Letter,
    *,
    pdf: bytes,
    sha256: str,
    text: list[str],
    description: str,
    keyring: Keyring,
    actor: str,
) -> Record:
    """Files the signed letter (in the caller's transaction) and returns the new item."""
    kka = letter.field("classification", "")
    security = letter_security(pemda, letter)
    record = create_record(
        pemda,
        container_for(pemda, registry, letter, actor),
        level="item",
        title=letter.field("hal", ""),
        actor=actor,
        date_start=letter.date,
        description=description,
        classification=kka,
        security=security,
    )
    version = scheme_version(pemda, kka) if kka else None
    if version is not None:
        record.scheme_version = version
    if must_seal(security):
        check_key(pemda, keyring)
    name = f"{(letter.number or letter.id).replace('/', '-')}.pdf"
    attachment = new_attachment(name, pdf, MEDIA_TYPE, sha256, security, keyring)
    attachment.text = text_body(attachment, text, keyring)
    record.attachments[0] = attachment
    hold(pemda, attachment.sha256, record.id)
    touch(pemda, record)
    letter.record_id, letter.signed = record.id, attachment  # one copy of the bytes, shared
    return record


def file_lampiran(pemda: Pemda, record: Record, letter: Letter, keyring: Keyring) -> None:
    """The draft's lampiran files follow the letter into its record, in the record's class
    (sealed or opened again as the class asks: the sifat may have changed since upload)."""
    for attachment in letter.lampiran.values():
        data, sha256 = original_bytes(attachment, keyring), digest(attachment, keyring)
        copy = new_attachment(
            attachment.filename, data, attachment.media_type, sha256, record.security, keyring
        )
        position = record.attachments.maxKey() + 1
        record.attachments[position] = copy
        hold(pemda, copy.sha256, record.id)
    touch(pemda, record)


def register_key(letter: Letter) -> str:
    """Sorts the agenda keluar by date, then by the moment of signing."""
    moment = letter.signed_at.isoformat() if letter.signed_at else ""
    return f"{letter.date.isoformat()}|{moment}|{letter.id}"


def enter_register(registry: Registry, unit_code: str, year: int, key: str, value: str) -> None:
    """One line of the unit's agenda keluar: a letter id, "manual:<id>" or "void:<id>"."""
    book_key = f"{unit_code}|{year}"
    book = registry.register.get(book_key)
    if book is None:
        book = registry.register[book_key] = OOBTree()
    book[key] = value


def void_number(registry: Registry, letter: Letter, reason: str) -> VoidNumber:
    """The letter loses the number it holds (not signed with it): a "void:<id>" line in the
    agenda keluar of the number's unit and year, in the caller's transaction, so the register
    shows a nomor batal with its reason instead of an invisible gap. `reason` is a message
    key (letter_number_void_rejected, _withdrawn, _scope)."""
    table = registry.voids
    if table is None:
        table = registry.voids = OOBTree()
    void = VoidNumber(new_id(), letter.id, letter.number, letter.number_scope, reason)
    table[void.id] = void
    day = letter.date or clock.today()
    year = int(letter.number_scope.rsplit("|", 1)[-1])
    key = f"{day.isoformat()}|{void.at.isoformat()}|void:{void.id}"
    enter_register(registry, letter.unit, year, key, f"void:{void.id}")
    letter.number, letter.number_scope, letter.number_urut = "", "", 0
    return void


def register_entries(registry: Registry, unit_code: str, year: int) -> list[str]:
    book = registry.register.get(f"{unit_code}|{year}")
    return list(book.values()) if book is not None else []
