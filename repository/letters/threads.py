"""A received letter's thread: one berkas (a file-level record) in the records tree, under the
unit's series "Naskah Masuk <year>", that holds the letter's documents (the scan or PDF of an
external letter, a byte-identical copy of an internal one's signed PDF, disposition results),
with the letter's classification and class, so retention follows from the JRA as for any
berkas.

The thread is *confined* (core/security.confined_by): only the principals it names and the
Administrator see it, in search and in the record view alike, never the unit's members as
such. It names the unit's registry clerks (by role), the registrar, the permanent holder
(Position.holder) of the position the letter is addressed to and of either end of each live
disposition, and every account that acted on it. An acting holder (Plt/Plh) is never named
for holding: their period starts and ends without any transaction to re-confine the thread,
so naming them would open it before their first day or keep it open after their last. They
read the letter and its documents during their period through Naskah Masuk
(Receiving.incoming / incoming_document, which apply views.sees_incoming on the day); once
they act (dispose, close) they are an account that acted, as in the outgoing chain.
`reconfine` recomputes that after every change of who takes part; principals that drop out
are hidden from the subtree at once (the restriction mechanism of records/sharing.py), until
the index has the new confinement.

Functions here change objects in the caller's transaction; they commit and audit nothing.
"""

from __future__ import annotations

import datetime as dt

from repository.core import clock
from repository.core.content import Pemda, Record, touch
from repository.core.i18n import translate
from repository.core.keys import Keyring, must_seal
from repository.core.sealing import check_key, digest, new_attachment, original_bytes, pages_of
from repository.core.sealing import text_body as new_text_body
from repository.core.security import PERMISSIONS, rank, role_principals
from repository.ingest.pipeline import hold, scheme_version
from repository.letters import (
    messages,  # noqa: F401  (registers the catalogue)
    workindex,
)
from repository.letters.model import Incoming, Letter, Position, Registry
from repository.records.records import create_record
from repository.records.sharing import enqueue_subtree, restrict
from repository.records.units import get_unit

# who keeps a unit's registers (agenda masuk and keluar): the roles of `register_letters`
CLERKS = PERMISSIONS["register_letters"]
SYSTEM = "system"  # the registrar of a letter registered at sending
MEDIA_TYPE = "application/pdf"


def series_for(pemda: Pemda, registry: Registry, unit_code: str, year: int, actor: str) -> Record:
    """The unit's series of received letters of a year, created on first use (titled in
    Bahasa Indonesia: it is an archival description)."""
    key = f"in|{unit_code}|{year}"
    table = registry.table("berkas")
    found = pemda.records.get(table.get(key, ""))
    if found is not None:
        return found
    series = create_record(
        pemda,
        get_unit(pemda, unit_code),
        level="series",
        title=translate("incoming_series_title", "id", year=year),
        actor=actor,
        date_start=dt.date(year, 1, 1),
        date_end=dt.date(year, 12, 31),
    )
    table[key] = series.id
    return series


def open_thread(pemda: Pemda, registry: Registry, incoming: Incoming, actor: str) -> Record:
    """The letter's berkas, created at registration (once: a letter keeps its thread)."""
    found = pemda.records.get(incoming.thread) if incoming.thread else None
    if found is not None:
        return found
    year = incoming.agenda_year or clock.today().year
    series = series_for(pemda, registry, incoming.unit, year, actor)
    thread = create_record(
        pemda,
        series,
        level="file",
        title=translate("incoming_thread_title", "id", agenda=incoming.agenda, hal=incoming.hal),
        actor=actor,
        date_start=incoming.received,
        classification=incoming.classification,
        security=incoming.security or "B",
    )
    version = scheme_version(pemda, incoming.classification) if incoming.classification else None
    if version is not None:
        thread.scheme_version = version
    thread.confined = principals(pemda, registry, incoming)
    incoming.thread = thread.id
    return thread


def principals(pemda: Pemda, registry: Registry, incoming: Incoming) -> tuple[str, ...]:
    """Who may see the thread: the unit's clerks (by role), the registrar, the permanent
    holders of the addressed position and of both ends of each live disposition, and every account
    that acted on the letter (gave or closed a disposition, closed the letter)."""
    found = set(role_principals(get_unit(pemda, incoming.unit), CLERKS))
    accounts = {incoming.registered_by, getattr(incoming, "closed_by", "")}
    codes = {incoming.addressed}
    dispositions = getattr(registry, "dispositions", None) or {}
    for disposition_id in incoming.disposed.values():
        disposition = dispositions.get(disposition_id)
        if disposition is None:
            continue
        accounts |= {disposition.from_account, disposition.closed_by}
        if disposition.live:
            codes |= {disposition.from_position, disposition.to_position}
    for code in codes:
        position = registry.positions.get(code) if code else None
        if position is not None:
            accounts |= holders(position)
    found |= {f"user:{account}" for account in accounts if account and account != SYSTEM}
    return tuple(sorted(found))


def holders(position: Position) -> set[str]:
    """The permanent holder only: an acting period begins and ends by the calendar, not by
    a write, so an acting holder in the confinement would see the berkas outside their days
    (see the module docstring: they read through Naskah Masuk, on their days)."""
    return {position.holder} if position.holder else set()


def reconfine(pemda: Pemda, registry: Registry, incoming: Incoming) -> None:
    """Brings the thread's confinement up to date: queues the subtree for reindexing and
    hides it at once from whoever dropped out (until the index has caught up)."""
    thread = pemda.records.get(incoming.thread) if incoming.thread else None
    if thread is None:
        return
    wanted = principals(pemda, registry, incoming)
    before = tuple(thread.confined)
    if wanted == before:
        return
    thread.confined = wanted
    mark = enqueue_subtree(pemda, thread)
    restrictions = pemda.restrictions
    for principal in set(wanted) - set(before):
        if restrictions is not None:
            restrictions.pop(f"{principal}|{thread.id}", None)
    dropped = sorted(set(before) - set(wanted))
    if dropped:
        restrict(pemda, dropped, thread, clock.today(), mark)


def reconfine_party(pemda: Pemda, registry: Registry, position_code: str) -> int:
    """After a position's holder changed: every letter it takes part in
    (workindex "party") gets its thread re-confined. Returns how many were looked at."""
    table = getattr(registry, "incoming", None) or {}
    found = workindex.ids(registry, "party", [f"position:{position_code}"])
    for incoming_id in found:
        incoming = table.get(incoming_id)
        if incoming is not None:
            reconfine(pemda, registry, incoming)
    return len(found)


def file_copy(
    pemda: Pemda, thread: Record, letter: Letter, keyring: Keyring, actor: str
) -> Record | None:
    """An internal letter's signed PDF, byte for byte, as an item of the thread (the
    sender's original stays filed in the sender's tree), with the letter's own text; also a
    signed reply (Letter.in_reply_to), so the letter and its answers are one berkas. The
    copy takes the stricter of the thread's and the letter's class. None when the letter
    has no signed file (nothing to copy)."""
    signed = letter.signed
    if signed is None:
        return None
    security = max(thread.security, letter.security or "B", key=rank)
    if must_seal(security):
        check_key(pemda, keyring)
    data, sha256 = original_bytes(signed, keyring), digest(signed, keyring)
    item = create_record(
        pemda,
        thread,
        level="item",
        title=letter.field("hal", "") or letter.number or letter.id,
        actor=actor,
        date_start=letter.date,
        description=letter.number,
        classification=thread.classification,
        security=security,
    )
    if thread.scheme_version:
        item.scheme_version = thread.scheme_version
    name = f"{(letter.number or letter.id).replace('/', '-')}.pdf"
    attachment = new_attachment(name, data, MEDIA_TYPE, sha256, security, keyring)
    attachment.text = new_text_body(attachment, pages_of(signed, signed.text, keyring), keyring)
    item.attachments[0] = attachment
    hold(pemda, attachment.sha256, item.id)
    touch(pemda, item)
    return item


def file_duplicate(
    pemda: Pemda,
    thread: Record,
    name: str,
    data: bytes,
    existing: Record,
    keyring: Keyring,
    actor: str,
    title: str = "",
) -> Record:
    """A file the ingest found already stored elsewhere (the same scan received twice, or
    a circular to two positions), filed into this thread all the same and flagged
    "duplicate" with the record it repeats: a confined thread is the only way its readers
    reach their letter's document, so a link to another thread, which they may not see,
    would leave them with nothing. The bytes are the same; the text is the other's."""
    security = thread.security
    if must_seal(security):
        check_key(pemda, keyring)
    source = existing.attachments[0]
    item = create_record(
        pemda,
        thread,
        level="item",
        title=title or existing.title,
        actor=actor,
        date_start=existing.date_start,
        classification=thread.classification,
        security=security,
    )
    if thread.scheme_version:
        item.scheme_version = thread.scheme_version
    sha256 = digest(source, keyring)
    attachment = new_attachment(name, data, source.media_type, sha256, security, keyring)
    attachment.pages = source.pages
    text = pages_of(source, source.text, keyring)
    if text:
        attachment.text = new_text_body(attachment, text, keyring)
    attachment.set_flag("duplicate", existing.id)
    item.attachments[0] = attachment
    hold(pemda, attachment.sha256, item.id)
    touch(pemda, item)
    return item


def documents(pemda: Pemda, incoming: Incoming) -> list[Record]:
    """The thread's items, in the order they were filed."""
    thread = pemda.records.get(incoming.thread) if incoming.thread else None
    if thread is None or not thread.children:
        return []
    return sorted(thread.children.values(), key=lambda r: (r.created, r.id))


def file_reply(pemda: Pemda, registry: Registry, letter: Letter, keyring: Keyring, actor: str):
    """A signed reply's copy in the thread of the letter it answers (in the signing
    transaction); nothing when it answers none or that letter has no thread."""
    incoming = (getattr(registry, "incoming", None) or {}).get(letter.in_reply_to or "")
    thread = pemda.records.get(incoming.thread or "") if incoming is not None else None
    if thread is None:
        return None
    return file_copy(pemda, thread, letter, keyring, actor)
